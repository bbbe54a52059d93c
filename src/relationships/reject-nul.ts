// PostgreSQL text cannot hold the NUL character; a body carrying one is refused
// up front with the field named, instead of failing in the database.
import type { FastifyInstance } from 'fastify';
import { fieldError } from '../errors.js';

function findNul(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = findNul(v, path ? `${path}.${i}` : String(i));
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNul(v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  return null;
}

/** Adds the check to every route of the plugin it is called in (bodies and query strings). */
export function rejectNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const hit = findNul(request.body, '') ?? findNul(request.query, 'query');
    if (hit !== null) throw fieldError(hit || '(body)', 'must not contain NUL characters');
  });
}
