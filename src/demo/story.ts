// The demo company's present: a reverse-mentoring programme that has run for three months,
// so that programme health, quiet-pair nudges and the reports have something real to show
// on the first start. Most pairs meet fortnightly (a few meetings cancelled, by either side),
// give feedback and log what they learned in both directions; some pairs have gone quiet
// (one past three times the cadence), one executive keeps cancelling, and one pair has
// closed with both reflections written. The junior and executive demo accounts are a pair
// here, with their next meeting planned, so a first look can walk both sides.
// Dates are relative to the moment of seeding; the choices follow the seed.
import type {
  agreements,
  closureReflections,
  enrolments,
  learningEntries,
  meetingFeedback,
  meetings,
  notifications,
  relationships,
  skillAssessments,
} from '../db/schema.js';
import { centreEntry } from '../notifications/outbox.js';
import { contentOf, type Message } from '../notifications/templates/index.js';
import { underWayDays } from './calendar.js';
import type { DemoOrganisation, DemoPerson, DemoProgramme } from './generate.js';
import { Random } from './random.js';

const day = 86_400_000;
const cadenceDays = 14;

type Shape = 'steady' | 'quiet' | 'silent' | 'cancelling' | 'closed';

export interface DemoStory {
  programme: DemoProgramme & { status: 'active' };
  rows: {
    relationships: (typeof relationships.$inferInsert)[];
    agreements: (typeof agreements.$inferInsert)[];
    meetings: (typeof meetings.$inferInsert)[];
    feedback: (typeof meetingFeedback.$inferInsert)[];
    learning: (typeof learningEntries.$inferInsert)[];
    reflections: (typeof closureReflections.$inferInsert)[];
    enrolments: (typeof enrolments.$inferInsert)[];
    skillAssessments: (typeof skillAssessments.$inferInsert)[];
    notifications: (typeof notifications.$inferInsert)[];
  };
  /** Each pair's shape, by relationship id (for tests and the README). */
  shapes: Map<string, Shape>;
}

const menteeLearned = [
  'Set up a shared channel for my team instead of the weekly status email.',
  'How short-form video reaches people who never open the intranet.',
  'Used an AI assistant to draft the board summary, then checked every figure.',
  'What our graduates expect from a manager in their first month.',
  'Reading our social analytics: reach is not the same as engagement.',
];
const mentorLearned = [
  'How a budget decision really gets made, and who has to agree first.',
  'To open with the decision I need, not the background.',
  'Why operations asks for three quotes: what went wrong before.',
  'How to disagree with a senior colleague in a meeting and keep the relationship.',
  'What the executive team reads first in a proposal.',
];
const comments = [
  'We got through the whole agenda and left with one thing each to try.',
  'Useful: I finally understood how the tool fits our workflow.',
  'Shorter than planned, but the example made it click.',
  null,
  null,
];

const at = (ms: number) => new Date(ms);
/** A weekday afternoon slot near a moment (14:00 UTC, moved off weekends). */
function slotNear(ms: number): number {
  const d = new Date(ms);
  d.setUTCHours(14, 0, 0, 0);
  const wd = d.getUTCDay();
  if (wd === 6) d.setUTCDate(d.getUTCDate() + 2);
  if (wd === 0) d.setUTCDate(d.getUTCDate() + 1);
  return d.getTime();
}

const agenda = (title: string) => ({
  template: 'topics',
  title,
  items: [
    { title: 'Since last time', prompt: 'What did you try, and what happened?', lead: 'mentee' as const },
    { title: title, prompt: 'Show one real example; the other asks questions.', lead: 'mentor' as const },
    { title: 'Next step', prompt: 'One thing each to try before we meet again.', lead: 'both' as const },
  ],
});
const sessionTitles = [
  'Our journeys: triumphs and struggles',
  'AI assistants for everyday writing',
  'Social channels our customers use',
  'Collaboration tools for a hybrid team',
  'What younger colleagues expect at work',
  'Data you can read in five minutes',
  'Presenting to a digital audience',
];

/**
 * Builds the programme and its rows. `pairOf` gives the junior and executive accounts' people;
 * people leaving the company, and the admin and manager accounts, take no part.
 */
