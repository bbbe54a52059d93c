import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderWithApp } from '../../../testing/render';
import type { Meeting, Note, Relationship } from '../types';
import { AgreementForm } from './agreement-card';
import { FeedbackForm } from './feedback-form';
import { MatchProposal } from './match-proposal';
import { NotesCard } from './notes-card';
import { ReflectionCard } from './status-card';
import { buildTimeline } from './timeline';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const mentorId = '11111111-1111-1111-1111-111111111111';
const menteeId = '22222222-2222-2222-2222-222222222222';
const relId = '33333333-3333-3333-3333-333333333333';

const relationship = (over: Partial<Relationship> = {}): Relationship => ({
  id: relId,
  programmeId: '44444444-4444-4444-4444-444444444444',
  programmeName: 'Digital Leadership',
  programmeKind: 'reverse',
  format: 'pair',
  name: null,
  members: [],
  minMembers: null,
  mySide: 'mentor',
  mentor: {
    id: mentorId,
    name: 'Lena Fischer',
    jobTitle: 'Graduate Marketer',
    department: 'Marketing',
    timeZone: 'Europe/Berlin',
  },
  mentee: {
    id: menteeId,
    name: 'Morgan Reyes',
    jobTitle: 'COO',
    department: 'Operations',
    timeZone: 'Europe/London',
  },
  myRole: 'mentor',
  status: 'active',
  mentorResponse: 'accepted',
  menteeResponse: 'accepted',
  score: { score: 0.82, reasons: ['Lena offers Generative AI at work (advanced), Morgan’s first priority'] },
  acceptedAt: '2027-01-12T09:00:00.000Z',
  closedAt: null,
  lastCheckInAt: null,
  meetings: { scheduled: 0, held: 0, cancelled: 0, cancelledByMentor: 0, cancelledByMentee: 0 },
  version: 3,
  createdAt: '2027-01-10T09:00:00.000Z',
  updatedAt: '2027-01-12T09:00:00.000Z',
  ...over,
});

const note = (over: Partial<Note>): Note => ({
  id: 'n1',
  relationshipId: relId,
  meetingId: null,
  authorId: mentorId,
  mine: true,
  visibility: 'shared',
  body: 'hello',
  version: 1,
  createdAt: '2027-01-13T09:00:00.000Z',
  updatedAt: '2027-01-13T09:00:00.000Z',
  ...over,
});

