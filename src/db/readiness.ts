// Readiness for orchestrators: the database answers and holds every migration this
// build ships (a process of a newer build must not serve an older schema).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Db, migrationsFolder } from './client.js';
import { rowsOf } from './rows.js';

interface Journal {
  entries: { tag: string; when: number }[];
}

const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
/** The newest migration this build ships; drizzle records its `when` as created_at. */
export const newestMigration = journal.entries.reduce((a, b) => (b.when > a.when ? b : a));

export interface Readiness {
  migrated: boolean;
  /** Tag of the newest migration applied, or null when none is. */
  applied: string | null;
  expected: string;
}

export async function readiness(db: Db): Promise<Readiness> {
  const [row] = rowsOf<{ newest: string | number | null }>(
    await db.execute(sql`select max(created_at) as newest from drizzle.__drizzle_migrations`),
  );
  const newest = Number(row?.newest ?? 0);
  const applied = journal.entries.find((e) => e.when === newest)?.tag ?? null;
  return { migrated: newest >= newestMigration.when, applied, expected: newestMigration.tag };
}
