import { eq, sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { notificationOutbox } from '../db/schema.js';
import { meetingIcs } from '../relationships/ics.js';
import { dropPending, queueEmail, queueNotifications } from './outbox.js';
import { type Mailer, sendDueNotifications, smtpMailer } from './sender.js';
import { type SmtpSink, startSmtpSink } from './testing.js';

let t: TestApp;
let org: TestOrg;
let sink: SmtpSink;
let mailer: Mailer;
const baseUrl = 'https://twoway.example';
const send = () => sendDueNotifications(t.database.db, mailer, 50, undefined, { baseUrl });

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'mail');
  sink = await startSmtpSink();
  mailer = smtpMailer({ host: '127.0.0.1', port: sink.port, from: 'twoway@mail.test', ignoreTLS: true });
});
afterAll(async () => {
  await sink.close();
  await t.close();
});

const meeting = (status: 'scheduled' | 'cancelled', sequence: number) => ({
  id: '4d3c1b7e-0000-4000-8000-000000000001',
  startsAt: new Date('2030-03-31T08:00:00Z'),
  durationMinutes: 45,
  status,
  sequence,
  location: null,
  agenda: { template: 'journey', title: 'Your journey', items: [] },
  createdAt: new Date('2030-03-01T08:00:00Z'),
  updatedAt: new Date('2030-03-02T08:00:00Z'),
});
const mentor = { name: 'Ada Mentor', email: 'sponsor@mail.test', timeZone: 'Europe/London' };
const mentee = { name: 'Bo Mentee', email: 'participant@mail.test', timeZone: 'America/Toronto' };

