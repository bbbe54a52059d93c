// Single sign-on through an organisation's OpenID Connect provider: the authorization code
// flow with PKCE, state and nonce (openid-client). The sign-in under way is bound to the
// browser by a cookie; the callback links the provider's subject to the person with the
// same verified email in an allowed domain, once, and never creates a person (decision 041).
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import {
  accounts,
  invitations,
  organisations,
  people,
  ssoLinks,
  ssoLogins,
  ssoSettings,
} from '../db/schema.js';
import { AppError } from '../errors.js';
import { writeAudit } from './audit.js';
import { type OidcConfig, providerOf, redirectUriOf, type SsoRow } from './oidc-settings.js';
import { createSession } from './sessions.js';
import { hasLeft } from './standing.js';
import { hashToken, newToken } from './tokens.js';

export const ssoCookieName = 'twoway_sso';
/** How long a person may take at the provider before the sign-in must start again. */
export const ssoLoginTtlMs = 10 * 60_000;

export const orgSlugSchema = z.object({
  org: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'is required')
    .max(100)
    .regex(/^[a-z0-9-]+$/, 'must be an organisation’s address name, such as acme'),
});

export const ssoOptionsSchema = z.object({ displayName: z.string(), passwordSignIn: z.boolean() });

export const ssoCallbackQuery = z
  .object({
    code: z.string().max(2000).optional(),
    state: z.string().max(2000).optional(),
    error: z.string().max(200).optional(),
    error_description: z.string().max(2000).optional(),
    iss: z.string().max(2000).optional(),
    session_state: z.string().max(2000).optional(),
  })
  .passthrough();

/** Why a single sign-on did not sign anyone in; the web app has a sentence for each. */
export const ssoProblems = [
  'expired_or_used',
  'wrong_state',
  'provider_refused',
  'code_rejected',
  'provider_error',
  'not_configured',
  'email_not_verified',
  'domain_not_allowed',
  'unknown_person',
  'account_disabled',
  'person_left',
  'already_linked',
  'unexpected',
] as const;
export type SsoProblem = (typeof ssoProblems)[number];

export class SsoFailure extends Error {
  constructor(
    readonly problem: SsoProblem,
    readonly orgId: string | null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(problem);
  }
}

const notConfigured = () => new AppError('not_found', 'There is no single sign-on at this address.');

/** The enabled provider of the organisation with this slug; unknown and unconfigured answer alike. */
async function requireEnabledSso(db: Db, slug: string): Promise<SsoRow & { slug: string }> {
  const [row] = await db
    .select({ s: ssoSettings, slug: organisations.slug })
    .from(ssoSettings)
    .innerJoin(organisations, eq(organisations.id, ssoSettings.orgId))
    .where(and(eq(organisations.slug, slug), eq(ssoSettings.enabled, true)));
  if (!row) throw notConfigured();
  return { ...row.s, slug: row.slug };
}

/** What the sign-in page shows for an organisation: its provider's name, and whether passwords still work. */
export async function ssoOptions(db: Db, slug: string) {
  const row = await requireEnabledSso(db, slug);
  return { displayName: row.displayName, passwordSignIn: row.passwordSignIn };
}

/**
 * Starts a sign-in: stores state, nonce and the PKCE verifier under a fresh browser cookie,
 * and answers the provider's authorization URL.
 */
