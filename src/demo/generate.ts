// Generates a believable multigenerational company, deterministically for a seed:
// departments, eight job levels, a reporting tree, four generations, several time
// zones, leavers, and four enrolling programmes (reverse, conventional, mutual, a peer pool)
// in which what people offer and seek follows their career stage.
import type { Role } from '../identity/actor.js';
import { todayUtc } from '../identity/standing.js';
import { type Cohort, type DemoCalendar, demoCalendar } from './calendar.js';
import {
  type DemoTopic,
  demoTopics,
  departments,
  firstNames,
  lastNames,
  leaveReasons,
  levelTitles,
  locations,
} from './catalogue.js';
import { Random } from './random.js';

export interface DemoPerson {
  id: string;
  employeeId: string;
  name: string;
  email: string;
  jobTitle: string;
  jobLevel: number;
  department: string;
  managerId: string | null;
  location: string;
  timeZone: string;
  languages: string[];
  hireDate: string;
  birthYear: number;
  careerStage: 'early_career' | 'mid_career' | 'senior' | 'executive';
  leaveDate: string | null;
  leaveReason: string | null;
}

export interface DemoEnrolment {
  id: string;
  programmeId: string;
  personId: string;
  role: 'mentor' | 'mentee' | 'both';
  offers: { topicId: string; proficiency: number }[];
  seeks: { topicId: string; priority: number }[];
  goals: string;
  availability: { day: number; start: number; end: number }[];
  capacity: number;
  preferences: { preferredMentorIds: string[]; preferDifferentDepartment?: boolean };
}

export interface DemoProgramme {
  id: string;
  name: string;
  kind: 'conventional' | 'reverse' | 'mutual';
  /** One-to-one unless said otherwise. */
  format?: 'peer';
  description: string;
  goals: string[];
  cohortStart: string;
  cohortEnd: string;
  meetingCadence: 'weekly' | 'fortnightly' | 'monthly';
  defaultMentorCapacity: number;
  topicIds: string[];
}

export interface DemoAccount {
  personId: string;
  email: string;
  roles: Role[];
  label: string;
}

export interface DemoOrganisation {
  name: string;
  slug: string;
  topics: (DemoTopic & { id: string })[];
  people: DemoPerson[];
  programmes: DemoProgramme[];
  enrolments: DemoEnrolment[];
  accounts: DemoAccount[];
  /** The dates of its programmes and its past, counted from the day it was generated for. */
  calendar: DemoCalendar;
}

export interface DemoOptions {
  people: number;
  seed: number;
  slug?: string;
  name?: string;
  /** The day the demo is seeded (default today, UTC): a seed and a day always give the same company. */
  today?: string;
}

export const demoPassword = 'twoway-demo-2026';
export const demoDomain = 'northwind.example';

/** The email domain of a demo organisation: the first is Northwind's, each other one its own (`big` -> big.example). */
export const demoDomainOf = (slug: string | undefined) =>
  slug === undefined || slug === 'northwind' ? demoDomain : `${slug}.example`;

const stageOf = (level: number): DemoPerson['careerStage'] =>
  level <= 2 ? 'early_career' : level <= 4 ? 'mid_career' : level <= 6 ? 'senior' : 'executive';

