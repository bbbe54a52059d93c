// The one way the web app talks to the API: JSON in and out, the session cookie,
// and every error turned into an ApiError with the server's code, message and fields.

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldProblem[];
  readonly details: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: FieldProblem[] = [],
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Send the body as is with this content type (for CSV uploads). */
  contentType?: string;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return (await send<T>(method, path, options)).data;
}

/** A request's body and its response headers. */
async function send<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<{ data: T; headers: Headers }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (options.contentType) {
      headers['content-type'] = options.contentType;
      body = options.body as BodyInit;
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
  }
  let response: Response;
  try {
    response = await fetch(withQuery(`/api${path}`, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Twoway could not be reached. Check your connection and try again.');
  }
  if (response.status === 204) return { data: undefined as T, headers: response.headers };
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = (
      data as {
        error?: {
          code?: string;
          message?: string;
          fields?: FieldProblem[];
          details?: Record<string, unknown>;
        };
      } | null
    )?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered ${response.status}.`,
      error?.fields ?? [],
      error?.details,
    );
  }
  return { data: data as T, headers: response.headers };
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
  /**
   * One page of a list that answers an array, its count in X-Total-Count and, where that count
   * may stop short, X-Total-Exact.
   */
  page: async <T>(path: string, options: RequestOptions & { query: { limit: number; offset: number } }) => {
    const { data, headers } = await send<T[]>('GET', path, options);
    const total = Number(headers.get('x-total-count') ?? data.length);
    const exact = headers.get('x-total-exact');
    return {
      items: data,
      total,
      ...(exact === null ? {} : { totalExact: exact !== 'false' }),
      limit: options.query.limit,
      offset: options.query.offset,
    };
  },
};

/** Field errors by path ("offers.0.topicId"), for showing beside each field. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const f of error.fields) {
      if (!(f.path in out)) out[f.path] = f.message;
    }
  }
  return out;
}

/** A sentence for the user: the server's message, or a generic one. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
