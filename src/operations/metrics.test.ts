// /metrics as a scraper sees it: hidden without a token, refused with a wrong one,
// figures by route pattern, the outbox read from the database; slow requests are logged.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../api/app.js';
import { createTestApp, createTestOrg, type TestApp } from '../api/testing.js';
import { loadConfig } from '../config.js';
import { startMetricsServer } from './metrics.js';

const token = 'metrics-token-0123456789';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ METRICS_TOKEN: token });
});
afterAll(() => t.close());

const scrape = (authorization?: string) =>
  t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

describe('/metrics', () => {
  it('answers 404 when no token is configured', async () => {
    const bare = await createTestApp();
    try {
      expect((await bare.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it('requires the bearer token', async () => {
    expect((await scrape()).statusCode).toBe(401);
    expect((await scrape(`Bearer ${token}x`)).statusCode).toBe(401);
    expect((await scrape(token)).statusCode).toBe(401);
  });

  it('counts requests by route pattern and reads the outbox and the pool', async () => {
    const org = await createTestOrg(t, 'metrics-org');
    const personId = randomUUID();
    await t.app.inject({ method: 'GET', url: '/healthz' });
    await t.app.inject({
      method: 'GET',
      url: `/api/people/${personId}`,
      headers: { cookie: org.cookies.org_admin },
    });
    await t.database.db.execute(sql`
      insert into notification_outbox (org_id, kind, recipient_email, subject, body, available_at)
      values (${org.orgId}, 'test', 'someone@example.com', 's', 'b', now() - interval '90 seconds'),
             (${org.orgId}, 'test', 'later@example.com', 's', 'b', now() + interval '1 hour')`);

    const res = await scrape(`Bearer ${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toContain('twoway_http_requests_total{method="GET",route="/healthz",status_code="200"} 1');
    expect(text).toMatch(
      /twoway_http_requests_total\{method="GET",route="\/api\/people\/:id",status_code="404"\} 1/,
    );
    expect(text).not.toContain(personId);
    expect(text).toMatch(/twoway_http_request_duration_seconds_count\{method="GET",route="\/healthz"\} 1/);
    expect(text).toContain('twoway_notifications{status="pending"} 2');
    expect(text).toContain('twoway_outbox_due 1');
    const age = Number(text.match(/^twoway_outbox_oldest_due_age_seconds (\S+)$/m)?.[1]);
    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(600);
    if (t.database.kind === 'postgres')
      expect(text).toMatch(/twoway_db_pool_connections\{state="total"\} [1-9]/);
    else expect(text).not.toContain('twoway_db_pool_connections');
  });

  it('serves the same figures on a port of its own', async () => {
    const server = await startMetricsServer(t.app.metricsRegistry as Registry, 0, '127.0.0.1');
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('twoway_outbox_due');
      expect((await fetch(`${base}/api/people`)).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('request logs', () => {
  it('warn about a slow request with its route, time and request id', async () => {
    const lines: string[] = [];
    const app = await buildApp({
      database: t.database,
      config: loadConfig({ TWOWAY_DEMO: 'false', SLOW_REQUEST_MS: '1' }),
      logger: { level: 'warn', stream: { write: (line) => lines.push(line) } },
    });
    try {
      // A query that takes longer than 1 ms on any machine.
      await t.database.db.execute(sql`select pg_sleep(0)`);
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(200);
      const slow = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'slow request');
      expect(slow).toMatchObject({ level: 40, route: '/readyz', method: 'GET' });
      expect(slow.reqId).toBeTruthy();
      expect(slow.ms).toBeGreaterThanOrEqual(1);
    } finally {
      await app.close();
    }
  });
});
