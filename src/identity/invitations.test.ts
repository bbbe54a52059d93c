// Invitations: single-use links by email, revocable and resendable; big selections queued.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { auditLog, invitations, notificationOutbox, people } from '../db/schema.js';
import { inlineLimit, inviteQueued } from './invitations.js';

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
const chosen = 'copper meadow lantern';

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'inv');
  other = await createTestOrg(t, 'inv-other');
});
afterAll(() => t.close());

const admin = () => as(t.app, org.cookies.org_admin);
const manager = () => as(t.app, org.cookies.programme_manager);
let seq = 0;
async function newPerson(o: TestOrg = org) {
  seq += 1;
  const res = await as(
    t.app,
    o.cookies.org_admin,
  )({
    method: 'POST',
    url: '/api/people',
    payload: { name: `Invitee ${seq}`, email: `invitee${seq}@${o.slug}.test`, jobLevel: 2 },
  });
  return res.json() as { id: string; email: string };
}
const invite = (personIds: string[], roles?: string[], caller = admin()) =>
  caller({
    method: 'POST',
    url: '/api/invitations',
    payload: { selection: { kind: 'people', personIds }, ...(roles ? { roles } : {}) },
  });

/** The link's token, read from the newest invitation email to `email`. */
async function tokenFor(email: string): Promise<string> {
  const rows = await t.database.db
    .select()
    .from(notificationOutbox)
    .where(eq(notificationOutbox.recipientEmail, email));
  const body = rows.filter((r) => r.kind === 'account.invitation').at(-1)?.body ?? '';
  const token = /\/accept-invitation#token=([\w-]+)/.exec(body)?.[1];
  if (!token) throw new Error(`no invitation for ${email}`);
  return token;
}
const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });
const statusOf = async (email: string) =>
  (
    (await admin()({ method: 'GET', url: '/api/invitations?limit=200' })).json().items as {
      email: string;
      status: string;
    }[]
  ).find((i) => i.email === email)?.status;

