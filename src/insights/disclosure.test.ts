// Disclosure control: the subtraction attacks, across breakdowns and across successive
// snapshots, tried against the decisions of the module and checked by an independent attacker
// (floating-point elimination over the individual records' groups) on random small tables.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breakdownRows,
  cellKey,
  decide,
  eachPeriodSafe,
  findLeak,
  historyLeak,
  minimumPeople,
  type Table,
  tabulate,
} from './disclosure.js';

interface Answer {
  person: string;
  side: 'mentor' | 'mentee';
  department: string;
  meeting: string;
  value: number;
}

const spec = {
  person: (a: Answer) => a.person,
  dimensions: { side: (a: Answer) => a.side, department: (a: Answer) => a.department },
  breakdowns: [[], ['side'], ['department']],
};

/** `n` answers by one person. */
function answers(person: string, side: Answer['side'], department: string, n: number, value = 3): Answer[] {
  return Array.from({ length: n }, (_, i) => ({
    person,
    side,
    department,
    meeting: `${person}-${i}`,
    value,
  }));
}

const mean = (xs: Answer[]) => xs.reduce((s, a) => s + a.value, 0) / xs.length;

/**
 * What an attacker can work out: the sum of `target`'s records is determined by the sums of
 * the shown cells iff adding its row to theirs does not raise the rank. Rows are over the
 * individual records (finer than the module's groups), and the rank is taken in floating point.
 */
function determined(known: Set<Answer>[], target: Set<Answer>, all: Answer[]): boolean {
  const row = (s: Set<Answer>) => all.map((a) => (s.has(a) ? 1 : 0));
  return rank([...known.map(row), row(target)]) === rank(known.map(row));
}

function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++)
      if (Math.abs((m[i] as number[])[c] as number) > Math.abs((m[best] as number[])[c] as number)) best = i;
    if (Math.abs((m[best] as number[])[c] as number) < 1e-9) continue;
    [m[r], m[best]] = [m[best] as number[], m[r] as number[]];
    const pivot = m[r] as number[];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = ((m[i] as number[])[c] as number) / (pivot[c] as number);
      if (f !== 0) m[i] = (m[i] as number[]).map((x, j) => x - f * (pivot[j] as number));
    }
    r++;
  }
  return r;
}

const peopleIn = (s: Iterable<Answer>) => new Set([...s].map((a) => a.person)).size;

/**
 * Groups of 1 to 4 people that the attacker could try to single out: each cell, the union
 * and the overlap of any two cells, and each person's answers.
 */
function smallGroups(table: Table<Answer>, all: Answer[]): Set<Answer>[] {
  const cells = table.cells.map((c) => new Set(c.records));
  const groups = [...cells];
  for (const a of cells)
    for (const b of cells) {
      groups.push(new Set([...a, ...b]));
      groups.push(new Set([...a].filter((x) => b.has(x))));
    }
  for (const p of new Set(all.map((a) => a.person))) groups.push(new Set(all.filter((a) => a.person === p)));
  return groups.filter((g) => peopleIn(g) > 0 && peopleIn(g) < minimumPeople);
}

