import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderWithApp } from '../../../testing/render';
import type { ScimTokenResponse } from '../api/scim-tokens';
import { ScimTokens } from './scim-tokens';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const listed: ScimTokenResponse = {
  id: 't1',
  name: 'Entra ID',
  hint: 'wxyz',
  createdAt: '2026-11-27T09:00:00Z',
  lastUsedAt: null,
  revokedAt: null,
};

describe('SCIM tokens', () => {
  it('shows a new token once, lists tokens by name and last four characters, and revokes one after asking', async () => {
    let tokens: ScimTokenResponse[] = [listed];
    const calls = fakeApi(({ method, url }) => {
      if (method === 'GET' && url.pathname === '/api/scim-tokens') return { json: tokens };
      if (method === 'POST' && url.pathname === '/api/scim-tokens') {
        const made = { ...listed, id: 't2', name: 'Okta', hint: 'abcd', token: 'twscim_secret-value-abcd' };
        tokens = [...tokens, made];
        return { status: 201, json: made };
      }
      if (method === 'POST' && url.pathname === '/api/scim-tokens/t1/revoke') {
        tokens = tokens.map((t) => (t.id === 't1' ? { ...t, revokedAt: '2026-11-27T10:00:00Z' } : t));
        return { json: tokens[0] };
      }
      return undefined;
    });
    renderWithApp(<ScimTokens />);
    expect(await screen.findByRole('rowheader', { name: 'Entra ID' })).toBeTruthy();
    expect(screen.getByText('…wxyz')).toBeTruthy();

    await userEvent.type(screen.getByLabelText(/Token name/), 'Okta');
    await userEvent.click(screen.getByRole('button', { name: 'Make a SCIM token' }));
    expect(await screen.findByText('twscim_secret-value-abcd')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: 'Okta' });

    await userEvent.click(screen.getByRole('button', { name: 'Revoke the SCIM token Entra ID' }));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText(/^Revoked/)).toBeTruthy();
  });
});