describe('invitations', () => {
  it('invites one person, who opens the link, sets a password once and is signed in with the invited roles', async () => {
    const p = await newPerson();
    const res = await invite([p.id]);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ total: 1, processed: 1, status: 'done' });
    expect(await statusOf(p.email)).toBe('sent');
    const token = await tokenFor(p.email);

    const opened = await post('/api/invitations/open', { token });
    expect(opened.json()).toEqual({
      name: expect.stringMatching(/^Invitee/),
      email: p.email,
      organisation: 'Org inv',
    });
    expect(await statusOf(p.email)).toBe('opened');

    const weak = await post('/api/invitations/accept', { token, password: 'password12' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].path).toBe('password');

    const both = await Promise.all([
      post('/api/invitations/accept', { token, password: chosen }),
      post('/api/invitations/accept', { token, password: 'another lantern meadow' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    const winner = both.find((r) => r.statusCode === 200);
    const cookie = winner?.cookies.find((c) => c.name === 'twoway_session');
    const me = await as(t.app, `twoway_session=${cookie?.value}`)({ method: 'GET', url: '/api/me' });
    expect(me.json().account).toMatchObject({ email: p.email, roles: ['participant'] });
    expect(await statusOf(p.email)).toBe('accepted');
    // The stored row holds no usable token.
    const [row] = await t.database.db.select().from(invitations).where(eq(invitations.personId, p.id));
    expect(row?.tokenHash).not.toBe(token);
  });

  it('skips people who have an account or a live invitation, and those of another organisation', async () => {
    const p = await newPerson();
    const foreign = await newPerson(other);
    expect((await invite([p.id])).json().total).toBe(1);
    expect((await invite([p.id, foreign.id, org.personIds.participant])).json()).toMatchObject({
      total: 0,
      processed: 0,
    });
    const rows = await t.database.db.select().from(invitations).where(eq(invitations.personId, foreign.id));
    expect(rows).toHaveLength(0);
    const foreignProgramme = await as(
      t.app,
      other.cookies.programme_manager,
    )({
      method: 'POST',
      url: '/api/programmes',
      payload: { name: 'Theirs', kind: 'mutual', cohortStart: '2027-01-01', cohortEnd: '2027-02-01' },
    });
    const res = await admin()({
      method: 'POST',
      url: '/api/invitations',
      payload: { selection: { kind: 'programme', programmeId: foreignProgramme.json().id } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('selection.programmeId');
  });

  it('lets managers invite participants only, and nobody else invite at all', async () => {
    const p = await newPerson();
    expect((await invite([p.id], ['org_admin'], manager())).statusCode).toBe(403);
    expect((await invite([p.id], undefined, as(t.app, org.cookies.participant))).statusCode).toBe(403);
    expect((await invite([p.id], ['participant'], manager())).statusCode).toBe(202);
  });

  it('stops a revoked link, and a resent link replaces the old one', async () => {
    const p = await newPerson();
    await invite([p.id]);
    const first = await tokenFor(p.email);
    const id = (
      (await admin()({ method: 'GET', url: '/api/invitations' })).json().items as {
        id: string;
        email: string;
      }[]
    ).find((i) => i.email === p.email)?.id;
    expect((await admin()({ method: 'POST', url: `/api/invitations/${id}/revoke` })).statusCode).toBe(204);
    expect(await statusOf(p.email)).toBe('revoked');
    expect((await post('/api/invitations/accept', { token: first, password: chosen })).statusCode).toBe(400);
    expect((await admin()({ method: 'POST', url: `/api/invitations/${id}/resend` })).statusCode).toBe(204);
    const second = await tokenFor(p.email);
    expect(second).not.toBe(first);
    expect((await post('/api/invitations/open', { token: first })).statusCode).toBe(400);
    expect((await post('/api/invitations/accept', { token: second, password: chosen })).statusCode).toBe(200);
    // Another organisation's admin cannot touch it.
    const foreign = await as(
      t.app,
      other.cookies.org_admin,
    )({ method: 'POST', url: `/api/invitations/${id}/resend` });
    expect(foreign.statusCode).toBe(404);
  });

  it('shows an invitation past its 7 days as expired, refuses its link, and invites the person again', async () => {
    const p = await newPerson();
    await invite([p.id]);
    const token = await tokenFor(p.email);
    await t.database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.personId, p.id));
    expect(await statusOf(p.email)).toBe('expired');
    expect((await post('/api/invitations/accept', { token, password: chosen })).statusCode).toBe(400);
    expect((await invite([p.id])).json().total).toBe(1);
    expect(await statusOf(p.email)).toBe('sent');
  });

  it('queues a large selection for the worker and reports its progress', async () => {
    const since = new Date().toISOString();
    const n = inlineLimit + 20;
    await t.database.db.insert(people).values(
      Array.from({ length: n }, (_, i) => ({
        orgId: org.orgId,
        name: `Imported ${i}`,
        email: `imported${i}@inv.test`,
        jobLevel: 1,
      })),
    );
    const res = await admin()({
      method: 'POST',
      url: '/api/invitations',
      payload: { selection: { kind: 'imported', since } },
    });
    expect(res.json()).toMatchObject({ total: n, processed: 0, status: 'queued' });
    await inviteQueued(t.database.db, 'http://localhost:3000');
    const batch = await admin()({ method: 'GET', url: `/api/invitation-batches/${res.json().id}` });
    expect(batch.json()).toMatchObject({ total: n, processed: n, status: 'done' });
    const list = (await admin()({ method: 'GET', url: '/api/invitations?status=sent&limit=1' })).json();
    expect(list.counts.sent).toBeGreaterThanOrEqual(n);
    expect(list.items).toHaveLength(1);
  });

  it('writes every invitation, opening, acceptance, revocation and resend to the audit log', async () => {
    const actions = new Set(
      (await t.database.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action),
    );
    for (const a of [
      'invitation_batch.created',
      'invitation.sent',
      'invitation.opened',
      'invitation.accepted',
      'invitation.revoked',
      'invitation.resent',
    ])
      expect(actions, a).toContain(a);
  });
});
