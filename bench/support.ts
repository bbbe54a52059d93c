// What the benchmarks share: their numeric flags, a free port, and a throwaway PostgreSQL server.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pgServer = join(dirname(fileURLToPath(import.meta.url)), '..', 'scripts/pg-server.mjs');

/**
 * `--name N` from the command line, a positive whole number (or, with `fractions`, any positive
 * number: seconds, say), else `fallback`.
 */
export function flag(
  argv: string[],
  name: string,
  fallback: number,
  options: { fractions?: boolean } = {},
): number {
  const i = argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  const kind = options.fractions ? 'number' : 'whole number';
  if (!(options.fractions ? Number.isFinite(value) : Number.isInteger(value)) || value <= 0)
    throw new Error(`--${name} must be a positive ${kind}`);
  return value;
}

/** A TCP port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface PostgresServer {
  url: string;
  stop(): void;
}

/** A fresh PostgreSQL cluster on a free port (scripts/pg-server.mjs); throws when none can start here. */
export async function startPostgres(): Promise<PostgresServer> {
  const port = String(await freePort());
  const url = execFileSync(process.execPath, [pgServer, 'start', port], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
  return { url, stop: () => execFileSync(process.execPath, [pgServer, 'stop', port], { stdio: 'ignore' }) };
}
