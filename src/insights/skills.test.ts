// Skills self-assessments through HTTP (a participant rates the topics they seek, once per
// open phase, and reads back only their own) and the skills report built on them (paired
// uplift with intervals, small groups hidden); promotions recorded from rises in job level
// and reported against matched colleagues.
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { enrolments, people, promotions, relationships, skillAssessments } from '../db/schema.js';
import { plantRetentionEffect } from '../demo/outcomes.js';
import { addPerson, createProgramme, createWorld, enrolAs, type World } from '../relationships/testing.js';
import { phaseWindows } from './self-assessments.js';
import { analyseRetention, retentionSubjects } from './statistics/retention.js';

let t: TestApp;
let w: World;
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t, 'skills');
});
afterAll(async () => t.close());

const person = (department: string, jobLevel: number) =>
  addPerson(t, w.org, `s${++serial}-${department.toLowerCase()}`, { jobLevel, department });

describe('skills self-assessment', () => {
  it('takes ratings of the topics a participant seeks, once per open phase, and shows them to that participant only', async () => {
    // A cohort that starts in three weeks: enrolment is open today, the midpoint opens two weeks
    // before the middle of its 174 days.
    const start = DateTime.utc().startOf('day').plus({ weeks: 3 });
    const programmeId = await createProgramme(
      w.manager,
      'reverse',
      w.topicIds,
      'Self-assessed',
      'one_to_one',
      {
        cohortStart: start.toISODate() as string,
        cohortEnd: start.plus({ days: 174 }).toISODate() as string,
      },
    );
    const [ai, social] = w.topicIds as [string, string];
    const leader = await person('Sales', 7);
    await enrolAs(leader.call, programmeId, 'mentee', [ai]);
    const url = `/api/programmes/${programmeId}/self-assessment`;
    const form = await leader.call({ method: 'GET', url });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json().topics.map((x: { topicId: string }) => x.topicId)).toEqual([ai]);
    expect(form.json().anchors).toHaveLength(5);
    const phases = form.json().phases as { phase: string; open: boolean; note: string }[];
    expect(phases.map((p) => [p.phase, p.open])).toEqual([
      ['enrolment', true],
      ['midpoint', false],
      ['closing', false],
    ]);
    expect(phases[1]?.note).toBe(`Opens on ${start.plus({ days: 87 - 14 }).toISODate()}.`);

    const post = (payload: object) => leader.call({ method: 'POST', url, payload });
    const bad = await post({ phase: 'enrolment', ratings: [{ topicId: social, rating: 3 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { path: 'ratings.0.topicId', message: 'is not a topic you seek in this programme' },
    ]);
    const tooHigh = await post({ phase: 'enrolment', ratings: [{ topicId: ai, rating: 6 }] });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.body).toContain('ratings.0.rating');
    const early = await post({ phase: 'closing', ratings: [{ topicId: ai, rating: 4 }] });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('phase');

    const ok = await post({ phase: 'enrolment', ratings: [{ topicId: ai, rating: 2 }] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().phases[0].answers).toEqual([{ topicId: ai, rating: 2 }]);
    const again = await post({ phase: 'enrolment', ratings: [{ topicId: ai, rating: 5 }] });
    expect(again.statusCode).toBe(409);
    const stored = await t.database.db.select().from(skillAssessments);
    expect(stored.filter((s) => s.personId === leader.personId).map((s) => s.rating)).toEqual([2]);

    // Nobody else reads it: not the manager, the sponsor or another participant.
    for (const other of [w.manager, w.sponsor, w.bystander, w.outsider])
      expect((await other({ method: 'GET', url })).statusCode).toBe(404);
    // Both sides of a reverse programme rate what they seek.
    const mine = await w.mentee.call({
      method: 'GET',
      url: `/api/programmes/${w.programmeId}/self-assessment`,
    });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().topics).toHaveLength(2);
  });
});

