// Published snapshots of a table of aggregates (docs/decisions/040-disclosure-control.md).
// A read returns the latest snapshot; it moves on to a new one only when the disclosure
// check passes over every snapshot published so far, so that nobody can subtract one read
// from another to learn a small group's answers. The snapshots live in `published_figures`.
import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../db/client.js';
import { auditLog, publishedFigures } from '../db/schema.js';
import {
  type Coords,
  cellKey,
  decide,
  eachPeriodSafe,
  findLeak,
  type HiddenReason,
  type Table,
  type TableSpec,
  tabulate,
} from './disclosure.js';

/**
 * Answers younger than this wait for a later read: an insert still in flight when a snapshot
 * is cut could otherwise commit behind its cutoff and move a figure unseen by the check.
 */
export const settleMs = 60_000;

/**
 * The period of a row as SQL, for a source's `load`: how many cutoffs come strictly before its
 * time `at` (cutoffs ascending). width_bucket counts the cutoffs at or before its operand, and
 * timestamps are whole microseconds, so one microsecond earlier makes the count strict.
 */
export function periodOf(cutoffs: readonly Date[], at: SQL): SQL {
  const list = `{${cutoffs.map((c) => c.toISOString()).join(',')}}`;
  return sql`width_bucket(${at} - interval '1 microsecond', ${list}::timestamptz[])`;
}

/**
 * A source's `load` condition for `activeSince`: only people (`person`) among those that
 * `rows` (a select of one column over the source's table) lists with a row after that time.
 * The rows are those of the table named in `rows`, filtered here by `created_at`.
 */
export function activeSince(
  person: SQL,
  rows: SQL,
  cutoffs: readonly Date[],
  options?: { activeSince?: Date },
): SQL {
  if (!options?.activeSince) return sql``;
  return sql`and ${person} in (${rows} and created_at > ${options.activeSince.toISOString()}::timestamptz
    and created_at <= ${lastCutoff(cutoffs)}::timestamptz)`;
}

/** The last cutoff, the time a source's `load` reads up to (inclusive). */
export const lastCutoff = (cutoffs: readonly Date[]) => (cutoffs.at(-1) as Date).toISOString();

/**
 * Figures made of sums (decision 076): `of` sums a cell's records, `add` adds two sums, and
 * `figures` turns a sum into what is shown. Each snapshot keeps every cell's sum, so the next
 * one adds only the records that came after it instead of reloading the whole history.
 */
export interface Totals<R, T, F> {
  of(records: readonly R[]): T;
  add(a: T, b: T): T;
  figures(totals: T): F;
}

/** Totals that are plain sums of some of a record's numeric fields. */
export function sumsOf<R, K extends keyof R & string, F>(
  fields: readonly K[],
  figures: (totals: Record<K, number>) => F,
): Totals<R, Record<K, number>, F> {
  const zero = () => Object.fromEntries(fields.map((f) => [f, 0])) as Record<K, number>;
  return {
    of: (records) => {
      const t = zero();
      for (const r of records) for (const f of fields) t[f] += Number(r[f]);
      return t;
    },
    add: (a, b) => {
      const t = zero();
      for (const f of fields) t[f] = a[f] + b[f];
      return t;
    },
    figures,
  };
}

export interface FigureSource<R, F, T = unknown> {
  /** Names the table among a programme's published tables. */
  figure: string;
  spec: TableSpec<R>;
  /**
   * The records up to the last cutoff, each with its period: 0 for those up to cutoffs[0],
   * p for those in (cutoffs[p-1], cutoffs[p]]. A record is one person's answers in one leaf.
   * With `activeSince`, a source may return only the records of people who have one after
   * that time (all their records, so that each is counted once); returning more is harmless.
   */
  load(
    db: Queryable,
    cutoffs: readonly Date[],
    options?: { activeSince?: Date },
  ): Promise<{ period: number; record: R }[]>;
  /** The figures of one shown cell, from its records. */
  figures(records: readonly R[]): F;
  /** When the figures are made of sums: snapshots then add only the newest period. */
  totals?: Totals<R, T, F>;
  /**
   * Cells to keep shown when suppression must choose (a report's headline): another cell is
   * hidden in their place wherever one will do.
   */
  prefer?: readonly Coords[];
}

