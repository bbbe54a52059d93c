// Fuzzing every operation of the OpenAPI document: bodies and queries generated from its
// own schemas (fast-check, fixed seed, so a failure replays), whole bodies built to break
// parsers and databases, and hostile path parameters, each sent by an identity the access
// policy lets in (so requests reach the use cases). No answer may be a 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.js';
import { accessPolicy, mayCall, stageOf } from './access-policy.js';
import { exampleOf, fillings, type Operation, operationsOf } from './operations.js';
import { arbitraryOf, hostileBodies, hostileStrings, mapStrings } from './schema-arbitrary.js';
import { caller, createSecurityWorld, type Identity, type SecurityWorld } from './world.js';

const seed = Number(process.env.TWOWAY_FUZZ_SEED ?? 20261127);
const bodiesPerOperation = 16;
const queriesPerOperation = 8;
// The identity that reaches furthest into each operation, tried in this order.
const preferred: Identity[] = [
  'programme_manager',
  'org_admin',
  'mentee',
  'mentor',
  'sponsor',
  'bystander',
  'anonymous',
];

let t: TestApp;
let world: SecurityWorld;
let ops: Operation[];

beforeAll(async () => {
  t = await createTestApp();
  world = await createSecurityWorld(t, 'fuzz');
  ops = operationsOf(t.app).sort((a, b) => stageOf(a) - stageOf(b));
});
afterAll(() => t.close());

const asQueryValue = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

describe('fuzzing every operation', () => {
  it('answers generated and hostile requests without a single 5xx', { timeout: 300_000 }, async () => {
    const failures: string[] = [];
    let sent = 0;
    let fiveXX = 0;
    const send = async (
      who: Identity,
      op: Operation,
      url: string,
      query: Record<string, string>,
      body: string | undefined,
      what: string,
    ) => {
      const res = await caller(
        t,
        world.cookies[who],
      )({
        method: op.method,
        url,
        query,
        ...(body !== undefined ? { payload: body, headers: { 'content-type': 'application/json' } } : {}),
      });
      sent++;
      if (res.statusCode >= 500) {
        fiveXX++;
        failures.push(
          `${res.statusCode} ${op.method} ${url} as ${who} (${what}) query=${JSON.stringify(query).slice(0, 120)} body=${(body ?? '').slice(0, 160)} -> ${res.body.slice(0, 200)}`,
        );
      }
    };
    for (const [index, op] of ops.entries()) {
      const access = accessPolicy[op.key] ?? 'signed_in';
      // Generated bodies go round every record the path can name (an active and an enrolling programme, say).
      const targets = fillings(op, world.resources).map((f) => ({
        ...f,
        who: preferred.find((w) => mayCall(access, w, f.used)) ?? 'anonymous',
      }));
      const filling = targets[0] as (typeof targets)[number];
      const who = filling.who;
      const target = (i: number) => targets[i % targets.length] as (typeof targets)[number];
      const queryArb = fc.record(
        Object.fromEntries(op.query.map((q) => [q.name, arbitraryOf(q.schema, world.refs, q.name)])),
        { requiredKeys: [] },
      );
      const queries = fc
        .sample(queryArb, { numRuns: queriesPerOperation, seed: seed + index })
        .map((q) => Object.fromEntries(Object.entries(q).map(([k, v]) => [k, asQueryValue(v)])));
      for (const query of queries) await send(who, op, filling.url, query, undefined, 'generated query');
      for (const bad of hostileStrings.slice(0, 12))
        if (op.query[0])
          await send(who, op, filling.url, { [op.query[0].name]: bad }, undefined, 'hostile query');
      if (op.body) {
        const bodies = fc.sample(arbitraryOf(op.body, world.refs), {
          numRuns: bodiesPerOperation,
          seed: seed + index,
        });
        for (const [i, body] of bodies.entries())
          await send(target(i).who, op, target(i).url, {}, JSON.stringify(body), 'generated body');
        // NUL characters inside generated keys and values, so they reach jsonb columns and text alike.
        for (const [i, body] of bodies.slice(0, 4).entries()) {
          const { who: by, url } = target(i);
          const nulKeys = mapStrings(body, (k) => `${k}\u0000`, true);
          await send(by, op, url, {}, JSON.stringify(nulKeys), 'NUL in generated keys');
          const nulValues = mapStrings(body, (v) => `\u0000${v}`);
          await send(by, op, url, {}, JSON.stringify(nulValues), 'NUL in generated values');
        }
        for (const hostile of hostileBodies(exampleOf(op.body, '', world.refs)))
          await send(who, op, filling.url, {}, hostile.text, hostile.name);
      }
      if (op.pathParams.length) {
        const param = op.pathParams[0] as string;
        const body = op.body ? JSON.stringify(exampleOf(op.body, '', world.refs)) : undefined;
        for (const bad of [
          'not-a-uuid',
          '%00',
          '%ZZ',
          'a'.repeat(3_000),
          '00000000-0000-0000-0000-000000000000',
          '..%2F..%2Fetc',
        ])
          await send(
            who,
            op,
            op.path
              .replace(`{${param}}`, bad)
              .replace(/\{\w+\}/g, (m) => filling.url.split('/')[op.path.split('/').indexOf(m)] ?? m),
            {},
            body,
            'hostile path',
          );
      }
    }
    console.log(`fuzzing: ${ops.length} operations, ${sent} requests sent, 5xx seen: ${fiveXX}`);
    expect(failures).toEqual([]);
  });
});