/** Birth years by level, so that four generations appear and seniority tracks age loosely. */
function birthYearFor(rng: Random, level: number): number {
  const ranges: Record<number, [number, number]> = {
    1: [1998, 2004],
    2: [1994, 2002],
    3: [1986, 1998],
    4: [1978, 1993],
    5: [1970, 1988],
    6: [1963, 1982],
    7: [1958, 1976],
    8: [1959, 1970],
  };
  const [lo, hi] = ranges[level] ?? [1970, 2000];
  // A few career changers and late starters, so age and level do not line up perfectly.
  if (rng.chance(0.08)) return rng.int(1962, 1990);
  return rng.int(lo, hi);
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** What every step of the generation shares: the seeded randomness and the calendar. */
interface Context {
  rng: Random;
  today: string;
  thisYear: number;
  domain: string;
}

type Topic = DemoOrganisation['topics'][number];

/** The four people behind the demo accounts. */
interface Cast {
  executive: DemoPerson;
  junior: DemoPerson;
  manager: DemoPerson;
  admin: DemoPerson;
}

export function generateDemo(options: DemoOptions): DemoOrganisation {
  const calendar = demoCalendar(options.today ?? todayUtc());
  const today = calendar.today;
  const ctx: Context = {
    rng: new Random(options.seed),
    today,
    thisYear: Number(today.slice(0, 4)),
    domain: demoDomainOf(options.slug),
  };
  const total = Math.max(50, Math.floor(options.people));
  const people = buildWorkforce(ctx, total);
  markLeavers(ctx, people);
  const topics = demoTopics.map((t) => ({ ...t, id: ctx.rng.uuid() }));
  const current = people.filter((p) => !p.leaveDate);
  const cast = castOf(current);
  const programmes = demoProgrammes(ctx.rng, topics, calendar);
  const enrolments = enrolCohorts(ctx, {
    current,
    topics,
    cast,
    programmes,
    scale: Math.max(1, total / 600),
  });
  const peers = peerPool(options.seed, topics, programmes, enrolments, calendar.peer);
  return {
    name: options.name ?? 'Northwind Group',
    slug: options.slug ?? 'northwind',
    topics,
    people,
    programmes: [...programmes, peers.programme],
    enrolments: [...enrolments, ...peers.enrolments],
    accounts: demoAccounts(cast, ctx.domain, people),
    calendar,
  };
}

/** One person of the company, with a unique email, a believable age, tenure and languages. */
function personMaker(ctx: Context, people: DemoPerson[]) {
  const { rng, today, thisYear, domain } = ctx;
  const usedEmails = new Map<string, number>();
  return (level: number, department: string, managerId: string | null, title?: string): DemoPerson => {
    const location = rng.weighted(locations.map((l) => [l, l.weight] as const));
    const first = rng.pick(firstNames);
    const last = rng.pick(lastNames);
    const base = `${first}.${last}`
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z.]/g, '');
    const n = (usedEmails.get(base) ?? 0) + 1;
    usedEmails.set(base, n);
    const email = `${n === 1 ? base : `${base}${n}`}@${domain}`;
    const birthYear = birthYearFor(rng, level);
    const earliestHire = Math.max(birthYear + 21, 1988);
    const tenureCap = level >= 6 ? 25 : level >= 4 ? 15 : 6;
    const hireYear = Math.min(thisYear, Math.max(earliestHire, thisYear - rng.int(0, tenureCap)));
    const languages: string[] = [...location.languages];
    if (rng.chance(0.25)) {
      const extra = rng.pick(['es', 'fr', 'de', 'pt', 'it', 'zh', 'ar', 'hi', 'ja']);
      if (!languages.includes(extra)) languages.push(extra);
    }
    const dept = departments.find((d) => d.name === department);
    const person: DemoPerson = {
      id: rng.uuid(),
      employeeId: `NW${String(people.length + 1).padStart(6, '0')}`,
      name: `${first} ${last}`,
      email,
      jobTitle:
        title ??
        rng.pick(levelTitles[level] ?? ['Specialist, {d}']).replace('{d}', dept?.short ?? department),
      jobLevel: level,
      department,
      managerId,
      location: location.city,
      timeZone: location.timeZone,
      languages,
      hireDate: minDate(iso(hireYear, rng.int(1, 12), rng.int(1, 28)), today),
      birthYear,
      careerStage: stageOf(level),
      leaveDate: null,
      leaveReason: null,
    };
    people.push(person);
    return person;
  };
}

/** The reporting tree: a CEO, a vice president per department, then directors, managers, leads and staff. */
function buildWorkforce(ctx: Context, total: number): DemoPerson[] {
  const { rng } = ctx;
  const people: DemoPerson[] = [];
  const makePerson = personMaker(ctx, people);
  const ceo = makePerson(8, 'Operations', null, 'Chief Executive Officer');
  const deptWeight = departments.reduce((s, d) => s + d.weight, 0);
  const remaining = total - 1;
  for (const [i, dept] of departments.entries()) {
    const size =
      i === departments.length - 1
        ? total - people.length
        : Math.max(6, Math.round((remaining * dept.weight) / deptWeight));
    const vp = makePerson(7, dept.name, ceo.id, `Vice President, ${dept.name}`);
    let left = size - 1;
    const directors = Array.from({ length: Math.max(1, Math.round(size * 0.03)) }, () => {
      left--;
      return makePerson(6, dept.name, vp.id);
    });
    const managers = Array.from({ length: Math.max(1, Math.round(size * 0.08)) }, () => {
      left--;
      return makePerson(5, dept.name, rng.pick(directors).id);
    });
    const leads = Array.from({ length: Math.max(1, Math.round(size * 0.12)) }, () => {
      left--;
      return makePerson(4, dept.name, rng.pick(managers).id);
    });
    while (left > 0) {
      const level = rng.weighted([
        [1, 30],
        [2, 36],
        [3, 34],
      ] as const);
      makePerson(level, dept.name, rng.chance(0.8) ? rng.pick(leads).id : rng.pick(managers).id);
      left--;
    }
  }
  // Trim rounding overshoot from the end (staff only, so nobody loses their manager).
  while (people.length > total) {
    const idx = people.findLastIndex((p) => p.jobLevel <= 3 && !people.some((q) => q.managerId === p.id));
    people.splice(idx, 1);
  }
  return people;
}

