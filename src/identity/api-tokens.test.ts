// API tokens through HTTP: shown once, stored hashed, scopes enforced by the auth hook,
// revocation and expiry, and the once-a-minute record of their use.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { accounts, apiTokens, auditLog } from '../db/schema.js';
import { todayUtc } from './standing.js';
import { hashToken } from './tokens.js';

let t: TestApp;
let org: TestOrg;
/** The UTC day this file started on: its audit entries run from then to today, across midnight too. */
let firstDay: string;

beforeAll(async () => {
  firstDay = todayUtc();
  t = await createTestApp();
  org = await createTestOrg(t, 'tokens');
});
afterAll(() => t.close());

const create = async (cookie: string, payload: Record<string, unknown>) => {
  const res = await as(t.app, cookie)({ method: 'POST', url: '/api/api-tokens', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; token: string; prefix: string; scope: string };
};
const bearer =
  (token: string) => (options: { method: 'GET' | 'POST' | 'DELETE'; url: string; payload?: object }) =>
    t.app.inject({ ...options, headers: { authorization: `Bearer ${token}` } });

describe('API tokens', () => {
  it('shows a personal token once, keeps only its hash, and lets it read as its owner', async () => {
    const created = await create(org.cookies.participant, { name: 'my script', scope: 'read' });
    expect(created.token).toMatch(/^tw_[\w-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row?.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const list = await as(t.app, org.cookies.participant)({ method: 'GET', url: '/api/api-tokens' });
    expect(list.body).not.toContain(created.token);
    expect(list.json()).toEqual([
      expect.objectContaining({ id: created.id, status: 'active', kind: 'personal' }),
    ]);

    const me = await bearer(created.token)({ method: 'GET', url: '/api/me' });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().account.email).toBe('participant@tokens.test');
  });

  it('refuses a write with a read token, and organisation administration below the admin scope', async () => {
    const read = await create(org.cookies.org_admin, { name: 'reader', scope: 'read' });
    const write = await create(org.cookies.org_admin, { name: 'writer', scope: 'write' });
    const admin = await create(org.cookies.org_admin, { name: 'admin', scope: 'admin' });
    const topic = { name: 'Token topic', category: 'career' };

    const byRead = await bearer(read.token)({ method: 'POST', url: '/api/topics', payload: topic });
    expect(byRead.statusCode).toBe(403);
    expect(byRead.json().error.message).toMatch(/read scope/);
    expect((await bearer(read.token)({ method: 'GET', url: '/api/topics' })).statusCode).toBe(200);

    const byWrite = await bearer(write.token)({ method: 'POST', url: '/api/topics', payload: topic });
    expect(byWrite.statusCode, byWrite.body).toBe(201);
    expect((await bearer(write.token)({ method: 'GET', url: '/api/accounts' })).statusCode).toBe(403);
    expect((await bearer(write.token)({ method: 'GET', url: '/api/audit-log' })).statusCode).toBe(403);
    expect((await bearer(admin.token)({ method: 'GET', url: '/api/accounts' })).statusCode).toBe(200);
  });

  it('refuses a revoked token, an expired one and one whose account is disabled, with 401', async () => {
    const revoked = await create(org.cookies.sponsor, { name: 'to revoke', scope: 'read' });
    const res = await as(
      t.app,
      org.cookies.sponsor,
    )({ method: 'DELETE', url: `/api/api-tokens/${revoked.id}` });
    expect(res.json().status).toBe('revoked');
    expect((await bearer(revoked.token)({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);

    const expired = await create(org.cookies.sponsor, { name: 'to expire', scope: 'read', expiresInDays: 1 });
    await t.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, expired.id));
    const refused = await bearer(expired.token)({ method: 'GET', url: '/api/me' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toMatch(/unknown, expired or revoked/);

    const service = await create(org.cookies.org_admin, { name: 'ci', kind: 'service', scope: 'write' });
    expect((await bearer(service.token)({ method: 'GET', url: '/api/people' })).statusCode).toBe(200);
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, service.id));
    const disabled = await as(
      t.app,
      org.cookies.org_admin,
    )({
      method: 'POST',
      url: `/api/accounts/${row?.accountId}/disable`,
    });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect((await bearer(service.token)({ method: 'GET', url: '/api/people' })).statusCode).toBe(401);
    // A bad token is refused even beside a good session cookie.
    const both = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: 'Bearer tw_nonsense', cookie: org.cookies.sponsor },
    });
    expect(both.statusCode).toBe(401);
  });

  it('gives service tokens to admins only, and never lets a token create a token', async () => {
    const refused = await as(
      t.app,
      org.cookies.programme_manager,
    )({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'ci', kind: 'service', scope: 'read' },
    });
    expect(refused.statusCode).toBe(403);
    const admin = await create(org.cookies.org_admin, { name: 'powerful', scope: 'admin' });
    const minted = await bearer(admin.token)({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'child', scope: 'admin' },
    });
    expect(minted.statusCode).toBe(403);
    const service = await create(org.cookies.org_admin, { name: 'sync', kind: 'service', scope: 'read' });
    const [row] = await t.database.db
      .select({ personId: accounts.personId, passwordHash: accounts.passwordHash })
      .from(apiTokens)
      .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
      .where(eq(apiTokens.id, service.id));
    expect(row).toEqual({ personId: null, passwordHash: null });
  });

  it('lets people see and revoke only their own tokens; admins see and revoke all', async () => {
    const mine = await create(org.cookies.programme_manager, { name: 'manager script', scope: 'write' });
    const other = await as(
      t.app,
      org.cookies.participant,
    )({ method: 'DELETE', url: `/api/api-tokens/${mine.id}` });
    expect(other.statusCode).toBe(404);
    const seen = await as(t.app, org.cookies.participant)({ method: 'GET', url: '/api/api-tokens' });
    expect(seen.json().map((x: { id: string }) => x.id)).not.toContain(mine.id);
    const adminList = await as(t.app, org.cookies.org_admin)({ method: 'GET', url: '/api/api-tokens' });
    expect(adminList.json()).toContainEqual(
      expect.objectContaining({ id: mine.id, ownerEmail: 'programme_manager@tokens.test' }),
    );
    const byAdmin = await as(
      t.app,
      org.cookies.org_admin,
    )({ method: 'DELETE', url: `/api/api-tokens/${mine.id}` });
    expect(byAdmin.statusCode).toBe(200);
  });

  it('rejects a bad token request with 400 naming the field, and creates nothing', async () => {
    const before = (await t.database.db.select().from(apiTokens)).length;
    for (const [payload, field] of [
      [{ name: '', scope: 'read' }, 'name'],
      [{ name: 'x', scope: 'root' }, 'scope'],
      [{ name: 'x', scope: 'read', expiresInDays: 400 }, 'expiresInDays'],
    ] as const) {
      const res = await as(
        t.app,
        org.cookies.participant,
      )({ method: 'POST', url: '/api/api-tokens', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(field);
    }
    expect((await t.database.db.select().from(apiTokens)).length).toBe(before);
  });

  it('records a token’s use at most once a minute, in its last-used time and the audit log', async () => {
    const created = await create(org.cookies.participant, { name: 'busy script', scope: 'read' });
    const uses = () =>
      t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'api_token.used'), eq(auditLog.entityId, created.id)));
    await Promise.all(
      Array.from({ length: 8 }, () => bearer(created.token)({ method: 'GET', url: '/api/programmes' })),
    );
    expect(await uses()).toHaveLength(1);
    expect((await uses())[0]?.details).toMatchObject({ method: 'GET', route: '/api/programmes' });
    await t.database.db
      .update(apiTokens)
      .set({ lastUsedAt: new Date(Date.now() - 61_000) })
      .where(eq(apiTokens.id, created.id));
    await bearer(created.token)({ method: 'GET', url: '/api/me' });
    await bearer(created.token)({ method: 'GET', url: '/api/me' });
    expect(await uses()).toHaveLength(2);
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(Date.now() - (row?.lastUsedAt?.getTime() ?? 0)).toBeLessThan(30_000);
  });
});

