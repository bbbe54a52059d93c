// One error type with stable string codes. Routes, the CLI and jobs throw these;
// one mapper turns them into `{ error: { code, message, fields? } }`.
import { z } from 'zod';

export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'not_found',
  'conflict',
  'stale_version',
  'illegal_transition',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface FieldProblem {
  path: string;
  message: string;
}

/** The one body of every 4xx and 5xx answer; each route declares it (see src/api/app.ts). */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .describe('An error: a stable code, a message, and the fields at fault');
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

const httpStatus: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  illegal_transition: 409,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldProblem[] | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { fields?: FieldProblem[]; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = options.fields;
    this.details = options.details;
  }

  get status(): number {
    return httpStatus[this.code];
  }

  toJSON(): {
    error: { code: ErrorCode; message: string; fields?: FieldProblem[]; details?: Record<string, unknown> };
  } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields ? { fields: this.fields } : {}),
        ...(this.details ? { details: this.details } : {}),
      },
    };
  }
}

export const validationFailed = (message: string, fields: FieldProblem[] = []) =>
  new AppError('validation_failed', message, { fields });
export const fieldError = (path: string, message: string) =>
  new AppError('validation_failed', `${path}: ${message}`, { fields: [{ path, message }] });
export const unauthenticated = () => new AppError('unauthenticated', 'Sign in to continue.');
export const invalidCredentials = () =>
  new AppError('invalid_credentials', 'The email or password is not right.');
export const forbidden = (message = 'You are not allowed to do that.') => new AppError('forbidden', message);
export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
export const conflict = (message: string, fields?: FieldProblem[]) =>
  new AppError('conflict', message, fields ? { fields } : {});
export const staleVersion = (what: string) =>
  new AppError('stale_version', `${what} was changed by someone else; reload it and try again.`, {
    fields: [{ path: 'version', message: 'is not the current version' }],
  });
export const illegalTransition = (from: string, to: string, allowed: readonly string[]) =>
  new AppError('illegal_transition', `A programme cannot move from ${from} to ${to}.`, {
    fields: [
      {
        path: 'to',
        message: allowed.length ? `from ${from} it can move to ${allowed.join(' or ')}` : `${from} is final`,
      },
    ],
  });
export const rateLimited = (message = 'Too many attempts; wait a few minutes and try again.') =>
  new AppError('rate_limited', message);

export const unsupportedMediaType = (allowed: readonly string[]) =>
  new AppError('unsupported_media_type', `Send the body as ${allowed.join(' or ')}.`, {
    fields: [{ path: 'content-type', message: `must be ${allowed.join(' or ')}` }],
  });
export const unavailable = (message = 'The database is not reachable right now; try again in a moment.') =>
  new AppError('unavailable', message);

/** Turns zod issues into field problems with dotted paths; an unknown key is named in the path. */
export function zodFields(
  issues: ReadonlyArray<{
    path: ReadonlyArray<PropertyKey>;
    message: string;
    code?: string;
    keys?: string[];
  }>,
): FieldProblem[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map((p) => String(p));
    if (issue.code === 'unrecognized_keys' && issue.keys?.length)
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'is not a known field' }));
    return [{ path: path.join('.') || '(root)', message: issue.message }];
  });
}
