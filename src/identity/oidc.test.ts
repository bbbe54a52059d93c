// Single sign-on against a real OpenID Connect provider on 127.0.0.1: settings, the
// connection test, and every way the callback ends (signed in, or a named problem).
import { type AddressInfo, createServer } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  createTestOrg,
  type TestApp,
  type TestOrg,
  testPassword,
} from '../api/testing.js';
import { loadConfig } from '../config.js';
import { accounts, auditLog, people, ssoLinks, ssoSettings } from '../db/schema.js';
import { saveSsoSettings } from './oidc-settings.js';
import { signInAtProvider, startTestProvider, type TestProvider } from './oidc-test-provider.js';

const publicUrl = 'http://twoway.test';
const redirectUri = `${publicUrl}/api/auth/sso/callback`;
let t: TestApp;
let org: TestOrg;
let slow: TestOrg;
let provider: TestProvider;
let slowProvider: TestProvider;

const users = {
  pat: { email: 'participant@sso.test' },
  newcomer: { email: 'Newcomer@SSO.test' },
  stranger: { email: 'stranger@sso.test' },
  elsewhere: { email: 'participant@elsewhere.test' },
  unverified: { email: 'sponsor@sso.test', emailVerified: false },
  slowpoke: { email: 'participant@sso-slow.test' },
  departing: { email: 'departing@sso.test' },
  gone: { email: 'gone@sso.test' },
};

const settingsOf = (p: TestProvider, domain: string) => ({
  displayName: 'Test Identity',
  issuer: p.issuer,
  clientId: p.clientId,
  clientSecret: p.clientSecret,
  allowedDomains: [domain],
});

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: publicUrl, OIDC_ALLOW_HTTP_ISSUERS: 'true' });
  org = await createTestOrg(t, 'sso');
  slow = await createTestOrg(t, 'sso-slow');
  provider = await startTestProvider({ redirectUri, users });
  slowProvider = await startTestProvider({ redirectUri, users, codeTtl: 1 });
  await t.database.db
    .insert(people)
    .values({ orgId: org.orgId, name: 'New Comer', email: 'newcomer@sso.test', jobLevel: 2 });
  await t.database.db.insert(people).values([
    { orgId: org.orgId, name: 'Dee Parting', email: 'departing@sso.test', jobLevel: 2 },
    { orgId: org.orgId, name: 'Gus Gone', email: 'gone@sso.test', jobLevel: 2, leaveDate: '2026-01-31' },
  ]);
  for (const [o, p, domain] of [
    [org, provider, 'sso.test'],
    [slow, slowProvider, 'sso-slow.test'],
  ] as const) {
    const res = await as(
      t.app,
      o.cookies.org_admin,
    )({
      method: 'PUT',
      url: '/api/sso/settings',
      payload: settingsOf(p, domain),
    });
    expect(res.statusCode, res.body).toBe(200);
  }
});
afterAll(async () => {
  await t.close();
  await provider.close();
  await slowProvider.close();
});

/** Starts at Twoway, signs in at the provider as `login`, and answers the provider's redirect back. */
async function throughProvider(login: string, slug = 'sso') {
  const start = await t.app.inject({ method: 'POST', url: '/api/auth/sso/start', payload: { org: slug } });
  expect(start.statusCode, start.body).toBe(200);
  const cookie = start.cookies.find((c) => c.name === 'twoway_sso');
  expect(cookie?.httpOnly).toBe(true);
  const back = new URL(await signInAtProvider(start.json().url, login, redirectUri));
  return { search: back.search, browser: `twoway_sso=${cookie?.value}`, params: back.searchParams };
}

