// A leaver's access ends on their leave date, however the date arrived (here an HR edit, as an
// import or SCIM would set it), even though no one disabled their account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  createTestOrg,
  type TestApp,
  type TestOrg,
  testPassword,
} from '../api/testing.js';

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'leavers');
});
afterAll(() => t.close());

const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function setLeaveDate(personId: string, leaveDate: string | null) {
  const admin = as(t.app, org.cookies.org_admin);
  const person = await admin({ method: 'GET', url: `/api/people/${personId}` });
  expect(person.statusCode, person.body).toBe(200);
  const res = await admin({
    method: 'PATCH',
    url: `/api/people/${personId}`,
    payload: { leaveDate, version: person.json().version },
  });
  expect(res.statusCode, res.body).toBe(200);
}

const signIn = () =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { email: 'participant@leavers.test', password: testPassword },
  });

describe('a leaver', () => {
  it('loses their session, their API token and the password sign-in from the leave date, not before', async () => {
    const participant = as(t.app, org.cookies.participant);
    const token = await participant({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'my script', scope: 'read' },
    });
    expect(token.statusCode, token.body).toBe(201);
    const byToken = () =>
      t.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${token.json().token}` },
      });

    // A leave date still to come changes nothing yet.
    await setLeaveDate(org.personIds.participant, isoDay(7));
    expect((await participant({ method: 'GET', url: '/api/me' })).statusCode).toBe(200);
    expect((await byToken()).statusCode).toBe(200);

    await setLeaveDate(org.personIds.participant, isoDay(0));
    expect((await participant({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    expect((await byToken()).statusCode).toBe(401);
    const refused = await signIn();
    expect(refused.statusCode, refused.body).toBe(401);
    expect(refused.cookies.find((c) => c.name === 'twoway_session')).toBeUndefined();

    // Cleared again (a mistaken leave date), the account signs in as before.
    await setLeaveDate(org.personIds.participant, null);
    expect((await signIn()).statusCode).toBe(200);
    expect((await byToken()).statusCode).toBe(200);
  });
});
