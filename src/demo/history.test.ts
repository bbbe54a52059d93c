// The demo's past: a closed pilot whose participants were planted to leave at half the
// rate of comparable colleagues, so the sponsor's retention report has real figures at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signInCookie, type TestApp } from '../api/testing.js';
import { demoPassword, generateDemo } from './generate.js';
import { addDemoHistory } from './history.js';
import { seedDemo } from './seed-demo.js';

describe('the demo history', () => {
  it('keeps the demo accounts out of the pilot, and them and everyone enrolling now employed', () => {
    // Seeded on 2028-01-01 the executive account was once drawn into the pilot.
    const demo = generateDemo({ people: 600, seed: 1, today: '2028-01-01' });
    const history = addDemoHistory(demo, { seed: 42 });
    expect(history.pairs.length).toBeGreaterThanOrEqual(20);
    const byId = new Map(demo.people.map((p) => [p.id, p]));
    for (const a of demo.accounts) expect(byId.get(a.personId)?.leaveDate).toBeNull();
    // The accounts' walkthroughs do not change with the day: none of them was in the pilot.
    const inPilot = new Set(history.pairs.flatMap((p) => [p.mentorId, p.menteeId]));
    expect(demo.accounts.filter((a) => inPilot.has(a.personId))).toEqual([]);
    expect(demo.enrolments.every((e) => byId.get(e.personId)?.leaveDate === null)).toBe(true);
    const leavers = demo.people.filter((p) => p.leaveDate && p.leaveDate > demo.calendar.pilot.start);
    expect(leavers.length).toBeGreaterThan(30);
    expect(leavers.every((p) => p.leaveReason && (p.leaveDate as string) >= p.hireDate)).toBe(true);
  });

  it('draws the same past for the same seed', () => {
    const past = (seed: number) => {
      const demo = generateDemo({ people: 300, seed });
      return JSON.stringify({ history: addDemoHistory(demo, { seed }), people: demo.people });
    };
    expect(past(7)).toBe(past(7));
    expect(past(7)).not.toBe(past(8));
  });

  it('promotes people one level up to their level today, never after they left', () => {
    const demo = generateDemo({ people: 600, seed: 42 });
    const { promotions } = addDemoHistory(demo, { seed: 42 });
    const { pilot } = demo.calendar;
    expect(promotions.length).toBeGreaterThan(20);
    const byId = new Map(demo.people.map((p) => [p.id, p]));
    for (const r of promotions) {
      const p = byId.get(r.personId);
      expect(r.toLevel).toBe(p?.jobLevel);
      expect(r.fromLevel).toBe(r.toLevel - 1);
      expect(r.effectiveOn > pilot.start).toBe(true);
      expect(p?.leaveDate === null || r.effectiveOn <= (p?.leaveDate as string)).toBe(true);
    }
  });
});

describe('the demo sponsor reads retention', () => {
  // A fixed day, so that the figures below are those of one company (the demo's dates, and so
  // its draws, count from the day it is seeded).
  const seededOn = '2026-11-27';
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows the pilot against matched colleagues, with a hazard ratio below 1 and its interval', async () => {
    await seedDemo(t.database.db, { people: 600, seed: 1, now: new Date(`${seededOn}T12:00:00Z`) });
    const executive = as(t.app, await signInCookie(t.app, 'executive@northwind.example', demoPassword));
    const programmes = (await executive({ method: 'GET', url: '/api/programmes' })).json();
    const pilot = programmes.find((p: { status: string }) => p.status === 'closed');
    const res = await executive({
      method: 'GET',
      url: `/api/programmes/${pilot.id}/reports/retention?asOf=${seededOn}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.shown).toBe(true);
    expect(r.matching.participants.matched).toBeGreaterThanOrEqual(20);
    // The first start's seed: its story must read the way it was planted (participants leaving at
    // half the rate); clearing the leave dates of everyone kept employed read 1.37 on a first start.
    expect(r.hazardRatio.estimate).toBeLessThan(1);
    expect(r.hazardRatio.lower).toBeLessThan(r.hazardRatio.upper);
    expect(r.hazardRatio.events).toBeGreaterThanOrEqual(30);
    expect(r.curves.others.events).toBeGreaterThan(0);
  });

  it('shows real figures for every other report of the pilot on the first read', async () => {
    const executive = as(t.app, await signInCookie(t.app, 'executive@northwind.example', demoPassword));
    const programmes = (await executive({ method: 'GET', url: '/api/programmes' })).json();
    const pilot = programmes.find((p: { status: string }) => p.status === 'closed');
    const read = async (report: string) => {
      const res = await executive({ method: 'GET', url: `/api/programmes/${pilot.id}/reports/${report}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const skills = await read('skills');
    expect(skills.headline).toMatchObject({ shown: true, stage: 'closing', who: 'Leaders (digital topics)' });
    expect(skills.headline.uplift).toBeGreaterThan(0);
    const learning = await read('learning');
    expect(learning.total.shown).toBe(true);
    expect(learning.byDirection.map((d: { direction: string }) => d.direction)).toContain('upward');
    const quality = await read('quality');
    expect(quality.overall.shown).toBe(true);
    expect(quality.byMonth.filter((m: { shown: boolean }) => m.shown).length).toBeGreaterThanOrEqual(3);
    const promotions = await read(`promotions?asOf=${seededOn}`);
    expect(promotions.shown).toBe(true);
    expect(promotions.hazardRatio.estimate).toBeGreaterThan(0);
  });
});
