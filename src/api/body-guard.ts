// One guard for every JSON body and query string, before any schema sees it: nesting
// deeper than any real request (a 4,000-deep body overflowed recursive walkers) and the
// NUL character, in keys as well as values, which PostgreSQL text and jsonb cannot hold.
// The walk is iterative, so no input can exhaust the stack.
import type { FastifyInstance } from 'fastify';
import { fieldError } from '../errors.js';

/** The deepest body the API accepts; the deepest real one (matching settings) is 4. */
export const maxBodyDepth = 32;

const printable = (key: string) => key.replaceAll('\u0000', '\\0');

/** The first problem in a parsed value, as a field path and a message; null when it is clean. */
export function findBodyProblem(root: unknown, rootPath = ''): { path: string; message: string } | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: root, path: rootPath, depth: 0 },
  ];
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as (typeof stack)[number];
    if (typeof value === 'string') {
      if (value.includes('\u0000'))
        return { path: path || '(body)', message: 'must not contain NUL characters' };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxBodyDepth)
      return {
        path: path.split('.')[0] || '(body)',
        message: `nests deeper than ${maxBodyDepth} levels`,
      };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: join(path, String(i)), depth: depth + 1 });
      continue;
    }
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      if (key.includes('\u0000'))
        return { path: join(path, printable(key)), message: 'must not contain NUL characters in its name' };
      stack.push({ value: child, path: join(path, key), depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Adds the guard to every route of the app. A raw body (a CSV upload arrives as a string
 * or buffer) is left to its route, which reports problems row by row.
 */
export function registerBodyGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const body = request.body;
    const parsed = body !== null && typeof body === 'object' && !Buffer.isBuffer(body);
    const problem = (parsed ? findBodyProblem(body) : null) ?? findBodyProblem(request.query, 'query');
    if (problem) throw fieldError(problem.path, problem.message);
  });
}
