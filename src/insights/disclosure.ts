// Disclosure control: which cells of a table of aggregates over people may be shown.
// Pure (no database, no clock): every figure the product reports about people's answers
// goes through here. The rules are in docs/decisions/040-disclosure-control.md:
//   1. a shown cell covers at least `minimumPeople` distinct people;
//   2. complementary suppression: no hidden group of fewer people (a hidden cell, one
//      combination of records, or the hidden parts of a breakdown taken together) can be
//      worked out from the shown cells by any sum or difference;
//   3. over time, a table moves to a new snapshot only when the change since the last one
//      passes the same test (see `changeLeak`).
// Cells are described by the finest groups of records ("leaves", one per combination of
// every dimension's value); a cell is a set of leaves and its value the sum over them, so
// "can the hidden group be worked out" is "is its leaf vector in the span of the shown
// cells' vectors", decided with exact integer arithmetic.

/** No figure describes fewer distinct people than this (an organisation may ask for more). */
export const minimumPeople = 5;

/** Coordinates of a cell: the value of each dimension it is broken down by ({} is the total). */
export type Coords = Readonly<Record<string, string>>;

export interface TableSpec<R> {
  /** The person behind a record (a record is one or more answers of that person). */
  person: (record: R) => string;
  /** Each dimension a breakdown may use, as a function of the record. */
  dimensions: Readonly<Record<string, (record: R) => string>>;
  /**
   * The breakdowns reported, each a list of dimensions: [] is the total, ['department'] one
   * row per department, ['department', 'side'] a cross-table. List the margins of a cross-table
   * too if they are reported; anything not listed is never computed nor shown.
   */
  breakdowns: readonly (readonly string[])[];
}

export interface Cell<R> {
  key: string;
  coords: Coords;
  /** The dimensions this cell's breakdown uses, in the order of the spec. */
  breakdown: readonly string[];
  records: readonly R[];
  people: ReadonlySet<string>;
  /** Indices of the leaves (finest groups) that make up the cell. */
  leaves: readonly number[];
}

export interface Table<R> {
  cells: readonly Cell<R>[];
  byKey: ReadonlyMap<string, Cell<R>>;
  /** The distinct people in each leaf. */
  leafPeople: readonly ReadonlySet<string>[];
  /** Each cell that is broken down further: the parts that sum to it along one dimension. */
  splits: readonly Split[];
}

/** A cell broken down along one dimension: the total is the sum of the parts. */
export interface Split {
  total: string;
  dimension: string;
  parts: readonly string[];
}

/** A stable key for a cell: `all` for the total, else `dim=value` pairs in dimension order. */
export function cellKey(coords: Coords): string {
  const dims = Object.keys(coords).sort();
  if (!dims.length) return 'all';
  return dims.map((d) => `${encodeURIComponent(d)}=${encodeURIComponent(coords[d] as string)}`).join('&');
}

