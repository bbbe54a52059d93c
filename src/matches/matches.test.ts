import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { auditLog, declineReasons, notificationOutbox, relationships } from '../db/schema.js';
import {
  accept,
  addPerson,
  createProgramme,
  createTopics,
  enrolAs,
  type PersonFixture,
} from '../relationships/testing.js';

let t: TestApp;
let org: TestOrg;
let manager: ReturnType<typeof as>;
let topicIds: string[];
let programmeId: string;
const mentors: PersonFixture[] = [];
const mentees: PersonFixture[] = [];
const runs: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'match');
  manager = as(t.app, org.cookies.programme_manager);
  topicIds = await createTopics(manager, ['Generative AI', 'Social channels', 'Data literacy']);
  programmeId = await createProgramme(manager, 'reverse', topicIds);
  for (let i = 0; i < 3; i++) {
    const m = await addPerson(t, org, `mentor-${i}`, {
      jobLevel: 1 + (i % 2),
      department: i % 2 ? 'Sales' : 'Marketing',
    });
    await enrolAs(
      m.call,
      programmeId,
      'mentor',
      i === 2 ? [topicIds[2] as string] : topicIds.slice(0, 2),
      i === 0 ? 2 : 1,
    );
    mentors.push(m);
  }
  for (let i = 0; i < 4; i++) {
    const m = await addPerson(t, org, `mentee-${i}`, { jobLevel: 6 + (i % 3), department: 'Operations' });
    await enrolAs(m.call, programmeId, 'mentee', i === 3 ? [topicIds[2] as string] : topicIds.slice(0, 2));
    mentees.push(m);
  }
});
afterAll(() => t.close());

const mentee = (i: number) => mentees[i] as PersonFixture;
const mentor = (i: number) => mentors[i] as PersonFixture;

