import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { notificationOutbox, notifications } from '../db/schema.js';
import { queueNotifications } from './outbox.js';
import { type Mailer, sendDueNotifications } from './sender.js';

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

const closed = (recipientId: string, key: string, availableAt?: Date) => ({
  kind: 'relationship.closed' as const,
  recipientId,
  data: { relationshipId: '11111111-1111-4111-8111-111111111111', partnerName: `Partner ${key}` },
  dedupeKey: key,
  ...(availableAt ? { availableAt } : {}),
});

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'centre');
  other = await createTestOrg(t, 'centre-other');
  // One at a time, so each has its own moment (one transaction's entries share theirs).
  for (const item of [
    closed(org.personIds.participant, 'n1'),
    closed(org.personIds.participant, 'n2'),
    closed(org.personIds.participant, 'n3'),
    // Due tomorrow: not in the centre yet.
    closed(org.personIds.participant, 'n4', new Date(Date.now() + 86_400_000)),
    closed(org.personIds.sponsor, 'n5'),
  ])
    await queueNotifications(t.database.db, org.orgId, [item]);
});
afterAll(() => t.close());

describe('the notification centre', () => {
  it('writes one entry per person per event, in the same transaction as the email', async () => {
    await expect(
      t.database.db.transaction(async (tx) => {
        await queueNotifications(tx, org.orgId, [closed(org.personIds.programme_manager, 'rolled-back')]);
        throw new Error('the change that caused it failed');
      }),
    ).rejects.toThrow('failed');
    const entries = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, 'rolled-back'));
    const emails = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.dedupeKey, 'rolled-back'));
    expect([entries.length, emails.length]).toEqual([0, 0]);
    // Queued twice (a retried job): still one entry.
    await queueNotifications(t.database.db, org.orgId, [closed(org.personIds.participant, 'n1')]);
    const n1 = await t.database.db.select().from(notifications).where(eq(notifications.dedupeKey, 'n1'));
    expect(n1).toHaveLength(1);
  });

  it('lists only your own due notifications, newest first, paged, with the unread count', async () => {
    const me = as(t.app, org.cookies.participant);
    const count = await me({ method: 'GET', url: '/api/notifications/unread-count' });
    expect(count.json()).toEqual({ unread: 3 });
    const page = await me({ method: 'GET', url: '/api/notifications?limit=2' });
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json();
    expect(body).toMatchObject({ total: 3, limit: 2, offset: 0, unread: 3 });
    expect(body.items.map((n: { title: string }) => n.title)).toEqual([
      'Your mentoring relationship with Partner n3 is closed',
      'Your mentoring relationship with Partner n2 is closed',
    ]);
    expect(body.items[0]).toMatchObject({
      kind: 'relationship.closed',
      path: '/my/relationships/11111111-1111-4111-8111-111111111111',
      read: false,
    });
    const next = await me({ method: 'GET', url: '/api/notifications?limit=2&offset=2' });
    expect(next.json().items.map((n: { title: string }) => n.title)).toEqual([
      'Your mentoring relationship with Partner n1 is closed',
    ]);
  });

  it('marks one read, then all read', async () => {
    const me = as(t.app, org.cookies.participant);
    const [first] = (await me({ method: 'GET', url: '/api/notifications' })).json().items;
    const one = await me({ method: 'POST', url: `/api/notifications/${first.id}/read` });
    expect(one.json()).toEqual({ unread: 2 });
    const unread = await me({ method: 'GET', url: '/api/notifications?unread=true' });
    expect(unread.json().total).toBe(2);
    expect((await me({ method: 'POST', url: '/api/notifications/read-all' })).json()).toEqual({ unread: 0 });
    expect(
      (await me({ method: 'GET', url: '/api/notifications' }))
        .json()
        .items.every((n: { read: boolean }) => n.read),
    ).toBe(true);
  });

  it("answers not found for someone else's notification, in the organisation or another, and changes nothing", async () => {
    const [sponsors] = await t.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, 'n5'));
    for (const cookie of [org.cookies.participant, org.cookies.org_admin, other.cookies.org_admin]) {
      const res = await as(t.app, cookie)({ method: 'POST', url: `/api/notifications/${sponsors?.id}/read` });
      expect(res.statusCode).toBe(404);
      const list = await as(t.app, cookie)({ method: 'GET', url: '/api/notifications' });
      expect(list.json().items.map((n: { id: string }) => n.id)).not.toContain(sponsors?.id);
    }
    await as(t.app, other.cookies.participant)({ method: 'POST', url: '/api/notifications/read-all' });
    const [after] = await t.database.db.select().from(notifications).where(eq(notifications.dedupeKey, 'n5'));
    expect(after?.readAt).toBeNull();
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/notifications/unread-count' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('rejects a bad page with a 400 naming the field', async () => {
    const res = await as(
      t.app,
      org.cookies.participant,
    )({ method: 'GET', url: '/api/notifications?limit=1000' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'querystring.limit', message: 'must be at most 100' }]);
  });
});

