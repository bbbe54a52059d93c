// The demo's present: a reverse programme three months under way, in which the junior and
// executive demo accounts are a pair, and a second demo organisation with accounts of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, signInCookie, type TestApp } from '../api/testing.js';
import { todayUtc } from '../identity/standing.js';
import { demoCalendar } from './calendar.js';
import { demoPassword } from './generate.js';
import { seedDemo } from './seed-demo.js';

let t: TestApp;
const seededAt = new Date();
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, { people: 400, seed: 11, now: seededAt });
});
afterAll(() => t.close());

const signIn = async (email: string) => as(t.app, await signInCookie(t.app, email, demoPassword));

describe('the demo story', () => {
  it('has a reverse programme three months under way, with meetings held and cancelled by both sides, and quiet pairs', async () => {
    const manager = await signIn('manager@northwind.example');
    const programmes = (await manager({ method: 'GET', url: '/api/programmes' })).json();
    const active = programmes.find((p: { status: string }) => p.status === 'active');
    expect(active).toMatchObject({ name: demoCalendar(todayUtc(seededAt)).names.underWay, kind: 'reverse' });
    const res = await manager({ method: 'GET', url: `/api/programmes/${active.id}/momentum` });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.pairs.active).toBeGreaterThanOrEqual(12);
    expect(m.pairs.closed).toBe(1);
    expect(m.meetings.held).toBeGreaterThan(50);
    expect(m.meetings.scheduled).toBeGreaterThan(5);
    expect(m.meetings.cancelledByMentor).toBeGreaterThan(0);
    // One executive keeps cancelling.
    expect(m.meetings.cancelledByMentee).toBeGreaterThan(m.meetings.cancelledByMentor);
    // Three pairs past 1.5 times the cadence, two of them past three times.
    expect(m.quiet.total).toBeGreaterThanOrEqual(5);
    expect(
      m.quiet.pairs.filter((p: { quietDays: number }) => p.quietDays > 42).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('pairs the junior and the executive accounts: meetings behind them and one ahead, learning both ways, news in the bell', async () => {
    const junior = await signIn('junior@northwind.example');
    const executive = await signIn('executive@northwind.example');
    const me = (await executive({ method: 'GET', url: '/api/me' })).json();
    const mine = (await junior({ method: 'GET', url: '/api/relationships' })).json();
    const list = Array.isArray(mine) ? mine : mine.items;
    const pair = list.find(
      (r: { status: string; mentee: { id: string } }) =>
        r.status === 'active' && r.mentee.id === me.person.id,
    );
    expect(pair, JSON.stringify(list).slice(0, 400)).toBeTruthy();
    const meetings = (
      await executive({ method: 'GET', url: `/api/relationships/${pair.id}/meetings` })
    ).json();
    const statuses = meetings.meetings.map((x: { status: string }) => x.status);
    expect(statuses.filter((s: string) => s === 'held').length).toBeGreaterThanOrEqual(4);
    expect(statuses.filter((s: string) => s === 'scheduled')).toHaveLength(1);
    const learning = (await junior({ method: 'GET', url: `/api/relationships/${pair.id}/learning` })).json();
    const sides = new Set(learning.entries.map((e: { learnerSide: string }) => e.learnerSide));
    expect([...sides].sort()).toEqual(['mentee', 'mentor']);
    expect((await executive({ method: 'GET', url: '/api/notifications/unread-count' })).json()).toEqual({
      unread: 1,
    });
    expect((await junior({ method: 'GET', url: '/api/notifications' })).json().total).toBeGreaterThan(0);
  });

  it('has the executive’s midpoint self-assessment due, the one at enrolment answered', async () => {
    const executive = await signIn('executive@northwind.example');
    const programmes = (await executive({ method: 'GET', url: '/api/programmes' })).json();
    const active = programmes.find((p: { status: string }) => p.status === 'active');
    const res = await executive({ method: 'GET', url: `/api/programmes/${active.id}/self-assessment` });
    expect(res.statusCode, res.body).toBe(200);
    const form = res.json();
    expect(form.topics).toHaveLength(2);
    const phase = (name: string) => form.phases.find((p: { phase: string }) => p.phase === name);
    expect(phase('enrolment').answers).toHaveLength(2);
    expect(phase('midpoint')).toMatchObject({ open: true, answers: [] });
    expect(phase('closing').open).toBe(false);
  });

  it('gives a second demo organisation accounts of its own beside the first', async () => {
    const big = await seedDemo(t.database.db, { people: 120, seed: 12, slug: 'big' });
    expect(big.demo.accounts.map((a) => a.email)).toEqual([
      'admin@big.example',
      'manager@big.example',
      'executive@big.example',
      'junior@big.example',
    ]);
    const admin = await signIn('admin@big.example');
    const org = (await admin({ method: 'GET', url: '/api/organisation' })).json();
    expect(org.slug).toBe('big');
    const first = await signIn('admin@northwind.example');
    expect((await first({ method: 'GET', url: '/api/organisation' })).json().slug).toBe('northwind');
  });
});