describe('the audit log', () => {
  it('shows admins their organisation’s entries filtered by action, actor and days, one page at a time', async () => {
    const admin = as(t.app, org.cookies.org_admin);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'sponsor@tokens.test', password: 'wrong password here' },
    });
    const failed = await admin({ method: 'GET', url: '/api/audit-log?action=sign_in.failed' });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json().items).toEqual([
      expect.objectContaining({
        action: 'sign_in.failed',
        details: expect.objectContaining({ email: 'sponsor@tokens.test' }),
      }),
    ]);
    const family = await admin({ method: 'GET', url: '/api/audit-log?action=sign_in&limit=200' });
    const actions = new Set(family.json().items.map((i: { action: string }) => i.action));
    expect(actions).toEqual(new Set(['sign_in.failed', 'sign_in.succeeded']));

    const byActor = await admin({
      method: 'GET',
      url: '/api/audit-log?actor=programme_manager%40&limit=200',
    });
    expect(byActor.json().items.length).toBeGreaterThan(0);
    for (const item of byActor.json().items) expect(item.actor?.email).toBe('programme_manager@tokens.test');

    const page1 = await admin({ method: 'GET', url: '/api/audit-log?limit=2' });
    const page2 = await admin({ method: 'GET', url: '/api/audit-log?limit=2&offset=2' });
    expect(page1.json().total).toBeGreaterThan(4);
    expect(page1.json().items.map((i: { id: number }) => i.id)).not.toContain(page2.json().items[0].id);
    expect(page1.json().actions).toContain('api_token.created');

    const today = todayUtc();
    const inRange = await admin({ method: 'GET', url: `/api/audit-log?from=${firstDay}&to=${today}` });
    expect(inRange.json().total).toBe(page1.json().total);
    const past = await admin({ method: 'GET', url: '/api/audit-log?from=2020-01-01&to=2020-01-31' });
    expect(past.json().total).toBe(0);
  });

  it('refuses participants and managers, and answers 400 naming a bad filter', async () => {
    for (const role of ['participant', 'programme_manager'] as const)
      expect((await as(t.app, org.cookies[role])({ method: 'GET', url: '/api/audit-log' })).statusCode).toBe(
        403,
      );
    const bad = await as(
      t.app,
      org.cookies.org_admin,
    )({ method: 'GET', url: '/api/audit-log?from=2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('querystring.from');
    const reversed = await as(
      t.app,
      org.cookies.org_admin,
    )({
      method: 'GET',
      url: '/api/audit-log?from=2026-03-02&to=2026-03-01',
    });
    expect(reversed.statusCode).toBe(400);
  });
});
