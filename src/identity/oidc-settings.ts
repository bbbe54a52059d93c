// An organisation's OpenID Connect provider: set by its admins, the client secret stored
// encrypted (AES-256-GCM) and never answered, and a connection test (see decision 041).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db, Queryable } from '../db/client.js';
import { appMeta, organisations, ssoSettings } from '../db/schema.js';
import { fieldError } from '../errors.js';
import { type Actor, assertRole } from './actor.js';
import { writeAudit } from './audit.js';
import { publicUrl } from './tokens.js';

export type OidcConfig = Pick<
  Config,
  'TWOWAY_SECRET_KEY' | 'OIDC_ALLOW_HTTP_ISSUERS' | 'PUBLIC_URL' | 'PORT'
>;

/** The URL, or null when the text is not one (zod reports that itself). */
function urlOrNull(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain such as example.com',
  );

export const ssoSettingsInput = z
  .object({
    displayName: z.string().trim().min(1, 'is required').max(60, 'must be at most 60 characters'),
    issuer: z
      .string()
      .trim()
      .url('must be the provider’s issuer URL, such as https://login.example.com')
      .max(500)
      .refine((u) => /^https?:$/.test(urlOrNull(u)?.protocol ?? 'https:'), 'must be an http(s) URL')
      .refine((u) => !urlOrNull(u)?.search && !urlOrNull(u)?.hash, 'must not carry a query or fragment'),
    clientId: z.string().trim().min(1, 'is required').max(300),
    /** Leave out to keep the stored secret. */
    clientSecret: z.string().min(1, 'is required').max(1000).optional(),
    allowedDomains: z
      .array(domainSchema)
      .min(1, 'needs at least one email domain')
      .max(50, 'at most 50 domains'),
    enabled: z.boolean().default(true),
    passwordSignIn: z.boolean().default(true),
  })
  .strict();
export type SsoSettingsInput = z.input<typeof ssoSettingsInput>;

/** The settings as admins see them: whether a secret is set, never the secret. */
export const ssoSettingsResponse = z.object({
  configured: z.boolean(),
  displayName: z.string().nullable(),
  issuer: z.string().nullable(),
  clientId: z.string().nullable(),
  clientSecretSet: z.boolean(),
  allowedDomains: z.array(z.string()),
  enabled: z.boolean(),
  passwordSignIn: z.boolean(),
  /** Register this at the provider as the redirect URI. */
  redirectUri: z.string(),
  /** The sign-in page that offers this organisation's provider. */
  signInUrl: z.string(),
});

export const connectionReportSchema = z.object({
  ok: z.boolean(),
  /** What went wrong, in a sentence (when not ok). */
  problem: z.string().nullable(),
  issuer: z.string().nullable(),
  authorizationEndpoint: z.string().nullable(),
  tokenEndpoint: z.string().nullable(),
  supportsPkce: z.boolean(),
  milliseconds: z.number().int(),
});
export type ConnectionReport = z.infer<typeof connectionReportSchema>;

export const redirectUriOf = (config: OidcConfig) => `${publicUrl(config)}/api/auth/sso/callback`;

// --- the client secret, encrypted at rest -----------------------------------------------

let storedKey: Promise<Buffer> | null = null;

/** TWOWAY_SECRET_KEY, or else a random key kept in the database (made once, shared by every process). */
async function secretKey(db: Queryable, config: OidcConfig): Promise<Buffer> {
  if (config.TWOWAY_SECRET_KEY) return createHash('sha256').update(config.TWOWAY_SECRET_KEY).digest();
  storedKey ??= (async () => {
    await db
      .insert(appMeta)
      .values({ key: 'secret_key', value: randomBytes(32).toString('base64') })
      .onConflictDoNothing();
    const [row] = await db.select().from(appMeta).where(eq(appMeta.key, 'secret_key'));
    return Buffer.from(String(row?.value), 'base64');
  })().catch((error: unknown) => {
    storedKey = null;
    throw error;
  });
  return storedKey;
}

export async function encryptSecret(db: Queryable, config: OidcConfig, plain: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await secretKey(db, config), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
    .join('.');
}

export async function decryptSecret(db: Queryable, config: OidcConfig, stored: string): Promise<string> {
  const [, iv, tag, body] = stored.split('.');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    await secretKey(db, config),
    Buffer.from(iv ?? '', 'base64'),
  );
  decipher.setAuthTag(Buffer.from(tag ?? '', 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body ?? '', 'base64')), decipher.final()]).toString(
    'utf8',
  );
}

// --- settings ---------------------------------------------------------------------------

export async function getSsoSettings(db: Queryable, actor: Actor, config: OidcConfig) {
  assertRole(actor, 'org_admin');
  const [row] = await db.select().from(ssoSettings).where(eq(ssoSettings.orgId, actor.orgId));
  const [org] = await db
    .select({ slug: organisations.slug })
    .from(organisations)
    .where(eq(organisations.id, actor.orgId));
  return {
    configured: Boolean(row),
    displayName: row?.displayName ?? null,
    issuer: row?.issuer ?? null,
    clientId: row?.clientId ?? null,
    clientSecretSet: Boolean(row?.clientSecretEncrypted),
    allowedDomains: row?.allowedDomains ?? [],
    enabled: row?.enabled ?? false,
    passwordSignIn: row?.passwordSignIn ?? true,
    redirectUri: redirectUriOf(config),
    signInUrl: `${publicUrl(config)}/sign-in?org=${encodeURIComponent(org?.slug ?? '')}`,
  };
}

