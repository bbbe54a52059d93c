import type { CohortInput, ParticipantInput, ProgrammeKind } from '../cohort.js';

/** A small deterministic pseudo-random generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstNames = [
  'Maria',
  'Tom',
  'Aiko',
  'Ben',
  'Chen',
  'Dana',
  'Elif',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jon',
  'Kemi',
  'Luis',
];
const lastNames = [
  'Lee',
  'Garcia',
  'Okafor',
  'Schmidt',
  'Rossi',
  'Novak',
  'Silva',
  'Tanaka',
  'Dubois',
  'Khan',
];
const departments = ['Sales', 'IT', 'Finance', 'Marketing', 'Operations', 'HR', 'Legal', 'Research'];
const zones = [
  'Europe/Madrid',
  'Europe/London',
  'America/New_York',
  'Asia/Tokyo',
  'Europe/Berlin',
  'America/Sao_Paulo',
];
const topicNames = [
  'Digital tools',
  'Social media',
  'Artificial intelligence',
  'Data literacy',
  'Consumer trends',
  'Communication',
  'Career development',
  'Industry knowledge',
  'Networking',
  'Leadership',
  'Negotiation',
  'Public speaking',
  'Strategy',
  'Culture change',
  'Remote collaboration',
  'Product thinking',
];
const goalWords = [
  'data',
  'leadership',
  'customers',
  'digital',
  'career',
  'network',
  'strategy',
  'speaking',
  'confidence',
  'technology',
  'trends',
  'culture',
  'teams',
  'feedback',
  'analytics',
  'innovation',
  'growth',
  'mentoring',
];

export interface GenerateOptions {
  kind: ProgrammeKind;
  mentees: number;
  mentors: number;
  capacity?: number;
  seed?: number;
  topics?: number;
  /** Add rankings of mentors to this share of mentees (0..1). */
  rankingShare?: number;
  withTimeZones?: boolean;
}

/** A seeded synthetic cohort with realistic structure (reporting lines, levels, topics, languages). */
export function generateCohort(o: GenerateOptions): CohortInput {
  const rand = rng(o.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const T = Math.min(o.topics ?? topicNames.length, 200);
  const topics = Array.from({ length: T }, (_, t) => ({ id: `t${t}`, name: topicNames[t] ?? `Topic ${t}` }));
  const participants: ParticipantInput[] = [];
  const total = o.mentees + o.mentors;
  const managers: string[] = [];
  for (let k = 0; k < total; k++) {
    const isMentor = k < o.mentors;
    const id = `p${(k * 7919) % total}`.padEnd(2, '0');
    const senior = o.kind === 'reverse' ? !isMentor : isMentor;
    const level = senior ? 5 + Math.floor(rand() * 4) : 1 + Math.floor(rand() * 4);
    const line: string[] = [];
    if (managers.length > 0) {
      const m = pick(managers);
      line.push(m);
      if (rand() < 0.5) line.push(`outside-${Math.floor(rand() * 50)}`);
    }
    if (rand() < 0.02) managers.push(id);
    const offers = Array.from({ length: 2 + Math.floor(rand() * 4) }, () => ({
      topicId: `t${Math.floor(rand() * T)}`,
      proficiency: 1 + Math.floor(rand() * 5),
    }));
    const seeks = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => ({
      topicId: `t${Math.floor(rand() * T)}`,
      priority: 1 + Math.floor(rand() * 3),
    }));
    const goals = Array.from({ length: 4 + Math.floor(rand() * 6) }, () => pick(goalWords)).join(' ');
    participants.push({
      id,
      displayName: `${pick(firstNames)} ${pick(lastNames)}`,
      role: o.kind === 'mutual' ? 'both' : isMentor ? 'mentor' : 'mentee',
      department: pick(departments),
      jobLevel: level,
      reportingLine: line,
      languages: rand() < 0.9 ? ['en'] : rand() < 0.5 ? ['es'] : ['de', 'fr'],
      ...(o.withTimeZones === false ? {} : { timeZone: rand() < 0.8 ? 'Europe/Madrid' : pick(zones) }),
      birthYear: senior ? 1960 + Math.floor(rand() * 25) : 1985 + Math.floor(rand() * 20),
      offers,
      seeks,
      goals,
      capacity: isMentor ? (o.capacity ?? 1) : 1,
    });
  }
  const rankingShare = o.rankingShare ?? 0;
  if (rankingShare > 0) {
    const mentorIds = participants.slice(0, o.mentors).map((p) => p.id);
    for (const p of participants.slice(o.mentors)) {
      if (rand() < rankingShare)
        p.preferences = [pick(mentorIds), pick(mentorIds), pick(mentorIds)].filter(
          (x, i, a) => a.indexOf(x) === i,
        );
    }
  }
  return { programme: { kind: o.kind, name: `Synthetic ${o.kind} cohort` }, topics, participants };
}
