// People with hire and leave dates in which taking part in a programme changes the rate
// of leaving by a known hazard ratio, with confounding the analysis has to undo: the
// rate of leaving and the chance of volunteering both depend on department, job level,
// tenure band and generation. Used by the truth test of the retention statistics, and
// meant for the demo organisation so its Reports screen shows a known effect.
import type * as schema from '../db/schema.js';
import { departments } from './catalogue.js';
import { Random } from './random.js';

export interface PlantedPerson {
  department: string;
  jobLevel: number;
  birthYear: number;
  hireDate: string;
  leaveDate: string | null;
  participant: boolean;
}

export interface PlantOptions {
  seed: number;
  people: number;
  /** Participants' hazard of leaving divided by comparable others' (1 = no effect). */
  hazardRatio: number;
  /** The programme's start (the origin of follow-up), YYYY-MM-DD. */
  origin: string;
  /** Follow-up ends here; later leave dates are not yet known. */
  analysisDate: string;
}

// Yearly leaving rates by attribute, multiplied together: sales and the young leave more.
const departmentRate: Record<string, number> = {
  Engineering: 1.2,
  Product: 1.0,
  'Data & Analytics': 1.1,
  Marketing: 1.1,
  Sales: 1.6,
  'Customer Success': 1.4,
  Finance: 0.8,
  'People & Culture': 0.9,
  Operations: 1.0,
  Legal: 0.7,
};
const levelRate = [1.7, 1.5, 1.25, 1.0, 0.85, 0.7, 0.6, 0.5];
const tenureRate = [1.6, 1.25, 1.0, 0.8, 0.65]; // < 1, 1-3, 3-5, 5-10, 10+ years
const baseRate = 0.11;

// Who volunteers (log odds): senior people, and some departments, far more often.
const departmentPull: Record<string, number> = {
  Engineering: 0.4,
  'People & Culture': 0.7,
  Sales: -0.5,
  Legal: -0.4,
};

const DAY = 86_400_000;
const YEAR_DAYS = 365.25;

function tenureBand(years: number): number {
  return years < 1 ? 0 : years < 3 ? 1 : years < 5 ? 2 : years < 10 ? 3 : 4;
}

function generationRate(birthYear: number): number {
  return birthYear >= 1997 ? 1.4 : birthYear >= 1981 ? 1.15 : birthYear >= 1965 ? 0.85 : 1.1;
}

const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * An exponential time at `rate` (per year) after day `start`, in whole days so dates repeat as
 * in real HR data; null when it falls after day `limit`.
 */
function exponentialDate(rng: Random, start: number, limit: number, rate: number): string | null {
  const days = Math.max(1, Math.ceil((-Math.log(1 - rng.next()) / rate) * YEAR_DAYS));
  return start + days <= limit ? isoOf(start + days) : null;
}

/** The participant's-eye leaving rate (per year) of someone with these attributes, before any effect. */
export function baselineLeavingRate(p: {
  department: string;
  jobLevel: number;
  birthYear: number;
  tenureYears: number;
}) {
  return (
    baseRate *
    (departmentRate[p.department] ?? 1) *
    (levelRate[p.jobLevel - 1] ?? 1) *
    (tenureRate[tenureBand(p.tenureYears)] ?? 1) *
    generationRate(p.birthYear)
  );
}

/**
 * A leave date for someone employed at `origin`, drawn from an exponential time to leaving
 * at their baseline rate times `hazardRatio` for participants; null when it falls after
 * the analysis date. Rounded to whole days, so leavers share dates as in real HR data.
 */
export function plantLeaveDate(
  rng: Random,
  person: { department: string; jobLevel: number; birthYear: number; hireDate: string; participant: boolean },
  options: Pick<PlantOptions, 'hazardRatio' | 'origin' | 'analysisDate'>,
): string | null {
  const start = Date.parse(`${options.origin}T00:00:00Z`) / DAY;
  const end = Date.parse(`${options.analysisDate}T00:00:00Z`) / DAY;
  const tenureYears = (start - Date.parse(`${person.hireDate}T00:00:00Z`) / DAY) / YEAR_DAYS;
  const rate =
    baselineLeavingRate({ ...person, tenureYears }) * (person.participant ? options.hazardRatio : 1);
  return exponentialDate(rng, start, end, rate);
}