export function demoStory(
  demo: DemoOrganisation,
  options: { seed: number; now?: Date },
  orgId: string,
): DemoStory {
  const rng = new Random(options.seed * 104_729 + 7);
  const now = (options.now ?? new Date()).getTime();
  const start = slotNear(now - underWayDays * day);
  const reverse = demo.programmes.find((p) => p.kind === 'reverse');
  const topicIds = reverse?.topicIds ?? [];
  const programme: DemoStory['programme'] = {
    id: rng.uuid(),
    name: demo.calendar.names.underWay,
    kind: 'reverse',
    status: 'active',
    description:
      'The second reverse-mentoring cohort, under way: early-career colleagues help leaders work confidently with digital tools.',
    goals: [
      'Lift leaders’ confidence with digital tools',
      'Give early-career colleagues a voice with leaders',
    ],
    cohortStart: new Date(start).toISOString().slice(0, 10),
    cohortEnd: new Date(start + 182 * day).toISOString().slice(0, 10),
    meetingCadence: 'fortnightly',
    defaultMentorCapacity: 1,
    topicIds,
  };

  const account = (label: string) => demo.accounts.find((a) => a.email.startsWith(`${label}@`))?.personId;
  const juniorId = account('junior');
  const executiveId = account('executive');
  const staff = new Set([account('admin'), account('manager')]);
  const byId = new Map(demo.people.map((p) => [p.id, p]));
  const present = demo.people.filter((p) => p.leaveDate === null && !staff.has(p.id));
  const taken = new Set([juniorId, executiveId]);
  const mentors = rng.shuffle(present.filter((p) => p.jobLevel <= 3 && !taken.has(p.id)));
  const mentees = rng.shuffle(present.filter((p) => p.jobLevel >= 4 && !taken.has(p.id)));
  const count = Math.min(
    mentors.length,
    mentees.length,
    Math.max(12, Math.round(demo.people.length / 30)),
    29,
  );
  const pairs: { mentor: DemoPerson; mentee: DemoPerson; shape: Shape }[] = [];
  const junior = juniorId ? byId.get(juniorId) : undefined;
  const executive = executiveId ? byId.get(executiveId) : undefined;
  if (junior && executive) pairs.push({ mentor: junior, mentee: executive, shape: 'steady' });
  // Quiet pairs past 1.5 and 3 times the cadence, one executive who cancels, one closed pair.
  const shapes: Shape[] = ['quiet', 'quiet', 'quiet', 'silent', 'silent', 'cancelling', 'closed'];
  for (let i = 0; i < count; i++)
    pairs.push({
      mentor: mentors[i] as DemoPerson,
      mentee: mentees[i] as DemoPerson,
      shape: shapes[i] ?? 'steady',
    });

  const rows: DemoStory['rows'] = {
    relationships: [],
    agreements: [],
    meetings: [],
    feedback: [],
    learning: [],
    reflections: [],
    enrolments: [],
    skillAssessments: [],
    notifications: [],
  };
  const shapeById = new Map<string, Shape>();
  for (const { mentor, mentee, shape } of pairs) {
    const id = rng.uuid();
    shapeById.set(id, shape);
    const acceptedAt = start - rng.int(2, 6) * day;
    const closedAt = shape === 'closed' ? now - rng.int(8, 12) * day : null;
    rows.relationships.push({
      id,
      orgId,
      programmeId: programme.id,
      mentorId: mentor.id,
      menteeId: mentee.id,
      status: shape === 'closed' ? 'closed' : 'active',
      mentorResponse: 'accepted',
      menteeResponse: 'accepted',
      acceptedAt: at(acceptedAt),
      closedAt: closedAt ? at(closedAt) : null,
      closedBy: closedAt ? mentee.id : null,
      createdAt: at(acceptedAt - 3 * day),
      updatedAt: at(closedAt ?? acceptedAt),
    });
    rows.agreements.push({
      relationshipId: id,
      orgId,
      goals: [
        { learner: 'mentee', text: 'Use one new digital tool with my team every month' },
        {
          learner: 'mentee',
          text: 'Understand how early-career colleagues and customers use social channels',
        },
      ],
      cadence: 'fortnightly',
      channel: rng.pick(['video', 'in_person', 'mixed'] as const),
      durationMonths: 6,
      meetingMinutes: 45,
      charter: 'What we say here stays between us unless we both agree to share it.',
      noRetaliationPledge: `${mentee.name} will not hold anything said in these meetings against ${mentor.name}.`,
      mentorSignedAt: at(acceptedAt + day),
      menteeSignedAt: at(acceptedAt + 2 * day),
      createdAt: at(acceptedAt),
      updatedAt: at(acceptedAt + 2 * day),
    });

    // Fortnightly slots from the start; quiet pairs stop meeting some weeks ago.
    const lastHeldBefore =
      shape === 'quiet'
        ? now - rng.int(24, 34) * day
        : shape === 'silent'
          ? now - rng.int(48, 60) * day
          : (closedAt ?? now);
    let held = 0;
    for (let n = 0, t = start + rng.int(0, 3) * day; t < lastHeldBefore; n++, t += cadenceDays * day) {
      const slot = slotNear(t);
      if (slot >= lastHeldBefore) break;
      const cancelled =
        n > 0 && (shape === 'cancelling' ? n % 2 === 1 : rng.chance(shape === 'steady' ? 0.12 : 0.2));
      const cancelledBy = shape === 'cancelling' || rng.chance(0.6) ? mentee.id : mentor.id;
      const meetingId = rng.uuid();
      const title = sessionTitles[n % sessionTitles.length] as string;
      rows.meetings.push({
        id: meetingId,
        orgId,
        relationshipId: id,
        startsAt: at(slot),
        durationMinutes: 45,
        endsAt: at(slot + 45 * 60_000),
        status: cancelled ? 'cancelled' : 'held',
        agenda: agenda(title),
        sequence: cancelled ? 1 : 0,
        cancelledBy: cancelled ? cancelledBy : null,
        cancelledAt: cancelled ? at(slot - rng.int(1, 3) * day) : null,
        heldAt: cancelled ? null : at(slot + 5 * 60_000),
        createdBy: mentor.id,
        createdAt: at(slot - 10 * day),
        updatedAt: at(cancelled ? slot - day : slot),
      });
      if (cancelled) continue;
      held++;
      for (const [author, side] of [
        [mentor, 'mentor'],
        [mentee, 'mentee'],
      ] as const) {
        if (!rng.chance(0.8)) continue;
        rows.feedback.push({
          orgId,
          programmeId: programme.id,
          meetingId,
          authorId: author.id,
          authorSide: side,
          authorDepartment: author.department,
          value: rng.weighted([
            [5, 4],
            [4, 5],
            [3, 2],
            [2, 1],
          ] as const),
          // Junior mentors feel heard a little less often than the leaders they mentor.
          heard: side === 'mentor' ? rng.int(2, 5) : rng.int(3, 5),
          talking: rng.pick(['me', 'balanced', 'balanced', 'other'] as const),
          comment: rng.pick(comments),
          createdAt: at(slot + rng.int(1, 20) * 3_600_000),
        });
      }
      // Learning both ways: the leader most weeks, the junior mentor often too.
      if (rng.chance(0.7))
        rows.learning.push({
          orgId,
          relationshipId: id,
          learnerId: mentee.id,
          topicId: rng.pick(topicIds) ?? null,
          body: rng.pick(menteeLearned),
          learnedOn: new Date(slot).toISOString().slice(0, 10),
          createdAt: at(slot + 3_600_000),
        });
      if (rng.chance(0.5))
        rows.learning.push({
          orgId,
          relationshipId: id,
          learnerId: mentor.id,
          topicId: null,
          body: rng.pick(mentorLearned),
          learnedOn: new Date(slot).toISOString().slice(0, 10),
          createdAt: at(slot + 2 * 3_600_000),
        });
    }

    if (shape === 'steady' || shape === 'cancelling') {
      // The next meeting, planned; the demo accounts' pair on a morning slot of its own.
      const next =
        mentor.id === juniorId
          ? slotNear(now + 6 * day) - 6 * 3_600_000
          : slotNear(now + rng.int(2, 12) * day);
      rows.meetings.push({
        id: rng.uuid(),
        orgId,
        relationshipId: id,
        startsAt: at(next),
        durationMinutes: 45,
        endsAt: at(next + 45 * 60_000),
        status: 'scheduled',
        agenda: agenda(sessionTitles[(held + 1) % sessionTitles.length] as string),
        sequence: 0,
        createdBy: mentor.id,
        createdAt: at(now - 2 * day),
        updatedAt: at(now - 2 * day),
      });
    }

    if (shape === 'closed' && closedAt) {
      rows.reflections.push(
        {
          orgId,
          relationshipId: id,
          authorId: mentee.id,
          whatChanged: 'I run my team’s planning in a shared board now, and I ask the graduates first.',
          wouldDoAgain: 'yes',
          wouldSwapRoles: 'maybe',
          sharedWithPartner: true,
          createdAt: at(closedAt + day),
        },
        {
          orgId,
          relationshipId: id,
          authorId: mentor.id,
          whatChanged: 'I understand how decisions are made above me, and I speak up in meetings.',
          wouldDoAgain: 'yes',
          wouldSwapRoles: 'yes',
          sharedWithPartner: false,
          createdAt: at(closedAt + 2 * day),
        },
      );
    }
  }

  enrolPairs(rows, pairs, { seed: options.seed, orgId, programme, start });

  // The demo accounts' notification centres: what the last weeks brought them.
  const ours = rows.relationships.find((r) => r.mentorId === juniorId);
  const relationshipId = ours?.id;
  if (relationshipId && junior && executive) {
    const upcoming = rows.meetings.find(
      (m) => m.relationshipId === relationshipId && m.status === 'scheduled',
    );
    // Rendered from the same templates as the real entries, so the demo reads as they do.
    const entry = (personId: string, message: Message, ago: number, read: boolean) =>
      rows.notifications.push({
        orgId,
        personId,
        kind: message.kind,
        ...centreEntry(contentOf(message)),
        dedupeKey: `demo:${message.kind}:${personId}:${ago}`,
        createdAt: at(now - ago),
        readAt: read ? at(now - ago + 3_600_000) : null,
      });
    for (const [me, partner] of [
      [junior, executive],
      [executive, junior],
    ] as const)
      entry(
        me.id,
        { kind: 'feedback.requested', data: { relationshipId, partnerName: partner.name } },
        9 * day,
        true,
      );
    if (upcoming?.startsAt)
      entry(
        executive.id,
        {
          kind: 'meeting.scheduled',
          data: {
            relationshipId,
            partnerName: junior.name,
            startsAt: upcoming.startsAt.toISOString(),
            durationMinutes: upcoming.durationMinutes ?? 45,
            timeZone: executive.timeZone,
            agendaTitle: upcoming.agenda?.title ?? '',
          },
        },
        2 * day,
        false,
      );
  }
  return { programme, rows, shapes: shapeById };
}

