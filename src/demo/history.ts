// The demo company's past: a reverse-mentoring pilot that ran about twenty months before the
// demo is seeded and closed (its dates: ./calendar.ts), with
// first promotions and leave dates for everyone employed at its start drawn so that pilot
// participants left at half the rate of comparable colleagues (hazard ratio 0.5, planted by
// plantLeaveDate) and were promoted 1.6 times as often (plantPromotionDate). This gives the
// Reports screen real retention and promotion figures on the first start; its meetings,
// feedback, learning log and self-assessments come from pilotActivity (./outcomes.ts), so
// every report has figures too.
import type { relationships } from '../db/schema.js';
import type { DemoOrganisation, DemoProgramme } from './generate.js';
import { demoPromotionRatio, plantLeaveDate, plantPromotionDate } from './outcomes.js';
import { Random } from './random.js';

/** Participants' hazard of leaving against comparable colleagues, planted in the demo. */
export const demoHazardRatio = 0.5;

export interface DemoHistory {
  programme: DemoProgramme & { status: 'closed' };
  pairs: { mentorId: string; menteeId: string }[];
  /** First promotions after the pilot's start, each one level up to the person's level today. */
  promotions: { personId: string; fromLevel: number; toLevel: number; effectiveOn: string }[];
}

/**
 * Adds the pilot to a generated organisation: picks its pairs (juniors mentoring leaders),
 * and redraws the past from the pilot's start for everyone then employed: a first promotion
 * (from one level below today's), then a leave date at the rate of the level held at the start,
 * which is the level the retention report matches on (the level before the first promotion
 * after the start, decision 068). Someone who leaves before their promotion was never
 * promoted and left at the level they started at. The demo accounts and people enrolled in the
 * programmes now enrolling are employed today (keepEmployed).
 */
export function addDemoHistory(demo: DemoOrganisation, options: { seed: number }): DemoHistory {
  const rng = new Random(options.seed * 7919 + 17);
  const { today, pilot } = demo.calendar;
  const accounts = new Set(demo.accounts.map((a) => a.personId));
  // People enrolled in the programmes now enrolling are employed today, as are the demo accounts.
  const stays = new Set([...accounts, ...demo.enrolments.map((e) => e.personId)]);
  const employed = demo.people.filter(
    (p) => p.hireDate <= pilot.start && (p.leaveDate === null || p.leaveDate > pilot.start),
  );
  // Volunteers: about one leader in five, each with a junior mentor. The demo accounts stay
  // out, so that what each of them walks through is the same whatever day the demo is seeded.
  const volunteers = employed.filter((p) => !accounts.has(p.id));
  const leaders = rng.shuffle(
    volunteers.filter((p) => p.jobLevel >= 4 && p.jobLevel <= 7 && rng.chance(0.2)),
  );
  const juniors = rng.shuffle(volunteers.filter((p) => p.jobLevel <= 3));
  const pairs = leaders
    .slice(0, juniors.length)
    .map((leader, i) => ({ mentorId: (juniors[i] as { id: string }).id, menteeId: leader.id }));
  const participants = new Set(pairs.flatMap((p) => [p.mentorId, p.menteeId]));
  const promotions: DemoHistory['promotions'] = [];
  const from = { origin: pilot.start, analysisDate: today };
  const drawn = employed.map((p) => {
    const participant = participants.has(p.id);
    const promotedOn =
      p.jobLevel >= 2
        ? plantPromotionDate(
            rng,
            { jobLevel: p.jobLevel - 1, leaveDate: null, participant },
            { hazardRatio: demoPromotionRatio, ...from },
          )
        : null;
    const startLevel = promotedOn ? p.jobLevel - 1 : p.jobLevel;
    const leaveDate = plantLeaveDate(
      rng,
      { ...p, jobLevel: startLevel, participant },
      { hazardRatio: demoHazardRatio, ...from },
    );
    return { p, participant, promotedOn, startLevel, leaveDate };
  });
  keepEmployed(drawn, stays);
  for (const { p, promotedOn, startLevel, leaveDate } of drawn) {
    p.leaveDate = leaveDate;
    p.leaveReason = leaveDate ? (p.leaveReason ?? 'resigned: new opportunity') : null;
    if (promotedOn && (leaveDate === null || promotedOn <= leaveDate))
      promotions.push({
        personId: p.id,
        fromLevel: startLevel,
        toLevel: p.jobLevel,
        effectiveOn: promotedOn,
      });
    else p.jobLevel = startLevel;
  }
  const reverse = demo.programmes.find((p) => p.kind === 'reverse');
  // Juniors learn too: a few leadership and career topics join the pilot's digital ones.
  const upward = demo.topics
    .filter((t) => t.category === 'leadership' || t.category === 'career')
    .slice(0, 3);
  return {
    programme: {
      id: rng.uuid(),
      name: demo.calendar.names.pilot,
      kind: 'reverse',
      status: 'closed',
      description: 'The first reverse-mentoring cohort: junior colleagues mentored leaders on digital tools.',
      goals: ['Lift leaders’ digital fluency', 'Keep early-career talent'],
      cohortStart: pilot.start,
      cohortEnd: pilot.end,
      meetingCadence: 'fortnightly',
      defaultMentorCapacity: 1,
      topicIds: [...new Set([...(reverse?.topicIds ?? []), ...upward.map((t) => t.id)])],
    },
    pairs,
    promotions,
  };
}

