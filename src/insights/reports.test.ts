// Outcome reports through HTTP: who may read them, retention against a matched comparison
// group on planted HR data, and learning and quality figures that no subtraction across
// two breakdowns can open up.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { learningEntries, meetingFeedback, meetings, people, relationships } from '../db/schema.js';
import { plantRetentionEffect } from '../demo/outcomes.js';
import {
  addPerson,
  createProgramme,
  createWorld,
  type PersonFixture,
  type World,
} from '../relationships/testing.js';
import { type FigureSource, readPublished } from './published-figures.js';
import { qualitySource } from './reports.js';

let t: TestApp;
let w: World;
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t, 'reports');
});
afterAll(async () => t.close());

const person = (department: string, jobLevel: number) =>
  addPerson(t, w.org, `r${++serial}-${department.toLowerCase()}`, { jobLevel, department });

async function pair(programmeId: string, mentorId: string, menteeId: string) {
  const [rel] = await t.database.db
    .insert(relationships)
    .values({
      orgId: w.org.orgId,
      programmeId,
      mentorId,
      menteeId,
      status: 'active',
      mentorResponse: 'accepted',
      menteeResponse: 'accepted',
      acceptedAt: new Date(Date.now() - 60 * 86_400_000),
    })
    .returning();
  return rel?.id as string;
}

/** Entries written two minutes ago: old enough to enter a published snapshot. */
async function learned(
  relationshipId: string,
  learnerId: string,
  topicId: string,
  times = 1,
  createdAt = new Date(Date.now() - 120_000),
) {
  await t.database.db.insert(learningEntries).values(
    Array.from({ length: times }, (_, i) => ({
      orgId: w.org.orgId,
      relationshipId,
      learnerId,
      topicId,
      body: `Entry ${i}`,
      learnedOn: '2026-10-01',
      createdAt,
    })),
  );
}

const get = async (url: string, as = w.sponsor) => {
  const res = await as({ method: 'GET', url });
  return res;
};

interface Row {
  shown: boolean;
  reason?: string;
  entries?: number;
  [k: string]: unknown;
}

/** In each split (a total and its parts), a shown total and exactly one hidden part give that part away. */
function subtract(total: Row, splits: Record<string, Row[]>): string[] {
  const found: string[] = [];
  for (const [name, parts] of Object.entries(splits)) {
    const hidden = parts.filter((p) => !p.shown);
    if (total.shown && hidden.length === 1) found.push(name);
  }
  return found;
}

describe('outcome reports: who reads them', () => {
  it('lets sponsors, managers and admins read every report, and no participant or outsider', async () => {
    for (const report of ['retention', 'learning', 'quality']) {
      const url = `/api/programmes/${w.programmeId}/reports/${report}`;
      for (const as of [w.sponsor, w.manager, w.admin]) expect((await get(url, as)).statusCode).toBe(200);
      expect((await get(url, w.mentor.call)).statusCode).toBe(403);
      expect((await get(url, w.bystander)).statusCode).toBe(403);
      expect((await get(url, w.outsider)).statusCode).toBe(404);
    }
  });

  it('rejects a malformed date with a 400 naming the field', async () => {
    const res = await get(`/api/programmes/${w.programmeId}/reports/retention?asOf=2025-13-45`);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('asOf');
  });
});

