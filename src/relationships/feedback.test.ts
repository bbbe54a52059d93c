// The feedback summary against subtraction: the reported attack (one mentor's six answers and
// one mentee's one), breakdowns by side and department, and successive reads.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { meetings, pulseResponses, relationshipMembers, relationships } from '../db/schema.js';
import { addPerson, createProgramme, createWorld, type PersonFixture, type World } from './testing.js';

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t, 'fbd');
});
afterAll(() => t.close());

let serial = 0;
/** A person with an account, in a department. */
const person = (department: string, jobLevel = 3) =>
  addPerson(t, w.org, `p${++serial}-${department.toLowerCase()}`, { jobLevel, department });

/** An active pair in `programmeId`, made directly: matching is not what is under test. */
async function pair(programmeId: string, mentor: PersonFixture, mentee: PersonFixture) {
  const [rel] = await t.database.db
    .insert(relationships)
    .values({
      orgId: w.org.orgId,
      programmeId,
      mentorId: mentor.personId,
      menteeId: mentee.personId,
      status: 'active',
      mentorResponse: 'accepted',
      menteeResponse: 'accepted',
      acceptedAt: new Date(Date.now() - 60 * 86_400_000),
    })
    .returning();
  return rel?.id as string;
}

/** An active circle in `programmeId` with everyone accepted, made directly. */
async function circle(programmeId: string, facilitator: PersonFixture, members: PersonFixture[]) {
  const [rel] = await t.database.db
    .insert(relationships)
    .values({
      orgId: w.org.orgId,
      programmeId,
      format: 'circle',
      name: `Circle ${++serial}`,
      minMembers: 1,
      mentorId: facilitator.personId,
      status: 'active',
      acceptedAt: new Date(Date.now() - 60 * 86_400_000),
    })
    .returning();
  const id = rel?.id as string;
  await t.database.db.insert(relationshipMembers).values([
    {
      relationshipId: id,
      orgId: w.org.orgId,
      personId: facilitator.personId,
      role: 'facilitator',
      response: 'accepted',
    },
    ...members.map((m) => ({
      relationshipId: id,
      orgId: w.org.orgId,
      personId: m.personId,
      role: 'member' as const,
      response: 'accepted' as const,
    })),
  ]);
  return id;
}

/** A meeting that was held ten days ago. */
async function held(relationshipId: string, daysAgo = 10) {
  const startsAt = new Date(Date.now() - daysAgo * 86_400_000);
  const [m] = await t.database.db
    .insert(meetings)
    .values({
      orgId: w.org.orgId,
      relationshipId,
      startsAt,
      durationMinutes: 45,
      endsAt: new Date(startsAt.getTime() + 45 * 60_000),
      status: 'held',
      agenda: { template: 'check_in', title: 'Held', items: [] },
    })
    .returning();
  return m?.id as string;
}

/** Feedback through the API, as its author gives it. */
async function answer(who: PersonFixture, meetingId: string, value: number, heard = value) {
  const res = await who.call({
    method: 'POST',
    url: `/api/meetings/${meetingId}/feedback`,
    payload: { value, heard, talking: value > 2 ? 'balanced' : 'other' },
  });
  expect(res.statusCode, res.body).toBe(201);
}

/** `n` marketing mentors paired with board members, each meeting held once and rated `value` by its mentor. */
async function ratedByMentors(programmeId: string, n: number, value: number) {
  const mentees: PersonFixture[] = [];
  const meetingIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const mentor = await person('Marketing', 1);
    const mentee = await person('Board', 9);
    mentees.push(mentee);
    const m = await held(await pair(programmeId, mentor, mentee));
    meetingIds.push(m);
    await answer(mentor, m, value);
  }
  return { mentees, meetingIds };
}

/** Time passes: answers become older than the settling delay and may enter a snapshot. */
async function later() {
  await t.database.db.execute(
    sql`update meeting_feedback set created_at = created_at - interval '2 minutes' where org_id = ${w.org.orgId}`,
  );
  await t.database.db.execute(
    sql`update pulse_responses set created_at = created_at - interval '2 minutes' where org_id = ${w.org.orgId}`,
  );
  await t.database.db.execute(
    sql`update published_figures set cutoff = cutoff - interval '2 minutes' where org_id = ${w.org.orgId}`,
  );
}