/**
 * Each pair's enrolments (leaders seek two of the programme's topics, juniors offer them) and
 * the leaders' self-assessments at enrolment. Three months in is the programme's midpoint, so
 * every leader, the executive account among them, has the midpoint self-assessment due.
 * A separate stream of draws, so the meetings and feedback above stay as they were.
 */
function enrolPairs(
  rows: DemoStory['rows'],
  pairs: readonly { mentor: DemoPerson; mentee: DemoPerson }[],
  o: { seed: number; orgId: string; programme: DemoStory['programme']; start: number },
) {
  const rng = new Random(o.seed * 104_729 + 11);
  const { orgId } = o;
  const programmeId = o.programme.id;
  for (const { mentor, mentee } of pairs) {
    const topicIds = rng.sample(o.programme.topicIds, Math.min(2, o.programme.topicIds.length));
    const common = { orgId, programmeId, consentAt: at(o.start - 21 * day), status: 'active' as const };
    rows.enrolments.push(
      {
        ...common,
        personId: mentor.id,
        role: 'mentor',
        seeks: [],
        offers: topicIds.map((topicId) => ({ topicId, proficiency: 4 })),
        goals: 'Help a leader get comfortable with the tools we use every day.',
        capacity: 1,
        preferences: { preferredMentorIds: [] },
      },
      {
        ...common,
        personId: mentee.id,
        role: 'mentee',
        seeks: topicIds.map((topicId, i) => ({ topicId, priority: i + 1 })),
        offers: [],
        goals: 'Use the tools my teams use, with confidence.',
        capacity: 0,
        preferences: { preferredMentorIds: [] },
      },
    );
    for (const topicId of topicIds)
      rows.skillAssessments.push({
        orgId,
        programmeId,
        personId: mentee.id,
        topicId,
        phase: 'enrolment',
        rating: rng.int(1, 3),
        createdAt: at(o.start - 14 * day),
      });
  }
}
