// The role x operation matrix, generated from the OpenAPI document: every operation, on
// every real record its path can name, as every identity of the world. Each answer is
// checked against the access policy table, searched for every planted secret, and must
// never be a 5xx. A route without a line in the policy table fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing.js';
import { type Access, accessPolicy, mayCall, stageOf } from './access-policy.js';
import { exampleOf, fillings, type Operation, operationsOf } from './operations.js';
import { caller, createSecurityWorld, identities, type SecurityWorld, secrets } from './world.js';

let t: TestApp;
let world: SecurityWorld;
let ops: Operation[];

beforeAll(async () => {
  t = await createTestApp();
  world = await createSecurityWorld(t, 'matrix');
  ops = operationsOf(t.app);
});
afterAll(() => t.close());

const isRead = (op: Operation) => op.method === 'GET';

describe('the role x operation matrix', () => {
  it('has an access rule for every operation, and no rule for an operation that is gone', () => {
    const keys = new Set(ops.map((o) => o.key));
    const missing = [...keys].filter((k) => !(k in accessPolicy));
    const stale = Object.keys(accessPolicy).filter((k) => !keys.has(k));
    expect(missing, 'add these to src/api/security/access-policy.ts').toEqual([]);
    expect(stale, 'remove these from src/api/security/access-policy.ts').toEqual([]);
  });

  it('lets no identity read or change what is not theirs, and leaks no secret through any answer', {
    timeout: 300_000,
  }, async () => {
    const violations: string[] = [];
    let requests = 0;
    let leaks = 0;
    let refusedByRule = 0;
    let refusedByValidation = 0;
    const okByOp = new Map<string, number>();
    const ordered = [...ops].sort((a, b) => stageOf(a) - stageOf(b));
    for (const op of ordered) {
      const access = accessPolicy[op.key] as Access | undefined;
      if (!access) continue;
      for (const filling of fillings(op, world.resources)) {
        // Refused identities first, so a write that succeeds cannot hide a refusal behind a 404.
        const order = [...identities].sort(
          (a, b) => Number(mayCall(access, a, filling.used)) - Number(mayCall(access, b, filling.used)),
        );
        for (const who of order) {
          const allowed = mayCall(access, who, filling.used);
          const query = Object.fromEntries(
            op.query
              .filter((q) => q.required)
              .map((q) => [q.name, String(exampleOf(q.schema, q.name, world.refs))]),
          );
          const body = op.body ? exampleOf(op.body, '', world.refs) : undefined;
          const res = await caller(
            t,
            world.cookies[who],
          )({
            method: op.method,
            url: filling.url,
            query,
            ...(body !== undefined ? { payload: body as object } : {}),
          });
          requests++;
          const where = `${who} ${op.method} ${op.path} [${filling.used.map((r) => r.name).join(', ')}] -> ${res.statusCode}`;
          const status = res.statusCode;
          if (status >= 500) violations.push(`5xx: ${where} ${res.body.slice(0, 200)}`);
          for (const [secret, readers] of Object.entries(secrets)) {
            if (res.body.includes(secret) && !readers.includes(who)) {
              leaks++;
              violations.push(`secret ${secret} leaked: ${where}`);
            }
          }
          if (who === 'anonymous' && access !== 'public') {
            refusedByRule++;
            if (status !== 401) violations.push(`anonymous not refused with 401: ${where}`);
          } else if (!allowed) {
            const refusals = isRead(op) ? [403, 404] : [400, 403, 404];
            if (status === 400) refusedByValidation++;
            else if (status === 401 || status === 403 || status === 404) refusedByRule++;
            if (!refusals.includes(status)) {
              if (status < 300) leaks++;
              violations.push(`not refused: ${where} ${res.body.slice(0, 160)}`);
            }
          } else {
            const refused = access === 'public' ? status === 403 : status === 401 || status === 403;
            if (refused) violations.push(`refused although allowed: ${where} ${res.body.slice(0, 160)}`);
            // A redirect is an answer too (the single sign-on callback only ever redirects).
            if (status < 400) okByOp.set(op.key, (okByOp.get(op.key) ?? 0) + 1);
          }
        }
      }
    }
    const readsNeverAnswered = ops.filter(
      (o) => isRead(o) && accessPolicy[o.key] !== undefined && !okByOp.has(o.key),
    );
    for (const o of readsNeverAnswered) violations.push(`no allowed identity was answered 2xx: ${o.key}`);
    console.log(
      `access matrix: ${ops.length} operations x ${identities.length} identities (${requests} requests over real records); refused ${refusedByRule} (401/403/404) + ${refusedByValidation} (400 on the body first); leaks found: ${leaks}; violations: ${violations.length}`,
    );
    expect(violations).toEqual([]);
  });
});