interface Group {
  suppressed: boolean;
  reason: string | null;
  people?: number;
  answers?: number;
  meanValue?: number;
}
interface Summary {
  asOf: string | null;
  waiting: boolean;
  overall: Group;
  fromMentors: Group;
  fromMentees: Group;
  fromFacilitators: Group;
  fromMembers: Group;
  byDepartment: (Group & { department: string | null })[];
}

async function read(programmeId: string, as = w.manager): Promise<Summary> {
  const res = await as({ method: 'GET', url: `/api/programmes/${programmeId}/feedback-summary` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Sum of the values behind a shown figure (mean x answers), or null when hidden. */
const sumOf = (g: Group) => (g.suppressed ? null : (g.meanValue as number) * (g.answers as number));

/**
 * The attacker: in each split (total = its parts), a total and all parts but one give the
 * last one by subtraction. Returns each hidden group that can be worked out.
 */
function subtract(s: Summary): string[] {
  const splits: [Group, [string, Group][]][] = [
    [
      s.overall,
      [
        ['mentors', s.fromMentors],
        ['mentees', s.fromMentees],
      ],
    ],
    [s.overall, s.byDepartment.map((d) => [`department ${d.department}`, d] as [string, Group])],
  ];
  const found: string[] = [];
  for (const [total, parts] of splits) {
    const hidden = parts.filter(([, g]) => g.suppressed);
    if (!total.suppressed && hidden.length === 1 && (hidden[0] as [string, Group])[0])
      found.push((hidden[0] as [string, Group])[0]);
  }
  return found;
}

const newProgramme = (name: string) => createProgramme(w.manager, 'reverse', w.topicIds, name);

describe('feedback summary against subtraction', () => {
  it('gives away nothing when one mentor rated 6 meetings and one mentee rated 1 (7 answers, 2 people)', async () => {
    const programmeId = await newProgramme('Reported attack');
    const mentor = await person('Marketing', 1);
    const mentee = await person('Operations', 8);
    const rel = await pair(programmeId, mentor, mentee);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await held(rel, 10 + i));
    for (const id of ids) await answer(mentor, id, 4, 5);
    await answer(mentee, ids[0] as string, 1, 1);
    await later();
    for (const reader of [w.manager, w.sponsor]) {
      const s = await read(programmeId, reader);
      // Before: overall (7 answers) and fromMentors (6) were shown, and 7 x overall - 6 x mentors was her answer.
      for (const g of [s.overall, s.fromMentors, s.fromMentees])
        expect(g).toEqual({ suppressed: true, reason: 'too_few_people' });
      expect(s.byDepartment.every((d) => d.suppressed)).toBe(true);
      expect(JSON.stringify(s)).not.toMatch(/meanValue|answers/);
    }
  });

  it('hides the mentors too when the mentees are fewer than 5, so the total minus one side is not the other', async () => {
    const programmeId = await newProgramme('Six and one');
    const exec = await person('Board', 9);
    for (let i = 0; i < 6; i++) {
      const mentor = await person('Marketing', 1);
      const mentee = i === 0 ? exec : await person('Board', 9);
      const m = await held(await pair(programmeId, mentor, mentee));
      await answer(mentor, m, 4);
      if (i === 0) await answer(exec, m, 1);
    }
    await later();
    const s = await read(programmeId);
    expect(s.overall).toMatchObject({ suppressed: false, people: 7, answers: 7 });
    expect(s.fromMentees).toEqual({ suppressed: true, reason: 'too_few_people' });
    expect(s.fromMentors).toEqual({ suppressed: true, reason: 'protects_a_smaller_group' });
    // Marketing is exactly the mentors and Board exactly the executive: hidden the same way.
    expect(subtract(s)).toEqual([]);
  });

  it('keeps a small department hidden with a complement, across the side and department breakdowns', async () => {
    const programmeId = await newProgramme('Departments');
    const cfo = await person('Finance', 9);
    for (let i = 0; i < 5; i++) {
      const mentor = await person('Marketing', 1);
      const mentee = await person('Sales', 7);
      const m = await held(await pair(programmeId, mentor, mentee));
      await answer(mentor, m, 5);
      await answer(mentee, m, 3);
    }
    const m = await held(await pair(programmeId, await person('Marketing', 2), cfo));
    await answer(cfo, m, 1);
    await later();
    const s = await read(programmeId);
    expect(s.overall).toMatchObject({ suppressed: false, people: 11 });
    expect(s.fromMentors).toMatchObject({ suppressed: false, people: 5 });
    const finance = s.byDepartment.find((d) => d.department === 'Finance');
    expect(finance).toEqual({ department: 'Finance', suppressed: true, reason: 'too_few_people' });
    expect(s.byDepartment.filter((d) => d.suppressed).length).toBeGreaterThanOrEqual(2);
    expect(subtract(s)).toEqual([]);
    // The mentees' side is the 5 in Sales and the CFO; with Sales shown it would give the CFO.
    const sales = s.byDepartment.find((d) => d.department === 'Sales') as Group;
    expect(s.fromMentees.suppressed || sales.suppressed).toBe(true);
  });

  it('does not let a new answer be read off two successive reads, and moves on once 5 more people answer', async () => {
    const programmeId = await newProgramme('Over time');
    const { mentees, meetingIds } = await ratedByMentors(programmeId, 6, 4);
    await later();
    const first = await read(programmeId);
    expect(first.overall).toMatchObject({ suppressed: false, people: 6, answers: 6, meanValue: 4 });

    // One executive answers: 7 x new - 6 x old would be her answer.
    await answer(mentees[0] as PersonFixture, meetingIds[0] as string, 1);
    await later();
    const second = await read(programmeId);
    expect(second.waiting).toBe(true);
    // The same snapshot (its time moved back with the clock of this test).
    expect(Date.parse(second.asOf as string)).toBe(Date.parse(first.asOf as string) - 2 * 60_000);
    expect(second.overall).toEqual(first.overall);
    expect(sumOf(second.overall)).toBe(sumOf(first.overall));

    // Four more executives: the change since the last snapshot is now five people's answers.
    for (let i = 1; i < 5; i++) await answer(mentees[i] as PersonFixture, meetingIds[i] as string, 2);
    await later();
    const third = await read(programmeId);
    expect(third.waiting).toBe(false);
    expect(Date.parse(third.asOf as string)).toBeGreaterThan(Date.parse(second.asOf as string));
    expect(third.overall).toMatchObject({ suppressed: false, people: 11, answers: 11 });
    expect(third.fromMentees).toMatchObject({ suppressed: false, people: 5, answers: 5, meanValue: 1.8 });
    // The difference between the two published totals covers the five executives together.
    expect((sumOf(third.overall) as number) - (sumOf(first.overall) as number)).toBeCloseTo(9);

    // Reading again without new answers publishes nothing new.
    const again = await read(programmeId);
    expect(again.asOf).toBe(third.asOf);
    const rows = await t.database.db.execute(
      sql`select count(*)::int as n from published_figures where programme_id = ${programmeId} and figure = 'feedback'`,
    );
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(2);
  });

  it('adds the answers since the last snapshot to its kept totals instead of reading every answer again', async () => {
    const programmeId = await newProgramme('Kept totals');
    const { mentees, meetingIds } = await ratedByMentors(programmeId, 5, 4);
    await later();
    expect((await read(programmeId)).overall).toMatchObject({ people: 5, answers: 5, meanValue: 4 });
    // A published answer changes underneath (answers are never edited; if one were, the
    // published history must not move with it): only the new answers are read and added.
    await t.database.db.execute(
      sql`update meeting_feedback set value = 1 where programme_id = ${programmeId}`,
    );
    for (let i = 0; i < 5; i++) await answer(mentees[i] as PersonFixture, meetingIds[i] as string, 2);
    await later();
    const next = await read(programmeId);
    expect(next.overall).toMatchObject({ suppressed: false, people: 10, answers: 10, meanValue: 3 });
    expect(next.fromMentors).toMatchObject({ suppressed: false, people: 5, meanValue: 4 });
    expect(next.fromMentees).toMatchObject({ suppressed: false, people: 5, meanValue: 2 });
  });

  it('adds the pulse answers since the last snapshot to its kept totals instead of reading every answer again', async () => {
    const programmeId = await newProgramme('Kept pulse totals');
    const pairs: { id: string; mentor: PersonFixture; mentee: PersonFixture }[] = [];
    for (let i = 0; i < 5; i++) {
      const mentor = await person('Marketing', 1);
      const mentee = await person('Board', 9);
      pairs.push({ id: await pair(programmeId, mentor, mentee), mentor, mentee });
    }
    const pulse = (side: 'mentor' | 'mentee', value: number) =>
      t.database.db.insert(pulseResponses).values(
        pairs.map((p) => ({
          orgId: w.org.orgId,
          programmeId,
          relationshipId: p.id,
          authorId: p[side].personId,
          authorSide: side,
          day: 30,
          value,
          heard: value,
        })),
      );
    const readPulses = async () => {
      const res = await w.manager({ method: 'GET', url: `/api/programmes/${programmeId}/pulse-summary` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    await pulse('mentor', 4);
    await later();
    expect((await readPulses()).overall).toMatchObject({
      suppressed: false,
      people: 5,
      answers: 5,
      meanValue: 4,
    });
    // A published answer changes underneath: the published history must not move with it, so
    // only the answers since the last snapshot are read and added to what it kept.
    await t.database.db.execute(
      sql`update pulse_responses set value = 1 where programme_id = ${programmeId}`,
    );
    await pulse('mentee', 2);
    await later();
    const next = await readPulses();
    expect(next.overall).toMatchObject({ suppressed: false, people: 10, answers: 10, meanValue: 3 });
    expect(next.fromMentors).toMatchObject({ suppressed: false, people: 5, meanValue: 4 });
    expect(next.fromMentees).toMatchObject({ suppressed: false, people: 5, meanValue: 2 });
  });

  it('waits for answers to settle before they can enter a snapshot', async () => {
    const programmeId = await newProgramme('Settling');
    for (let i = 0; i < 5; i++) {
      const mentor = await person('Marketing', 1);
      await answer(mentor, await held(await pair(programmeId, mentor, await person('Board', 9))), 5);
    }
    expect((await read(programmeId)).overall.suppressed).toBe(true);
    await later();
    expect((await read(programmeId)).overall).toMatchObject({ suppressed: false, people: 5 });
  });

  it('counts circle answers by side, facilitators and members, each shown from 5 people', async () => {
    const programmeId = await createProgramme(
      w.manager,
      'conventional',
      w.topicIds,
      'Circles by side',
      'circles',
    );
    for (let i = 0; i < 5; i++) {
      const facilitator = await person('Strategy', 8);
      const member = await person('Operations', 2);
      const m = await held(await circle(programmeId, facilitator, [member]));
      await answer(facilitator, m, 5);
      await answer(member, m, 3);
    }
    await later();
    const s = await read(programmeId);
    expect(s.overall).toMatchObject({ suppressed: false, people: 10, answers: 10, meanValue: 4 });
    expect(s.fromFacilitators).toMatchObject({ suppressed: false, people: 5, answers: 5, meanValue: 5 });
    expect(s.fromMembers).toMatchObject({ suppressed: false, people: 5, answers: 5, meanValue: 3 });
    expect(s.fromMentors).toEqual({ suppressed: true, reason: 'too_few_people' });
  });

  it('hides the members too when the facilitator is alone, so the total minus the members is not her answer', async () => {
    const programmeId = await createProgramme(w.manager, 'conventional', w.topicIds, 'One lead', 'circles');
    const facilitator = await person('Strategy', 8);
    const members = [];
    for (let i = 0; i < 6; i++) members.push(await person('Operations', 2));
    const m = await held(await circle(programmeId, facilitator, members));
    await answer(facilitator, m, 1);
    for (const member of members) await answer(member, m, 4);
    await later();
    const s = await read(programmeId);
    expect(s.overall).toMatchObject({ suppressed: false, people: 7 });
    expect(s.fromFacilitators).toEqual({ suppressed: true, reason: 'too_few_people' });
    expect(s.fromMembers).toEqual({ suppressed: true, reason: 'protects_a_smaller_group' });
  });
});
