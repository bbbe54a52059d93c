import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../components/matching-words';
import type { Programme, ProgrammeStatus } from '../../../lib/types';
import { fakeApi, renderWithApp } from '../../../testing/render';
import { LifecycleActions } from './lifecycle-actions';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const programme = (status: ProgrammeStatus): Programme => ({
  id: '33333333-3333-3333-3333-333333333333',
  name: 'Two-Way Exchange',
  kind: 'mutual',
  format: 'one_to_one',
  description: null,
  goals: [],
  cohortStart: '2027-02-01',
  cohortEnd: '2027-07-31',
  meetingCadence: 'fortnightly',
  defaultMentorCapacity: 1,
  matchingSettings: defaultSettings('mutual'),
  status,
  topics: [],
  enrolled: { mentors: 3, mentees: 3, people: 6 },
  version: 4,
  createdAt: '',
  updatedAt: '',
});

const buttons = () => screen.queryAllByRole('button').map((b) => b.textContent);

describe('lifecycle actions', () => {
  it('offers only the moves the lifecycle allows', () => {
    fakeApi(() => undefined);
    renderWithApp(<LifecycleActions programme={programme('draft')} />);
    expect(buttons()).toEqual(['Open enrolment', 'Delete draft']);
    cleanup();
    renderWithApp(<LifecycleActions programme={programme('matching')} />);
    expect(buttons()).toEqual(['Reopen enrolment']);
    cleanup();
    renderWithApp(<LifecycleActions programme={programme('closed')} />);
    expect(buttons()).toEqual([]);
  });

  it('sends the move with the version it was shown, and shows a refusal', async () => {
    const calls = fakeApi(({ url }) =>
      url.pathname.endsWith('/transitions')
        ? {
            status: 409,
            json: {
              error: {
                code: 'stale_version',
                message: 'This programme was changed by someone else; reload it and try again.',
              },
            },
          }
        : undefined,
    );
    renderWithApp(<LifecycleActions programme={programme('enrolling')} />);
    await userEvent.click(screen.getByRole('button', { name: 'Close enrolment and start matching' }));
    expect(await screen.findByText(/changed by someone else/)).toBeTruthy();
    expect(calls.at(-1)?.body).toEqual({ to: 'matching', version: 4 });
  });

  it('asks before closing, and puts focus back when the question is dismissed', async () => {
    fakeApi(() => undefined);
    renderWithApp(<LifecycleActions programme={programme('active')} />);
    await userEvent.click(screen.getByRole('button', { name: 'Close the programme' }));
    const group = screen.getByRole('group', { name: 'Close the programme? This cannot be undone.' });
    expect(document.activeElement?.textContent).toBe('Close the programme');
    expect(group.contains(document.activeElement)).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement?.textContent).toBe('Close the programme');
    expect(screen.queryByRole('group')).toBeNull();
  });
});