interface Drawn {
  p: { id: string; department: string };
  participant: boolean;
  startLevel: number;
  leaveDate: string | null;
}

/**
 * Keeps the people in `stays` employed by giving each drawn leave date to a colleague who drew
 * none, from the same side of the pilot at the same starting level (and department where one is
 * free). Clearing those dates instead would take about half of each group's leavers away and
 * leave the 600-person demo too few to show the planted effect; moved like this, each group keeps
 * the leavers it drew, at the levels it drew them.
 */
function keepEmployed(drawn: Drawn[], stays: Set<string>): void {
  const keys = (d: Drawn) => [
    `${d.participant}|${d.startLevel}|${d.p.department}`,
    `${d.participant}|${d.startLevel}`,
  ];
  // Each key's free colleagues in order, and how far into them donors have been taken: a
  // colleague taken through one key is skipped in the other, so the whole is one pass.
  const free = new Map<string, { list: Drawn[]; next: number }>();
  for (const d of drawn)
    if (d.leaveDate === null && !stays.has(d.p.id))
      for (const key of keys(d)) {
        const entry = free.get(key);
        if (entry) entry.list.push(d);
        else free.set(key, { list: [d], next: 0 });
      }
  const taken = new Set<Drawn>();
  const donorOf = (key: string): Drawn | undefined => {
    const entry = free.get(key);
    if (!entry) return undefined;
    while (entry.next < entry.list.length && taken.has(entry.list[entry.next] as Drawn)) entry.next++;
    return entry.list[entry.next];
  };
  for (const d of drawn) {
    if (d.leaveDate === null || !stays.has(d.p.id)) continue;
    for (const key of keys(d)) {
      const donor = donorOf(key);
      if (!donor) continue;
      taken.add(donor);
      donor.leaveDate = d.leaveDate;
      break;
    }
    // Cleared either way; with no colleague free to take it, that leaver is lost (rare).
    d.leaveDate = null;
  }
}

/** The pilot's relationships, closed when it ended. */
export function historyRelationships(history: DemoHistory, orgId: string) {
  const start = new Date(`${history.programme.cohortStart}T09:00:00Z`);
  const end = new Date(`${history.programme.cohortEnd}T17:00:00Z`);
  return history.pairs.map((p) => ({
    orgId,
    programmeId: history.programme.id,
    mentorId: p.mentorId,
    menteeId: p.menteeId,
    status: 'closed',
    mentorResponse: 'accepted',
    menteeResponse: 'accepted',
    acceptedAt: start,
    closedAt: end,
  })) satisfies (typeof relationships.$inferInsert)[];
}
