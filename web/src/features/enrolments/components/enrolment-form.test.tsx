import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../components/matching-words';
import { ApiError } from '../../../lib/api-client';
import type { Programme } from '../../../lib/types';
import { buildEnrolment, EnrolmentForm, initialEnrolmentValues } from './enrolment-form';

afterEach(cleanup);

const programme: Programme = {
  id: 'p1',
  name: 'Digital Leadership',
  kind: 'reverse',
  format: 'one_to_one',
  description: null,
  goals: [],
  cohortStart: '2027-01-11',
  cohortEnd: '2027-06-30',
  meetingCadence: 'fortnightly',
  defaultMentorCapacity: 1,
  matchingSettings: defaultSettings('reverse'),
  status: 'enrolling',
  topics: [
    { id: 't-ai', name: 'Generative AI at work', category: 'digital_and_technology' },
    { id: 't-social', name: 'Social media channels', category: 'digital_and_technology' },
    { id: 't-genz', name: 'Gen Z expectations', category: 'trends_and_culture' },
  ],
  enrolled: null,
  version: 1,
  createdAt: '',
  updatedAt: '',
};

describe('the enrolment form', () => {
  it('names each missing answer beside its field and sends nothing', async () => {
    const onSubmit = vi.fn();
    render(
      <EnrolmentForm
        programme={programme}
        busy={false}
        error={null}
        submitLabel="Enrol"
        onSubmit={onSubmit}
      />,
    );
    await userEvent.click(screen.getByRole('radio', { name: /^Mentor/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Enrol' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('choose at least one topic you can offer')).toBeTruthy();
    const consent = screen.getByRole('checkbox', { name: /I agree/ });
    expect(consent.getAttribute('aria-invalid')).toBe('true');
    expect(
      document.getElementById(consent.getAttribute('aria-describedby')?.split(' ').pop() ?? '')?.textContent,
    ).toContain('is needed to enrol');
  });

  it('sends topics, times in minutes and capacity for a mentor', async () => {
    const onSubmit = vi.fn();
    render(
      <EnrolmentForm
        programme={programme}
        busy={false}
        error={null}
        submitLabel="Enrol"
        onSubmit={onSubmit}
      />,
    );
    await userEvent.click(screen.getByRole('radio', { name: /^Mentor/ }));
    await userEvent.selectOptions(screen.getByLabelText('Social media channels: what I can offer'), '5');
    await userEvent.selectOptions(screen.getByLabelText('Generative AI at work: what I can offer'), '3');
    await userEvent.click(screen.getByRole('button', { name: '+ Add a time slot' }));
    await userEvent.selectOptions(screen.getByLabelText('Day of time slot 1'), '3');
    fireEvent.change(screen.getByLabelText('From (slot 1)'), { target: { value: '12:30' } });
    fireEvent.change(screen.getByLabelText('To (slot 1)'), { target: { value: '14:00' } });
    await userEvent.clear(screen.getByLabelText('How many people could you mentor at once?'));
    await userEvent.type(screen.getByLabelText('How many people could you mentor at once?'), '2');
    await userEvent.click(screen.getByRole('checkbox', { name: /I agree/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Enrol' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        role: 'mentor',
        offers: [
          { topicId: 't-ai', proficiency: 3 },
          { topicId: 't-social', proficiency: 5 },
        ],
        seeks: [],
        availability: [{ day: 3, start: 750, end: 840 }],
        capacity: 2,
        consent: true,
      }),
    );
  });

  it('shows a server error about the second offer beside that topic', async () => {
    const onSubmit = vi.fn();
    const { rerender } = render(
      <EnrolmentForm
        programme={programme}
        busy={false}
        error={null}
        submitLabel="Enrol"
        onSubmit={onSubmit}
      />,
    );
    await userEvent.click(screen.getByRole('radio', { name: /^Mentor/ }));
    await userEvent.selectOptions(screen.getByLabelText('Generative AI at work: what I can offer'), '3');
    await userEvent.selectOptions(screen.getByLabelText('Gen Z expectations: what I can offer'), '2');
    await userEvent.click(screen.getByRole('checkbox', { name: /I agree/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Enrol' }));
    const error = new ApiError(400, 'validation_failed', 'The enrolment is not valid.', [
      { path: 'offers.1.topicId', message: 'is not a topic of this programme' },
    ]);
    rerender(
      <EnrolmentForm
        programme={programme}
        busy={false}
        error={error}
        submitLabel="Enrol"
        onSubmit={onSubmit}
      />,
    );
    const genz = screen.getByLabelText('Gen Z expectations: what I can offer');
    expect(genz.getAttribute('aria-invalid')).toBe('true');
    expect(
      screen.getByLabelText('Generative AI at work: what I can offer').getAttribute('aria-invalid'),
    ).toBeNull();
    expect(genz.closest('.field')?.textContent).toContain('is not a topic of this programme');
  });

  it('catches a slot that ends before it starts', () => {
    const values = {
      ...initialEnrolmentValues(programme),
      role: 'mentee' as const,
      seeks: { 't-ai': 1 },
      consent: true,
    };
    values.slots = [{ key: 1, day: '1', start: '10:00', end: '09:00' }];
    const { problems } = buildEnrolment(values, ['t-ai']);
    expect(problems).toEqual({ 'availability.0.end': 'must be after the start' });
  });

  it('offers "both" only in two-way programmes', () => {
    render(
      <EnrolmentForm
        programme={{ ...programme, kind: 'mutual' }}
        busy={false}
        error={null}
        submitLabel="Enrol"
        onSubmit={vi.fn()}
      />,
    );
    expect(screen.getByRole('radio', { name: /Both: teach and learn/ })).toBeTruthy();
    cleanup();
    render(
      <EnrolmentForm
        programme={programme}
        busy={false}
        error={null}
        submitLabel="Enrol"
        onSubmit={vi.fn()}
      />,
    );
    expect(screen.queryByRole('radio', { name: /Both/ })).toBeNull();
  });
});

describe('errors the form cannot place beside a field', () => {
  it('says a stale version at the top, in the server’s words', () => {
    const enrolment = {
      id: 'e1',
      programmeId: 'p1',
      personId: 'x',
      person: null,
      role: 'mentee' as const,
      offers: [],
      seeks: [{ topicId: 't-ai', priority: 1 }],
      goals: '',
      availability: [],
      capacity: 0,
      preferences: { preferredMentorIds: [] },
      consentAt: '',
      status: 'active' as const,
      withdrawnAt: null,
      version: 3,
      createdAt: '',
      updatedAt: '',
    };
    const error = new ApiError(
      409,
      'stale_version',
      'This enrolment was changed by someone else; reload it and try again.',
      [{ path: 'version', message: 'is not the current version' }],
    );
    render(
      <EnrolmentForm
        programme={programme}
        enrolment={enrolment}
        busy={false}
        error={error}
        submitLabel="Save"
        onSubmit={vi.fn()}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('changed by someone else');
    expect(screen.queryByText(/answers? needs? attention/)).toBeNull();
  });
});
