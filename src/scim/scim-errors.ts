// SCIM answers errors in its own shape (RFC 7644 section 3.12), not the API's.
import type { FastifyError } from 'fastify';
import { AppError } from '../errors.js';

export const scimErrorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers';

export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
  ) {
    super(message);
    this.name = 'ScimError';
  }
}

export const scimNotFound = (what: string) => new ScimError(404, `${what} not found`);
export const scimInvalid = (detail: string, scimType: ScimType = 'invalidValue') =>
  new ScimError(400, detail, scimType);

/** The SCIM error body for anything thrown while serving /scim/v2. */
export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof AppError) {
    const field = error.fields?.[0];
    const detail = field ? `${field.path}: ${field.message}` : error.message;
    if (error.code === 'conflict') return new ScimError(409, detail, 'uniqueness');
    if (error.code === 'validation_failed') return new ScimError(400, detail, 'invalidValue');
    if (error.code === 'stale_version') return new ScimError(412, detail);
    return new ScimError(error.status, detail);
  }
  const fastify = error as Partial<FastifyError>;
  if (typeof fastify.statusCode === 'number' && fastify.statusCode < 500)
    return new ScimError(fastify.statusCode, fastify.message ?? 'Bad request', 'invalidSyntax');
  return new ScimError(500, 'Something went wrong on the server.');
}

export const scimErrorBody = (e: ScimError) => ({
  schemas: [scimErrorSchema],
  status: String(e.status),
  ...(e.scimType ? { scimType: e.scimType } : {}),
  detail: e.message,
});
