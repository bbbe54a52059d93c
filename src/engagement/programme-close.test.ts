import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { relationships } from '../db/schema.js';
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
