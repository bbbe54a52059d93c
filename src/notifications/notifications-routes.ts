// HTTP routes of the notification centre, preferences, unsubscribe links and undelivered mail.
// Thin: validate, call the use case (which scopes everything to the caller), present.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams, noContent } from '../api/common.js';
import type { Db } from '../db/client.js';
import { fieldError } from '../errors.js';
import {
  listNotifications,
  listQuerySchema,
  markAllRead,
  markRead,
  notificationPageSchema,
  unreadCount,
} from './notification-centre.js';
import {
  getPreferences,
  preferencesSchema,
  updatePreferences,
  updatePreferencesSchema,
} from './preferences.js';
import {
  listUndelivered,
  retryUndelivered,
  undeliveredPageSchema,
  undeliveredQuerySchema,
} from './undelivered.js';
import {
  describeUnsubscribe,
  unsubscribe,
  unsubscribeLinkSchema,
  unsubscribeTokenSchema,
} from './unsubscribe.js';

const unreadSchema = z.object({ unread: z.number().int() });
const tokenParams = z.object({ token: unsubscribeTokenSchema });

export const notificationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Your notifications, newest first (only your own)',
        querystring: listQuerySchema,
        response: { 200: notificationPageSchema },
      },
    },
    async (request) => listNotifications(db, actorOf(request), request.query),
  );
  app.get(
    '/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How many of your notifications are unread',
        response: { 200: unreadSchema },
      },
    },
    async (request) => unreadCount(db, actorOf(request)),
  );
  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications read; answers the unread count',
        params: idParams,
        response: { 200: unreadSchema },
      },
    },
    async (request) => markRead(db, actorOf(request), request.params.id),
  );
  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all your notifications read',
        response: { 200: unreadSchema },
      },
    },
    async (request) => markAllRead(db, actorOf(request)),
  );
  app.get(
    '/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Which kinds of notification reach you by email',
        response: { 200: preferencesSchema },
      },
    },
    async (request) => getPreferences(db, actorOf(request)),
  );
  app.put(
    '/notifications/preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Choose which kinds reach you by email (the kinds listed in emailOff do not)',
        body: updatePreferencesSchema,
        response: { 200: preferencesSchema },
      },
    },
    async (request) => updatePreferences(db, actorOf(request), request.body),
  );
  app.get(
    '/unsubscribe/:token',
    {
      config: { public: true },
      schema: {
        tags: ['notifications'],
        summary: 'What a signed unsubscribe link would stop (changes nothing)',
        params: tokenParams,
        response: { 200: unsubscribeLinkSchema },
      },
    },
    async (request) => describeUnsubscribe(db, request.params.token),
  );
  app.post(
    '/unsubscribe/:token',
    {
      config: { public: true },
      schema: {
        tags: ['notifications'],
        summary: 'Stop one kind of email by its signed link (the unsubscribe page)',
        params: tokenParams,
        response: { 200: unsubscribeLinkSchema },
      },
    },
    async (request) => unsubscribe(db, request.params.token),
  );
  app.get(
    '/admin/undelivered-mail',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Emails that failed or are still waiting after a failed attempt, with their last error',
        querystring: undeliveredQuerySchema,
        response: { 200: undeliveredPageSchema },
      },
    },
    async (request) => listUndelivered(db, actorOf(request), request.query),
  );
  app.post(
    '/admin/undelivered-mail/:id/retry',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Send an undelivered email again at the next pass',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await retryUndelivered(db, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
};

/** The RFC 8058 body of a one-click unsubscribe, form-encoded or multipart. */
export function isOneClickBody(body: string): boolean {
  if (new URLSearchParams(body).get('List-Unsubscribe') === 'One-Click') return true;
  return /name="List-Unsubscribe"\r?\n\r?\nOne-Click\r?\n/.test(body);
}

export const oneClickTypes = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * RFC 8058 one-click unsubscribe: the URL in an email's `List-Unsubscribe` header. A mail
 * client POSTs `List-Unsubscribe=One-Click` to it from wherever it runs, so this one route
 * is exempt from the same-origin rule of the write guard (decision 097); the signed token
 * is the only credential. A GET of the same URL is the web app's confirmation page.
 */
export const oneClickUnsubscribeRoute: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.addContentTypeParser(oneClickTypes, { parseAs: 'string', bodyLimit: 2048 }, (_req, body, done) =>
    done(null, body),
  );
  app.post(
    '/unsubscribe/:token',
    {
      bodyLimit: 2048,
      config: { public: true },
      schema: {
        tags: ['notifications'],
        summary: 'One-click unsubscribe (RFC 8058) from a mail client: body List-Unsubscribe=One-Click',
        params: tokenParams,
        consumes: oneClickTypes,
        response: { 200: unsubscribeLinkSchema },
      },
    },
    async (request) => {
      if (typeof request.body !== 'string' || !isOneClickBody(request.body))
        throw fieldError('List-Unsubscribe', 'must be One-Click');
      return unsubscribe(db, request.params.token);
    },
  );
};