/** Groups records into the cells of every breakdown in `spec` (cells with no record are absent). */
export function tabulate<R>(records: readonly R[], spec: TableSpec<R>): Table<R> {
  const allDims = [...new Set(spec.breakdowns.flat())];
  for (const d of allDims) if (!spec.dimensions[d]) throw new Error(`unknown dimension ${d}`);
  const leafIndex = new Map<string, number>();
  const leafPeople: Set<string>[] = [];
  const cells = new Map<
    string,
    { coords: Coords; breakdown: string[]; records: R[]; people: Set<string>; leaves: Set<number> }
  >();
  for (const r of records) {
    const values = Object.fromEntries(allDims.map((d) => [d, (spec.dimensions[d] as (x: R) => string)(r)]));
    const leafKey = JSON.stringify(allDims.map((d) => values[d]));
    let leaf = leafIndex.get(leafKey);
    if (leaf === undefined) {
      leaf = leafPeople.length;
      leafIndex.set(leafKey, leaf);
      leafPeople.push(new Set());
    }
    const person = spec.person(r);
    (leafPeople[leaf] as Set<string>).add(person);
    for (const b of spec.breakdowns) {
      const coords = Object.fromEntries(b.map((d) => [d, values[d] as string]));
      const key = cellKey(coords);
      let c = cells.get(key);
      if (!c) {
        c = { coords, breakdown: [...b], records: [], people: new Set(), leaves: new Set() };
        cells.set(key, c);
      }
      c.records.push(r);
      c.people.add(person);
      c.leaves.add(leaf);
    }
  }
  const list: Cell<R>[] = [...cells].map(([key, c]) => ({
    key,
    ...c,
    leaves: [...c.leaves].sort((a, b) => a - b),
  }));
  const byKey = new Map(list.map((c) => [c.key, c]));
  // A cell of breakdown B splits into the cells of any listed breakdown B + one dimension.
  const listed = new Set(spec.breakdowns.map((b) => [...b].sort().join('\u0000')));
  const splits = new Map<string, { total: string; dimension: string; parts: string[] }>();
  for (const c of list) {
    for (const d of c.breakdown) {
      const parentDims = c.breakdown.filter((x) => x !== d);
      if (!listed.has([...parentDims].sort().join('\u0000'))) continue;
      const parent = cellKey(Object.fromEntries(parentDims.map((x) => [x, c.coords[x] as string])));
      const id = `${parent}\u0000${d}`;
      const s = splits.get(id) ?? { total: parent, dimension: d, parts: [] };
      s.parts.push(c.key);
      splits.set(id, s);
    }
  }
  return { cells: list, byKey, leafPeople, splits: [...splits.values()] };
}

/**
 * Why a cell is hidden: fewer distinct people than the minimum are in it (or nobody), or it
 * would let a smaller group be worked out by subtraction.
 */
export const hiddenReasons = ['too_few_people', 'protects_a_smaller_group'] as const;
export type HiddenReason = (typeof hiddenReasons)[number];

export type Decision = { shown: true } | { shown: false; reason: HiddenReason };

export interface Decisions {
  get(key: string): Decision;
  shown: ReadonlySet<string>;
  /** False when a cell of `keep` could not stay shown (it no longer has enough people). */
  keptAll: boolean;
}

/**
 * The rows of one breakdown (e.g. ['department']) with what may be shown of each, in the
 * order of their values: what a report table or chart draws. Values with no records are absent.
 */
export function breakdownRows<R>(
  table: Table<R>,
  decisions: Decisions,
  breakdown: readonly string[],
): { coords: Coords; cell: Cell<R>; decision: Decision }[] {
  const same = (b: readonly string[]) =>
    b.length === breakdown.length && b.every((d) => breakdown.includes(d));
  return table.cells
    .filter((c) => same(c.breakdown))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((cell) => ({ coords: cell.coords, cell, decision: decisions.get(cell.key) }));
}

/** A group that can be worked out from what is shown, though it covers too few people. */
export interface Leak {
  /** What the group is: a cell, one leaf, or the hidden parts of a split. */
  what: string;
  people: number;
  leaves: readonly number[];
}

/**
 * Decides which cells to show: the minimum number of people, then complementary suppression
 * until no small group can be worked out. Cells in `keep` (those already published) stay
 * shown when they still have enough people; other cells are hidden first, fewest people first.
 */
export function decide<R>(
  table: Table<R>,
  options: { minimumPeople?: number; keep?: Iterable<string> } = {},
): Decisions {
  const k = Math.max(minimumPeople, options.minimumPeople ?? minimumPeople);
  const keep = new Set(options.keep ?? []);
  const reasons = new Map<string, HiddenReason>();
  let keptAll = true;
  for (const c of table.cells) if (c.people.size < k) reasons.set(c.key, 'too_few_people');
  for (const key of keep) if (reasons.has(key) || !table.byKey.has(key)) keptAll = false;
  const shownKeys = () => new Set(table.cells.filter((c) => !reasons.has(c.key)).map((c) => c.key));
  for (;;) {
    const shown = shownKeys();
    const leak = findLeak(table, shown, k);
    if (!leak) break;
    const next = complementFor(table, leak, shown, keep) ?? complementFor(table, leak, shown, new Set());
    if (!next) throw new Error('disclosure: a leak with nothing left to hide'); // cannot happen: all hidden is safe
    if (keep.has(next)) keptAll = false;
    reasons.set(next, 'protects_a_smaller_group');
  }
  const shown = shownKeys();
  return {
    shown,
    keptAll,
    get: (key) => {
      const reason = reasons.get(key);
      if (reason) return { shown: false, reason };
      return shown.has(key) ? { shown: true } : { shown: false, reason: 'too_few_people' };
    },
  };
}

