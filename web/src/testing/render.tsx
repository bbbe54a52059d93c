// Component-test helpers: a fresh query client and router per test, and a fake API.
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { vi } from 'vitest';
import { AppProvider } from '../app/provider';

export function renderWithApp(
  ui: ReactElement,
  {
    path = '/',
    route = '/',
    outletContext,
  }: {
    path?: string;
    route?: string /** What a parent route hands `ui` (useOutletContext). */;
    outletContext?: unknown;
  } = {},
) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(
    [
      outletContext === undefined
        ? { path, element: ui }
        : { path, element: <Outlet context={outletContext} />, children: [{ index: true, element: ui }] },
      { path: '*', element: <p>elsewhere</p> },
    ],
    { initialEntries: [route] },
  );
  return {
    client,
    router,
    ...render(
      <AppProvider client={client}>
        <RouterProvider router={router} />
      </AppProvider>,
    ),
  };
}

type Handler = (req: {
  method: string;
  url: URL;
  body: unknown;
}) => { status?: number; json?: unknown; headers?: Record<string, string> } | undefined;

/** Replaces fetch with `handler`; returns the calls made, for asserting what reached the server. */
export function fakeApi(handler: Handler) {
  const calls: { method: string; url: URL; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://localhost');
      const method = init?.method ?? 'GET';
      let body: unknown = init?.body;
      if (
        typeof body === 'string' &&
        init?.headers &&
        (init.headers as Record<string, string>)['content-type'] === 'application/json'
      ) {
        body = JSON.parse(body);
      }
      const call = { method, url, body };
      calls.push(call);
      const answer = handler(call) ?? {
        status: 404,
        json: { error: { code: 'not_found', message: 'no fake for this' } },
      };
      return new Response(answer.json === undefined ? null : JSON.stringify(answer.json), {
        status: answer.status ?? 200,
        headers: { 'content-type': 'application/json', ...answer.headers },
      });
    }),
  );
  return calls;
}