/** A population employed at `options.origin`, with participants and leave dates planted. */
export function plantRetentionEffect(options: PlantOptions): PlantedPerson[] {
  const rng = new Random(options.seed);
  const start = Date.parse(`${options.origin}T00:00:00Z`) / DAY;
  const originYear = Number(options.origin.slice(0, 4));
  const weighted = departments.map((d) => [d.name, d.weight] as const);
  const people: PlantedPerson[] = [];
  for (let i = 0; i < options.people; i++) {
    const department = rng.weighted(weighted);
    // A pyramid: many juniors, few executives.
    const jobLevel = rng.weighted([1, 2, 3, 4, 5, 6, 7, 8].map((l) => [l, 9 - l] as const));
    const age = Math.min(64, Math.max(21, Math.round(22 + 3.5 * (jobLevel - 1)) + rng.int(-6, 8)));
    const birthYear = originYear - age;
    const tenureYears = Math.min(age - 21, 35) * rng.next() ** 2;
    const hireDate = isoOf(start - Math.round(tenureYears * YEAR_DAYS));
    const logOdds =
      -2.6 + 0.35 * (jobLevel - 4) + (departmentPull[department] ?? 0) + (birthYear >= 1997 ? 0.5 : 0);
    const participant = rng.next() < 1 / (1 + Math.exp(-logOdds));
    const person = { department, jobLevel, birthYear, hireDate, participant };
    people.push({ ...person, leaveDate: plantLeaveDate(rng, person, options) });
  }
  return people;
}

// ---------------------------------------------------------------- the pilot's activity

/** Participants' rate of a first promotion against comparable colleagues', planted in the demo. */
export const demoPromotionRatio = 1.6;

// Yearly promotion rates by job level: juniors move up more often than executives.
const promotionRate = [0.3, 0.26, 0.22, 0.18, 0.14, 0.1, 0.07, 0.04];

/**
 * A first promotion after `origin` (or null), drawn like a leave date: an exponential time at
 * the level's rate times `hazardRatio` for participants, before leaving and the analysis date.
 */
export function plantPromotionDate(
  rng: Random,
  person: { jobLevel: number; leaveDate: string | null; participant: boolean },
  options: Pick<PlantOptions, 'hazardRatio' | 'origin' | 'analysisDate'>,
): string | null {
  const start = Date.parse(`${options.origin}T00:00:00Z`) / DAY;
  const end = Date.parse(`${options.analysisDate}T00:00:00Z`) / DAY;
  const left = person.leaveDate ? Date.parse(`${person.leaveDate}T00:00:00Z`) / DAY : end;
  const rate = (promotionRate[person.jobLevel - 1] ?? 0.04) * (person.participant ? options.hazardRatio : 1);
  return exponentialDate(rng, start, Math.min(end, left), rate);
}

export interface PilotPerson {
  id: string;
  department: string;
}

export interface PilotTopic {
  id: string;
  name: string;
  category: string;
}

export interface PilotActivityOptions {
  seed: number;
  orgId: string;
  programmeId: string;
  start: string;
  end: string;
  /** Leaders (mentees) learn these; juniors (mentors) learn the others. */
  digitalTopics: readonly PilotTopic[];
  otherTopics: readonly PilotTopic[];
}

const leaderLessons = [
  'How my mentor sets up short video posts, and why a weekly rhythm matters more than polish.',
  'Prompting an assistant to draft, then checking every figure it gives.',
  'What younger customers expect from our app on day one.',
  'How a shared board replaces the status meeting for a small team.',
  'Why our careers page loses applicants on a phone.',
];
const juniorLessons = [
  'How to frame a request so a busy director can say yes in one reading.',
  'What a budget conversation sounds like from the other side of the table.',
  'How to disagree in a meeting without losing the room.',
  'Which skills the next level up is really judged on.',
];

const between = (rng: Random, a: number, b: number) => a + (b - a) * rng.next();
const clamp = (x: number) => Math.max(1, Math.min(5, Math.round(x)));

/**
 * What the closed pilot left behind: enrolments with sought topics, fortnightly meetings
 * (mostly held, a few cancelled), feedback after held meetings, learning-log entries both
 * ways, and self-assessments at enrolment, midpoint and closing (leaders gaining most in
 * digital topics). Rows are ready to insert; relationship ids are given here. First promotions
 * are drawn with the leave dates (./history.ts), since leaving depends on the level at the start.
 */
