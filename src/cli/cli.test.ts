// The `twoway` command as an admin runs it: a real process on a real database.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../db/schema.js';
import { scratchDatabase } from '../db/testing/test-database.js';
import { runTwoway } from './testing.js';

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
const files = mkdtempSync(join(tmpdir(), 'twoway-cli-files-'));

const twoway = (...args: string[]) => runTwoway({ ...process.env, ...scratch.env }, args);

async function countPeople(): Promise<number> {
  const database = await scratch.open();
  try {
    return (await database.db.select({ id: people.id }).from(people)).length;
  } finally {
    await database.close();
  }
}

beforeAll(async () => {
  scratch = await scratchDatabase();
});
afterAll(() => scratch.cleanup());

describe('the twoway command', () => {
  it('explains itself with --help', async () => {
    const res = await twoway('--help');
    expect(res.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'demo', 'import', 'programmes']) expect(res.stdout).toContain(cmd);
    const sub = await twoway('import', 'people', '--help');
    expect(sub.stdout).toContain('--skip-invalid');
  });

  it('creates a demo organisation and lists its programmes', async () => {
    const demo = await twoway('demo', '--people', '150', '--seed', '9');
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/150 people, 4 programmes/);
    expect(demo.stdout).toContain('manager@northwind.example');
    const list = await twoway('programmes', 'list');
    expect(list.code, list.stderr).toBe(0);
    // Four enrolling programmes (one a peer pool), the closed pilot and the one under way.
    expect(list.stdout.trim().split('\n')).toHaveLength(6);
    expect(list.stdout).toMatch(/active\s+reverse/);
    expect(list.stdout).toMatch(/closed\s+reverse/);
    expect(list.stdout).toMatch(/enrolling\s+reverse/);
  });

  it('rejects bad arguments with a clear message and a non-zero exit', async () => {
    const small = await twoway('demo', '--people', '10');
    expect(small.code).toBe(2);
    expect(small.stderr).toContain('--people must be a whole number from 50 to 200000');
    const again = await twoway('demo', '--people', '60');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--replace');
    const org = await twoway('programmes', 'list', '--org', 'nowhere');
    expect(org.code).toBe(1);
    expect(org.stderr).toContain('No organisation "nowhere"');
    const missing = await twoway('import', 'people', join(files, 'missing.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read');
  });

  it('imports people, refusing a file with a bad row unless told to skip it', async () => {
    const before = await countPeople();
    const csv = join(files, 'people.csv');
    writeFileSync(
      csv,
      'employee_id,name,email,job_level,manager\nX1,Cli One,cli1@example.test,3,\nX2,Cli Two,cli2@example.test,high,X1\nX3,Cli Three,cli3@example.test,2,X1\n',
    );
    const refused = await twoway('import', 'people', csv);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('row 3, job_level');
    expect(refused.stdout).toContain('Nothing imported');
    expect(await countPeople()).toBe(before);
    const skipped = await twoway('import', 'people', csv, '--skip-invalid', '--json');
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ created: 2, skipped: 1, applied: true });
    expect(await countPeople()).toBe(before + 2);
  });

  it('writes the proposed mapping of an export, and imports with an edited one', async () => {
    const before = await countPeople();
    const csv = join(files, 'odd.csv');
    writeFileSync(csv, 'Nom complet;Courriel;Niveau;Embauche\nCli Quatre;cli4@example.test;4;01.02.2020\n');
    const map = join(files, 'map.json');
    const written = await twoway('import', 'people', csv, '--write-mapping', map);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toContain('the header has no name column');
    const proposed = JSON.parse(readFileSync(map, 'utf8'));
    expect(proposed).toMatchObject({
      header: ['Nom complet', 'Courriel', 'Niveau', 'Embauche'],
      mapping: {},
    });
    writeFileSync(
      map,
      JSON.stringify({
        mapping: { name: 'Nom complet', email: 'Courriel', job_level: 'Niveau', hire_date: 'Embauche' },
      }),
    );
    const res = await twoway('import', 'people', csv, '--mapping', map, '--json');
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      created: 1,
      file: { mappingSource: 'given', delimiter: ';' },
    });
    expect(await countPeople()).toBe(before + 1);
  });
});