describe('a proposed match', () => {
  it('shows the reasons, and a decline carries its private reason to the server', async () => {
    const calls = fakeApi(({ url }) =>
      url.pathname.endsWith('/respond') ? { json: relationship({ status: 'declined' }) } : undefined,
    );
    renderWithApp(
      <MatchProposal relationship={relationship({ status: 'proposed', mentorResponse: 'pending' })} />,
    );
    expect(screen.getByText(/Lena offers Generative AI at work/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Decline…' }));
    expect(screen.getByText(/Only the programme manager sees this/)).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Why not? (optional)'), 'We work in the same team already');
    await userEvent.click(screen.getByRole('button', { name: 'Decline this match' }));
    await vi.waitFor(() => expect(calls.some((c) => c.url.pathname.endsWith('/respond'))).toBe(true));
    expect(calls.find((c) => c.url.pathname.endsWith('/respond'))?.body).toEqual({
      response: 'decline',
      reason: 'We work in the same team already',
      version: 3,
    });
  });
});

describe('a declined match', () => {
  it('shows its author the reason they gave, and who reads it', async () => {
    fakeApi(({ url }) =>
      url.pathname.endsWith('/decline-reason') ? { json: { reason: 'Same team already' } } : undefined,
    );
    renderWithApp(
      <MatchProposal
        relationship={relationship({
          status: 'declined',
          mentorResponse: 'declined',
          menteeResponse: 'pending',
        })}
      />,
    );
    expect(await screen.findByText(/only the programme manager reads: “Same team already”/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Accept the match' })).toBeNull();
  });
});

describe('the agreement form', () => {
  it('names a confidential contact in reverse programmes and shows the server’s field errors beside the fields', async () => {
    const calls = fakeApi(({ url, method }) => {
      if (url.pathname.endsWith('/contact-options'))
        return {
          json: [
            {
              id: '55555555-5555-5555-5555-555555555555',
              name: 'Tom Becker',
              jobTitle: null,
              role: 'programme manager',
            },
          ],
        };
      if (method === 'PUT')
        return {
          status: 400,
          json: {
            error: {
              code: 'validation_failed',
              message: 'durationMonths: must be at most 36 months',
              fields: [{ path: 'durationMonths', message: 'must be at most 36 months' }],
            },
          },
        };
      return undefined;
    });
    renderWithApp(<AgreementForm relationship={relationship()} agreement={null} onDone={() => undefined} />);
    await userEvent.type(screen.getByLabelText(/^Goals/), 'Use AI tools weekly');
    await userEvent.clear(screen.getByLabelText('For how many months'));
    await userEvent.type(screen.getByLabelText('For how many months'), '48');
    const contact = screen.getByLabelText(/Confidential contact for Lena Fischer/);
    await screen.findByRole('option', { name: 'Tom Becker (programme manager)' });
    await userEvent.selectOptions(contact, 'Tom Becker (programme manager)');
    await userEvent.click(screen.getByRole('button', { name: 'Save the agreement' }));
    const months = screen.getByLabelText('For how many months');
    await vi.waitFor(() => expect(months.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('must be at most 36 months')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('the problems are marked below');
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      goals: [{ learner: 'mentee', text: 'Use AI tools weekly' }],
      cadence: 'fortnightly',
      channel: 'video',
      durationMonths: 48,
      meetingMinutes: 60,
      confidentialContactId: '55555555-5555-5555-5555-555555555555',
    });
  });

  it('asks for goals in both directions in two-way programmes', () => {
    fakeApi(() => undefined);
    renderWithApp(
      <AgreementForm
        relationship={relationship({ programmeKind: 'mutual' })}
        agreement={null}
        onDone={() => undefined}
      />,
    );
    expect(screen.getByLabelText(/What Morgan Reyes wants to learn/)).toBeTruthy();
    expect(screen.getByLabelText(/What Lena Fischer wants to learn/)).toBeTruthy();
    expect(screen.queryByLabelText(/Confidential contact/)).toBeNull();
  });
});

describe('notes', () => {
  it('marks a private note as readable by its author alone', async () => {
    fakeApi(({ url }) =>
      url.pathname.endsWith('/notes')
        ? {
            json: [
              note({ id: 'a', body: 'Shared plan', visibility: 'shared' }),
              note({ id: 'b', body: 'My worry', visibility: 'private' }),
            ],
          }
        : undefined,
    );
    renderWithApp(<NotesCard relationship={relationship()} writable />);
    const priv = (await screen.findByText('My worry')).closest('li') as HTMLElement;
    expect(within(priv).getByText(/only you can see this/)).toBeTruthy();
    const shared = screen.getByText('Shared plan').closest('li') as HTMLElement;
    expect(within(shared).queryByText(/only you can see this/)).toBeNull();
    await userEvent.click(screen.getByRole('radio', { name: /Private: only you can see this/ }));
    expect(screen.getByText(/Nobody else can ever read a private note/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save private note' })).toBeTruthy();
  });
});

describe('feedback after a meeting', () => {
  it('names each unanswered question, then sends the answers and shows them back', async () => {
    const calls = fakeApi(({ method }) =>
      method === 'GET'
        ? { status: 404, json: { error: { code: 'not_found', message: 'none' } } }
        : {
            status: 201,
            json: {
              id: 'f',
              meetingId: 'm1',
              value: 4,
              heard: 5,
              talking: 'balanced',
              comment: null,
              createdAt: '',
            },
          },
    );
    renderWithApp(<FeedbackForm meetingId="m1" partnerName="Morgan" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Send feedback' }));
    expect(screen.getByText('choose how valuable it was')).toBeTruthy();
    expect(screen.getByText('choose who did most of the talking')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await userEvent.click(screen.getByRole('radio', { name: /4\s*Very/ }));
    await userEvent.click(screen.getByRole('radio', { name: /5\s*Completely/ }));
    await userEvent.click(screen.getByRole('radio', { name: 'About even' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send feedback' }));
    expect(await screen.findByText(/Your feedback: value 4\/5, felt heard 5\/5/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ value: 4, heard: 5, talking: 'balanced' });
  });
});

describe('the journey timeline', () => {
  it('puts the relationship’s moments in order, with who cancelled', () => {
    const meeting = (over: Partial<Meeting>): Meeting => ({
      id: 'm',
      relationshipId: relId,
      startsAt: '2027-02-01T10:00:00.000Z',
      endsAt: '2027-02-01T11:00:00.000Z',
      durationMinutes: 60,
      location: null,
      status: 'held',
      agenda: { template: 'journey', title: 'Our journeys', items: [] },
      sequence: 0,
      cancelledBy: null,
      cancelledAt: null,
      heldAt: null,
      version: 1,
      createdAt: '',
      updatedAt: '',
      ...over,
    });
    const moments = buildTimeline(relationship(), {
      meetings: [
        meeting({
          id: 'b',
          status: 'cancelled',
          cancelledBy: 'mentee',
          cancelledAt: '2027-01-20T08:00:00.000Z',
          startsAt: '2027-01-25T10:00:00.000Z',
        }),
        meeting({ id: 'a' }),
      ],
      learning: [
        {
          id: 'l',
          learnerId: menteeId,
          learnerSide: 'mentee',
          topicId: null,
          topic: 'Social channels',
          body: 'Short video first',
          learnedOn: '2027-02-02',
          createdAt: '2027-02-02T12:00:00.000Z',
        },
      ],
    });
    expect(moments.map((m) => m.text)).toEqual([
      'Matched by the programme',
      'You both said yes',
      'Meeting cancelled by Morgan',
      'Met: Our journeys',
      'Morgan learned (Social channels): Short video first',
    ]);
  });
});

describe('closing', () => {
  it('asks a closed relationship for a reflection and sends the answers', async () => {
    const calls = fakeApi(({ method }) =>
      method === 'GET'
        ? { json: { mine: null, partnerHasReflected: true, partner: null } }
        : {
            status: 201,
            json: { whatChanged: 'I listen first now', wouldDoAgain: 'yes', wouldSwapRoles: 'maybe' },
          },
    );
    renderWithApp(
      <ReflectionCard
        relationship={relationship({ status: 'closed', closedAt: '2027-06-30T10:00:00.000Z' })}
      />,
    );
    await userEvent.type(await screen.findByLabelText('What changed for you?'), 'I listen first now');
    await userEvent.click(screen.getAllByRole('radio', { name: 'Yes' })[0] as HTMLElement);
    await userEvent.click(screen.getAllByRole('radio', { name: 'Maybe' })[1] as HTMLElement);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Share my reflection with Morgan' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save my reflection' }));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      whatChanged: 'I listen first now',
      wouldDoAgain: 'yes',
      wouldSwapRoles: 'maybe',
      shareWithPartner: false,
    });
  });

  it('offers nothing to a relationship that is still going', () => {
    fakeApi(() => undefined);
    renderWithApp(<ReflectionCard relationship={relationship()} />);
    expect(screen.queryByText('Closing reflection')).toBeNull();
  });
});
