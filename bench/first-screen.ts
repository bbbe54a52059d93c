// First screen benchmark: npm run bench:first-screen. Serves the built web app on a fresh
// PGlite database with a small demo organisation and loads it in headless Chromium, counting
// the bytes that crossed the network (bodies as sent plus headers, from the browser's own
// network events) for the sign-in screen and then for the manager's first screen after
// signing in. The reference in the same run is the same files uncompressed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { demoPassword } from '../src/demo/generate.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { ensureWebBuilt } from '../src/server.js';
import { record } from './findings.js';

const targetKb = 120;

interface Tally {
  requests: number;
  wire: number;
  decoded: number;
}

export async function runFirstScreenBenchmark(): Promise<void> {
  ensureWebBuilt((line) => process.stderr.write(`${line}\n`));
  const dir = mkdtempSync(join(tmpdir(), 'twoway-bench-screen-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: dir });
  const browser = await chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    await database.migrate();
    await seedDemo(database.db, { people: 200, seed: 3 });
    const app = await buildApp({ database, config: loadConfig({ TWOWAY_DEMO: 'false' }), serveWeb: true });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    let tally: Tally = { requests: 0, wire: 0, decoded: 0 };
    const decodedById = new Map<string, number>();
    cdp.on('Network.dataReceived', (e) =>
      decodedById.set(e.requestId, (decodedById.get(e.requestId) ?? 0) + e.dataLength),
    );
    cdp.on('Network.loadingFinished', (e) => {
      tally.requests += 1;
      tally.wire += e.encodedDataLength;
      tally.decoded += decodedById.get(e.requestId) ?? 0;
    });
    const screens: Array<[string, Tally]> = [];

    await page.goto(`${base}/`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: /^sign in$/i }).waitFor();
    screens.push(['sign-in (cold cache)', tally]);

    tally = { requests: 0, wire: 0, decoded: 0 };
    await page.getByLabel('Work email').fill('manager@northwind.example');
    await page.getByLabel('Password').fill(demoPassword);
    await page.getByRole('button', { name: /^sign in$/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.waitForLoadState('networkidle');
    screens.push(['manager, after sign-in', tally]);

    tally = { requests: 0, wire: 0, decoded: 0 };
    await page.reload({ waitUntil: 'networkidle' });
    screens.push(['manager, reload (warm cache)', tally]);

    const kb = (n: number) => (n / 1000).toFixed(1);
    const rows = screens.map(([name, t]) => [
      name,
      String(t.requests),
      kb(t.wire),
      kb(t.decoded),
      (t.wire / Math.max(1, t.decoded)).toFixed(2),
    ]);
    const first = screens[0]?.[1] as Tally;
    const cold = first.wire + (screens[1]?.[1].wire ?? 0);
    process.stdout.write(
      `| screen | requests | transferred kB | uncompressed kB | ratio |\n| --- | ---: | ---: | ---: | ---: |\n${rows
        .map((r) => `| ${r.join(' | ')} |`)
        .join('\n')}\n\n`,
    );
    record({
      figure: 'first screen (sign-in), JavaScript and all, transferred',
      value: `${kb(first.wire)} kB`,
      target: `< ${targetKb} kB`,
      met: first.wire < targetKb * 1000,
    });
    process.stdout.write(
      `first screen (sign-in): ${kb(first.wire)} kB transferred, target < ${targetKb} kB: ${first.wire < targetKb * 1000 ? 'met' : 'NOT met'}\n` +
        `sign-in then the manager's first screen, cold: ${kb(cold)} kB\n`,
    );
    await app.close();
  } finally {
    await browser.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('first-screen.ts')) {
  runFirstScreenBenchmark().catch((err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exit(1);
  });
}
