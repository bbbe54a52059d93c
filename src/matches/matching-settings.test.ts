// A programme's saved matching rules are the rules every run obeys, whether the run is
// started from the API with no settings, from the `twoway` command, or as a re-match;
// and every run records the full settings it used.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app.js';
import { as, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { loadConfig } from '../config.js';
import { scratchDatabase } from '../db/testing/test-database.js';
import { matchSettingsSchema } from '../matching/index.js';
import {
  addPerson,
  createProgramme,
  createTopics,
  enrolAs,
  type PersonFixture,
} from '../relationships/testing.js';

const execute = promisify(execFile);
let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let t: TestApp;
let org: TestOrg;
let programmeId: string;
const people: Record<string, PersonFixture> = {};
const manager = () => as(t.app, org.cookies.programme_manager);

/** The saved amount of each rule that has one; each is stricter than the default (gap 1, 2 hours, depth 3). */
const saved = { jobLevel: { gap: 3 }, overlap: { minHours: 25 }, reportingLine: { depth: 4 } };

async function openApp(): Promise<TestApp> {
  const database = await scratch.open();
  await database.migrate();
  const app = await buildApp({ database, config: loadConfig({ TWOWAY_DEMO: 'false' }) });
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

/** Runs the `twoway` command; the embedded database allows one process at a time, so the app steps aside. */
async function twoway(...args: string[]): Promise<string> {
  await t.close();
  try {
    const { stdout } = await execute(process.execPath, ['bin/twoway.js', ...args], {
      env: { ...process.env, ...scratch.env, NO_COLOR: '1' },
      timeout: 120_000,
    });
    return stdout;
  } finally {
    t = await openApp();
  }
}

type Run = { settings: unknown; pairs: { mentorId: string; menteeId: string }[] };
const nameOf = (id: string) => Object.entries(people).find(([, p]) => p.personId === id)?.[0];
const pairsOf = (run: Run) => run.pairs.map((p) => `${nameOf(p.mentorId)}-${nameOf(p.menteeId)}`).sort();

/** The run recorded every setting, with the saved amounts, and made only pairs those amounts allow. */
function expectSavedRulesObeyed(run: Run) {
  const settings = matchSettingsSchema.parse(run.settings);
  expect(settings.rules.jobLevel).toEqual({ enabled: true, gap: 3 });
  expect(settings.rules.overlap).toEqual({ enabled: true, minHours: 25 });
  expect(settings.rules.reportingLine).toEqual({ enabled: true, depth: 4 });
  // m1 is one level above every mentee, m2 shares 20 hours a week with them, m3 manages e3 four levels up.
  for (const pair of pairsOf(run)) expect(['m3-e1', 'm3-e2']).toContain(pair);
}

beforeAll(async () => {
  scratch = await scratchDatabase();
  t = await openApp();
  org = await createTestOrg(t, 'rules');
  const add = async (
    key: string,
    jobLevel: number,
    extra: { timeZone?: string; managerId?: string } = {},
  ) => {
    people[key] = await addPerson(t, org, key, { jobLevel, ...extra });
    return people[key] as PersonFixture;
  };
  const m3 = await add('m3', 9);
  const x3 = await add('x3', 7, { managerId: m3.personId });
  const x2 = await add('x2', 5, { managerId: x3.personId });
  const x1 = await add('x1', 4, { managerId: x2.personId });
  await add('e3', 2, { managerId: x1.personId });
  await add('e1', 2);
  await add('e2', 2);
  await add('m1', 3);
  await add('m2', 9, { timeZone: 'Asia/Dubai' });
  const topicIds = await createTopics(manager(), ['Negotiation']);
  programmeId = await createProgramme(manager(), 'conventional', topicIds);
  for (const key of ['m1', 'm2', 'm3'])
    await enrolAs((people[key] as PersonFixture).call, programmeId, 'mentor', topicIds);
  for (const key of ['e1', 'e2', 'e3'])
    await enrolAs((people[key] as PersonFixture).call, programmeId, 'mentee', topicIds);
  const to = await manager()({
    method: 'POST',
    url: `/api/programmes/${programmeId}/transitions`,
    payload: { to: 'matching' },
  });
  expect(to.statusCode, to.body).toBe(200);
}, 180_000);
afterAll(async () => {
  await t?.close();
  await scratch?.cleanup();
});

describe('saved matching rules', () => {
  it('refuses a misspelt or unknown setting with a 400 naming it, and changes nothing', async () => {
    const before = (await manager()({ method: 'GET', url: `/api/programmes/${programmeId}` })).json();
    const res = await manager()({
      method: 'PATCH',
      url: `/api/programmes/${programmeId}`,
      payload: {
        version: before.version,
        matchingSettings: { rules: { jobLevel: { enabled: true, gapp: 3 } } },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toContainEqual({
      path: 'matchingSettings.rules.jobLevel.gapp',
      message: 'is not a known field',
    });
    const flat = await manager()({
      method: 'PATCH',
      url: `/api/programmes/${programmeId}`,
      payload: { version: before.version, matchingSettings: { rules: { jobLevelGap: 3 } } },
    });
    expect(flat.statusCode).toBe(400);
    expect(flat.json().error.fields[0].path).toBe('matchingSettings.rules.jobLevelGap');
    const after = (await manager()({ method: 'GET', url: `/api/programmes/${programmeId}` })).json();
    expect(after).toEqual(before);
  });

  it('are saved through the API and read back in full, in the engine’s own shape', async () => {
    const current = (await manager()({ method: 'GET', url: `/api/programmes/${programmeId}` })).json();
    const res = await manager()({
      method: 'PATCH',
      url: `/api/programmes/${programmeId}`,
      payload: { version: current.version, matchingSettings: { rules: saved } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const settings = matchSettingsSchema.parse(res.json().matchingSettings);
    expect(settings.rules.jobLevel).toEqual({ enabled: true, gap: 3 });
    expect(settings.objective).toBe('total');
  });

  it('are obeyed by a run started from the API without settings, and recorded with it', async () => {
    const res = await manager()({
      method: 'POST',
      url: `/api/programmes/${programmeId}/match-runs`,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(201);
    expectSavedRulesObeyed(res.json());
    expect(res.json().pairs).toHaveLength(1);
  });

  it('give way to the defaults only when a run says so (the cohort is sensitive to each amount)', async () => {
    const res = await manager()({
      method: 'POST',
      url: `/api/programmes/${programmeId}/match-runs`,
      payload: {
        settings: { rules: { jobLevel: { gap: 1 }, overlap: { minHours: 2 }, reportingLine: { depth: 3 } } },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const pairs = pairsOf(res.json());
    expect(pairs).toHaveLength(3);
    expect(pairs.some((p) => p.startsWith('m1-'))).toBe(true);
    expect(pairs.some((p) => p.startsWith('m2-'))).toBe(true);
  });

  it('are obeyed by a run started from the twoway command', async () => {
    const stdout = await twoway('matches', 'run', programmeId, '--json');
    const run = JSON.parse(stdout) as Run;
    expectSavedRulesObeyed(run);
    expect(run.pairs).toHaveLength(1);
  }, 180_000);

  it('are obeyed by a re-match after a decline', async () => {
    const runs = (
      await manager()({ method: 'GET', url: `/api/programmes/${programmeId}/match-runs` })
    ).json();
    const first = runs.find((r: { pairCount: number }) => r.pairCount === 1);
    const published = await manager()({
      method: 'POST',
      url: `/api/match-runs/${first.id}/publish`,
      payload: {},
    });
    expect(published.statusCode, published.body).toBe(200);
    // The app was rebuilt around the command, so calls are made on the current one.
    const m3 = as(t.app, (people.m3 as PersonFixture).cookie);
    const [proposal] = (await m3({ method: 'GET', url: '/api/relationships' })).json();
    const declined = await m3({
      method: 'POST',
      url: `/api/relationships/${proposal.id}/respond`,
      payload: { response: 'decline' },
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const res = await manager()({
      method: 'POST',
      url: `/api/programmes/${programmeId}/rematch`,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    expectSavedRulesObeyed(res.json().run);
    // m3 declined one of e1 and e2, so the other is the one pair the saved rules allow.
    expect(res.json().run.pairs).toHaveLength(1);
    expect(res.json().run.pairs[0].menteeId).not.toBe(proposal.menteeId);
  });
});
