import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams } from '../api/common.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { getPerson } from '../people/people.js';
import { myEnrolments } from '../programmes/enrolments.js';
import { createAccount, createAccountSchema, listAccounts, setRoles, setRolesSchema } from './accounts.js';
import { deleteSession, sessionCookieName } from './sessions.js';
import { signIn, signInSchema } from './sign-in.js';

export const identityRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (
  app,
  { db, config },
) => {
  app.post(
    '/auth/sign-in',
    {
      config: { public: true, rateLimit: {} },
      schema: {
        tags: ['identity'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: signInSchema,
      },
    },
    async (request, reply) => {
      const { account, token, expiresAt } = await signIn(db, request.body, config.SESSION_TTL_HOURS).catch(
        (error: unknown) => {
          const wait = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
          if (typeof wait === 'number') reply.header('retry-after', String(wait));
          throw error;
        },
      );
      reply.setCookie(sessionCookieName, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.COOKIE_SECURE,
        path: '/',
        expires: expiresAt,
      });
      return {
        account: { id: account.id, email: account.email, roles: account.roles, personId: account.personId },
      };
    },
  );

  app.post(
    '/auth/sign-out',
    { config: { public: true }, schema: { tags: ['identity'], summary: 'End the session' } },
    async (request, reply) => {
      const token = request.cookies[sessionCookieName];
      if (token) await deleteSession(db, token);
      reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/me',
    { schema: { tags: ['identity'], summary: 'The signed-in account, its person and enrolments' } },
    async (request) => {
      const actor = actorOf(request);
      return {
        account: { id: actor.accountId, email: actor.email, roles: actor.roles, orgId: actor.orgId },
        person: actor.personId ? await getPerson(db, actor, actor.personId) : null,
        enrolments: await myEnrolments(db, actor),
      };
    },
  );

  app.get(
    '/accounts',
    { schema: { tags: ['identity'], summary: 'Accounts of the organisation (admins)' } },
    async (request) => listAccounts(db, actorOf(request)),
  );

  app.post(
    '/accounts',
    {
      schema: {
        tags: ['identity'],
        summary: 'Give a person an account with roles (admins)',
        body: createAccountSchema,
      },
    },
    async (request, reply) => reply.status(201).send(await createAccount(db, actorOf(request), request.body)),
  );

  app.put(
    '/accounts/:id/roles',
    {
      schema: {
        tags: ['identity'],
        summary: "Set an account's roles (admins)",
        params: idParams,
        body: setRolesSchema,
      },
    },
    async (request) => setRoles(db, actorOf(request), request.params.id, request.body),
  );
};
