// Twoway as an operator runs it: real processes (`tsx src/main.ts`) started together on one
// database, and stopped with SIGTERM while they take writes.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { withDatabase } from './db/testing/postgres-setup.js';
import { demoPassword } from './demo/generate.js';

const onPostgres = process.env.TWOWAY_TEST_DB === 'postgres';
const adminUrl = process.env.TWOWAY_TEST_DATABASE_URL ?? '';

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

const started: Running[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const r of started) r.child.kill('SIGKILL');
  for (const c of cleanups) await c();
});

/** Starts `npm start -- --services=web` (or the worker) on the given database and waits until it serves. */
function startProcess(env: Record<string, string>, service: 'web' | 'worker' = 'web'): Promise<Running> {
  // As `npm start` runs it: node itself receives the signal (tsx's own launcher would relay it).
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', `--services=${service}`], {
    env: {
      ...process.env,
      PORT: '0',
      TWOWAY_WEB: 'false',
      TWOWAY_DEMO_PEOPLE: '50',
      LOG_LEVEL: 'warn',
      SHUTDOWN_GRACE_SECONDS: '20',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = new Promise<Running>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Twoway is running at (http:\/\/\S+) /.exec(out);
      if (m?.[1]) resolve({ child, url: m[1].replace('localhost', '127.0.0.1'), output: () => out, exited });
      if (service === 'worker' && /Worker sending/.test(out))
        resolve({ child, url: '', output: () => out, exited });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`exited with ${code} before serving:\n${out}`)));
  });
  return running.then((r) => {
    started.push(r);
    return r;
  });
}

async function emptyPostgresDatabase(): Promise<string> {
  const name = `twoway_ops_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  return withDatabase(adminUrl, name);
}

async function stopAll(processes: Running[]): Promise<(number | null)[]> {
  for (const p of processes) p.child.kill('SIGTERM');
  return Promise.all(processes.map((p) => p.exited));
}

describe.skipIf(!onPostgres)('many processes on one PostgreSQL', () => {
  it('four processes started together on an empty database all serve: one migrates and seeds, the others wait', async () => {
    const url = await emptyPostgresDatabase();
    const first = await Promise.all([1, 2, 3, 4].map(() => startProcess({ DATABASE_URL: url })));
    for (const p of first) {
      const ready = await fetch(`${p.url}/readyz`);
      expect(ready.status, p.output()).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', migrated: true });
    }
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const orgs = await c.query('select count(*)::int as n from organisations');
    await c.end();
    expect(orgs.rows[0].n).toBe(1);
    expect(await stopAll(first)).toEqual([0, 0, 0, 0]);

    // Again on the migrated, seeded database (a rolling restart).
    const second = await Promise.all([1, 2, 3, 4].map(() => startProcess({ DATABASE_URL: url })));
    for (const p of second) expect((await fetch(`${p.url}/readyz`)).status).toBe(200);
    expect(await stopAll(second)).toEqual([0, 0, 0, 0]);
  }, 240_000);
});

/** One process under write load; SIGTERM mid-load; every request answered, every 2xx kept. */
async function sigtermUnderLoad(env: Record<string, string>) {
  const server = await startProcess(env);
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@northwind.example', password: demoPassword }),
  });
  expect(signIn.status, await signIn.clone().text()).toBe(200);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  const acknowledged: string[] = [];
  let refused = 0;
  let unavailable = 0;
  const cut: string[] = [];
  let stopRequested = false;
  const worker = async (w: number) => {
    for (let i = 0; !stopRequested || i < 3; i++) {
      const email = `sigterm-${w}-${i}-${randomBytes(3).toString('hex')}@northwind.example`;
      try {
        const res = await fetch(`${server.url}/api/people`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ name: `Load ${w}.${i}`, email, jobLevel: 3 }),
        });
        if (res.status === 201 || res.status === 200) acknowledged.push(email);
        else if (res.status === 503) unavailable++;
        else throw new Error(`unexpected ${res.status}: ${await res.text()}`);
      } catch (err) {
        const code = (err as { cause?: { code?: string } }).cause?.code;
        // Refused before anything was sent: the listener is closed, nothing was in flight.
        if (code === 'ECONNREFUSED') refused++;
        else cut.push(`${code ?? ''} ${(err as Error).message}`);
        if (stopRequested) return;
      }
    }
  };
  const load = Promise.all([0, 1, 2, 3, 4, 5].map(worker));
  await new Promise((r) => setTimeout(r, 1500));
  const before = acknowledged.length;
  const t0 = Date.now();
  server.child.kill('SIGTERM');
  stopRequested = true;
  const code = await server.exited;
  const stopMs = Date.now() - t0;
  await load;

  const restarted = await startProcess(env);
  const res = await fetch(`${restarted.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@northwind.example', password: demoPassword }),
  });
  const again = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  let lost = 0;
  for (const email of acknowledged) {
    const found = await fetch(`${restarted.url}/api/people?q=${encodeURIComponent(email)}&limit=5`, {
      headers: { cookie: again },
    });
    const body = (await found.json()) as { items: { email: string }[] };
    if (!body.items.some((p) => p.email === email)) lost++;
  }
  restarted.child.kill('SIGTERM');
  await restarted.exited;
  console.log(
    `SIGTERM under load (${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}): ${acknowledged.length} writes acknowledged (${before} before the signal), ${unavailable} answered 503 while closing, ${refused} refused after close, ${cut.length} cut, ${lost} lost; stopped in ${stopMs} ms, exit ${code}`,
  );
  expect(code).toBe(0);
  expect(cut).toEqual([]);
  expect(lost).toBe(0);
  expect(acknowledged.length).toBeGreaterThan(0);
}

