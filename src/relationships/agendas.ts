// Guided agendas, from templates per programme kind. Every template opens with a
// question that hands the floor to the mentee.

import { z } from 'zod';

export const leads = ['mentee', 'mentor', 'both'] as const;
export type Lead = (typeof leads)[number];
export const agendaItemSchema = z.object({ title: z.string(), prompt: z.string(), lead: z.enum(leads) });
export type AgendaItem = z.infer<typeof agendaItemSchema>;
/** A meeting's agenda: a template's key (or `custom`), its title and its items. */
export const agendaSchema = z.object({
  template: z.string(),
  title: z.string(),
  items: z.array(agendaItemSchema),
});
export type Agenda = z.infer<typeof agendaSchema>;

export const agendaTemplateKeys = ['journey', 'mistake', 'topics', 'two_way', 'check_in'] as const;
export type AgendaTemplateKey = (typeof agendaTemplateKeys)[number];

const opening = (question: string): AgendaItem => ({
  title: 'Opening question',
  prompt: question,
  lead: 'mentee',
});

/** The templates that suit a programme kind, with the mentee's own topics filled in. */
export function agendaTemplates(kind: string, topicNames: string[]): Agenda[] {
  const topics = topicNames.length ? topicNames : ['the topics you chose when you enrolled'];
  const journey: Agenda = {
    template: 'journey',
    title: 'Our journeys: triumphs and struggles',
    items: [
      opening('What made you say yes to this, and what would make today worth your time?'),
      {
        title: 'Your journey',
        prompt:
          'Each of you: a triumph you are proud of and a struggle that shaped you. The other listens and asks one question.',
        lead: 'both',
      },
      {
        title: 'What we each bring',
        prompt: 'What can each of you teach, and what do you want to learn?',
        lead: 'both',
      },
      {
        title: 'How we will work',
        prompt: 'Confirm cadence, channel and what stays confidential; pick the topic for next time.',
        lead: 'both',
      },
    ],
  };
  const mistake: Agenda = {
    template: 'mistake',
    title: 'A mistake and what it taught',
    items: [
      opening('What has been on your mind since we last met?'),
      {
        title: 'A mistake',
        prompt: 'Each of you shares a mistake you made at work: what happened, and what you did next.',
        lead: 'both',
      },
      {
        title: 'What it taught',
        prompt: 'What did it teach you, and what would you tell your earlier self?',
        lead: 'both',
      },
      {
        title: 'One action',
        prompt: 'One thing each of you will try before the next meeting.',
        lead: 'both',
      },
    ],
  };
  const topicSession: Agenda = {
    template: 'topics',
    title: kind === 'reverse' ? 'The topics themselves' : 'Working on your topics',
    items: [
      opening('Where did you run into this topic since we last met, and what puzzled you?'),
      ...topics.slice(0, 3).map((t) => ({
        title: t,
        prompt:
          kind === 'reverse'
            ? `Show, try, discuss: the mentor demonstrates ${t} in practice; the mentee tries it with guidance.`
            : `Talk through ${t}: experiences, examples and what to try next.`,
        lead: 'mentor' as Lead,
      })),
      {
        title: 'What I learned',
        prompt: 'Each of you names one thing you learned from the other today (log it in the learning log).',
        lead: 'both',
      },
    ],
  };
  const twoWay: Agenda = {
    template: 'two_way',
    title: 'Two-way session',
    items: [
      opening('What would you like from the first half of today?'),
      {
        title: 'First direction',
        prompt: 'The mentor teaches what the mentee wants to learn (half the time).',
        lead: 'mentor',
      },
      {
        title: 'Second direction',
        prompt: 'The mentee teaches what the mentor wants to learn (the other half).',
        lead: 'mentee',
      },
      { title: 'What each learned', prompt: 'Log one thing each way in the learning log.', lead: 'both' },
    ],
  };
  const checkIn: Agenda = {
    template: 'check_in',
    title: 'Check-in',
    items: [
      opening('How are things, really, and what would help most today?'),
      {
        title: 'Goals and actions',
        prompt: 'Review your goals and action items; close what is done.',
        lead: 'both',
      },
      { title: 'Next time', prompt: 'Choose the topic and the date of the next meeting.', lead: 'both' },
    ],
  };
  const all = [journey, mistake, topicSession, checkIn];
  if (kind === 'mutual') all.splice(3, 0, twoWay);
  return all;
}

/** The agenda for a new meeting: a chosen template, or the journey for a first meeting, then the kind's usual session. */
export function defaultTemplate(kind: string, isFirstMeeting: boolean): AgendaTemplateKey {
  if (isFirstMeeting) return 'journey';
  if (kind === 'reverse') return 'topics';
  if (kind === 'mutual') return 'two_way';
  return 'check_in';
}
