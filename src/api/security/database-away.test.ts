// PostgreSQL killed (kill -9 of the postmaster) while Twoway takes writes: the process
// stays up, every request answers 503 `unavailable` (health too) while the database is
// away, and Twoway recovers by itself once the database is back, with no restart.
import { afterAll, describe, expect, it } from 'vitest';
import { http, signUp } from './http-client.js';
import { PostgresCluster, type ServerProcess, startServerProcess } from './server-process.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(process.env.TWOWAY_TEST_DB === 'postgres')('the database going away', () => {
  let cluster: PostgresCluster | null = null;
  let server: ServerProcess | null = null;
  afterAll(async () => {
    await server?.stop();
    cluster?.stop();
  });

  it('answers 503 while PostgreSQL is down, stays up, and recovers within a second of its return', {
    timeout: 180_000,
  }, async () => {
    cluster = await PostgresCluster.start();
    server = await startServerProcess({ DATABASE_URL: cluster.url });
    const base = server.url;
    const cookie = await signUp(base, 'away');

    // Eight writers add people until told to stop; every answer is kept with its phase.
    let phase: 'up' | 'down' | 'back' = 'up';
    let stop = false;
    let n = 0;
    const answers: { phase: string; status: number; code: unknown }[] = [];
    const writer = async () => {
      while (!stop) {
        const i = n++;
        const res = await http(`${base}/api/people`, {
          cookie,
          body: { name: `Person ${i}`, email: `p${i}@away.example`, jobLevel: 3 },
        });
        answers.push({
          phase,
          status: res.status,
          code: (res.body as { error?: { code?: string } })?.error?.code,
        });
        if (res.status >= 500) await sleep(20);
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    await sleep(1_000);

    cluster.crash();
    phase = 'down';
    await sleep(1_500);
    const health = await http(`${base}/healthz`);
    const ready = await http(`${base}/readyz`);
    const write = await http(`${base}/api/people`, {
      cookie,
      body: { name: 'While away', email: 'away@away.example', jobLevel: 3 },
    });
    expect(server.child.exitCode, server.output()).toBeNull();

    await cluster.resume();
    const back = performance.now();
    let recoveredMs = Number.POSITIVE_INFINITY;
    while (performance.now() - back < 10_000) {
      if ((await http(`${base}/healthz`, { timeoutMs: 2_000 })).status === 200) {
        recoveredMs = performance.now() - back;
        break;
      }
      await sleep(25);
    }
    phase = 'back';
    await sleep(500);
    stop = true;
    await Promise.all(writers);

    const byPhase = (p: string) => answers.filter((a) => a.phase === p);
    const count = (p: string, f: (a: (typeof answers)[number]) => boolean) => byPhase(p).filter(f).length;
    console.log(
      `database going away: ${answers.length} writes; before ${count('up', (a) => a.status === 201)} x 201; ` +
        `while down ${count('down', (a) => a.status === 503)} x 503, ${count('down', (a) => a.status !== 503)} other; ` +
        `after ${count('back', (a) => a.status === 201)} x 201; 500s ${answers.filter((a) => a.status === 500).length}; ` +
        `health while down ${health.status}, readiness ${ready.status}; recovered ${recoveredMs.toFixed(0)} ms after PostgreSQL was back; ` +
        `server process exited: ${server.child.exitCode !== null}`,
    );

    expect(health.status, health.text).toBe(503);
    expect(health.body).toMatchObject({ error: { code: 'unavailable' } });
    expect(ready.status, ready.text).toBe(503);
    expect(write.status, write.text).toBe(503);
    expect(write.body).toMatchObject({ error: { code: 'unavailable' } });
    expect(answers.filter((a) => a.status === 500 || a.status === 0)).toEqual([]);
    expect(count('down', (a) => a.status !== 503 && a.status !== 201)).toBe(0);
    expect(recoveredMs).toBeLessThan(1_000);
    expect(count('back', (a) => a.status === 201)).toBeGreaterThan(0);
    expect(server.child.exitCode, server.output()).toBeNull();
  });
});
