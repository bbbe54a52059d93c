// The privacy matrix: every relationship endpoint, as every role. No private
// note, feedback answer or decline reason reaches anyone but its author (decline
// reasons: and the programme managers they are addressed to), through any
// endpoint, listing, search, export or error message.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../api/testing.js';
import { matchRuns, relationships } from '../db/schema.js';
import { addPerson, createWorld, type PersonFixture, travelPast, type World } from './testing.js';

type RoleKey =
  | 'mentor'
  | 'mentee'
  | 'bystander'
  | 'manager'
  | 'admin'
  | 'sponsor'
  | 'outsider'
  | 'outsiderParticipant';
const roleKeys: RoleKey[] = [
  'mentor',
  'mentee',
  'bystander',
  'manager',
  'admin',
  'sponsor',
  'outsider',
  'outsiderParticipant',
];
type Expect = Record<RoleKey, number | 'skip'>;

const secrets = {
  'PRIVATE-MENTOR-NOTE': ['mentor'],
  'PRIVATE-MENTEE-NOTE': ['mentee'],
  'FEEDBACK-SECRET': ['mentee'],
  'JOURNEY-UNSHARED': ['mentee'],
  'DECLINE-SECRET': ['manager'],
} satisfies Record<string, RoleKey[]>;

let t: TestApp;
let w: World;
let callers: Record<RoleKey, ReturnType<typeof as>>;
const ids = {} as Record<
  'mentorNote' | 'menteeNote' | 'sharedNote' | 'meeting' | 'declined' | 'run' | 'journey',
  string
>;
let decliner: PersonFixture;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t, 'priv');
  callers = {
    mentor: w.mentor.call,
    mentee: w.mentee.call,
    bystander: w.bystander,
    manager: w.manager,
    admin: w.admin,
    sponsor: w.sponsor,
    outsider: w.outsider,
    outsiderParticipant: as(t.app, w.other.cookies.participant),
  };
  const rel = `/api/relationships/${w.relationshipId}`;
  const agreement = await w.mentee.call({
    method: 'PUT',
    url: `${rel}/agreement`,
    payload: {
      goals: [{ text: 'Digital fluency' }],
      cadence: 'monthly',
      channel: 'video',
      durationMonths: 6,
      confidentialContactId: w.org.personIds.org_admin,
    },
  });
  for (const p of [w.mentor, w.mentee])
    await p.call({
      method: 'POST',
      url: `${rel}/agreement/sign`,
      payload: { version: agreement.json().version },
    });
  const meeting = await w.mentor.call({
    method: 'POST',
    url: `${rel}/meetings`,
    payload: { startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
  });
  ids.meeting = meeting.json().id;
  await travelPast(t, ids.meeting);
  await w.mentor.call({
    method: 'POST',
    url: `/api/meetings/${ids.meeting}/record`,
    payload: { version: meeting.json().version },
  });
  const fb = await w.mentee.call({
    method: 'POST',
    url: `/api/meetings/${ids.meeting}/feedback`,
    payload: { value: 2, heard: 1, talking: 'other', comment: 'FEEDBACK-SECRET he lectured' },
  });
  expect(fb.statusCode, fb.body).toBe(201);
  ids.mentorNote = (
    await w.mentor.call({
      method: 'POST',
      url: `${rel}/notes`,
      payload: { visibility: 'private', body: 'PRIVATE-MENTOR-NOTE' },
    })
  ).json().id;
  ids.menteeNote = (
    await w.mentee.call({
      method: 'POST',
      url: `${rel}/notes`,
      payload: { visibility: 'private', body: 'PRIVATE-MENTEE-NOTE' },
    })
  ).json().id;
  ids.sharedNote = (
    await w.mentee.call({
      method: 'POST',
      url: `${rel}/notes`,
      payload: { visibility: 'shared', body: 'SHARED-NOTE' },
    })
  ).json().id;
  ids.journey = (
    await w.mentee.call({
      method: 'POST',
      url: '/api/journey',
      payload: { kind: 'struggle', year: 2010, title: 'JOURNEY-UNSHARED' },
    })
  ).json().id;
  await w.mentee.call({ method: 'POST', url: `${rel}/learning`, payload: { body: 'prompting' } });
  await w.mentee.call({
    method: 'POST',
    url: `${rel}/actions`,
    payload: { kind: 'goal', title: 'Post weekly' },
  });
  await w.mentor.call({ method: 'POST', url: `${rel}/check-ins`, payload: { mood: 'going_well' } });
  // A second proposal, declined with a reason.
  decliner = await addPerson(t, w.org, 'second-mentee', { jobLevel: 7 });
  const [declined] = await t.database.db
    .insert(relationships)
    .values({
      orgId: w.org.orgId,
      programmeId: w.programmeId,
      mentorId: w.mentor.personId,
      menteeId: decliner.personId,
      status: 'proposed',
    })
    .returning();
  ids.declined = declined?.id as string;
  const d = await decliner.call({
    method: 'POST',
    url: `/api/relationships/${ids.declined}/respond`,
    payload: { response: 'decline', reason: 'DECLINE-SECRET conflict of interest' },
  });
  expect(d.statusCode, d.body).toBe(200);
  const [run] = await t.database.db
    .select({ id: matchRuns.id })
    .from(matchRuns)
    .where(eq(matchRuns.programmeId, w.programmeId));
  ids.run = run?.id as string;
});
afterAll(() => t.close());