describe('learning report', () => {
  it('shows what leaders learned, and no subtraction across the topic and department breakdowns gives away the one leader in Finance', async () => {
    const programmeId = await createProgramme(w.manager, 'reverse', w.topicIds, 'Learning');
    const [ai, social] = w.topicIds as [string, string];
    const leaders: PersonFixture[] = [];
    for (let i = 0; i < 5; i++) leaders.push(await person('Sales', 7));
    const cfo = await person('Finance', 9);
    for (const leader of [...leaders, cfo]) {
      const junior = await person('Marketing', 1);
      const rel = await pair(programmeId, junior.personId, leader.personId);
      // The CFO alone writes about social channels; everyone else about AI.
      await learned(rel, leader.personId, leader === cfo ? social : ai, leader === cfo ? 3 : 2);
    }
    const res = await get(`/api/programmes/${programmeId}/reports/learning`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.byDirection).toEqual([{ direction: 'upward', shown: true, people: 6, entries: 13 }]);
    expect(r.total).toMatchObject({ shown: true, people: 6, entries: 13 });
    const finance = r.byDepartment.find((d: { department: string }) => d.department === 'Finance');
    expect(finance).toEqual({ department: 'Finance', shown: false, reason: 'too_few_people' });
    const socialRow = r.byTopic.find((d: { topic: string }) => d.topic === 'Social channels');
    expect(socialRow).toMatchObject({ shown: false, reason: 'too_few_people' });
    // Total minus the AI row (or minus Sales) would be the CFO's 3 entries: those are hidden too.
    expect(subtract(r.total, { topic: r.byTopic, department: r.byDepartment })).toEqual([]);
    expect(
      subtract(r.byDirection[0], { upwardTopic: r.upward.byTopic, upwardDept: r.upward.byDepartment }),
    ).toEqual([]);
    expect(JSON.stringify(r)).not.toContain('Entry 0');
  });

  it('gives the reciprocity index of a mutual programme with its interval', async () => {
    const programmeId = await createProgramme(w.manager, 'mutual', w.topicIds, 'Both ways');
    const [ai] = w.topicIds as [string];
    for (let i = 0; i < 6; i++) {
      const a = await person('Product', 3);
      const b = await person('Product', 3);
      const rel = await pair(programmeId, a.personId, b.personId);
      await learned(rel, a.personId, ai, 2);
      await learned(rel, b.personId, ai, i < 3 ? 2 : 1);
    }
    const r = (await get(`/api/programmes/${programmeId}/reports/learning`)).json();
    // Three relationships balanced (1), three at 2 against 1 (1 - 1/3): mean 5/6.
    expect(r.reciprocity).toMatchObject({ shown: true, n: 6, estimate: 0.833 });
    expect(r.reciprocity.lower).toBeLessThan(0.833);
    expect(r.reciprocity.upper).toBeGreaterThan(0.833);
    expect(r.byDirection).toEqual([{ direction: 'level', shown: true, people: 12, entries: 21 }]);
    // Declined proposals and other programmes' entries stay out of it.
    expect(r.reciprocity.firstShare).toBe(0.571);
  });

  it('moves the reciprocity index only when enough people changed it, so two reads cannot be subtracted', async () => {
    const programmeId = await createProgramme(w.manager, 'mutual', w.topicIds, 'Both ways, over time');
    const [ai] = w.topicIds as [string];
    const rels: { id: string; a: string; b: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const a = await person('Product', 3);
      const b = await person('Product', 3);
      const id = await pair(programmeId, a.personId, b.personId);
      rels.push({ id, a: a.personId, b: b.personId });
      const longAgo = new Date(Date.now() - 20 * 60_000);
      await learned(id, a.personId, ai, 1, longAgo);
      await learned(id, b.personId, ai, 1, longAgo);
    }
    const url = `/api/programmes/${programmeId}/reports/learning`;
    const first = (await get(url)).json();
    expect(first.reciprocity).toMatchObject({ shown: true, n: 6, estimate: 1 });
    // The snapshot as if taken ten minutes ago, so the entries below come after it.
    await t.database.db.execute(
      sql`update published_figures set cutoff = now() - interval '10 minutes' where programme_id = ${programmeId}`,
    );
    const cutoff = (await t.database.db.execute(
      sql`select max(cutoff) as c from published_figures where programme_id = ${programmeId} and figure = 'reciprocity'`,
    )) as unknown as { rows: { c: Date | string }[] };
    const asOf = new Date(cutoff.rows[0]?.c as string).toISOString();
    // One pair writes more on one side: its two people alone would move the index.
    const one = rels[0] as { id: string; a: string };
    await learned(one.id, one.a, ai, 3);
    const second = (await get(url)).json();
    expect(second.reciprocity).toMatchObject({ shown: true, estimate: 1, asOf });
    expect(second.waiting).toBe(true);
    // Once two more pairs (six people in all) have changed, the index moves on.
    for (const r of rels.slice(1, 3)) await learned(r.id, r.a, ai, 1);
    const third = (await get(url)).json();
    expect(third.reciprocity.estimate).toBeLessThan(1);
    expect(third.reciprocity.asOf).not.toBe(asOf);
  });
});