export function pilotActivity(
  people: readonly PilotPerson[],
  pairs: readonly { mentorId: string; menteeId: string }[],
  options: PilotActivityOptions,
) {
  const rng = new Random(options.seed * 104_729 + 3);
  const { orgId, programmeId } = options;
  const byId = new Map(people.map((p) => [p.id, p]));
  const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  const at = (ms: number, hour = 10) => new Date(Math.floor(ms / 86_400_000) * 86_400_000 + hour * 3_600_000);
  const startMs = dayMs(options.start);
  const endMs = dayMs(options.end);
  const midMs = startMs + (endMs - startMs) / 2;
  const relationships = pairs.map((p) => ({ id: rng.uuid(), ...p }));
  const enrolments: (typeof schema.enrolments.$inferInsert)[] = [];
  const meetings: (typeof schema.meetings.$inferInsert)[] = [];
  const feedback: (typeof schema.meetingFeedback.$inferInsert)[] = [];
  const learning: (typeof schema.learningEntries.$inferInsert)[] = [];
  const assessments: (typeof schema.skillAssessments.$inferInsert)[] = [];
  for (const r of relationships) {
    const leaderTopics = rng.sample(options.digitalTopics, Math.min(2, options.digitalTopics.length));
    const juniorTopics = rng.sample(options.otherTopics, Math.min(2, options.otherTopics.length));
    for (const [personId, role, seeks, offers] of [
      [r.menteeId, 'mentee', leaderTopics, juniorTopics],
      [r.mentorId, 'mentor', juniorTopics, leaderTopics],
    ] as const) {
      enrolments.push({
        orgId,
        programmeId,
        personId,
        role,
        seeks: seeks.map((t, i) => ({ topicId: t.id, priority: i + 1 })),
        offers: offers.map((t) => ({ topicId: t.id, proficiency: 4 })),
        goals:
          role === 'mentee' ? 'Get fluent with the tools my teams use.' : 'Learn how decisions get made.',
        capacity: role === 'mentor' ? 1 : 0,
        preferences: { preferredMentorIds: [] },
        consentAt: at(startMs - 14 * 86_400_000),
        status: 'active',
      });
      // Leaders start lower and gain more in digital topics; juniors gain a little.
      const gain = role === 'mentee' ? 1.3 : 0.5;
      for (const t of seeks) {
        const before = clamp(role === 'mentee' ? between(rng, 1, 3.4) : between(rng, 1.6, 3.6));
        const mid = clamp(before + gain / 2 + between(rng, -0.7, 0.7));
        const after = clamp(before + gain + between(rng, -0.9, 0.9));
        const answer = (phase: 'enrolment' | 'midpoint' | 'closing', rating: number, ms: number) =>
          assessments.push({ orgId, programmeId, personId, topicId: t.id, phase, rating, createdAt: at(ms) });
        answer('enrolment', before, startMs - 7 * 86_400_000);
        if (rng.chance(0.9)) answer('midpoint', mid, midMs);
        if (rng.chance(0.85)) answer('closing', after, endMs + 5 * 86_400_000);
      }
    }
    // Fortnightly meetings; a few cancelled, more of them by the busier leader.
    for (let ms = startMs + 3 * 86_400_000; ms < endMs; ms += 14 * 86_400_000) {
      const startsAt = at(ms, 8 + rng.int(0, 8));
      const cancelled = rng.chance(0.12);
      const id = rng.uuid();
      meetings.push({
        id,
        orgId,
        relationshipId: r.id,
        startsAt,
        durationMinutes: 45,
        endsAt: new Date(startsAt.getTime() + 45 * 60_000),
        status: cancelled ? 'cancelled' : 'held',
        agenda: { template: 'topics', title: 'The topics themselves', items: [] },
        cancelledBy: cancelled ? (rng.chance(0.7) ? r.menteeId : r.mentorId) : null,
        cancelledAt: cancelled ? new Date(startsAt.getTime() - 86_400_000) : null,
        heldAt: cancelled ? null : startsAt,
      });
      if (cancelled) continue;
      // Value grows as the pair settles in; mentors feel heard a little less at first.
      const progress = (ms - startMs) / (endMs - startMs);
      for (const [authorId, side] of [
        [r.mentorId, 'mentor'],
        [r.menteeId, 'mentee'],
      ] as const) {
        if (!rng.chance(0.75)) continue;
        const talking = rng.weighted([
          ['balanced', 6],
          [side === 'mentor' ? 'me' : 'other', 3],
          [side === 'mentor' ? 'other' : 'me', 1],
        ] as const);
        feedback.push({
          orgId,
          programmeId,
          meetingId: id,
          authorId,
          authorSide: side,
          authorDepartment: byId.get(authorId)?.department ?? null,
          value: clamp(3.2 + progress + between(rng, -1, 1)),
          heard: clamp((side === 'mentor' ? 3 : 3.6) + progress + between(rng, -1, 1)),
          talking,
          createdAt: new Date(startsAt.getTime() + 26 * 3_600_000),
        });
      }
      // Now and then each writes down what they learned; leaders more often.
      for (const [learnerId, topics, lessons, p] of [
        [r.menteeId, leaderTopics, leaderLessons, 0.45],
        [r.mentorId, juniorTopics, juniorLessons, 0.3],
      ] as const) {
        if (!rng.chance(p)) continue;
        const learnedOn = new Date(startsAt.getTime()).toISOString().slice(0, 10);
        learning.push({
          orgId,
          relationshipId: r.id,
          learnerId,
          topicId: topics.length ? rng.pick(topics).id : null,
          body: rng.pick(lessons),
          learnedOn,
          createdAt: new Date(startsAt.getTime() + 28 * 3_600_000),
        });
      }
    }
  }
  return { relationships, enrolments, meetings, feedback, learning, assessments };
}