describe('email preferences and one-click unsubscribe', () => {
  const token = async (personId: string) => {
    // Read the link from the email that goes out.
    const sent: { to: string; headers?: Record<string, string> }[] = [];
    const capture: Mailer = { send: async (m) => void sent.push(m) };
    await queueNotifications(t.database.db, other.orgId, [
      {
        kind: 'feedback.requested',
        recipientId: personId,
        data: { relationshipId: 'r', partnerName: 'Sam' },
        dedupeKey: `fb-${personId}-${Date.now()}`,
      },
    ]);
    await sendDueNotifications(t.database.db, capture, 50, undefined, { baseUrl: 'http://x.test' });
    const header = sent.at(-1)?.headers?.['List-Unsubscribe'] ?? '';
    return /\/unsubscribe\/([\w-]+)>/.exec(header)?.[1] ?? '';
  };

  it('lets a person choose which kinds reach them by email', async () => {
    const me = as(t.app, other.cookies.participant);
    const before = (await me({ method: 'GET', url: '/api/notifications/preferences' })).json();
    expect(before.kinds.find((k: { kind: string }) => k.kind === 'meeting.reminder')).toEqual({
      kind: 'meeting.reminder',
      label: 'Reminders before a meeting',
      email: true,
    });
    expect(before.kinds.map((k: { kind: string }) => k.kind)).not.toContain('account.password_reset');
    const bad = await me({
      method: 'PUT',
      url: '/api/notifications/preferences',
      payload: { emailOff: ['account.password_reset'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('emailOff.0');
    const ok = await me({
      method: 'PUT',
      url: '/api/notifications/preferences',
      payload: { emailOff: ['meeting.reminder'] },
    });
    expect(ok.json().kinds.find((k: { kind: string }) => k.kind === 'meeting.reminder').email).toBe(false);
  });

  it('skips an email of a kind its recipient turned off, and keeps it in their centre', async () => {
    await as(
      t.app,
      other.cookies.participant,
    )({
      method: 'PUT',
      url: '/api/notifications/preferences',
      payload: { emailOff: ['relationship.closed'] },
    });
    await queueNotifications(t.database.db, other.orgId, [
      closed(other.personIds.participant, 'off-1'),
      closed(other.personIds.sponsor, 'off-2'),
    ]);
    const sent: string[] = [];
    const result = await sendDueNotifications(t.database.db, { send: async (m) => void sent.push(m.to) });
    expect(result.skipped).toBe(1);
    expect(sent).toContain('sponsor@centre-other.test');
    expect(sent).not.toContain('participant@centre-other.test');
    const [row] = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.dedupeKey, 'off-1'));
    expect(row?.status).toBe('skipped');
    const centre = await as(t.app, other.cookies.participant)({ method: 'GET', url: '/api/notifications' });
    expect(centre.json().items.map((n: { title: string }) => n.title)).toContain(
      'Your mentoring relationship with Partner off-1 is closed',
    );
  });

  it('unsubscribes in one click from a mail client on another site (RFC 8058), without a session', async () => {
    const link = await token(other.personIds.sponsor);
    const page = await t.app.inject({ method: 'GET', url: `/api/unsubscribe/${link}` });
    expect(page.json()).toEqual({
      kind: 'feedback.requested',
      label: 'Feedback after a meeting',
      unsubscribed: false,
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/unsubscribe/${link}`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://mail.provider.example',
        'sec-fetch-site': 'cross-site',
      },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode, res.body).toBe(200);
    const prefs = await as(
      t.app,
      other.cookies.sponsor,
    )({ method: 'GET', url: '/api/notifications/preferences' });
    expect(prefs.json().kinds.find((k: { kind: string }) => k.kind === 'feedback.requested').email).toBe(
      false,
    );
    // Twice is fine.
    const again = await t.app.inject({ method: 'POST', url: `/api/unsubscribe/${link}` });
    expect(again.json().unsubscribed).toBe(true);
  });

  it('refuses a forged or altered link, a body that is not One-Click, and other writes from another site', async () => {
    const link = await token(other.personIds.programme_manager);
    const payload = link.slice(0, -22);
    const mac = link.slice(-22);
    // Someone else's id in a link whose signature was made for another.
    const bytes = Buffer.from(payload ?? '', 'base64url');
    Buffer.from(other.personIds.org_admin.replace(/-/g, ''), 'hex').copy(bytes, 0);
    const forged = `${bytes.toString('base64url')}${mac}`;
    const crossSite = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    const res = await t.app.inject({
      method: 'POST',
      url: `/unsubscribe/${forged}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...crossSite },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('token');
    const wrongBody = await t.app.inject({
      method: 'POST',
      url: `/unsubscribe/${link}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...crossSite },
      payload: 'List-Unsubscribe=Yes',
    });
    expect(wrongBody.statusCode).toBe(400);
    const json = await t.app.inject({
      method: 'POST',
      url: `/unsubscribe/${link}`,
      headers: { 'content-type': 'application/json', ...crossSite },
      payload: '{}',
    });
    expect(json.statusCode).toBe(415);
    // The exception is that one route: the same link through the API from another site is refused.
    const api = await t.app.inject({ method: 'POST', url: `/api/unsubscribe/${link}`, headers: crossSite });
    expect(api.statusCode).toBe(403);
    for (const id of [other.personIds.org_admin, other.personIds.programme_manager]) {
      const cookie =
        id === other.personIds.org_admin ? other.cookies.org_admin : other.cookies.programme_manager;
      const prefs = await as(t.app, cookie)({ method: 'GET', url: '/api/notifications/preferences' });
      expect(prefs.json().kinds.every((k: { email: boolean }) => k.email)).toBe(true);
    }
  });
});

describe('undelivered mail', () => {
  it('shows admins the emails that failed, with attempts and last error, and sends one again', async () => {
    await queueNotifications(t.database.db, org.orgId, [closed(org.personIds.programme_manager, 'broken')]);
    const broken: Mailer = {
      send: async () => {
        throw new Error('550 mailbox unavailable');
      },
    };
    await sendDueNotifications(t.database.db, broken);
    const admin = as(t.app, org.cookies.org_admin);
    const list = await admin({ method: 'GET', url: '/api/admin/undelivered-mail' });
    expect(list.statusCode, list.body).toBe(200);
    const item = list
      .json()
      .items.find((i: { recipientEmail: string }) => i.recipientEmail === 'programme_manager@centre.test');
    expect(item).toMatchObject({ status: 'pending', attempts: 1, lastError: '550 mailbox unavailable' });
    expect(item).not.toHaveProperty('body');
    // Another organisation's admin sees none of it and cannot retry it.
    const theirs = await as(
      t.app,
      other.cookies.org_admin,
    )({ method: 'GET', url: '/api/admin/undelivered-mail' });
    expect(theirs.json().items.map((i: { id: string }) => i.id)).not.toContain(item.id);
    expect(
      (
        await as(
          t.app,
          other.cookies.org_admin,
        )({ method: 'POST', url: `/api/admin/undelivered-mail/${item.id}/retry` })
      ).statusCode,
    ).toBe(404);
    expect(
      (await as(t.app, org.cookies.programme_manager)({ method: 'GET', url: '/api/admin/undelivered-mail' }))
        .statusCode,
    ).toBe(403);
    const retry = await admin({ method: 'POST', url: `/api/admin/undelivered-mail/${item.id}/retry` });
    expect(retry.statusCode).toBe(204);
    const sent: string[] = [];
    await sendDueNotifications(t.database.db, { send: async (m) => void sent.push(m.to) });
    expect(sent).toContain('programme_manager@centre.test');
    const after = await admin({ method: 'GET', url: '/api/admin/undelivered-mail' });
    expect(after.json().items.map((i: { id: string }) => i.id)).not.toContain(item.id);
    const again = await admin({ method: 'POST', url: `/api/admin/undelivered-mail/${item.id}/retry` });
    expect(again.statusCode).toBe(409);
  });
});
