// The count beside a page of a long list. Counting every match costs as much as reading them all
// (about 48 ms for 100,000 people on PostgreSQL, several times that on PGlite), so by default a page
// counts only up to a horizon past itself; `count=exact` asks for the whole figure.
import { count, sql } from 'drizzle-orm';
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

export interface CountedTotal {
  /** The number of matches, or a lower bound when totalExact is false. */
  total: number;
  /** false when there are more than `total` matches. */
  totalExact: boolean;
}

/**
 * Counts the rows `matching` selects (its columns do not matter), stopping a horizon past the
 * page at `offset` + `limit` unless `count` is exact.
 */
export async function countMatches(
  db: Queryable,
  matching: PgSelect,
  page: { offset: number; limit: number; count: 'exact' | 'capped' },
): Promise<CountedTotal> {
  const cap = page.count === 'exact' ? null : page.offset + page.limit + countHorizon;
  const [row] = await db
    .select({ n: count() })
    .from((cap === null ? matching : matching.limit(cap + 1)).as('matching'));
  const counted = row?.n ?? 0;
  return {
    total: cap === null ? counted : Math.min(counted, cap),
    totalExact: cap === null || counted <= cap,
  };
}

/** A select of the constant 1, for `countMatches` (the rows matter, not their columns). */
export const one = { one: sql`1` };
