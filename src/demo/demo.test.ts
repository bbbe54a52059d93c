import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signInCookie, type TestApp } from '../api/testing.js';
import { organisations } from '../db/schema.js';
import { peopleInCycles } from '../people/reporting-line.js';
import { demoTopics } from './catalogue.js';
import { demoPassword, generateDemo } from './generate.js';
import { seedDemo, seedDemoOnFirstRun } from './seed-demo.js';

describe('the demo generator', () => {
  const demo = generateDemo({ people: 600, seed: 42 });

  it('gives the same company for the same seed and another for another seed', () => {
    expect(JSON.stringify(generateDemo({ people: 600, seed: 42 }))).toBe(JSON.stringify(demo));
    expect(generateDemo({ people: 600, seed: 43 }).people[5]?.name).not.toBe(undefined);
    expect(JSON.stringify(generateDemo({ people: 600, seed: 43 }))).not.toBe(JSON.stringify(demo));
  });

  it('makes a multigenerational company with a sound reporting tree', () => {
    expect(demo.people).toHaveLength(600);
    expect(new Set(demo.people.map((p) => p.jobLevel)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(demo.people.map((p) => p.department)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(demo.people.map((p) => p.timeZone)).size).toBeGreaterThanOrEqual(5);
    const generation = (y: number) =>
      y <= 1964 ? 'boomer' : y <= 1980 ? 'x' : y <= 1996 ? 'millennial' : 'z';
    expect(new Set(demo.people.map((p) => generation(p.birthYear)))).toEqual(
      new Set(['boomer', 'x', 'millennial', 'z']),
    );
    expect(demo.people.filter((p) => p.managerId === null)).toHaveLength(1);
    expect(peopleInCycles(new Map(demo.people.map((p) => [p.id, p.managerId])))).toEqual(new Set());
    const leavers = demo.people.filter((p) => p.leaveDate);
    expect(leavers.length).toBeGreaterThan(10);
    expect(leavers.every((p) => p.leaveReason && p.leaveDate && p.leaveDate >= p.hireDate)).toBe(true);
    expect(new Set(demo.people.map((p) => p.email)).size).toBe(600);
  });

  it('ties what people offer and seek to their career stage', () => {
    const knownBy = new Map(demo.topics.map((t) => [t.id, t.knownBy]));
    const level = new Map(demo.people.map((p) => [p.id, p.jobLevel]));
    const share = (pred: (lvl: number) => boolean, kind: 'young' | 'experienced') => {
      const offers = demo.enrolments.filter((e) => pred(level.get(e.personId) ?? 0)).flatMap((e) => e.offers);
      return offers.filter((o) => knownBy.get(o.topicId) === kind).length / Math.max(1, offers.length);
    };
    expect(share((l) => l <= 3, 'young')).toBeGreaterThan(0.9);
    expect(share((l) => l >= 5, 'experienced')).toBeGreaterThan(0.9);
    expect(demoTopics.length).toBe(demo.topics.length);
  });

  it('fills four enrolling programmes with enough people to match', () => {
    expect(demo.programmes.map((p) => `${p.kind} ${p.format ?? 'one_to_one'}`).sort()).toEqual([
      'conventional one_to_one',
      'mutual one_to_one',
      'mutual peer',
      'reverse one_to_one',
    ]);
    const pool = demo.programmes.find((p) => p.format === 'peer');
    const peers = demo.enrolments.filter((e) => e.programmeId === pool?.id);
    expect(peers.length).toBeGreaterThanOrEqual(30);
    expect(peers.every((e) => e.role === 'both' && e.offers.length > 0 && e.seeks.length > 0)).toBe(true);
    for (const p of demo.programmes.filter((q) => q !== pool)) {
      const es = demo.enrolments.filter((e) => e.programmeId === p.id);
      expect(es.filter((e) => e.role !== 'mentor').length, p.kind).toBeGreaterThanOrEqual(60);
      expect(es.filter((e) => e.role !== 'mentee').length, p.kind).toBeGreaterThanOrEqual(30);
    }
    const reverse = demo.programmes.find((p) => p.kind === 'reverse');
    const levelOf = new Map(demo.people.map((p) => [p.id, p.jobLevel]));
    const rev = demo.enrolments.filter((e) => e.programmeId === reverse?.id);
    expect(rev.filter((e) => e.role === 'mentor').every((e) => (levelOf.get(e.personId) ?? 9) <= 3)).toBe(
      true,
    );
    expect(rev.filter((e) => e.role === 'mentee').every((e) => (levelOf.get(e.personId) ?? 0) >= 4)).toBe(
      true,
    );
  });
});

describe('seeding the demo organisation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('seeds once on first run, and the demo accounts see their programmes', async () => {
    expect(await seedDemoOnFirstRun(t.database.db, { people: 300, seed: 3 })).toBe(true);
    expect(await seedDemoOnFirstRun(t.database.db, { people: 300, seed: 3 })).toBe(false);
    const manager = await signInCookie(t.app, 'manager@northwind.example', demoPassword);
    const programmes = (await as(t.app, manager)({ method: 'GET', url: '/api/programmes' })).json();
    // Four enrolling programmes (one a peer pool), the closed pilot
    // (src/demo/history.ts) and the programme three months under way (src/demo/story.ts).
    expect(programmes.map((p: { status: string }) => p.status).sort()).toEqual([
      'active',
      'closed',
      'enrolling',
      'enrolling',
      'enrolling',
      'enrolling',
    ]);
    expect(programmes.filter((p: { format: string }) => p.format === 'peer')).toHaveLength(1);
    const junior = await signInCookie(t.app, 'junior@northwind.example', demoPassword);
    const me = (await as(t.app, junior)({ method: 'GET', url: '/api/me' })).json();
    expect(me.enrolments.some((e: { role: string }) => e.role === 'mentor')).toBe(true);
    const people = (
      await as(t.app, manager)({ method: 'GET', url: '/api/people?status=all&limit=1' })
    ).json();
    expect(people.total).toBe(300);
  });

  it('refuses to overwrite the demo organisation unless told to replace it', async () => {
    await expect(seedDemo(t.database.db, { people: 100, seed: 4 })).rejects.toThrow(/--replace/);
    await seedDemo(t.database.db, { people: 100, seed: 4, replace: true });
    const orgs = await t.database.db.select().from(organisations).where(eq(organisations.slug, 'northwind'));
    expect(orgs).toHaveLength(1);
    const manager = await signInCookie(t.app, 'manager@northwind.example', demoPassword);
    expect(
      (await as(t.app, manager)({ method: 'GET', url: '/api/people?status=all&limit=1' })).json().total,
    ).toBe(100);
  });
});
