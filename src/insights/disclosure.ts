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

export type HiddenReason =
  /** Fewer distinct people than the minimum are in it (or nobody). */
  | 'too_few_people'
  /** It would let a smaller group be worked out by subtraction. */
  | 'protects_a_smaller_group';

export type Decision = { shown: true } | { shown: false; reason: HiddenReason };

export interface Decisions {
  get(key: string): Decision;
  shown: ReadonlySet<string>;
  /** False when a cell of `keep` could not stay shown (it no longer has enough people). */
  keptAll: boolean;
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
 * The first small group that the cells in `known` give away, or null. Checked: every cell,
 * every leaf, and the hidden parts of every split taken together; a group with nobody in it
 * gives nothing away.
 */
export function findLeak<R>(table: Table<R>, known: ReadonlySet<string>, k = minimumPeople): Leak | null {
  const candidates: Leak[] = [];
  const peopleOf = (leaves: Iterable<number>) => {
    const s = new Set<string>();
    for (const l of leaves) for (const p of table.leafPeople[l] as ReadonlySet<string>) s.add(p);
    return s.size;
  };
  for (const c of table.cells) {
    if (c.people.size === 0 || c.people.size >= k) continue;
    if (known.has(c.key)) return { what: `cell ${c.key}`, people: c.people.size, leaves: c.leaves };
    candidates.push({ what: `cell ${c.key}`, people: c.people.size, leaves: c.leaves });
  }
  table.leafPeople.forEach((people, leaf) => {
    if (people.size > 0 && people.size < k)
      candidates.push({ what: `leaf ${leaf}`, people: people.size, leaves: [leaf] });
  });
  for (const s of table.splits) {
    const hidden = s.parts.filter((p) => !known.has(p));
    if (hidden.length < 2) continue; // one hidden part is already a cell candidate
    const leaves = new Set(hidden.flatMap((p) => table.byKey.get(p)?.leaves ?? []));
    const people = peopleOf(leaves);
    if (people > 0 && people < k)
      candidates.push({
        what: `hidden parts of ${s.total}`,
        people,
        leaves: [...leaves].sort((a, b) => a - b),
      });
  }
  if (!candidates.length) return null;
  const basis = new Basis();
  for (const c of table.cells) if (known.has(c.key)) basis.add(indicator(c.leaves));
  return candidates.find((c) => basis.spans(indicator(c.leaves))) ?? null;
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

type SparseRow = Map<number, bigint>;

function indicator(leaves: readonly number[]): SparseRow {
  return new Map(leaves.map((l) => [l, 1n]));
}

/** Rows in echelon form with exact integer arithmetic; answers "is this vector a combination?". */
class Basis {
  private rows: { pivot: number; row: SparseRow }[] = [];

  add(v: SparseRow): void {
    const r = this.reduce(v);
    if (r.size === 0) return;
    this.rows.push({ pivot: Math.min(...r.keys()), row: r });
  }

  spans(v: SparseRow): boolean {
    return this.reduce(v).size === 0;
  }

  private reduce(v: SparseRow): SparseRow {
    let r = new Map(v);
    for (const { pivot, row } of this.rows) {
      const b = r.get(pivot);
      if (b === undefined) continue;
      const a = row.get(pivot) as bigint;
      // r := a*r - b*row, which clears the pivot; then divide out the common factor.
      const next: SparseRow = new Map();
      for (const [col, x] of r) next.set(col, a * x);
      for (const [col, y] of row) next.set(col, (next.get(col) ?? 0n) - b * y);
      let g = 0n;
      for (const [col, x] of next) {
        if (x === 0n) next.delete(col);
        else g = gcd(g, x < 0n ? -x : x);
      }
      if (g > 1n) for (const [col, x] of next) next.set(col, x / g);
      r = next;
    }
    return r;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}
