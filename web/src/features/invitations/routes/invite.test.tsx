import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderWithApp } from '../../../testing/render';
import type { InvitationBatch } from '../api/types';
import { Component as Invite } from './invite';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const batchId = '20000000-0000-0000-0000-000000000001';
const batch = (processed: number, total: number): InvitationBatch => ({
  id: batchId,
  selection: { kind: 'filter', department: 'Finance' },
  roles: ['participant'],
  total,
  processed,
  invited: processed,
  status: processed >= total ? 'done' : 'queued',
  createdAt: '2026-11-27T08:00:00.000Z',
  finishedAt: processed >= total ? '2026-11-27T08:01:00.000Z' : null,
});

describe('inviting people', () => {
  it('invites the filtered people list and follows a queued batch until it is done', async () => {
    let polls = 0;
    const calls = fakeApi(({ method, url }) => {
      if (url.pathname === '/api/programmes') return { json: [] };
      if (method === 'POST' && url.pathname === '/api/invitations')
        return { status: 202, json: batch(0, 250) };
      if (url.pathname === `/api/invitation-batches/${batchId}`) {
        polls += 1;
        return { json: polls === 1 ? batch(0, 250) : batch(250, 250) };
      }
      return undefined;
    });
    renderWithApp(<Invite />, {
      path: '/invitations/new',
      route: '/invitations/new?from=people&department=Finance',
    });
    expect(await screen.findByText(/Everyone on the people list in Finance/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Send invitations' }));
    const bar = await screen.findByRole('progressbar', { name: /Sending invitations: 0 of 250/ });
    expect(bar.getAttribute('max')).toBe('250');
    expect(await screen.findByText(/250 people invited/, {}, { timeout: 6000 })).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      selection: { kind: 'filter', department: 'Finance' },
    });
  }, 10_000);

  it('invites one person found by search, and asks for a person before sending', async () => {
    const calls = fakeApi(({ method, url }) => {
      if (url.pathname === '/api/programmes') return { json: [] };
      if (url.pathname === '/api/people')
        return {
          json: {
            items: [
              {
                id: '30000000-0000-0000-0000-000000000001',
                name: 'Ada Lovelace',
                email: 'ada@example.com',
                department: 'Research',
              },
            ],
            total: 1,
            limit: 8,
            offset: 0,
          },
        };
      if (method === 'POST' && url.pathname === '/api/invitations')
        return { status: 202, json: { ...batch(1, 1), selection: { kind: 'people', personIds: [] } } };
      return undefined;
    });
    renderWithApp(<Invite />, { path: '/invitations/new', route: '/invitations/new' });
    await userEvent.click(await screen.findByRole('button', { name: 'Send invitations' }));
    expect(await screen.findByText('choose the person to invite')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await userEvent.type(screen.getByLabelText(/Find the person/), 'ada');
    await userEvent.click(await screen.findByRole('radio', { name: /Ada Lovelace/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Invite Ada Lovelace' }));
    expect(await screen.findByText(/1 person invited/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      selection: { kind: 'people', personIds: ['30000000-0000-0000-0000-000000000001'] },
    });
  });
});