const parties = (mentor: number | 'skip', mentee: number | 'skip' = mentor, manager = 403): Expect => ({
  mentor,
  mentee,
  bystander: 404,
  manager,
  admin: manager,
  sponsor: 404,
  outsider: 404,
  outsiderParticipant: 404,
});
const managersOnly: Expect = {
  mentor: 403,
  mentee: 403,
  bystander: 403,
  manager: 200,
  admin: 200,
  sponsor: 403,
  outsider: 404,
  outsiderParticipant: 403,
};
const everyone: Expect = {
  mentor: 200,
  mentee: 200,
  bystander: 200,
  manager: 200,
  admin: 200,
  sponsor: 200,
  outsider: 200,
  outsiderParticipant: 200,
};

type Row = [
  name: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: () => string,
  payload: unknown,
  expected: Expect,
];
const rel = () => `/api/relationships/${w.relationshipId}`;
const matrix: Row[] = [
  ['my relationships', 'GET', () => '/api/relationships', undefined, everyone],
  ['a relationship', 'GET', rel, undefined, parties(200, 200, 200)],
  [
    'programme relationships',
    'GET',
    () => `/api/programmes/${w.programmeId}/relationships`,
    undefined,
    managersOnly,
  ],
  ['notes of a relationship', 'GET', () => `${rel()}/notes`, undefined, parties(200)],
  [
    'the mentor’s private note',
    'GET',
    () => `/api/notes/${ids.mentorNote}`,
    undefined,
    { ...parties(200, 404, 404) },
  ],
  [
    'the mentee’s private note',
    'GET',
    () => `/api/notes/${ids.menteeNote}`,
    undefined,
    { ...parties(404, 200, 404) },
  ],
  ['a shared note', 'GET', () => `/api/notes/${ids.sharedNote}`, undefined, parties(200, 200, 404)],
  ['the agreement', 'GET', () => `${rel()}/agreement`, undefined, parties(200)],
  ['agenda templates', 'GET', () => `${rel()}/agenda-templates`, undefined, parties(200)],
  ['meetings', 'GET', () => `${rel()}/meetings`, undefined, parties(200)],
  ['a meeting', 'GET', () => `/api/meetings/${ids.meeting}`, undefined, parties(200)],
  ['a meeting’s .ics', 'GET', () => `/api/meetings/${ids.meeting}/ics`, undefined, parties(200)],
  [
    'my feedback on a meeting',
    'GET',
    () => `/api/meetings/${ids.meeting}/feedback`,
    undefined,
    parties(404, 200),
  ],
  [
    'feedback aggregates',
    'GET',
    () => `/api/programmes/${w.programmeId}/feedback-summary`,
    undefined,
    { ...managersOnly, sponsor: 200 },
  ],
  [
    'decline reasons',
    'GET',
    () => `/api/programmes/${w.programmeId}/decline-reasons`,
    undefined,
    { ...managersOnly, admin: 403, outsider: 403 },
  ],
  [
    'my decline reason',
    'GET',
    () => `/api/relationships/${ids.declined}/decline-reason`,
    undefined,
    { ...parties(200, 404), mentee: 404 },
  ],
  ['learning log', 'GET', () => `${rel()}/learning`, undefined, parties(200)],
  ['goals and actions', 'GET', () => `${rel()}/actions`, undefined, parties(200)],
  ['shared journeys', 'GET', () => `${rel()}/journeys`, undefined, parties(200)],
  ['my journey', 'GET', () => '/api/journey', undefined, everyone],
  ['check-ins', 'GET', () => `${rel()}/check-ins`, undefined, parties(200)],
  ['reflections', 'GET', () => `${rel()}/reflections`, undefined, parties(200)],
  ['match runs', 'GET', () => `/api/programmes/${w.programmeId}/match-runs`, undefined, managersOnly],
  ['a match run', 'GET', () => `/api/match-runs/${ids.run}`, undefined, managersOnly],
  ['pair rules', 'GET', () => `/api/programmes/${w.programmeId}/pair-rules`, undefined, managersOnly],
  [
    'shortlist',
    'GET',
    () => `/api/programmes/${w.programmeId}/shortlist`,
    undefined,
    { ...managersOnly, mentee: 200, manager: 403, admin: 403, outsiderParticipant: 404 },
  ],
  [
    'people search for a secret',
    'GET',
    () => '/api/people?q=SECRET',
    undefined,
    { ...managersOnly, outsider: 200 },
  ],
  // Writes: outsiders are refused and nothing changes.
  ['write a note', 'POST', () => `${rel()}/notes`, { visibility: 'shared', body: 'hello' }, parties(201)],
  [
    'change the agreement',
    'PUT',
    () => `${rel()}/agreement`,
    { goals: [{ text: 'x' }], cadence: 'monthly', channel: 'video', durationMonths: 6 },
    parties('skip'),
  ],
  [
    'schedule a meeting',
    'POST',
    () => `${rel()}/meetings`,
    { startsAt: '2099-01-01T10:00:00Z' },
    parties('skip'),
  ],
  [
    'give feedback',
    'POST',
    () => `/api/meetings/${ids.meeting}/feedback`,
    { value: 5, heard: 5, talking: 'me' },
    parties('skip', 409),
  ],
  [
    'respond to an active match',
    'POST',
    () => `${rel()}/respond`,
    { response: 'decline', reason: 'x' },
    parties(409),
  ],
  [
    'change status with a stale version',
    'POST',
    () => `${rel()}/transitions`,
    { to: 'paused', version: 999 },
    parties(409, 409, 409),
  ],
  [
    'edit the mentor’s private note',
    'PATCH',
    () => `/api/notes/${ids.mentorNote}`,
    { body: 'overwritten', version: 1 },
    { ...parties('skip', 404, 404) },
  ],
  [
    'delete the mentor’s private note',
    'DELETE',
    () => `/api/notes/${ids.mentorNote}`,
    undefined,
    { ...parties('skip', 404, 404) },
  ],
  [
    'edit someone’s journey entry',
    'PATCH',
    () => `/api/journey/${ids.journey}`,
    { title: 'x', version: 1 },
    {
      ...everyone,
      mentee: 'skip',
      mentor: 404,
      bystander: 404,
      manager: 404,
      admin: 404,
      sponsor: 404,
      outsider: 404,
      outsiderParticipant: 404,
    },
  ],
  [
    'publish a published run',
    'POST',
    () => `/api/match-runs/${ids.run}/publish`,
    {},
    { ...managersOnly, manager: 409, admin: 409 },
  ],
  [
    'lock a pair',
    'POST',
    () => `/api/programmes/${w.programmeId}/pair-rules`,
    () => ({ mentorId: w.mentor.personId, menteeId: w.mentee.personId, kind: 'locked' }),
    { ...managersOnly, manager: 'skip', admin: 'skip' },
  ],
];

