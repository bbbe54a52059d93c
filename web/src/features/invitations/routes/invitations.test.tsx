import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderWithApp } from '../../../testing/render';
import type { Invitation } from '../api/types';
import { Component as Invitations } from './invitations';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const invitation = (i: number, status: Invitation['status']): Invitation => ({
  id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
  personId: `10000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
  name: `Person ${i}`,
  email: `p${i}@example.com`,
  roles: ['participant'],
  status,
  sentAt: '2026-11-20T09:00:00.000Z',
  openedAt: null,
  acceptedAt: status === 'accepted' ? '2026-11-21T09:00:00.000Z' : null,
  expiresAt: '2026-11-27T09:00:00.000Z',
});

const counts = { sent: 2, opened: 0, accepted: 1, expired: 0, revoked: 0 };

function api(revoke: { status: number; json?: unknown } = { status: 204 }) {
  return fakeApi(({ method, url }) => {
    if (method === 'GET' && url.pathname === '/api/invitations') {
      const status = url.searchParams.get('status');
      const all = [invitation(1, 'sent'), invitation(2, 'sent'), invitation(3, 'accepted')];
      const items = status ? all.filter((i) => i.status === status) : all;
      return { json: { items, total: items.length, counts } };
    }
    if (method === 'POST' && url.pathname.endsWith('/revoke')) return revoke;
    if (method === 'POST' && url.pathname.endsWith('/resend')) return { status: 204 };
    return undefined;
  });
}

describe('the invitations list', () => {
  it('shows the count in each status and asks the server for one status when filtered', async () => {
    const calls = api();
    renderWithApp(<Invitations />, { path: '/invitations', route: '/invitations' });
    expect(await screen.findByText('Person 1')).toBeTruthy();
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(screen.getByRole('option', { name: 'Accepted (1)' })).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'accepted');
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    expect(calls.at(-1)?.url.searchParams.get('status')).toBe('accepted');
    // An accepted invitation can be neither resent nor revoked.
    expect(screen.queryByRole('button', { name: /Revoke/ })).toBeNull();
  });

  it('revokes only after confirmation, and shows the server’s refusal in its words', async () => {
    const calls = api({
      status: 409,
      json: { error: { code: 'conflict', message: 'This invitation was accepted already.' } },
    });
    renderWithApp(<Invitations />, { path: '/invitations', route: '/invitations' });
    await userEvent.click(await screen.findByRole('button', { name: 'Revoke the invitation to Person 1' }));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('This invitation was accepted already.')).toBeTruthy();
    const posts = calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname);
    expect(posts).toEqual(['/api/invitations/00000000-0000-0000-0000-000000000001/revoke']);
  });
});
