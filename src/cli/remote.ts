// The CLI against a remote Twoway server: `--server` and `--token` (or TWOWAY_SERVER and
// TWOWAY_TOKEN) send a command's request to the HTTP API with an API token, instead of
// opening the database on this machine.
import type { Command } from 'commander';
import { z } from 'zod';
import { AppError, errorCodes } from '../errors.js';

export interface Remote {
  server: string;
  token: string;
}

export interface RemoteOptions {
  server?: string;
  token?: string;
}

/** Adds --server and --token to a command that can run against a remote server. */
export function remoteOptions(command: Command): Command {
  return command
    .option(
      '--server <url>',
      'run against this Twoway server (or TWOWAY_SERVER) instead of the local database',
    )
    .option('--token <token>', 'API token for --server (or TWOWAY_TOKEN); create one under API tokens');
}

const serverSchema = z
  .string()
  .regex(/^https?:\/\/[^/\s]+\/?$/, 'must be http(s)://host[:port]')
  .transform((s) => s.replace(/\/$/, ''));

/** The remote server and token, when given by options or environment; null for the local database. */
export function remoteOf(opts: RemoteOptions, env: NodeJS.ProcessEnv = process.env): Remote | null {
  const server = opts.server ?? env.TWOWAY_SERVER;
  const token = opts.token ?? env.TWOWAY_TOKEN;
  if (!server && !token) return null;
  if (!server || !token)
    throw new AppError(
      'validation_failed',
      'A remote server needs both --server and --token (or TWOWAY_SERVER and TWOWAY_TOKEN).',
      {
        fields: [{ path: server ? '--token' : '--server', message: 'is required with the other' }],
      },
    );
  const parsed = serverSchema.safeParse(server);
  if (!parsed.success)
    throw new AppError('validation_failed', `--server ${parsed.error.issues[0]?.message}.`, {
      fields: [{ path: '--server', message: parsed.error.issues[0]?.message ?? 'is not valid' }],
    });
  return { server: parsed.data, token };
}

const errorBody = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/** One API call with the token; the server's error comes back as the same AppError the CLI prints locally. */
export async function callApi<T>(
  remote: Remote,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${remote.server}/api${path}`, {
      method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${remote.token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(120_000),
    });
  } catch (err) {
    throw new AppError('unavailable', `Cannot reach ${remote.server}: ${(err as Error).message}.`);
  }
  const text = await res.text();
  if (res.ok) return (text ? JSON.parse(text) : undefined) as T;
  let parsed: z.infer<typeof errorBody> | null = null;
  try {
    parsed = errorBody.parse(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (!parsed)
    throw new AppError('unavailable', `${remote.server} answered ${res.status} without an error body.`);
  throw new AppError(
    parsed.error.code,
    parsed.error.message,
    parsed.error.fields ? { fields: parsed.error.fields } : {},
  );
}