/** A source whose figures are a function of its totals. */
export function summedSource<R, F, T>(
  source: Omit<FigureSource<R, F, T>, 'figures' | 'totals'> & { totals: Totals<R, T, F> },
): FigureSource<R, F, T> {
  const { totals } = source;
  return { ...source, figures: (records) => totals.figures(totals.of(records)) };
}

export type PublishedCell<F> =
  | { shown: true; people: number; figures: F }
  | { shown: false; reason: HiddenReason };

export interface PublishedTable<F> {
  /** The time the figures run to (null before anything was published). */
  asOf: string | null;
  minimumPeople: number;
  /** Newer answers are waiting: adding them now would let someone's answers be worked out. */
  waiting: boolean;
  /** One cell of the table; a cell with no answers at all is hidden for too few people. */
  cell(coords: Coords): PublishedCell<F>;
  /** The values of a dimension that have a cell (shown or hidden), sorted. */
  values(dimension: string): string[];
}

type StoredCell<F> = PublishedCell<F> & { coords: Coords };

/** A cell's running state: its distinct people and its totals up to a snapshot's cutoff. */
type Running<T> = Record<string, { coords: Coords; people: number; totals: T }>;

type SnapshotRow = typeof publishedFigures.$inferSelect;

type Next<F, T> =
  | 'unchanged'
  | 'unsafe'
  | 'restart'
  | { shown: string[]; cells: Record<string, StoredCell<F>>; running: Running<T> };

/**
 * The latest safe snapshot of `source` for a programme, publishing a newer one first when the
 * answers since the last allow it. Runs in one transaction that locks the table's history.
 */
export async function readPublished<R, F, T>(
  db: Db,
  scope: { orgId: string; programmeId: string },
  source: FigureSource<R, F, T>,
  options: { minimumPeople: number; now?: Date },
): Promise<PublishedTable<F>> {
  const k = options.minimumPeople;
  const upTo = new Date((options.now ?? new Date()).getTime() - settleMs);
  const where = and(
    eq(publishedFigures.orgId, scope.orgId),
    eq(publishedFigures.programmeId, scope.programmeId),
    eq(publishedFigures.figure, source.figure),
  );
  const result = await db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(publishedFigures)
      .where(where)
      .orderBy(asc(publishedFigures.seq))
      .for('update');
    const last = rows.at(-1);
    if (last && last.cutoff >= upTo) return { row: last, waiting: false };
    // A history runs while the minimum stays the same; another minimum starts a new one.
    const sameRules = last?.minimumPeople === k;
    let epoch = last ? last.epoch + (sameRules ? 0 : 1) : 0;
    const history = last && sameRules ? rows.filter((r) => r.epoch === epoch) : [];
    const erased =
      history.length > 0 && (await peopleErasedSince(tx, scope.orgId, history.at(-1) as SnapshotRow));
    let next = await advance(tx, source, history, upTo, k, erased);
    if (next === 'restart') {
      // The history no longer matches the data (answers were erased): it starts again.
      epoch += 1;
      next = await advance(tx, source, [], upTo, k, false);
    }
    if (next === 'unchanged' || next === 'restart') return { row: last, waiting: false };
    if (next === 'unsafe') return { row: last, waiting: true };
    const [row] = await tx
      .insert(publishedFigures)
      .values({
        orgId: scope.orgId,
        programmeId: scope.programmeId,
        figure: source.figure,
        seq: (last?.seq ?? -1) + 1,
        epoch,
        cutoff: upTo,
        minimumPeople: k,
        shown: next.shown,
        cells: next.cells,
        running: next.running,
      })
      .onConflictDoNothing()
      .returning();
    // Lost a race to publish the very first snapshot: the other one stands.
    if (!row)
      return {
        row: (await tx.select().from(publishedFigures).where(where).orderBy(asc(publishedFigures.seq))).at(
          -1,
        ),
        waiting: false,
      };
    return { row, waiting: false };
  });
  const row = result.row;
  const cells = (row?.cells ?? {}) as Record<string, StoredCell<F>>;
  return {
    asOf: row?.cutoff.toISOString() ?? null,
    minimumPeople: row?.minimumPeople ?? k,
    waiting: result.waiting,
    cell: (coords) => {
      const c = cells[cellKey(coords)];
      if (!c) return { shown: false, reason: 'too_few_people' };
      const { coords: _, ...cell } = c;
      return cell as PublishedCell<F>;
    },
    values: (dimension) =>
      [
        ...new Set(
          Object.values(cells).flatMap((c) => (dimension in c.coords ? [c.coords[dimension] as string] : [])),
        ),
      ].sort(),
  };
}

