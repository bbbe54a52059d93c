// No input answers 500: junk bodies, ids and query strings against every
// write endpoint of relationships and match runs get a 4xx and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { createWorld, type World } from './testing.js';

let t: TestApp;
let w: World;
let meetingId: string;
let noteId: string;
let actionId: string;
let journeyId: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t, 'junk');
  const rel = `/api/relationships/${w.relationshipId}`;
  const a = await w.mentee.call({
    method: 'PUT',
    url: `${rel}/agreement`,
    payload: {
      goals: [{ text: 'Learn' }],
      cadence: 'monthly',
      channel: 'video',
      durationMonths: 3,
      confidentialContactId: w.org.personIds.org_admin,
    },
  });
  for (const p of [w.mentor, w.mentee])
    await p.call({ method: 'POST', url: `${rel}/agreement/sign`, payload: { version: a.json().version } });
  meetingId = (
    await w.mentor.call({
      method: 'POST',
      url: `${rel}/meetings`,
      payload: { startsAt: new Date(Date.now() + 86_400_000).toISOString() },
    })
  ).json().id;
  noteId = (
    await w.mentor.call({
      method: 'POST',
      url: `${rel}/notes`,
      payload: { visibility: 'private', body: 'n' },
    })
  ).json().id;
  actionId = (
    await w.mentor.call({ method: 'POST', url: `${rel}/actions`, payload: { kind: 'action', title: 'a' } })
  ).json().id;
  journeyId = (
    await w.mentor.call({
      method: 'POST',
      url: '/api/journey',
      payload: { kind: 'lesson', year: 2020, title: 'j' },
    })
  ).json().id;
});
afterAll(() => t.close());

const junk: unknown[] = [
  null,
  [],
  'text',
  42,
  { version: -1 },
  { version: 'one' },
  { startsAt: '2027-02-30T10:00:00Z' },
  { startsAt: '9999-12-31T23:00:00Z' },
  { startsAt: 'tomorrow' },
  { body: 'a\u0000b', visibility: 'shared' },
  { visibility: 'shared', body: 'x'.repeat(100_000) },
  { response: 'maybe' },
  { response: 'decline', reason: { nested: true } },
  { goals: 'all of them', cadence: 'hourly' },
  { goals: [{ text: '' }], cadence: 'monthly', channel: 'video', durationMonths: 0 },
  { value: 0, heard: 6, talking: 'me', comment: 7 },
  { to: 'archived', version: 1 },
  { kind: 'goal', title: 'x', dueOn: '2027-13-01' },
  { kind: 'lesson', year: 99999, title: 'x' },
  { mentorIds: ['not-a-uuid'] },
  { settings: { objective: 'total', weights: { topics: -1 } } },
  { settings: { rules: { minScore: 7 } } },
  { mentorId: 'x', menteeId: 'y', kind: 'pinned' },
  { __proto__: { polluted: true }, constructor: { prototype: {} } },
];

const badIds = [
  'nope',
  '00000000-0000-0000-0000-000000000000',
  `${'f'.repeat(8)}-ffff-ffff-ffff-${'f'.repeat(12)}`,
];

describe('bad input', () => {
  it('answers junk bodies on every write endpoint with a 4xx', async () => {
    const writes: [string, string][] = [
      ['POST', `/api/relationships/${w.relationshipId}/respond`],
      ['POST', `/api/relationships/${w.relationshipId}/transitions`],
      ['PUT', `/api/relationships/${w.relationshipId}/agreement`],
      ['POST', `/api/relationships/${w.relationshipId}/agreement/sign`],
      ['POST', `/api/relationships/${w.relationshipId}/meetings`],
      ['PATCH', `/api/meetings/${meetingId}`],
      ['POST', `/api/meetings/${meetingId}/cancel`],
      ['POST', `/api/meetings/${meetingId}/record`],
      ['POST', `/api/meetings/${meetingId}/feedback`],
      ['POST', `/api/relationships/${w.relationshipId}/notes`],
      ['PATCH', `/api/notes/${noteId}`],
      ['POST', '/api/journey'],
      ['PATCH', `/api/journey/${journeyId}`],
      ['POST', `/api/relationships/${w.relationshipId}/learning`],
      ['POST', `/api/relationships/${w.relationshipId}/actions`],
      ['PATCH', `/api/actions/${actionId}`],
      ['POST', `/api/relationships/${w.relationshipId}/check-ins`],
      ['POST', `/api/relationships/${w.relationshipId}/reflection`],
      ['PUT', `/api/programmes/${w.programmeId}/ranking`],
    ];
    const managerWrites: [string, string][] = [
      ['POST', `/api/programmes/${w.programmeId}/match-runs`],
      ['POST', `/api/programmes/${w.programmeId}/rematch`],
      ['POST', `/api/programmes/${w.programmeId}/pair-rules`],
    ];
    for (const [who, list] of [
      [w.mentor.call, writes],
      [w.manager, managerWrites],
    ] as const) {
      for (const [method, url] of list) {
        for (const payload of junk) {
          const res = await who({
            method: method as 'POST',
            url,
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify(payload),
          });
          expect(
            res.statusCode,
            `${method} ${url} ${JSON.stringify(payload)?.slice(0, 80)} -> ${res.body}`,
          ).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().error.code).toBeTypeOf('string');
        }
      }
    }
    // Nothing changed: still one meeting, one note, active relationship.
    const meetings = (
      await w.mentor.call({ method: 'GET', url: `/api/relationships/${w.relationshipId}/meetings` })
    ).json();
    expect(meetings.meetings).toHaveLength(1);
    const relView = (
      await w.mentor.call({ method: 'GET', url: `/api/relationships/${w.relationshipId}` })
    ).json();
    expect(relView.status).toBe('active');
  });

  it('answers malformed and unknown ids with 400 or 404', async () => {
    const paths = [
      '/api/relationships/:id',
      '/api/relationships/:id/notes',
      '/api/meetings/:id/ics',
      '/api/notes/:id',
      '/api/match-runs/:id',
      '/api/programmes/:id/shortlist',
    ];
    for (const p of paths) {
      for (const id of badIds) {
        const res = await w.manager({ method: 'GET', url: p.replace(':id', id) });
        expect([400, 403, 404], `${p} ${id}: ${res.body}`).toContain(res.statusCode);
      }
    }
    const cmp = await w.manager({ method: 'GET', url: `/api/match-runs/${badIds[1]}/compare?with=nope` });
    expect(cmp.statusCode).toBe(400);
    const nul = await w.mentor.call({
      method: 'GET',
      url: `/api/relationships/${w.relationshipId}/notes?visibility=%00`,
    });
    expect(nul.statusCode).toBe(400);
  });

  it('names the field for a NUL character and a meeting too far ahead', async () => {
    const nul = await w.mentor.call({
      method: 'POST',
      url: `/api/relationships/${w.relationshipId}/notes`,
      payload: { visibility: 'shared', body: 'a\u0000b' },
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.fields).toEqual([{ path: 'body', message: 'must not contain NUL characters' }]);
    const far = await w.mentor.call({
      method: 'POST',
      url: `/api/relationships/${w.relationshipId}/meetings`,
      payload: { startsAt: '2999-01-01T10:00:00Z' },
    });
    expect(far.statusCode).toBe(400);
    expect(far.json().error.fields[0].path).toBe('startsAt');
  });
});
