// One database handle over PGlite (embedded) or a PostgreSQL server, with the
// same Drizzle schema and migrations on both.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction; use cases accept both. */
export type Queryable = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  migrate(): Promise<void>;
  /**
   * Runs `work` while no other process on this database runs its own: on PostgreSQL a
   * session advisory lock (processes that start together migrate and seed one after
   * another); PGlite belongs to one process, so there it just runs.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Any fixed 64-bit key; every Twoway process on one database takes the same one.
const startupLockKey = 7_240_214_026n;

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

// Extensions the migrations use; a PostgreSQL server ships them in its contrib package.
const extensions = { pg_trgm };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      // A server that does not answer at all (not even a refusal) gives a 503, not a hung request.
      connectionTimeoutMillis: 5_000,
    });
    // A connection can be cut by the server (restart, crash, failover, admin command) while
    // idle in the pool or while checked out by a transaction. pg emits 'error' on the client
    // in both cases, and an 'error' event without a listener ends the process. The pool's own
    // listener covers idle clients only, so every client gets one for its whole life; the
    // query in flight fails (a 503, see isDatabaseUnavailable) and the pool discards the client.
    pool.on('error', (err) => {
      process.stderr.write(`PostgreSQL closed an idle connection: ${err.message}\n`);
    });
    pool.on('connect', (client) => {
      client.on('error', (err) => {
        process.stderr.write(`PostgreSQL closed a connection in use: ${err.message}\n`);
      });
    });
    // Fail fast with a readable message rather than on the first request.
    try {
      const client = await pool.connect();
      client.release();
    } catch (err) {
      await pool.end();
      throw new Error(`Cannot connect to PostgreSQL at DATABASE_URL: ${(err as Error).message}`);
    }
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      migrate: () => migrateNodePg(db as never, { migrationsFolder }),
      exclusively: async (work) => {
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [startupLockKey.toString()]);
          try {
            return await work();
          } finally {
            await client.query('select pg_advisory_unlock($1)', [startupLockKey.toString()]);
          }
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  if (options.dataDir) {
    const dir = resolve(options.dataDir);
    mkdirSync(dir, { recursive: true });
    client = await PGlite.create({
      dataDir: dir,
      extensions,
      // Restoring a backup into an empty folder.
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } else {
    client = await PGlite.create({
      extensions,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    exclusively: (work) => work(),
    close: () => client.close(),
  };
}

/** True on the embedded database: its statements run in this thread and hold up its event loop. */
export const runsInProcess = (db: Queryable): boolean =>
  (db as unknown as { $client?: unknown }).$client instanceof PGlite;

/** The PGlite client behind a handle, for dumping test templates. */
export function pgliteClientOf(database: Database): PGlite {
  return (database.db as unknown as { $client: PGlite }).$client;
}

// SQLSTATE classes and driver errors that mean "the database is not reachable right now",
// as opposed to "this statement is wrong": connection exceptions (08), operator
// intervention (57P01 admin shutdown, 57P02 crash shutdown, 57P03 starting up), and
// sockets refused or cut.
const unavailableCodes = new Set([
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const unavailableMessages = [
  /Connection terminated/i,
  /is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /terminating connection due to/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/** True when an error (or an error it wraps) says the database server cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (code.startsWith('08') || unavailableCodes.has(code))) return true;
    if (typeof message === 'string' && unavailableMessages.some((m) => m.test(message))) return true;
    e = cause;
  }
  return false;
}
