// `twoway backup` and `twoway restore`: PGlite writes its own data-folder archive
// (dumpDataDir); PostgreSQL uses pg_dump / pg_restore in the custom format. Restoring
// never overwrites data unless told: a target that holds rows is refused, and on PGlite
// the replaced folder is kept beside the new one.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import { type Database, openDatabase, pgliteClientOf } from '../db/client.js';
import { AppError } from '../errors.js';
import { nonEmptyTables } from './tables.js';

const run = promisify(execFile);

/** pg_dump and pg_restore: on the PATH, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin', name);
  }
  throw new AppError(
    'unavailable',
    `${name} was not found (looked on the PATH and in /usr/lib/postgresql/*/bin). Install the PostgreSQL client (e.g. apt-get install postgresql-client) at the server's version or newer.`,
  );
}

async function runTool(name: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  try {
    await run(postgresTool(name), args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { stderr?: string; message: string };
    throw new Error(`${name} failed: ${(e.stderr ?? '').trim() || e.message}`);
  }
}

function refuseRows(found: { table: string; rows: number }[], where: string): void {
  if (found.length === 0) return;
  const list = found
    .slice(0, 5)
    .map((f) => `${f.table} (${f.rows})`)
    .join(', ');
  throw new AppError(
    'conflict',
    `${where} already holds data: ${list}${found.length > 5 ? `, and ${found.length - 5} more tables` : ''}. Restore into an empty database, or pass --replace to replace what is there.`,
  );
}

export interface BackupResult {
  kind: Database['kind'];
  file: string;
  bytes: number;
}

export async function backup(config: Config, file: string): Promise<BackupResult> {
  const target = resolve(file);
  if (config.DATABASE_URL) {
    // Checks the server answers first, for a readable error rather than pg_dump's.
    const database = await openDatabase({ kind: 'postgres', url: config.DATABASE_URL, poolSize: 1 });
    await database.close();
    await runTool('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${target}`,
      config.DATABASE_URL,
    ]);
    return { kind: 'postgres', file: target, bytes: statSync(target).size };
  }
  const dataDir = resolve(config.TWOWAY_DATA_DIR);
  if (!existsSync(join(dataDir, 'PG_VERSION')))
    throw new AppError('not_found', `There is no database in ${dataDir} (TWOWAY_DATA_DIR) to back up.`);
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const archive = await pgliteClientOf(database).dumpDataDir('gzip');
    writeFileSync(target, Buffer.from(await archive.arrayBuffer()));
  } finally {
    await database.close();
  }
  return { kind: 'pglite', file: target, bytes: statSync(target).size };
}

export interface RestoreResult {
  kind: Database['kind'];
  /** PGlite with --replace: where the folder that was replaced now is. */
  keptAt?: string;
}

function readBackup(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new AppError('validation_failed', `Cannot read the backup ${file}: ${(err as Error).message}`, {
      fields: [{ path: 'file', message: 'cannot be read' }],
    });
  }
}

// pg_dump's custom format starts with these bytes; PGlite's archive is a gzip (1f 8b).
const isCustomDump = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === 'PGDMP';
const isGzip = (bytes: Buffer) => bytes[0] === 0x1f && bytes[1] === 0x8b;

export async function restore(
  config: Config,
  file: string,
  options: { replace?: boolean } = {},
): Promise<RestoreResult> {
  const bytes = readBackup(file);
  if (config.DATABASE_URL) {
    if (!isCustomDump(bytes))
      throw new AppError(
        'validation_failed',
        `${file} is not a PostgreSQL backup (twoway backup with DATABASE_URL set).`,
        {
          fields: [{ path: 'file', message: 'is not a pg_dump custom-format archive' }],
        },
      );
    const url = config.DATABASE_URL;
    const database = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    try {
      if (!options.replace) refuseRows(await nonEmptyTables(database.db), 'The database at DATABASE_URL');
      // An empty or replaced database starts from nothing, so the archive's tables,
      // sequences and migration journal come back exactly as they were.
      await database.db.execute(sql`drop schema if exists drizzle cascade`);
      await database.db.execute(sql`drop schema if exists public cascade`);
      await database.db.execute(sql`create schema public`);
    } finally {
      await database.close();
    }
    await runTool('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      `--dbname=${url}`,
      resolve(file),
    ]);
    await migrateAfterRestore({ kind: 'postgres', url, poolSize: 2 });
    return { kind: 'postgres' };
  }
  if (!isGzip(bytes))
    throw new AppError(
      'validation_failed',
      `${file} is not a PGlite backup (twoway backup without DATABASE_URL).`,
      {
        fields: [{ path: 'file', message: 'is not a PGlite data-folder archive' }],
      },
    );
  const dataDir = resolve(config.TWOWAY_DATA_DIR);
  let keptAt: string | undefined;
  if (existsSync(join(dataDir, 'PG_VERSION'))) {
    const current = await openDatabase({ kind: 'pglite', dataDir });
    let found: { table: string; rows: number }[];
    try {
      found = await nonEmptyTables(current.db);
    } finally {
      await current.close();
    }
    if (!options.replace) refuseRows(found, `The database in ${dataDir}`);
    keptAt = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, keptAt);
  } else if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new AppError(
      'conflict',
      `${dataDir} holds files that are not a database; restore into an empty folder.`,
    );
  }
  const database = await openDatabase({
    kind: 'pglite',
    dataDir,
    loadDataDir: new Blob([new Uint8Array(bytes)]),
  });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  return { kind: 'pglite', ...(keptAt ? { keptAt } : {}) };
}

/** A backup from an older release is brought up to this release's schema. */
async function migrateAfterRestore(options: { kind: 'postgres'; url: string; poolSize: number }) {
  const database = await openDatabase(options);
  try {
    await database.exclusively(() => database.migrate());
  } finally {
    await database.close();
  }
}

/** A PostgreSQL URL with the password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unreadable URL)';
  }
}
