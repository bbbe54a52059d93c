// Reports as CSV: one tidy table per report (table, group, measure, value, interval, people,
// why hidden), with every text cell that a spreadsheet would run as a formula neutralised.
import { stringify } from 'csv-stringify/sync';
import type { learningReport, qualityReport, retentionReport } from './reports.js';
import type { SkillsFigures, skillsReport } from './skills-report.js';

type Cell = string | number | null | undefined;

/**
 * A text cell starting with =, +, -, @ (or a tab or carriage return, which spreadsheets skip
 * before reading a formula) gets a leading apostrophe, so it shows as text and never runs.
 */
export function neutralise(value: Cell): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const csvColumns = [
  'table',
  'group',
  'measure',
  'value',
  'lower',
  'upper',
  'people',
  'hidden',
] as const;
export type CsvRow = Partial<Record<(typeof csvColumns)[number], Cell>>;

export function toCsv(rows: readonly CsvRow[]): string {
  return stringify(
    rows.map((r) => csvColumns.map((c) => neutralise(r[c]))),
    { header: true, columns: [...csvColumns], bom: true },
  );
}

function about(r: { method: string; caveat: string; minimumGroupSize: number }): CsvRow[] {
  return [
    { table: 'about', measure: 'method', value: r.method },
    { table: 'about', measure: 'cannot show', value: r.caveat },
    { table: 'about', measure: 'minimum group size', value: r.minimumGroupSize },
  ];
}

type Shown<F> = ({ shown: true; people: number } & F) | { shown: false; reason: string };

/** The value a breakdown row is for (its dimension's value), '' when none. */
const name = (row: object, dimension: string) => String((row as Record<string, unknown>)[dimension] ?? '');

function hidden(table: string, group: string, c: { shown: false; reason: string }): CsvRow {
  return { table, group, hidden: c.reason };
}

type FollowUp = Awaited<ReturnType<typeof retentionReport>>;

export const retentionCsv = (r: FollowUp) => toCsv(followUpRows(r, 'retention'));
export const promotionsCsv = (r: FollowUp) => toCsv(followUpRows(r, 'promotions'));

/** Retention or promotions: the ratios, the test, the matching and the curves at month ends. */
export function followUpRows(r: FollowUp, name: 'retention' | 'promotions'): CsvRow[] {
  const rows = about(r);
  if (!r.shown) return [...rows, { table: name, group: 'all', hidden: r.reason }];
  for (const [group, h] of [
    ['matched', r.hazardRatio],
    ['before matching', r.unadjusted],
  ] as const)
    rows.push({
      table: 'hazard ratio',
      group,
      measure: 'hazard ratio',
      value: h.estimate,
      lower: h.lower,
      upper: h.upper,
      people: h.n,
    });
  rows.push({
    table: 'log-rank',
    group: 'matched',
    measure: 'chi-square',
    value: r.logRank.chiSquare,
    people: r.logRank.n,
  });
  rows.push({ table: 'log-rank', group: 'matched', measure: 'p', value: r.logRank.p, people: r.logRank.n });
  for (const [group, m] of [
    ['participants', r.matching.participants],
    ['others', r.matching.others],
  ] as const) {
    rows.push({ table: 'matching', group, measure: 'total', value: m.total });
    rows.push({ table: 'matching', group, measure: 'matched', value: m.matched });
  }
  for (const [group, c] of [
    ['participants', r.curves.participants],
    ['others', r.curves.others],
  ] as const)
    for (const p of c.points)
      rows.push({
        table: name === 'retention' ? 'survival' : 'not yet promoted',
        group,
        measure: `day ${p.day}`,
        value: p.survival,
        lower: p.lower,
        upper: p.upper,
        people: c.n,
      });
  return rows;
}

export function learningCsv(r: Awaited<ReturnType<typeof learningReport>>): string {
  return toCsv(learningRows(r));
}

