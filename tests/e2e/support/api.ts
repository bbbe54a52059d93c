// Arranging through the HTTP API, so each browser test starts from the state it needs
// in an organisation of its own.
import { type APIRequestContext, expect, request } from '@playwright/test';
import { demoCalendar } from '../../../src/demo/calendar';
import { todayUtc } from '../../../src/identity/standing';
import { waitForMail } from './mail';

export const password = 'e2e-password-2026';
export const demoPassword = 'twoway-demo-2026';
/** The demo's programme names that carry a year, as seeded when this run started. */
export const demoNames = demoCalendar(todayUtc()).names;

export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

export async function signedIn(baseURL: string, email: string, pass = password): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  const res = await ctx.post('/api/auth/sign-in', { data: { email, password: pass } });
  expect(res.status(), await res.text()).toBe(200);
  return ctx;
}

async function ok<T>(res: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(res.ok(), `${res.url()}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (res.status() === 204 ? undefined : await res.json()) as T;
}

export interface Org {
  slug: string;
  adminEmail: string;
  admin: APIRequestContext;
}

/** Follows the confirmation link emailed to `email` (read back from the SMTP sink), in a context of its own. */
export async function confirmEmailByLink(baseURL: string, email: string) {
  const mail = await waitForMail(email, /Confirm your email/);
  const token = /\/confirm-email#token=([\w-]+)/.exec(mail)?.[1];
  expect(token, mail).toBeTruthy();
  const ctx = await request.newContext({ baseURL });
  await ok(await ctx.post('/api/auth/confirm-email', { data: { token } }));
  await ctx.dispose();
}

export async function createOrg(baseURL: string, prefix = 'org'): Promise<Org> {
  const slug = unique(prefix);
  const adminEmail = `admin@${slug}.example`;
  const ctx = await request.newContext({ baseURL });
  const created = await ok<{ signInReady: boolean }>(
    await ctx.post('/api/organisations', {
      data: {
        name: `Org ${slug}`,
        slug,
        admin: { name: 'Ada Admin', email: adminEmail, password, jobLevel: 7 },
      },
    }),
  );
  await ctx.dispose();
  // The demo organisation is there already, so a new one waits for its admin's emailed link.
  if (!created.signInReady) await confirmEmailByLink(baseURL, adminEmail);
  return { slug, adminEmail, admin: await signedIn(baseURL, adminEmail) };
}

export async function importCsv(ctx: APIRequestContext, csv: string) {
  return ok<{ created: number }>(
    await ctx.post('/api/people/import', { headers: { 'content-type': 'text/csv' }, data: csv }),
  );
}

export async function createTopic(ctx: APIRequestContext, name: string, category: string) {
  return ok<{ id: string; name: string }>(await ctx.post('/api/topics', { data: { name, category } }));
}

export async function findPerson(ctx: APIRequestContext, email: string) {
  const page = await ok<{ items: { id: string; email: string; name: string }[] }>(
    await ctx.get('/api/people', { params: { q: email } }),
  );
  const person = page.items.find((p) => p.email === email);
  expect(person, `person ${email}`).toBeTruthy();
  return person as { id: string; email: string; name: string };
}

/** Gives a person an account with the test password, and follows the link emailed to confirm it. */
export async function createAccount(ctx: APIRequestContext, email: string, roles: string[]) {
  const person = await findPerson(ctx, email);
  const res = await ctx.post('/api/accounts', { data: { personId: person.id, roles, password } });
  const account = await ok<{ id: string }>(res);
  await confirmEmailByLink(new URL(res.url()).origin, email);
  return account;
}

export async function createProgramme(ctx: APIRequestContext, data: Record<string, unknown>) {
  return ok<{ id: string; version: number; name: string }>(await ctx.post('/api/programmes', { data }));
}

export async function transition(ctx: APIRequestContext, id: string, to: string) {
  return ok<{ id: string; status: string }>(
    await ctx.post(`/api/programmes/${id}/transitions`, { data: { to } }),
  );
}

/** A small company: a few executives and several juniors, with a reporting line. */
export function peopleCsv(domain: string, extra = 0): string {
  const rows = [
    'employee_id,name,email,job_title,job_level,department,manager,location,time_zone,languages,birth_year',
    `E1,Morgan Reyes,morgan@${domain},Chief Operating Officer,9,Operations,,London,Europe/London,en,1968`,
    `E2,Priya Natarajan,priya@${domain},Marketing Director,8,Marketing,E1,London,Europe/London,en;ta,1972`,
    `E3,Sam Okafor,sam@${domain},Junior Data Analyst,2,Finance,E2,Manchester,Europe/London,en,2000`,
    `E4,Lena Fischer,lena@${domain},Graduate Marketer,1,Marketing,E2,Berlin,Europe/Berlin,de;en,2001`,
    `E5,Tom Becker,tom@${domain},Programme Manager,5,People,E1,London,Europe/London,en,1985`,
  ];
  const first = ['Alex', 'Jordan', 'Kim', 'Rui', 'Noor', 'Ivo', 'Mia', 'Omar', 'Zoe', 'Ben'];
  const last = ['Silva', 'Kowalski', 'Haddad', 'Nguyen', 'Brown', 'Moreau', 'Ito', 'Adeyemi'];
  const depts = ['Finance', 'Marketing', 'Operations', 'Engineering', 'Sales'];
  for (let i = 0; i < extra; i++) {
    const name = `${first[i % first.length]} ${last[(i * 3) % last.length]}`;
    rows.push(
      `X${i},${name},person${i}@${domain},Analyst,${1 + (i % 6)},${depts[i % depts.length]},E1,London,Europe/London,en,${1960 + (i % 40)}`,
    );
  }
  return `${rows.join('\n')}\n`;
}
