// What a database holds, table by table: the tables in the order their foreign keys
// allow them to be filled, and a fingerprint (rows and a checksum) of each for comparing
// two databases after a restore or a move.
import { getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/client.js';
import * as schema from '../db/schema.js';

/** Every table of the schema, each after the tables it references. */
export function tablesInDependencyOrder(): PgTable[] {
  const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTable));
  const byName = new Map(tables.map((t) => [getTableName(t), t]));
  const ordered: PgTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: PgTable) => {
    const name = getTableName(table);
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`Foreign keys form a cycle through ${name}.`);
    state.set(name, 'visiting');
    for (const fk of getTableConfig(table).foreignKeys) {
      const target = getTableName(fk.reference().foreignTable);
      const next = byName.get(target);
      if (next && target !== name) visit(next);
    }
    state.set(name, 'done');
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => getTableName(a).localeCompare(getTableName(b))))
    visit(table);
  return ordered;
}

export interface TableFingerprint {
  rows: number;
  /** md5 of the table's rows as text, in a fixed order: equal on two databases when the rows are. */
  checksum: string;
}

async function rowsOf<T>(db: Queryable, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The base tables of the public schema. */
export async function publicTables(db: Queryable): Promise<string[]> {
  const rows = await rowsOf<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((r) => r.name);
}

/** Rows and a checksum of every table in the public schema, by table name. */
export async function fingerprintTables(db: Queryable): Promise<Record<string, TableFingerprint>> {
  const out: Record<string, TableFingerprint> = {};
  for (const name of await publicTables(db)) {
    const [row] = await rowsOf<{ rows: string | number; checksum: string | null }>(
      db,
      sql`select count(*) as rows, md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) as checksum
          from ${sql.identifier(name)} t`,
    );
    out[name] = { rows: Number(row?.rows ?? 0), checksum: row?.checksum ?? '' };
  }
  return out;
}

/** The tables that hold rows, with their counts (empty: nothing to lose). */
export async function nonEmptyTables(db: Queryable): Promise<{ table: string; rows: number }[]> {
  const found: { table: string; rows: number }[] = [];
  for (const name of await publicTables(db)) {
    const [row] = await rowsOf<{ n: string | number }>(
      db,
      sql`select count(*) as n from (select 1 from ${sql.identifier(name)} limit 1) s`,
    );
    if (Number(row?.n ?? 0) > 0) {
      const [all] = await rowsOf<{ n: string | number }>(
        db,
        sql`select count(*) as n from ${sql.identifier(name)}`,
      );
      found.push({ table: name, rows: Number(all?.n ?? 0) });
    }
  }
  return found;
}