describe('disclosure control', () => {
  it('hides everything in the reported attack: one mentor with 6 answers, one mentee with 1', () => {
    const all = [
      ...answers('mentor', 'mentor', 'Marketing', 6, 4),
      ...answers('mentee', 'mentee', 'Ops', 1, 1),
    ];
    const table = tabulate(all, spec);
    const d = decide(table);
    // 7 answers but 2 people: the total no longer counts as a group, so 7 x all - 6 x mentors is gone.
    expect(d.get('all')).toEqual({ shown: false, reason: 'too_few_people' });
    expect(d.get(cellKey({ side: 'mentor' }))).toEqual({ shown: false, reason: 'too_few_people' });
    expect(d.get(cellKey({ side: 'mentee' }))).toEqual({ shown: false, reason: 'too_few_people' });
    expect(d.shown.size).toBe(0);
  });

  it('hides a second side so that the total minus one side cannot give the other', () => {
    const mentors = ['a', 'b', 'c', 'd', 'e'].flatMap((p) => answers(p, 'mentor', 'Marketing', 2, 4));
    const mentee = answers('exec', 'mentee', 'Marketing', 1, 1);
    const all = [...mentors, ...mentee];
    const d = decide(tabulate(all, { ...spec, breakdowns: [[], ['side']] }));
    expect(d.get('all').shown).toBe(true);
    expect(d.get(cellKey({ side: 'mentee' }))).toEqual({ shown: false, reason: 'too_few_people' });
    expect(d.get(cellKey({ side: 'mentor' }))).toEqual({ shown: false, reason: 'protects_a_smaller_group' });
    // Before: 11 x all - 10 x mentors = the executive's own answer.
    const leaked = all.length * mean(all) - mentors.length * mean(mentors);
    expect(leaked).toBeCloseTo(1);
    expect(determined([new Set(all)], new Set(mentee), all)).toBe(false);
  });

  it('hides the complement inside a department breakdown, and again across side and department', () => {
    const all = [
      ...['a', 'b', 'c', 'd', 'e'].flatMap((p) => answers(p, 'mentor', 'Marketing', 1)),
      ...['f', 'g', 'h', 'i', 'j'].flatMap((p) => answers(p, 'mentee', 'Sales', 1)),
      ...answers('cfo', 'mentee', 'Finance', 1, 1),
    ];
    const table = tabulate(all, spec);
    const d = decide(table);
    expect(d.get(cellKey({ department: 'Finance' })).shown).toBe(false);
    // Marketing is exactly the mentors; all - Marketing - Sales would be the CFO, so one more goes.
    const shown = [...d.shown].map((k) => new Set(table.byKey.get(k)?.records));
    for (const g of smallGroups(table, all)) expect(determined(shown, g, all)).toBe(false);
    expect(d.shown.has('all')).toBe(true);
  });

  it('treats two breakdowns that name the same people as the same cell', () => {
    // Mentors are exactly Marketing; the mentee side is Marketing-free. Showing "mentors" and
    // hiding "Marketing" would protect nothing.
    const all = [
      ...['a', 'b', 'c', 'd', 'e', 'f'].flatMap((p) => answers(p, 'mentor', 'Marketing', 1)),
      ...['g', 'h', 'i', 'j', 'k'].flatMap((p) => answers(p, 'mentee', 'Sales', 1)),
      ...answers('x', 'mentee', 'Legal', 1),
    ];
    const table = tabulate(all, spec);
    const d = decide(table);
    const shown = [...d.shown].map((k) => new Set(table.byKey.get(k)?.records));
    for (const g of smallGroups(table, all)) expect(determined(shown, g, all)).toBe(false);
  });

  it('hides every meeting of two people and keeps any one meeting from being subtracted out', () => {
    const pairs = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((p) => [
      { ...answers(`${p}-mentor`, 'mentor', 'Marketing', 1, 4)[0], meeting: `m-${p}` } as Answer,
      { ...answers(`${p}-mentee`, 'mentee', 'Board', 1, 2)[0], meeting: `m-${p}` } as Answer,
    ]);
    const bySide = { ...spec, dimensions: { ...spec.dimensions, meeting: (a: Answer) => a.meeting } };
    const table = tabulate(pairs, { ...bySide, breakdowns: [[], ['side'], ['meeting']] });
    const d = decide(table);
    const rows = breakdownRows(table, d, ['meeting']);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => !r.decision.shown)).toBe(true);
    expect([...d.shown].sort()).toEqual(['all', cellKey({ side: 'mentee' }), cellKey({ side: 'mentor' })]);
    const shown = [...d.shown].map((k) => new Set(table.byKey.get(k)?.records));
    for (const g of smallGroups(table, pairs)) expect(determined(shown, g, pairs)).toBe(false);
  });

  it('does not let one meeting more be read off two successive snapshots', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((p) => answers(p, 'mentor', 'Marketing', 1, 4));
    const first = decide(tabulate(before, spec));
    expect(first.shown.has('all')).toBe(true);
    // One mentee answers once: republishing "all" would give 7 x new - 6 x old = her answer.
    const added = answers('exec', 'mentee', 'Ops', 1, 1);
    const second = decide(tabulate([...before, ...added], spec), { keep: first.shown });
    // The mentors and Marketing were everyone; now "all - mentors" would be her, so they go.
    expect(second.keptAll).toBe(false);
    expect(second.shown.has('all')).toBe(true);
    const leak = historyLeak([tabulate(before, spec), tabulate(added, spec)], [first.shown, second.shown]);
    expect(leak).not.toBeNull();
    // Once five different people have answered since, the change is a group of five.
    const more = ['p', 'q', 'r', 's'].flatMap((p) => answers(p, 'mentee', 'Ops', 1, 2));
    const third = decide(tabulate([...before, ...added, ...more], spec), { keep: first.shown });
    expect(
      historyLeak([tabulate(before, spec), tabulate([...added, ...more], spec)], [first.shown, third.shown]),
    ).toBeNull();
  });

  it('keeps cells that were published, and says when one no longer can be', () => {
    const all = ['a', 'b', 'c', 'd', 'e'].flatMap((p) => answers(p, 'mentor', 'Marketing', 1));
    const table = tabulate(all, spec);
    expect(decide(table, { keep: ['all'] }).keptAll).toBe(true);
    const fewer = tabulate(all.slice(1), spec);
    expect(decide(fewer, { keep: ['all'] }).keptAll).toBe(false);
  });

  it('never shows a cell of fewer people than an organisation asks for', () => {
    const all = ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((p) => answers(p, 'mentor', 'Marketing', 1));
    expect(decide(tabulate(all, spec), { minimumPeople: 7 }).shown.size).toBe(0);
    expect(decide(tabulate(all, spec), { minimumPeople: 3 }).shown.has('all')).toBe(true);
    expect(decide(tabulate(all.slice(2), spec), { minimumPeople: 3 }).shown.size).toBe(0);
  });

  it('finds no leak in an empty table and shows nothing of it', () => {
    const table = tabulate([], spec);
    expect(findLeak(table, new Set())).toBeNull();
    expect(decide(table).get('all')).toEqual({ shown: false, reason: 'too_few_people' });
  });
});

