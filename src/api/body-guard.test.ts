// Inputs that used to answer 500: deep nesting, NUL in keys and jsonb values, and emails
// the calendar could not take. One guard for every body, one email rule: 400s naming the field.
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { createEvent } from 'ics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../db/schema.js';
import { personFields } from '../people/person-schema.js';
import { createWorld, type World } from '../relationships/testing.js';
import { maxBodyDepth } from './body-guard.js';
import { createTestApp, type TestApp } from './testing.js';

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t, 'guard');
});
afterAll(() => t.close());

/** `{"<field>": [[[ ... ]]]}`, `depth` levels deep: 8 kB for 4,000 levels. */
const nested = (field: string, depth: number) => `{"${field}":${'['.repeat(depth)}"x"${']'.repeat(depth)}}`;

describe('one guard for every body', () => {
  it('answers 400 naming the field, not 500, to JSON nested 4,000 levels deep on notes, meetings and journey', async () => {
    const rel = `/api/relationships/${w.relationshipId}`;
    const targets: Array<[string, string, string]> = [
      ['POST', `${rel}/notes`, 'body'],
      ['POST', `${rel}/meetings`, 'agenda'],
      ['POST', '/api/journey', 'title'],
      ['POST', '/api/topics', 'name'],
      ['PATCH', `/api/programmes/${w.programmeId}`, 'matchingSettings'],
    ];
    for (const [method, url, field] of targets) {
      const res = await w.mentor.call({
        method: method as 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: nested(field, 4000),
      });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.json().error.fields).toEqual([
        { path: field, message: `nests deeper than ${maxBodyDepth} levels` },
      ]);
    }
  });

  it('refuses a NUL character in an object key or a jsonb value, and stores nothing', async () => {
    const enrolments = (
      await w.mentor.call({ method: 'GET', url: `/api/programmes/${w.programmeId}/enrolments` })
    ).body;
    const attempts: Array<[string, string, unknown, string]> = [
      [
        'PATCH',
        `/api/programmes/${w.programmeId}`,
        { matchingSettings: { weights: { 'topic\u0000': 1 } }, version: 1 },
        'matchingSettings.weights.topic\\0',
      ],
      [
        'POST',
        `/api/programmes/${w.programmeId}/enrolments`,
        { role: 'mentee', consent: true, preferences: { note: 'a\u0000b' } },
        'preferences.note',
      ],
      ['POST', '/api/topics', { name: 'ok', category: 'career', 'x\u0000y': 1 }, 'x\\0y'],
    ];
    for (const [method, url, payload, path] of attempts) {
      const res = await w.manager({ method: method as 'POST', url, payload: payload as object });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.json().error.fields[0].path).toBe(path);
    }
    expect(
      (await w.mentor.call({ method: 'GET', url: `/api/programmes/${w.programmeId}/enrolments` })).body,
    ).toBe(enrolments);
  });

  it('refuses a NUL in a query string on any route', async () => {
    const res = await w.manager({ method: 'GET', url: '/api/people?q=a%00b' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      { path: 'query.q', message: 'must not contain NUL characters' },
    ]);
  });
});

describe('one email rule for the API and the calendar', () => {
  it('refuses the addresses that broke every invitation of a pair, on people, organisations and sign-in', async () => {
    const bad = ['coo@hq-.northwind.example', `coo@${'h'.repeat(70)}.northwind.example`];
    for (const email of bad) {
      const person = await w.admin({
        method: 'POST',
        url: '/api/people',
        payload: { name: 'Chief Operating Officer', email, jobLevel: 9 },
      });
      expect(person.statusCode, person.body).toBe(400);
      expect(person.json().error.fields).toEqual([{ path: 'email', message: 'must be an email address' }]);
      const org = await t.app.inject({
        method: 'POST',
        url: '/api/organisations',
        payload: {
          name: 'Hq',
          slug: 'hq-email',
          admin: { name: 'A', email, password: 'correct horse battery' },
        },
      });
      expect(org.statusCode, org.body).toBe(400);
      expect(org.json().error.fields[0].path).toBe('admin.email');
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email, password: 'x' },
      });
      expect(signIn.statusCode).toBe(400);
    }
  });

  it('keeps the invitation of a pair working when a stored address predates the rule', async () => {
    await t.database.db
      .update(people)
      .set({ email: 'coo@hq-.northwind.example' })
      .where(eq(people.id, w.mentee.personId));
    const rel = `/api/relationships/${w.relationshipId}`;
    const agreement = await w.mentee.call({
      method: 'PUT',
      url: `${rel}/agreement`,
      payload: {
        goals: [{ text: 'Learn' }],
        cadence: 'monthly',
        channel: 'video',
        durationMonths: 3,
        confidentialContactId: w.org.personIds.org_admin,
      },
    });
    expect(agreement.statusCode, agreement.body).toBe(200);
    for (const p of [w.mentor, w.mentee])
      await p.call({
        method: 'POST',
        url: `${rel}/agreement/sign`,
        payload: { version: agreement.json().version },
      });
    const meeting = await w.mentor.call({
      method: 'POST',
      url: `${rel}/meetings`,
      payload: { startsAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const ics = await w.mentor.call({ method: 'GET', url: `/api/meetings/${meeting.json().id}/ics` });
    expect(ics.statusCode, ics.body).toBe(200);
    expect(ics.body).toContain('mailto:junior-mentor@guard.test');
    expect(ics.body).not.toContain('hq-.northwind');
  });

  it('accepts only addresses the calendar library accepts too', () => {
    const calendarTakes = (email: string) =>
      !createEvent({
        start: Date.UTC(2027, 0, 1),
        duration: { minutes: 30 },
        attendees: [{ name: 'A', email }],
      }).error;
    const hostile = fc.constantFrom(
      'a@b-.cd',
      'a@-b.cd',
      `a@${'x'.repeat(64)}.cd`,
      `a@${'x'.repeat(63)}.cd`,
      'a@b.c',
      'a..b@c.de',
      '.a@b.de',
      'a"b@c.de',
      'ä@b.de',
    );
    fc.assert(
      fc.property(fc.oneof(fc.emailAddress(), hostile), (email) => {
        const parsed = personFields.email.safeParse(email);
        if (parsed.success) expect(calendarTakes(parsed.data), parsed.data).toBe(true);
      }),
      { numRuns: 500, seed: 30 },
    );
    expect(personFields.email.safeParse(' Ada.Lovelace+mentoring@Northwind.example ').data).toBe(
      'ada.lovelace+mentoring@northwind.example',
    );
  });
});
