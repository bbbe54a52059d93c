// Cross-site writes: another site's page holding the session cookie cannot change anything,
// and every answer carries the headers that keep the app out of foreign frames and caches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgramme, createTopics, createWorld, enrolAs, type World } from '../relationships/testing.js';
import { createTestApp, type TestApp } from './testing.js';

let t: TestApp;
let w: World;
let enrolmentId: string;
let runId: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t, 'xsite');
  const topicIds = await createTopics(w.manager, ['Cloud']);
  const programmeId = await createProgramme(w.manager, 'reverse', topicIds, 'Second round');
  enrolmentId = (await enrolAs(w.mentor.call, programmeId, 'mentor', topicIds)).id;
  await enrolAs(w.mentee.call, programmeId, 'mentee', topicIds);
  await w.manager({
    method: 'POST',
    url: `/api/programmes/${programmeId}/transitions`,
    payload: { to: 'matching' },
  });
  const run = await w.manager({
    method: 'POST',
    url: `/api/programmes/${programmeId}/match-runs`,
    payload: {},
  });
  expect(run.statusCode, run.body).toBe(201);
  runId = run.json().id;
});
afterAll(() => t.close());

const enrolment = async () =>
  (await w.mentor.call({ method: 'GET', url: `/api/enrolments/${enrolmentId}` })).json();
const enrolmentStatus = async () => (await enrolment()).status;
const runStatus = async () =>
  (await w.manager({ method: 'GET', url: `/api/match-runs/${runId}` })).json().status;

describe('cross-site writes', () => {
  it('refuses a text/plain form that would withdraw an enrolment (415) and keeps the enrolment', async () => {
    const before = await enrolmentStatus();
    const res = await w.mentor.call({
      method: 'POST',
      url: `/api/enrolments/${enrolmentId}/withdraw`,
      headers: { 'content-type': 'text/plain' },
      payload: '{"x":"=y"}',
    });
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().error).toMatchObject({
      code: 'unsupported_media_type',
      fields: [{ path: 'content-type', message: 'must be application/json' }],
    });
    expect(await enrolmentStatus()).toBe(before);
  });

  it('refuses a text/plain discard of a match run (415) and an empty form post (415)', async () => {
    const plain = await w.manager({
      method: 'POST',
      url: `/api/match-runs/${runId}/discard`,
      headers: { 'content-type': 'text/plain' },
      payload: 'a=b',
    });
    expect(plain.statusCode, plain.body).toBe(415);
    const emptyForm = await w.manager({
      method: 'POST',
      url: `/api/match-runs/${runId}/discard`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(emptyForm.statusCode, emptyForm.body).toBe(415);
    expect(await runStatus()).toBe('draft');
  });

  it('refuses a body-less POST labelled with a type its route reads (415): only a DELETE may name one', async () => {
    const csv = await w.manager({
      method: 'POST',
      url: '/api/people/import',
      headers: { 'content-type': 'text/csv' },
    });
    expect(csv.statusCode, csv.body).toBe(415);
    expect(csv.json().error.code).toBe('unsupported_media_type');
  });

  it('refuses a JSON write from a foreign Origin or a cross-site fetch (403), whoever holds the cookie', async () => {
    const attempts = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'http://localhost:8080' }, // same site, other port: still another origin
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    const { version } = await enrolment();
    for (const headers of attempts) {
      const res = await w.mentor.call({
        method: 'PATCH',
        url: `/api/enrolments/${enrolmentId}`,
        headers: { host: 'localhost:3000', ...headers },
        payload: { goals: 'written by another site', version },
      });
      expect(res.statusCode, `${JSON.stringify(headers)}: ${res.body}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const discard = await w.manager({
      method: 'POST',
      url: `/api/match-runs/${runId}/discard`,
      headers: { origin: 'https://evil.example' },
    });
    expect(discard.statusCode).toBe(403);
    expect(await runStatus()).toBe('draft');
    expect(await enrolment()).toMatchObject({ version });
  });

  it('accepts the app’s own writes: same origin, JSON, and a body-less action without a content type', async () => {
    const own = await w.manager({
      method: 'PATCH',
      url: `/api/enrolments/${enrolmentId}`,
      headers: {
        host: 'twoway.example:8443',
        origin: 'https://twoway.example:8443',
        'sec-fetch-site': 'same-origin',
      },
      payload: { goals: 'share cloud tools', version: (await enrolment()).version },
    });
    expect(own.statusCode, own.body).toBe(200);
    const discard = await w.manager({
      method: 'POST',
      url: `/api/match-runs/${runId}/discard`,
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(discard.statusCode, discard.body).toBe(200);
  });

  it('takes an origin listed in TWOWAY_ALLOWED_ORIGINS (a proxy that rewrites Host)', async () => {
    const proxied = await createTestApp({ TWOWAY_ALLOWED_ORIGINS: 'https://mentoring.example.com' });
    try {
      const res = (origin: string) =>
        proxied.app.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          headers: { host: '127.0.0.1:3000', origin },
          payload: { email: 'nobody@x.test', password: 'x' },
        });
      expect((await res('https://mentoring.example.com')).statusCode).toBe(401);
      expect((await res('https://evil.example')).statusCode).toBe(403);
    } finally {
      await proxied.close();
    }
  });
});

describe('security headers', () => {
  it('forbids framing, sniffing and referrers on every answer, and caching of API answers', async () => {
    for (const url of ['/api/me', '/api/no-such-thing', '/healthz', '/docs/', '/openapi.json']) {
      const res = await w.mentor.call({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("script-src 'self'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
      if (url.startsWith('/api/')) expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('sends HSTS and upgrades insecure requests once cookies are secure', async () => {
    const secure = await createTestApp({ COOKIE_SECURE: 'true' });
    try {
      const res = await secure.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });
});