describe('graceful shutdown', () => {
  it('SIGTERM under write load cuts no request, loses no acknowledged write, and exits 0', async () => {
    if (onPostgres) {
      await sigtermUnderLoad({ DATABASE_URL: await emptyPostgresDatabase() });
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'twoway-sigterm-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      await sigtermUnderLoad({ TWOWAY_DATA_DIR: dir });
    }
  }, 240_000);
});

/** A real SMTP sink that counts the messages each address receives. */
async function smtpSink(): Promise<{
  url: string;
  received: Map<string, number>;
  close: () => Promise<void>;
}> {
  const received = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      stream.resume();
      stream.on('end', () => {
        for (const to of session.envelope.rcptTo)
          received.set(to.address, (received.get(to.address) ?? 0) + 1);
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}?tls=off`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const json = (cookie = '') => ({ 'content-type': 'application/json', ...(cookie ? { cookie } : {}) });

describe.skipIf(!onPostgres)('two web and two worker processes on one PostgreSQL', () => {
  it('share sessions and sign-in limits, keep every write, and send every email exactly once', async () => {
    const sink = await smtpSink();
    cleanups.push(sink.close);
    const env = {
      DATABASE_URL: await emptyPostgresDatabase(),
      SMTP_URL: sink.url,
      WORKER_INTERVAL_SECONDS: '0.5',
    };
    const first = await startProcess(env);
    const [second, ...workers] = await Promise.all([
      startProcess(env),
      startProcess(env, 'worker'),
      startProcess(env, 'worker'),
    ]);
    const web = (i: number) => (i % 2 === 0 ? first : second);

    // A session made on one web process works on the other.
    const signIn = await fetch(`${first.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ email: 'admin@northwind.example', password: demoPassword }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await fetch(`${second.url}/api/me`, { headers: { cookie } })).status).toBe(200);

    // Sign-in limits count across both: 5 wrong passwords spread over the two, then the
    // right one is refused wherever it is sent.
    const attempt = (url: string, password: string) =>
      fetch(`${url}/api/auth/sign-in`, {
        method: 'POST',
        headers: json(),
        body: JSON.stringify({ email: 'manager@northwind.example', password }),
      });
    const wrong = [];
    for (let i = 0; i < 5; i++) wrong.push((await attempt(web(i).url, 'not-the-password-at-all')).status);
    expect(wrong).toEqual([401, 401, 401, 401, 401]);
    expect((await attempt(second.url, demoPassword)).status).toBe(429);
    expect((await attempt(first.url, demoPassword)).status).toBe(429);

    // Write load spread over both web processes.
    const emails = Array.from({ length: 40 }, (_, i) => `two-by-two-${i}@northwind.example`);
    const created = await Promise.all(
      emails.map(async (email, i) => {
        const res = await fetch(`${web(i).url}/api/people`, {
          method: 'POST',
          headers: json(cookie),
          body: JSON.stringify({ name: `Colleague ${i}`, email, jobLevel: 2 }),
        });
        expect(res.status, await res.clone().text()).toBe(201);
        return ((await res.json()) as { id: string }).id;
      }),
    );
    // Invitations from both web processes; the two workers send them.
    for (const [i, half] of [created.slice(0, 20), created.slice(20)].entries()) {
      const res = await fetch(`${web(i).url}/api/invitations`, {
        method: 'POST',
        headers: json(cookie),
        body: JSON.stringify({ selection: { kind: 'people', personIds: half } }),
      });
      expect(res.status, await res.clone().text()).toBe(202);
    }
    const deadline = Date.now() + 90_000;
    while (emails.some((e) => !sink.received.has(e)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    // Two more worker passes each, so a second sending would have happened by now.
    await new Promise((r) => setTimeout(r, 2000));
    const counts = emails.map((e) => sink.received.get(e) ?? 0);

    let lost = 0;
    for (const email of emails) {
      const found = await fetch(`${second.url}/api/people?q=${encodeURIComponent(email)}&limit=5`, {
        headers: { cookie },
      });
      const body = (await found.json()) as { items: { email: string }[] };
      if (!body.items.some((p) => p.email === email)) lost++;
    }
    const codes = await stopAll([first, second, ...workers]);
    console.log(
      `two web + two worker processes: session shared across web processes; sign-in limit shared (5 x 401 then 429 on both); ${created.length} people written over both, ${lost} lost; ${counts.filter((n) => n === 1).length} of ${emails.length} invitation emails delivered exactly once, ${counts.filter((n) => n > 1).length} twice or more, ${counts.filter((n) => n === 0).length} missing; exits ${codes.join(', ')}`,
    );
    expect(lost).toBe(0);
    expect(counts).toEqual(emails.map(() => 1));
    expect(codes).toEqual([0, 0, 0, 0]);
  }, 240_000);
});
