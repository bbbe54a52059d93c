// People with hire and leave dates in which taking part in a programme changes the rate
// of leaving by a known hazard ratio, with confounding the analysis has to undo: the
// rate of leaving and the chance of volunteering both depend on department, job level,
// tenure band and generation. Used by the truth test of the retention statistics, and
// meant for the demo organisation so its Reports screen shows a known effect.
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
  const days = Math.max(1, Math.ceil((-Math.log(1 - rng.next()) / rate) * YEAR_DAYS));
  return start + days <= end ? isoOf(start + days) : null;
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