describe('match runs', () => {
  it('refuses to run before the programme reaches the matching stage', async () => {
    const res = await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/match-runs`,
      payload: {},
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields[0].path).toBe('programme.status');
  });

  it('gives a senior mentee a shortlist to rank, and refuses a ranking of non-mentors', async () => {
    const list = await mentee(0).call({ method: 'GET', url: `/api/programmes/${programmeId}/shortlist` });
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().candidates.map((c: { personId: string }) => c.personId);
    expect(ids).toHaveLength(3);
    expect(list.json().candidates[0]).not.toHaveProperty('goals');
    const bad = await mentee(0).call({
      method: 'PUT',
      url: `/api/programmes/${programmeId}/ranking`,
      payload: { mentorIds: [mentee(1).personId] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('mentorIds.0');
    const ok = await mentee(0).call({
      method: 'PUT',
      url: `/api/programmes/${programmeId}/ranking`,
      payload: { mentorIds: [mentor(1).personId, mentor(0).personId] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const forMentor = await mentor(0).call({
      method: 'GET',
      url: `/api/programmes/${programmeId}/shortlist`,
    });
    expect(forMentor.statusCode).toBe(403);
  });

  it('stores a run as a draft with pairs, reasons and the unmatched; managers only', async () => {
    await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/transitions`,
      payload: { to: 'matching' },
    });
    const res = await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/match-runs`,
      payload: { settings: { objective: 'total' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json();
    runs.push(run.id);
    expect(run.status).toBe('draft');
    expect(run.pairs.length).toBe(4);
    expect(run.pairs[0].reasons.length).toBeGreaterThan(0);
    // The ranking counted: mentee 0 got their first choice.
    expect(run.pairs.find((p: { menteeId: string }) => p.menteeId === mentee(0).personId).mentorId).toBe(
      mentor(1).personId,
    );
    const page = (await manager({ method: 'GET', url: `/api/match-runs/${run.id}?limit=1&offset=1` })).json();
    expect(page.pairs).toEqual([run.pairs[1]]);
    expect(page).toMatchObject({ pairCount: 4, page: { limit: 1, offset: 1 } });
    const asParticipant = await mentee(0).call({ method: 'GET', url: `/api/match-runs/${run.id}` });
    expect(asParticipant.statusCode).toBe(403);
    const bad = await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/match-runs`,
      payload: { settings: { objective: 'cheapest' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('settings.objective');
  });

  it('keeps locked pairs, never makes forbidden ones, and compares two runs', async () => {
    const lock = await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/pair-rules`,
      payload: { mentorId: mentor(0).personId, menteeId: mentee(0).personId, kind: 'locked' },
    });
    expect(lock.statusCode, lock.body).toBe(201);
    const forbid = await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/pair-rules`,
      payload: { mentorId: mentor(2).personId, menteeId: mentee(3).personId, kind: 'forbidden' },
    });
    expect(forbid.statusCode).toBe(201);
    const wrong = await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/pair-rules`,
      payload: { mentorId: mentee(1).personId, menteeId: mentee(2).personId, kind: 'locked' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['mentorId']);
    const res = await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/match-runs`,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(201);
    const run = res.json();
    runs.push(run.id);
    const pairOf = (i: number) =>
      run.pairs.find((p: { menteeId: string }) => p.menteeId === mentee(i).personId);
    expect(pairOf(0)).toMatchObject({ mentorId: mentor(0).personId, locked: true });
    expect(pairOf(3)?.mentorId).not.toBe(mentor(2).personId);
    const cmp = await manager({ method: 'GET', url: `/api/match-runs/${runs[0]}/compare?with=${run.id}` });
    expect(cmp.statusCode, cmp.body).toBe(200);
    const body = cmp.json();
    expect(body.changedPairs.some((c: { menteeId: string }) => c.menteeId === mentee(0).personId)).toBe(true);
    expect(body.coverage.matched).toHaveProperty('delta');
    expect(body.samePairs + body.changedPairs.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses to publish a run made before the cohort changed', async () => {
    const res = await manager({ method: 'POST', url: `/api/match-runs/${runs[0]}/publish`, payload: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields[0].path).toBe('cohort');
    const view = await manager({ method: 'GET', url: `/api/match-runs/${runs[0]}` });
    expect(view.json().stale).toBe(true);
  });

  it('publishes: relationships created, invitations queued, programme active; publishing twice is refused', async () => {
    const res = await manager({ method: 'POST', url: `/api/match-runs/${runs[1]}/publish`, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      relationshipsCreated: res.json().run.pairCount,
      invitationsQueued: 2 * res.json().run.pairCount,
    });
    const queued = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.kind, 'match.proposed'));
    expect(queued).toHaveLength(2 * res.json().run.pairCount);
    const programme = (await manager({ method: 'GET', url: `/api/programmes/${programmeId}` })).json();
    expect(programme.status).toBe('active');
    const twice = await manager({ method: 'POST', url: `/api/match-runs/${runs[1]}/publish`, payload: {} });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/already published/);
    const rels = await t.database.db
      .select()
      .from(relationships)
      .where(eq(relationships.programmeId, programmeId));
    expect(rels).toHaveLength(res.json().run.pairCount);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'match_run.published'));
    expect(audit).toHaveLength(1);
  });

  it('keeps a decline reason for the programme manager only, and re-matches without disturbing accepted pairs', async () => {
    const mine = async (p: PersonFixture) =>
      (await p.call({ method: 'GET', url: '/api/relationships' })).json()[0];
    const r0 = await mine(mentee(0));
    await accept(mentee(0).call, r0.id);
    await accept(mentor(0).call, r0.id);
    const r1 = await mine(mentee(1));
    const declined = await mentee(1).call({
      method: 'POST',
      url: `/api/relationships/${r1.id}/respond`,
      payload: { response: 'decline', reason: 'SECRET-REASON we worked together before' },
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.body).not.toContain('SECRET-REASON');
    const partner =
      r1.mentor.id === mentor(0).personId
        ? mentor(0)
        : r1.mentor.id === mentor(1).personId
          ? mentor(1)
          : mentor(2);
    const partnerView = await partner.call({ method: 'GET', url: `/api/relationships/${r1.id}` });
    expect(partnerView.json().status).toBe('declined');
    expect(partnerView.body).not.toContain('SECRET-REASON');
    const reasons = await manager({ method: 'GET', url: `/api/programmes/${programmeId}/decline-reasons` });
    expect(reasons.statusCode).toBe(200);
    expect(reasons.json()[0].reason).toContain('SECRET-REASON');
    const asAdmin = await as(
      t.app,
      org.cookies.org_admin,
    )({ method: 'GET', url: `/api/programmes/${programmeId}/decline-reasons` });
    expect(asAdmin.statusCode).toBe(403);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'relationship.declined'));
    expect(JSON.stringify(audit)).not.toContain('SECRET-REASON');

    const before = await t.database.db.select().from(relationships).where(eq(relationships.id, r0.id));
    const rematch = await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/rematch`,
      payload: {},
    });
    expect(rematch.statusCode, rematch.body).toBe(200);
    const after = await t.database.db.select().from(relationships).where(eq(relationships.id, r0.id));
    expect(after).toEqual(before);
    const again = await t.database.db
      .select()
      .from(relationships)
      .where(
        and(
          eq(relationships.programmeId, programmeId),
          eq(relationships.menteeId, mentee(1).personId),
          eq(relationships.status, 'proposed'),
        ),
      );
    for (const r of again) expect(r.mentorId).not.toBe(r1.mentor.id);
    const rematched = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'match.rematched'));
    expect(rematched).toHaveLength(1);
  });
});

describe('withdrawals', () => {
  it('withdraws a pending proposal when its mentee leaves the programme, freeing the place for a re-match', async () => {
    const [enrolment] = (
      await mentee(2).call({ method: 'GET', url: `/api/programmes/${programmeId}/enrolments` })
    ).json();
    const pending = await t.database.db
      .select()
      .from(relationships)
      .where(and(eq(relationships.menteeId, mentee(2).personId), eq(relationships.status, 'proposed')));
    expect(pending).toHaveLength(1);
    const left = await mentee(2).call({ method: 'POST', url: `/api/enrolments/${enrolment.id}/withdraw` });
    expect(left.statusCode, left.body).toBe(200);
    const res = await manager({ method: 'POST', url: `/api/programmes/${programmeId}/rematch`, payload: {} });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().proposalsWithdrawn).toBe(1);
    const [after] = await t.database.db
      .select()
      .from(relationships)
      .where(eq(relationships.id, (pending[0] as { id: string }).id));
    expect(after?.status).toBe('withdrawn');
    const view = await mentee(2).call({ method: 'GET', url: `/api/relationships/${after?.id}` });
    expect(view.json().status).toBe('withdrawn');
  });
});

describe('capacity under concurrency', () => {
  it('never lets accepted matches exceed a mentor’s capacity, however many accept at once', async () => {
    const programme = await createProgramme(manager, 'conventional', topicIds, 'Crowded programme');
    const busy = await addPerson(t, org, 'busy-mentor', { jobLevel: 9, department: 'Strategy' });
    await enrolAs(busy.call, programme, 'mentor', topicIds, 2);
    const hopefuls: PersonFixture[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await addPerson(t, org, `hopeful-${i}`, { jobLevel: 2 });
      await enrolAs(p.call, programme, 'mentee', topicIds);
      hopefuls.push(p);
    }
    // Five proposals for two places (as after a capacity cut): the mentor accepts them all first.
    const rows = await t.database.db
      .insert(relationships)
      .values(
        hopefuls.map((h) => ({
          orgId: org.orgId,
          programmeId: programme,
          mentorId: busy.personId,
          menteeId: h.personId,
          status: 'proposed' as const,
          mentorResponse: 'accepted' as const,
        })),
      )
      .returning();
    const answers = await Promise.all(
      rows.map((r, i) =>
        (hopefuls[i] as PersonFixture).call({
          method: 'POST',
          url: `/api/relationships/${r.id}/respond`,
          payload: { response: 'accept' },
        }),
      ),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([200, 200, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409))
      expect(a.json().error.fields[0].path).toBe('capacity');
    const active = await t.database.db
      .select()
      .from(relationships)
      .where(and(eq(relationships.programmeId, programme), eq(relationships.status, 'active')));
    expect(active).toHaveLength(2);
  });
});

describe('decline reasons', () => {
  it('are stored apart from the relationship', async () => {
    const rows = await t.database.db.select().from(declineReasons);
    expect(rows).toHaveLength(1);
  });
});
