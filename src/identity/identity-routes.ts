import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams, noContent } from '../api/common.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { AppError, notFound } from '../errors.js';
import { getPerson } from '../people/people.js';
import { myEnrolments } from '../programmes/enrolments.js';
import {
  accountResponseSchema,
  createAccount,
  createAccountSchema,
  listAccounts,
  setAccountDisabled,
  setRoles,
  setRolesSchema,
} from './accounts.js';
import { roleSchema } from './actor.js';
import { changePassword, changePasswordSchema } from './change-password.js';
import { confirmEmail, confirmEmailSchema } from './email-verification.js';
import {
  acceptInvitation,
  acceptInvitationSchema,
  getBatch,
  invitationBatchSchema,
  invitationListSchema,
  invitationTokenSchema,
  inviteSchema,
  inviteSelection,
  listInvitations,
  listInvitationsQuery,
  openedInvitationSchema,
  openInvitation,
  resendInvitation,
  revokeInvitation,
} from './invitations.js';
import { meSchema } from './me.js';
import {
  requestPasswordReset,
  requestResetSchema,
  resetPassword,
  resetPasswordSchema,
} from './password-reset.js';
import {
  deleteSession,
  endSession,
  listSessions,
  sessionCookieName,
  sessionResponseSchema,
} from './sessions.js';
import { organisationChoiceSchema, signIn, signInSchema } from './sign-in.js';
import { publicUrl } from './tokens.js';

/** What sign-in answers: the account, never its password hash. */
const signedInSchema = z.object({
  account: z.object({
    id: z.string(),
    email: z.string(),
    roles: z.array(roleSchema),
    personId: z.string().nullable(),
  }),
});

