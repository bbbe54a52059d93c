// Routine upkeep of the embedded database. PostgreSQL's autovacuum keeps table statistics
// and visibility maps current; PGlite runs no background processes, so without this its
// planner never has statistics and no index-only scan ever skips the table (measured on a
// 20,000-person demo: every table had relallvisible 0 and no pg_stats rows). Decision 073.
import { sql } from 'drizzle-orm';
import type { Database } from './client.js';
import { rowsOf } from './rows.js';

/** How often the embedded database is vacuumed and analysed while the product runs. */
export const maintenanceEveryMs = 60 * 60_000;

/**
 * VACUUM (ANALYZE) of every table of the product, one table at a time, so that PGlite (one
 * connection) is held for one table's pass at most; other requests run between them.
 * Returns what was done, for the log. Does nothing on PostgreSQL, where autovacuum runs.
 */
export async function maintainEmbedded(
  database: Database,
  stopping: () => boolean = () => false,
): Promise<{ tables: number; ms: number } | null> {
  if (database.kind !== 'pglite') return null;
  const started = performance.now();
  const tables = rowsOf<{ name: string }>(
    await database.db.execute(
      sql`select quote_ident(tablename) as name from pg_tables where schemaname = 'public' order by tablename`,
    ),
  );
  for (const { name } of tables) {
    if (stopping()) break;
    // VACUUM cannot run inside a transaction; drizzle's execute on PGlite runs it on its own.
    await database.db.execute(sql.raw(`vacuum (analyze) ${name}`));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { tables: tables.length, ms: performance.now() - started };
}

/**
 * Maintains the embedded database soon after start and then every `maintenanceEveryMs`,
 * until stopped. A pass that fails (the database closing under it) is logged and the next
 * one tried as usual.
 */
export function scheduleMaintenance(
  database: Database,
  log: (line: string) => void,
  options: { firstAfterMs?: number; everyMs?: number } = {},
): { stop(): Promise<void> } {
  if (database.kind !== 'pglite') return { stop: async () => {} };
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const pass = () => {
    if (stopped || running) return;
    running = maintainEmbedded(database, () => stopped)
      .then((done) => {
        if (done && done.ms > 1_000)
          log(`Database upkeep: ${done.tables} tables vacuumed and analysed in ${Math.round(done.ms)} ms.`);
      })
      .catch((err: Error) => {
        if (!stopped) log(`Database upkeep failed: ${err.message}`);
      })
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(pass, options.firstAfterMs ?? 30_000);
  const every = setInterval(pass, options.everyMs ?? maintenanceEveryMs);
  first.unref();
  every.unref();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
