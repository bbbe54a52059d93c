// Answers leave through their schemas: what a schema does not list never reaches the client.
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerErrorHandling } from './errors-handler.js';
import { registerResponseContract } from './response-contract.js';

const app = Fastify().withTypeProvider<ZodTypeProvider>();
const person = z.object({ id: z.string(), name: z.string(), team: z.object({ name: z.string() }) });

beforeAll(async () => {
  registerResponseContract(app);
  registerErrorHandling(app, { spa: false });
  // A row as a careless use case might hand it over: a column added later, nested too.
  const row = () => ({
    id: 'p1',
    name: 'Ada',
    passwordHash: '$argon2id$secret',
    team: { name: 'Ops', budget: 1_000_000 },
  });
  app.get('/people/p1', { schema: { response: { 200: person } } }, async () => row());
  app.get('/people', { schema: { response: { 200: z.array(person) } } }, async () => [row(), row()]);
  // An answer that breaks its own schema (a field missing).
  app.get('/broken', { schema: { response: { 200: person } } }, async () => ({ id: 'p1' }) as never);
  await app.ready();
});
afterAll(() => app.close());

describe('answers serialised through their response schemas', () => {
  it('drops a field the schema does not list, at the top level and nested', async () => {
    const res = await app.inject({ method: 'GET', url: '/people/p1' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: 'p1', name: 'Ada', team: { name: 'Ops' } });
    expect(res.body).not.toContain('argon2id');
    expect(res.body).not.toContain('budget');
  });

  it('drops unlisted fields from every item of a list', async () => {
    const res = await app.inject({ method: 'GET', url: '/people' });
    expect(res.json()).toEqual([
      { id: 'p1', name: 'Ada', team: { name: 'Ops' } },
      { id: 'p1', name: 'Ada', team: { name: 'Ops' } },
    ]);
  });

  it('answers 500 in the error shape, without the data, when an answer does not fit its schema', async () => {
    const res = await app.inject({ method: 'GET', url: '/broken' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ error: { code: 'internal' } });
    expect(res.body).not.toContain('p1');
  });
});
