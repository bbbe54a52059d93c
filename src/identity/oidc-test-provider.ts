// A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for the tests: its own sign-in
// form (any password; the login names one of `users`), consent granted without asking, and
// a short authorization-code lifetime so a test can let a code expire.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestUser {
  email: string;
  emailVerified?: boolean;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export async function startTestProvider(options: {
  redirectUri: string;
  users: Record<string, TestUser>;
  /** Seconds an authorization code lives (default 60). */
  codeTtl?: number;
}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'twoway-test';
  const clientSecret = 'a-test-client-secret-of-some-length';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    claims: { email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    pkce: { required: () => true },
    ttl: { AuthorizationCode: options.codeTtl ?? 60 },
    cookies: { keys: ['a-test-cookie-key-of-some-length'] },
    async findAccount(_ctx, id) {
      const user = options.users[id];
      if (!user) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: user.email,
          email_verified: user.emailVerified ?? true,
          name: user.name ?? id,
        }),
      };
    },
    // Grant what the client asks for, so the tests see one form: the provider's sign-in.
    async loadExistingGrant(ctx) {
      const oidcCtx = ctx.oidc;
      const clientId = oidcCtx.client?.clientId ?? '';
      const grantId = oidcCtx.result?.consent?.grantId ?? oidcCtx.session?.grantIdFor(clientId);
      if (grantId) return oidcCtx.provider.Grant.find(grantId);
      const grant = new oidcCtx.provider.Grant({ clientId, accountId: oidcCtx.session?.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Plays a browser at the provider without one: follows its redirects with a cookie jar and
 * submits its sign-in form as `login`, until it sends the browser back to `redirectUri`.
 * Answers that last URL (with the code and state).
 */
export async function signInAtProvider(authorizationUrl: string, login: string, redirectUri: string) {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 12; hop++) {
    if (url.startsWith(redirectUri)) return url;
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    keep(res);
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt)
      throw new Error(`the provider answered ${res.status} without a form: ${html.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url).href;
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('the provider never sent the browser back');
}