const callback = (search: string, browser?: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/auth/sso/callback${search}`,
    headers: browser ? { cookie: browser } : {},
  });

const problemOf = (res: { statusCode: number; headers: Record<string, unknown> }) => {
  expect(res.statusCode).toBe(302);
  return new URL(String(res.headers.location), publicUrl).searchParams.get('reason');
};

describe('single sign-on', () => {
  it('links the person with the same verified email on the first sign-in, then signs in by that link', async () => {
    const first = await throughProvider('pat');
    const res = await callback(first.search, first.browser);
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe('/');
    const session = res.cookies.find((c) => c.name === 'twoway_session');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: `twoway_session=${session?.value}` },
    });
    expect(me.json().account.email).toBe('participant@sso.test');
    const links = await t.database.db.select().from(ssoLinks).where(eq(ssoLinks.subject, 'pat'));
    expect(links).toHaveLength(1);

    const again = await throughProvider('pat');
    expect((await callback(again.search, again.browser)).headers.location).toBe('/');
    const linked = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'sso.linked'), eq(auditLog.orgId, org.orgId)));
    expect(linked.filter((l) => (l.details as { subject?: string }).subject === 'pat')).toHaveLength(1);
  });

  it('gives a known person without an account one, and an unknown person no account', async () => {
    const newcomer = await throughProvider('newcomer');
    expect((await callback(newcomer.search, newcomer.browser)).headers.location).toBe('/');
    const [account] = await t.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.email, 'newcomer@sso.test'));
    expect(account?.roles).toEqual(['participant']);
    expect(account?.passwordHash).toBeNull();

    const before = (await t.database.db.select().from(accounts)).length;
    const stranger = await throughProvider('stranger');
    expect(problemOf(await callback(stranger.search, stranger.browser))).toBe('unknown_person');
    expect((await t.database.db.select().from(accounts)).length).toBe(before);
    const [failed] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'sign_in.failed'), eq(auditLog.orgId, org.orgId)));
    expect(failed?.details).toMatchObject({
      method: 'sso',
      reason: 'unknown_person',
      email: 'stranger@sso.test',
    });
  });

  it('refuses an email domain that is not allowed, and an email the provider has not verified', async () => {
    const elsewhere = await throughProvider('elsewhere');
    expect(problemOf(await callback(elsewhere.search, elsewhere.browser))).toBe('domain_not_allowed');
    const unverified = await throughProvider('unverified');
    expect(problemOf(await callback(unverified.search, unverified.browser))).toBe('email_not_verified');
    const links = await t.database.db.select().from(ssoLinks).where(eq(ssoLinks.orgId, org.orgId));
    expect(links.map((l) => l.subject).sort()).toEqual(['newcomer', 'pat']);
  });

  it('refuses a wrong state, a callback without its browser cookie, and one replayed', async () => {
    const flow = await throughProvider('pat');
    const tampered = new URLSearchParams(flow.params);
    tampered.set('state', 'not-the-state-we-sent');
    expect(problemOf(await callback(`?${tampered}`, flow.browser))).toBe('wrong_state');
    // The pending sign-in went with the wrong state: the real answer cannot be used after it.
    expect(problemOf(await callback(flow.search, flow.browser))).toBe('expired_or_used');

    const other = await throughProvider('pat');
    expect(problemOf(await callback(other.search))).toBe('expired_or_used');
    const good = await throughProvider('pat');
    expect((await callback(good.search, good.browser)).headers.location).toBe('/');
    expect(problemOf(await callback(good.search, good.browser))).toBe('expired_or_used');
  });

  it('refuses a person whom the organisation’s records show as gone, linked already or not, and makes no account', async () => {
    const gone = await throughProvider('gone');
    expect(problemOf(await callback(gone.search, gone.browser))).toBe('person_left');
    expect(await t.database.db.select().from(accounts).where(eq(accounts.email, 'gone@sso.test'))).toEqual(
      [],
    );

    const first = await throughProvider('departing');
    expect((await callback(first.search, first.browser)).headers.location).toBe('/');
    await t.database.db
      .update(people)
      .set({ leaveDate: new Date().toISOString().slice(0, 10) })
      .where(eq(people.email, 'departing@sso.test'));
    const after = await throughProvider('departing');
    expect(problemOf(await callback(after.search, after.browser))).toBe('person_left');
  });

  it('refuses an authorization code that expired before it came back', async () => {
    const flow = await throughProvider('slowpoke', 'sso-slow');
    await new Promise((r) => setTimeout(r, 2_200));
    expect(problemOf(await callback(flow.search, flow.browser))).toBe('code_rejected');
  });

  it('answers the same 404 for an unknown organisation and one without single sign-on', async () => {
    const bare = await createTestOrg(t, 'no-sso');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sso/options',
      payload: { org: 'nobody-here' },
    });
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sso/options',
      payload: { org: bare.slug },
    });
    expect(unknown.statusCode).toBe(404);
    expect(without.body).toBe(unknown.body);
    const known = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sso/options',
      payload: { org: 'sso' },
    });
    expect(known.json()).toEqual({ displayName: 'Test Identity', passwordSignIn: true });
  });
});

describe('single sign-on settings', () => {
  it('never answers the client secret, and stores it only encrypted', async () => {
    const res = await as(t.app, org.cookies.org_admin)({ method: 'GET', url: '/api/sso/settings' });
    expect(res.json()).toMatchObject({ configured: true, clientSecretSet: true, redirectUri });
    expect(res.body).not.toContain(provider.clientSecret);
    const [row] = await t.database.db.select().from(ssoSettings).where(eq(ssoSettings.orgId, org.orgId));
    expect(row?.clientSecretEncrypted).not.toContain(provider.clientSecret);
    // Saving without a secret keeps the stored one.
    const { clientSecret: _kept, ...rest } = settingsOf(provider, 'sso.test');
    const saved = await as(
      t.app,
      org.cookies.org_admin,
    )({ method: 'PUT', url: '/api/sso/settings', payload: rest });
    expect(saved.statusCode, saved.body).toBe(200);
    const flow = await throughProvider('pat');
    expect((await callback(flow.search, flow.browser)).headers.location).toBe('/');
  });

  it('reports what discovery found, and a clear problem for an issuer that does not answer', async () => {
    const ok = await as(t.app, org.cookies.org_admin)({ method: 'POST', url: '/api/sso/test' });
    expect(ok.json()).toMatchObject({ ok: true, issuer: provider.issuer, supportsPkce: true, problem: null });
    const { slug, cookies } = await createTestOrg(t, 'sso-broken');
    // A port nothing listens on.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await as(
      t.app,
      cookies.org_admin,
    )({
      method: 'PUT',
      url: '/api/sso/settings',
      payload: { ...settingsOf(provider, 'x.test'), issuer: `http://127.0.0.1:${port}` },
    });
    const broken = await as(t.app, cookies.org_admin)({ method: 'POST', url: '/api/sso/test' });
    expect(broken.json()).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/could not be reached/),
    });
    expect(slug).toBe('sso-broken');
  });

  it('rejects bad settings with 400 naming the field, and a plain-http issuer unless allowed', async () => {
    const bad = await as(
      t.app,
      org.cookies.org_admin,
    )({
      method: 'PUT',
      url: '/api/sso/settings',
      payload: { ...settingsOf(provider, 'sso.test'), allowedDomains: ['not a domain'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toMatch(/^allowedDomains/);
    const strict = loadConfig({ PUBLIC_URL: publicUrl });
    const actor = {
      accountId: 'x',
      orgId: org.orgId,
      personId: null,
      email: 'x',
      roles: ['org_admin'] as const,
    };
    await expect(
      saveSsoSettings(
        t.database.db,
        { ...actor, roles: [...actor.roles] },
        strict,
        settingsOf(provider, 'sso.test'),
      ),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fields: [{ path: 'issuer', message: 'must start with https://' }],
    });
  });

  it('turns password sign-in off for everyone but admins, with a clear message after the right password', async () => {
    const admin = as(t.app, org.cookies.org_admin);
    const res = await admin({
      method: 'PUT',
      url: '/api/sso/settings',
      payload: { ...settingsOf(provider, 'sso.test'), passwordSignIn: false },
    });
    expect(res.json().passwordSignIn).toBe(false);
    const signIn = (email: string, password = testPassword) =>
      t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
    const participant = await signIn('programme_manager@sso.test');
    expect(participant.statusCode).toBe(403);
    expect(participant.json().error.message).toMatch(/Sign in with Test Identity/);
    expect((await signIn('programme_manager@sso.test', 'a wrong password')).statusCode).toBe(401);
    expect((await signIn('org_admin@sso.test')).statusCode).toBe(200);
    await admin({ method: 'PUT', url: '/api/sso/settings', payload: settingsOf(provider, 'sso.test') });
    expect((await signIn('programme_manager@sso.test')).statusCode).toBe(200);
  });
});
