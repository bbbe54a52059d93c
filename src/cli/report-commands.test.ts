// `twoway report` as an admin runs it: a real process on a real database with the demo.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from '../db/testing/test-database.js';
import { todayUtc } from '../identity/standing.js';
import { runTwoway } from './testing.js';

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;

const twoway = (...args: string[]) => runTwoway({ ...process.env, ...scratch.env }, args);

beforeAll(async () => {
  scratch = await scratchDatabase();
});
afterAll(() => scratch.cleanup());

describe('twoway report', () => {
  it('prints the demo pilot’s reports as JSON, CSV and PDF, and refuses a bad id or date', async () => {
    const demo = await twoway('demo', '--people', '400', '--seed', '5');
    expect(demo.code, demo.stderr).toBe(0);
    const list = await twoway('programmes', 'list', '--json');
    const pilot = (JSON.parse(list.stdout) as { id: string; status: string }[]).find(
      (p) => p.status === 'closed',
    );
    expect(pilot).toBeDefined();
    const id = pilot?.id as string;
    // The demo's pilot ran about twenty months before it was seeded: today sees all of it.
    const asOf = todayUtc();

    const json = await twoway('report', '--programme', id, '--as-of', asOf);
    expect(json.code, json.stderr).toBe(0);
    const all = JSON.parse(json.stdout);
    expect(Object.keys(all)).toEqual(['retention', 'promotions', 'skills', 'learning', 'quality']);
    expect(all.retention.shown).toBe(true);
    expect(all.retention.hazardRatio.estimate).toBeGreaterThan(0);
    expect(all.retention.hazardRatio.lower).toBeLessThan(all.retention.hazardRatio.upper);
    expect(all.retention.hazardRatio.reading).toContain('95% interval');
    expect(all.learning.total.shown).toBe(true);
    expect(all.skills.headline.shown).toBe(true);
    expect(all.promotions.shown).toBe(true);

    const csv = await twoway(
      'report',
      '--programme',
      id,
      '--format',
      'csv',
      '--report',
      'retention',
      '--as-of',
      asOf,
    );
    expect(csv.code, csv.stderr).toBe(0);
    const rows = parse(csv.stdout, { bom: true, columns: true }) as Record<string, string>[];
    const hr = rows.find((r) => r.table === 'retention: hazard ratio' && r.group === 'matched');
    expect(Number(hr?.value)).toBeCloseTo(all.retention.hazardRatio.estimate, 6);
    expect(rows.some((r) => r.table === 'retention: survival')).toBe(true);

    const pdfFile = join(mkdtempSync(join(tmpdir(), 'twoway-report-')), 'report.pdf');
    const pdf = await twoway(
      'report',
      '--programme',
      id,
      '--format',
      'pdf',
      '--output',
      pdfFile,
      '--as-of',
      asOf,
    );
    expect(pdf.code, pdf.stderr).toBe(0);
    const bytes = readFileSync(pdfFile);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
    const noOutput = await twoway('report', '--programme', id, '--format', 'pdf');
    expect(noOutput.code).not.toBe(0);
    expect(noOutput.stderr).toContain('--output');

    const badId = await twoway('report', '--programme', 'nope');
    expect(badId.code).not.toBe(0);
    expect(badId.stderr).toContain('--programme must be an id');
    const badDate = await twoway('report', '--programme', id, '--as-of', '2026-02-30x');
    expect(badDate.code).not.toBe(0);
    expect(badDate.stderr).toContain('--as-of');
    const badFormat = await twoway('report', '--programme', id, '--format', 'xml');
    expect(badFormat.code).not.toBe(0);
    expect(badFormat.stderr).toContain('xml');
    // Nine commands, each a process of its own that opens the embedded database: 14 to 21 s on
    // a quiet machine, past the default 60 s on a loaded one.
  }, 180_000);
});
