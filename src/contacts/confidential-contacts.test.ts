// Confidential-contact choices: the two people in a relationship see the organisation's
// programme managers and admins (never themselves); nobody else may ask.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { createWorld, type World } from '../relationships/testing.js';

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t, 'contacts');
});
afterAll(async () => t.close());

const url = () => `/api/relationships/${w.relationshipId}/contact-options`;

describe('confidential contact options', () => {
  it('lists the programme managers and admins to either person in the pair', async () => {
    for (const p of [w.mentor, w.mentee]) {
      const res = await p.call({ method: 'GET', url: url() });
      expect(res.statusCode, res.body).toBe(200);
      const ids = res.json().map((c: { id: string }) => c.id);
      expect(ids).toEqual(
        expect.arrayContaining([w.org.personIds.programme_manager, w.org.personIds.org_admin]),
      );
      expect(ids).not.toContain(w.mentor.personId);
      expect(ids).not.toContain(w.mentee.personId);
      expect(ids).not.toContain(w.org.personIds.participant);
    }
  });

  it('is refused to anyone outside the pair', async () => {
    expect((await w.bystander({ method: 'GET', url: url() })).statusCode).toBe(404);
    expect((await w.outsider({ method: 'GET', url: url() })).statusCode).toBe(404);
    expect((await w.manager({ method: 'GET', url: url() })).statusCode).toBe(403);
  });

  it('a reverse agreement accepts a listed contact', async () => {
    const [contact] = (await w.mentor.call({ method: 'GET', url: url() })).json();
    const put = await w.mentor.call({
      method: 'PUT',
      url: `/api/relationships/${w.relationshipId}/agreement`,
      payload: {
        goals: [{ learner: 'mentee', text: 'Run a team channel' }],
        cadence: 'monthly',
        channel: 'in_person',
        durationMonths: 6,
        confidentialContactId: contact.id,
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().confidentialContact).toEqual({ id: contact.id, name: contact.name });
  });
});