/**
 * The first small group that the cells in `known` give away, or null. A cell is *determined*
 * when its value follows from the known ones (it is known, or a sum and difference of them).
 * Checked: every determined cell of fewer people; the undetermined parts of every split taken
 * together; each row of the reduced echelon form of the known cells that is the plain sum of
 * a group (this covers every single leaf: a leaf is determined exactly when such a row is that
 * leaf alone); and what is left of a determined cell once a determined cell inside
 * it is taken away. A group with nobody in it gives nothing away.
 */
export function findLeak<R>(table: Table<R>, known: ReadonlySet<string>, k = minimumPeople): Leak | null {
  try {
    return leakOf(table, known, k);
  } catch (e) {
    if (!(e instanceof TooLargeToCheck)) throw e;
    // Fail closed: treat everything as given away, so that one more cell is hidden.
    const leaves = table.leafPeople.map((_, l) => l);
    return { what: 'a table too large to check exactly', people: 0, leaves };
  }
}

function leakOf<R>(table: Table<R>, known: ReadonlySet<string>, k: number): Leak | null {
  const small = (n: number) => n > 0 && n < k;
  for (const c of table.cells)
    if (known.has(c.key) && small(c.people.size))
      return { what: `cell ${c.key}`, people: c.people.size, leaves: c.leaves };
  const width = table.leafPeople.length;
  const basis = new Basis();
  for (const c of table.cells) if (known.has(c.key)) basis.add(indicator(c.leaves, width));
  const spanned = (leaves: readonly number[]) => basis.spans(indicator(leaves, width));
  const peopleOf = (leaves: Iterable<number>) => {
    const s = new Set<string>();
    for (const l of leaves) for (const p of table.leafPeople[l] as ReadonlySet<string>) s.add(p);
    return s.size;
  };
  const determined = table.cells.filter((c) => known.has(c.key) || spanned(c.leaves));
  const isDetermined = new Set(determined.map((c) => c.key));
  for (const c of determined)
    if (small(c.people.size)) return { what: `cell ${c.key}`, people: c.people.size, leaves: c.leaves };
  for (const s of table.splits) {
    const open = s.parts.filter((p) => !isDetermined.has(p));
    if (open.length < 2) continue; // a single one is a cell, checked above
    const leaves = [...new Set(open.flatMap((p) => table.byKey.get(p)?.leaves ?? []))].sort((a, b) => a - b);
    const people = peopleOf(leaves);
    if (small(people) && spanned(leaves)) return { what: `the rest of ${s.total}`, people, leaves };
  }
  // The reduced echelon rows of what is known, with the leaves in order and reversed (in a
  // history, earlier periods first and last): a row that is one group's sum is determined.
  const knownRows = table.cells.filter((c) => known.has(c.key)).map((c) => indicator(c.leaves, width));
  for (const order of [1, -1] as const)
    for (const row of reducedEchelon(knownRows, order)) {
      const leaves: number[] = [];
      for (let l = 0; l < width; l++) if (row[l] !== 0) leaves.push(l);
      if (!leaves.every((l) => row[l] === row[leaves[0] as number])) continue;
      const people = peopleOf(leaves);
      if (small(people)) return { what: 'a combination of shown cells', people, leaves };
    }
  // A determined cell minus a determined cell inside it is determined as well.
  for (const a of determined) {
    const inA = new Set(a.leaves);
    for (const b of determined) {
      // People outside B are a lower bound on the people left: skip what cannot be small.
      if (a.people.size - b.people.size >= k || b.leaves.length >= a.leaves.length) continue;
      if (!b.leaves.every((l) => inA.has(l))) continue;
      const inB = new Set(b.leaves);
      const rest = a.leaves.filter((l) => !inB.has(l));
      const people = peopleOf(rest);
      if (small(people)) return { what: `${a.key} without ${b.key}`, people, leaves: rest };
    }
  }
  return null;
}