describe('self-assessment phases', () => {
  const programme = { cohortStart: '2027-01-04', cohortEnd: '2027-06-30' };
  it('opens the midpoint two weeks before it and closing two weeks before the end, or once the relationship closed', () => {
    const open = (today: string, closed = false) =>
      Object.entries(phaseWindows(programme, today, closed)).flatMap(([p, w]) => (w.open ? [p] : []));
    expect(open('2026-12-01')).toEqual(['enrolment']);
    expect(open('2027-03-20')).toEqual(['enrolment', 'midpoint']);
    expect(open('2027-04-10')).toEqual(['midpoint']);
    expect(open('2027-04-10', true)).toEqual(['midpoint', 'closing']);
    expect(open('2027-06-20')).toEqual(['midpoint', 'closing']);
    expect(open('2027-09-01')).toEqual(['closing']);
    expect(phaseWindows(programme, '2027-09-01', false).closing.note).toBe('Open.');
  });
});

describe('skills report', () => {
  it('pairs each later rating with the same person’s enrolment rating and shows the leaders’ digital uplift with its interval, hiding a small group', async () => {
    const programmeId = await createProgramme(w.manager, 'reverse', w.topicIds, 'Skills report');
    const [ai, social] = w.topicIds as [string, string];
    const longAgo = new Date(Date.now() - 30 * 86_400_000);
    const later = new Date(Date.now() - 5 * 86_400_000);
    const answer = (personId: string, topicId: string, phase: 'enrolment' | 'closing', rating: number) => ({
      orgId: w.org.orgId,
      programmeId,
      personId,
      topicId,
      phase,
      rating,
      createdAt: phase === 'enrolment' ? longAgo : later,
    });
    const rows: ReturnType<typeof answer>[] = [];
    // An enrolment seeking one topic, with its before-and-after answers in `rows`.
    const enrolWith = async (
      department: string,
      jobLevel: number,
      role: 'mentor' | 'mentee',
      topicId: string,
      before: number,
      after: number,
    ) => {
      const p = await person(department, jobLevel);
      await t.database.db.insert(enrolments).values({
        orgId: w.org.orgId,
        programmeId,
        personId: p.personId,
        role,
        seeks: [{ topicId, priority: 1 }],
        consentAt: longAgo,
      });
      rows.push(
        answer(p.personId, topicId, 'enrolment', before),
        answer(p.personId, topicId, 'closing', after),
      );
    };
    // Six leaders rise in AI: 2 -> 4, 2 -> 3, 1 -> 3, 3 -> 4, 2 -> 4, 2 -> 3 (mean +1.5).
    const ups: [number, number][] = [
      [2, 4],
      [2, 3],
      [1, 3],
      [3, 4],
      [2, 4],
      [2, 3],
    ];
    for (const [before, after] of ups) await enrolWith('Finance', 7, 'mentee', ai, before, after);
    // Two juniors rate social channels: too few to show, and hidden from every subtraction.
    for (const [before, after] of [
      [3, 5],
      [4, 4],
    ] as const)
      await enrolWith('Marketing', 1, 'mentor', social, before, after);
    // Someone who answered only at enrolment has no pair and counts nowhere.
    const once = await person('Finance', 6);
    rows.push(answer(once.personId, ai, 'enrolment', 1));
    await t.database.db.insert(skillAssessments).values(rows);

    const res = await w.sponsor({ method: 'GET', url: `/api/programmes/${programmeId}/reports/skills` });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.headline).toMatchObject({ shown: true, stage: 'closing', people: 6, pairs: 6, uplift: 1.5 });
    expect(r.headline.lower).toBeGreaterThan(0.9);
    expect(r.headline.upper).toBeLessThan(2.1);
    expect(r.headline.reading).toMatch(/whole 95% interval is above zero/);
    const junior = r.closing.bySide.find((x: { side: string }) => x.side === 'mentor');
    expect(junior).toEqual({ side: 'mentor', shown: false, reason: 'too_few_people' });
    // Overall minus the leaders would be the two juniors: the overall is hidden too.
    expect(r.closing.overall.shown).toBe(false);
    expect(r.midpoint.overall).toEqual({ shown: false, reason: 'too_few_people' });
    expect(JSON.stringify(r)).not.toContain(once.personId);

    const csv = await w.sponsor({
      method: 'GET',
      url: `/api/programmes/${programmeId}/reports/skills?format=csv`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('headline at closing,Leaders (digital topics),uplift,1.5');
    expect(csv.body).toContain('closing: by side,mentor,,,,,,too_few_people');
    expect(
      (await w.mentee.call({ method: 'GET', url: `/api/programmes/${programmeId}/reports/skills` }))
        .statusCode,
    ).toBe(403);
  });
});

describe('promotions', () => {
  it('records a rise in job level as a promotion, and nothing for a fall', async () => {
    const p = await person('Legal', 3);
    await t.database.db.execute(sql`update people set job_level = 4 where id = ${p.personId}`);
    await t.database.db.execute(sql`update people set job_level = 2 where id = ${p.personId}`);
    await t.database.db.execute(sql`update people set department = 'Law' where id = ${p.personId}`);
    const rows = (await t.database.db.select().from(promotions)).filter((r) => r.personId === p.personId);
    expect(rows.map((r) => [r.fromLevel, r.toLevel, r.source])).toEqual([[3, 4, 'hr-data']]);
  });

  it('compares participants’ first promotions with matched colleagues’, from their level at the start', async () => {
    const programmeId = await createProgramme(w.manager, 'reverse', w.topicIds, 'Promotions');
    await t.database.db.execute(
      sql`update programmes set cohort_start = '2024-01-01', cohort_end = '2024-12-31' where id = ${programmeId}`,
    );
    // The planted leaving dates serve as promotion dates here: a known effect to find.
    const planted = plantRetentionEffect({
      seed: 13,
      people: 500,
      hazardRatio: 2,
      origin: '2024-01-01',
      analysisDate: '2025-07-01',
    });
    const inserted = await t.database.db
      .insert(people)
      .values(
        planted.map((p, i) => ({
          orgId: w.org.orgId,
          name: `Promoted ${i}`,
          email: `promoted${i}@skills.example`,
          jobLevel: p.leaveDate ? Math.min(20, p.jobLevel + 1) : p.jobLevel,
          department: p.department,
          birthYear: p.birthYear,
          hireDate: p.hireDate,
        })),
      )
      .returning({ id: people.id });
    await t.database.db.insert(promotions).values(
      planted.flatMap((p, i) =>
        p.leaveDate
          ? [
              {
                orgId: w.org.orgId,
                personId: inserted[i]?.id as string,
                fromLevel: p.jobLevel,
                toLevel: p.jobLevel + 1,
                effectiveOn: p.leaveDate,
                source: 'history' as const,
              },
            ]
          : [],
      ),
    );
    const takers = inserted.filter((_, i) => planted[i]?.participant).map((p) => p.id);
    for (let i = 0; i + 1 < takers.length; i += 2)
      await t.database.db.insert(relationships).values({
        orgId: w.org.orgId,
        programmeId,
        mentorId: takers[i] as string,
        menteeId: takers[i + 1] as string,
        status: 'closed',
      });
    const url = `/api/programmes/${programmeId}/reports/promotions?asOf=2025-07-01`;
    const res = await w.sponsor({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.shown).toBe(true);
    // The same figure as promotion dates analysed person by person.
    const direct = analyseRetention(retentionSubjects(planted, '2024-01-01', '2025-07-01'), {
      origin: '2024-01-01',
      analysisDate: '2025-07-01',
    });
    expect(r.hazardRatio.estimate).toBeCloseTo(direct.hazardRatio.estimate as number, 3);
    expect(r.hazardRatio.lower).toBeGreaterThan(1);
    expect(r.hazardRatio.reading).toMatch(/^Participants were promoted at a rate \d+% higher/);
    expect(r.curves.participants.points[0]).toEqual({ day: 0, survival: 1, lower: 1, upper: 1 });
    // Matched on the level held at the start, not today's: every participant finds a cell.
    const retention = (
      await w.sponsor({
        method: 'GET',
        url: `/api/programmes/${programmeId}/reports/retention?asOf=2025-07-01`,
      })
    ).json();
    expect(retention.matching.participants).toEqual(r.matching.participants);
    const csv = await w.sponsor({ method: 'GET', url: `${url}&format=csv` });
    expect(csv.body).toContain('not yet promoted');
  });
});
