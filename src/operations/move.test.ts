// twoway move: the demo organisation leaves PGlite for an empty PostgreSQL database,
// every table arrives whole, and people sign in on the new database.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { withDatabase } from '../db/testing/postgres-setup.js';
import { demoPassword } from '../demo/generate.js';
import { seedDemo } from '../demo/seed-demo.js';
import { fingerprintTables } from './tables.js';

const run = promisify(execFile);
const server = process.env.TWOWAY_TEST_DATABASE_URL ?? '';
const dataDir = mkdtempSync(join(tmpdir(), 'twoway-move-'));
const name = `twoway_m_${randomBytes(6).toString('hex')}`;
const targetUrl = server ? withDatabase(server, name) : '';

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// The move reads PGlite: the source is TWOWAY_DATA_DIR, whatever DATABASE_URL says.
const { DATABASE_URL: _ignored, ...withoutDatabaseUrl } = process.env;

async function move(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/twoway.js', 'move', ...args], {
      env: { ...withoutDatabaseUrl, TWOWAY_DATA_DIR: dataDir, NO_COLOR: '1' },
      timeout: 180_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// The move is from PGlite to PostgreSQL, so it runs once, with the PostgreSQL project.
describe.runIf(process.env.TWOWAY_TEST_DB === 'postgres')('twoway move', () => {
  beforeAll(async () => {
    const source = await openDatabase({ kind: 'pglite', dataDir });
    await source.migrate();
    await seedDemo(source.db, { people: 50, seed: 3 });
    await source.close();
    await admin(`create database ${name}`);
  });
  afterAll(async () => {
    await admin(`drop database if exists ${name} with (force)`);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies every table with its ids, says what to configure, and the demo admin signs in there', async () => {
    const moved = await move('--to', targetUrl);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(/Moved \d+ rows in \d+ tables/);
    expect(moved.stdout).toContain('set DATABASE_URL=');

    const source = await openDatabase({ kind: 'pglite', dataDir });
    const before = await fingerprintTables(source.db);
    await source.close();
    const target = await openDatabase({ kind: 'postgres', url: targetUrl, poolSize: 2 });
    try {
      const after = await fingerprintTables(target.db);
      expect(after).toEqual(before);
      expect(after.people?.rows).toBe(50);

      const app = await buildApp({
        database: target,
        config: loadConfig({ TWOWAY_DEMO: 'false', DATABASE_URL: targetUrl }),
      });
      try {
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          payload: { email: 'admin@northwind.example', password: demoPassword },
        });
        expect(res.statusCode, res.body).toBe(200);
        // New rows get ids after the copied ones (the serial column carried on).
        await target.db.execute(
          sql`insert into audit_log (action, entity_type) values ('moved', 'database')`,
        );
      } finally {
        await app.close();
      }
    } finally {
      await target.close();
    }

    const again = await move('--to', targetUrl);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already holds data .*Move into an empty database/);
  }, 300_000);
});
