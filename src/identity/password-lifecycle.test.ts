// Forgotten passwords, changing a password, one's own sessions, and disabled accounts.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  createTestOrg,
  signInCookie,
  type TestApp,
  type TestOrg,
  testPassword,
} from '../api/testing.js';
import { accountTokens, auditLog, notificationOutbox } from '../db/schema.js';
import { resetAnswerMs } from './password-reset.js';

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
const newPassword = 'lantern orchard velvet';

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'life');
  other = await createTestOrg(t, 'life-other');
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, cookie?: string) =>
  t.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    ...(cookie ? { headers: { cookie } } : {}),
  });
const signIn = (email: string, password: string) => post('/api/auth/sign-in', { email, password });

/** Asks for a reset link and reads it back from the outbox, as the email will carry it. */
async function resetLinkFor(email: string): Promise<string> {
  expect((await post('/api/auth/password-reset', { email })).statusCode).toBe(202);
  const rows = await t.database.db
    .select()
    .from(notificationOutbox)
    .where(
      and(
        eq(notificationOutbox.recipientEmail, email),
        eq(notificationOutbox.kind, 'account.password_reset'),
      ),
    );
  const body = rows.at(-1)?.body ?? '';
  const token = /\/reset-password#token=([\w-]+)/.exec(body)?.[1];
  if (!token) throw new Error(`no reset link for ${email}`);
  return token;
}

describe('forgotten password', () => {
  it('answers a known and an unknown email alike, and no sooner than the floor', async () => {
    const timed = async (email: string) => {
      const started = performance.now();
      const res = await post('/api/auth/password-reset', { email });
      return { res, ms: performance.now() - started };
    };
    const known = await timed('sponsor@life.test');
    const unknown = await timed('ghost@life.test');
    expect(unknown.res.statusCode).toBe(known.res.statusCode);
    expect(unknown.res.body).toBe(known.res.body);
    expect(known.ms).toBeGreaterThanOrEqual(resetAnswerMs - 5);
    expect(unknown.ms).toBeGreaterThanOrEqual(resetAnswerMs - 5);
    const mail = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.kind, 'account.password_reset'));
    expect(mail.map((m) => m.recipientEmail)).toEqual(['sponsor@life.test']);
    // The link is stored only as a hash.
    const token = /#token=([\w-]+)/.exec(mail[0]?.body ?? '')?.[1] ?? '';
    const stored = await t.database.db.select().from(accountTokens);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('sets a new password through the link once, ends every session and clears the throttle', async () => {
    const email = 'participant@life.test';
    const before = await signInCookie(t.app, email);
    for (let i = 0; i < 6; i++) await signIn(email, `wrong-guess-${i}-x`);
    expect((await signIn(email, testPassword)).statusCode).toBe(429);
    const token = await resetLinkFor(email);

    const weak = await post('/api/auth/password-reset/confirm', { token, password: 'password12' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0].path).toBe('password');

    const uses = await Promise.all([
      post('/api/auth/password-reset/confirm', { token, password: newPassword }),
      post('/api/auth/password-reset/confirm', { token, password: 'another fine phrase 42' }),
    ]);
    expect(uses.map((r) => r.statusCode).sort()).toEqual([204, 400]);
    expect(uses.find((r) => r.statusCode === 400)?.json().error.fields[0].path).toBe('token');

    expect((await as(t.app, before)({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const winner = uses[0]?.statusCode === 204 ? newPassword : 'another fine phrase 42';
    expect((await signIn(email, testPassword)).statusCode).toBe(401);
    expect((await signIn(email, winner)).statusCode).toBe(200);
    const again = await post('/api/auth/password-reset/confirm', {
      token,
      password: 'yet another phrase 77',
    });
    expect(again.statusCode).toBe(400);
  });

  it('refuses an expired link and an older link once a newer one was sent', async () => {
    const email = 'programme_manager@life.test';
    const first = await resetLinkFor(email);
    const second = await resetLinkFor(email);
    expect(
      (await post('/api/auth/password-reset/confirm', { token: first, password: newPassword })).statusCode,
    ).toBe(400);
    await t.database.db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000) });
    const expired = await post('/api/auth/password-reset/confirm', { token: second, password: newPassword });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.fields[0]).toEqual({
      path: 'token',
      message: 'is invalid, used or expired; ask for a new link',
    });
  });
});

