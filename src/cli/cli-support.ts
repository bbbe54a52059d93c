// What the commands share: argument checks, a progress bar on stderr, the database for one
// command, and the organisation it acts in.
import { SingleBar } from 'cli-progress';
import { InvalidArgumentError } from 'commander';
import { asc } from 'drizzle-orm';
import { type Config, loadConfig } from '../config.js';
import type { Database, Db } from '../db/client.js';
import { organisations } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { systemActor } from '../identity/system-actor.js';
import { openConfiguredDatabase } from '../server.js';
import { callApi, type RemoteOptions, remoteOf } from './remote.js';

export const integer = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
  return n;
};

export function progressBar(label: string) {
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total}`,
    stream: process.stderr,
    hideCursor: true,
  });
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** Opens the configured database (migrated) for one command, and closes it after. */
export async function withDatabase<T>(run: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    await database.exclusively(() => database.migrate());
    return await run(database, config);
  } finally {
    await database.close();
  }
}

/** The organisation named by --org, or the only one there is. */
export async function resolveOrg(database: Database, slug: string | undefined): Promise<string> {
  const all = await database.db
    .select({ id: organisations.id, slug: organisations.slug })
    .from(organisations)
    .orderBy(asc(organisations.slug));
  if (slug) {
    const hit = all.find((o) => o.slug === slug);
    if (!hit)
      throw new AppError(
        'not_found',
        `No organisation "${slug}". Known: ${all.map((o) => o.slug).join(', ') || 'none'}.`,
      );
    return hit.id;
  }
  if (all.length === 1 && all[0]) return all[0].id;
  throw new AppError(
    'validation_failed',
    `Say which organisation with --org <slug> (known: ${all.map((o) => o.slug).join(', ') || 'none'}).`,
    {
      fields: [{ path: '--org', message: 'is required when there is not exactly one organisation' }],
    },
  );
}

/** A command's id argument, checked before anything opens the database. */
export const uuidOf = (name: string, value: string) => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
    throw new AppError(
      'validation_failed',
      `${name} must be an id (UUID), like the ones \`twoway programmes list\` prints.`,
      {
        fields: [{ path: name, message: 'must be an id (UUID)' }],
      },
    );
  }
  return value;
};

/**
 * A command that runs on a remote server (--server and --token) or on this machine's database:
 * the API request when a server is given, else `local` as the organisation's system actor.
 */
export async function remoteOrLocal<T>(
  opts: RemoteOptions & { org?: string },
  request: { method: 'GET' | 'POST'; path: string; body?: unknown },
  local: (db: Db, actor: Actor) => Promise<T>,
): Promise<T> {
  const remote = remoteOf(opts);
  if (remote) return callApi<T>(remote, request.method, request.path, request.body);
  return withDatabase(async (database) =>
    local(database.db, systemActor(await resolveOrg(database, opts.org))),
  );
}