export const identityRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (
  app,
  { db, config },
) => {
  const setSessionCookie = (reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(sessionCookieName, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.COOKIE_SECURE,
      path: '/',
      expires,
    });

  app.post(
    '/auth/sign-in',
    {
      config: { public: true, rateLimit: {} },
      schema: {
        tags: ['identity'],
        summary:
          'Sign in with email and password; sets the session cookie. When the password opens accounts in several organisations, answers their names instead, and the caller signs in again naming one',
        body: signInSchema,
        response: { 200: z.union([signedInSchema, organisationChoiceSchema]) },
      },
    },
    async (request, reply) => {
      const result = await signIn(
        db,
        request.body,
        config.SESSION_TTL_HOURS,
        request.headers['user-agent'],
        publicUrl(config),
      ).catch((error: unknown) => {
        const wait = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
        if (typeof wait === 'number') reply.header('retry-after', String(wait));
        throw error;
      });
      if (result.kind === 'choose') return result;
      const { account, token, expiresAt } = result;
      setSessionCookie(reply, token, expiresAt);
      return {
        account: { id: account.id, email: account.email, roles: account.roles, personId: account.personId },
      };
    },
  );

  app.post(
    '/auth/confirm-email',
    {
      config: { public: true, rateLimit: {} },
      schema: {
        tags: ['identity'],
        summary: 'Follow the link emailed to confirm an email: the account becomes usable and is signed in',
        body: confirmEmailSchema,
        response: { 200: signedInSchema },
      },
    },
    async (request, reply) => {
      const { account, token, expiresAt } = await confirmEmail(
        db,
        request.body,
        config.SESSION_TTL_HOURS,
        request.headers['user-agent'],
      );
      setSessionCookie(reply, token, expiresAt);
      return {
        account: { id: account.id, email: account.email, roles: account.roles, personId: account.personId },
      };
    },
  );

  app.post(
    '/auth/sign-out',
    {
      config: { public: true },
      schema: { tags: ['identity'], summary: 'End the session', response: { 204: noContent } },
    },
    async (request, reply) => {
      const token = request.cookies[sessionCookieName];
      if (token) await deleteSession(db, token);
      reply.clearCookie(sessionCookieName, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { public: true, rateLimit: {} },
      schema: {
        tags: ['identity'],
        summary:
          'Email a single-use reset link (valid 1 hour); answers alike whether or not the email has an account',
        body: requestResetSchema,
        response: { 202: z.object({ message: z.string() }) },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(db, request.body, publicUrl(config));
      return reply.status(202).send({
        message: 'If this email has an account, a link to choose a new password is on its way.',
      });
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { public: true, rateLimit: {} },
      schema: {
        tags: ['identity'],
        summary: 'Set a new password through a reset link; ends every session of the account',
        body: resetPasswordSchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await resetPassword(db, request.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags: ['identity'],
        summary: 'Change your password (needs the current one); ends your other sessions',
        body: changePasswordSchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await changePassword(db, actorOf(request), request.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/me/sessions',
    {
      schema: {
        tags: ['identity'],
        summary: 'Your signed-in sessions',
        response: { 200: z.array(sessionResponseSchema) },
      },
    },
    async (request) => listSessions(db, actorOf(request)),
  );

  app.delete(
    '/me/sessions/:id',
    {
      schema: {
        tags: ['identity'],
        summary: 'End one of your sessions',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      if (!(await endSession(db, actorOf(request), request.params.id))) throw notFound('Session');
      return reply.status(204).send();
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['identity'],
        summary: 'The signed-in account, its person and enrolments',
        response: { 200: meSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return {
        account: { id: actor.accountId, email: actor.email, roles: [...actor.roles], orgId: actor.orgId },
        person: actor.personId ? await getPerson(db, actor, actor.personId) : null,
        enrolments: await myEnrolments(db, actor),
      };
    },
  );

  app.get(
    '/accounts',
    {
      schema: {
        tags: ['identity'],
        summary: 'Accounts of the organisation (admins)',
        response: { 200: z.array(accountResponseSchema) },
      },
    },
    async (request) => listAccounts(db, actorOf(request)),
  );

  app.post(
    '/accounts',
    {
      schema: {
        tags: ['identity'],
        summary:
          'Give a person an account with roles (admins); usable once they follow the link emailed to them',
        body: createAccountSchema,
        response: { 201: accountResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createAccount(db, actorOf(request), request.body, publicUrl(config))),
  );

  app.put(
    '/accounts/:id/roles',
    {
      schema: {
        tags: ['identity'],
        summary: "Set an account's roles (admins)",
        params: idParams,
        body: setRolesSchema,
        response: { 200: accountResponseSchema },
      },
    },
    async (request) => setRoles(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary:
          "Invite people (listed, filtered, a programme's enrolled, or imported since); large selections are queued",
        body: inviteSchema,
        response: { 202: invitationBatchSchema },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await inviteSelection(db, actorOf(request), request.body, publicUrl(config))),
  );

  app.get(
    '/invitations',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Invitations with their status, and counts by status',
        querystring: listInvitationsQuery,
        response: { 200: invitationListSchema },
      },
    },
    async (request, reply) => {
      const list = await listInvitations(db, actorOf(request), request.query);
      reply.header('x-total-count', String(list.total));
      return list;
    },
  );

  app.get(
    '/invitation-batches/:id',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Progress of an invitation batch',
        params: idParams,
        response: { 200: invitationBatchSchema },
      },
    },
    async (request) => getBatch(db, actorOf(request), request.params.id),
  );

  app.post(
    '/invitations/:id/resend',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Send a fresh link for 7 more days (the old link stops working)',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await resendInvitation(db, actorOf(request), request.params.id, publicUrl(config));
      return reply.status(204).send();
    },
  );

  app.post(
    '/invitations/:id/revoke',
    {
      schema: {
        tags: ['invitations'],
        summary: 'Revoke an invitation',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await revokeInvitation(db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/invitations/open',
    {
      config: { public: true, rateLimit: {} },
      schema: {
        tags: ['invitations'],
        summary: 'Who an invitation link is for (marks it opened)',
        body: invitationTokenSchema,
        response: { 200: openedInvitationSchema },
      },
    },
    async (request) => openInvitation(db, request.body.token),
  );

  app.post(
    '/invitations/accept',
    {
      config: { public: true, rateLimit: {} },
      schema: {
        tags: ['invitations'],
        summary: 'Accept an invitation: set a password, create the account, sign in',
        body: acceptInvitationSchema,
        response: { 200: signedInSchema },
      },
    },
    async (request, reply) => {
      const { account, token, expiresAt } = await acceptInvitation(
        db,
        request.body,
        config.SESSION_TTL_HOURS,
        request.headers['user-agent'],
      );
      setSessionCookie(reply, token, expiresAt);
      return {
        account: { id: account.id, email: account.email, roles: account.roles, personId: account.personId },
      };
    },
  );

  app.post(
    '/accounts/:id/disable',
    {
      schema: {
        tags: ['identity'],
        summary: 'Disable an account; its sessions end at once (admins)',
        params: idParams,
        response: { 200: accountResponseSchema },
      },
    },
    async (request) => setAccountDisabled(db, actorOf(request), request.params.id, true),
  );

  app.post(
    '/accounts/:id/enable',
    {
      schema: {
        tags: ['identity'],
        summary: 'Re-enable a disabled account (admins)',
        params: idParams,
        response: { 200: accountResponseSchema },
      },
    },
    async (request) => setAccountDisabled(db, actorOf(request), request.params.id, false),
  );
};
