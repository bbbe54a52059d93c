// Done when: through the API alone, the demo reverse programme goes from
// enrolment to a published run, acceptance, an agreement, three meetings with
// .ics files a real calendar parser reads back, notes of both kinds, learning
// both ways, feedback, and closure.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signInCookie, type TestApp } from '../api/testing.js';
import { demoCalendar } from '../demo/calendar.js';
import { demoPassword } from '../demo/generate.js';
import { seedDemo } from '../demo/seed-demo.js';
import { todayUtc } from '../identity/standing.js';
import { travelPast } from './testing.js';

let t: TestApp;
const seededAt = new Date();
let manager: ReturnType<typeof as>;
let executive: ReturnType<typeof as>;
let junior: ReturnType<typeof as>;
let sponsorOnly: ReturnType<typeof as>;
const state = {} as {
  programmeId: string;
  executiveId: string;
  juniorId: string;
  managerPersonId: string;
  runIds: string[];
  relationshipId: string;
  meetings: { id: string; startsAt: string; version: number }[];
  executiveZone: string;
  juniorZone: string;
};

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, { people: 600, seed: 1, now: seededAt });
  const signIn = async (email: string) => as(t.app, await signInCookie(t.app, email, demoPassword));
  manager = await signIn('manager@northwind.example');
  executive = await signIn('executive@northwind.example');
  junior = await signIn('junior@northwind.example');
  sponsorOnly = await signIn('admin@northwind.example');
});
afterAll(() => t.close());

const ok = (res: { statusCode: number; body: string }, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body || 'null');
};

