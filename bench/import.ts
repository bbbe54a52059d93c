// People import under load: npm run bench -- import [--rows N] [--pg-only | --pglite-only].
// Starts the real server as a child process (PGlite, then PostgreSQL when the machine
// has it), imports N generated people through POST /api/people/import while polling
// /healthz on a fixed schedule (open loop: a stalled server still gets asked every
// interval, so a stall counts once per missed tick), and compares health latency with
// a no-import reference taken in the same run. Peak RSS comes from the kernel's
// high-water mark (VmHWM), reset just before the import.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, freePort, type PostgresServer, startPostgres } from './support.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const targets = { healthP99Ms: 200, rssAboveIdleMb: 300 };
const pollEveryMs = 20;

/** An HR export of `rows` people: a tree of managers, every column filled. */
export function generatePeopleCsv(rows: number): string {
  const lines = [
    'employee_id,name,email,job_title,job_level,department,manager,location,time_zone,languages,hire_date,birth_year',
  ];
  const departments = ['Engineering', 'Sales', 'Operations', 'Finance', 'People', 'Marketing'];
  const zones = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'Asia/Singapore'];
  for (let i = 1; i <= rows; i++) {
    // Person i reports to person floor(i / 8): a tree eight wide, the root has no manager.
    const manager = i === 1 ? '' : `E${Math.floor(i / 8) || 1}`;
    const level = Math.max(1, 12 - Math.floor(Math.log2(i + 1)));
    lines.push(
      `E${i},Person ${i} Example,person${i}@bench.example,Role ${i % 97},${level},${departments[i % 6]},${manager},City ${i % 40},${zones[i % 4]},en;de,20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10},${1960 + (i % 45)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);

/** Health answers that were not 200, by status (0: no answer, the request failed). */
const notOk = new Map<number, number>();

/** Asks /healthz every `pollEveryMs` until `stop` resolves; returns each answer's latency (ms). */
async function pollHealth(base: string, stop: Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  let done = false;
  void stop.finally(() => {
    done = true;
  });
  while (!done) {
    const started = performance.now();
    // A refused or timed-out request counts with the time it waited: at least that slow.
    inFlight.push(
      fetch(`${base}/healthz`, { signal: AbortSignal.timeout(120_000) }).then(
        async (res) => {
          await res.arrayBuffer();
          latencies.push(performance.now() - started);
          if (!res.ok) notOk.set(res.status, (notOk.get(res.status) ?? 0) + 1);
        },
        () => {
          latencies.push(performance.now() - started);
          notOk.set(0, (notOk.get(0) ?? 0) + 1);
        },
      ),
    );
    await sleep(pollEveryMs);
  }
  await Promise.all(inFlight);
  return latencies.sort((a, b) => a - b);
}

/** A POST that waits as long as the server takes (fetch gives up on headers after 300 s). */
function postWithoutTimeout(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Result {
  database: string;
  importSeconds: number;
  status: number;
  reference: number[];
  during: number[];
  idleMb: number;
  peakAboveIdleMb: number;
}

async function benchOne(label: string, env: Record<string, string>, csv: string): Promise<Result> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main.ts'), '--services=web'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), TWOWAY_DEMO: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  // The server must not outlive the benchmark, however it ends.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      const ok = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 600) throw new Error('the server did not start within 60 s');
      await sleep(100);
    }
    const email = 'admin@bench.example';
    const password = 'import bench password 1';
    const created = await fetch(`${base}/api/organisations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({
        name: 'Bench',
        slug: 'bench',
        admin: { name: 'Bench Admin', email, password, jobTitle: null },
      }),
    });
    if (created.status !== 201) throw new Error(`creating the organisation: ${await created.text()}`);
    const signIn = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email, password }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (!signIn.ok) throw new Error(`signing in: ${await signIn.text()}`);

    // Reference: health alone, same server, same schedule.
    const reference = await pollHealth(base, sleep(3000));
    const idle = memoryOf(child.pid as number);
    // Writing 5 to clear_refs resets the peak (VmHWM) to the current RSS.
    writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
    const started = performance.now();
    const importing = postWithoutTimeout(`${base}/api/people/import`, csv, {
      'content-type': 'text/csv',
      cookie,
      origin: base,
    });
    const during = await pollHealth(base, importing);
    const answer = await importing;
    const importSeconds = (performance.now() - started) / 1000;
    const peak = memoryOf(child.pid as number).hwm;
    if (answer.status !== 200)
      process.stderr.write(`import answered ${answer.status}: ${answer.body.slice(0, 500)}\n`);
    return {
      database: label,
      importSeconds,
      status: answer.status,
      reference,
      during,
      idleMb: idle.rss / 2 ** 20,
      peakAboveIdleMb: (peak - idle.rss) / 2 ** 20,
    };
  } finally {
    process.off('exit', killChild);
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

async function postgresIfAny(): Promise<PostgresServer | null> {
  try {
    return await startPostgres();
  } catch (err) {
    process.stdout.write(
      `PostgreSQL not available here (${(err as Error).message.split('\n')[0]}); skipped.\n`,
    );
    return null;
  }
}

const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
const ratio = (value: number, reference: number) => `${(value / reference).toFixed(1)}x`;

export async function runImportBenchmark(argv: string[]): Promise<void> {
  const rows = flag(argv, 'rows', 200_000);
  const csv = generatePeopleCsv(rows);
  process.stdout.write(
    `Import of ${rows} people (${(csv.length / 2 ** 20).toFixed(1)} MB of CSV) through the real server; /healthz asked every ${pollEveryMs} ms\n` +
      `Load average at the start (1, 5, 15 min): ${load()} on ${availableParallelism()} cores\n\n`,
  );
  const results: Result[] = [];
  if (!argv.includes('--pg-only')) {
    const dir = mkdtempSync(join(tmpdir(), 'twoway-bench-import-'));
    try {
      results.push(await benchOne('PGlite', { TWOWAY_DATA_DIR: dir }, csv));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!argv.includes('--pglite-only')) {
    const postgres = await postgresIfAny();
    if (postgres) {
      try {
        results.push(await benchOne('PostgreSQL', { DATABASE_URL: postgres.url }, csv));
      } finally {
        postgres.stop();
      }
    }
  }
  process.stdout.write(
    '| database | import s | rows/s | answer | health p50 ms (no import) | health p99 ms (no import) | health p50 ms (import) | health p99 ms (import) | p99 target | peak RSS above idle MB | RSS target |\n' +
      '|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n',
  );
  for (const r of results) {
    const p50 = quantile(r.during, 0.5);
    const p99 = quantile(r.during, 0.99);
    const ref50 = quantile(r.reference, 0.5);
    const ref99 = quantile(r.reference, 0.99);
    process.stdout.write(
      `| ${r.database} | ${r.importSeconds.toFixed(1)} | ${(rows / r.importSeconds).toFixed(0)} | ${r.status} | ${ref50.toFixed(1)} | ${ref99.toFixed(1)} | ${p50.toFixed(1)} (${ratio(p50, ref50)}) | ${p99.toFixed(1)} (${ratio(p99, ref99)}) | < ${targets.healthP99Ms}: ${met(p99 < targets.healthP99Ms)} | ${r.peakAboveIdleMb.toFixed(0)} (idle ${r.idleMb.toFixed(0)}; peak ${ratio(r.idleMb + r.peakAboveIdleMb, r.idleMb)} idle) | < ${targets.rssAboveIdleMb}: ${met(r.peakAboveIdleMb < targets.rssAboveIdleMb)} |\n`,
    );
  }
  process.stdout.write(`\nLoad average at the end (1, 5, 15 min): ${load()}\n`);
  process.stdout.write(
    `\n(${results.map((r) => `${r.database}: ${r.during.length} health answers during the import`).join('; ')}; answers other than 200, by status (0 = failed): ${JSON.stringify(Object.fromEntries(notOk))})\n`,
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

if (process.argv[1]?.endsWith('import.ts')) {
  runImportBenchmark(process.argv.slice(2)).catch((err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
}
