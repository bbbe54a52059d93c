// API load benchmark: npm run bench:api [-- --people N --seconds S].
// Serves the product on a fresh PGlite database with a demo organisation and loads
// each read endpoint with autocannon, reporting throughput, latency, and the ratio
// to GET /healthz measured in the same run (the reference: routing and one SELECT 1).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { demoPassword } from '../src/demo/generate.js';
import { seedDemo } from '../src/demo/seed-demo.js';

function flag(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

export async function runApiBenchmark(argv: string[]): Promise<void> {
  const peopleCount = flag(argv, 'people', 20_000);
  const seconds = flag(argv, 'seconds', 5);
  const dir = mkdtempSync(join(tmpdir(), 'twoway-bench-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    await database.migrate();
    await seedDemo(database.db, { people: peopleCount, seed: 11 });
    const app = await buildApp({ database, config: loadConfig({ TWOWAY_DEMO: 'false' }) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'manager@northwind.example', password: demoPassword }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const programmes = (await (await fetch(`${base}/api/programmes`, { headers: { cookie } })).json()) as {
      id: string;
    }[];
    const targets: [string, string][] = [
      ['GET /healthz (reference)', '/healthz'],
      ['GET /api/me', '/api/me'],
      ['GET /api/programmes', '/api/programmes'],
      ['GET /api/people?limit=50', '/api/people?limit=50'],
      ['GET /api/people?q=ellis', '/api/people?q=ellis&limit=50'],
      ['GET /api/programmes/:id/enrolments (all)', `/api/programmes/${programmes[0]?.id}/enrolments`],
      [
        'GET /api/programmes/:id/enrolments?limit=50',
        `/api/programmes/${programmes[0]?.id}/enrolments?limit=50`,
      ],
      [
        'GET /api/programmes/:id/enrolments/summary',
        `/api/programmes/${programmes[0]?.id}/enrolments/summary`,
      ],
    ];
    process.stdout.write(
      `API on PGlite, ${peopleCount} people, ${seconds} s per endpoint, 10 connections\n\n`,
    );
    process.stdout.write(
      '| endpoint | req/s | p50 ms | p99 ms | non-2xx | throughput vs /healthz |\n|---|---:|---:|---:|---:|---:|\n',
    );
    let reference = 0;
    for (const [label, path] of targets) {
      const result = await autocannon({
        url: `${base}${path}`,
        connections: 10,
        duration: seconds,
        headers: { cookie },
      });
      const rps = result.requests.average;
      if (reference === 0) reference = rps;
      process.stdout.write(
        `| ${label} | ${rps.toFixed(0)} | ${result.latency.p50.toFixed(1)} | ${result.latency.p99.toFixed(1)} | ${result.non2xx} | ${(rps / reference).toFixed(2)}x |\n`,
      );
    }
    await app.close();
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('api.ts')) {
  runApiBenchmark(process.argv.slice(2)).catch((err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
}
