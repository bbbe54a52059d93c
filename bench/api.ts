// API benchmark: npm run bench -- api [--pglite-people N] [--pg-people N] [--seconds S] [--pglite-only | --pg-only].
// Serves the product on a fresh database with a demo organisation and loads each read a person
// waits for with autocannon (10 connections, each read warmed for 3 s first), reporting p99
// against its target and the ratio to GET /healthz in the same run (the reference: routing and
// one SELECT 1). Then it times what a manager waits for when matching: a match run and its
// publication over the largest programme (load, solve, save), and a run on each programme of the
// 600-person demo.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { demoPassword } from '../src/demo/generate.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { record } from './findings.js';
import { flag, type PostgresServer, startPostgres } from './support.js';

interface Served {
  base: string;
  cookie: string;
  close: () => Promise<void>;
}

async function serve(database: Database): Promise<Served> {
  const app = await buildApp({ database, config: loadConfig({ TWOWAY_DEMO: 'false' }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'manager@northwind.example', password: demoPassword }),
  });
  if (!signIn.ok) throw new Error(`sign-in answered ${signIn.status}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { base, cookie, close: () => app.close() };
}

async function call<T>(s: Served, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${s.base}${path}`, {
    method,
    headers: {
      cookie: s.cookie,
      origin: s.base,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

interface ProgrammeView {
  id: string;
  name: string;
  status: string;
  enrolled: { people: number } | null;
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
}

/** Loads each read with autocannon; prints one table and records each p99 against the target. */
async function loadReads(
  s: Served,
  label: string,
  seconds: number,
  targetMs: number,
  matched: Matched,
): Promise<void> {
  const relationships = await call<{ items: { id: string }[] }>(
    s,
    'GET',
    `/api/programmes/${matched.programmeId}/relationships?limit=1`,
  );
  const targets: [string, string | undefined][] = [
    ['GET /api/me', '/api/me'],
    ['GET /api/programmes', '/api/programmes'],
    ['GET /api/people?limit=50', '/api/people?limit=50'],
    ['GET /api/people?q=ellis', '/api/people?q=ellis&limit=50'],
    [
      'GET /api/programmes/:id/enrolments?limit=50',
      `/api/programmes/${matched.programmeId}/enrolments?limit=50`,
    ],
    ['GET /api/match-runs/:id?limit=50', `/api/match-runs/${matched.runId}?limit=50`],
    [
      'GET /api/relationships/:id',
      relationships.items[0] ? `/api/relationships/${relationships.items[0].id}` : undefined,
    ],
  ];
  process.stdout.write(
    `\n${label}: ${seconds} s per endpoint after ${warmSeconds} s of warm-up, 10 connections; target p99 < ${targetMs} ms\n\n${tableHead}`,
  );
  const reference = await loadOne(s, label, seconds, targetMs, 'GET /healthz (reference)', '/healthz', 0);
  for (const [name, path] of targets) {
    if (!path) process.stdout.write(`| ${name} | (nothing to read in this demo) | | | | | | |\n`);
    else await loadOne(s, label, seconds, targetMs, name, path, reference);
  }
  if (matched.draftPage) process.stdout.write(matched.draftPage);
}

const tableHead =
  '| endpoint | req/s | p50 ms | p99 ms | warm-up p99 ms | non-2xx | req/s vs /healthz | target |\n|---|---:|---:|---:|---:|---:|---:|---|\n';

/**
 * Each read is loaded for this long before its measured window: a fresh process compiles a
 * route's code over its first seconds (31-43 req/s in the first, 72-82 in the second, over 100
 * from the third), which a server that has been up for a while has long done. Its p99 is
 * printed beside the window's.
 */
const warmSeconds = 3;

/**
 * Loads one read for `seconds` with 10 connections, prints its row and records its p99 (unless it
 * is the reference, reference 0). Returns its requests per second.
 */
async function loadOne(
  s: Served,
  label: string,
  seconds: number,
  targetMs: number,
  name: string,
  path: string,
  reference: number,
  write: (row: string) => void = (row) => process.stdout.write(row),
): Promise<number> {
  const load = (duration: number) =>
    autocannon({ url: `${s.base}${path}`, connections: 10, duration, headers: { cookie: s.cookie } });
  const warm = await load(warmSeconds);
  const result = await load(seconds);
  const rps = result.requests.average;
  const isReference = reference === 0;
  const ratio = isReference ? 1 : rps / reference;
  // No answer within the whole window leaves autocannon's latencies at 0: that is a miss, not a pass.
  const answered = result.requests.total > 0;
  const ok = answered && result.latency.p99 < targetMs && result.non2xx + warm.non2xx === 0;
  const ms = (x: number) => (answered ? x.toFixed(1) : `> ${seconds * 1000}`);
  const warmP99 = warm.requests.total > 0 ? warm.latency.p99.toFixed(1) : `> ${warmSeconds * 1000}`;
  write(
    `| ${name} | ${rps.toFixed(0)} | ${ms(result.latency.p50)} | ${ms(result.latency.p99)} | ${warmP99} | ${result.non2xx + warm.non2xx} | ${ratio.toFixed(2)}x | ${isReference ? 'reference' : ok ? 'met' : 'NOT met'} |\n`,
  );
  if (!isReference)
    record({
      figure: `${label}: ${name} p99`,
      value: `${ms(result.latency.p99)} ms (warm-up ${warmP99} ms; healthz ${ratio.toFixed(2)}x req/s)`,
      target: `< ${targetMs} ms`,
      met: ok,
    });
  return rps;
}

/** Moves an enrolling programme on to matching, as a manager does before the first run. */
async function startMatching(s: Served, p: ProgrammeView): Promise<void> {
  if (p.status === 'enrolling')
    await call(s, 'POST', `/api/programmes/${p.id}/transitions`, { to: 'matching' });
}

interface Matched {
  programmeId: string;
  runId: string;
  /** The table row of a page of the run read while it was a draft (staleness checked on each read). */
  draftPage?: string;
}

/**
 * A full match run over the largest programme, then its publication, timed through the API; between
 * the two, a page of the draft run is loaded (a draft's read also answers whether it is stale).
 */
async function matchAndPublish(
  s: Served,
  label: string,
  seconds: number,
  targetMs: number,
): Promise<Matched> {
  const programmes = await call<ProgrammeView[]>(s, 'GET', '/api/programmes');
  const target = programmes
    .filter((p) => p.status === 'enrolling' || p.status === 'matching')
    .sort((a, b) => (b.enrolled?.people ?? 0) - (a.enrolled?.people ?? 0))[0];
  if (!target) throw new Error('the demo has no programme to match');
  await startMatching(s, target);
  const [run, runMs] = await timed(() =>
    call<{ id: string; version: number; pairCount: number }>(
      s,
      'POST',
      `/api/programmes/${target.id}/match-runs`,
      {},
    ),
  );
  const healthz = await loadOne(s, label, seconds, targetMs, 'healthz', '/healthz', 0, () => {});
  let draftPage = '';
  await loadOne(
    s,
    label,
    seconds,
    targetMs,
    'GET /api/match-runs/:id?limit=50 (draft)',
    `/api/match-runs/${run.id}?limit=50`,
    healthz,
    (row) => {
      draftPage = row;
    },
  );
  const [, publishMs] = await timed(() =>
    call(s, 'POST', `/api/match-runs/${run.id}/publish`, { version: run.version }),
  );
  const people = target.enrolled?.people ?? 0;
  process.stdout.write(
    `\n${label}: match run over "${target.name}" (${people} enrolled, ${run.pairCount} pairs): run ${(runMs / 1000).toFixed(2)} s, publish ${(publishMs / 1000).toFixed(2)} s\n`,
  );
  const big = people >= 20_000;
  record({
    figure: `${label}: API match run, ${people} enrolments (load, solve, save)`,
    value: `${(runMs / 1000).toFixed(2)} s`,
    target: big ? '< 15 s at 20,000 enrolments' : '(target is for 20,000 enrolments)',
    met: big ? runMs < 15_000 : null,
  });
  record({
    figure: `${label}: publish of that run (${run.pairCount} pairs)`,
    value: `${(publishMs / 1000).toFixed(2)} s`,
    target: big ? '< 10 s at 20,000 enrolments' : '(target is for 20,000 enrolments)',
    met: big ? publishMs < 10_000 : null,
  });
  return { programmeId: target.id, runId: run.id, draftPage };
}

/** A run on each programme of the everyday demo: what a manager waits for after pressing "Run matching". */
async function demoRuns(s: Served): Promise<void> {
  const programmes = await call<ProgrammeView[]>(s, 'GET', '/api/programmes');
  process.stdout.write('\nMatch runs on the 600-person demo (best of 3, the first one cold)\n\n');
  process.stdout.write('| programme | enrolled | first ms | best ms | target |\n|---|---:|---:|---:|---|\n');
  for (const p of programmes) {
    if (p.status !== 'enrolling' && p.status !== 'matching') continue;
    await startMatching(s, p);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [, ms] = await timed(() => call(s, 'POST', `/api/programmes/${p.id}/match-runs`, {}));
      times.push(ms);
    }
    const best = Math.min(...times);
    const ok = best < 300;
    process.stdout.write(
      `| ${p.name} | ${p.enrolled?.people ?? 0} | ${times[0]?.toFixed(0)} | ${best.toFixed(0)} | ${ok ? 'met' : 'NOT met'} |\n`,
    );
    record({
      figure: `demo: match run on "${p.name}" (${p.enrolled?.people ?? 0} enrolled), best of 3`,
      value: `${best.toFixed(0)} ms (first ${times[0]?.toFixed(0)} ms)`,
      target: '< 300 ms',
      met: ok,
    });
  }
}

async function onDatabase(
  label: string,
  open: () => Promise<Database>,
  people: number,
  seconds: number,
  targetMs: number,
): Promise<void> {
  const database = await open();
  try {
    await database.migrate();
    const [, seedMs] = await timed(() => seedDemo(database.db, { people, seed: 11 }));
    process.stdout.write(`\n${label}: demo of ${people} people seeded in ${(seedMs / 1000).toFixed(1)} s\n`);
    const s = await serve(database);
    try {
      const matched = await matchAndPublish(s, label, seconds, targetMs);
      // The seed, the run and its publication wrote hundreds of thousands of rows just now; a live
      // database has long vacuumed such writes (autovacuum, or the embedded database's hourly
      // upkeep), and their first vacuum landing inside a read's window was its slowest seconds.
      const [, vacuumMs] = await timed(() => database.db.execute(sql`vacuum analyze`));
      process.stdout.write(
        `\n${label}: vacuumed after the bulk writes in ${(vacuumMs / 1000).toFixed(1)} s\n`,
      );
      await loadReads(s, label, seconds, targetMs, matched);
    } finally {
      await s.close();
    }
  } finally {
    await database.close();
  }
}

export async function runApiBenchmark(argv: string[]): Promise<void> {
  const seconds = flag(argv, 'seconds', 5, { fractions: true });
  if (!argv.includes('--pg-only')) {
    const dir = mkdtempSync(join(tmpdir(), 'twoway-bench-'));
    try {
      await onDatabase(
        `PGlite, ${flag(argv, 'pglite-people', 20_000)} people`,
        () => openDatabase({ kind: 'pglite', dataDir: dir }),
        flag(argv, 'pglite-people', 20_000),
        seconds,
        100,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const demoDir = mkdtempSync(join(tmpdir(), 'twoway-bench-demo-'));
    const database = await openDatabase({ kind: 'pglite', dataDir: demoDir });
    try {
      await database.migrate();
      await seedDemo(database.db, { people: 600, seed: 1 });
      const s = await serve(database);
      try {
        await demoRuns(s);
      } finally {
        await s.close();
      }
    } finally {
      await database.close();
      rmSync(demoDir, { recursive: true, force: true });
    }
  }
  if (!argv.includes('--pglite-only')) {
    let postgres: PostgresServer;
    try {
      postgres = await startPostgres();
    } catch (err) {
      process.stdout.write(
        `\nPostgreSQL not available here (${(err as Error).message.split('\n')[0]}); skipped.\n`,
      );
      return;
    }
    try {
      await onDatabase(
        `PostgreSQL, ${flag(argv, 'pg-people', 200_000)} people`,
        () => openDatabase({ kind: 'postgres', url: postgres.url }),
        flag(argv, 'pg-people', 200_000),
        seconds,
        50,
      );
    } finally {
      postgres.stop();
    }
  }
}

if (process.argv[1]?.endsWith('api.ts')) {
  runApiBenchmark(process.argv.slice(2)).catch((err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
}
