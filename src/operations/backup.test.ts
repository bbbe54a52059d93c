// twoway backup and twoway restore as an operator runs them: real processes on a real
// database (PGlite and PostgreSQL), every table compared after the round trip.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from '../db/testing/test-database.js';
import { fingerprintTables } from './tables.js';

const run = promisify(execFile);
type Scratch = Awaited<ReturnType<typeof scratchDatabase>>;
let source: Scratch;
let target: Scratch;
const files = mkdtempSync(join(tmpdir(), 'twoway-backup-'));

async function twoway(on: Scratch, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/twoway.js', ...args], {
      env: { ...process.env, ...on.env, NO_COLOR: '1' },
      timeout: 180_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function fingerprint(on: Scratch) {
  const database = await on.open();
  try {
    return await fingerprintTables(database.db);
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  source = await scratchDatabase();
  target = await scratchDatabase();
});
afterAll(async () => {
  await source.cleanup();
  await target.cleanup();
});

describe('backup and restore', () => {
  it('restores every table exactly, refuses a database that holds data, and replaces it when told', async () => {
    const demo = await twoway(source, 'demo', '--people', '50', '--seed', '4');
    expect(demo.code, demo.stderr).toBe(0);
    const before = await fingerprint(source);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    expect(before.people?.rows).toBe(50);

    const file = join(files, 'twoway.backup');
    const saved = await twoway(source, 'backup', file);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stdout).toMatch(/Backed up the (PGlite|PostgreSQL) database/);

    const restored = await twoway(target, 'restore', file);
    expect(restored.code, restored.stderr).toBe(0);
    expect(await fingerprint(target)).toEqual(before);

    // The source holds data: restoring over it is refused and changes nothing.
    const database = await source.open();
    await database.db.execute(sql`delete from audit_log`);
    await database.close();
    const changed = await fingerprint(source);
    expect(changed).not.toEqual(before);
    const refused = await twoway(source, 'restore', file);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/already holds data: .*\(\d+\).*pass --replace/);
    expect(await fingerprint(source)).toEqual(changed);

    const replaced = await twoway(source, 'restore', file, '--replace');
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(await fingerprint(source)).toEqual(before);
    const kept = replaced.stdout.match(/kept in (.+)\.\n/)?.[1];
    if (source.env.TWOWAY_DATA_DIR) expect(kept && existsSync(kept)).toBe(true);
  }, 300_000);

  it('names the file when it is not a backup', async () => {
    const file = join(files, 'not-a-backup.txt');
    writeFileSync(file, 'hello');
    const res = await twoway(target, 'restore', file);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${file} is not a`);
  });
});
