import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../api/testing.js';
import { hours, later, outboxOf, type Pair, proposedPair } from '../engagement/testing.js';
import { engagementSweepJob, jobDefinitions } from './jobs.js';
import { type JobQueue, startJobQueue } from './queue.js';

let t: TestApp;
let pair: Pair;
let queue: JobQueue;
const ran: { name: string; at: number; retryCount: number }[] = [];

async function until<T>(what: string, check: () => Promise<T | null | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await check();
    if (value) return value;
    await sleep(100);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

beforeAll(async () => {
  t = await createTestApp();
  pair = await proposedPair(t, 'queue');
  const [sweep] = jobDefinitions({
    db: t.database.db,
    baseUrl: 'https://twoway.example',
    clock: () => later(pair.proposedAt, hours(80)),
  });
  if (!sweep) throw new Error('no sweep job');
  queue = await startJobQueue(
    t.database,
    [
      sweep,
      {
        name: 'note-the-time',
        payload: z.object({ label: z.string() }).strict(),
        run: async (p, job) => {
          ran.push({ name: p.label, at: Date.now(), retryCount: job.retryCount });
        },
      },
      {
        // The real sweep, in a worker that dies after its transaction committed, the first time.
        ...sweep,
        name: 'sweep-that-dies-once',
        retryDelaySeconds: 0,
        run: async (p, job) => {
          await sweep.run(p, job);
          ran.push({ name: 'sweep', at: Date.now(), retryCount: job.retryCount });
          if (job.retryCount === 0) throw new Error('worker lost after committing');
        },
      },
    ],
    { pollingIntervalSeconds: 0.5, schedule: true },
  );
});
afterAll(async () => {
  await queue.stop();
  await t.close();
});

describe('the job queue (pg-boss on this database)', () => {
  it('runs a delayed job once its time has come, and not before', async () => {
    const sentAt = Date.now();
    await queue.send('note-the-time', { label: 'delayed' }, { startAfter: new Date(sentAt + 1500) });
    const job = await until('the delayed job', async () => ran.find((r) => r.name === 'delayed'));
    expect(job.at - sentAt).toBeGreaterThanOrEqual(1400);
    expect(job.retryCount).toBe(0);
  });

  it('keeps the engagement sweep on a schedule of every minute', async () => {
    const schedules = (await queue.boss?.getSchedules()) ?? [];
    expect(schedules.map((s) => [s.name, s.cron])).toContainEqual([engagementSweepJob, '* * * * *']);
  });

  it('refuses a payload its job does not accept, naming the field', async () => {
    await expect(queue.send('note-the-time', { label: 3 })).rejects.toThrow(/label/);
  });

  it('a sweep retried after its worker died sends each reminder once', async () => {
    const id = await queue.send('sweep-that-dies-once', {});
    const done = await until('the retried sweep to complete', async () => {
      const job = await queue.boss?.getJobById('sweep-that-dies-once', id, { includeArchive: true });
      return job?.state === 'completed' ? job : null;
    });
    expect(done.retryCount).toBeGreaterThanOrEqual(1);
    const runs = ran.filter((r) => r.name === 'sweep');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs[0]?.retryCount).toBe(0);
    const reminders = await outboxOf(t, pair.org.orgId, ['match.reminder']);
    expect(reminders.map((r) => r.to)).toEqual(['junior-mentor@queue.test', 'senior-mentee@queue.test']);
  });
});
