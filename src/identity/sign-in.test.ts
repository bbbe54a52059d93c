// The sign-in throttle under concurrency: every attempt is counted before its password is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, type TestApp, testPassword } from '../api/testing.js';
import { claimAttempt, delayAfter, freeAttempts, maxDelaySeconds } from './throttle.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await createTestOrg(t, 'throttle');
});
afterAll(() => t.close());

const attempt = (email: string, password: string, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password }, remoteAddress });

const statuses = (responses: { statusCode: number }[]) => {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.statusCode] = (counts[r.statusCode] ?? 0) + 1;
  return counts;
};

describe('the sign-in throttle', () => {
  it('checks at most 5 of 40 concurrent wrong passwords for one email', async () => {
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt('participant@throttle.test', `wrong-password-${i}`)),
    );
    const counts = statuses(responses);
    expect(counts[401] ?? 0).toBeLessThanOrEqual(5);
    expect(counts[429]).toBeGreaterThanOrEqual(35);
    expect(Object.keys(counts).sort()).toEqual(['401', '429']);
  });

  it('never signs in with the right password among 39 wrong ones once the limit is hit', async () => {
    const email = 'sponsor@throttle.test';
    const burst = await Promise.all([
      ...Array.from({ length: 39 }, (_, i) => attempt(email, `wrong-password-${i}`)),
      attempt(email, testPassword),
    ]);
    const admitted = burst.filter((r) => r.statusCode !== 429).length;
    expect(admitted).toBeLessThanOrEqual(5);
    // Now the limit is hit: the right password in a second burst is never checked.
    const after = await Promise.all([
      ...Array.from({ length: 19 }, (_, i) => attempt(email, `wrong-again-${i}`)),
      attempt(email, testPassword),
    ]);
    expect(after.every((r) => r.statusCode === 429)).toBe(true);
  });

  it('treats an unknown email exactly like a known one', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt('nobody@throttle.test', `wrong-password-${i}`)),
    );
    expect(statuses(responses)[401]).toBeLessThanOrEqual(5);
    const known = await attempt('participant@throttle.test', 'still-wrong-1');
    const unknown = await attempt('nobody@throttle.test', 'still-wrong-1');
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.json().error.code).toBe(known.json().error.code);
  });

  it('answers a throttled attempt with 429 and how long to wait', async () => {
    const res = await attempt('participant@throttle.test', testPassword);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.code).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('makes each attempt after the fifth wait twice as long as the one before, never a fixed lockout', async () => {
    const db = t.database.db;
    const key = 'email:delays@throttle.test';
    let now = new Date('2030-01-01T00:00:00Z');
    const waits: number[] = [];
    for (let i = 1; i <= 12; i++) {
      const claim = await claimAttempt(db, key, now);
      expect(claim, `attempt ${i}`).toMatchObject({ admitted: true, attempts: i });
      if (i < freeAttempts) continue;
      const blocked = await claimAttempt(db, key, new Date(now.getTime() + 1));
      expect(blocked.admitted).toBe(false);
      waits.push(blocked.admitted ? 0 : blocked.retryAfterSeconds);
      // One millisecond before the delay ends is still too early; at its end the next attempt is checked.
      const early = new Date(now.getTime() + delayAfter(i) * 1000 - 1);
      expect((await claimAttempt(db, key, early)).admitted).toBe(false);
      now = new Date(now.getTime() + delayAfter(i) * 1000);
    }
    expect(waits.slice(0, 6)).toEqual([15, 30, 60, 120, 240, 480]);
    expect(Math.max(...waits)).toBe(maxDelaySeconds);
  });

  it('forgets the attempts after a successful sign-in', async () => {
    const email = 'programme_manager@throttle.test';
    for (let i = 0; i < 4; i++) expect((await attempt(email, `wrong-${i}-password`)).statusCode).toBe(401);
    expect((await attempt(email, testPassword)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt(email, `wrong-${i}-password`)).statusCode).toBe(401);
  });
});

describe('the per-address limit', () => {
  it('refuses an address that sends more sign-ins a minute than allowed, whatever the emails', async () => {
    const limited = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '10' });
    try {
      const spray = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          limited.app.inject({
            method: 'POST',
            url: '/api/auth/sign-in',
            payload: { email: `person${i}@spray.test`, password: 'Summer2026!' },
            remoteAddress: '203.0.113.7',
          }),
        ),
      );
      expect(statuses(spray)).toEqual({ 401: 10, 429: 20 });
      const other = await limited.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'person0@spray.test', password: 'Summer2026!' },
        remoteAddress: '198.51.100.9',
      });
      expect(other.statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});