/**
 * The small group that a whole history of published snapshots gives away, or null.
 * `periods[p]` tabulates only the records added between snapshot p-1 and snapshot p (same
 * spec each time); `shown[t]` is what snapshot t showed, its figures covering periods 0..t.
 * Someone who kept every snapshot knows each shown cell at each time, so can subtract one
 * snapshot from another: the check runs over the records of every period at once, and a
 * period's change in any cell, leaf or split is a group like any other.
 */
export function historyLeak<R>(
  periods: readonly Table<R>[],
  shown: readonly Iterable<string>[],
  k = minimumPeople,
): Leak | null {
  if (shown.length !== periods.length) throw new Error('one shown set per period');
  const cells: Cell<R>[] = [];
  const leafPeople: ReadonlySet<string>[] = [];
  const splits: Split[] = [];
  const known = new Set<string>();
  // Running union of every period so far, per cell key and per split.
  const sofar = new Map<
    string,
    { coords: Coords; breakdown: readonly string[]; people: Set<string>; leaves: number[] }
  >();
  const sofarSplits = new Map<string, { total: string; dimension: string; parts: Set<string> }>();
  periods.forEach((table, p) => {
    const offset = leafPeople.length;
    leafPeople.push(...table.leafPeople);
    for (const c of table.cells) {
      const leaves = c.leaves.map((l) => l + offset);
      cells.push({ ...c, key: `change ${p} ${c.key}`, leaves });
      const acc = sofar.get(c.key) ?? {
        coords: c.coords,
        breakdown: c.breakdown,
        people: new Set(),
        leaves: [],
      };
      for (const person of c.people) acc.people.add(person);
      acc.leaves.push(...leaves);
      sofar.set(c.key, acc);
    }
    for (const s of table.splits) {
      splits.push({ ...s, total: `change ${p} ${s.total}`, parts: s.parts.map((x) => `change ${p} ${x}`) });
      const id = `${s.total}\u0000${s.dimension}`;
      const acc = sofarSplits.get(id) ?? { total: s.total, dimension: s.dimension, parts: new Set() };
      for (const x of s.parts) acc.parts.add(x);
      sofarSplits.set(id, acc);
    }
    const snapshot = `snapshot ${p}`;
    for (const [key, c] of sofar)
      cells.push({ key: `${snapshot} ${key}`, records: [], ...c, leaves: [...c.leaves] });
    for (const s of sofarSplits.values())
      splits.push({
        total: `${snapshot} ${s.total}`,
        dimension: s.dimension,
        parts: [...s.parts].map((x) => `${snapshot} ${x}`),
      });
    for (const key of shown[p] as Iterable<string>) known.add(`${snapshot} ${key}`);
  });
  const history: Table<R> = { cells, byKey: new Map(cells.map((c) => [c.key, c])), leafPeople, splits };
  return findLeak(history, known, Math.max(minimumPeople, k));
}

/**
 * The rule of decision 077: each period, on its own, gives nothing away against every cell
 * shown in a snapshot at or after it (`shown[t]` is snapshot t's, covering periods 0..t).
 * What all snapshots together tell lies in the sum over periods of what those cells tell
 * about each period, and a group of fewer people has fewer people in each period it touches.
 */
export function eachPeriodSafe<R>(
  periods: readonly Table<R>[],
  shown: readonly (readonly string[])[],
  k = minimumPeople,
  /** Which periods to check (all unless told): those whose cells shown after them changed. */
  check: (period: number) => boolean = () => true,
): boolean {
  const after = new Set<string>();
  for (let p = periods.length - 1; p >= 0; p--) {
    for (const key of shown[p] ?? []) after.add(key);
    if (check(p) && findLeak(periods[p] as Table<R>, after, k)) return false;
  }
  return true;
}

