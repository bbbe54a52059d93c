// Writes come only from the app's own pages or from programs, never from another site's page:
// a browser cannot send `application/json` across origins without a CORS preflight (which we
// never grant), and it labels every cross-origin write with `Origin` and `Sec-Fetch-Site`.
// The rule (decision 030):
// - a write with a body must be `application/json`, or a type the route declares in
//   `schema.consumes` (the people import takes `text/csv`); anything else is a 415;
// - a write without a body must carry no content type at all, or JSON (an empty form post is a 415);
//   a DELETE may also name a type its route declares (SCIM clients label theirs);
// - any write whose `Sec-Fetch-Site` is not same-origin (or none), or whose `Origin` is not
//   this server's own (or one listed in TWOWAY_ALLOWED_ORIGINS), is a 403.
// One exception (decision 097): RFC 8058 one-click unsubscribe, which mail clients POST
// from anywhere as a form; its signed token is the credential, and its content types stay checked.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unsupportedMediaType } from '../errors.js';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes any site may write to (method and route pattern); keep this list this short. */
const crossSiteWrites = new Set(['POST /unsubscribe/:token']);
const json = 'application/json';

/** `text/csv; charset=utf-8` -> `text/csv`. */
const mediaType = (header: string) => (header.split(';')[0] ?? '').trim().toLowerCase();

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
}

function declaredTypes(request: FastifyRequest): string[] {
  const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes;
  return consumes && consumes.length > 0 ? consumes.map(mediaType) : [json];
}

function originAllowed(request: FastifyRequest, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin.toLowerCase())) return true;
  let url: URL;
  try {
    url = new URL(origin); // "null" (a sandboxed frame, a data: page) does not parse
  } catch {
    return false;
  }
  // The scheme is not compared: behind a TLS-terminating proxy the server itself sees http.
  return url.host.toLowerCase() === request.headers.host?.toLowerCase();
}

export function registerWriteGuard(
  app: FastifyInstance,
  options: { allowedOrigins: readonly string[] },
): void {
  const allowedOrigins = options.allowedOrigins.map((o) => o.toLowerCase().replace(/\/$/, ''));
  app.addHook('onRequest', async (request) => {
    if (!writeMethods.has(request.method)) return;
    const site = request.headers['sec-fetch-site'];
    const anySite = crossSiteWrites.has(`${request.method} ${request.routeOptions.url}`);
    if (
      !anySite &&
      ((site !== undefined && site !== 'same-origin' && site !== 'none') ||
        !originAllowed(request, allowedOrigins))
    )
      throw forbidden('Writes are accepted only from Twoway itself, not from another site.');
    const contentType = request.headers['content-type'];
    const allowed = declaredTypes(request);
    if (!hasBody(request)) {
      // A body-less DELETE may name a type its route takes (SCIM clients label theirs); any other
      // body-less write names none, or JSON.
      const labels = request.method === 'DELETE' ? allowed : [json];
      if (contentType !== undefined && !labels.includes(mediaType(contentType)))
        throw unsupportedMediaType([json]);
      return;
    }
    if (contentType === undefined || !allowed.includes(mediaType(contentType)))
      throw unsupportedMediaType(allowed);
  });
}
