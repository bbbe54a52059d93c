import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import {
  accept,
  addPerson,
  createProgramme,
  createWorld,
  enrolAs,
  runAndPublish,
  travelPast,
  type World,
} from './testing.js';

let t: TestApp;
let w: World;
const rel = () => `/api/relationships/${w.relationshipId}`;
const inDays = (d: number, hour = 15) => {
  const x = new Date(Date.now() + d * 86_400_000);
  x.setUTCHours(hour, 0, 0, 0);
  return x.toISOString();
};
const reverseAgreement = (contactId: string) => ({
  goals: [{ learner: 'mentee', text: 'Use generative AI in my weekly planning' }],
  cadence: 'fortnightly',
  channel: 'video',
  durationMonths: 6,
  confidentialContactId: contactId,
});

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t, 'rel');
});
afterAll(() => t.close());

describe('a mentoring relationship', () => {
  it('becomes active once both people accept', async () => {
    const res = await w.mentee.call({ method: 'GET', url: rel() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'active',
      mentorResponse: 'accepted',
      menteeResponse: 'accepted',
      myRole: 'mentee',
    });
  });

  it('refuses a meeting before the agreement is signed by both', async () => {
    const res = await w.mentor.call({
      method: 'POST',
      url: `${rel()}/meetings`,
      payload: { startsAt: inDays(3) },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields[0].path).toBe('agreement');
  });

  it('refuses an agreement without goals, naming the field', async () => {
    const res = await w.mentee.call({
      method: 'PUT',
      url: `${rel()}/agreement`,
      payload: { ...reverseAgreement(w.org.personIds.org_admin), goals: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('goals');
    const mentorGoal = await w.mentee.call({
      method: 'PUT',
      url: `${rel()}/agreement`,
      payload: { ...reverseAgreement(w.org.personIds.org_admin), goals: [{ learner: 'mentor', text: 'x' }] },
    });
    expect(mentorGoal.statusCode).toBe(400);
    expect(mentorGoal.json().error.fields[0].path).toBe('goals.0.learner');
  });

  it('needs a confidential contact in a reverse programme, and carries the no-retaliation pledge', async () => {
    const { confidentialContactId: _, ...without } = reverseAgreement('x');
    const missing = await w.mentee.call({ method: 'PUT', url: `${rel()}/agreement`, payload: without });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].path).toBe('confidentialContactId');
    const res = await w.mentee.call({
      method: 'PUT',
      url: `${rel()}/agreement`,
      payload: reverseAgreement(w.org.personIds.org_admin),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().noRetaliationPledge).toMatch(/never use anything said/);
    expect(res.json().confidentialContact.id).toBe(w.org.personIds.org_admin);
    expect(res.json().agreed).toBe(false);
  });

  it('is agreed once both sign the same version; a stale version is refused', async () => {
    const current = (await w.mentor.call({ method: 'GET', url: `${rel()}/agreement` })).json();
    const stale = await w.mentor.call({
      method: 'POST',
      url: `${rel()}/agreement/sign`,
      payload: { version: current.version + 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    for (const p of [w.mentor, w.mentee]) {
      const res = await p.call({
        method: 'POST',
        url: `${rel()}/agreement/sign`,
        payload: { version: current.version },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await w.mentee.call({ method: 'GET', url: `${rel()}/agreement` })).json().agreed).toBe(true);
  });

  it('rejects a meeting in the past', async () => {
    const res = await w.mentor.call({
      method: 'POST',
      url: `${rel()}/meetings`,
      payload: { startsAt: inDays(-1) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'startsAt', message: expect.stringMatching(/past/) }]);
  });

  it('schedules a first meeting with the journey agenda and an .ics a calendar can read', async () => {
    const res = await w.mentor.call({
      method: 'POST',
      url: `${rel()}/meetings`,
      payload: { startsAt: inDays(3), durationMinutes: 60 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const meeting = res.json();
    expect(meeting.agenda.template).toBe('journey');
    expect(meeting.agenda.items[0]).toMatchObject({ title: 'Opening question', lead: 'mentee' });
    const ics = await w.mentee.call({ method: 'GET', url: `/api/meetings/${meeting.id}/ics` });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(ics.body)).getFirstSubcomponent('vevent') as ICAL.Component,
    );
    expect(event.uid).toBe(`meeting-${meeting.id}@twoway`);
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate().toISOString()).toBe(meeting.startsAt);
    expect(event.description).toContain('America/New_York');
    expect(event.description).toContain('Europe/Madrid');
  });

  it('rejects an overlapping meeting for the same person', async () => {
    const list = (await w.mentor.call({ method: 'GET', url: `${rel()}/meetings` })).json();
    const first = list.meetings[0];
    const start = new Date(new Date(first.startsAt).getTime() + 30 * 60_000).toISOString();
    const res = await w.mentee.call({
      method: 'POST',
      url: `${rel()}/meetings`,
      payload: { startsAt: start },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields[0]).toEqual({
      path: 'startsAt',
      message: 'overlaps another meeting of one of you',
    });
  });

  it('lets only one of two simultaneous bookings of the same slot through', async () => {
    const slot = inDays(20, 9);
    const [a, b] = await Promise.all([
      w.mentor.call({ method: 'POST', url: `${rel()}/meetings`, payload: { startsAt: slot } }),
      w.mentee.call({ method: 'POST', url: `${rel()}/meetings`, payload: { startsAt: slot } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
  });

  it('raises the SEQUENCE and keeps the UID when a meeting moves; counts who cancelled', async () => {
    const created = (
      await w.mentee.call({ method: 'POST', url: `${rel()}/meetings`, payload: { startsAt: inDays(10) } })
    ).json();
    const moved = await w.mentee.call({
      method: 'PATCH',
      url: `/api/meetings/${created.id}`,
      payload: { startsAt: inDays(11), version: created.version },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().sequence).toBe(1);
    const staleMove = await w.mentor.call({
      method: 'PATCH',
      url: `/api/meetings/${created.id}`,
      payload: { startsAt: inDays(12), version: created.version },
    });
    expect(staleMove.statusCode).toBe(409);
    expect(staleMove.json().error.code).toBe('stale_version');
    const cancelled = await w.mentee.call({
      method: 'POST',
      url: `/api/meetings/${created.id}/cancel`,
      payload: { version: moved.json().version },
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const ics = (await w.mentor.call({ method: 'GET', url: `/api/meetings/${created.id}/ics` })).body;
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent') as ICAL.Component;
    expect(vevent.getFirstPropertyValue('uid')).toBe(`meeting-${created.id}@twoway`);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    const list = (await w.mentor.call({ method: 'GET', url: `${rel()}/meetings` })).json();
    expect(list.cancellations).toEqual({ total: 1, byMentor: 0, byMentee: 1, byOthers: 0 });
    const page = (
      await w.manager({ method: 'GET', url: `/api/programmes/${w.programmeId}/relationships?limit=10` })
    ).json();
    expect(page).toMatchObject({ total: 1, limit: 10, offset: 0 });
    expect(page.items[0].id).toBe(w.relationshipId);
    const managerView = (await w.manager({ method: 'GET', url: rel() })).json();
    expect(managerView.meetings).toMatchObject({ cancelled: 1, cancelledByMentee: 1, cancelledByMentor: 0 });
    const again = await w.mentee.call({
      method: 'POST',
      url: `/api/meetings/${created.id}/cancel`,
      payload: { version: cancelled.json().version },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('illegal_transition');
  });

  it('takes feedback only after a meeting is held, once per person', async () => {
    const [first] = (await w.mentor.call({ method: 'GET', url: `${rel()}/meetings` })).json().meetings;
    const early = await w.mentee.call({
      method: 'POST',
      url: `/api/meetings/${first.id}/feedback`,
      payload: { value: 5, heard: 5, talking: 'balanced' },
    });
    expect(early.statusCode).toBe(409);
    const notYet = await w.mentee.call({
      method: 'POST',
      url: `/api/meetings/${first.id}/record`,
      payload: { version: first.version },
    });
    expect(notYet.statusCode).toBe(409);
    await travelPast(t, first.id);
    const held = await w.mentee.call({
      method: 'POST',
      url: `/api/meetings/${first.id}/record`,
      payload: { version: first.version },
    });
    expect(held.statusCode, held.body).toBe(200);
    const bad = await w.mentee.call({
      method: 'POST',
      url: `/api/meetings/${first.id}/feedback`,
      payload: { value: 9, heard: 5, talking: 'loud' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['talking', 'value']);
    const ok = await w.mentee.call({
      method: 'POST',
      url: `/api/meetings/${first.id}/feedback`,
      payload: { value: 4, heard: 5, talking: 'other', comment: 'felt heard' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const twice = await w.mentee.call({
      method: 'POST',
      url: `/api/meetings/${first.id}/feedback`,
      payload: { value: 4, heard: 5, talking: 'other' },
    });
    expect(twice.statusCode).toBe(409);
    expect(
      (await w.mentee.call({ method: 'GET', url: `/api/meetings/${first.id}/feedback` })).json().comment,
    ).toBe('felt heard');
    expect(
      (await w.mentor.call({ method: 'GET', url: `/api/meetings/${first.id}/feedback` })).statusCode,
    ).toBe(404);
  });

  it('opens recording a quarter of an hour before the start, not earlier', async () => {
    const soon = new Date(Date.now() + 10 * 60_000).toISOString();
    const m = await w.mentor.call({
      method: 'POST',
      url: `${rel()}/meetings`,
      payload: { startsAt: soon, durationMinutes: 15 },
    });
    expect(m.statusCode, m.body).toBe(201);
    const held = await w.mentor.call({
      method: 'POST',
      url: `/api/meetings/${m.json().id}/record`,
      payload: { version: m.json().version },
    });
    expect(held.statusCode, held.body).toBe(200);
    const later = await w.mentor.call({
      method: 'POST',
      url: `${rel()}/meetings`,
      payload: { startsAt: new Date(Date.now() + 20 * 60_000).toISOString(), durationMinutes: 15 },
    });
    const early = await w.mentor.call({
      method: 'POST',
      url: `/api/meetings/${later.json().id}/record`,
      payload: { version: later.json().version },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.fields[0].path).toBe('startsAt');
  });

  it('hides feedback aggregates below five people and audits each read', async () => {
    const res = await w.manager({ method: 'GET', url: `/api/programmes/${w.programmeId}/feedback-summary` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().overall).toEqual({ suppressed: true, reason: 'too_few_people' });
    const audit = await t.database.db.execute(
      `select count(*)::int as n from audit_log where action = 'feedback.aggregate_read'`,
    );
    expect((audit as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(1);
  });

  it('rejects notes over the size limit and keeps private notes to their author', async () => {
    const big = await w.mentor.call({
      method: 'POST',
      url: `${rel()}/notes`,
      payload: { visibility: 'private', body: 'x'.repeat(10_001) },
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().error.fields[0].path).toBe('body');
    await w.mentor.call({
      method: 'POST',
      url: `${rel()}/notes`,
      payload: { visibility: 'private', body: 'mentor private thought' },
    });
    await w.mentor.call({
      method: 'POST',
      url: `${rel()}/notes`,
      payload: { visibility: 'shared', body: 'mentor shared summary' },
    });
    const menteeSees = (await w.mentee.call({ method: 'GET', url: `${rel()}/notes` })).json();
    expect(menteeSees.map((n: { body: string }) => n.body)).toEqual(['mentor shared summary']);
    const mentorSees = (await w.mentor.call({ method: 'GET', url: `${rel()}/notes` })).json();
    expect(mentorSees).toHaveLength(2);
  });

  it('shows learning in both directions', async () => {
    await w.mentee.call({
      method: 'POST',
      url: `${rel()}/learning`,
      payload: { body: 'how to prompt an assistant', topicId: w.topicIds[0] },
    });
    await w.mentor.call({
      method: 'POST',
      url: `${rel()}/learning`,
      payload: { body: 'how a board decides' },
    });
    const bad = await w.mentor.call({
      method: 'POST',
      url: `${rel()}/learning`,
      payload: { body: 'x', topicId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(bad.statusCode).toBe(400);
    const log = (await w.mentor.call({ method: 'GET', url: `${rel()}/learning` })).json();
    expect(log.balance).toEqual({ mentorLearned: 1, menteeLearned: 1 });
    expect(log.entries[0].topic ?? log.entries[1].topic).toBe('Generative AI');
  });

  it('keeps goals and actions with owners and due dates, with optimistic concurrency', async () => {
    const created = await w.mentee.call({
      method: 'POST',
      url: `${rel()}/actions`,
      payload: {
        kind: 'action',
        title: 'Try the assistant for a week',
        ownerId: w.mentee.personId,
        dueOn: '2027-02-01',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const wrongOwner = await w.mentee.call({
      method: 'POST',
      url: `${rel()}/actions`,
      payload: { kind: 'goal', title: 'x', ownerId: w.org.personIds.sponsor },
    });
    expect(wrongOwner.statusCode).toBe(400);
    const done = await w.mentor.call({
      method: 'PATCH',
      url: `/api/actions/${created.json().id}`,
      payload: { status: 'done', version: 1 },
    });
    expect(done.statusCode).toBe(200);
    const stale = await w.mentee.call({
      method: 'PATCH',
      url: `/api/actions/${created.json().id}`,
      payload: { status: 'open', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
  });

  it('shares journey entries only with the relationships chosen', async () => {
    const shared = await w.mentee.call({
      method: 'POST',
      url: '/api/journey',
      payload: {
        kind: 'mistake',
        year: 2015,
        title: 'Ignored the intern’s idea',
        body: 'It was right.',
        sharedWith: [w.relationshipId],
      },
    });
    expect(shared.statusCode, shared.body).toBe(201);
    await w.mentee.call({
      method: 'POST',
      url: '/api/journey',
      payload: { kind: 'struggle', year: 2019, title: 'Kept to myself' },
    });
    const foreign = await w.mentee.call({
      method: 'POST',
      url: '/api/journey',
      payload: {
        kind: 'triumph',
        year: 2020,
        title: 'x',
        sharedWith: ['00000000-0000-4000-8000-000000000000'],
      },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0].path).toBe('sharedWith.0');
    const seen = (await w.mentor.call({ method: 'GET', url: `${rel()}/journeys` })).json();
    expect(seen.map((j: { title: string }) => j.title)).toEqual(['Ignored the intern’s idea']);
    expect(seen[0].sharedWith).toEqual([]);
  });

  it('pauses, resumes and closes by the state machine; refuses illegal moves', async () => {
    let current = (await w.mentor.call({ method: 'GET', url: rel() })).json();
    const illegal = await w.mentor.call({
      method: 'POST',
      url: `${rel()}/transitions`,
      payload: { to: 'withdrawn', version: current.version },
    });
    expect(illegal.statusCode).toBe(403);
    const paused = await w.mentor.call({
      method: 'POST',
      url: `${rel()}/transitions`,
      payload: { to: 'paused', version: current.version },
    });
    expect(paused.statusCode, paused.body).toBe(200);
    const pausedAgain = await w.mentor.call({
      method: 'POST',
      url: `${rel()}/transitions`,
      payload: { to: 'paused', version: paused.json().version },
    });
    expect(pausedAgain.statusCode).toBe(409);
    expect(pausedAgain.json().error).toMatchObject({ code: 'illegal_transition', fields: [{ path: 'to' }] });
    const checkIn = await w.mentee.call({
      method: 'POST',
      url: `${rel()}/check-ins`,
      payload: { mood: 'going_well' },
    });
    expect(checkIn.statusCode).toBe(201);
    current = (await w.mentor.call({ method: 'GET', url: rel() })).json();
    expect(current.lastCheckInAt).not.toBeNull();
    const resumed = await w.mentee.call({
      method: 'POST',
      url: `${rel()}/transitions`,
      payload: { to: 'active', version: current.version },
    });
    expect(resumed.statusCode).toBe(200);
    const earlyReflection = await w.mentee.call({
      method: 'POST',
      url: `${rel()}/reflection`,
      payload: { whatChanged: 'a lot', wouldDoAgain: 'yes', wouldSwapRoles: 'maybe' },
    });
    expect(earlyReflection.statusCode).toBe(409);
    const closed = await w.mentee.call({
      method: 'POST',
      url: `${rel()}/transitions`,
      payload: { to: 'closed', version: resumed.json().version },
    });
    expect(closed.statusCode).toBe(200);
    const reflection = await w.mentee.call({
      method: 'POST',
      url: `${rel()}/reflection`,
      payload: { whatChanged: 'I use AI daily', wouldDoAgain: 'yes', wouldSwapRoles: 'maybe' },
    });
    expect(reflection.statusCode, reflection.body).toBe(201);
    const partnerView = (await w.mentor.call({ method: 'GET', url: `${rel()}/reflections` })).json();
    expect(partnerView).toMatchObject({ mine: null, partnerHasReflected: true, partner: null });
    const reopen = await w.mentee.call({
      method: 'POST',
      url: `${rel()}/transitions`,
      payload: { to: 'active', version: closed.json().version },
    });
    expect(reopen.statusCode).toBe(409);
  });

  it('answers unknown ids and malformed ids with a 4xx, never a 500', async () => {
    const unknown = await w.mentor.call({
      method: 'GET',
      url: '/api/relationships/00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    const malformed = await w.mentor.call({ method: 'GET', url: '/api/relationships/nope' });
    expect(malformed.statusCode).toBe(400);
    const junk = await w.mentor.call({
      method: 'POST',
      url: `${rel()}/notes`,
      payload: { visibility: 'public', body: 5, extra: true },
    });
    expect(junk.statusCode).toBe(400);
  });

  it('documents its endpoints in the OpenAPI document', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/programmes/{id}/match-runs',
        '/api/match-runs/{id}/publish',
        '/api/relationships/{id}/respond',
        '/api/relationships/{id}/agreement',
        '/api/meetings/{id}/ics',
        '/api/relationships/{id}/notes',
        '/api/programmes/{id}/feedback-summary',
      ]),
    );
  });
});

describe('a two-way (mutual) relationship', () => {
  it('needs goals in both directions in its agreement, and logs learning both ways', async () => {
    const a = await addPerson(t, w.org, 'mutual-junior', { jobLevel: 2, department: 'Digital' });
    const b = await addPerson(t, w.org, 'mutual-senior', { jobLevel: 6, department: 'Finance' });
    const programmeId = await createProgramme(w.manager, 'mutual', w.topicIds, 'Two-way pilot');
    await enrolAs(a.call, programmeId, 'both', w.topicIds);
    await enrolAs(b.call, programmeId, 'both', w.topicIds);
    await w.manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/transitions`,
      payload: { to: 'matching' },
    });
    await runAndPublish(w.manager, programmeId);
    const [relationship] = (await a.call({ method: 'GET', url: '/api/relationships' })).json();
    expect(relationship.programmeKind).toBe('mutual');
    await accept(a.call, relationship.id);
    await accept(b.call, relationship.id);
    const url = `/api/relationships/${relationship.id}/agreement`;
    const oneWay = await a.call({
      method: 'PUT',
      url,
      payload: {
        goals: [{ learner: 'mentee', text: 'Learn about budgets' }],
        cadence: 'monthly',
        channel: 'video',
        durationMonths: 6,
      },
    });
    expect(oneWay.statusCode).toBe(400);
    expect(oneWay.json().error.fields).toEqual([
      { path: 'goals', message: 'a mutual agreement needs a goal for what the mentor learns' },
    ]);
    const twoWay = await a.call({
      method: 'PUT',
      url,
      payload: {
        goals: [
          { learner: 'mentee', text: 'Learn about budgets' },
          { learner: 'mentor', text: 'Learn generative AI' },
        ],
        cadence: 'monthly',
        channel: 'video',
        durationMonths: 6,
      },
    });
    expect(twoWay.statusCode, twoWay.body).toBe(200);
    expect(twoWay.json().noRetaliationPledge).toBeNull();
    const templates = (
      await b.call({ method: 'GET', url: `/api/relationships/${relationship.id}/agenda-templates` })
    ).json();
    expect(templates.map((x: { template: string }) => x.template)).toContain('two_way');
  });
});
