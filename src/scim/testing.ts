// Test helpers: a SCIM client speaking HTTP to the server listening on a real port.
import type { AddressInfo } from 'node:net';
import type { TestApp, TestOrg } from '../api/testing.js';
import { as } from '../api/testing.js';

export interface ScimClient {
  token: string;
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    // biome-ignore lint/suspicious/noExplicitAny: tests read SCIM answers loosely, as a directory does
  ): Promise<{ status: number; body: any; headers: Headers }>;
}

/** Listens on a free port (once per app) and returns the base URL. */
export async function listening(t: TestApp): Promise<string> {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** An admin of `org` creates a SCIM token; the client then sends only the bearer token, as a directory does. */
export async function scimClient(t: TestApp, org: TestOrg, name = 'Directory'): Promise<ScimClient> {
  const base = await listening(t);
  const created = await as(
    t.app,
    org.cookies.org_admin,
  )({ method: 'POST', url: '/api/scim-tokens', payload: { name } });
  if (created.statusCode !== 201) throw new Error(`token: ${created.body}`);
  const token = created.json().token as string;
  return {
    token,
    async call(method, path, body, headers = {}) {
      const res = await fetch(`${base}/scim/v2${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/scim+json',
          ...(body === undefined ? {} : { 'content-type': 'application/scim+json; charset=utf-8' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    },
  };
}
