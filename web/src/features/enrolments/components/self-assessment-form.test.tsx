import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SelfAssessmentsDue } from '../../../components/self-assessment-due';
import { fakeApi, renderWithApp } from '../../../testing/render';
import type { SelfAssessment } from '../api/self-assessment';
import { Component as SelfAssessmentScreen } from '../routes/self-assessment';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const programmeId = '44444444-4444-4444-4444-444444444444';
const ai = '55555555-5555-5555-5555-555555555555';
const social = '66666666-6666-6666-6666-666666666666';
const anchors = [
  { rating: 1, label: 'New to it', description: 'I have not really tried it yet.' },
  { rating: 2, label: 'Aware', description: 'I know what it is and have tried it with help.' },
  { rating: 3, label: 'Working', description: 'I use it on my own for routine work.' },
  { rating: 4, label: 'Confident', description: 'I use it well and can help colleagues with it.' },
  { rating: 5, label: 'Expert', description: 'I could teach it and shape how we use it here.' },
];

function form(midpoint: { topicId: string; rating: number }[] = []): SelfAssessment {
  return {
    programmeId,
    anchors,
    topics: [
      { topicId: ai, name: 'Generative AI at work', category: 'digital_and_technology' },
      { topicId: social, name: 'Social channels', category: 'digital_and_technology' },
    ],
    phases: [
      {
        phase: 'enrolment',
        open: false,
        note: 'Closed on 2026-11-27.',
        answers: [{ topicId: ai, rating: 2 }],
      },
      { phase: 'midpoint', open: true, note: 'Open until 2027-05-28.', answers: midpoint },
      { phase: 'closing', open: false, note: 'Opens on 2027-05-14.', answers: [] },
    ],
  };
}

const url = `/api/programmes/${programmeId}/self-assessment`;
const renderScreen = () =>
  renderWithApp(<SelfAssessmentScreen />, {
    path: '/my/programmes/:programmeId/self-assessment',
    route: `/my/programmes/${programmeId}/self-assessment`,
  });

describe('the self-assessment screen', () => {
  it('offers each sought topic as a radio group of the anchored descriptions, and names each topic left unrated', async () => {
    const calls = fakeApi(({ method, url: u }) =>
      method === 'GET' && u.pathname === url ? { json: form() } : undefined,
    );
    renderScreen();
    const ai = await screen.findByRole('group', { name: 'Generative AI at work' });
    expect(within(ai).getAllByRole('radio')).toHaveLength(5);
    expect(
      within(ai).getByRole('radio', { name: /Working.*I use it on my own for routine work/ }),
    ).toBeTruthy();
    await userEvent.click(within(ai).getByRole('radio', { name: /Confident/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Save my self-assessment' }));
    expect(await screen.findByText('Choose how you rate yourself in Social channels.')).toBeTruthy();
    expect(screen.queryByText('Choose how you rate yourself in Generative AI at work.')).toBeNull();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('sends one rating per topic for the due phase, then shows the answers read-only', async () => {
    const calls = fakeApi(({ method, url: u, body }) => {
      if (u.pathname !== url) return undefined;
      if (method === 'POST')
        return { json: form((body as { ratings: { topicId: string; rating: number }[] }).ratings) };
      return { json: form() };
    });
    renderScreen();
    await userEvent.click(
      within(await screen.findByRole('group', { name: 'Generative AI at work' })).getByRole('radio', {
        name: /Confident/,
      }),
    );
    await userEvent.click(
      within(screen.getByRole('group', { name: 'Social channels' })).getByRole('radio', { name: /Aware/ }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save my self-assessment' }));
    const answers = await screen.findByRole('heading', { name: 'At the midpoint' });
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      phase: 'midpoint',
      ratings: [
        { topicId: ai, rating: 4 },
        { topicId: social, rating: 2 },
      ],
    });
    const midpoint = answers.closest('section') as HTMLElement;
    expect(within(midpoint).getByText('4 · Confident')).toBeTruthy();
    expect(within(midpoint).getByText('2 · Aware')).toBeTruthy();
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.getByText('Nothing is due now. Thank you for your answers.')).toBeTruthy();
  });

  it('shows the server’s refusal beside the topic it names, or above the button', async () => {
    let status = 400;
    fakeApi(({ method, url: u }) => {
      if (u.pathname !== url) return undefined;
      if (method === 'GET') return { json: form() };
      return status === 400
        ? {
            status,
            json: {
              error: {
                code: 'validation_failed',
                message: 'Some ratings cannot be recorded.',
                fields: [{ path: 'ratings.1.topicId', message: 'is not a topic you seek in this programme' }],
              },
            },
          }
        : {
            status,
            json: { error: { code: 'conflict', message: 'You have already rated some of these topics.' } },
          };
    });
    renderScreen();
    for (const [topic, rating] of [
      ['Generative AI at work', /Working/],
      ['Social channels', /Expert/],
    ] as const)
      await userEvent.click(
        within(await screen.findByRole('group', { name: topic })).getByRole('radio', { name: rating }),
      );
    await userEvent.click(screen.getByRole('button', { name: 'Save my self-assessment' }));
    const social = screen.getByRole('group', { name: 'Social channels' });
    expect(await within(social).findByText('is not a topic you seek in this programme')).toBeTruthy();
    status = 409;
    await userEvent.click(screen.getByRole('button', { name: 'Save my self-assessment' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'You have already rated some of these topics.',
    );
  });
});

describe('self-assessments due on a participant’s home', () => {
  it('links to each programme whose phase is open and unanswered, and says nothing of the others', async () => {
    const other = '77777777-7777-7777-7777-777777777777';
    fakeApi(({ url: u }) =>
      u.pathname === url
        ? { json: form() }
        : u.pathname === `/api/programmes/${other}/self-assessment`
          ? { json: form([{ topicId: ai, rating: 3 }]) }
          : undefined,
    );
    renderWithApp(
      <SelfAssessmentsDue
        programmes={[
          { id: programmeId, name: 'Reverse Mentoring 2026' },
          { id: other, name: 'Two-Way Exchange' },
        ]}
      />,
    );
    const link = await screen.findByRole('link', { name: 'Rate yourself at the midpoint' });
    expect(link.getAttribute('href')).toBe(`/my/programmes/${programmeId}/self-assessment`);
    expect(link.getAttribute('aria-describedby')).toBe(
      screen.getByText('Self-assessment due: Reverse Mentoring 2026').id,
    );
    expect(screen.queryByText(/Two-Way Exchange/)).toBeNull();
  });
});