/**
 * The shown cell to hide next: one that overlaps the leaked group or sits in a split beside
 * a cell that does (a sibling or the total), fewest people first, then the finer breakdown.
 */
function complementFor<R>(
  table: Table<R>,
  leak: Leak,
  shown: ReadonlySet<string>,
  keep: ReadonlySet<string>,
): string | null {
  const leaked = new Set(leak.leaves);
  const overlaps = (key: string) => table.byKey.get(key)?.leaves.some((l) => leaked.has(l)) ?? false;
  const near = new Set(table.cells.filter((c) => overlaps(c.key)).map((c) => c.key));
  for (const s of table.splits) {
    const members = [s.total, ...s.parts];
    if (members.some(overlaps)) for (const m of members) near.add(m);
  }
  const options = table.cells.filter((c) => shown.has(c.key) && !keep.has(c.key) && near.has(c.key));
  options.sort(
    (a, b) =>
      a.people.size - b.people.size ||
      b.breakdown.length - a.breakdown.length ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return options[0]?.key ?? null;
}

/** Integer entries, one per leaf; integers stay exact in doubles, checked as they grow. */
type Row = Float64Array;

function indicator(leaves: readonly number[], width: number): Row {
  const row = new Float64Array(width);
  for (const l of leaves) row[l] = 1;
  return row;
}

const firstNonZero = (row: Row) => row.findIndex((x) => x !== 0);

/** Rows in echelon form with exact integer arithmetic; answers "is this vector a combination?". */
class Basis {
  private rows: { pivot: number; row: Row }[] = [];

  add(v: Row): void {
    const r = this.reduce(v);
    const pivot = firstNonZero(r);
    if (pivot >= 0) this.rows.push({ pivot, row: r });
  }

  spans(v: Row): boolean {
    return firstNonZero(this.reduce(v)) < 0;
  }

  private reduce(v: Row): Row {
    const r = Float64Array.from(v);
    for (const { pivot, row } of this.rows) eliminate(r, row, pivot);
    return r;
  }
}

/** Gauss-Jordan over the columns in ascending (`order` 1) or descending (-1) order, exactly. */
function reducedEchelon(input: readonly Row[], order: 1 | -1): Row[] {
  const rows = input.map((r) => Float64Array.from(r));
  const width = rows[0]?.length ?? 0;
  const pivots: Row[] = [];
  for (let i = 0; i < width && rows.length; i++) {
    const col = order === 1 ? i : width - 1 - i;
    const at = rows.findIndex((r) => r[col] !== 0);
    if (at < 0) continue;
    const [pivot] = rows.splice(at, 1) as [Row];
    for (const other of rows) eliminate(other, pivot, col);
    for (const other of pivots) eliminate(other, pivot, col);
    pivots.push(pivot);
  }
  return pivots;
}

/** Elimination produced integers too large to stay exact: the check fails closed. */
export class TooLargeToCheck extends Error {}

/** Entries stay below this, so every product and sum below stays exact in a double. */
const exactLimit = 2 ** 26;

/** row := a*row - b*pivot (a, b their entries at `col`), in place, divided by its common factor. */
function eliminate(row: Row, pivot: Row, col: number): void {
  const b = row[col] as number;
  if (b === 0) return;
  const a = pivot[col] as number;
  let largest = 0;
  for (let c = 0; c < row.length; c++) {
    const x = a * (row[c] as number) - b * (pivot[c] as number);
    row[c] = x;
    if (x !== 0) largest = Math.max(largest, Math.abs(x));
  }
  if (largest >= exactLimit) throw new TooLargeToCheck('disclosure check: integers too large to stay exact');
  if (largest <= 1) return;
  let g = 0;
  for (const x of row) {
    if (x === 0) continue;
    g = gcd(g, Math.abs(x));
    if (g === 1) return;
  }
  for (let c = 0; c < row.length; c++) row[c] = (row[c] as number) / g;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
