// SCIM tokens and the edges of /scim/v2: who may call it, what one organisation's token sees,
// filters, paging, ETags, media types and bad input.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { people, scimTokens } from '../db/schema.js';
import { listening, type ScimClient, scimClient } from './testing.js';

const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const errorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
let scim: ScimClient;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'tokens');
  other = await createTestOrg(t, 'tokens-other');
  scim = await scimClient(t, org);
  base = await listening(t);
  for (const [i, name] of ['Alba Alder', 'Bruno Birch', 'Cara Cedar', 'Dario Dogwood', 'Elsa Elm'].entries())
    await scim.call('POST', '/Users', {
      userName: `${name.split(' ')[0]?.toLowerCase()}@tokens.test`,
      externalId: `ext-${i}`,
      name: { formatted: name },
      emails: [{ value: `${name.split(' ')[0]?.toLowerCase()}@tokens.test`, primary: true }],
    });
});
afterAll(() => t.close());

const q = (filter: string) => encodeURIComponent(filter);
const userNames = (body: { Resources: { userName: string }[] }) =>
  body.Resources.map((r) => r.userName).sort();

describe('SCIM tokens', () => {
  it('are shown once, kept hashed, listed without the secret, and made by admins only', async () => {
    const admin = as(t.app, org.cookies.org_admin);
    const created = await admin({ method: 'POST', url: '/api/scim-tokens', payload: { name: 'Okta' } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: string };
    expect(token).toMatch(/^twscim_[\w-]{43}$/);
    const [stored] = await t.database.db.select().from(scimTokens).where(eq(scimTokens.id, id));
    expect(stored?.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    const list = await admin({ method: 'GET', url: '/api/scim-tokens' });
    expect(list.body).not.toContain(token);
    expect(list.json().find((x: { id: string }) => x.id === id)).toMatchObject({
      name: 'Okta',
      hint: token.slice(-4),
    });
    for (const role of ['programme_manager', 'participant', 'sponsor'] as const) {
      const refused = await as(
        t.app,
        org.cookies[role],
      )({ method: 'POST', url: '/api/scim-tokens', payload: { name: 'x' } });
      expect(refused.statusCode).toBe(403);
    }
  });

  it('is not made with an API token, even an admin one: it would outlive that token’s revocation', async () => {
    const admin = as(t.app, org.cookies.org_admin);
    const apiToken = await admin({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'admin script', scope: 'admin' },
    });
    expect(apiToken.statusCode, apiToken.body).toBe(201);
    const before = await t.database.db.select().from(scimTokens);
    const minted = await t.app.inject({
      method: 'POST',
      url: '/api/scim-tokens',
      headers: { authorization: `Bearer ${apiToken.json().token}` },
      payload: { name: 'Minted by a script' },
    });
    expect(minted.statusCode, minted.body).toBe(403);
    expect(await t.database.db.select().from(scimTokens)).toHaveLength(before.length);
  });

  it('opens /scim/v2 only: not the API, and a session cookie does not open SCIM', async () => {
    const api = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${scim.token}` } });
    expect(api.status).toBe(401);
    const withCookie = await fetch(`${base}/scim/v2/Users`, { headers: { cookie: org.cookies.org_admin } });
    expect(withCookie.status).toBe(401);
    expect(withCookie.headers.get('www-authenticate')).toContain('Bearer');
    expect(await withCookie.json()).toMatchObject({ schemas: [errorSchema], status: '401' });
    const forged = await fetch(`${base}/scim/v2/Users`, {
      headers: { authorization: 'Bearer twscim_not-a-real-token' },
    });
    expect(forged.status).toBe(401);
  });

  it('stops working once revoked', async () => {
    const client = await scimClient(t, org, 'Short-lived');
    expect((await client.call('GET', '/Users?count=1')).status).toBe(200);
    const [row] = await t.database.db.select().from(scimTokens).where(eq(scimTokens.name, 'Short-lived'));
    const revoked = await as(
      t.app,
      org.cookies.org_admin,
    )({ method: 'POST', url: `/api/scim-tokens/${row?.id}/revoke` });
    expect(revoked.statusCode).toBe(200);
    expect((await client.call('GET', '/Users?count=1')).status).toBe(401);
    // Another organisation's admin cannot revoke it, nor see it.
    const foreign = await as(
      t.app,
      other.cookies.org_admin,
    )({ method: 'POST', url: `/api/scim-tokens/${row?.id}/revoke` });
    expect(foreign.statusCode).toBe(404);
  });

  it("sees its own organisation only: another organisation's users are not found, not listed, not changed", async () => {
    const theirs = await scimClient(t, other, 'Their directory');
    const mine = (await scim.call('GET', `/Users?filter=${q('userName eq "alba@tokens.test"')}`)).body
      .Resources[0];
    expect((await theirs.call('GET', `/Users/${mine.id}`)).status).toBe(404);
    expect(
      (await theirs.call('GET', `/Users?filter=${q('userName eq "alba@tokens.test"')}`)).body.totalResults,
    ).toBe(0);
    const patched = await theirs.call('PATCH', `/Users/${mine.id}`, {
      schemas: [patchOp],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(patched.status).toBe(404);
    expect((await theirs.call('DELETE', `/Users/${mine.id}`)).status).toBe(404);
    const [row] = await t.database.db.select().from(people).where(eq(people.id, mine.id));
    expect(row?.leaveDate).toBeNull();
  });
});

describe('/scim/v2', () => {
  it('lists a page of groups, each with its own members only', async () => {
    const ids = async (...names: string[]) =>
      Promise.all(
        names.map(
          async (n) =>
            (await scim.call('GET', `/Users?filter=${q(`userName eq "${n}@tokens.test"`)}`)).body.Resources[0]
              .id as string,
        ),
      );
    const [alba, bruno, cara] = await ids('alba', 'bruno', 'cara');
    const groups = [
      { displayName: 'Listed Finance', members: [alba, bruno] },
      { displayName: 'Listed Legal', members: [cara] },
      { displayName: 'Listed Empty', members: [] },
    ];
    for (const g of groups)
      expect(
        (
          await scim.call('POST', '/Groups', {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
            displayName: g.displayName,
            members: g.members.map((value) => ({ value })),
          })
        ).status,
      ).toBe(201);
    const listed = await scim.call('GET', `/Groups?filter=${q('displayName sw "Listed "')}`);
    const membersOf = (name: string) =>
      (
        listed.body.Resources.find((g: { displayName: string }) => g.displayName === name).members as {
          value: string;
        }[]
      )
        .map((m) => m.value)
        .sort();
    for (const g of groups) expect(membersOf(g.displayName)).toEqual([...g.members].sort());
    const bare = await scim.call(
      'GET',
      `/Groups?excludedAttributes=members&filter=${q('displayName sw "Listed "')}`,
    );
    expect(bare.body.Resources.every((g: object) => !('members' in g))).toBe(true);
  });

  it('filters with eq, co, sw, and, or on userName, emails and externalId', async () => {
    const list = async (filter: string) =>
      userNames((await scim.call('GET', `/Users?filter=${q(filter)}`)).body);
    expect(await list('userName eq "Bruno@tokens.test"')).toEqual(['bruno@tokens.test']);
    expect(await list('userName co "ar" and userName sw "c"')).toEqual(['cara@tokens.test']);
    expect(await list('emails co "dario" or externalId eq "ext-4"')).toEqual([
      'dario@tokens.test',
      'elsa@tokens.test',
    ]);
    expect(await list('emails[type eq "work" and value sw "alba"]')).toEqual(['alba@tokens.test']);
    expect(await list('emails[type eq "work"].value eq "cara@tokens.test"')).toEqual(['cara@tokens.test']);
    expect(await list('externalId eq "EXT-1"')).toEqual([]); // externalId is case-exact
    expect(await list('userName co "%"')).toEqual([]); // a LIKE wildcard is only a character
    for (const bad of ['userName eq', 'userName gt "a"', 'phoneNumbers eq "1"']) {
      const res = await scim.call('GET', `/Users?filter=${q(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body).toMatchObject({ schemas: [errorSchema], scimType: 'invalidFilter' });
    }
  });

  it('pages with startIndex and count, in a stable order', async () => {
    const filter = q('userName ew "@tokens.test"');
    const all = (await scim.call('GET', `/Users?filter=${filter}&count=200`)).body;
    const pages = [];
    for (let start = 1; start <= all.totalResults; start += 2)
      pages.push(
        ...(await scim.call('GET', `/Users?filter=${filter}&startIndex=${start}&count=2`)).body.Resources,
      );
    expect(pages.map((r: { id: string }) => r.id)).toEqual(all.Resources.map((r: { id: string }) => r.id));
    const onlyTotal = (await scim.call('GET', `/Users?filter=${filter}&count=0`)).body;
    expect(onlyTotal).toMatchObject({ totalResults: all.totalResults, itemsPerPage: 0, Resources: [] });
    expect((await scim.call('GET', '/Users?count=ten')).status).toBe(400);
  });

  it('refuses a write against an old ETag with 412 and takes the current one', async () => {
    const user = (await scim.call('GET', `/Users?filter=${q('userName eq "elsa@tokens.test"')}`)).body
      .Resources[0];
    const got = await scim.call('GET', `/Users/${user.id}`);
    const etag = got.headers.get('etag') ?? '';
    expect(etag).toBe(got.body.meta.version);
    const change = (title: string, ifMatch: string) =>
      scim.call(
        'PATCH',
        `/Users/${user.id}`,
        { schemas: [patchOp], Operations: [{ op: 'replace', path: 'title', value: title }] },
        { 'if-match': ifMatch },
      );
    const first = await change('Analyst', etag);
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).not.toBe(etag);
    const stale = await change('Director', etag);
    expect(stale.status).toBe(412);
    expect(stale.body.schemas).toEqual([errorSchema]);
    expect((await scim.call('GET', `/Users/${user.id}`)).body.title).toBe('Analyst');
  });

  it('takes application/scim+json and application/json, refuses other bodies and foreign pages, and answers bad input with 400 naming the attribute', async () => {
    const asText = await fetch(`${base}/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${scim.token}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(asText.status).toBe(415);
    expect((await asText.json()).schemas).toEqual([errorSchema]);
    const fromPage = await fetch(`${base}/scim/v2/Users`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${scim.token}`,
        'content-type': 'application/json',
        origin: 'https://evil.example',
      },
      body: JSON.stringify({ userName: 'evil@tokens.test' }),
    });
    expect(fromPage.status).toBe(403);
    const plainJson = await scim.call(
      'POST',
      '/Users',
      { userName: 'json@tokens.test' },
      { 'content-type': 'application/json' },
    );
    expect(plainJson.status).toBe(201);

    const before = (await scim.call('GET', '/Users?count=0')).body.totalResults;
    const noEmail = await scim.call('POST', '/Users', {
      userName: 'not-an-email',
      name: { formatted: 'No Mail' },
    });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body).toMatchObject({ scimType: 'invalidValue' });
    expect(noEmail.body.detail).toContain('emails');
    const broken = await scim.call('POST', '/Users', '{"userName": ');
    expect(broken.status).toBe(400);
    expect(broken.body.scimType).toBe('invalidSyntax');
    const badOp = await scim.call('PATCH', `/Users/${org.personIds.participant}`, {
      schemas: [patchOp],
      Operations: [{ op: 'move', path: 'title', value: 'x' }],
    });
    expect(badOp.status).toBe(400);
    expect(badOp.body.detail).toContain('Operations.0.op');
    expect((await scim.call('GET', '/Users?count=0')).body.totalResults).toBe(before);
  });

  it('describes itself: ServiceProviderConfig, ResourceTypes and Schemas', async () => {
    const config = await fetch(`${base}/scim/v2/ServiceProviderConfig`);
    expect(config.status).toBe(200);
    expect(await config.json()).toMatchObject({
      patch: { supported: true },
      filter: { supported: true },
      etag: { supported: true },
    });
    const types = (await scim.call('GET', '/ResourceTypes')).body;
    expect(types.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
    const schemas = (await scim.call('GET', '/Schemas')).body;
    expect(schemas.Resources.map((s: { id: string }) => s.id)).toContain(
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    );
    expect((await scim.call('GET', '/Nothing')).status).toBe(404);
  });
});