/** Leavers within the last two years: mostly younger people resigning, some retirements. */
function markLeavers({ rng, today, thisYear }: Context, people: DemoPerson[]): void {
  for (const p of people) {
    if (p.jobLevel >= 7) continue;
    const young = thisYear - p.birthYear < 30;
    if (rng.chance(young ? 0.1 : 0.04)) {
      // Never before they joined.
      const from = Math.max(Date.parse(p.hireDate), Date.parse(today) - 730 * 86_400_000);
      p.leaveDate = new Date(from + rng.next() * (Date.parse(today) - from)).toISOString().slice(0, 10);
      p.leaveReason =
        thisYear - p.birthYear >= 60 ? 'retired' : rng.pick(leaveReasons.filter((r) => r !== 'retired'));
    }
  }
}

/** The four demo accounts are real people of the company, with titles that say who they are. */
function castOf(current: DemoPerson[]): Cast {
  const find = (level: number, department: string) =>
    current.find((p) => p.jobLevel === level && p.department === department) ??
    current.find((p) => p.jobLevel === level);
  const executive = find(7, 'Operations');
  const junior = find(1, 'Marketing');
  const manager = find(5, 'People & Culture');
  const admin = find(4, 'People & Culture');
  if (!executive || !junior || !manager || !admin)
    throw new Error('the demo company is too small for its demo accounts');
  manager.jobTitle = 'Learning & Development Programme Manager';
  admin.jobTitle = 'People Systems Lead';
  junior.jobTitle = 'Graduate, Digital Marketing';
  executive.jobTitle = 'Chief Operating Officer';
  return { executive, junior, manager, admin };
}

/** The three enrolling programmes: reverse, conventional and mutual. */
function demoProgrammes(rng: Random, topics: Topic[], calendar: DemoCalendar): DemoProgramme[] {
  const topicByKey = new Map(topics.map((t) => [t.key, t]));
  const topicIds = (keys: string[]) => keys.map((k) => topicByKey.get(k)?.id as string);
  return [
    {
      id: rng.uuid(),
      name: calendar.names.reverse,
      kind: 'reverse',
      description:
        'Early-career colleagues mentor our executives on technology, digital channels, trends and what younger colleagues and customers expect.',
      goals: [
        'Lift leaders’ digital fluency',
        'Give early-career talent visibility and recognition',
        'Drive culture change',
      ],
      ...calendar.reverse,
      meetingCadence: 'fortnightly',
      defaultMentorCapacity: 1,
      topicIds: topicIds(['genai', 'social', 'collab', 'data', 'mobile', 'genz', 'hybrid', 'dei', 'sustain']),
    },
    {
      id: rng.uuid(),
      name: 'Leadership Foundations Mentoring',
      kind: 'conventional',
      description:
        'Experienced leaders mentor early-career colleagues on careers, communication, networks and our industry.',
      goals: ['Accelerate early-career development', 'Retain young talent', 'Share industry knowledge'],
      ...calendar.conventional,
      meetingCadence: 'monthly',
      defaultMentorCapacity: 2,
      topicIds: topicIds([
        'strategy',
        'teams',
        'career',
        'promotion',
        'industry',
        'finance',
        'network',
        'stakeholders',
        'presence',
        'presenting',
        'conversations',
        'resilience',
        'negotiation',
      ]),
    },
    {
      id: rng.uuid(),
      name: 'Two-Way Exchange',
      kind: 'mutual',
      description:
        'Pairs across generations teach each other: digital and cultural know-how one way, experience the other.',
      goals: ['Learning in both directions', 'Connections across generations and departments'],
      ...calendar.mutual,
      meetingCadence: 'fortnightly',
      defaultMentorCapacity: 1,
      topicIds: topicIds([
        'genai',
        'social',
        'data',
        'genz',
        'hybrid',
        'career',
        'network',
        'presenting',
        'industry',
        'conversations',
      ]),
    },
  ];
}