/**
 * Whether someone in the organisation was erased since a snapshot was cut: their answers are
 * gone from the data but still inside the kept totals, so the history is checked in full.
 */
async function peopleErasedSince(db: Queryable, orgId: string, last: SnapshotRow): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(
      and(eq(auditLog.orgId, orgId), eq(auditLog.action, 'person.deleted'), gt(auditLog.at, last.cutoff)),
    );
  return Number(row?.n ?? 0) > 0;
}

/**
 * A new snapshot after `history` (same epoch), or why there is none. Decision 077: every
 * period between cutoffs passes the check on its own against every cell shown at or after it,
 * so a snapshot that shows no cell beyond the last one's needs only the newest period's
 * records; one that shows more is checked against every period of the epoch.
 */
async function advance<R, F, T>(
  db: Queryable,
  source: FigureSource<R, F, T>,
  history: SnapshotRow[],
  upTo: Date,
  k: number,
  erased: boolean,
): Promise<Next<F, T>> {
  const { spec, totals } = source;
  const last = history.at(-1);
  const cutoffs = [...history.map((r) => r.cutoff), upTo];
  const n = cutoffs.length;
  if (!last) {
    // The first snapshot of an epoch: one period holding every record.
    const table = tabulate(
      (await source.load(db, cutoffs)).map((x) => x.record),
      spec,
    );
    const preferred = (source.prefer ?? []).map(cellKey).filter((key) => table.byKey.has(key));
    const chosen = decide(table, { minimumPeople: k, keep: preferred });
    return snapshot(source, chosen.shown, totals ? runningOf(table, totals) : {}, k, table);
  }
  const layout = new Set(last.shown);
  // A history cut before decision 077 keeps no running state; it is checked in full once.
  const stored = last.running as Running<T> | null;
  // With totals kept, only the people who answered since the last snapshot are read.
  const incremental = !!totals && !!stored && !erased;
  const loaded = await source.load(db, cutoffs, incremental ? { activeSince: last.cutoff } : {});
  const fresh = loaded.filter((x) => x.period === n - 1).map((x) => x.record);
  if (!fresh.length && !erased) return 'unchanged';
  if (totals && stored && incremental) {
    const change = tabulate(fresh, spec);
    const earlier = tabulate(
      loaded.filter((x) => x.period < n - 1).map((x) => x.record),
      spec,
    );
    const running = addPeriod(stored, change, earlier, totals);
    // More could be shown only once a hidden cell reaches the minimum.
    const wider = Object.keys(running).filter((key) => !layout.has(key) && (running[key]?.people ?? 0) >= k);
    const crossed = wider.some((key) => (stored[key]?.people ?? 0) < k);
    if (!crossed && !findLeak(change, layout, k))
      return layout.size ? snapshot(source, layout, running, k) : 'unchanged';
    // Every cell that may be shown beside the last ones has its first records in this period
    // (a new month): choosing over every record starts from these same cells, and of all the
    // periods only this one has records in them, so it is the only one to check (077). When
    // it passes, the cells chosen over every record would be these; when not, read them all.
    if (crossed && wider.every((key) => !stored[key])) {
      const shown = new Set([...layout, ...wider]);
      if (!findLeak(change, shown, k)) return snapshot(source, shown, running, k);
    }
  }
  // Every record of the epoch, by period: to choose the cells afresh.
  const all = incremental ? await source.load(db, cutoffs) : loaded;
  const byPeriod = Array.from({ length: n }, () => [] as R[]);
  for (const { period, record } of all) byPeriod[period]?.push(record);
  const periods = byPeriod.map((records) => tabulate(records, spec));
  const shownBefore = history.map((r) => r.shown);
  if (!matches(source, last, tabulate(byPeriod.slice(0, -1).flat(), spec))) return 'restart';
  if (!stored && !eachPeriodSafe(periods.slice(0, -1), shownBefore, k)) return 'restart';
  if (!(periods[n - 1] as Table<R>).cells.length) return 'unchanged';
  const table = tabulate(byPeriod.flat(), spec);
  const preferred = (source.prefer ?? []).map(cellKey).filter((key) => table.byKey.has(key));
  const kept = decide(table, { minimumPeople: k, keep: [...layout, ...preferred] });
  // Tried in turn, the last one only if needed: it decides the whole table again.
  const candidates = [() => kept.shown, () => layout, () => decide(table, { minimumPeople: k }).shown];
  const passes = (shown: ReadonlySet<string>) =>
    [...shown].every((key) => layout.has(key))
      ? !findLeak(periods[n - 1] as Table<R>, shown, k)
      : eachPeriodSafe(
          periods,
          [...shownBefore, [...shown]],
          k,
          (p) =>
            // A period where no newly shown cell has records already passed with what it has.
            p === n - 1 ||
            !stored ||
            [...shown].some((key) => !layout.has(key) && periods[p]?.byKey.has(key)),
        );
  let chosen: ReadonlySet<string> | undefined;
  for (const candidate of candidates) {
    const shown = candidate();
    if (passes(shown)) {
      chosen = shown;
      break;
    }
  }
  if (!chosen) return 'unsafe';
  // Nothing shown before or now: no need to start another period.
  if (!chosen.size && !layout.size) return 'unchanged';
  return snapshot(source, chosen, totals ? runningOf(table, totals) : {}, k, table);
}