export async function saveSsoSettings(db: Db, actor: Actor, config: OidcConfig, raw: SsoSettingsInput) {
  assertRole(actor, 'org_admin');
  const input = ssoSettingsInput.parse(raw);
  if (new URL(input.issuer).protocol === 'http:' && !config.OIDC_ALLOW_HTTP_ISSUERS)
    throw fieldError('issuer', 'must start with https://');
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(ssoSettings).where(eq(ssoSettings.orgId, actor.orgId));
    if (!before && !input.clientSecret) throw fieldError('clientSecret', 'is required');
    const clientSecretEncrypted = input.clientSecret
      ? await encryptSecret(tx, config, input.clientSecret)
      : (before?.clientSecretEncrypted as string);
    const values = {
      displayName: input.displayName,
      issuer: input.issuer.replace(/\/$/, ''),
      clientId: input.clientId,
      clientSecretEncrypted,
      allowedDomains: [...new Set(input.allowedDomains)],
      enabled: input.enabled,
      passwordSignIn: input.passwordSignIn,
      updatedAt: new Date(),
    };
    await tx
      .insert(ssoSettings)
      .values({ orgId: actor.orgId, ...values })
      .onConflictDoUpdate({ target: ssoSettings.orgId, set: values });
    await writeAudit(tx, actor, actor.orgId, {
      action: 'sso.settings_saved',
      entityType: 'organisation',
      entityId: actor.orgId,
      details: {
        issuer: values.issuer,
        clientId: values.clientId,
        allowedDomains: values.allowedDomains,
        enabled: values.enabled,
        passwordSignIn: values.passwordSignIn,
        secretChanged: Boolean(input.clientSecret),
      },
    });
  });
  return getSsoSettings(db, actor, config);
}

// --- the provider -----------------------------------------------------------------------

export type SsoRow = typeof ssoSettings.$inferSelect;

const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();
const discoveryTtlMs = 5 * 60_000;

/** The provider's metadata (discovery), kept for 5 minutes per organisation and settings. */
export async function providerOf(db: Queryable, config: OidcConfig, row: SsoRow, fresh = false) {
  const key = `${row.orgId} ${row.updatedAt.getTime()}`;
  const cached = discovered.get(key);
  if (!fresh && cached && Date.now() - cached.at < discoveryTtlMs) return cached.config;
  const secret = await decryptSecret(db, config, row.clientSecretEncrypted);
  const insecure = config.OIDC_ALLOW_HTTP_ISSUERS && new URL(row.issuer).protocol === 'http:';
  const pending = oidc.discovery(
    new URL(row.issuer),
    row.clientId,
    undefined,
    oidc.ClientSecretBasic(secret),
    {
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
      timeout: 10,
    },
  );
  discovered.set(key, { at: Date.now(), config: pending });
  pending.catch(() => discovered.delete(key));
  return pending;
}

/** Fetches the provider's discovery document with the saved settings and says what it found. */
export async function testSsoConnection(db: Db, actor: Actor, config: OidcConfig): Promise<ConnectionReport> {
  assertRole(actor, 'org_admin');
  const [row] = await db.select().from(ssoSettings).where(eq(ssoSettings.orgId, actor.orgId));
  if (!row) throw fieldError('issuer', 'save the provider’s settings before testing them');
  const started = Date.now();
  let report: ConnectionReport;
  try {
    const provider = await providerOf(db, config, row, true);
    const meta = provider.serverMetadata();
    const pkce = meta.code_challenge_methods_supported?.includes('S256') ?? false;
    const codeFlow = meta.response_types_supported?.includes('code') ?? true;
    const problem = !meta.authorization_endpoint
      ? 'The provider names no authorization endpoint.'
      : !meta.token_endpoint
        ? 'The provider names no token endpoint.'
        : !codeFlow
          ? 'The provider does not offer the authorization code flow.'
          : null;
    report = {
      ok: problem === null,
      problem,
      issuer: meta.issuer,
      authorizationEndpoint: meta.authorization_endpoint ?? null,
      tokenEndpoint: meta.token_endpoint ?? null,
      supportsPkce: pkce,
      milliseconds: Date.now() - started,
    };
  } catch (error) {
    report = {
      ok: false,
      problem: describeDiscoveryError(error),
      issuer: null,
      authorizationEndpoint: null,
      tokenEndpoint: null,
      supportsPkce: false,
      milliseconds: Date.now() - started,
    };
  }
  await writeAudit(db, actor, actor.orgId, {
    action: 'sso.connection_tested',
    entityType: 'organisation',
    entityId: actor.orgId,
    details: { ok: report.ok, problem: report.problem },
  });
  return report;
}

/** A sentence about a failed discovery, without echoing what the far side answered. */
function describeDiscoveryError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  // fetch reports a refused connection two causes deep.
  let code = '';
  for (let at: unknown = error; at && !code; at = (at as { cause?: unknown }).cause) {
    const c = (at as { code?: unknown }).code;
    if (typeof c === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(c)) code = c;
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|UND_ERR/.test(code))
    return `The provider could not be reached (${code}). Check the issuer URL.`;
  if (e.message === 'fetch failed') return 'The provider could not be reached. Check the issuer URL.';
  if (/TimeoutError|ABORT/i.test(code) || /timed? ?out|aborted/i.test(e.message ?? ''))
    return 'The provider did not answer within 10 seconds.';
  if (/issuer/i.test(e.message ?? ''))
    return 'The provider’s discovery document names a different issuer: use exactly the issuer it states.';
  if (/status/i.test(e.message ?? ''))
    return 'The provider did not answer the discovery request (/.well-known/openid-configuration) with its metadata.';
  return `Discovery failed: ${String(e.message ?? 'unknown error').slice(0, 200)}`;
}
