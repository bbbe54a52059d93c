// A store for @fastify/rate-limit kept in PostgreSQL, so every web process shares one count
// per address. `incr` is one atomic upsert that the plugin runs in `onRequest`, before the
// handler: the request is counted before any work it would cause.
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rateLimitCounters } from '../db/schema.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Counts one hit for `key` in a fixed window of `windowMs`; returns the hits so far and the ms left. */
export async function countHit(db: Queryable, key: string, windowMs: number, now = new Date()) {
  const resetAt = new Date(now.getTime() + windowMs);
  const expired = sql`${rateLimitCounters.resetAt} <= ${now.toISOString()}::timestamptz`;
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ key, hits: 1, resetAt })
    .onConflictDoUpdate({
      target: rateLimitCounters.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${rateLimitCounters.hits} + 1 end`,
        resetAt: sql`case when ${expired} then ${resetAt.toISOString()}::timestamptz else ${rateLimitCounters.resetAt} end`,
      },
    })
    .returning();
  if (!row) throw new Error('upsert returned nothing');
  // Expired windows of other keys are of no further use; a cheap sweep now and then keeps the table small.
  if (Math.random() < 0.01) await db.delete(rateLimitCounters).where(expired);
  return { current: row.hits, ttl: Math.max(0, row.resetAt.getTime() - now.getTime()) };
}

/** The store class the plugin instantiates; each route gets a child counting under its own name. */
export function postgresRateLimitStore(db: Queryable) {
  return class PostgresRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly namespace = 'global',
    ) {}

    incr(key: string, callback: Callback, timeWindow: number): void {
      countHit(db, `${this.namespace}:${key}`, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    // The plugin passes the route's merged limit options, the route itself under `routeInfo`.
    child(routeOptions: object) {
      const route = (routeOptions as { routeInfo?: { url?: string; method?: string | string[] } }).routeInfo;
      return new PostgresRateLimitStore(undefined, `${String(route?.method ?? '')} ${route?.url ?? ''}`);
    }
  };
}