export async function startSsoSignIn(db: Db, config: OidcConfig, slug: string) {
  const row = await requireEnabledSso(db, slug);
  const provider = await providerOf(db, config, row).catch(() => {
    throw new AppError(
      'unavailable',
      'The organisation’s sign-in provider cannot be reached; try again shortly.',
    );
  });
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const browser = newToken();
  const expiresAt = new Date(Date.now() + ssoLoginTtlMs);
  // Sign-ins abandoned at the provider are of no further use.
  await db.delete(ssoLogins).where(lt(ssoLogins.expiresAt, new Date()));
  await db.insert(ssoLogins).values({
    browserHash: browser.tokenHash,
    orgId: row.orgId,
    state,
    nonce,
    codeVerifier,
    expiresAt,
  });
  const url = oidc.buildAuthorizationUrl(provider, {
    redirect_uri: redirectUriOf(config),
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, browserToken: browser.token, expiresAt, slug: row.slug };
}

/**
 * Finishes a sign-in at the redirect URI: the pending sign-in is taken (once), the state
 * compared, the code exchanged with PKCE and the ID token's nonce checked, then the person
 * found (by an earlier link, else by verified email in an allowed domain) and signed in.
 */
export async function finishSsoSignIn(
  db: Db,
  config: OidcConfig,
  input: {
    browserToken: string | undefined;
    query: z.infer<typeof ssoCallbackQuery>;
    ttlHours: number;
    userAgent?: string;
  },
) {
  const pending = input.browserToken ? await takePendingLogin(db, input.browserToken) : null;
  if (!pending) throw new SsoFailure('expired_or_used', null);
  const orgId = pending.orgId;
  if (input.query.error) throw new SsoFailure('provider_refused', orgId, { error: input.query.error });
  if (!input.query.state || input.query.state !== pending.state) throw new SsoFailure('wrong_state', orgId);
  const [row] = await db
    .select()
    .from(ssoSettings)
    .where(and(eq(ssoSettings.orgId, orgId), eq(ssoSettings.enabled, true)));
  if (!row) throw new SsoFailure('not_configured', orgId);

  const claims = await exchangeCode(db, config, row, pending, input.query);
  const subject = claims.sub;
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null;

  const account = await db.transaction(async (tx) => {
    const [linked] = await tx
      .select({ a: accounts, leaveDate: people.leaveDate })
      .from(ssoLinks)
      .innerJoin(accounts, eq(accounts.id, ssoLinks.accountId))
      .leftJoin(people, eq(people.id, accounts.personId))
      .where(and(eq(ssoLinks.orgId, orgId), eq(ssoLinks.issuer, row.issuer), eq(ssoLinks.subject, subject)));
    if (linked && hasLeft(linked.leaveDate))
      throw new SsoFailure('person_left', orgId, { email: linked.a.email });
    if (linked) return linked.a;
    // The first sign-in: only a verified email in an allowed domain is trusted to name a person.
    if (!email) throw new SsoFailure('email_not_verified', orgId, { subject });
    if (claims.email_verified !== true) throw new SsoFailure('email_not_verified', orgId, { email });
    const domain = email.split('@')[1] ?? '';
    if (!row.allowedDomains.includes(domain))
      throw new SsoFailure('domain_not_allowed', orgId, { email, domain });
    const [person] = await tx
      .select()
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(sql`lower(${people.email})`, email)));
    if (!person) throw new SsoFailure('unknown_person', orgId, { email });
    // The provider may still know someone the organisation's records say has left.
    if (hasLeft(person.leaveDate)) throw new SsoFailure('person_left', orgId, { email });
    let [own] = await tx
      .select()
      .from(accounts)
      .where(and(eq(accounts.orgId, orgId), eq(accounts.personId, person.id)));
    let created = false;
    if (!own) {
      // A person of the organisation without an account gets one, as an invitation would give.
      [own] = await tx
        .insert(accounts)
        .values({
          orgId,
          personId: person.id,
          email: person.email,
          passwordHash: null,
          roles: ['participant'],
          // The provider vouched for the email (email_verified), which proves it as a link would.
          emailVerifiedAt: new Date(),
        })
        .returning();
      created = true;
      await tx
        .update(invitations)
        .set({ acceptedAt: new Date() })
        .where(
          and(
            eq(invitations.personId, person.id),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
          ),
        );
    }
    if (!own) throw new Error('insert returned nothing');
    const [other] = await tx
      .select({ subject: ssoLinks.subject })
      .from(ssoLinks)
      .where(and(eq(ssoLinks.accountId, own.id), eq(ssoLinks.issuer, row.issuer)));
    if (other) throw new SsoFailure('already_linked', orgId, { email });
    await tx.insert(ssoLinks).values({ orgId, accountId: own.id, issuer: row.issuer, subject });
    await writeAudit(tx, null, orgId, {
      action: 'sso.linked',
      entityType: 'account',
      entityId: own.id,
      details: { email, issuer: row.issuer, subject, accountCreated: created },
    });
    return own;
  });
  if (account.disabledAt) throw new SsoFailure('account_disabled', orgId, { email: account.email });
  const session = await createSession(db, account, input.ttlHours, input.userAgent);
  await writeAudit(db, null, orgId, {
    action: 'sign_in.succeeded',
    entityType: 'account',
    entityId: account.id,
    details: { method: 'sso', email: account.email },
  });
  return { account, ...session };
}

/** The sign-in under way for this browser, removed as it is read: a callback works once. */
async function takePendingLogin(db: Db, browserToken: string) {
  const [row] = await db
    .delete(ssoLogins)
    .where(eq(ssoLogins.browserHash, hashToken(browserToken)))
    .returning();
  return row && row.expiresAt > new Date() ? row : null;
}

async function exchangeCode(
  db: Db,
  config: OidcConfig,
  row: SsoRow,
  pending: typeof ssoLogins.$inferSelect,
  query: Record<string, unknown>,
) {
  let provider: oidc.Configuration;
  try {
    provider = await providerOf(db, config, row);
  } catch {
    throw new SsoFailure('provider_error', row.orgId, { stage: 'discovery' });
  }
  const current = new URL(redirectUriOf(config));
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string') current.searchParams.set(k, v);
  try {
    const tokens = await oidc.authorizationCodeGrant(provider, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new SsoFailure('provider_error', row.orgId, { stage: 'id_token' });
    if (typeof claims.email === 'string') return claims;
    // Many providers put the email in the UserInfo answer rather than the ID token.
    const info = await oidc.fetchUserInfo(provider, tokens.access_token, claims.sub);
    return { ...claims, email: info.email, email_verified: info.email_verified };
  } catch (error) {
    if (error instanceof SsoFailure) throw error;
    const e = error as { error?: string; code?: string; message?: string };
    // invalid_grant: the code expired, was used already, or was not issued to this client.
    if (e.error === 'invalid_grant') throw new SsoFailure('code_rejected', row.orgId, { error: e.error });
    throw new SsoFailure('provider_error', row.orgId, {
      stage: 'token',
      error: e.error ?? e.code ?? 'unknown',
      message: String(e.message ?? '').slice(0, 200),
    });
  }
}

/** Writes a failed single sign-on to the audit log (of the organisation when it is known). */
export async function auditSsoFailure(db: Db, failure: SsoFailure) {
  await writeAudit(db, null, failure.orgId, {
    action: 'sign_in.failed',
    entityType: 'account',
    details: { method: 'sso', reason: failure.problem, ...failure.details },
  });
}
