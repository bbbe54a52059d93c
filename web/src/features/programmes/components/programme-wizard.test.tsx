import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings, describeRules, weightShares } from '../../../components/matching-words';
import { ApiError } from '../../../lib/api-client';
import { fakeApi, renderWithApp } from '../../../testing/render';
import { ProgrammeWizard, stepOfField } from './programme-wizard';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const topics = [
  {
    id: '11111111-1111-1111-1111-111111111111',
    name: 'Generative AI at work',
    category: 'digital_and_technology',
    description: null,
  },
  { id: '22222222-2222-2222-2222-222222222222', name: 'Career moves', category: 'career', description: null },
];

function fakeTopics() {
  return fakeApi(({ url }) => (url.pathname === '/api/topics' ? { json: topics } : undefined));
}

async function fillToReview() {
  await userEvent.type(screen.getByLabelText('Programme name'), 'Digital Fluency');
  await userEvent.click(screen.getByRole('button', { name: 'Next: Topics →' }));
  await userEvent.click(await screen.findByRole('checkbox', { name: 'Generative AI at work' }));
  await userEvent.click(screen.getByRole('button', { name: 'Next: Schedule →' }));
  fireEvent.change(screen.getByLabelText('Cohort starts'), { target: { value: '2027-01-01' } });
  fireEvent.change(screen.getByLabelText('Cohort ends'), { target: { value: '2027-06-30' } });
  await userEvent.click(screen.getByRole('button', { name: 'Next: Matching →' }));
  await userEvent.click(screen.getByRole('button', { name: 'Next: Review →' }));
}

describe('the programme wizard', () => {
  it('walks five steps and sends the whole programme, matching settings included', async () => {
    fakeTopics();
    const onSubmit = vi.fn();
    renderWithApp(
      <ProgrammeWizard busy={false} error={null} submitLabel="Create programme" onSubmit={onSubmit} />,
    );
    await fillToReview();
    expect(screen.getByRole('heading', { name: 'Step 5 of 5: Review' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Create programme' }));
    expect(onSubmit).toHaveBeenCalledWith({
      name: 'Digital Fluency',
      kind: 'reverse',
      format: 'one_to_one',
      description: null,
      goals: [],
      cohortStart: '2027-01-01',
      cohortEnd: '2027-06-30',
      meetingCadence: 'monthly',
      defaultMentorCapacity: 1,
      topicIds: [topics[0]?.id],
      matchingSettings: defaultSettings('reverse'),
    });
  });

  it('takes the manager back to the step of a field the server refused', async () => {
    fakeTopics();
    const onSubmit = vi.fn();
    const error = new ApiError(400, 'validation_failed', 'The request is not valid.', [
      { path: 'cohortEnd', message: 'must be on or after cohortStart' },
    ]);
    renderWithApp(
      <ProgrammeWizard busy={false} error={error} submitLabel="Create programme" onSubmit={onSubmit} />,
    );
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Step 3 of 5: Schedule' })).toBeTruthy());
    expect(screen.getByText('must be on or after cohortStart')).toBeTruthy();
  });

  it('maps server paths to steps', () => {
    expect(stepOfField('name')).toBe(0);
    expect(stepOfField('topicIds.2')).toBe(1);
    expect(stepOfField('cohortEnd')).toBe(2);
    expect(stepOfField('matchingSettings.weights.topics')).toBe(3);
  });

  it('explains weights as shares of the score and rules in words', () => {
    const weights = {
      topics: 0.4,
      goals: 0.4,
      department: 0,
      generation: 0,
      availability: 0,
      preference: 0.2,
    };
    expect(weightShares(weights)).toMatchObject({ topics: 40, goals: 40, preference: 20 });
    const { rules } = defaultSettings('reverse');
    const off = { enabled: false };
    expect(
      describeRules('reverse', {
        ...rules,
        reportingLine: { ...rules.reportingLine, enabled: false },
        jobLevel: { enabled: true, gap: 2 },
        language: off,
        overlap: { ...rules.overlap, enabled: false },
        pastPairs: off,
        minScore: 0.25,
      }),
    ).toEqual([
      'The mentor is more junior than the mentee (at least 2 job levels apart)',
      'Leave someone unmatched rather than give them a pair scoring under 25%',
    ]);
  });

  it('sends the kind’s default weights when the kind changes before tuning', async () => {
    fakeTopics();
    const onSubmit = vi.fn();
    renderWithApp(
      <ProgrammeWizard busy={false} error={null} submitLabel="Create programme" onSubmit={onSubmit} />,
    );
    await userEvent.click(screen.getByRole('radio', { name: /Two-way mentoring/ }));
    await fillToReview();
    await userEvent.click(screen.getByRole('button', { name: 'Create programme' }));
    const sent = onSubmit.mock.calls[0]?.[0];
    expect(sent.kind).toBe('mutual');
    expect(sent.matchingSettings.weights.topics).toBe(0.45);
    expect(sent.matchingSettings.rules.jobLevel.enabled).toBe(false);
  });
});
