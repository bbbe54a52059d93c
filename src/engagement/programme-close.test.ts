import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp } from '../api/testing.js';
import { relationships } from '../db/schema.js';
import {
  accept,
  addPerson,
  createProgramme,
  createTopics,
  enrolAs,
  type PersonFixture,
} from '../relationships/testing.js';
import { agreedPair, outboxOf, type Pair } from './testing.js';

let t: TestApp;
let pair: Pair;

beforeAll(async () => {
  t = await createTestApp();
  pair = await agreedPair(t, 'closing');
});
afterAll(async () => {
  await t.close();
});

describe('closing a programme', () => {
  it('closes its relationships, asks each person for the closing reflection and sends the managers a summary', async () => {
    const res = await pair.manager({
      method: 'POST',
      url: `/api/programmes/${pair.programmeId}/transitions`,
      payload: { to: 'closed' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [rel] = await t.database.db
      .select()
      .from(relationships)
      .where(eq(relationships.id, pair.relationshipId));
    expect(rel?.status).toBe('closed');
    expect(rel?.closedAt).toBeInstanceOf(Date);
    const emails = await outboxOf(t, pair.org.orgId, ['relationship.closed', 'programme.closed']);
    expect(emails.map((e) => [e.kind, e.to, e.subject])).toEqual([
      [
        'relationship.closed',
        'junior-mentor@closing.test',
        'Your mentoring relationship is closed: a short reflection?',
      ],
      ['programme.closed', 'programme_manager@closing.test', 'reverse programme is closed: summary'],
      [
        'relationship.closed',
        'senior-mentee@closing.test',
        'Your mentoring relationship is closed: a short reflection?',
      ],
    ]);
    expect(emails[1]?.body).toContain('1 relationships closed, 0 unanswered proposals withdrawn.');
    expect(emails[1]?.body).toContain('2 people asked for a closing reflection.');
    // The relationship now takes the reflection it asked for.
    const reflect = await pair.mentee.call({
      method: 'POST',
      url: `/api/relationships/${pair.relationshipId}/reflection`,
      payload: { whatChanged: 'I plan with AI now', wouldDoAgain: 'yes', wouldSwapRoles: 'maybe' },
    });
    expect(reflect.statusCode, reflect.body).toBe(201);
  });
});

describe('closing a circles programme', () => {
  it('asks the facilitator and every member still in a circle for the closing reflection, not one who declined', async () => {
    const org = await createTestOrg(t, 'circle-close');
    const manager = as(t.app, org.cookies.programme_manager);
    const [topicId] = await createTopics(manager, ['Generative AI']);
    const programmeId = await createProgramme(
      manager,
      'conventional',
      [topicId as string],
      'AI circles',
      'circles',
    );
    const lead = await addPerson(t, org, 'lead', { jobLevel: 8, department: 'Technology' });
    await enrolAs(lead.call, programmeId, 'mentor', [topicId as string]);
    const members: PersonFixture[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await addPerson(t, org, `member-${i}`, { jobLevel: 2, department: 'Operations' });
      await enrolAs(m.call, programmeId, 'mentee', [topicId as string]);
      members.push(m);
    }
    const post = async (url: string, payload: Record<string, unknown> = {}, status = 200) => {
      const res = await manager({ method: 'POST', url, payload });
      expect(res.statusCode, res.body).toBe(status);
      return res.json() as { id: string };
    };
    await post(
      `/api/programmes/${programmeId}/circles`,
      { name: 'AI practice', topicIds: [topicId], facilitatorIds: [lead.personId], minSize: 2, maxSize: 3 },
      201,
    );
    await post(`/api/programmes/${programmeId}/transitions`, { to: 'matching' });
    const run = await post(`/api/programmes/${programmeId}/match-runs`, {}, 201);
    await post(`/api/match-runs/${run.id}/publish`);
    const [circle] = await t.database.db
      .select()
      .from(relationships)
      .where(eq(relationships.programmeId, programmeId));
    const circleId = circle?.id as string;
    const [first, second, third] = members as [PersonFixture, PersonFixture, PersonFixture];
    for (const p of [lead, first, second]) await accept(p.call, circleId);
    const declined = await third.call({
      method: 'POST',
      url: `/api/relationships/${circleId}/respond`,
      payload: { response: 'decline' },
    });
    expect(declined.statusCode, declined.body).toBe(200);

    await post(`/api/programmes/${programmeId}/transitions`, { to: 'closed' });
    const asks = await outboxOf(t, org.orgId, ['relationship.closed']);
    expect(asks.map((e) => e.to)).toEqual([
      `lead@${org.slug}.test`,
      `member-0@${org.slug}.test`,
      `member-1@${org.slug}.test`,
    ]);
    expect(asks[0]?.body).toContain('AI practice');
    const [summary] = await outboxOf(t, org.orgId, ['programme.closed']);
    expect(summary?.body).toContain('3 people asked for a closing reflection.');
    const reflect = await first.call({
      method: 'POST',
      url: `/api/relationships/${circleId}/reflection`,
      payload: { whatChanged: 'I prompt daily', wouldDoAgain: 'yes', wouldSwapRoles: 'maybe' },
    });
    expect(reflect.statusCode, reflect.body).toBe(201);
  });
});