export function learningRows(r: Awaited<ReturnType<typeof learningReport>>): CsvRow[] {
  const rows = about(r);
  const add = (table: string, group: string, c: Shown<{ entries: number }>) =>
    rows.push(
      c.shown
        ? { table, group, measure: 'entries', value: c.entries, people: c.people }
        : hidden(table, group, c),
    );
  add('total', 'all', r.total);
  for (const x of r.byDirection) add('by direction', name(x, 'direction'), x);
  for (const x of r.byTopic) add('by topic', name(x, 'topic'), x);
  for (const x of r.byDepartment) add('by department', name(x, 'department'), x);
  for (const x of r.upward.byTopic) add('leaders learned, by topic', name(x, 'topic'), x);
  for (const x of r.upward.byDepartment) add('leaders learned, by department', name(x, 'department'), x);
  if (r.reciprocity)
    rows.push(
      r.reciprocity.shown
        ? {
            table: 'reciprocity',
            group: 'relationships',
            measure: 'index',
            value: r.reciprocity.estimate,
            lower: r.reciprocity.lower,
            upper: r.reciprocity.upper,
            people: r.reciprocity.n,
          }
        : hidden('reciprocity', 'relationships', r.reciprocity),
    );
  return rows;
}

type Mean = { mean: number; lower: number | null; upper: number | null };

export function qualityCsv(r: Awaited<ReturnType<typeof qualityReport>>): string {
  return toCsv(qualityRows(r));
}

export function qualityRows(r: Awaited<ReturnType<typeof qualityReport>>): CsvRow[] {
  const rows = about(r);
  const add = (
    table: string,
    group: string,
    c: Shown<{ answers: number; value: Mean; heard: Mean; balancedShare: number }>,
  ) => {
    if (!c.shown) return rows.push(hidden(table, group, c));
    rows.push({
      table,
      group,
      measure: 'value',
      value: c.value.mean,
      lower: c.value.lower,
      upper: c.value.upper,
      people: c.people,
    });
    rows.push({
      table,
      group,
      measure: 'felt heard',
      value: c.heard.mean,
      lower: c.heard.lower,
      upper: c.heard.upper,
      people: c.people,
    });
    rows.push({ table, group, measure: 'talk balanced (share)', value: c.balancedShare, people: c.people });
    return rows.push({ table, group, measure: 'answers', value: c.answers, people: c.people });
  };
  add('overall', 'all', r.overall);
  for (const x of r.bySide) add('by side', name(x, 'side'), x);
  for (const x of r.byMonth) add('by month', name(x, 'month'), x);
  if (r.momentum.shown)
    for (const m of ['held', 'cancelled', 'scheduled'] as const)
      rows.push({
        table: 'momentum',
        group: 'relationships',
        measure: m,
        value: r.momentum[m],
        people: r.momentum.n,
      });
  else rows.push(hidden('momentum', 'relationships', r.momentum));
  return rows;
}

export const skillsCsv = (r: Awaited<ReturnType<typeof skillsReport>>) => toCsv(skillsRows(r));

/** Skills uplift per stage: overall, by side, by topic category and by topic. */
export function skillsRows(r: Awaited<ReturnType<typeof skillsReport>>): CsvRow[] {
  const rows = about(r);
  const add = (table: string, group: string, c: Shown<SkillsFigures>) => {
    if (!c.shown) return rows.push(hidden(table, group, c));
    rows.push({
      table,
      group,
      measure: 'uplift',
      value: c.uplift,
      lower: c.lower,
      upper: c.upper,
      people: c.people,
    });
    rows.push({ table, group, measure: 'mean before', value: c.before, people: c.people });
    rows.push({ table, group, measure: 'mean after', value: c.after, people: c.people });
    return rows.push({ table, group, measure: 'pairs', value: c.pairs, people: c.people });
  };
  const h = r.headline;
  add(`headline at ${h.stage}`, h.who, h);
  for (const stage of ['midpoint', 'closing'] as const) {
    const s = r[stage];
    add(`${stage}: overall`, 'all', s.overall);
    for (const x of s.bySide) add(`${stage}: by side`, name(x, 'side'), x);
    for (const x of s.byCategory) add(`${stage}: by category`, name(x, 'category'), x);
    for (const x of s.byTopic) add(`${stage}: by topic`, name(x, 'topic'), x);
  }
  return rows;
}
