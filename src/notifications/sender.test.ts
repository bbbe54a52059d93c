import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { notificationOutbox } from '../db/schema.js';
import { queueNotifications } from './outbox.js';
import { type Mailer, sendDueNotifications, smtpMailer } from './sender.js';

let t: TestApp;
let org: TestOrg;
let server: SMTPServer;
let port: number;
const received: { to: string; raw: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'mail');
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
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

describe('the notification sender', () => {
  it('delivers queued notifications through SMTP, with the calendar invitation attached', async () => {
    await queueNotifications(t.database.db, org.orgId, [
      {
        kind: 'match.proposed',
        recipientId: org.personIds.participant,
        subject: 'You have a match',
        body: 'Accept or decline.',
        dedupeKey: 'a',
      },
      {
        kind: 'meeting.scheduled',
        recipientId: org.personIds.sponsor,
        subject: 'New meeting',
        body: 'See the invitation.',
        ics: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR',
        dedupeKey: 'b',
      },
    ]);
    const mailer = smtpMailer({ host: '127.0.0.1', port, from: 'twoway@mail.test', ignoreTLS: true });
    const result = await sendDueNotifications(t.database.db, mailer);
    expect(result).toEqual({ sent: 2, failed: 0 });
    expect(received.map((r) => r.to).sort()).toEqual(['participant@mail.test', 'sponsor@mail.test']);
    expect(received.find((r) => r.to === 'sponsor@mail.test')?.raw).toContain('text/calendar');
    expect(await sendDueNotifications(t.database.db, mailer)).toEqual({ sent: 0, failed: 0 });
  });

  it('queues a notification once per dedupe key', async () => {
    const n = await queueNotifications(t.database.db, org.orgId, [
      {
        kind: 'match.proposed',
        recipientId: org.personIds.participant,
        subject: 'Again',
        body: 'x',
        dedupeKey: 'a',
      },
    ]);
    expect(n).toBe(0);
  });

  it('keeps a failed notification for a later retry instead of losing it', async () => {
    await queueNotifications(t.database.db, org.orgId, [
      {
        kind: 'feedback.requested',
        recipientId: org.personIds.participant,
        subject: 'How was it?',
        body: 'x',
        dedupeKey: 'c',
      },
    ]);
    const broken: Mailer = {
      send: async () => {
        throw new Error('connection refused');
      },
    };
    expect(await sendDueNotifications(t.database.db, broken)).toEqual({ sent: 0, failed: 1 });
    const [row] = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.dedupeKey, 'c'));
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'connection refused' });
    expect(row?.availableAt.getTime()).toBeGreaterThan(Date.now());
  });
});
