// `npm start`: serves the web app and API on port 3000 (embedded database by default)
// and runs the notification worker; `--services=web` or `--services=worker` runs one.
import { exitAfterOutput } from './cli/exit.js';
import { loadConfig } from './config.js';
import { type Service, startServer } from './server.js';

async function main() {
  const services = (
    process.argv.find((a) => a.startsWith('--services='))?.split('=')[1] ?? 'web,worker'
  ).split(',');
  const unknown = services.filter((s) => s !== 'web' && s !== 'worker');
  if (unknown.length || services.length === 0) {
    process.stderr.write(
      `--services takes web, worker or both (comma-separated); unknown: ${unknown.join(', ')}\n`,
    );
    return exitAfterOutput(2);
  }
  const config = loadConfig();
  const server = await startServer(config, undefined, services as Service[]);
  // Graceful: the server stops accepting, answers what is in flight, the worker finishes its
  // current pass, and the database closes; past the grace period the process exits anyway.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping (up to ${config.SHUTDOWN_GRACE_SECONDS} s)...\n`);
    const grace = setTimeout(() => {
      process.stderr.write(`Still busy after ${config.SHUTDOWN_GRACE_SECONDS} s; exiting anyway.\n`);
      process.exit(1);
    }, config.SHUTDOWN_GRACE_SECONDS * 1000);
    grace.unref();
    try {
      await server.stop();
    } catch (err) {
      process.stderr.write(`Stopping failed: ${(err as Error).message}\n`);
      await exitAfterOutput(1);
    }
    process.stdout.write('Stopped.\n');
    await exitAfterOutput(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: Error) => {
  process.stderr.write(`Twoway could not start: ${err.message}\n`);
  return exitAfterOutput(1);
});
