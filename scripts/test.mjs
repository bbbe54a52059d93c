// The README's test command: type-checks and lints (on a full run), starts a
// throwaway PostgreSQL server, runs every test project (engine, PGlite,
// PostgreSQL) and then the browser tests, stops the server, and prints one
// closing line that CI reads. Output is passed through as it comes, and an
// interrupted run (Ctrl-C, a CI timeout) still stops its server.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
const fullRun = process.argv.length <= 2;

// Strict types and the lint rules hold for the whole tree, so a full run checks them
// first; each counts as one test.
const checks = fullRun
  ? [
      ['typecheck', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']],
      ['typecheck web', ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'web/tsconfig.json']],
      ['lint', ['node_modules/@biomejs/biome/bin/biome', 'check', '.']],
    ]
  : [];
let checksFailed = 0;
for (const [name, args] of checks) {
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (r.status === 0) continue;
  checksFailed++;
  process.stdout.write(`${name} failed:\n${r.stdout ?? ''}${r.stderr ?? ''}\n`);
}
if (fullRun) process.stdout.write(`checks: ${checks.length - checksFailed} passed, ${checksFailed} failed\n`);
// A free port of our own, so test runs side by side never share (or stop) one server.
const port = await new Promise((resolve, reject) => {
  const probe = createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
let url = null;
const stopServer = () =>
  spawnSync(process.execPath, ['scripts/pg-server.mjs', 'stop', String(port)], { stdio: 'inherit' });

let running = null;
/** Runs a node script, showing its output as it comes and keeping it to read the count line. */
function runNode(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    running = child;
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (status) => {
      running = null;
      resolve({ status, stdout });
    });
  });
}
// 128 + the signal's number, as a shell reports a process ended by it.
for (const [signal, number] of [
  ['SIGINT', 2],
  ['SIGTERM', 15],
]) {
  process.on(signal, () => {
    running?.kill(signal);
    stopServer();
    process.exit(128 + number);
  });
}

try {
  url = execFileSync(process.execPath, ['scripts/pg-server.mjs', 'start', String(port)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  env.TWOWAY_TEST_DATABASE_URL = url;
  process.stdout.write(`test PostgreSQL server: ${url}\n`);
} catch (err) {
  process.stderr.write(`Could not start the test PostgreSQL server: ${err.message}\n`);
  process.exit(1);
}

let passed = checks.length - checksFailed;
let failed = checksFailed;
let skipped = 0;
let code = checksFailed > 0 ? 1 : 0;
try {
  const vitest = await runNode(['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)]);
  const m = /vitest: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(vitest.stdout ?? '');
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
    skipped += Number(m[3]);
  }
  if (vitest.status !== 0 || !m) {
    code = 1;
    if (!m) failed += 1;
  }
  if (existsSync('tests/e2e/run.mjs') && fullRun) {
    const e2e = await runNode(['tests/e2e/run.mjs']);
    const e = /e2e: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(e2e.stdout ?? '');
    if (e) {
      passed += Number(e[1]);
      failed += Number(e[2]);
      skipped += Number(e[3]);
    }
    if (e2e.status !== 0 || !e) {
      code = 1;
      if (!e) failed += 1;
    }
  }
} finally {
  stopServer();
}
if (skipped > 0) process.stdout.write(`(${skipped} skipped)\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(code);
