import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, fieldErrorsOf, withQuery } from './api-client';

afterEach(() => vi.unstubAllGlobals());

describe('the API client', () => {
  it('turns an error body into an ApiError with its fields', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          {
            error: {
              code: 'validation_failed',
              message: 'The request is not valid.',
              fields: [{ path: 'name', message: 'is required' }],
            },
          },
          { status: 400 },
        ),
      ),
    );
    const error = await api.post('/topics', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect(fieldErrorsOf(error)).toEqual({ name: 'is required' });
  });

  it('says the server could not be reached when the network fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = (await api.get('/me').catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/could not be reached/);
  });

  it('leaves empty query values out', () => {
    expect(withQuery('/people', { q: '', department: undefined, offset: 0, limit: 50 })).toBe(
      '/people?offset=0&limit=50',
    );
  });
});
