// Published snapshots: which period a row falls in, that a new snapshot adds only the newest
// period to the totals kept with the last one, and that a long history keeps publishing
// with a check that looks at one period at a time yet leaves nothing to subtract.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { organisations, programmes } from '../db/schema.js';
import { openTestDatabase } from '../db/testing/test-database.js';
import { historyLeak, type TableSpec, tabulate } from './disclosure.js';
import {
  activeSince,
  type FigureSource,
  periodOf,
  readPublished,
  summedSource,
} from './published-figures.js';

let database: Database;
let orgId: string;
beforeAll(async () => {
  database = await openTestDatabase();
  const [org] = await database.db
    .insert(organisations)
    .values({ name: 'Snapshots', slug: 'snapshots' })
    .returning();
  orgId = org?.id as string;
  // A table of answers of our own: the test controls every time and value.
  await database.db.execute(sql`
    create table test_answers (programme_id uuid not null, person text not null, team text not null,
                               value int not null, created_at timestamptz not null)`);
});
afterAll(async () => database.close());

async function newProgramme(name: string) {
  const [p] = await database.db
    .insert(programmes)
    .values({
      orgId,
      name,
      kind: 'conventional',
      cohortStart: '2026-01-01',
      cohortEnd: '2026-12-31',
      meetingCadence: 'monthly',
    })
    .returning();
  return p?.id as string;
}

interface Answer {
  person: string;
  team: string;
  value: number;
}

const spec: TableSpec<Answer> = {
  person: (r) => r.person,
  dimensions: { team: (r) => r.team },
  breakdowns: [[], ['team']],
};

/** Sums of values over test_answers, counting how many records each load hands back. */
function source(
  programmeId: string,
  loads: number[],
): FigureSource<Answer, { sum: number }, { sum: number }> {
  return summedSource({
    figure: 'test',
    spec,
    load: async (db, cutoffs, options) => {
      const rows = rowsOf<Answer & { period: number }>(
        await db.execute(sql`
          select ${periodOf(cutoffs, sql`created_at`)} as period, person, team, sum(value)::int as value
          from test_answers
          where programme_id = ${programmeId} and created_at <= ${cutoffs.at(-1)?.toISOString()}::timestamptz
            ${activeSince(sql`person`, sql`select person from test_answers where programme_id = ${programmeId}`, cutoffs, options)}
          group by 1, 2, 3`),
      );
      loads.push(rows.length);
      return rows.map(({ period, ...record }) => ({
        period: Number(period),
        record: { ...record, value: Number(record.value) },
      }));
    },
    totals: {
      of: (records) => ({ sum: records.reduce((s, r) => s + r.value, 0) }),
      add: (a, b) => ({ sum: a.sum + b.sum }),
      figures: (t) => t,
    },
  });
}

const minute = 60_000;
const start = Date.parse('2026-03-01T00:00:00Z');

async function answer(programmeId: string, at: number, answers: Answer[]) {
  for (const a of answers)
    await database.db.execute(sql`
      insert into test_answers values (${programmeId}, ${a.person}, ${a.team}, ${a.value},
                                       ${new Date(at).toISOString()}::timestamptz)`);
}

/** Five new people in one team. */
const five = (from: number, team: string, value = 1): Answer[] =>
  Array.from({ length: 5 }, (_, i) => ({ person: `p${from + i}`, team, value }));

describe('periods between published cutoffs', () => {
  it('puts a row at a cutoff in that snapshot and a microsecond later in the next', async () => {
    const cutoffs = [new Date('2026-01-01T00:00:00.000Z'), new Date('2026-02-01T12:30:00.000Z')];
    const at = [
      '2025-12-31T23:59:59.999999Z',
      '2026-01-01T00:00:00.000000Z',
      '2026-01-01T00:00:00.000001Z',
      '2026-02-01T12:30:00.000000Z',
      '2026-02-01T12:30:00.000001Z',
    ];
    const periods = [];
    for (const t of at) {
      const [row] = rowsOf<{ p: number }>(
        await database.db.execute(sql`select ${periodOf(cutoffs, sql`${t}::timestamptz`)} as p`),
      );
      periods.push(Number(row?.p));
    }
    expect(periods).toEqual([0, 0, 1, 1, 2]);
  });
});

