// Reports as CSV: formula injection is neutralised in every text cell, and the download
// through HTTP carries the same figures and hidden reasons as the JSON.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { learningEntries, relationships, topics } from '../db/schema.js';
import { addPerson, createProgramme, createWorld, type World } from '../relationships/testing.js';
import { neutralise, toCsv } from './report-csv.js';

describe('CSV cells', () => {
  it('neutralises text that a spreadsheet would run as a formula', () => {
    for (const bad of ['=HYPERLINK("http://x.example","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(neutralise(bad)).toBe(`'${bad}`);
    expect(neutralise('Generative AI')).toBe('Generative AI');
    expect(neutralise(-0.5)).toBe(-0.5);
    expect(neutralise(Number.NaN)).toBeNull();
    const text = toCsv([{ table: 'by topic', group: '=cmd|"/c calc"!A1', value: 3 }]);
    const [, row] = parse(text, { bom: true }) as string[][];
    expect(row?.[1]).toBe(`'=cmd|"/c calc"!A1`);
  });
});

describe('report CSV downloads', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t, 'reportcsv');
  });
  afterAll(async () => t.close());

  it('downloads the learning report (CSV and the PDF) with a topic named like a formula neutralised, and no entry text', async () => {
    const programmeId = await createProgramme(w.manager, 'reverse', w.topicIds, 'CSV');
    const [topic] = await t.database.db
      .insert(topics)
      .values({
        orgId: w.org.orgId,
        name: '=HYPERLINK("http://evil.example")',
        category: 'digital_and_technology',
      })
      .returning();
    for (let i = 0; i < 5; i++) {
      const leader = await addPerson(t, w.org, `csv-leader-${i}`, { jobLevel: 7, department: 'Sales' });
      const junior = await addPerson(t, w.org, `csv-junior-${i}`, { jobLevel: 1, department: 'Marketing' });
      const [rel] = await t.database.db
        .insert(relationships)
        .values({
          orgId: w.org.orgId,
          programmeId,
          mentorId: junior.personId,
          menteeId: leader.personId,
          status: 'active',
          mentorResponse: 'accepted',
          menteeResponse: 'accepted',
        })
        .returning();
      await t.database.db.insert(learningEntries).values({
        orgId: w.org.orgId,
        relationshipId: rel?.id as string,
        learnerId: leader.personId,
        topicId: topic?.id as string,
        body: 'secret note',
        learnedOn: '2026-10-01',
        createdAt: new Date(Date.now() - 120_000),
      });
    }
    const res = await w.sponsor({
      method: 'GET',
      url: `/api/programmes/${programmeId}/reports/learning?format=csv`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('attachment');
    const rows = parse(res.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.table === 'total')).toMatchObject({ value: '5', people: '5' });
    const byTopic = rows.find((r) => r.table === 'by topic');
    expect(byTopic?.group).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(res.body).not.toContain('secret note');
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+@]/);
    const bad = await w.sponsor({
      method: 'GET',
      url: `/api/programmes/${programmeId}/reports/quality?format=xls`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('format');
    const pdf = await w.sponsor({ method: 'GET', url: `/api/programmes/${programmeId}/reports/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(
      (await w.mentor.call({ method: 'GET', url: `/api/programmes/${programmeId}/reports/pdf` })).statusCode,
    ).toBe(403);
    const participant = await w.mentor.call({
      method: 'GET',
      url: `/api/programmes/${programmeId}/reports/learning?format=csv`,
    });
    expect(participant.statusCode).toBe(403);
  });
});
