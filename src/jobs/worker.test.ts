import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { loadConfig } from '../config.js';
import { notificationOutbox } from '../db/schema.js';
import { queueEmail, queueNotifications } from '../notifications/outbox.js';
import { startWorker } from './worker.js';

let t: TestApp;
let org: TestOrg;
let server: SMTPServer;
let port: number;
const received: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'work');
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

describe('the worker service', () => {
  it('delivers the outbox through the SMTP server named by SMTP_URL', async () => {
    await queueNotifications(t.database.db, org.orgId, [
      {
        kind: 'match.proposed',
        recipientId: org.personIds.participant,
        data: {
          relationshipId: org.orgId,
          programmeName: 'Pilot',
          partnerName: 'Sam',
          role: 'mentee',
          reasons: [],
        },
        dedupeKey: 'w1',
      },
    ]);
    const config = loadConfig({
      SMTP_URL: `smtp://127.0.0.1:${port}?tls=off`,
      WORKER_INTERVAL_SECONDS: '3600',
    });
    const worker = startWorker(t.database.db, config, () => undefined);
    try {
      expect(await worker.tick()).toEqual({ sent: 1, failed: 0 });
      expect(received).toEqual(['participant@work.test']);
      expect(await worker.tick()).toEqual({ sent: 0, failed: 0 });
    } finally {
      await worker.stop();
    }
  });

  it('without SMTP writes account emails, links and all, to the log and leaves other notifications queued', async () => {
    await queueNotifications(t.database.db, org.orgId, [
      {
        kind: 'match.proposed',
        recipientId: org.personIds.sponsor,
        data: {
          relationshipId: org.orgId,
          programmeName: 'Pilot',
          partnerName: 'Sam',
          role: 'mentor',
          reasons: [],
        },
        dedupeKey: 'w2',
      },
    ]);
    await queueEmail(t.database.db, org.orgId, {
      kind: 'account.password_reset',
      to: 'sponsor@work.test',
      data: { link: 'http://localhost:3000/reset-password#token=abc', minutes: 30 },
      secret: true,
    });
    const lines: string[] = [];
    const worker = startWorker(t.database.db, loadConfig({ WORKER_INTERVAL_SECONDS: '3600' }), (l) =>
      lines.push(l),
    );
    try {
      expect(lines[0]).toMatch(
        /account emails are written to this log; other notifications stay in the outbox/,
      );
      expect(await worker.tick()).toEqual({ sent: 1, failed: 0 });
      expect(lines.join('\n')).toContain('Email to sponsor@work.test: Reset your Twoway password');
      expect(lines.join('\n')).toContain('/reset-password#token=abc');
      const rows = await t.database.db.select().from(notificationOutbox);
      expect(rows.find((r) => r.dedupeKey === 'w2')?.status).toBe('pending');
      // The link does not stay in the database once delivered.
      const reset = rows.find((r) => r.kind === 'account.password_reset');
      expect(reset).toMatchObject({ status: 'sent', body: '(removed after sending)' });
    } finally {
      await worker.stop();
    }
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps://', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(
      /SMTP_URL: must start with smtp/,
    );
  });
});
