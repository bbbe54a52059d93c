// `npm start`: serves the web app and API on port 3000 (embedded database by default).
import { loadConfig } from './config.js';
import { startServer } from './server.js';

async function main() {
  const services = (process.argv.find((a) => a.startsWith('--services='))?.split('=')[1] ?? 'web,worker').split(',');
  const config = loadConfig();
  if (!services.includes('web')) {
    process.stderr.write('Only the web service runs in this version; start with --services=web.\n');
    process.exit(2);
  }
  const server = await startServer(config);
  const shutdown = async (signal: string) => {
    process.stdout.write(`\n${signal}: stopping...\n`);
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: Error) => {
  process.stderr.write(`Twoway could not start: ${err.message}\n`);
  process.exit(1);
});
