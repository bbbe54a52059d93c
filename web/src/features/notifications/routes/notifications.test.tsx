import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderWithApp } from '../../../testing/render';
import type { NotificationView } from '../api/types';
import { Component as Notifications } from './notifications';
import { Component as Preferences } from './preferences';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const item = (i: number, read: boolean): NotificationView => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  kind: 'meeting.scheduled',
  title: `Meeting ${i} planned`,
  summary: `Summary ${i}`,
  path: `/my/relationships/r${i}`,
  createdAt: '2026-11-20T09:00:00.000Z',
  read,
});

describe('the notification centre', () => {
  it('shows what is new, and marks one read on the server', async () => {
    let items = [item(1, false), item(2, true)];
    const calls = fakeApi(({ method, url }) => {
      if (method === 'GET' && url.pathname === '/api/notifications') {
        const unread = items.filter((n) => !n.read).length;
        return { json: { items, total: items.length, limit: 20, offset: 0, unread } };
      }
      if (method === 'POST' && url.pathname.endsWith('/read')) {
        items = items.map((n) => (url.pathname.includes(n.id) ? { ...n, read: true } : n));
        return { json: { unread: 0 } };
      }
      return undefined;
    });
    renderWithApp(<Notifications />, { path: '/notifications', route: '/notifications' });
    expect(await screen.findByRole('link', { name: 'Meeting 1 planned' })).toBeTruthy();
    expect(screen.getByText('1 unread notification')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Mark read: Meeting 1 planned' }));
    await waitFor(() => expect(screen.getByText('0 unread notifications')).toBeTruthy());
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual([
      `/api/notifications/${item(1, false).id}/read`,
    ]);
    expect(screen.queryByRole('button', { name: /Mark read/ })).toBeNull();
  });
});

describe('email preferences', () => {
  it('sends the kinds turned off', async () => {
    const calls = fakeApi(({ method, body }) => {
      const emailOff = method === 'PUT' ? (body as { emailOff: string[] }).emailOff : [];
      return {
        json: {
          kinds: [
            {
              kind: 'meeting.reminder',
              label: 'Reminders before a meeting',
              email: !emailOff.includes('meeting.reminder'),
            },
            { kind: 'feedback.requested', label: 'Feedback after a meeting', email: true },
          ],
        },
      };
    });
    renderWithApp(<Preferences />, { path: '/p', route: '/p' });
    await userEvent.click(await screen.findByLabelText('Reminders before a meeting'));
    await userEvent.click(screen.getByRole('button', { name: 'Save preferences' }));
    expect(await screen.findByText('Your email preferences are saved.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ emailOff: ['meeting.reminder'] });
    expect((screen.getByLabelText('Reminders before a meeting') as HTMLInputElement).checked).toBe(false);
  });
});
