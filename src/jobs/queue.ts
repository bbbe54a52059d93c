// The job queue: pg-boss on the application's own database, PostgreSQL or PGlite
// (docs/decisions/090). Each job is a function with a zod-checked payload; recurring jobs
// run on a cron schedule, delayed jobs wait for `startAfter`. A job whose worker dies is
// retried when its lease expires, so jobs must be idempotent (the engagement sweep is).

import type pg from 'pg';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Database } from '../db/client.js';
import { pgliteClientOf } from '../db/client.js';

export interface JobDefinition<T> {
  name: string;
  payload: z.ZodType<T>;
  /** Five-field cron (UTC): the job is sent on this schedule by whichever process holds the clock. */
  cron?: string;
  /** The same schedule as a period, for the in-process runner of the embedded database. */
  everySeconds?: number;
  /** A job still running after this many seconds is presumed dead and retried. */
  expireInSeconds?: number;
  retryLimit?: number;
  /** Seconds before the first retry; doubles with each further one. */
  retryDelaySeconds?: number;
  run(payload: T, job: { id: string; retryCount: number }): Promise<void>;
}

export interface QueueOptions {
  /** How often an idle worker asks for work. */
  pollingIntervalSeconds?: number;
  /** How often expired jobs are found and retried (pg-boss maintenance). */
  maintenanceIntervalSeconds?: number;
  /** Send cron schedules from this process (default true). */
  schedule?: boolean;
  onError?(error: Error): void;
}

export interface JobQueue {
  /** Queues a job now, or at `startAfter` (a delayed job); returns its id. */
  send(
    name: string,
    payload: unknown,
    options?: { startAfter?: Date; singletonKey?: string },
  ): Promise<string>;
  stop(): Promise<void>;
  /** pg-boss itself (null for the embedded database's in-process runner). */
  boss: PgBoss | null;
}

/**
 * pg-boss speaks to the database through `executeSql`. On PostgreSQL that is the
 * application's pool; on PGlite, parameterless text (pg-boss sends BEGIN ... COMMIT
 * scripts) goes through `exec`, the rest through `query`. PGlite runs one statement or
 * script at a time, which serialises pg-boss with the application's own queries.
 */
export function bossDatabase(database: Database): PgBoss.Db {
  if (database.kind === 'postgres') {
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    return { executeSql: (text, values) => pool.query(text, values) };
  }
  const client = pgliteClientOf(database);
  return {
    async executeSql(text, values) {
      if (values?.length) return client.query(text, values);
      const results = await client.exec(text);
      return results.at(-1) ?? { rows: [] };
    },
  };
}

/**
 * Creates or upgrades pg-boss's own tables (schema `pgboss`); called with the migrations, so
 * processes that start together do not race, and a worker's first start does not hold the
 * embedded database while requests wait.
 */
export async function installJobQueue(database: Database): Promise<void> {
  const boss = new PgBoss({ db: bossDatabase(database), schedule: false, supervise: false });
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
}

/** Starts pg-boss on the database, creates each job's queue and schedule, and works them. */
export async function startJobQueue(
  database: Database,
  // biome-ignore lint/suspicious/noExplicitAny: differently-typed jobs, each checks its own payload before running
  definitions: readonly JobDefinition<any>[],
  options: QueueOptions = {},
): Promise<JobQueue> {
  const boss = new PgBoss({
    db: bossDatabase(database),
    schedule: options.schedule ?? true,
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  boss.on('error', (err) => options.onError?.(err));
  await boss.start();
  const byName = new Map(definitions.map((d) => [d.name, d]));
  for (const d of definitions) {
    await boss.createQueue(d.name, {
      name: d.name,
      retryLimit: d.retryLimit ?? 5,
      retryDelay: d.retryDelaySeconds ?? 5,
      retryBackoff: true,
      expireInSeconds: d.expireInSeconds ?? 300,
    });
    if (d.cron && (options.schedule ?? true)) await boss.schedule(d.name, d.cron, {});
    await boss.work(
      d.name,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 5, batchSize: 1, includeMetadata: true },
      async (jobs) => {
        for (const job of jobs) await d.run(d.payload.parse(job.data), job);
      },
    );
  }
  return {
    boss,
    async send(name, payload, sendOptions = {}) {
      const d = byName.get(name);
      if (!d) throw new Error(`No job called ${name}`);
      const id = await boss.send(name, d.payload.parse(payload) as object, {
        ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
        ...(sendOptions.singletonKey ? { singletonKey: sendOptions.singletonKey } : {}),
      });
      if (!id) throw new Error(`${name} was not queued (a singleton already waits)`);
      return id;
    },
    // Not graceful: a job still running is failed now and retried by whichever worker is next
    // (jobs are idempotent), so a stopping process neither waits on a sweep nor holds the database.
    stop: () => boss.stop({ graceful: false, wait: true }),
  };
}

/**
 * The embedded database's runner: the same jobs on timers in this process, one run of each at
 * a time; a failed run is tried again at its next period. PGlite belongs to one process, so
 * there is no other worker to share with, and pg-boss's polling would only add statements on
 * the one thread that also answers requests (docs/decisions/090).
 */
export function startTimerJobs(
  // biome-ignore lint/suspicious/noExplicitAny: differently-typed jobs, each checks its own payload before running
  definitions: readonly JobDefinition<any>[],
  onError: (error: Error) => void,
): JobQueue {
  const running = new Set<Promise<void>>();
  const busy = new Set<string>();
  const runOnce = (d: JobDefinition<unknown>, payload: unknown) => {
    if (busy.has(d.name)) return;
    busy.add(d.name);
    const run = d
      .run(d.payload.parse(payload), { id: `timer:${d.name}`, retryCount: 0 })
      .catch((err: Error) => onError(err))
      .finally(() => {
        busy.delete(d.name);
        running.delete(run);
      });
    running.add(run);
  };
  const timers = definitions.flatMap((d) =>
    d.everySeconds ? [setInterval(() => runOnce(d, {}), d.everySeconds * 1000)] : [],
  );
  const byName = new Map(definitions.map((d) => [d.name, d]));
  return {
    boss: null,
    async send(name, payload, options = {}) {
      const d = byName.get(name);
      if (!d) throw new Error(`No job called ${name}`);
      d.payload.parse(payload);
      const wait = Math.max(0, (options.startAfter?.getTime() ?? 0) - Date.now());
      setTimeout(() => runOnce(d, payload), wait).unref();
      return `timer:${name}:${Date.now()}`;
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all(running);
    },
  };
}