/** Enrolments in the three programmes, what each person offers and seeks following their career stage. */
function enrolCohorts(
  { rng }: Context,
  {
    current,
    topics,
    cast,
    programmes,
    scale,
  }: { current: DemoPerson[]; topics: Topic[]; cast: Cast; programmes: DemoProgramme[]; scale: number },
): DemoEnrolment[] {
  const [reverse, conventional, mutual] = programmes as [DemoProgramme, DemoProgramme, DemoProgramme];
  const { executive, junior, manager, admin } = cast;
  const young = topics.filter((t) => t.knownBy === 'young');
  const experienced = topics.filter((t) => t.knownBy === 'experienced');
  const enrolments: DemoEnrolment[] = [];
  // Some people keep their whole working week open; others offer a few windows. Early
  // and late windows let colleagues in far-apart time zones still find common hours.
  const availabilityFor = (): DemoEnrolment['availability'] => {
    if (rng.chance(0.35)) return [1, 2, 3, 4, 5].map((day) => ({ day, start: 8 * 60, end: 18 * 60 }));
    const slots = rng.sample([1, 2, 3, 4, 5], rng.int(3, 4)).sort();
    return slots.map((day) => {
      const start = rng.pick([7, 8, 9, 10, 13, 14, 16, 17]) * 60;
      return { day, start, end: start + rng.pick([120, 180, 240]) };
    });
  };
  const pickTopics = (pool: typeof topics, allowed: string[], n: number) =>
    rng.sample(
      pool.filter((t) => allowed.includes(t.id)),
      n,
    );
  const goalsFrom = (seeks: typeof topics, role: string) => {
    const wants = seeks.map((t) => t.goal);
    if (wants.length === 0)
      return role === 'mentor' ? 'I want to share what I know and learn how others see our company.' : '';
    return `I want to ${wants.join(', and to ')}.`;
  };
  const enrol = (
    programme: DemoProgramme,
    person: DemoPerson,
    role: DemoEnrolment['role'],
    offerPool: typeof topics,
    seekPool: typeof topics,
    capacity: number,
  ) => {
    const offers = role === 'mentee' ? [] : pickTopics(offerPool, programme.topicIds, rng.int(2, 4));
    const seeks = role === 'mentor' ? [] : pickTopics(seekPool, programme.topicIds, rng.int(2, 3));
    const e: DemoEnrolment = {
      id: rng.uuid(),
      programmeId: programme.id,
      personId: person.id,
      role,
      offers: offers.map((t) => ({ topicId: t.id, proficiency: rng.int(3, 5) })),
      seeks: seeks.map((t, i) => ({ topicId: t.id, priority: Math.min(3, i + 1) })),
      goals: goalsFrom(seeks, role),
      availability: availabilityFor(),
      capacity: role === 'mentee' ? 0 : capacity,
      preferences: {
        preferredMentorIds: [],
        ...(rng.chance(0.3) ? { preferDifferentDepartment: true } : {}),
      },
    };
    enrolments.push(e);
    return e;
  };

  const enrolling = new Set<string>();
  const pool = (pred: (p: DemoPerson) => boolean, n: number, must: DemoPerson[] = []) => {
    const chosen = [...must];
    for (const p of rng.shuffle(current.filter((q) => pred(q) && !must.includes(q)))) {
      if (chosen.length >= n) break;
      chosen.push(p);
    }
    return chosen;
  };

  // Reverse: juniors (levels 1-3) mentor leaders (levels 4-8).
  const revMentees = pool(
    (p) => p.jobLevel >= 4 && p.id !== manager.id && p.id !== admin.id,
    Math.round(64 * scale),
    [executive],
  );
  const revMentors = pool((p) => p.jobLevel <= 3, Math.round(72 * scale), [junior]);
  for (const p of revMentors) enrol(reverse, p, 'mentor', young, [], p.jobLevel === 1 ? 1 : rng.int(1, 2));
  const mentorIds = revMentors.map((p) => p.id);
  for (const p of revMentees) {
    const e = enrol(reverse, p, 'mentee', [], young, 0);
    // Some executives shortlist mentors they have heard good things about.
    if (rng.chance(0.35)) e.preferences.preferredMentorIds = rng.sample(mentorIds, rng.int(1, 3));
  }
  for (const p of [...revMentees, ...revMentors]) enrolling.add(p.id);

  // Conventional: experienced people (levels 4-7) mentor early-career colleagues.
  const convMentors = pool(
    (p) => p.jobLevel >= 4 && p.jobLevel <= 7 && !enrolling.has(p.id),
    Math.round(40 * scale),
  );
  const convMentees = pool((p) => p.jobLevel <= 3 && !enrolling.has(p.id), Math.round(80 * scale));
  for (const p of convMentors) enrol(conventional, p, 'mentor', experienced, [], rng.int(2, 3));
  for (const p of convMentees) enrol(conventional, p, 'mentee', [], experienced, 0);
  for (const p of [...convMentors, ...convMentees]) enrolling.add(p.id);

  // Mutual: both sides teach and learn; the young offer digital, the experienced offer experience.
  const mutualPeople = pool((p) => !enrolling.has(p.id) || rng.chance(0.15), Math.round(72 * scale));
  for (const p of mutualPeople) {
    const isYoung = p.jobLevel <= 3;
    enrol(mutual, p, 'both', isYoung ? young : experienced, isYoung ? experienced : young, 1);
  }

  return enrolments;
}

