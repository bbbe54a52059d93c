// Published snapshots of a table of aggregates (docs/decisions/040-disclosure-control.md).
// A read returns the latest snapshot; it moves on to a new one only when the disclosure
// check passes over every snapshot published so far, so that nobody can subtract one read
// from another to learn a small group's answers. The snapshots live in `published_figures`.
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db, Queryable } from '../db/client.js';
import { publishedFigures } from '../db/schema.js';
import {
  type Coords,
  cellKey,
  decide,
  type HiddenReason,
  historyLeak,
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

/** The last cutoff, the time a source's `load` reads up to (inclusive). */
export const lastCutoff = (cutoffs: readonly Date[]) => (cutoffs.at(-1) as Date).toISOString();

export interface FigureSource<R, F> {
  /** Names the table among a programme's published tables. */
  figure: string;
  spec: TableSpec<R>;
  /**
   * The records up to the last cutoff, each with its period: 0 for those up to cutoffs[0],
   * p for those in (cutoffs[p-1], cutoffs[p]]. A record is one person's answers in one leaf.
   */
  load(db: Queryable, cutoffs: readonly Date[]): Promise<{ period: number; record: R }[]>;
  /** The figures of one shown cell, from its records. */
  figures(records: readonly R[]): F;
  /**
   * Cells to keep shown when suppression must choose (a report's headline): another cell is
   * hidden in their place wherever one will do.
   */
  prefer?: readonly Coords[];
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

type SnapshotRow = typeof publishedFigures.$inferSelect;

/**
 * The latest safe snapshot of `source` for a programme, publishing a newer one first when the
 * answers since the last allow it. Runs in one transaction that locks the table's history.
 */
export async function readPublished<R, F>(
  db: Db,
  scope: { orgId: string; programmeId: string },
  source: FigureSource<R, F>,
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
    let next = await advance(
      tx,
      source,
      last && sameRules ? rows.filter((r) => r.epoch === epoch) : [],
      upTo,
      k,
    );
    if (next === 'restart') {
      // The history no longer matches the data (answers were erased): it starts again.
      epoch += 1;
      next = await advance(tx, source, [], upTo, k);
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

/** A new snapshot after `history` (same epoch), or why there is none. */
async function advance<R, F>(
  db: Queryable,
  source: FigureSource<R, F>,
  history: SnapshotRow[],
  upTo: Date,
  k: number,
): Promise<
  'unchanged' | 'unsafe' | 'restart' | { shown: string[]; cells: Record<string, PublishedCell<F>> }
> {
  const cutoffs = [...history.map((r) => r.cutoff), upTo];
  const loaded = await source.load(db, cutoffs);
  const n = cutoffs.length;
  if (history.length && !loaded.some((x) => x.period === n - 1)) return 'unchanged';
  const byPeriod = Array.from({ length: n }, () => [] as R[]);
  for (const { period, record } of loaded) byPeriod[period]?.push(record);
  const periods = byPeriod.map((records) => tabulate(records, source.spec));
  const shownBefore = history.map((r) => r.shown);
  if (history.length && historyLeak(periods.slice(0, -1), shownBefore, k)) return 'restart';
  const table = tabulate(byPeriod.flat(), source.spec);
  const preferred = (source.prefer ?? []).map(cellKey).filter((key) => table.byKey.has(key));
  const kept = decide(table, { minimumPeople: k, keep: [...(history.at(-1)?.shown ?? []), ...preferred] });
  const candidates = kept.keptAll ? [kept] : [kept, decide(table, { minimumPeople: k })];
  const chosen = candidates.find((d) => !historyLeak(periods, [...shownBefore, [...d.shown]], k));
  if (!chosen) return 'unsafe';
  // Nothing shown before or now: no need to start another period.
  if (history.length && !chosen.shown.size && !history.at(-1)?.shown.length) return 'unchanged';
  const cells: Record<string, StoredCell<F>> = {};
  for (const c of table.cells) {
    const d = chosen.get(c.key);
    cells[c.key] = d.shown
      ? { coords: c.coords, shown: true, people: c.people.size, figures: source.figures(c.records) }
      : { coords: c.coords, shown: false, reason: d.reason };
  }
  return { shown: [...chosen.shown].sort(), cells };
}