// Small random programmes: up to 14 people on either side in 3 departments, 1-3 answers each.
const people = fc.uniqueArray(
  fc.record({
    person: fc.integer({ min: 0, max: 40 }).map((n) => `p${n}`),
    side: fc.constantFrom('mentor' as const, 'mentee' as const),
    department: fc.constantFrom('Marketing', 'Sales', 'Ops'),
    answers: fc.integer({ min: 1, max: 3 }),
  }),
  { maxLength: 14, selector: (p) => p.person },
);
const expand = (
  ps: { person: string; side: Answer['side']; department: string; answers: number }[],
  tag = '',
) =>
  ps.flatMap((p) =>
    answers(p.person, p.side, p.department, p.answers).map((a) => ({ ...a, meeting: a.meeting + tag })),
  );
const breakdowns = fc.constantFrom(
  [[], ['side']],
  [[], ['side'], ['department']],
  [[], ['side'], ['department'], ['side', 'department']],
  [[], ['side', 'department']],
);

describe('disclosure control on random tables', () => {
  it('shows only cells of 5 or more people, and no group of fewer can be worked out', () => {
    fc.assert(
      fc.property(people, breakdowns, (ps, bs) => {
        const all = expand(ps);
        const table = tabulate(all, { ...spec, breakdowns: bs });
        const d = decide(table);
        const shown = [...d.shown].map((k) => table.byKey.get(k)?.records ?? []);
        for (const cell of shown) expect(peopleIn(cell)).toBeGreaterThanOrEqual(minimumPeople);
        const known = shown.map((r) => new Set(r));
        for (const g of smallGroups(table, all)) expect(determined(known, g, all)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('across two snapshots, neither a change nor a hidden cell of fewer than 5 people can be worked out', () => {
    fc.assert(
      fc.property(people, people, breakdowns, (ps, later, bs) => {
        const s = { ...spec, breakdowns: bs };
        const before = expand(ps);
        const added = expand(later, '+');
        const first = decide(tabulate(before, s));
        const second = decide(tabulate([...before, ...added], s), { keep: first.shown });
        const periods = [tabulate(before, s), tabulate(added, s)];
        if (historyLeak(periods, [first.shown, second.shown])) return; // not published
        // The attacker knows every shown cell at both times: rows over the records of both.
        const all = [...before, ...added];
        const firstTable = tabulate(before, s);
        const secondTable = tabulate(all, s);
        const known = [
          ...[...first.shown].map((k) => new Set(firstTable.byKey.get(k)?.records)),
          ...[...second.shown].map((k) => new Set(secondTable.byKey.get(k)?.records)),
        ];
        const groups = [
          ...smallGroups(firstTable, before),
          ...smallGroups(secondTable, all),
          ...smallGroups(tabulate(added, s), added),
        ];
        for (const g of groups) expect(determined(known, g, all)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('a history that passes one period at a time (decision 077) gives nothing away, and the whole-history check agrees', () => {
    fc.assert(
      fc.property(people, people, people, breakdowns, (ps, later, last, bs) => {
        const s = { ...spec, breakdowns: bs };
        const added = [expand(ps), expand(later, '+'), expand(last, '++')];
        const periods = added.map((records) => tabulate(records, s));
        const tables = added.map((_, p) => tabulate(added.slice(0, p + 1).flat(), s));
        const shown: string[][] = [];
        for (const table of tables) shown.push([...decide(table, { keep: shown.at(-1) ?? [] }).shown]);
        if (!eachPeriodSafe(periods, shown)) return; // not published
        expect(historyLeak(periods, shown)).toBeNull();
        const all = added.flat();
        const known = tables.flatMap((table, t) =>
          (shown[t] as string[]).map((k) => new Set(table.byKey.get(k)?.records)),
        );
        const groups = [
          ...tables.flatMap((table, t) => smallGroups(table, added.slice(0, t + 1).flat())),
          ...periods.flatMap((table, p) => smallGroups(table, added[p] as Answer[])),
        ];
        for (const g of groups) expect(determined(known, g, all)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('when the only cells that reach the minimum are new in the newest period and it passes with them shown, choosing over every record shows the same cells', () => {
    // Larger periods than above, so that each period's own cells often reach the minimum.
    const crowd = (departments: string[]) =>
      fc.uniqueArray(
        fc.record({
          person: fc.integer({ min: 0, max: 80 }).map((n) => `p${n}`),
          side: fc.constantFrom('mentor' as const, 'mentee' as const),
          department: fc.constantFrom(...departments),
          answers: fc.integer({ min: 1, max: 3 }),
        }),
        { minLength: 10, maxLength: 30, selector: (p) => p.person },
      );
    let tried = 0;
    fc.assert(
      fc.property(
        crowd(['Marketing', 'Sales']),
        crowd(['Marketing', 'Sales']),
        crowd(['Marketing', 'Legal']),
        breakdowns,
        (ps, later, last, bs) => {
          const s = { ...spec, breakdowns: bs };
          const added = [expand(ps), expand(later, '+'), expand(last, '++')];
          const periods = added.map((records) => tabulate(records, s));
          const before = tabulate(added.slice(0, 2).flat(), s);
          const shown = [[...decide(tabulate(added[0] as Answer[], s)).shown]];
          shown.push([...decide(before, { keep: shown[0] }).shown]);
          if (!eachPeriodSafe(periods.slice(0, 2), shown)) return; // not published
          const table = tabulate(added.flat(), s);
          const layout = new Set(shown[1]);
          const wider = table.cells.filter((c) => !layout.has(c.key) && c.people.size >= minimumPeople);
          if (!wider.length || wider.some((c) => before.byKey.has(c.key))) return; // the full path
          const candidate = new Set([...layout, ...wider.map((c) => c.key)]);
          if (findLeak(periods[2] as Table<Answer>, candidate)) return; // the full path
          tried++;
          expect([...decide(table, { keep: layout }).shown].sort()).toEqual([...candidate].sort());
          expect(historyLeak(periods, [...shown, [...candidate]])).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
    expect(tried).toBeGreaterThan(10);
  });
});