/**
 * A peer pool of managers learning from each other (decision 078): the conventional
 * programme's mentors, who teach and learn experience topics. It draws from its own seeded
 * stream and enrols people already enrolled, so the rest of the company stays as it was.
 */
function peerPool(
  seed: number,
  topics: Topic[],
  programmes: DemoProgramme[],
  enrolments: DemoEnrolment[],
  dates: Cohort,
): { programme: DemoProgramme; enrolments: DemoEnrolment[] } {
  const rng = new Random(seed * 104_729 + 13);
  const conventional = programmes.find((p) => p.kind === 'conventional');
  const keys = [
    'strategy',
    'change',
    'teams',
    'stakeholders',
    'presence',
    'conversations',
    'resilience',
    'negotiation',
  ];
  const offered = keys.flatMap((k) => topics.filter((t) => t.key === k));
  const programme: DemoProgramme = {
    id: rng.uuid(),
    name: 'Managers’ Peer Pool',
    kind: 'mutual',
    format: 'peer',
    description:
      'Managers pair up as equals: each teaches what they do well and learns what the other does, two by two.',
    goals: ['Managers learn from each other', 'Connections across departments'],
    ...dates,
    meetingCadence: 'monthly',
    defaultMentorCapacity: 1,
    topicIds: offered.map((t) => t.id),
  };
  const managers = enrolments.filter((e) => e.programmeId === conventional?.id && e.role === 'mentor');
  const peerEnrolments = managers.map((m): DemoEnrolment => {
    const teaches = rng.sample(offered, 2);
    const learns = rng.sample(
      offered.filter((t) => !teaches.includes(t)),
      2,
    );
    return {
      ...m,
      id: rng.uuid(),
      programmeId: programme.id,
      role: 'both',
      offers: teaches.map((t) => ({ topicId: t.id, proficiency: rng.int(3, 5) })),
      seeks: learns.map((t, i) => ({ topicId: t.id, priority: i + 1 })),
      goals: `I want to ${learns.map((t) => t.goal).join(', and to ')}.`,
      capacity: 1,
      preferences: { preferredMentorIds: [] },
    };
  });
  return { programme, enrolments: peerEnrolments };
}

/** The four demo accounts, which sign in with memorable emails. */
function demoAccounts({ executive, junior, manager, admin }: Cast, domain: string, people: DemoPerson[]) {
  const accounts: DemoAccount[] = [
    { personId: admin.id, email: `admin@${domain}`, roles: ['org_admin'], label: 'Organisation admin' },
    {
      personId: manager.id,
      email: `manager@${domain}`,
      roles: ['programme_manager', 'participant'],
      label: 'Programme manager',
    },
    {
      personId: executive.id,
      email: `executive@${domain}`,
      roles: ['participant', 'sponsor'],
      label: 'Executive (reverse mentee, sponsor)',
    },
    {
      personId: junior.id,
      email: `junior@${domain}`,
      roles: ['participant'],
      label: 'Junior employee (reverse mentor)',
    },
  ];
  for (const a of accounts) {
    const p = people.find((q) => q.id === a.personId);
    if (p) p.email = a.email;
  }
  return accounts;
}
