// The count beside a page of a long list. Counting every match costs as much as reading them all
// (about 48 ms for 100,000 people on PostgreSQL, several times that on PGlite), so by default a page
// counts only up to a horizon past itself; `count=exact` asks for the whole figure.
import { count, type SQL, sql } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Queryable } from './client.js';

/** How far past a page the default count looks. */
export const countHorizon = 1_000;

/** The `count` query parameter of a paged list. */
export const countParam = z
  .enum(['exact', 'capped'])
  .default('capped')
  .describe(
    `capped (default) counts at most ${countHorizon.toLocaleString('en')} matches past the page; exact counts them all`,
  );
/** How a page counts its matches: up to a horizon (capped) or all of them (exact). */
export type CountMode = z.infer<typeof countParam>;

export interface CountedTotal {
  /** The number of matches, or a lower bound when totalExact is false. */
  total: number;
  /** false when there are more than `total` matches. */
  totalExact: boolean;
}

type Page = { offset: number; limit: number; count: CountMode };

/** How many matches a page's count looks at: null for all of them. */
export const capOf = (page: Page) =>
  page.count === 'exact' ? null : page.offset + page.limit + countHorizon;

/** `matching` as far as a page's count looks: up to its cap and one more, or all of it. */
export function capped<T extends PgSelect>(matching: T, page: Page): T {
  const cap = capOf(page);
  return cap === null ? matching : (matching.limit(cap + 1) as T);
}

/** The total a page reports from `counted`, the matches counted up to its cap (and one more). */
export function totalOf(counted: number, page: Page): CountedTotal {
  const cap = capOf(page);
  return {
    total: cap === null ? counted : Math.min(counted, cap),
    totalExact: cap === null || counted <= cap,
  };
}

/**
 * Counts the rows `matching` selects (its columns do not matter), stopping a horizon past the
 * page at `offset` + `limit` unless `count` is exact.
 */
export async function countMatches(db: Queryable, matching: PgSelect, page: Page): Promise<CountedTotal> {
  const [row] = await db.select({ n: count() }).from(capped(matching, page).as('matching'));
  return totalOf(row?.n ?? 0, page);
}

/**
 * The same count as a column of the page's own query (for `totalOf`): one round trip instead of
 * two. An empty page has no row to carry it, so its count needs `countMatches`.
 */
export function countColumn(matching: PgSelect, page: Page): SQL<number> {
  return sql`(select count(*) from (${capped(matching, page)}) as matching)`.mapWith(Number);
}

/**
 * The total beside a page whose rows carried their count (`countColumn`; `counted` is the first
 * row's). An empty page carries none: past the end it counts apart, at the start nothing matches.
 */
export async function totalBeside(
  db: Queryable,
  counted: number | undefined,
  matching: PgSelect,
  page: Page,
): Promise<CountedTotal> {
  if (counted !== undefined) return totalOf(counted, page);
  return page.offset === 0 ? { total: 0, totalExact: true } : countMatches(db, matching, page);
}

/** A select of the constant 1, for `countMatches` (the rows matter, not their columns). */
export const one = { one: sql`1` };
