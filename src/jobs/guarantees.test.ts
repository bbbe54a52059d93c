// What the worker promises, each against a real SMTP sink: a worker killed with kill -9 in the
// middle of a batch loses no email (and sends none twice), two workers share the work without
// duplicates, and a failing SMTP server is retried with backoff, the failure kept for the admin view.
import { type ChildProcess, spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import type pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { loadConfig } from '../config.js';
import { notificationOutbox, people } from '../db/schema.js';
import { queueNotifications } from '../notifications/outbox.js';
import { startWorker } from './worker.js';

let t: TestApp;
const onPostgres = process.env.TWOWAY_TEST_DB === 'postgres';

/** A real SMTP sink; `hold` keeps a message unanswered until released; `refuse` answers 451. */
async function smtpSink() {
  const accepted: string[] = [];
  const sink = {
    accepted,
    refuse: new Set<string>(),
    hold: null as null | ((to: string) => boolean),
    held: null as null | (() => void),
    url: '',
    close: (): Promise<void> => Promise.resolve(),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    async onData(stream, session, callback) {
      const mail = await simpleParser(stream);
      const to = session.envelope.rcptTo.map((r) => r.address).join(',');
      if (sink.refuse.has(to)) {
        const err = Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 });
        return callback(err);
      }
      if (sink.hold?.(to)) {
        sink.hold = null;
        // Never answered: the sender is killed while it waits.
        sink.held?.();
        return;
      }
      accepted.push(`${to} ${mail.subject}`);
      callback();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}?tls=off`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

async function addRecipients(org: TestOrg, prefix: string, n: number) {
  const rows = await t.database.db
    .insert(people)
    .values(
      Array.from({ length: n }, (_, i) => ({
        orgId: org.orgId,
        name: `${prefix} ${i}`,
        email: `${prefix}-${String(i).padStart(2, '0')}@${org.slug}.test`,
        jobLevel: 3,
      })),
    )
    .returning({ id: people.id });
  await queueNotifications(
    t.database.db,
    org.orgId,
    rows.map((r, i) => ({
      kind: 'relationship.nudge' as const,
      recipientId: r.id,
      data: { relationshipId: r.id, programmeName: prefix, partnerName: 'Partner', quietDays: i },
      dedupeKey: `${prefix}:${i}`,
    })),
  );
  return rows.map(
    (_, i) =>
      `${prefix}-${String(i).padStart(2, '0')}@${org.slug}.test It has been ${i} days since you met Partner`,
  );
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('worker guarantees', () => {
  it.runIf(onPostgres)(
    'a worker killed with kill -9 mid-batch loses no email and sends none twice',
    async () => {
      const org = await createTestOrg(t, 'killed');
      const expected = await addRecipients(org, 'kill', 12);
      const sink = await smtpSink();
      let child: ChildProcess | null = null;
      try {
        // The fourth email is held unanswered; the worker is killed while it waits.
        let seen = 0;
        sink.hold = () => ++seen === 4;
        const killed = new Promise<void>((resolve) => {
          sink.held = () => {
            child?.kill('SIGKILL');
            resolve();
          };
        });
        const url = (t.database.db as unknown as { $client: pg.Pool }).$client.options
          .connectionString as string;
        child = spawn(process.execPath, ['--import', 'tsx', 'src/jobs/testing/worker-child.ts'], {
          env: {
            ...process.env,
            DATABASE_URL: url,
            SMTP_URL: sink.url,
            WORKER_INTERVAL_SECONDS: '0.2',
            TWOWAY_DEMO: 'false',
          },
          stdio: 'ignore',
        });
        await killed;
        await new Promise((resolve) => child?.once('exit', resolve));
        expect(sink.accepted).toHaveLength(3);
        // Another worker picks up what the dead one held and the rest.
        const worker = startWorker(
          t.database.db,
          loadConfig({ SMTP_URL: sink.url, WORKER_INTERVAL_SECONDS: '3600' }),
          () => undefined,
        );
        try {
          while ((await worker.tick()).sent > 0);
        } finally {
          await worker.stop();
        }
        expect([...sink.accepted].sort()).toEqual(expected);
        const rows = await t.database.db
          .select()
          .from(notificationOutbox)
          .where(eq(notificationOutbox.orgId, org.orgId));
        expect(rows.every((r) => r.status === 'sent')).toBe(true);
      } finally {
        child?.kill('SIGKILL');
        await sink.close();
      }
    },
    120_000,
  );

  it('two workers share the work without sending anything twice', async () => {
    const org = await createTestOrg(t, 'shared');
    const expected = await addRecipients(org, 'share', 30);
    const sink = await smtpSink();
    const config = loadConfig({ SMTP_URL: sink.url, WORKER_INTERVAL_SECONDS: '3600' });
    const a = startWorker(t.database.db, config, () => undefined);
    const b = startWorker(t.database.db, config, () => undefined);
    try {
      const [fromA, fromB] = await Promise.all([a.tick(), b.tick()]);
      while ((await a.tick()).sent > 0);
      expect([...sink.accepted].sort()).toEqual(expected);
      expect(fromA.failed + fromB.failed).toBe(0);
      // On PostgreSQL both took part; PGlite has one connection, so they take turns.
      if (onPostgres) expect(fromA.sent > 0 && fromB.sent > 0).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
      await sink.close();
    }
  });

  it('retries a failing SMTP server with backoff, and keeps the failure for the admin view', async () => {
    const org = await createTestOrg(t, 'backoff');
    const [expected] = await addRecipients(org, 'retry', 1);
    const to = `retry-00@backoff.test`;
    const sink = await smtpSink();
    sink.refuse.add(to);
    // The worker's clock starts a minute after the mail was queued (the real clock), on a
    // whole second, and then moves only when told.
    const start = Math.ceil((Date.now() + 60_000) / 1000) * 1000;
    const at = (seconds: number) => new Date(start + seconds * 1000);
    let now = at(0);
    const worker = startWorker(
      t.database.db,
      loadConfig({ SMTP_URL: sink.url, WORKER_INTERVAL_SECONDS: '3600' }),
      () => undefined,
      { clock: () => now },
    );
    // The admin view of undelivered mail, as the organisation's admin reads it.
    const undelivered = async () => {
      const res = await as(
        t.app,
        org.cookies.org_admin,
      )({ method: 'GET', url: '/api/admin/undelivered-mail' });
      expect(res.statusCode).toBe(200);
      return res.json().items as Array<Record<string, unknown>>;
    };
    try {
      expect(await worker.tick()).toEqual({ sent: 0, failed: 1 });
      let [problem] = await undelivered();
      expect(problem).toMatchObject({
        recipientEmail: to,
        attempts: 1,
        status: 'pending',
        nextAttemptAt: at(30).toISOString(),
      });
      expect(problem?.lastError).toMatch(/451/);
      now = at(29);
      expect(await worker.tick()).toEqual({ sent: 0, failed: 0 });
      now = at(30);
      expect(await worker.tick()).toEqual({ sent: 0, failed: 1 });
      [problem] = await undelivered();
      // Doubled: a minute after the second failure.
      expect(problem).toMatchObject({ attempts: 2, nextAttemptAt: at(90).toISOString() });
      sink.refuse.delete(to);
      now = at(89);
      expect(await worker.tick()).toEqual({ sent: 0, failed: 0 });
      now = at(90);
      expect(await worker.tick()).toEqual({ sent: 1, failed: 0 });
      expect(sink.accepted).toEqual([expected]);
      expect(await undelivered()).toEqual([]);
    } finally {
      await worker.stop();
      await sink.close();
    }
  });
});
