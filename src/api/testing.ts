// Test helpers: an app on a fresh database, organisations with one account per role.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { accounts, people } from '../db/schema.js';
import { openTestDatabase } from '../db/testing/test-database.js';
import type { Role } from '../identity/actor.js';
import { hashPassword } from '../identity/passwords.js';
import { createOrganisation } from '../organisations/organisations.js';
import { buildApp } from './app.js';

export const testPassword = 'correct horse battery';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  // Tests sign in many times from one address; the per-address limit has tests of its own.
  const config = loadConfig({
    TWOWAY_DEMO: 'false',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
    ORG_CREATE_PER_HOUR: '1000000',
    ...env,
  });
  const app = await buildApp({ database, config });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface TestOrg {
  orgId: string;
  slug: string;
  /** Session cookies by role; each account is linked to its own person. */
  cookies: Record<Role, string>;
  personIds: Record<Role, string>;
}

let hashed: Promise<string> | null = null;

/** An organisation with an admin, a manager, two participants' worth of people and a sponsor. */
export async function createTestOrg(t: TestApp, slug: string): Promise<TestOrg> {
  const db = t.database.db;
  const { organisation } = await db.transaction((tx) =>
    createOrganisation(
      tx,
      {
        name: `Org ${slug}`,
        slug,
        admin: {
          name: `Admin ${slug}`,
          email: `org_admin@${slug}.test`,
          password: testPassword,
          jobLevel: 6,
          timeZone: 'UTC',
          jobTitle: null,
        },
      },
      { emailProven: true },
    ),
  );
  hashed ??= hashPassword(testPassword);
  const passwordHash = await hashed;
  const levels: Record<Exclude<Role, 'org_admin'>, number> = {
    programme_manager: 5,
    participant: 2,
    sponsor: 8,
  };
  for (const [role, level] of Object.entries(levels) as [Exclude<Role, 'org_admin'>, number][]) {
    const [person] = await db
      .insert(people)
      .values({
        orgId: organisation.id,
        name: `${role} ${slug}`,
        email: `${role}@${slug}.test`,
        jobLevel: level,
        department: 'Ops',
      })
      .returning();
    await db.insert(accounts).values({
      orgId: organisation.id,
      personId: person?.id,
      email: `${role}@${slug}.test`,
      passwordHash,
      roles: [role],
      emailVerifiedAt: new Date(),
    });
  }
  const cookies = {} as Record<Role, string>;
  const personIds = {} as Record<Role, string>;
  for (const role of ['org_admin', 'programme_manager', 'participant', 'sponsor'] as Role[]) {
    cookies[role] = await signInCookie(t.app, `${role}@${slug}.test`);
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: cookies[role] } });
    personIds[role] = me.json().person.id;
  }
  return { orgId: organisation.id, slug, cookies, personIds };
}

export async function signInCookie(
  app: FastifyInstance,
  email: string,
  password = testPassword,
): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${email}: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'twoway_session');
  if (!cookie) throw new Error('no session cookie');
  return `twoway_session=${cookie.value}`;
}

/** `app.inject` as a given session. */
export function as(app: FastifyInstance, cookie: string) {
  return (options: InjectOptions) =>
    app.inject({ ...options, headers: { ...(options.headers ?? {}), cookie } });
}

/** The parsed body of an answer that must have the given status (the body is shown if not). */
export function answerOf<T = Record<string, unknown>>(
  res: { statusCode: number; body: string },
  status = 200,
): T {
  expect(res.statusCode, res.body).toBe(status);
  return (res.body ? JSON.parse(res.body) : null) as T;
}