describe('changing a password', () => {
  it('needs the current password, refuses a weak new one, and ends only the other sessions', async () => {
    const email = 'sponsor@life-other.test';
    const here = await signInCookie(t.app, email);
    const elsewhere = await signInCookie(t.app, email);
    const wrong = await post('/api/me/password', { currentPassword: 'not-it-at-all', newPassword }, here);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('currentPassword');
    const weak = await post(
      '/api/me/password',
      { currentPassword: testPassword, newPassword: '1234567890' },
      here,
    );
    expect(weak.json().error.fields[0].path).toBe('newPassword');
    const ok = await post('/api/me/password', { currentPassword: testPassword, newPassword }, here);
    expect(ok.statusCode).toBe(204);
    expect((await as(t.app, here)({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    expect((await as(t.app, elsewhere)({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    expect((await signIn(email, newPassword)).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('lists my sessions and ends one of them, but never another account’s', async () => {
    const email = 'programme_manager@life-other.test';
    const mine = await signInCookie(t.app, email);
    const laptop = await signInCookie(t.app, email);
    const list = (await as(t.app, mine)({ method: 'GET', url: '/api/me/sessions' })).json() as {
      id: string;
      current: boolean;
    }[];
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.length).toBeGreaterThanOrEqual(3);
    const theirs = (
      await as(t.app, other.cookies.org_admin)({ method: 'GET', url: '/api/me/sessions' })
    ).json();
    const steal = await as(t.app, mine)({ method: 'DELETE', url: `/api/me/sessions/${theirs[0].id}` });
    expect(steal.statusCode).toBe(404);
    expect((await as(t.app, other.cookies.org_admin)({ method: 'GET', url: '/api/me' })).statusCode).toBe(
      200,
    );

    const laptopId = (await as(t.app, laptop)({ method: 'GET', url: '/api/me/sessions' }))
      .json()
      .find((s: { current: boolean }) => s.current).id;
    expect(
      (await as(t.app, mine)({ method: 'DELETE', url: `/api/me/sessions/${laptopId}` })).statusCode,
    ).toBe(204);
    expect((await as(t.app, laptop)({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    expect((await as(t.app, mine)({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
  });
});

describe('disabled accounts', () => {
  it('end their sessions at once, cannot sign in, and sign in again once re-enabled', async () => {
    const admin = as(t.app, other.cookies.org_admin);
    const accounts = (await admin({ method: 'GET', url: '/api/accounts' })).json() as {
      id: string;
      email: string;
    }[];
    const target = accounts.find((a) => a.email === 'participant@life-other.test');
    const cookie = other.cookies.participant;
    const disabled = await admin({ method: 'POST', url: `/api/accounts/${target?.id}/disable` });
    expect(disabled.json()).toMatchObject({ disabled: true });
    expect((await as(t.app, cookie)({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    expect((await signIn('participant@life-other.test', testPassword)).statusCode).toBe(401);
    // A disabled account gets no reset link either.
    await post('/api/auth/password-reset', { email: 'participant@life-other.test' });
    const links = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.recipientEmail, 'participant@life-other.test'));
    expect(links).toHaveLength(0);
    expect((await admin({ method: 'POST', url: `/api/accounts/${target?.id}/enable` })).json()).toMatchObject(
      { disabled: false },
    );
    expect((await signIn('participant@life-other.test', testPassword)).statusCode).toBe(200);
  });

  it('may be done by an admin of the same organisation only, and never to oneself', async () => {
    const accounts = (
      await as(t.app, other.cookies.org_admin)({ method: 'GET', url: '/api/accounts' })
    ).json() as {
      id: string;
      email: string;
    }[];
    const self = accounts.find((a) => a.email === 'org_admin@life-other.test')?.id;
    const sponsor = accounts.find((a) => a.email === 'sponsor@life-other.test')?.id;
    const selfRes = await as(
      t.app,
      other.cookies.org_admin,
    )({ method: 'POST', url: `/api/accounts/${self}/disable` });
    expect(selfRes.statusCode).toBe(400);
    const foreign = await as(
      t.app,
      org.cookies.org_admin,
    )({ method: 'POST', url: `/api/accounts/${sponsor}/disable` });
    expect(foreign.statusCode).toBe(404);
    const manager = await as(
      t.app,
      other.cookies.programme_manager,
    )({ method: 'POST', url: `/api/accounts/${sponsor}/disable` });
    expect(manager.statusCode).toBe(403);
  });
});

describe('the audit log', () => {
  it('records sign-ins, failures, resets, changes and disabling', async () => {
    const actions = new Set(
      (await t.database.db.select({ action: auditLog.action }).from(auditLog)).map((r) => r.action),
    );
    for (const action of [
      'sign_in.succeeded',
      'sign_in.failed',
      'account.password_reset_requested',
      'account.password_reset',
      'account.password_changed',
      'account.disabled',
      'account.enabled',
    ])
      expect(actions, action).toContain(action);
  });
});
