import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import {
  connectionReportSchema,
  getSsoSettings,
  saveSsoSettings,
  ssoSettingsInput,
  ssoSettingsResponse,
  testSsoConnection,
} from './oidc-settings.js';
import {
  auditSsoFailure,
  finishSsoSignIn,
  orgSlugSchema,
  SsoFailure,
  ssoCallbackQuery,
  ssoCookieName,
  ssoLoginTtlMs,
  ssoOptions,
  ssoOptionsSchema,
  startSsoSignIn,
} from './oidc-sign-in.js';
import { sessionCookieName } from './sessions.js';

const redirect = z
  .void()
  .describe('Redirects to the web app: home when signed in, else a page saying what went wrong');

export const oidcRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get(
    '/sso/settings',
    {
      schema: {
        tags: ['single sign-on'],
        summary: 'The organisation’s OpenID Connect provider (admins); the client secret is never answered',
        response: { 200: ssoSettingsResponse },
      },
    },
    async (request) => getSsoSettings(db, actorOf(request), config),
  );

  app.put(
    '/sso/settings',
    {
      schema: {
        tags: ['single sign-on'],
        summary:
          'Set the OpenID Connect provider, allowed email domains and whether passwords still sign in (admins)',
        body: ssoSettingsInput,
        response: { 200: ssoSettingsResponse },
      },
    },
    async (request) => saveSsoSettings(db, actorOf(request), config, request.body),
  );

  app.post(
    '/sso/test',
    {
      schema: {
        tags: ['single sign-on'],
        summary: 'Test the saved provider: fetch its discovery document and report what it offers (admins)',
        response: { 200: connectionReportSchema },
      },
    },
    async (request) => testSsoConnection(db, actorOf(request), config),
  );

  app.post(
    '/auth/sso/options',
    {
      config: { public: true, rateLimit: {} },
      schema: {
        tags: ['single sign-on'],
        summary:
          'The sign-in options of the organisation with this address name: its provider’s name; 404 alike for no such organisation and no single sign-on',
        body: orgSlugSchema,
        response: { 200: ssoOptionsSchema },
      },
    },
    async (request) => ssoOptions(db, request.body.org),
  );

  app.post(
    '/auth/sso/start',
    {
      config: { public: true, rateLimit: {} },
      schema: {
        tags: ['single sign-on'],
        summary:
          'Start signing in at the organisation’s provider: answers the URL to open, and binds this browser by a cookie',
        body: orgSlugSchema,
        response: { 200: z.object({ url: z.string() }) },
      },
    },
    async (request, reply) => {
      const started = await startSsoSignIn(db, config, request.body.org);
      reply.setCookie(ssoCookieName, started.browserToken, {
        httpOnly: true,
        // Lax: the cookie must come back on the provider's top-level redirect to the callback.
        sameSite: 'lax',
        secure: config.COOKIE_SECURE,
        path: '/api/auth/sso',
        maxAge: ssoLoginTtlMs / 1000,
      });
      return { url: started.url };
    },
  );

  app.get(
    '/auth/sso/callback',
    {
      config: { public: true, rateLimit: {} },
      schema: {
        tags: ['single sign-on'],
        summary: 'Where the provider sends the browser back (the redirect URI); signs in and redirects',
        querystring: ssoCallbackQuery,
        response: { 302: redirect },
      },
    },
    async (request, reply) => {
      reply.clearCookie(ssoCookieName, { path: '/api/auth/sso' });
      try {
        const { token, expiresAt } = await finishSsoSignIn(db, config, {
          browserToken: request.cookies[ssoCookieName],
          query: request.query,
          ttlHours: config.SESSION_TTL_HOURS,
          userAgent: request.headers['user-agent'],
        });
        reply.setCookie(sessionCookieName, token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: config.COOKIE_SECURE,
          path: '/',
          expires: expiresAt,
        });
        return reply.redirect('/', 302);
      } catch (error) {
        const failure =
          error instanceof SsoFailure
            ? error
            : new SsoFailure('unexpected', null, { message: String(error).slice(0, 200) });
        if (!(error instanceof SsoFailure)) request.log.error({ err: error }, 'single sign-on failed');
        await auditSsoFailure(db, failure);
        return reply.redirect(`/sign-in/problem?reason=${failure.problem}`, 302);
      }
    },
  );
};
