// Starts the product: database (PGlite or PostgreSQL), migrations, the demo
// organisation on first run, the web app build, and the HTTP server.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './api/app.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { maintainEmbedded, scheduleMaintenance } from './db/maintenance.js';
import { demoPassword } from './demo/generate.js';
import { seedDemoOnFirstRun } from './demo/seed-demo.js';
import { installJobQueue } from './jobs/queue.js';
import { startWorker, type Worker } from './jobs/worker.js';
import { createMetrics, startMetricsServer } from './operations/metrics.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.DATABASE_URL
    ? openDatabase({ kind: 'postgres', url: config.DATABASE_URL })
    : openDatabase({ kind: 'pglite', dataDir: config.TWOWAY_DATA_DIR });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app when its sources are newer than the last build; a no-op after the first run. */
export function ensureWebBuilt(log: (line: string) => void): void {
  const config = join(root, 'web', 'vite.config.ts');
  if (!existsSync(config)) return;
  const built = join(root, 'web', 'dist', 'index.html');
  const sources = Math.max(
    newestMtime(join(root, 'web', 'src')),
    statSync(config).mtimeMs,
    statSync(join(root, 'web', 'index.html')).mtimeMs,
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  log('Building the web app (first run only)...');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  // Always React's production build, whatever NODE_ENV the server runs under.
  const result = spawnSync(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  // The API stays useful without the web app, so a failed build is reported, not fatal.
  if (result.status !== 0) log('The web app failed to build (see above); serving the API only.');
}

export interface RunningServer {
  app: FastifyInstance | null;
  worker: Worker | null;
  database: Database;
  url: string | null;
  stop(): Promise<void>;
}

export type Service = 'web' | 'worker';

/** Starts the web service, the worker, or both, on one database handle. */
export async function startServer(
  config: Config,
  log: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  services: readonly Service[] = ['web', 'worker'],
): Promise<RunningServer> {
  const database = await openConfiguredDatabase(config);
  // Processes that start together on one empty database: the first migrates and seeds,
  // the others wait for it and then find both done.
  await database.exclusively(async () => {
    await database.migrate();
    if (database.kind === 'postgres') await installJobQueue(database);
    if (config.TWOWAY_DEMO) {
      const seeded = await seedDemoOnFirstRun(database.db, { people: config.TWOWAY_DEMO_PEOPLE, seed: 1 });
      if (seeded) log(`Created the demo organisation (${config.TWOWAY_DEMO_PEOPLE} people).`);
      // The first requests find statistics for the demo's tables (the embedded database).
      if (seeded) await maintainEmbedded(database);
    }
  });
  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (services.includes('web')) {
    if (config.TWOWAY_WEB) ensureWebBuilt(log);
    app = await buildApp({
      database,
      config,
      logger: { level: config.LOG_LEVEL },
      prettyLogs: process.stdout.isTTY === true,
      serveWeb: config.TWOWAY_WEB,
    });
    await app.listen({ port: config.PORT, host: config.HOST });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const host = config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST;
    url = `http://${host}:${port}`;
    log(
      `Twoway is running at ${url} on ${database.kind === 'pglite' ? `PGlite (${config.TWOWAY_DATA_DIR})` : 'PostgreSQL'}.`,
    );
    if (config.TWOWAY_DEMO)
      log(`Demo accounts: admin@, manager@, executive@, junior@northwind.example; password ${demoPassword}`);
  }
  const worker = services.includes('worker') ? startWorker(database.db, config, log, { database }) : null;
  const upkeep = scheduleMaintenance(database, log);
  const metricsServer = config.METRICS_PORT
    ? await startMetricsServer(
        app?.metricsRegistry ?? createMetrics(database).registry,
        config.METRICS_PORT,
        config.METRICS_HOST,
      )
    : null;
  if (metricsServer) log(`Metrics at http://${config.METRICS_HOST}:${config.METRICS_PORT}/metrics.`);
  return {
    app,
    worker,
    database,
    url,
    stop: async () => {
      // A keep-alive connection busy when closing began turns idle later; close each as it
      // does, so a client that holds its connection open cannot stretch the shutdown.
      const idle = app ? setInterval(() => app?.server.closeIdleConnections(), 100) : null;
      try {
        await Promise.all([
          upkeep.stop(),
          worker?.stop(),
          app?.close(),
          metricsServer && new Promise((resolve) => metricsServer.close(resolve)),
        ]);
      } finally {
        if (idle) clearInterval(idle);
      }
      await database.close();
    },
  };
}
