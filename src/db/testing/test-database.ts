// A fresh, migrated database for one test file: PGlite loaded from the dumped
// template, or a clone of the PostgreSQL template database.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../client.js';
import { withDatabase } from './postgres-setup.js';
import { pgliteTemplatePath, postgresTemplateName } from './template-paths.js';

export async function openTestDatabase(): Promise<Database> {
  const which = process.env.TWOWAY_TEST_DB ?? 'pglite';
  if (which === 'postgres') {
    const url = process.env.TWOWAY_TEST_DATABASE_URL;
    if (!url) throw new Error('TWOWAY_TEST_DATABASE_URL is not set');
    const name = `twoway_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${postgresTemplateName}`);
    await admin.end();
    const database = await openDatabase({ kind: 'postgres', url: withDatabase(url, name), poolSize: 5 });
    return {
      ...database,
      close: async () => {
        await database.close();
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      },
    };
  }
  const blob = new Blob([readFileSync(pgliteTemplatePath)]);
  return openDatabase({ kind: 'pglite', loadDataDir: blob });
}

/**
 * An empty database for a child process (the CLI): environment variables that
 * point at it, and a way to open it from the test once the child has exited.
 */
export async function scratchDatabase(): Promise<{
  env: Record<string, string>;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}> {
  const which = process.env.TWOWAY_TEST_DB ?? 'pglite';
  if (which === 'postgres') {
    const url = process.env.TWOWAY_TEST_DATABASE_URL as string;
    const name = `twoway_s_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const dbUrl = withDatabase(url, name);
    return {
      env: { DATABASE_URL: dbUrl },
      open: () => openDatabase({ kind: 'postgres', url: dbUrl, poolSize: 2 }),
      cleanup: async () => {
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'twoway-cli-'));
  return {
    env: { TWOWAY_DATA_DIR: dir },
    open: () => openDatabase({ kind: 'pglite', dataDir: dir }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