describe('snapshots keep their totals', () => {
  it('adds the newest period to the totals kept with the last snapshot instead of re-reading every answer', async () => {
    const programmeId = await newProgramme('Kept totals');
    const loads: number[] = [];
    const read = (at: number) =>
      readPublished(database.db, { orgId, programmeId }, source(programmeId, loads), {
        minimumPeople: 5,
        now: new Date(at),
      });
    await answer(programmeId, start, [...five(0, 'a', 2), ...five(5, 'b', 2)]);
    const first = await read(start + 2 * minute);
    expect(first.cell({})).toEqual({ shown: true, people: 10, figures: { sum: 20 } });
    // An answer already published changes underneath (it should not, but if it did the
    // published history must not move with it), and five more people answer.
    await database.db.execute(sql`update test_answers set value = 5 where programme_id = ${programmeId}`);
    await answer(programmeId, start + 3 * minute, five(10, 'a', 1));
    loads.length = 0;
    const second = await read(start + 5 * minute);
    expect(second.asOf).not.toBe(first.asOf);
    // 20 as published, plus the five new answers of 1; the rewritten values are not read again.
    expect(second.cell({})).toEqual({ shown: true, people: 15, figures: { sum: 25 } });
    expect(second.cell({ team: 'a' })).toEqual({ shown: true, people: 10, figures: { sum: 15 } });
    // Only the five people who answered since were loaded.
    expect(loads).toEqual([5]);
  });

  it('counts a person once when they answer again in a later period', async () => {
    const programmeId = await newProgramme('Returning people');
    const loads: number[] = [];
    const read = (at: number) =>
      readPublished(database.db, { orgId, programmeId }, source(programmeId, loads), {
        minimumPeople: 5,
        now: new Date(at),
      });
    await answer(programmeId, start, [...five(0, 'a'), ...five(5, 'b')]);
    await read(start + 2 * minute);
    // The same five answer again, and five new people.
    await answer(programmeId, start + 3 * minute, [...five(0, 'a'), ...five(20, 'b')]);
    const next = await read(start + 5 * minute);
    expect(next.cell({})).toEqual({ shown: true, people: 15, figures: { sum: 20 } });
    expect(next.cell({ team: 'a' })).toEqual({ shown: true, people: 5, figures: { sum: 10 } });
    expect(next.cell({ team: 'b' })).toEqual({ shown: true, people: 10, figures: { sum: 10 } });
    // The five who answered again came back with their earlier answers, to be counted once.
    expect(loads.at(-1)).toBe(15);
  });
});

describe('a long history', () => {
  it('keeps publishing over 30 snapshots, reading only each new period, and nothing can be subtracted', async () => {
    const programmeId = await newProgramme('Many snapshots');
    const loads: number[] = [];
    const periods: Answer[][] = [];
    const shown: string[][] = [];
    let person = 0;
    for (let s = 0; s < 30; s++) {
      const at = start + s * 10 * minute;
      const added = [...five(person, 'a'), ...five(person + 5, 'b')];
      person += 10;
      // Once, five people of a third team: it joins the shown cells.
      if (s === 10) {
        added.push(...five(person, 'c', 3));
        person += 5;
      }
      await answer(programmeId, at, added);
      periods.push(added);
      loads.length = 0;
      const t = await readPublished(database.db, { orgId, programmeId }, source(programmeId, loads), {
        minimumPeople: 5,
        now: new Date(at + 2 * minute),
      });
      expect(t.waiting, `snapshot ${s}`).toBe(false);
      expect(t.asOf).toBe(new Date(at + minute).toISOString());
      const total = t.cell({});
      expect(total.shown && total.people).toBe(person);
      // The work of a snapshot stays that of one period, however long the history, also when
      // it shows a cell whose first answers are in that period (team c).
      if (s > 0) expect(loads, `snapshot ${s}`).toEqual([added.length]);
      const [row] = rowsOf<{ shown: string[] }>(
        await database.db.execute(sql`
          select shown from published_figures where programme_id = ${programmeId} order by seq desc limit 1`),
      );
      shown.push(row?.shown as string[]);
    }
    expect(shown.at(-1)).toEqual(['all', 'team=a', 'team=b', 'team=c']);
    // The full check over every period at once (what someone holding every snapshot could
    // compute) finds no group of fewer than five people.
    expect(
      historyLeak(
        periods.map((p) => tabulate(p, spec)),
        shown,
        5,
      ),
    ).toBeNull();
  });
});
