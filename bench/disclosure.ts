// Disclosure control benchmark: npm run bench disclosure [-- --people N].
// Report-shaped tables (a total and one-way breakdowns by department, job level, generation
// and topic; one record per person and topic) of growing size: time to tabulate (the
// reference: one pass over the records), to decide what is shown, and to check a history of
// snapshots: in full over every period at once (decision 040), and as decision 077 does it,
// each period on its own (a snapshot that shows a new cell) or the newest period alone
// (every other snapshot, after 5 or after 50), with each as a ratio to tabulating.
import {
  decide,
  eachPeriodSafe,
  findLeak,
  historyLeak,
  type TableSpec,
  tabulate,
} from '../src/insights/disclosure.js';

interface Rec {
  person: string;
  department: string;
  level: string;
  generation: string;
  topic: string;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function records(people: number, seed: number, from = 0): Rec[] {
  const r = random(seed);
  const pick = (n: number) => Math.floor(r() ** 2 * n); // skewed: some small groups
  const out: Rec[] = [];
  for (let i = from; i < from + people; i++) {
    const base = {
      person: `p${i}`,
      department: `dept-${pick(20)}`,
      level: `level-${pick(10)}`,
      generation: `gen-${pick(5)}`,
    };
    const topics = 1 + Math.floor(r() * 3);
    for (let t = 0; t < topics; t++) out.push({ ...base, topic: `topic-${pick(30)}` });
  }
  return out;
}

const spec: TableSpec<Rec> = {
  person: (r) => r.person,
  dimensions: {
    department: (r) => r.department,
    level: (r) => r.level,
    generation: (r) => r.generation,
    topic: (r) => r.topic,
  },
  breakdowns: [[], ['department'], ['level'], ['generation'], ['topic']],
};

function time<T>(f: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = f();
  return { ms: performance.now() - start, value };
}

export function runDisclosureBenchmark(argv: string[]): void {
  const i = argv.indexOf('--people');
  const sizes = i >= 0 ? [Number(argv[i + 1])] : [200, 2_000, 20_000];
  const rows: string[][] = [
    [
      'people',
      'records',
      'cells',
      'leaves',
      'shown',
      'tabulate ms',
      'decide ms',
      'ratio',
      '5 snapshots, full ms',
      'ratio',
      'each period ms',
      'ratio',
      'newest of 5 ms',
      'newest of 50 ms',
      'ratio',
    ],
  ];
  decide(tabulate(records(200, 1), spec)); // warm up the compiler before timing
  for (const people of sizes) {
    const recs = records(people, 7);
    const t = time(() => tabulate(recs, spec));
    const d = time(() => decide(t.value));
    // Five snapshots, each adding a fifth of the people.
    const step = Math.ceil(people / 5);
    const periods = Array.from({ length: 5 }, (_, p) => records(step, 100 + p, p * step));
    const tables = periods.map((x) => tabulate(x, spec));
    // One set of cells shown throughout that every period passes on its own, so that each
    // check runs to its end rather than stopping at the first group it finds.
    const perPeriod = tables.map((table) => decide(table).shown);
    const shownAll = new Set([...(perPeriod[0] ?? [])].filter((key) => perPeriod.every((s) => s.has(key))));
    const shown = tables.map(() => [...shownAll]);
    const h = time(() => historyLeak(tables, shown));
    // Decision 077: each period against the cells shown at or after it (a snapshot that shows
    // a new cell), and the newest period alone (every other snapshot), after 5 and 50.
    const each = time(() => eachPeriodSafe(tables, shown));
    const newest = time(() => findLeak(tables[4] as (typeof tables)[number], shownAll, 5));
    const step50 = Math.ceil(people / 50);
    const last50 = tabulate(records(step50, 149, 49 * step50), spec);
    const shown50 = new Set([...decide(last50).shown].filter((key) => shownAll.has(key)));
    const newest50 = time(() => findLeak(last50, shown50, 5));
    if (h.value || !each.value || newest.value || newest50.value)
      throw new Error('a benchmark history leaks');
    rows.push([
      String(people),
      String(recs.length),
      String(t.value.cells.length),
      String(t.value.leafPeople.length),
      String(d.value.shown.size),
      t.ms.toFixed(1),
      d.ms.toFixed(1),
      (d.ms / t.ms).toFixed(1),
      h.ms.toFixed(1),
      (h.ms / t.ms).toFixed(1),
      each.ms.toFixed(1),
      (each.ms / t.ms).toFixed(1),
      newest.ms.toFixed(1),
      newest50.ms.toFixed(1),
      (newest50.ms / t.ms).toFixed(2),
    ]);
  }
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] as string).length))) ?? [];
  for (const r of rows)
    process.stdout.write(`${r.map((x, c) => x.padStart(widths[c] as number)).join('  ')}\n`);
}