describe('the privacy matrix', () => {
  it.each(matrix)('%s (%s)', async (_name, method, url, payload, expected) => {
    for (const role of roleKeys) {
      const want = expected[role];
      if (want === 'skip') continue;
      const body = typeof payload === 'function' ? (payload as () => object)() : payload;
      const res = await callers[role]({
        method,
        url: url(),
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      expect(res.statusCode, `${role} ${method} ${url()}: ${res.body}`).toBe(want);
      expect(res.statusCode, `${role} got a 500`).toBeLessThan(500);
      for (const [secret, allowed] of Object.entries(secrets)) {
        if (res.body.includes(secret))
          expect(allowed, `${secret} leaked to ${role} through ${method} ${url()}`).toContain(role);
      }
    }
  });

  it('lets the author, and only the author, read their decline reason', async () => {
    const res = await decliner.call({
      method: 'GET',
      url: `/api/relationships/${ids.declined}/decline-reason`,
    });
    expect(res.json().reason).toContain('DECLINE-SECRET');
    const mentorView = await w.mentor.call({
      method: 'GET',
      url: `/api/relationships/${ids.declined}/decline-reason`,
    });
    expect(mentorView.json().reason).toBeNull();
  });

  it('keeps every secret out of the audit log and the outbox', async () => {
    for (const table of ['audit_log', 'notification_outbox']) {
      const dump = await t.database.db.execute(
        sql.raw(`select coalesce(string_agg(t::text, ' '), '') as all from ${table} t`),
      );
      const text = JSON.stringify((dump as unknown as { rows: unknown[] }).rows);
      expect(text.length).toBeGreaterThan(100);
      for (const secret of Object.keys(secrets)) expect(text, `${secret} in ${table}`).not.toContain(secret);
    }
  });

  it('left the private notes untouched by everyone else’s attempts', async () => {
    const note = await w.mentor.call({ method: 'GET', url: `/api/notes/${ids.mentorNote}` });
    expect(note.json()).toMatchObject({ body: 'PRIVATE-MENTOR-NOTE', version: 1 });
  });
});