describe('the demo reverse programme, end to end through the API', () => {
  it('finds the programme and both demo people in it', async () => {
    const programmes = ok(await manager({ method: 'GET', url: '/api/programmes' }));
    const reverse = programmes.find(
      (p: { name: string }) => p.name === demoCalendar(todayUtc(seededAt)).names.reverse,
    );
    expect(reverse).toMatchObject({ kind: 'reverse', status: 'enrolling' });
    expect(reverse.enrolled.mentees).toBeGreaterThanOrEqual(60);
    state.programmeId = reverse.id;
    const me = ok(await executive({ method: 'GET', url: '/api/me' }));
    const jr = ok(await junior({ method: 'GET', url: '/api/me' }));
    const mgr = ok(await manager({ method: 'GET', url: '/api/me' }));
    state.executiveId = me.person.id;
    state.juniorId = jr.person.id;
    state.managerPersonId = mgr.person.id;
    state.executiveZone = me.person.timeZone;
    state.juniorZone = jr.person.timeZone;
  });

  it('enrolment: the executive sharpens their goals, sees a shortlist and ranks the junior first', async () => {
    const [mine] = ok(
      await executive({ method: 'GET', url: `/api/programmes/${state.programmeId}/enrolments` }),
    );
    expect(mine.role).toBe('mentee');
    ok(
      await executive({
        method: 'PATCH',
        url: `/api/enrolments/${mine.id}`,
        payload: {
          goals: `${mine.goals} I want to use social channels to reach younger customers.`,
          version: mine.version,
        },
      }),
    );
    const shortlist = ok(
      await executive({ method: 'GET', url: `/api/programmes/${state.programmeId}/shortlist?limit=10` }),
    );
    expect(shortlist.candidates.length).toBeGreaterThan(0);
    for (const c of shortlist.candidates) expect(c.personId).not.toBe(state.executiveId);
    const ranking = [
      state.juniorId,
      ...shortlist.candidates
        .map((c: { personId: string }) => c.personId)
        .filter((id: string) => id !== state.juniorId)
        .slice(0, 2),
    ];
    ok(
      await executive({
        method: 'PUT',
        url: `/api/programmes/${state.programmeId}/ranking`,
        payload: { mentorIds: ranking },
      }),
    );
  });

  it('matching: two runs compared, the executive and the junior locked together, one published', async () => {
    ok(
      await manager({
        method: 'POST',
        url: `/api/programmes/${state.programmeId}/transitions`,
        payload: { to: 'matching' },
      }),
    );
    ok(
      await manager({
        method: 'POST',
        url: `/api/programmes/${state.programmeId}/pair-rules`,
        payload: { mentorId: state.juniorId, menteeId: state.executiveId, kind: 'locked' },
      }),
      201,
    );
    const total = ok(
      await manager({
        method: 'POST',
        url: `/api/programmes/${state.programmeId}/match-runs`,
        payload: { settings: { objective: 'total' } },
      }),
      201,
    );
    const fairest = ok(
      await manager({
        method: 'POST',
        url: `/api/programmes/${state.programmeId}/match-runs`,
        payload: { settings: { objective: 'fairest' } },
      }),
      201,
    );
    state.runIds = [total.id, fairest.id];
    expect(total.pairs.length).toBe(total.summary.matched);
    expect(total.pairs.length).toBeGreaterThan(30);
    const locked = total.pairs.find((p: { menteeId: string }) => p.menteeId === state.executiveId);
    expect(locked).toMatchObject({ mentorId: state.juniorId, locked: true });
    for (const u of total.unmatched) expect(u.message.length).toBeGreaterThan(0);
    const cmp = ok(
      await manager({ method: 'GET', url: `/api/match-runs/${total.id}/compare?with=${fairest.id}` }),
    );
    expect(cmp.coverage.lowestScore.b).toBeGreaterThanOrEqual(cmp.coverage.lowestScore.a - 1e-9);
    const published = ok(
      await manager({ method: 'POST', url: `/api/match-runs/${fairest.id}/publish`, payload: {} }),
    );
    expect(published.relationshipsCreated).toBe(fairest.pairs.length);
    const again = await manager({ method: 'POST', url: `/api/match-runs/${total.id}/publish`, payload: {} });
    expect(again.statusCode).toBe(409);
  });

  it('acceptance: both sides accept and the relationship is active', async () => {
    const mine = ok(await executive({ method: 'GET', url: '/api/relationships?status=proposed' }));
    const rel = mine.find((r: { programmeId: string }) => r.programmeId === state.programmeId);
    expect(rel).toMatchObject({ myRole: 'mentee', mentor: { id: state.juniorId } });
    state.relationshipId = rel.id;
    ok(
      await junior({
        method: 'POST',
        url: `/api/relationships/${rel.id}/respond`,
        payload: { response: 'accept' },
      }),
    );
    const active = ok(
      await executive({
        method: 'POST',
        url: `/api/relationships/${rel.id}/respond`,
        payload: { response: 'accept' },
      }),
    );
    expect(active.status).toBe('active');
  });

  it('agreement: goals, cadence, channel, duration, the charter with the no-retaliation pledge and a confidential contact, signed by both', async () => {
    const url = `/api/relationships/${state.relationshipId}/agreement`;
    const draft = ok(
      await executive({
        method: 'PUT',
        url,
        payload: {
          goals: [
            { learner: 'mentee', text: 'Use generative AI tools in my own weekly work' },
            { learner: 'mentee', text: 'Understand how younger customers use social channels' },
          ],
          cadence: 'fortnightly',
          channel: 'video',
          durationMonths: 6,
          meetingMinutes: 60,
          confidentialContactId: state.managerPersonId,
        },
      }),
    );
    expect(draft.charter).toMatch(/stays between us/);
    expect(draft.noRetaliationPledge).toMatch(/never use anything said/);
    ok(await junior({ method: 'POST', url: `${url}/sign`, payload: { version: draft.version } }));
    const signed = ok(
      await executive({ method: 'POST', url: `${url}/sign`, payload: { version: draft.version } }),
    );
    expect(signed.agreed).toBe(true);
  });

  it('meetings: three scheduled with guided agendas; each .ics reads back right in ical.js, for both time zones', async () => {
    const templates = ok(
      await junior({ method: 'GET', url: `/api/relationships/${state.relationshipId}/agenda-templates` }),
    );
    expect(templates.map((x: { template: string }) => x.template)).toEqual(
      expect.arrayContaining(['journey', 'mistake', 'topics']),
    );
    const base = DateTime.utc().plus({ days: 7 }).set({ hour: 14, minute: 0, second: 0, millisecond: 0 });
    state.meetings = [];
    for (const [i, agendaTemplate] of [undefined, 'mistake', 'topics'].entries()) {
      const m = ok(
        await (i % 2 ? executive : junior)({
          method: 'POST',
          url: `/api/relationships/${state.relationshipId}/meetings`,
          payload: {
            startsAt: base.plus({ weeks: 2 * i }).toISO(),
            location: 'Video call',
            ...(agendaTemplate ? { agendaTemplate } : {}),
          },
        }),
        201,
      );
      state.meetings.push({ id: m.id, startsAt: m.startsAt, version: m.version });
    }
    const [first, second, third] = state.meetings as [
      (typeof state.meetings)[0],
      (typeof state.meetings)[0],
      (typeof state.meetings)[0],
    ];
    // The second moves by a day: same UID, SEQUENCE 1.
    const moved = ok(
      await executive({
        method: 'PATCH',
        url: `/api/meetings/${second.id}`,
        payload: {
          startsAt: DateTime.fromISO(second.startsAt).plus({ days: 1 }).toISO(),
          version: second.version,
        },
      }),
    );
    state.meetings[1] = { id: moved.id, startsAt: moved.startsAt, version: moved.version };
    const expected = [
      { ...first, sequence: 0, template: 'Our journeys' },
      { ...state.meetings[1], sequence: 1, template: 'A mistake and what it taught' },
      { ...third, sequence: 0, template: 'The topics themselves' },
    ];
    for (const m of expected) {
      const res = await executive({ method: 'GET', url: `/api/meetings/${m.id}/ics` });
      expect(res.statusCode).toBe(200);
      const cal = new ICAL.Component(ICAL.parse(res.body));
      const vevent = cal.getFirstSubcomponent('vevent') as ICAL.Component;
      const event = new ICAL.Event(vevent);
      expect(event.uid).toBe(`meeting-${m.id}@twoway`);
      expect(event.sequence).toBe(m.sequence);
      expect(event.startDate.toJSDate().toISOString()).toBe(m.startsAt);
      expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(60 * 60_000);
      expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(
        expect.arrayContaining(['mailto:executive@northwind.example', 'mailto:junior@northwind.example']),
      );
      expect(event.description).toContain(m.template);
      // Each person's local time is spelled out in their own zone.
      for (const zone of [state.executiveZone, state.juniorZone]) {
        const local = DateTime.fromISO(m.startsAt, { zone }).toFormat('HH:mm');
        expect(event.description).toContain(`${local} (${zone})`);
      }
      expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    }
  });

  it('meetings are held and each person gives feedback; managers see the aggregate once there are five answers', async () => {
    for (const m of state.meetings) {
      await travelPast(t, m.id, 60);
      ok(
        await junior({
          method: 'POST',
          url: `/api/meetings/${m.id}/record`,
          payload: { version: m.version },
        }),
      );
      ok(
        await executive({
          method: 'POST',
          url: `/api/meetings/${m.id}/feedback`,
          payload: { value: 5, heard: 4, talking: 'balanced', comment: 'Eye-opening' },
        }),
        201,
      );
      ok(
        await junior({
          method: 'POST',
          url: `/api/meetings/${m.id}/feedback`,
          payload: { value: 4, heard: 5, talking: 'other' },
        }),
        201,
      );
    }
    const summary = ok(
      await manager({ method: 'GET', url: `/api/programmes/${state.programmeId}/feedback-summary` }),
    );
    // Six answers but two people: no figure covers fewer than five people.
    expect(summary.overall).toEqual({ suppressed: true, reason: 'too_few_people' });
    expect(summary.fromMentees.suppressed).toBe(true);
    expect(JSON.stringify(summary)).not.toContain('Eye-opening');
  });

  it('notes of both kinds, and learning logged in both directions', async () => {
    const url = `/api/relationships/${state.relationshipId}`;
    ok(
      await executive({
        method: 'POST',
        url: `${url}/notes`,
        payload: {
          visibility: 'private',
          body: 'I was defensive about the intranet; work on that.',
          meetingId: state.meetings[0]?.id,
        },
      }),
      201,
    );
    ok(
      await junior({
        method: 'POST',
        url: `${url}/notes`,
        payload: { visibility: 'shared', body: 'Next: try the assistant on the board pack.' },
      }),
      201,
    );
    const juniorSees = ok(await junior({ method: 'GET', url: `${url}/notes` }));
    expect(juniorSees.map((n: { body: string }) => n.body)).toEqual([
      'Next: try the assistant on the board pack.',
    ]);
    const executiveSees = ok(await executive({ method: 'GET', url: `${url}/notes` }));
    expect(executiveSees).toHaveLength(2);
    const managerTries = await manager({ method: 'GET', url: `${url}/notes` });
    expect(managerTries.statusCode).toBe(403);
    ok(
      await executive({
        method: 'POST',
        url: `${url}/learning`,
        payload: { body: 'Drafting with an AI assistant, and checking it' },
      }),
      201,
    );
    ok(
      await junior({
        method: 'POST',
        url: `${url}/learning`,
        payload: { body: 'How the executive team weighs a decision' },
      }),
      201,
    );
    const log = ok(await junior({ method: 'GET', url: `${url}/learning` }));
    expect(log.balance).toEqual({ mentorLearned: 1, menteeLearned: 1 });
  });

  it('closure: the relationship closes and both reflect; it is audited', async () => {
    const url = `/api/relationships/${state.relationshipId}`;
    const current = ok(await junior({ method: 'GET', url }));
    const closed = ok(
      await junior({
        method: 'POST',
        url: `${url}/transitions`,
        payload: { to: 'closed', version: current.version },
      }),
    );
    expect(closed.status).toBe('closed');
    ok(
      await junior({
        method: 'POST',
        url: `${url}/reflection`,
        payload: {
          whatChanged: 'I speak up in meetings now',
          wouldDoAgain: 'yes',
          wouldSwapRoles: 'yes',
          shareWithPartner: true,
        },
      }),
      201,
    );
    ok(
      await executive({
        method: 'POST',
        url: `${url}/reflection`,
        payload: { whatChanged: 'I use AI every week', wouldDoAgain: 'yes', wouldSwapRoles: 'maybe' },
      }),
      201,
    );
    const seen = ok(await executive({ method: 'GET', url: `${url}/reflections` }));
    expect(seen.partner.whatChanged).toBe('I speak up in meetings now');
    const audit = await t.database.db.execute(
      `select action from audit_log where action in ('match_run.published', 'relationship.closed', 'feedback.aggregate_read', 'programme.transitioned') order by id`,
    );
    const actions = (audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['match_run.published', 'relationship.closed', 'feedback.aggregate_read']),
    );
    // An org admin who is not a programme manager cannot read decline reasons.
    expect(
      (await sponsorOnly({ method: 'GET', url: `/api/programmes/${state.programmeId}/decline-reasons` }))
        .statusCode,
    ).toBe(403);
  });
});
