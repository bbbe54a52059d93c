// Accounts belong to an organisation: one email may have an account in several, no answer
// tells a stranger where an email has accounts, and an account is used only once a link sent
// to its email was followed.
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
import { notificationOutbox, organisations } from '../db/schema.js';

let t: TestApp;
let home: TestOrg;
let rival: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  home = await createTestOrg(t, 'home');
  rival = await createTestOrg(t, 'rival');
});
afterAll(() => t.close());

const post = (url: string, payload: object, cookie?: string) =>
  t.app.inject({ method: 'POST', url, payload, ...(cookie ? { headers: { cookie } } : {}) });
const signIn = (email: string, password: string, organisation?: string) =>
  post('/api/auth/sign-in', { email, password, ...(organisation ? { organisation } : {}) });
const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
  const c = res.cookies.find((x) => x.name === 'twoway_session');
  return c ? `twoway_session=${c.value}` : undefined;
};
const orgOf = async (cookie: string) =>
  (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json().account.orgId as string;

/** The newest confirmation link emailed to an address, as the email carries it. */
async function confirmationToken(email: string, orgName = ''): Promise<string> {
  const rows = await t.database.db
    .select({ body: notificationOutbox.body })
    .from(notificationOutbox)
    .where(
      and(
        eq(notificationOutbox.recipientEmail, email),
        eq(notificationOutbox.kind, 'account.email_verification'),
      ),
    );
  const body = rows.filter((r) => r.body.includes(orgName)).at(-1)?.body ?? '';
  const token = /\/confirm-email#token=([\w-]+)/.exec(body)?.[1];
  if (!token) throw new Error(`no confirmation link for ${email}`);
  return token;
}

/** Adds a person to an organisation and gives them an account with a password, as its admin. */
async function accountFor(org: TestOrg, email: string, password = testPassword) {
  const admin = as(t.app, org.cookies.org_admin);
  const person = await admin({
    method: 'POST',
    url: '/api/people',
    payload: { name: `Person ${email}`, email, jobLevel: 3 },
  });
  expect(person.statusCode, person.body).toBe(201);
  return admin({
    method: 'POST',
    url: '/api/accounts',
    payload: { personId: person.json().id, roles: ['participant'], password },
  });
}

const shape = (body: Record<string, unknown>) => Object.keys(body).sort();

describe("another organisation's email", () => {
  it('gets an account here with the same answer as a new email, and its owner still signs in to their own organisation', async () => {
    // The rival admin gives the home participant's email an account, with the owner's very password.
    const taken = await accountFor(rival, 'participant@home.test');
    const fresh = await accountFor(rival, 'newcomer@rival.test');
    expect(taken.statusCode, taken.body).toBe(201);
    expect(fresh.statusCode).toBe(201);
    expect(shape(taken.json())).toEqual(shape(fresh.json()));
    expect(taken.json().emailConfirmed).toBe(false);

    const res = await signIn('participant@home.test', testPassword);
    expect(res.statusCode, res.body).toBe(200);
    expect(await orgOf(cookieOf(res) ?? '')).toBe(home.orgId);
    // Naming the rival organisation does not open the unconfirmed account: it waits for its email.
    const there = await signIn('participant@home.test', testPassword, 'rival');
    expect(there.statusCode).toBe(403);
    expect(there.json().error.details.reason).toBe('email_not_confirmed');
    expect(cookieOf(there)).toBeUndefined();
  });

  it('answers a new organisation alike whether or not its admin email has an account elsewhere', async () => {
    const create = (slug: string, email: string) =>
      post('/api/organisations', {
        name: `Org ${slug}`,
        slug,
        admin: { name: 'Founding Admin', email, password: 'saffron river compass' },
      });
    const known = await create('known-email', 'org_admin@home.test');
    const unknown = await create('unknown-email', 'nobody@nowhere.test');
    expect(known.statusCode, known.body).toBe(201);
    expect(unknown.statusCode).toBe(201);
    expect(shape(known.json())).toEqual(shape(unknown.json()));
    expect(known.json().signInReady).toBe(false);
    // Not usable until the emailed link is followed: the right password is told to confirm first.
    const early = await signIn('nobody@nowhere.test', 'saffron river compass');
    expect(early.statusCode).toBe(403);
    expect(early.json().error.details.reason).toBe('email_not_confirmed');
    const confirmed = await post('/api/auth/confirm-email', {
      token: await confirmationToken('nobody@nowhere.test'),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await orgOf(cookieOf(confirmed) ?? '')).toBe(unknown.json().organisation.id);
  });
});

describe('one email in several organisations', () => {
  it('asks which organisation only after the password opened more than one', async () => {
    const email = 'both@home.test';
    expect((await accountFor(home, email)).statusCode).toBe(201);
    expect((await accountFor(rival, email)).statusCode).toBe(201);
    // Each account has its own link, naming its organisation.
    for (const org of ['Org rival', 'Org home'])
      expect(
        (await post('/api/auth/confirm-email', { token: await confirmationToken(email, org) })).statusCode,
      ).toBe(200);

    const wrong = await signIn(email, 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain('rival');

    const choice = await signIn(email, testPassword);
    expect(choice.statusCode).toBe(200);
    expect(cookieOf(choice)).toBeUndefined();
    expect(choice.json().organisations.map((o: { slug: string }) => o.slug)).toEqual(['home', 'rival']);

    const picked = await signIn(email, testPassword, 'rival');
    expect(picked.statusCode).toBe(200);
    expect(await orgOf(cookieOf(picked) ?? '')).toBe(rival.orgId);
    expect((await signIn(email, testPassword, 'no-such-org')).statusCode).toBe(401);
  });
});

describe('creating organisations', () => {
  it('makes the first organisation of an empty installation ready at once, and later ones wait for the email', async () => {
    const fresh = await createTestApp({ ORG_CREATE_PER_HOUR: '2' });
    try {
      const create = (slug: string) =>
        fresh.app.inject({
          method: 'POST',
          url: '/api/organisations',
          payload: {
            name: `Org ${slug}`,
            slug,
            admin: {
              name: 'Founding Admin',
              email: `founder@${slug}.test`,
              password: 'saffron river compass',
            },
          },
        });
      const first = await create('first');
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json().signInReady).toBe(true);
      const signedIn = await fresh.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'founder@first.test', password: 'saffron river compass' },
      });
      expect(signedIn.statusCode).toBe(200);
      const second = await create('second');
      expect(second.json().signInReady).toBe(false);
      // The third from one address within the hour is refused before any work.
      const third = await create('third');
      expect(third.statusCode).toBe(429);
      const orgs = await fresh.database.db.select({ slug: organisations.slug }).from(organisations);
      expect(orgs.map((o) => o.slug).sort()).toEqual(['first', 'second']);
    } finally {
      await fresh.close();
    }
  });
});
