import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../components/matching-words';
import type { Enrolment, Programme } from '../../../lib/types';
import { fakeApi, renderWithApp } from '../../../testing/render';
import { Component as ProgrammeEnrolments } from './programme-enrolments';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const programme: Programme = {
  id: '33333333-3333-3333-3333-333333333333',
  name: 'Reverse Exchange',
  kind: 'reverse',
  format: 'one_to_one',
  description: null,
  goals: [],
  cohortStart: '2027-02-01',
  cohortEnd: '2027-07-31',
  meetingCadence: 'fortnightly',
  defaultMentorCapacity: 1,
  matchingSettings: defaultSettings('reverse'),
  status: 'enrolling',
  topics: [],
  enrolled: { mentors: 20_000, mentees: 25_333, people: 45_333 },
  version: 1,
  createdAt: '',
  updatedAt: '',
};

const enrolment = (i: number): Enrolment => ({
  id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
  programmeId: programme.id,
  personId: `10000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
  person: { name: `Person ${i}`, department: 'Finance', jobTitle: null, jobLevel: 2 },
  role: 'mentee',
  offers: [],
  seeks: [],
  goals: '',
  availability: [],
  capacity: 0,
  preferences: { preferredMentorIds: [] },
  consentAt: '',
  status: 'active',
  withdrawnAt: null,
  version: 1,
  createdAt: '',
  updatedAt: '',
});

/** Like the server: a page counts 1,000 past itself unless the exact count is asked for. */
function api(exactCount: 'answers' | 'fails') {
  return fakeApi(({ url }) => {
    if (url.pathname.endsWith('/enrolments/summary'))
      return { json: { mentors: 20_000, mentees: 25_333, places: 20_000, withdrawn: 0, topics: [] } };
    if (!url.pathname.endsWith('/enrolments')) return undefined;
    const limit = Number(url.searchParams.get('limit'));
    const offset = Number(url.searchParams.get('offset') ?? 0);
    if (url.searchParams.get('count') === 'exact')
      return exactCount === 'fails'
        ? { status: 503, json: { error: { code: 'unavailable', message: 'busy' } } }
        : { json: [enrolment(1)], headers: { 'x-total-count': '45333', 'x-total-exact': 'true' } };
    return {
      json: Array.from({ length: limit }, (_, i) => enrolment(offset + i + 1)),
      headers: { 'x-total-count': String(offset + limit + 1_000), 'x-total-exact': 'false' },
    };
  });
}

describe('the enrolments of a large programme', () => {
  it('pages with a count that stops past the page, then shows the exact count asked once', async () => {
    const calls = api('answers');
    renderWithApp(<ProgrammeEnrolments />, { outletContext: programme });
    expect(await screen.findByText('1–50 of 45,333')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Next →' }));
    expect(await screen.findByText('51–100 of 45,333')).toBeTruthy();
    const exact = calls.filter((c) => c.url.searchParams.get('count') === 'exact');
    expect(exact).toHaveLength(1);
    expect(exact[0]?.url.searchParams.get('limit')).toBe('1');
  });

  it('says "more than" while only a lower bound of the count is known', async () => {
    api('fails');
    renderWithApp(<ProgrammeEnrolments />, { outletContext: programme });
    expect(await screen.findByText('1–50 of more than 1,050')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next →' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
