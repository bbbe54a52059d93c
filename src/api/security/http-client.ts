// A small HTTP client for tests against a server process: JSON in, status and JSON out,
// and a network failure reported as status 0 (the request was never acknowledged).
export interface HttpAnswer {
  status: number;
  body: unknown;
  text: string;
}

export async function http(
  url: string,
  options: { method?: string; cookie?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  try {
    const res = await fetch(url, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: res.status, body, text };
  } catch (err) {
    return { status: 0, body: null, text: (err as Error).message };
  }
}

/** Creates an organisation through the public sign-up and signs its admin in; returns the cookie. */
export async function signUp(
  base: string,
  slug: string,
  password = 'correct horse battery staple',
): Promise<string> {
  const email = `admin@${slug}.example`;
  const created = await http(`${base}/api/organisations`, {
    body: { name: `Org ${slug}`, slug, admin: { name: 'Admin', email, password } },
  });
  if (created.status !== 201) throw new Error(`sign-up failed: ${created.status} ${created.text}`);
  const res = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('twoway_session='));
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return cookie.split(';')[0] as string;
}
