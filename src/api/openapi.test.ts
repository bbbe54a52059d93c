// The OpenAPI document is the contract: every operation says what it answers, success and error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing.js';

interface DocResponse {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
}
type Doc = { paths: Record<string, Record<string, { responses?: Record<string, DocResponse> }>> };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

function operations() {
  const doc = t.app.swagger() as unknown as Doc;
  return Object.entries(doc.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      responses: op.responses ?? {},
    })),
  );
}

const hasSchema = (r: DocResponse | undefined) =>
  Object.values(r?.content ?? {}).some((c) => c.schema !== undefined);

describe('the OpenAPI document', () => {
  it('declares a success answer with its schema for every operation', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(80);
    const missing = ops
      .filter(({ responses }) => {
        const success = Object.entries(responses).filter(([code]) => /^2|^30[23]$/.test(code));
        // 204 No Content and redirects have no body to describe; every other success must have a schema.
        return (
          success.length === 0 ||
          success.some(([code, r]) => /^2/.test(code) && code !== '204' && !hasSchema(r))
        );
      })
      .map((op) => op.key);
    expect(missing).toEqual([]);
  });

  it('declares the shared error shape for 4xx and 5xx on every operation', () => {
    const missing = operations()
      .filter(({ responses }) => !hasSchema(responses['4XX']) || !hasSchema(responses['5XX']))
      .map((op) => op.key);
    expect(missing).toEqual([]);
  });
});
