// Password rules: a minimum length, no whitespace-only passwords, no common or breached ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  createTestOrg,
  type TestApp,
  type TestOrg,
  testPassword,
} from '../api/testing.js';
import { passwordProblem } from './passwords.js';

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'pw');
});
afterAll(() => t.close());

const weak = ['          ', '1234567890', 'password12', 'qwertyuiop', 'Password123!', 'iloveyou123'];

describe('password rules', () => {
  it.each(weak)('refuses %j', (password) => {
    expect(passwordProblem(password)).not.toBeNull();
  });

  it('accepts long passphrases and the fixtures of the demo and the tests', () => {
    for (const ok of ['twoway-demo-2026', testPassword, 'e2e-password-2026', 'Tr0ub4dor&3x']) {
      expect(passwordProblem(ok), ok).toBeNull();
    }
  });

  it('says why: too short, only spaces, or too easy to guess', () => {
    expect(passwordProblem('short')).toBe('must be at least 10 characters');
    expect(passwordProblem('          ')).toBe('must not be only spaces');
    expect(passwordProblem('password12')).toMatch(
      /^is too easy to guess \(this is a commonly used password\)/,
    );
  });

  it("refuses a password built from the person's own name or email", () => {
    expect(passwordProblem('brandolfquix')).toBeNull();
    expect(passwordProblem('brandolfquix', ['quix.brandolf@pw.test', 'Quix Brandolf'])).toMatch(
      /personal or page related data/,
    );
  });

  it.each(weak)('answers 400 naming the password when an admin gives an account %j', async (password) => {
    const person = await as(
      t.app,
      org.cookies.org_admin,
    )({
      method: 'POST',
      url: '/api/people',
      payload: { name: 'Weak Pw', email: `weak${weak.indexOf(password)}@pw.test`, jobLevel: 2 },
    });
    const res = await as(
      t.app,
      org.cookies.org_admin,
    )({
      method: 'POST',
      url: '/api/accounts',
      payload: { personId: person.json().id, roles: ['participant'], password },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('password');
    const accounts = await as(t.app, org.cookies.org_admin)({ method: 'GET', url: '/api/accounts' });
    expect(accounts.json().map((a: { email: string }) => a.email)).not.toContain(
      `weak${weak.indexOf(password)}@pw.test`,
    );
  });

  it('answers 400 naming admin.password for a new organisation with a weak password', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/organisations',
      payload: {
        name: 'Weakling',
        slug: 'weakling',
        admin: { name: 'Wendy Weak', email: 'wendy@weakling.test', password: 'password12' },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'admin.password' });
  });
});
