// `twoway move --to postgres://...`: a team that started on the embedded database
// (PGlite in TWOWAY_DATA_DIR) moves to a PostgreSQL server. The target is migrated to
// this release's schema, then every table is copied in foreign-key order, in batches,
// inside one transaction (a failed move leaves the target as empty as it was), with
// ids kept; the row counts of both sides are compared before the transaction commits.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getTableName, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { openDatabase } from '../db/client.js';
import { AppError } from '../errors.js';
import { redactUrl } from './backup.js';
import { fingerprintTables, nonEmptyTables, tablesInDependencyOrder } from './tables.js';

export interface MoveResult {
  tables: { table: string; rows: number }[];
  rows: number;
  ms: number;
}

// Rows the target's own triggers write while other tables are copied (the matching input
// counters of decision 079, the people search rows of 085): copied last, over what the
// triggers wrote, so both sides end equal.
const writtenByTriggers = new Set(['matching_input_versions', 'programme_enrolment_counts', 'people_search']);

// PostgreSQL takes at most 65,535 parameters in one statement.
const maxParameters = 60_000;
const maxBatch = 1_000;

export async function moveToPostgres(
  dataDir: string,
  url: string,
  onTable: (table: string, rows: number) => void = () => {},
): Promise<MoveResult> {
  const started = performance.now();
  const from = resolve(dataDir);
  if (!existsSync(join(from, 'PG_VERSION')))
    throw new AppError('not_found', `There is no database in ${from} (TWOWAY_DATA_DIR) to move.`);
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new AppError('validation_failed', 'The target must be a postgres:// URL.', {
      fields: [{ path: '--to', message: 'must be a postgres:// or postgresql:// URL' }],
    });
  const source = await openDatabase({ kind: 'pglite', dataDir: from });
  try {
    // Both sides at this release's schema, so every column lines up.
    await source.migrate();
    const target = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
    try {
      const found = await nonEmptyTables(target.db);
      if (found.length > 0)
        throw new AppError(
          'conflict',
          `The database at ${redactUrl(url)} already holds data (${found
            .slice(0, 5)
            .map((f) => `${f.table} (${f.rows})`)
            .join(', ')}). Move into an empty database.`,
        );
      await target.exclusively(() => target.migrate());
      const copied: MoveResult['tables'] = [];
      await target.db.transaction(async (tx) => {
        const tables = tablesInDependencyOrder();
        const derived = tables.filter((t) => writtenByTriggers.has(getTableName(t)));
        for (const table of [...tables.filter((t) => !derived.includes(t)), ...derived]) {
          const config = getTableConfig(table);
          const name = getTableName(table);
          const order = config.columns.filter((c) => c.primary).map((c) => c.name);
          for (const pk of config.primaryKeys) order.push(...pk.columns.map((c) => c.name));
          const batch = Math.max(1, Math.min(maxBatch, Math.floor(maxParameters / config.columns.length)));
          const orderBy = order.length > 0 ? order : config.columns.map((c) => c.name);
          let rows = 0;
          for (;;) {
            const page = await source.db
              .select()
              .from(table)
              .orderBy(...orderBy.map((c) => sql`${sql.identifier(c)}`))
              .limit(batch)
              .offset(rows);
            if (page.length === 0) break;
            if (derived.includes(table)) {
              const keys = config.columns.filter((c) => c.primary);
              await tx
                .insert(table)
                .values(page)
                .onConflictDoUpdate({
                  target: keys,
                  set: Object.fromEntries(
                    config.columns
                      .filter((c) => !c.primary)
                      .map((c) => [c.name, sql.raw(`excluded.${JSON.stringify(c.name)}`)]),
                  ),
                });
            } else await tx.insert(table).values(page);
            rows += page.length;
            if (page.length < batch) break;
          }
          copied.push({ table: name, rows });
          onTable(name, rows);
        }
        // Serial columns continue after the highest id copied.
        await tx.execute(sql`
          do $$ declare r record; begin
            for r in select c.table_name, c.column_name, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) as seq
                     from information_schema.columns c
                     where c.table_schema = 'public' and c.column_default like 'nextval(%' loop
              execute format('select setval(%L, coalesce((select max(%I) from %I), 0) + 1, false)', r.seq, r.column_name, r.table_name);
            end loop;
          end $$`);
        const [before, after] = [await fingerprintTables(source.db), await fingerprintTables(tx)];
        const differ = Object.keys({ ...before, ...after }).filter(
          (t) => (before[t]?.rows ?? 0) !== (after[t]?.rows ?? 0),
        );
        if (differ.length > 0)
          throw new Error(
            `Row counts differ after the copy (${differ
              .map((t) => `${t}: ${before[t]?.rows ?? 0} here, ${after[t]?.rows ?? 0} there`)
              .join('; ')}); nothing was moved.`,
          );
      });
      return {
        tables: copied,
        rows: copied.reduce((n, t) => n + t.rows, 0),
        ms: performance.now() - started,
      };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
