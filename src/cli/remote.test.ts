// The twoway command against a remote server with an API token: a real process talking HTTP
// to a real server, reading with a read token and writing with a write token.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { createWorld, type World } from '../relationships/testing.js';
import { remoteOf } from './remote.js';
import { runTwoway } from './testing.js';

let t: TestApp;
let w: World;
let server: string;

// No database settings at all: a remote command must not need one.
const twoway = (env: Record<string, string>, ...args: string[]) =>
  runTwoway({ PATH: process.env.PATH ?? '', ...env }, args);

const tokenOf = async (scope: 'read' | 'write') => {
  const res = await w.manager({
    method: 'POST',
    url: '/api/api-tokens',
    payload: { name: `cli ${scope}`, scope },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token as string;
};

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t, 'remote-cli');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  server = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

describe('the twoway command against a remote server', () => {
  it('lists programmes with a read token, from --server and --token or the environment', async () => {
    const token = await tokenOf('read');
    const byOptions = await twoway({}, 'programmes', 'list', '--server', server, '--token', token);
    expect(byOptions.code, byOptions.stderr).toBe(0);
    expect(byOptions.stdout).toContain(w.programmeId);
    const byEnv = await twoway(
      { TWOWAY_SERVER: server, TWOWAY_TOKEN: token },
      'programmes',
      'list',
      '--json',
    );
    expect(byEnv.code, byEnv.stderr).toBe(0);
    expect(JSON.parse(byEnv.stdout).map((p: { id: string }) => p.id)).toContain(w.programmeId);
  });

  it('runs matching with a write token, and is refused with a read token or a wrong one', async () => {
    const write = await tokenOf('write');
    const ran = await twoway(
      { TWOWAY_SERVER: server, TWOWAY_TOKEN: write },
      'matches',
      'run',
      w.programmeId,
      '--json',
    );
    expect(ran.code, ran.stderr).toBe(0);
    const runId = JSON.parse(ran.stdout).id as string;
    const listed = await w.manager({ method: 'GET', url: `/api/programmes/${w.programmeId}/match-runs` });
    expect(listed.json().map((r: { id: string }) => r.id)).toContain(runId);

    const read = await tokenOf('read');
    const refused = await twoway(
      { TWOWAY_SERVER: server, TWOWAY_TOKEN: read },
      'matches',
      'run',
      w.programmeId,
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/read scope/);
    const wrong = await twoway(
      { TWOWAY_SERVER: server, TWOWAY_TOKEN: 'tw_not-a-token' },
      'programmes',
      'list',
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/unknown, expired or revoked/);
    expect(() => remoteOf({}, { TWOWAY_SERVER: server })).toThrow(/both --server and --token/);
  });
});
