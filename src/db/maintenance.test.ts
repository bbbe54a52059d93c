import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './client.js';
import { maintainEmbedded, scheduleMaintenance } from './maintenance.js';
import { rowsOf } from './rows.js';
import { organisations, people } from './schema.js';
import { openTestDatabase } from './testing/test-database.js';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
  const [org] = await database.db
    .insert(organisations)
    .values({ name: 'Upkeep', slug: 'upkeep' })
    .returning({ id: organisations.id });
  await database.db.insert(people).values(
    Array.from({ length: 300 }, (_, i) => ({
      orgId: org?.id as string,
      name: `Kept ${i}`,
      email: `kept${i}@upkeep.test`,
      jobLevel: 1 + (i % 7),
    })),
  );
});
afterAll(() => database.close());

const peopleStats = async () =>
  rowsOf<{ visible: number; stats: number }>(
    await database.db.execute(sql`
      select (select relallvisible from pg_class where relname = 'people')::int as visible,
             (select count(*) from pg_stats where tablename = 'people')::int as stats`),
  )[0];

describe('upkeep of the embedded database', () => {
  it('gives the planner statistics and lets index-only scans skip the table (PGlite only)', async () => {
    const before = await peopleStats();
    const done = await maintainEmbedded(database);
    if (database.kind !== 'pglite') {
      // PostgreSQL's own autovacuum does this; the product leaves it alone there.
      expect(done).toBeNull();
      return;
    }
    // Nothing runs this on PGlite by itself: no statistics, no page marked all-visible.
    expect(before).toEqual({ visible: 0, stats: 0 });
    expect(done?.tables).toBeGreaterThan(20);
    const after = await peopleStats();
    expect(after?.visible).toBeGreaterThan(0);
    expect(after?.stats).toBeGreaterThan(0);
  });

  it('runs on a timer that stops with the server, with nothing left running', async () => {
    const lines: string[] = [];
    const upkeep = scheduleMaintenance(database, (l) => lines.push(l), { firstAfterMs: 0, everyMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await upkeep.stop();
    // A pass that was under way when stop came ended cleanly: no failure was logged.
    expect(lines.filter((l) => l.includes('failed'))).toEqual([]);
    expect(await database.db.execute(sql`select 1`)).toBeTruthy();
  });
});
