// The one mapper from errors to `{ error: { code, message, fields? } }`.
// Unknown errors become a 500 with no internals; they are logged instead.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../db/client.js';
import { AppError, type FieldProblem, unavailable, unsupportedMediaType, zodFields } from '../errors.js';

function fromValidation(error: FastifyError & { validationContext?: string }): AppError {
  const fields: FieldProblem[] = [];
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context =
      error.validationContext && error.validationContext !== 'body' ? [error.validationContext] : [];
    const issues = error.validation.map((v) => ({
      path: [...context, ...v.instancePath.split('/').filter(Boolean)],
      message: v.message ?? 'is not valid',
      code: v.keyword,
      keys: (v.params as { keys?: string[] }).keys,
    }));
    fields.push(...zodFields(issues));
  }
  const first = fields[0];
  const message = first ? `${first.path}: ${first.message}` : error.message;
  return new AppError('validation_failed', `The request is not valid. ${message}`, { fields });
}

/** Maps framework, database and domain errors to an AppError. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError)
    return new AppError('validation_failed', 'The request is not valid.', {
      fields: zodFields(error.issues),
    });
  const e = error as FastifyError & { code?: string; statusCode?: number; validation?: unknown };
  if (e.validation) return fromValidation(e);
  // Drizzle wraps the driver's error; the SQLSTATE code is on its cause.
  const code = e.code ?? (e.cause as { code?: string } | undefined)?.code;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedMediaType(['application/json']);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('validation_failed', 'The body is not valid JSON.', {
        fields: [{ path: '(body)', message: 'is not valid JSON' }],
      });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('validation_failed', 'The content length does not match the body.');
    case '23505': // unique_violation: a race that the use case's own check lost
      return new AppError('conflict', 'This would duplicate a record that already exists.');
    case '23503': // foreign_key_violation
      return new AppError('conflict', 'This refers to a record that does not exist or is still in use.');
    case '23514': // check_violation
      return new AppError('validation_failed', 'A value is out of its allowed range.');
    case '22021': // character_not_in_repertoire (a NUL character in text)
    case '22P02': // invalid_text_representation
    case '22001': // string_data_right_truncation
    case '22003': // numeric_value_out_of_range
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
      return new AppError(
        'validation_failed',
        'A value cannot be stored as given (for example it holds a NUL character or is out of range).',
      );
    case '40001': // serialization_failure
      return new AppError('conflict', 'Someone else changed this at the same moment; try again.');
  }
  if (isDatabaseUnavailable(error)) return unavailable();
  if (e instanceof SyntaxError && e.statusCode === 400) {
    return new AppError('validation_failed', 'The body is not valid JSON.', {
      fields: [{ path: '(body)', message: 'is not valid JSON' }],
    });
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 429) return new AppError('rate_limited', 'Too many requests; slow down.');
    return new AppError('validation_failed', e.message);
  }
  return null;
}

/** `spa`: answer unknown page URLs with the web app's index.html (client-side routes). */
export function registerErrorHandling(app: FastifyInstance, options: { spa?: boolean } = {}): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError && appError.code !== 'internal') {
      if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(appError.status).send(appError.toJSON());
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({
      error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.' },
    });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage =
      request.method === 'GET' &&
      !path.startsWith('/api/') &&
      !path.startsWith('/docs') &&
      !/\.[a-z0-9]+$/i.test(path);
    if (options.spa && isPage)
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    return reply
      .status(404)
      .send({ error: { code: 'not_found', message: `There is no ${request.method} ${path}.` } });
  });
}
