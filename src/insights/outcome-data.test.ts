// The SQL side of the outcome statistics: grouped rows from the database give the figures
// that one row per person gives, only people employed at the start are followed, and
// nothing crosses organisations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { organisations, people, programmes, relationships } from '../db/schema.js';
import { openTestDatabase } from '../db/testing/test-database.js';
import { plantRetentionEffect } from '../demo/outcomes.js';
import { loadRetentionData, type ProgrammeRef } from './outcome-data.js';
import { analyseRetention, retentionSubjects } from './statistics/retention.js';

const origin = '2024-01-01';
const asOf = '2025-07-01';
let database: Database;
let programme: ProgrammeRef;
const planted = plantRetentionEffect({ seed: 3, people: 400, hazardRatio: 0.5, origin, analysisDate: asOf });
let personIds: string[] = [];
const relationshipIds: string[] = [];

async function organisation(slug: string) {
  const [org] = await database.db.insert(organisations).values({ name: slug, slug }).returning();
  return org?.id as string;
}

beforeAll(async () => {
  database = await openTestDatabase();
  const { db } = database;
  const orgId = await organisation('outcomes');
  // Also: someone hired after the start and someone who left before it, who are not followed.
  const rows = [
    ...planted,
    {
      department: 'Sales',
      jobLevel: 2,
      birthYear: 1995,
      hireDate: '2024-03-01',
      leaveDate: null,
      participant: false,
    },
    {
      department: 'Sales',
      jobLevel: 2,
      birthYear: 1995,
      hireDate: '2020-03-01',
      leaveDate: '2023-06-01',
      participant: false,
    },
  ];
  const inserted = await db
    .insert(people)
    .values(
      rows.map((p, i) => ({
        orgId,
        name: `Person ${i}`,
        email: `p${i}@outcomes.example`,
        jobLevel: p.jobLevel,
        department: p.department,
        birthYear: p.birthYear,
        hireDate: p.hireDate,
        leaveDate: p.leaveDate,
      })),
    )
    .returning({ id: people.id });
  personIds = inserted.map((r) => r.id);
  const [prog] = await db
    .insert(programmes)
    .values({
      orgId,
      name: 'Reverse',
      kind: 'reverse',
      cohortStart: origin,
      cohortEnd: '2024-12-31',
      meetingCadence: 'monthly',
      status: 'active',
    })
    .returning();
  programme = { id: prog?.id as string, orgId, cohortStart: origin };
  const takers = planted.flatMap((p, i) => (p.participant ? [personIds[i] as string] : []));
  for (let k = 0; k + 1 < takers.length; k += 2) {
    const [r] = await db
      .insert(relationships)
      .values({
        orgId,
        programmeId: programme.id,
        mentorId: takers[k] as string,
        menteeId: takers[k + 1] as string,
        status: k % 4 === 0 ? 'active' : 'closed',
      })
      .returning({ id: relationships.id });
    relationshipIds.push(r?.id as string);
  }
  if (takers.length % 2 === 1) {
    await db.insert(relationships).values({
      orgId,
      programmeId: programme.id,
      mentorId: takers[0] as string,
      menteeId: takers.at(-1) as string,
      status: 'paused',
    });
  }
  // A declined proposal makes nobody a participant.
  const others = planted.flatMap((p, i) => (p.participant ? [] : [personIds[i] as string]));
  await db.insert(relationships).values({
    orgId,
    programmeId: programme.id,
    mentorId: others[0] as string,
    menteeId: others[1] as string,
    status: 'declined',
  });
  // Another organisation's people and programme stay out.
  const otherOrg = await organisation('elsewhere');
  await db.insert(people).values({
    orgId: otherOrg,
    name: 'X',
    email: 'x@elsewhere.example',
    jobLevel: 3,
    hireDate: '2020-01-01',
  });
});
afterAll(async () => database.close());

describe('retention data from the database', () => {
  it('gives the figures of one row per person, in one row per matching cell, day and outcome', async () => {
    const data = await loadRetentionData(database.db, programme, { asOf });
    const each = retentionSubjects(planted, origin, asOf);
    expect(data.subjects.reduce((n, s) => n + (s.count ?? 1), 0)).toBe(planted.length);
    expect(data.subjects.length).toBeLessThan(planted.length);
    const period = { origin, analysisDate: asOf };
    const fromDb = analyseRetention(data.subjects, period);
    const direct = analyseRetention(each, period);
    expect(fromDb.matching.participants).toEqual(direct.matching.participants);
    expect(fromDb.matching.others).toEqual(direct.matching.others);
    expect(fromDb.matching.strata).toBe(direct.matching.strata);
    // Balance comes from sums over each grouped row's people, so it matches person by person.
    for (const [i, b] of fromDb.matching.balance.entries()) {
      const d = direct.matching.balance[i];
      expect(b.variable).toBe(d?.variable);
      expect(b.before).toBeCloseTo(d?.before as number, 10);
      expect(b.after).toBeCloseTo(d?.after as number, 10);
    }
    expect(fromDb.hazardRatio.estimate).toBeCloseTo(direct.hazardRatio.estimate as number, 10);
    expect(fromDb.hazardRatio.lower).toBeCloseTo(direct.hazardRatio.lower as number, 10);
    expect(fromDb.logRank.chiSquare).toBeCloseTo(direct.logRank.chiSquare, 10);
    expect(fromDb.curves.participants.survival.at(-1)).toBeCloseTo(
      direct.curves.participants.survival.at(-1) as number,
      12,
    );
  });

  it('compares one side of the pairs with people outside the programme', async () => {
    const all = await loadRetentionData(database.db, programme, { asOf });
    const mentees = await loadRetentionData(database.db, programme, { asOf, side: 'mentee' });
    const count = (d: typeof all, participant: boolean) =>
      d.subjects.filter((s) => s.participant === participant).reduce((n, s) => n + (s.count ?? 1), 0);
    const takers = planted.filter((p) => p.participant).length;
    expect(count(all, true)).toBe(takers);
    expect(count(mentees, true)).toBe(Math.floor(takers / 2));
    expect(count(mentees, false)).toBe(count(all, false));
  });
});