describe('quality report', () => {
  it('reports value and felt heard with intervals by month, and keeps momentum from sponsors', async () => {
    const programmeId = await createProgramme(w.manager, 'reverse', w.topicIds, 'Quality');
    for (let i = 0; i < 5; i++) {
      const mentor = await person('Marketing', 1);
      const mentee = await person('Sales', 7);
      const rel = await pair(programmeId, mentor.personId, mentee.personId);
      const startsAt = new Date(Date.now() - 10 * 86_400_000);
      const [m] = await t.database.db
        .insert(meetings)
        .values({
          orgId: w.org.orgId,
          relationshipId: rel,
          startsAt,
          durationMinutes: 45,
          endsAt: new Date(startsAt.getTime() + 45 * 60_000),
          status: 'held',
          agenda: { template: 'check_in', title: 'Held', items: [] },
        })
        .returning();
      const res = await mentor.call({
        method: 'POST',
        url: `/api/meetings/${m?.id}/feedback`,
        payload: { value: i < 3 ? 5 : 3, heard: 4, talking: 'balanced' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    await t.database.db.execute(
      sql`update meeting_feedback set created_at = created_at - interval '2 minutes' where programme_id = ${programmeId}`,
    );
    const r = (await get(`/api/programmes/${programmeId}/reports/quality`)).json();
    expect(r.overall).toMatchObject({ shown: true, people: 5, answers: 5, balancedShare: 1 });
    expect(r.overall.value.mean).toBe(4.2);
    expect(r.overall.value.lower).toBeLessThan(4.2);
    expect(r.overall.heard).toEqual({ mean: 4, lower: 4, upper: 4 });
    expect(r.byMonth).toHaveLength(1);
    expect(r.momentum).toEqual({ shown: false, reason: 'managers_only' });
    const m = (await get(`/api/programmes/${programmeId}/reports/quality`, w.manager)).json();
    expect(m.momentum).toMatchObject({ shown: true, n: 5, held: 5 });
  });
});

describe('quality report snapshots', () => {
  it('adds a new month of feedback to the totals kept with the last snapshot instead of re-reading every answer', async () => {
    const programmeId = await createProgramme(w.manager, 'reverse', w.topicIds, 'Quality totals');
    const pairs: { rel: string; mentor: string; mentee: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const mentor = await person('Marketing', 1);
      const mentee = await person('Sales', 7);
      const rel = await pair(programmeId, mentor.personId, mentee.personId);
      pairs.push({ rel, mentor: mentor.personId, mentee: mentee.personId });
    }
    /** A held meeting of each pair and an answer from each author, `at` that time. */
    const answer = async (at: string, sides: ('mentor' | 'mentee')[], value: number) => {
      for (const p of pairs) {
        const startsAt = new Date(Date.parse(at) - 86_400_000);
        const [m] = await t.database.db
          .insert(meetings)
          .values({
            orgId: w.org.orgId,
            relationshipId: p.rel,
            startsAt,
            durationMinutes: 45,
            endsAt: new Date(startsAt.getTime() + 45 * 60_000),
            status: 'held',
            agenda: { template: 'check_in', title: 'Held', items: [] },
          })
          .returning();
        await t.database.db.insert(meetingFeedback).values(
          sides.map((side) => ({
            orgId: w.org.orgId,
            programmeId,
            meetingId: m?.id as string,
            authorId: p[side],
            authorSide: side,
            value,
            heard: side === 'mentor' ? 4 : 2,
            talking: 'balanced' as const,
            createdAt: new Date(at),
          })),
        );
      }
    };
    const loads: number[] = [];
    const counted = (source: FigureSource<unknown, unknown, unknown>) => ({
      ...source,
      load: async (...args: Parameters<typeof source.load>) => {
        const rows = await source.load(...args);
        loads.push(rows.length);
        return rows;
      },
    });
    const kept = counted(qualitySource(w.org.orgId, programmeId) as FigureSource<unknown, unknown, unknown>);
    // The same figures without totals: every read loads every answer and chooses afresh.
    const full = { ...kept, figure: 'quality-everything', totals: undefined };
    const read = (source: FigureSource<unknown, unknown, unknown>, now: string) =>
      readPublished(t.database.db, { orgId: w.org.orgId, programmeId }, source, {
        minimumPeople: 5,
        now: new Date(now),
      });
    await answer('2026-01-10T12:00:00Z', ['mentor', 'mentee'], 4);
    await read(kept, '2026-01-20T00:00:00Z');
    await read(full, '2026-01-20T00:00:00Z');
    // February: the mentors answer again, a month that no snapshot has shown yet.
    await answer('2026-02-10T12:00:00Z', ['mentor'], 2);
    loads.length = 0;
    const next = await read(kept, '2026-02-20T00:00:00Z');
    // Only the six who answered since, each with their January record.
    expect(loads).toEqual([12]);
    const everything = await read(full, '2026-02-20T00:00:00Z');
    expect(next.values('month')).toEqual(['2026-01', '2026-02']);
    for (const coords of [
      {} as Record<string, string>,
      { month: '2026-01' },
      { month: '2026-02' },
      { side: 'mentor' },
      { side: 'mentee' },
    ])
      expect(next.cell(coords), JSON.stringify(coords)).toEqual(everything.cell(coords));
    expect(next.cell({ month: '2026-02' })).toMatchObject({
      shown: true,
      people: 6,
      figures: { answers: 6 },
    });
    expect(next.cell({ side: 'mentor' })).toMatchObject({ shown: true, people: 6, figures: { answers: 12 } });
  });
});

describe('retention report', () => {
  it('compares participants with matched non-participants on planted HR data, with curves, log-rank and a hazard ratio', async () => {
    const programmeId = await createProgramme(w.manager, 'reverse', w.topicIds, 'Retention');
    await t.database.db.execute(
      sql`update programmes set cohort_start = '2024-01-01', cohort_end = '2024-12-31' where id = ${programmeId}`,
    );
    const planted = plantRetentionEffect({
      seed: 7,
      people: 600,
      hazardRatio: 0.4,
      origin: '2024-01-01',
      analysisDate: '2025-07-01',
    });
    const inserted = await t.database.db
      .insert(people)
      .values(
        planted.map((p, i) => ({
          orgId: w.org.orgId,
          name: `Planted ${i}`,
          email: `planted${i}@reports.example`,
          jobLevel: p.jobLevel,
          department: p.department,
          birthYear: p.birthYear,
          hireDate: p.hireDate,
          leaveDate: p.leaveDate,
        })),
      )
      .returning({ id: people.id });
    const participants = inserted.filter((_, i) => planted[i]?.participant).map((p) => p.id);
    for (let i = 0; i + 1 < participants.length; i += 2)
      await pair(programmeId, participants[i] as string, participants[i + 1] as string);
    const res = await get(`/api/programmes/${programmeId}/reports/retention?asOf=2025-07-01`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.shown).toBe(true);
    expect(r.hazardRatio.estimate).toBeLessThan(1);
    expect(r.hazardRatio.lower).toBeLessThan(r.hazardRatio.estimate);
    expect(r.hazardRatio.upper).toBeGreaterThan(r.hazardRatio.estimate);
    expect(r.hazardRatio.caveat).toMatch(/not randomisation/);
    expect(r.curves.participants.points[0]).toEqual({ day: 0, survival: 1, lower: 1, upper: 1 });
    expect(r.curves.participants.points.at(-1).day).toBe(547);
    expect(r.logRank.p).toBeGreaterThanOrEqual(0);
    expect(r.matching.participants.matched).toBeGreaterThanOrEqual(5);
    // Before the programme started there is nothing to follow.
    const early = (await get(`/api/programmes/${programmeId}/reports/retention?asOf=2023-06-01`)).json();
    expect(early).toMatchObject({ shown: false, reason: 'not_started' });
  });
});
