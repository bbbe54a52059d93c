import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderWithApp } from '../../../testing/render';
import type { FeedbackSummary } from '../types';
import { FeedbackCard } from './programme-health';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const programmeId = '44444444-4444-4444-4444-444444444444';
const shown = {
  suppressed: false as const,
  reason: null,
  people: 7,
  answers: 9,
  meanValue: 4.25,
  meanHeard: 3.5,
  talking: { me: 0.2, balanced: 0.6, other: 0.2 },
};
const summary: FeedbackSummary = {
  programmeId,
  minimumGroupSize: 5,
  asOf: '2027-03-01T10:00:00.000Z',
  waiting: true,
  overall: shown,
  fromMentors: { suppressed: true, reason: 'protects_a_smaller_group' },
  fromMentees: { suppressed: true, reason: 'too_few_people' },
  fromFacilitators: { suppressed: true, reason: 'too_few_people' },
  fromMembers: { ...shown, people: 6, answers: 8 },
  fromPeers: { suppressed: true, reason: 'too_few_people' },
  byDepartment: [
    { department: 'Marketing', ...shown },
    { department: 'Finance', suppressed: true, reason: 'too_few_people' },
    { department: null, suppressed: true, reason: 'protects_a_smaller_group' },
  ],
  closingReflections: { suppressed: true, reason: 'too_few_people' },
};

describe('feedback on the programme health screen', () => {
  it('says in plain words why each hidden figure is hidden', async () => {
    fakeApi(({ url }) => (url.pathname.endsWith('/feedback-summary') ? { json: summary } : undefined));
    renderWithApp(<FeedbackCard programmeId={programmeId} />);
    expect(await screen.findByText('4.3 / 5')).toBeTruthy();
    expect(screen.getByText('9 from 7 people')).toBeTruthy();
    // The mentees and Finance: too few people; the mentors and "No department": protecting them.
    expect(screen.getAllByText(/fewer than 5 people answered/)).toHaveLength(2);
    expect(screen.getAllByText(/worked out by subtracting it from another figure/)).toHaveLength(2);
    expect(screen.getByText('No department')).toBeTruthy();
    expect(screen.getByText(/Newer answers are in/)).toBeTruthy();
  });

  it('shows a circles programme’s answers from facilitators and from members, not mentors and mentees', async () => {
    fakeApi(({ url }) => (url.pathname.endsWith('/feedback-summary') ? { json: summary } : undefined));
    renderWithApp(<FeedbackCard programmeId={programmeId} format="circles" />);
    expect(await screen.findByText('From facilitators')).toBeTruthy();
    expect(screen.getByText('From members')).toBeTruthy();
    expect(screen.getByText('8 from 6 people')).toBeTruthy();
    expect(screen.queryByText('From mentors')).toBeNull();
  });
});
