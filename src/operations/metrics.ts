// /metrics in Prometheus format, for the operator: requests and latency by route
// pattern, the PostgreSQL pool, the notification outbox, emails sent and failed, and
// the time matching runs take. Nothing here names a person or an organisation.
// Served on the public port only with METRICS_TOKEN (a bearer token), or on a port of
// its own (METRICS_PORT); otherwise /metrics does not exist.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { AppError } from '../errors.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Null when metrics are off (neither METRICS_TOKEN nor METRICS_PORT). */
    metricsRegistry: Registry | null;
  }
}

const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

// The routes whose request runs the matching engine.
const matchingRoute = /\/match-runs$|\/rematch$/;

async function rowsOf<T>(database: Database, query: string): Promise<T[]> {
  const result = (await database.db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** A registry holding every Twoway metric for one process and database. */
export function createMetrics(database: Database): {
  registry: Registry;
  observeRequest(method: string, route: string, status: number, ms: number): void;
} {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'twoway_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'twoway_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: seconds,
    registers: [registry],
  });
  const matching = new Histogram({
    name: 'twoway_matching_run_duration_seconds',
    help: 'Time to make a match run or a rematch (the request that runs the engine), successful runs only',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [registry],
  });
  if (database.kind === 'postgres') {
    const pool = (database.db as unknown as { $client: Pool }).$client;
    new Gauge({
      name: 'twoway_db_pool_connections',
      help: 'PostgreSQL connections of this process: total open, idle, and requests waiting for one',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
  // The outbox is shared by every process on the database, so these are read from it.
  new Gauge({
    name: 'twoway_notifications',
    help: 'Notifications in the outbox by status: pending (queued or retrying), sent, failed (given up), skipped (the recipient turned the kind off by email)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await rowsOf<{ status: string; n: number }>(
        database,
        'select status, count(*)::int as n from notification_outbox group by status',
      );
      for (const status of ['pending', 'sent', 'failed', 'skipped'])
        this.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
    },
  });
  // The registry collects every metric at once; the three outbox gauges share one query.
  type OutboxRow = { due: number; retrying: number; age: number | null };
  let inFlight: Promise<OutboxRow | undefined> | null = null;
  const outbox = () => {
    inFlight ??= rowsOf<OutboxRow>(
      database,
      `select count(*) filter (where available_at <= now())::int as due,
              count(*) filter (where attempts > 0)::int as retrying,
              extract(epoch from now() - min(available_at) filter (where available_at <= now()))::float8 as age
         from notification_outbox where status = 'pending'`,
    )
      .then((rows) => rows[0])
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
  new Gauge({
    name: 'twoway_outbox_due',
    help: 'Notifications due to be sent now (pending and available)',
    registers: [registry],
    async collect() {
      this.set((await outbox())?.due ?? 0);
    },
  });
  new Gauge({
    name: 'twoway_outbox_retrying',
    help: 'Pending notifications whose sending has failed at least once',
    registers: [registry],
    async collect() {
      this.set((await outbox())?.retrying ?? 0);
    },
  });
  new Gauge({
    name: 'twoway_outbox_oldest_due_age_seconds',
    help: 'How long the oldest due notification has been waiting (0 when none is due)',
    registers: [registry],
    async collect() {
      this.set(Math.max(0, Number((await outbox())?.age ?? 0)));
    },
  });
  return {
    registry,
    observeRequest(method, route, status, ms) {
      requests.inc({ method, route, status_code: status });
      latency.observe({ method, route }, ms / 1000);
      if (method === 'POST' && status < 300 && matchingRoute.test(route)) matching.observe(ms / 1000);
    },
  };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Counts every request by route pattern, warns about slow ones (with the request id
 * pino puts on every line), and serves /metrics behind METRICS_TOKEN when it is set.
 */
export function registerMetrics(app: FastifyInstance, database: Database, config: Config): Registry | null {
  // Off unless served: no registry, timers or per-request cost for nothing.
  const metrics = config.METRICS_TOKEN || config.METRICS_PORT ? createMetrics(database) : null;
  app.addHook('onResponse', async (request, reply) => {
    // The pattern (/api/people/:personId), never the raw URL: bounded labels, no ids.
    const route = request.routeOptions.url ?? 'unmatched';
    const ms = reply.elapsedTime;
    metrics?.observeRequest(request.method, route, reply.statusCode, ms);
    if (ms > config.SLOW_REQUEST_MS)
      request.log.warn(
        { route, method: request.method, ms: Math.round(ms), statusCode: reply.statusCode },
        'slow request',
      );
  });
  const token = config.METRICS_TOKEN;
  if (metrics && token)
    app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const header = request.headers.authorization ?? '';
      if (!header.startsWith('Bearer ') || !sameToken(header.slice(7), token))
        throw new AppError('unauthenticated', 'A bearer token (METRICS_TOKEN) is required for /metrics.');
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
  return metrics?.registry ?? null;
}

/** /metrics alone on a port of its own (METRICS_PORT), for a scraper on a private network. */
export async function startMetricsServer(registry: Registry, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