describe('the notification sender', () => {
  it('sends each email as plain text and accessible HTML, with links under the public address', async () => {
    await queueNotifications(t.database.db, org.orgId, [
      {
        kind: 'match.proposed',
        recipientId: org.personIds.participant,
        data: {
          relationshipId: 'r-1',
          programmeName: 'Reverse 2027',
          partnerName: 'Ada <Mentor>',
          role: 'mentee',
          reasons: ['You both care about data'],
        },
        dedupeKey: 'a',
      },
    ]);
    expect(await send()).toEqual({ sent: 1, failed: 0 });
    const mail = sink.received.at(-1);
    expect(mail?.to).toBe('participant@mail.test');
    expect(mail?.parsed.subject).toBe('Reverse 2027: you have been matched with Ada <Mentor>');
    const html = String(mail?.parsed.html);
    expect(html).toMatch(/<html lang="en"/);
    expect(html).toContain('<h1');
    expect(html).toContain('Ada &lt;Mentor&gt; is proposed as your mentor');
    expect(html).toMatch(
      /<a href="https:\/\/twoway\.example\/my\/relationships\/r-1"[^>]*>Answer the proposed match in Twoway<\/a>/,
    );
    expect(html).toContain('<li>You both care about data</li>');
    expect(html).not.toMatch(/<table/i);
    const text = mail?.parsed.text ?? '';
    expect(text).toContain(
      'Answer the proposed match in Twoway:\nhttps://twoway.example/my/relationships/r-1',
    );
    expect(text).toContain('- You both care about data');
    expect(text).toContain(
      'Choose which emails Twoway sends you: https://twoway.example/notifications/preferences',
    );
    expect(await send()).toEqual({ sent: 0, failed: 0 });
  });

  it('offers a signed RFC 8058 one-click unsubscribe on optional kinds, never on account emails', async () => {
    await queueNotifications(t.database.db, org.orgId, [
      {
        kind: 'feedback.requested',
        recipientId: org.personIds.sponsor,
        data: { relationshipId: 'r-2', partnerName: 'Bo' },
        dedupeKey: 'u1',
      },
    ]);
    await queueEmail(t.database.db, org.orgId, {
      kind: 'account.password_reset',
      to: 'sponsor@mail.test',
      data: { link: `${baseUrl}/reset-password#token=secret-token`, minutes: 30 },
      secret: true,
    });
    expect(await send()).toEqual({ sent: 2, failed: 0 });
    const feedback = sink.received.find((m) => m.parsed.subject === 'How was your mentoring meeting?');
    expect(feedback?.header('List-Unsubscribe')).toMatch(
      /^<https:\/\/twoway\.example\/unsubscribe\/[\w-]+>$/,
    );
    expect(feedback?.header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(String(feedback?.parsed.html)).toContain('stop emails about “Feedback after a meeting”');
    const reset = sink.received.find((m) => m.parsed.subject === 'Reset your Twoway password');
    expect(reset?.header('List-Unsubscribe')).toBeUndefined();
    expect(reset?.parsed.text).toContain(
      'Choose a new Twoway password:\nhttps://twoway.example/reset-password#token=secret-token',
    );
    // The single-use link lives in the mailbox only.
    const [row] = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.recipientEmail, 'sponsor@mail.test'))
      .then((rows) => rows.filter((r) => r.kind === 'account.password_reset'));
    expect(row?.body).toBe('(removed after sending)');
    expect(row?.data).toBeNull();
  });

  it('attaches the meeting invitation with METHOD:REQUEST, and the cancellation with METHOD:CANCEL and the same UID', async () => {
    const data = {
      relationshipId: 'r-3',
      partnerName: 'Ada Mentor',
      startsAt: '2030-03-31T08:00:00.000Z',
      durationMinutes: 45,
      timeZone: 'America/Toronto',
      agendaTitle: 'Your journey',
    };
    await queueNotifications(t.database.db, org.orgId, [
      {
        kind: 'meeting.scheduled',
        recipientId: org.personIds.participant,
        data,
        ics: meetingIcs(
          meeting('scheduled', 0),
          [
            { ...mentor, role: 'mentor' },
            { ...mentee, role: 'mentee' },
          ],
          'Reverse 2027',
        ),
        dedupeKey: 'm0',
      },
    ]);
    await send();
    await queueNotifications(t.database.db, org.orgId, [
      {
        kind: 'meeting.cancelled',
        recipientId: org.personIds.participant,
        data,
        ics: meetingIcs(
          meeting('cancelled', 2),
          [
            { ...mentor, role: 'mentor' },
            { ...mentee, role: 'mentee' },
          ],
          'Reverse 2027',
        ),
        dedupeKey: 'm2',
      },
    ]);
    await send();
    const [invite, cancel] = [
      'New mentoring meeting with Ada Mentor',
      'Mentoring meeting with Ada Mentor cancelled',
    ].map((subject) => sink.received.find((m) => m.parsed.subject === subject));
    // The reader's own time zone, named: 04:00 in Toronto is 09:00 in London after the clocks changed.
    expect(invite?.parsed.text).toContain('Sun 31 Mar 2030, 04:00 (America/Toronto), 45 minutes');
    const calendars = [invite, cancel].map((m) => {
      expect(m?.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=(REQUEST|CANCEL)/);
      const part = m?.parsed.attachments.find((a) => a.contentType === 'text/calendar');
      const cal = new ICAL.Component(ICAL.parse(part?.content.toString('utf8') ?? ''));
      const event = cal.getFirstSubcomponent('vevent') as ICAL.Component;
      return {
        method: cal.getFirstPropertyValue('method'),
        uid: event.getFirstPropertyValue('uid'),
        sequence: event.getFirstPropertyValue('sequence'),
        status: event.getFirstPropertyValue('status'),
        mimeMethod: /method=(\w+)/.exec(m?.raw ?? '')?.[1],
      };
    });
    expect(calendars).toEqual([
      {
        method: 'REQUEST',
        mimeMethod: 'REQUEST',
        uid: 'meeting-4d3c1b7e-0000-4000-8000-000000000001@twoway',
        sequence: 0,
        status: 'CONFIRMED',
      },
      {
        method: 'CANCEL',
        mimeMethod: 'CANCEL',
        uid: 'meeting-4d3c1b7e-0000-4000-8000-000000000001@twoway',
        sequence: 2,
        status: 'CANCELLED',
      },
    ]);
  });

  it('queues a notification once per dedupe key', async () => {
    const n = await queueNotifications(t.database.db, org.orgId, [
      {
        kind: 'match.proposed',
        recipientId: org.personIds.participant,
        data: {
          relationshipId: 'r-1',
          programmeName: 'Again',
          partnerName: 'x',
          role: 'mentee',
          reasons: [],
        },
        dedupeKey: 'a',
      },
    ]);
    expect(n).toBe(0);
  });

  it('keeps a notification the SMTP server refused for a later retry instead of losing it', async () => {
    await queueNotifications(t.database.db, org.orgId, [
      {
        kind: 'relationship.closed',
        recipientId: org.personIds.participant,
        data: { relationshipId: 'r-4', partnerName: 'Ada' },
        dedupeKey: 'c',
      },
    ]);
    sink.refuse('mailbox unavailable');
    try {
      expect(await send()).toEqual({ sent: 0, failed: 1 });
    } finally {
      sink.refuse(null);
    }
    const [row] = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.dedupeKey, 'c'));
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row?.lastError).toContain('mailbox unavailable');
    expect(row?.availableAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('sends emails due at the same moment in the order they were queued', async () => {
    const at = new Date(Date.now() - 60_000);
    const closed = (key: string, partnerName: string) => ({
      kind: 'relationship.closed' as const,
      recipientId: org.personIds.participant,
      data: { relationshipId: `r-${key}`, partnerName },
      dedupeKey: key,
      availableAt: at,
    });
    // Emails queued and then dropped (a meeting that moved) leave room in the table that later
    // emails take, ahead of the first one in the table's own order.
    await queueNotifications(t.database.db, org.orgId, [closed('moved-1', 'X'), closed('moved-2', 'Y')]);
    await queueNotifications(t.database.db, org.orgId, [closed('order-1', 'First')]);
    await dropPending(t.database.db, org.orgId, 'relationship.closed', 'moved-');
    await t.database.db.execute(sql`vacuum notification_outbox`);
    await queueNotifications(t.database.db, org.orgId, [
      closed('order-2', 'Second'),
      closed('order-3', 'Third'),
    ]);
    const before = sink.received.length;
    expect(await send()).toEqual({ sent: 3, failed: 0 });
    expect(sink.received.slice(before).map((m) => m.parsed.text?.match(/with (\w+) is closed/)?.[1])).toEqual(
      ['First', 'Second', 'Third'],
    );
  });
});
