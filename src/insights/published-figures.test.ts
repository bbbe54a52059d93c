// Which period a row falls in: the answers up to and including a cutoff belong to that
// snapshot, anything a microsecond later to the next.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { openTestDatabase } from '../db/testing/test-database.js';
import { periodOf } from './published-figures.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => database.close());

describe('periods between published cutoffs', () => {
  it('puts a row at a cutoff in that snapshot and a microsecond later in the next', async () => {
    const cutoffs = [new Date('2026-01-01T00:00:00.000Z'), new Date('2026-02-01T12:30:00.000Z')];
    const at = [
      '2025-12-31T23:59:59.999999Z',
      '2026-01-01T00:00:00.000000Z',
      '2026-01-01T00:00:00.000001Z',
      '2026-02-01T12:30:00.000000Z',
      '2026-02-01T12:30:00.000001Z',
    ];
    const periods = [];
    for (const t of at) {
      const [row] = rowsOf<{ p: number }>(
        await database.db.execute(sql`select ${periodOf(cutoffs, sql`${t}::timestamptz`)} as p`),
      );
      periods.push(Number(row?.p));
    }
    expect(periods).toEqual([0, 0, 1, 1, 2]);
  });
});
