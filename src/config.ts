// The environment, parsed once with zod; a bad value stops start-up with a clear message.
import { z } from 'zod';

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  TWOWAY_DATA_DIR: z.string().min(1).default('./.twoway'),
  TWOWAY_DEMO: boolFromEnv.default(true),
  TWOWAY_DEMO_PEOPLE: z.coerce.number().int().min(50).max(200_000).default(600),
  TWOWAY_ALLOW_SIGNUP: boolFromEnv.default(true),
  /** Serve (and build when stale) the web app; false serves the API alone. */
  TWOWAY_WEB: boolFromEnv.default(true),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 14),
  COOKIE_SECURE: boolFromEnv.default(false),
  /** Requests per minute from one address to each public identity route (sign-in, password reset, sign-up). */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  /** New organisations one address may create per hour. */
  ORG_CREATE_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(5),
  /** Other origins whose pages may write, comma-separated (e.g. when a proxy rewrites the Host header). */
  TWOWAY_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }).transform((o) => new URL(o).origin))),
  /** Serve the API reference (/docs and /openapi.json). */
  TWOWAY_API_DOCS: boolFromEnv.default(true),
  /** Where the worker sends email, e.g. smtp://user:pass@mail.example.com:587; unset keeps notifications queued. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** The address people use to reach this server; links in emails start with it (never taken from a request's Host). */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+$/, 'must be http(s)://host[:port] without a path')
    .optional(),
  /** Encrypts stored secrets (single sign-on client secrets): 32 or more characters; unset, a key kept in the database is used. */
  TWOWAY_SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Lets single sign-on issuers be plain http:// (a provider on this machine or in tests); https only otherwise. */
  OIDC_ALLOW_HTTP_ISSUERS: boolFromEnv.default(false),
  MAIL_FROM: z.string().min(3).default('Twoway <no-reply@twoway.local>'),
  WORKER_INTERVAL_SECONDS: z.coerce.number().min(0.2).max(3600).default(10),
  /** Most data rows one people import may hold; a larger file answers 413. */
  TWOWAY_IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(5_000_000).default(200_000),
  /** On SIGTERM, how long requests in flight and the current worker pass may take before the process exits anyway. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  /** A request slower than this many milliseconds is logged at warn with its route and time. */
  SLOW_REQUEST_MS: z.coerce.number().int().min(1).max(3_600_000).default(1000),
  /** Serves /metrics on the public port to requests bearing this token (Authorization: Bearer ...); unset, /metrics answers 404 there. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Serves /metrics, without a token, on this port of its own (bound to METRICS_HOST), for a scraper on a private network. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