/** The running state of every cell of a table. */
function runningOf<R, F, T>(table: Table<R>, totals: Totals<R, T, F>): Running<T> {
  const running: Running<T> = {};
  for (const c of table.cells)
    running[c.key] = { coords: c.coords, people: c.people.size, totals: totals.of(c.records) };
  return running;
}

/**
 * The running state after one more period: its totals added to each cell, and its people
 * counted where they had no record in that cell before (`earlier` holds their older records).
 */
function addPeriod<R, F, T>(
  stored: Running<T>,
  change: Table<R>,
  earlier: Table<R>,
  totals: Totals<R, T, F>,
): Running<T> {
  const running: Running<T> = { ...stored };
  for (const c of change.cells) {
    const seen = earlier.byKey.get(c.key)?.people;
    let added = 0;
    for (const p of c.people) if (!seen?.has(p)) added++;
    const before = stored[c.key];
    const sum = totals.of(c.records);
    running[c.key] = before
      ? { coords: c.coords, people: before.people + added, totals: totals.add(before.totals, sum) }
      : { coords: c.coords, people: added, totals: sum };
  }
  return running;
}

/** Whether the data up to the last cutoff still gives the figures that snapshot showed. */
function matches<R, F, T>(source: FigureSource<R, F, T>, last: SnapshotRow, before: Table<R>): boolean {
  const cells = last.cells as Record<string, StoredCell<F>>;
  return last.shown.every((key) => {
    const c = before.byKey.get(key);
    const shown = cells[key];
    return (
      !!c &&
      !!shown?.shown &&
      shown.people === c.people.size &&
      canonical(shown.figures) === canonical(source.figures(c.records))
    );
  });
}

/** JSON with keys in one order: jsonb keeps its own order of keys, not the one written. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object')
    return `{${Object.keys(x)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((x as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(x);
}

/** The stored snapshot: the layout's cells with their figures, every other cell hidden and why. */
function snapshot<R, F, T>(
  source: FigureSource<R, F, T>,
  shown: ReadonlySet<string>,
  running: Running<T>,
  k: number,
  table?: Table<R>,
): Next<F, T> {
  const cells: Record<string, StoredCell<F>> = {};
  const hidden = (people: number): HiddenReason =>
    people < k ? 'too_few_people' : 'protects_a_smaller_group';
  if (source.totals && running) {
    for (const [key, c] of Object.entries(running))
      cells[key] = shown.has(key)
        ? { coords: c.coords, shown: true, people: c.people, figures: source.totals.figures(c.totals) }
        : { coords: c.coords, shown: false, reason: hidden(c.people) };
  } else if (table) {
    for (const c of table.cells)
      cells[c.key] = shown.has(c.key)
        ? { coords: c.coords, shown: true, people: c.people.size, figures: source.figures(c.records) }
        : { coords: c.coords, shown: false, reason: hidden(c.people.size) };
  }
  return { shown: [...shown].sort(), cells, running };
}
