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
  const shutdown = async (signal: string) => {
    process.stdout.write(`\n${signal}: stopping...\n`);
    await server.stop();
    await exitAfterOutput(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: Error) => {
  process.stderr.write(`Twoway could not start: ${err.message}\n`);
  return exitAfterOutput(1);
});
