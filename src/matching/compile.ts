import { DateTime } from 'luxon';
import {
  type Cohort,
  type ComponentName,
  componentNames,
  type MatchSettings,
  type Participant,
  type ProgrammeKind,
  type RuleName,
} from './cohort.js';
import { MatchingInputError } from './errors.js';
import { buildTfIdf, type TfIdf } from './text.js';

/** Bits of the rule mask returned by CompiledCohort.ruleMask. */
export const ruleBit: Record<RuleName, number> = {
  self: 1,
  reportingLine: 2,
  jobLevel: 4,
  language: 8,
  overlap: 16,
  forbidden: 32,
  pastPair: 64,
  department: 128,
  minScore: 256,
};

const SLOTS_PER_DAY = 96; // quarter hours
const WEEK_SLOTS = 7 * SLOTS_PER_DAY;
const WEEK_WORDS = Math.ceil(WEEK_SLOTS / 32);
export const COMPONENT_COUNT = componentNames.length;

const generationBands: [number, string][] = [
  [1945, 'Silent Generation'],
  [1964, 'Baby Boomers'],
  [1980, 'Gen X'],
  [1996, 'Millennials'],
  [2012, 'Gen Z'],
  [9999, 'Gen Alpha'],
];

/**
 * A cohort turned into typed arrays, in a canonical order (people sorted by id),
 * with the rules and the score as fast pair functions. Rows are mentees, columns
 * mentors. Everything downstream depends only on this order, which is what
 * makes a run independent of the input order.
 */
export class CompiledCohort {
  readonly kind: ProgrammeKind;
  readonly settings: MatchSettings;
  readonly people: Participant[];
  readonly topicName: Map<string, string>;
  /** Person index of each row (mentee) and column (mentor). */
  readonly rowPerson: Int32Array;
  readonly colPerson: Int32Array;
  readonly capacity: Int32Array;
  readonly personIndex: Map<string, number>;

  readonly level: Float64Array;
  readonly dept: Int32Array;
  readonly deptNames: string[];
  readonly gen: Int32Array;
  readonly genNames: string[];
  readonly langStart: Int32Array;
  readonly lang: Int32Array;
  readonly availKnown: Uint8Array;
  readonly avail: Uint32Array;
  /** People with the same weekly availability share a signature; overlaps are cached per signature pair. */
  private readonly availSig: Int32Array;
  private readonly sigCount: number;
  private readonly overlapCache: Float64Array | null;
  readonly lineStart: Int32Array;
  readonly line: Int32Array;
  readonly offerStart: Int32Array;
  readonly offerTopic: Int32Array;
  readonly offerProf: Int32Array;
  readonly seekStart: Int32Array;
  readonly seekTopic: Int32Array;
  readonly seekWeight: Float64Array;
  readonly seekTotal: Float64Array;
  readonly prefStart: Int32Array;
  readonly pref: Int32Array;
  readonly goals: TfIdf;
  readonly topics: string[];
  readonly forbidden: Set<number>;
  readonly past: Set<number>;
  readonly locked: { row: number; col: number }[];
  readonly weights: Float64Array;
  readonly anyPreferences: boolean;

  // The pair functions run over the columns of one row at a time: column data is
  // laid out by column (compact, cache friendly), and the row's goals, seeks and
  // offers are spread out by term and topic once per row, so that the cosine and
  // the topic fit take a lookup per entry of the column's lists.
  private readonly colLevel: Float64Array;
  private readonly colDept: Int32Array;
  private readonly colGen: Int32Array;
  private readonly colSig: Int32Array;
  /** Per person, the columns whose reporting line holds them (CSR). */
  private readonly reportStart: Int32Array;
  private readonly reportCol: Int32Array;
  /** Column of each person (-1: none). */
  private readonly colOf: Int32Array;
  /** blockedBy[col] === row: the two are in one reporting line (valid for the rows blocked since). */
  private readonly blockedBy: Int32Array;
  private blockedRow = -1;
  private readonly colLangStart: Int32Array;
  private readonly colLang: Int32Array;
  private readonly colOfferStart: Int32Array;
  private readonly colOfferTopic: Int32Array;
  private readonly colOfferProf: Int32Array;
  private readonly colSeekStart: Int32Array;
  private readonly colSeekTopic: Int32Array;
  private readonly colSeekWeight: Float64Array;
  private readonly colSeekTotal: Float64Array;
  private readonly colGoalStart: Int32Array;
  private readonly colGoalTerm: Int32Array;
  private readonly colGoalWeight: Float64Array;
  private readonly colPrefStart: Int32Array;
  private readonly colPref: Int32Array;
  /** The row whose person's goals, seeks and offers are spread out by term and topic below (-1: none). */
  private spreadRow = -1;
  private readonly rowGoal: Float64Array;
  /** Position of each topic among the row's seeks (seekProf.length - 1, a slot never read, if not sought). */
  private readonly rowSeekAt: Int32Array;
  /** The row's proficiency in each topic (0: not offered). */
  private readonly rowOfferProf: Int32Array;
  /** Proficiency of a column in each of the row's seeks, by position (all zero between pairs). */
  private readonly seekProf: Int32Array;
  /** One column, for the single-pair functions. */
  private readonly one = new Int32Array(1);
  private readonly oneMask = new Int32Array(1);
  private readonly oneScore = new Float64Array(1);

  /**
   * With `pool`, everyone is both a row and a column (peer pools: one group that
   * both teaches and learns), one partner each.
   */
  constructor(cohort: Cohort, settings: MatchSettings, pool = false) {
    this.kind = cohort.programme.kind;
    this.settings = settings;
    // The per-person passes read people in input order, which is their order in
    // memory (several times faster than hopping around a large cohort in id
    // order), and write each at its index in id order.
    const input = cohort.participants;
    const P = input.length;
    const ids = input.map((p) => p.id);
    const order = Array.from({ length: P }, (_, j) => j).sort((x, y) => {
      const a = ids[x] as string;
      const b = ids[y] as string;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    const at = new Int32Array(P);
    for (let i = 0; i < P; i++) at[order[i] as number] = i;
    const src: Source = { input, at };
    const people = order.map((j) => input[j] as Participant);
    this.people = people;
    this.personIndex = new Map();
    for (let i = 0; i < P; i++) this.personIndex.set(ids[order[i] as number] as string, i);
    this.topicName = new Map(cohort.topics.map((t) => [t.id, t.name]));
    this.weights = Float64Array.from(componentNames.map((c) => settings.weights[c]));

    // Scalar attributes.
    const scalar = scalars(src);
    this.level = scalar.level;
    this.dept = scalar.dept;
    this.deptNames = scalar.deptNames;
    this.gen = scalar.gen;
    this.genNames = scalar.genNames;

    // Sides.
    const role = scalar.role;
    const rows: number[] = [];
    const cols: number[] = [];
    if (pool) {
      for (let i = 0; i < P; i++) {
        rows.push(i);
        cols.push(i);
      }
    } else if (this.kind === 'mutual') {
      const both: number[] = [];
      for (let i = 0; i < P; i++) {
        if (role[i] === MENTOR) cols.push(i);
        else if (role[i] === MENTEE) rows.push(i);
        else both.push(i);
      }
      // Two-way pairs join a more senior and a less senior person: the senior half of
      // the flexible participants goes to the mentor side until the sides balance.
      const level = this.level;
      const levelOr0 = (i: number) => (Number.isNaN(level[i]) ? 0 : (level[i] as number));
      both.sort((a, b) => levelOr0(b) - levelOr0(a) || a - b);
      const half = Math.ceil(P / 2);
      for (const i of both) (cols.length < half ? cols : rows).push(i);
      rows.sort((a, b) => a - b);
      cols.sort((a, b) => a - b);
    } else {
      for (let i = 0; i < P; i++) {
        if (role[i] !== MENTOR) rows.push(i);
        if (role[i] !== MENTEE) cols.push(i);
      }
    }
    this.rowPerson = Int32Array.from(rows);
    this.colPerson = Int32Array.from(cols);
    // Two-way mentoring is between two people: one partner each.
    this.capacity = Int32Array.from(cols, (i) =>
      this.kind === 'mutual' || pool ? 1 : (scalar.capacity[i] as number),
    );

    [this.langStart, this.lang] = languageLists(src);

    // Weekly availability in UTC quarter hours.
    const issues: string[] = [];
    const week = weeklyAvailability(src, cohort.referenceDate ?? '2026-01-15', issues);
    this.availKnown = week.known;
    this.avail = week.bits;
    this.availSig = week.sig;
    this.sigCount = week.sigCount;
    this.overlapCache =
      this.sigCount <= 2048 ? new Float64Array(this.sigCount * this.sigCount).fill(-1) : null;

    [this.lineStart, this.line] = reportingLines(src, this.personIndex, settings.rules.reportingLine.depth);

    const topic = topicLists(src, cohort.topics);
    this.topics = topic.names;
    [this.offerStart, this.offerTopic, this.offerProf] = topic.offers;
    [this.seekStart, this.seekTopic, this.seekWeight, this.seekTotal] = topic.seeks;

    [this.prefStart, this.pref] = preferenceLists(src, this.personIndex);
    this.anyPreferences = this.pref.length > 0;

    const goals: string[] = new Array(P);
    for (let j = 0; j < P; j++) goals[at[j] as number] = (input[j] as Participant).goals;
    this.goals = buildTfIdf(goals);

    // Pair sets keyed by the two person indices.
    const key = (a: number, b: number) => a * P + b;
    const need = (id: string, what: string): number => {
      const k = this.personIndex.get(id);
      if (k === undefined) issues.push(`${what}: "${id}" is not a participant of this cohort`);
      return k ?? -1;
    };
    this.forbidden = new Set();
    for (const f of cohort.forbiddenPairs) {
      const a = need(f.mentorId, 'forbiddenPairs');
      const b = need(f.menteeId, 'forbiddenPairs');
      this.forbidden.add(key(a, b));
      if (this.kind === 'mutual') this.forbidden.add(key(b, a));
    }
    this.past = new Set();
    for (const f of cohort.pastPairs) {
      const a = this.personIndex.get(f.mentorId);
      const b = this.personIndex.get(f.menteeId);
      if (a === undefined || b === undefined) continue; // earlier partners who left do not matter
      this.past.add(key(a, b));
      this.past.add(key(b, a));
    }
    const rowOf = new Map<number, number>();
    for (const [r, p] of this.rowPerson.entries()) rowOf.set(p, r);
    const colOf = new Map<number, number>();
    for (const [c, p] of this.colPerson.entries()) colOf.set(p, c);
    this.locked = [];
    const lockedRows = new Set<number>();
    const lockedLoad = new Map<number, number>();
    for (const l of cohort.lockedPairs) {
      const a = need(l.mentorId, 'lockedPairs');
      const b = need(l.menteeId, 'lockedPairs');
      if (a < 0 || b < 0) continue;
      let col = colOf.get(a);
      let row = rowOf.get(b);
      if (this.kind === 'mutual' && (col === undefined || row === undefined)) {
        col = colOf.get(b);
        row = rowOf.get(a);
      }
      if (col === undefined || row === undefined) {
        issues.push(`lockedPairs: "${l.mentorId}" cannot mentor "${l.menteeId}" (check their roles)`);
        continue;
      }
      if (lockedRows.has(row)) {
        issues.push(`lockedPairs: "${l.menteeId}" is locked to more than one mentor`);
        continue;
      }
      lockedRows.add(row);
      const load = (lockedLoad.get(col) ?? 0) + 1;
      lockedLoad.set(col, load);
      if (load > (this.capacity[col] as number))
        issues.push(`lockedPairs: "${l.mentorId}" is locked to more mentees than their capacity allows`);
      this.locked.push({ row, col });
    }
    if (issues.length > 0) throw new MatchingInputError(issues);
    this.locked.sort((x, y) => x.row - y.row);

    const cp = this.colPerson;
    this.colLevel = Float64Array.from(cp, (b) => this.level[b] as number);
    this.colDept = Int32Array.from(cp, (b) => this.dept[b] as number);
    this.colGen = Int32Array.from(cp, (b) => this.gen[b] as number);
    this.colSig = Int32Array.from(cp, (b) => this.availSig[b] as number);
    let from: Int32Array;
    this.colOf = new Int32Array(P).fill(-1);
    for (let c = 0; c < cp.length; c++) this.colOf[cp[c] as number] = c;
    [this.reportStart, this.reportCol] = reports(this.lineStart, this.line, cp);
    this.blockedBy = new Int32Array(cp.length).fill(-1);
    [this.colLangStart, from] = regroup(this.langStart, cp);
    this.colLang = gather(this.lang, from, Int32Array);
    [this.colOfferStart, from] = regroup(this.offerStart, cp);
    this.colOfferTopic = gather(this.offerTopic, from, Int32Array);
    this.colOfferProf = gather(this.offerProf, from, Int32Array);
    [this.colSeekStart, from] = regroup(this.seekStart, cp);
    this.colSeekTopic = gather(this.seekTopic, from, Int32Array);
    this.colSeekWeight = gather(this.seekWeight, from, Float64Array);
    this.colSeekTotal = Float64Array.from(cp, (b) => this.seekTotal[b] as number);
    [this.colGoalStart, from] = regroup(this.goals.start, cp);
    this.colGoalTerm = gather(this.goals.term, from, Int32Array);
    this.colGoalWeight = gather(this.goals.weight, from, Float64Array);
    [this.colPrefStart, from] = regroup(this.prefStart, cp);
    this.colPref = gather(this.pref, from, Int32Array);
    this.rowGoal = new Float64Array(this.goals.terms.length);
    this.rowOfferProf = new Int32Array(this.topics.length);
    let most = 0;
    for (let i = 0; i < P; i++)
      most = Math.max(most, (this.seekStart[i + 1] as number) - (this.seekStart[i] as number));
    this.seekProf = new Int32Array(most + 1);
    this.rowSeekAt = new Int32Array(this.topics.length).fill(most);
  }

  /** Weekly overlapping hours of two people (0 when either is unknown). */
  overlapHours(a: number, b: number): number {
    if (this.overlapCache !== null) {
      const sa = this.availSig[a] as number;
      const sb = this.availSig[b] as number;
      if (sa < 0 || sb < 0) return 0;
      return this.knownOverlap(a, b, sa, sb);
    }
    return this.countOverlap(a, b);
  }

  /** Overlapping hours of two people with known availability signatures sa and sb. */
  private knownOverlap(a: number, b: number, sa: number, sb: number): number {
    const cache = this.overlapCache;
    if (cache === null) return this.countOverlap(a, b);
    const key = sa * this.sigCount + sb;
    const hit = cache[key] as number;
    if (hit >= 0) return hit;
    const h = this.countOverlap(a, b);
    cache[key] = h;
    return h;
  }

  private countOverlap(a: number, b: number): number {
    let bits = 0;
    const ba = a * WEEK_WORDS;
    const bb = b * WEEK_WORDS;
    for (let w = 0; w < WEEK_WORDS; w++)
      bits += popcount((this.avail[ba + w] as number) & (this.avail[bb + w] as number));
    return bits / 4;
  }

  /**
   * Failing rules of a (row, column) pair as a bit mask (0 = allowed). With
   * all = false it stops at the first failure. The score rule is not checked here.
   */
  ruleMask(row: number, col: number, all: boolean): number {
    this.one[0] = col;
    this.rulesOf(row, this.one, 1, all, this.oneMask);
    return this.oneMask[0] as number;
  }

  /**
   * ruleMask of row `row` with each of the columns cols[0, n), into masks[0, n).
   * Pair functions run over many columns of one row: the row's share is looked up once.
   */
  rulesOf(row: number, cols: ArrayLike<number>, n: number, all: boolean, masks: Int32Array): void {
    const a = this.rowPerson[row] as number; // mentee
    const r = this.settings.rules;
    const P = this.people.length;
    const colPerson = this.colPerson;
    const forbidden = this.forbidden.size > 0 ? this.forbidden : null;
    const past = r.pastPairs.enabled && this.past.size > 0 ? this.past : null;
    const lineOn = r.reportingLine.enabled;
    if (lineOn && this.blockedRow !== row) this.block(row);
    const blockedBy = this.blockedBy;
    const levelOn = r.jobLevel.enabled;
    const gap = r.jobLevel.gap;
    const kind = this.kind;
    const la = this.level[a] as number;
    const colLevel = this.colLevel;
    const deptOn = r.differentDepartment.enabled;
    const da = this.dept[a] as number;
    const colDept = this.colDept;
    const langOn = r.language.enabled;
    const lang = this.lang;
    const las = this.langStart[a] as number;
    const lae = this.langStart[a + 1] as number;
    const colLangStart = this.colLangStart;
    const colLang = this.colLang;
    const overlapOn = r.overlap.enabled;
    const minHours = r.overlap.minHours;
    const sa = this.availSig[a] as number;
    const colSig = this.colSig;
    for (let i = 0; i < n; i++) {
      const col = cols[i] as number;
      const b = colPerson[col] as number; // mentor
      // Each rule is checked while none failed yet, or when all are wanted.
      let mask = a === b ? ruleBit.self : 0;
      if ((mask === 0 || all) && forbidden !== null && forbidden.has(b * P + a)) mask |= ruleBit.forbidden;
      if ((mask === 0 || all) && past !== null && past.has(b * P + a)) mask |= ruleBit.pastPair;
      if ((mask === 0 || all) && lineOn && blockedBy[col] === row) mask |= ruleBit.reportingLine;
      if ((mask === 0 || all) && levelOn) {
        const lb = colLevel[col] as number;
        if (!Number.isNaN(la) && !Number.isNaN(lb)) {
          const ok =
            kind === 'conventional'
              ? lb - la >= gap
              : kind === 'reverse'
                ? la - lb >= gap
                : Math.abs(la - lb) >= gap;
          if (!ok) mask |= ruleBit.jobLevel;
        }
      }
      if ((mask === 0 || all) && deptOn && da >= 0 && da === colDept[col]) mask |= ruleBit.department;
      if (
        (mask === 0 || all) &&
        langOn &&
        !shareAny(lang, las, lae, colLang, colLangStart[col] as number, colLangStart[col + 1] as number)
      )
        mask |= ruleBit.language;
      if ((mask === 0 || all) && overlapOn && sa >= 0) {
        const sb = colSig[col] as number;
        if (sb >= 0 && this.knownOverlap(a, b, sa, sb) < minHours) mask |= ruleBit.overlap;
      }
      masks[i] = mask;
    }
  }

  /** Rank position (0-based) of `other` in p's preferences, or -1. */
  rankOf(p: number, other: number): number {
    const s = this.prefStart[p] as number;
    const e = this.prefStart[p + 1] as number;
    for (let q = s; q < e; q++) if (this.pref[q] === other) return q - s;
    return -1;
  }

  /**
   * The compatibility score of a pair in [0, 1]: the weighted mean of the
   * components that apply to it. Components are written into `out` (NaN where
   * a component does not apply) when given.
   */
  score(row: number, col: number, out?: Float64Array): number {
    this.one[0] = col;
    this.scoresOf(row, this.one, 1, this.oneScore, out);
    return this.oneScore[0] as number;
  }

  /**
   * score of row `row` with each of the columns cols[0, n), into scores[0, n);
   * the components of cols[i], when `out` is given, into out[i * COMPONENT_COUNT + k].
   */
  scoresOf(row: number, cols: ArrayLike<number>, n: number, scores: Float64Array, out?: Float64Array): void {
    const a = this.rowPerson[row] as number;
    const w = this.weights;
    const w0 = w[0] as number;
    const w1 = w[1] as number;
    const w2 = w[2] as number;
    const w3 = w[3] as number;
    const w4 = w[4] as number;
    const w5 = w[5] as number;
    const colPerson = this.colPerson;
    const mutual = this.kind === 'mutual';
    const seekWeight = this.seekWeight;
    const ss = this.seekStart[a] as number;
    const se = this.seekStart[a + 1] as number;
    const seekTotal = this.seekTotal[a] as number;
    const colOfferStart = this.colOfferStart;
    const colOfferTopic = this.colOfferTopic;
    const colOfferProf = this.colOfferProf;
    const colSeekStart = this.colSeekStart;
    const colSeekTopic = this.colSeekTopic;
    const colSeekWeight = this.colSeekWeight;
    const colSeekTotal = this.colSeekTotal;
    if (this.spreadRow !== row) this.spread(row);
    const rowSeekAt = this.rowSeekAt;
    const rowOfferProf = this.rowOfferProf;
    const seekProf = this.seekProf;
    const noGoals = this.goals.start[a] === this.goals.start[a + 1];
    const rowGoal = this.rowGoal;
    const colGoalStart = this.colGoalStart;
    const colGoalTerm = this.colGoalTerm;
    const colGoalWeight = this.colGoalWeight;
    const da = this.dept[a] as number;
    const colDept = this.colDept;
    const ga = this.gen[a] as number;
    const colGen = this.colGen;
    const sa = this.availSig[a] as number;
    const colSig = this.colSig;
    const targetHours = this.settings.availabilityTargetHours;
    const pref = this.pref;
    const ps = this.prefStart[a] as number;
    const pe = this.prefStart[a + 1] as number;
    const colPrefStart = this.colPrefStart;
    const colPref = this.colPref;
    for (let i = 0; i < n; i++) {
      const col = cols[i] as number;
      const b = colPerson[col] as number;
      const at = i * COMPONENT_COUNT;
      let sum = 0;
      let wsum = 0;
      // topics
      let x: number;
      const cos = colOfferStart[col] as number;
      const coe = colOfferStart[col + 1] as number;
      if (mutual) {
        const colTotal = colSeekTotal[col] as number;
        if (seekTotal === 0 && colTotal === 0) x = Number.NaN;
        else {
          const f1 = fitToRow(
            seekTotal,
            seekWeight,
            ss,
            se,
            rowSeekAt,
            seekProf,
            colOfferTopic,
            colOfferProf,
            cos,
            coe,
          );
          const f2 = fitToColumn(
            colTotal,
            colSeekTopic,
            colSeekWeight,
            colSeekStart[col] as number,
            colSeekStart[col + 1] as number,
            rowOfferProf,
          );
          x = f1 + f2 > 0 ? (2 * f1 * f2) / (f1 + f2) : 0;
        }
      } else
        x =
          seekTotal === 0
            ? Number.NaN
            : fitToRow(
                seekTotal,
                seekWeight,
                ss,
                se,
                rowSeekAt,
                seekProf,
                colOfferTopic,
                colOfferProf,
                cos,
                coe,
              );
      if (out) out[at] = x;
      if (!Number.isNaN(x)) {
        sum += w0 * x;
        wsum += w0;
      }
      // goals: a cosine of unit vectors; terms the row lacks add an exact zero,
      // so the sum is the sparse merge's
      const gs = colGoalStart[col] as number;
      const ge = colGoalStart[col + 1] as number;
      if (noGoals || gs === ge) x = Number.NaN;
      else {
        let dot = 0;
        for (let q = gs; q < ge; q++)
          dot += (rowGoal[colGoalTerm[q] as number] as number) * (colGoalWeight[q] as number);
        x = Math.min(1, Math.max(0, dot));
      }
      if (out) out[at + 1] = x;
      if (!Number.isNaN(x)) {
        sum += w1 * x;
        wsum += w1;
      }
      // department spread
      const db = colDept[col] as number;
      x = da < 0 || db < 0 ? Number.NaN : da === db ? 0 : 1;
      if (out) out[at + 2] = x;
      if (!Number.isNaN(x)) {
        sum += w2 * x;
        wsum += w2;
      }
      // generation spread
      const gb = colGen[col] as number;
      x = ga < 0 || gb < 0 ? Number.NaN : ga === gb ? 0 : 1;
      if (out) out[at + 3] = x;
      if (!Number.isNaN(x)) {
        sum += w3 * x;
        wsum += w3;
      }
      // availability
      const sb = colSig[col] as number;
      x = sa >= 0 && sb >= 0 ? Math.min(1, this.knownOverlap(a, b, sa, sb) / targetHours) : Number.NaN;
      if (out) out[at + 4] = x;
      if (!Number.isNaN(x)) {
        sum += w4 * x;
        wsum += w4;
      }
      // stated preferences (either side's ranking; the stronger counts)
      const pa = preferenceOf(pref, ps, pe, b);
      const pb = preferenceOf(colPref, colPrefStart[col] as number, colPrefStart[col + 1] as number, a);
      x = Number.isNaN(pa) ? pb : Number.isNaN(pb) ? pa : Math.max(pa, pb);
      if (out) out[at + 5] = x;
      if (!Number.isNaN(x)) {
        sum += w5 * x;
        wsum += w5;
      }
      scores[i] = wsum > 0 ? Math.min(1, Math.max(0, sum / wsum)) : 0;
    }
  }

  /** Marks the columns in one reporting line with the row's person: in theirs, or they in its. */
  private block(row: number): void {
    const a = this.rowPerson[row] as number;
    const P = this.people.length;
    for (let q = this.lineStart[a] as number; q < (this.lineStart[a + 1] as number); q++) {
      const x = this.line[q] as number;
      const c = x < P ? (this.colOf[x] as number) : -1;
      if (c >= 0) this.blockedBy[c] = row;
    }
    for (let q = this.reportStart[a] as number; q < (this.reportStart[a + 1] as number); q++)
      this.blockedBy[this.reportCol[q] as number] = row;
    this.blockedRow = row;
  }

  /** Spreads the goals, seeks and offers of the row's person out by term and topic (undoing the last row's). */
  private spread(row: number): void {
    const g = this.goals;
    if (this.spreadRow >= 0) {
      const old = this.rowPerson[this.spreadRow] as number;
      for (let q = g.start[old] as number; q < (g.start[old + 1] as number); q++)
        this.rowGoal[g.term[q] as number] = 0;
      for (let q = this.seekStart[old] as number; q < (this.seekStart[old + 1] as number); q++)
        this.rowSeekAt[this.seekTopic[q] as number] = this.seekProf.length - 1;
      for (let o = this.offerStart[old] as number; o < (this.offerStart[old + 1] as number); o++)
        this.rowOfferProf[this.offerTopic[o] as number] = 0;
    }
    const a = this.rowPerson[row] as number;
    for (let q = g.start[a] as number; q < (g.start[a + 1] as number); q++)
      this.rowGoal[g.term[q] as number] = g.weight[q] as number;
    const ss = this.seekStart[a] as number;
    for (let q = ss; q < (this.seekStart[a + 1] as number); q++)
      this.rowSeekAt[this.seekTopic[q] as number] = q - ss;
    for (let o = this.offerStart[a] as number; o < (this.offerStart[a + 1] as number); o++)
      this.rowOfferProf[this.offerTopic[o] as number] = this.offerProf[o] as number;
    this.spreadRow = row;
  }

  /** Topics person t offers that learner l seeks: [covered topic names, sought count, lowest proficiency]. */
  coveredTopics(t: number, l: number): { covered: string[]; sought: number; minProficiency: number } {
    const covered: string[] = [];
    let minProficiency = 5;
    const sought = (this.seekStart[l + 1] as number) - (this.seekStart[l] as number);
    for (let q = this.seekStart[l] as number; q < (this.seekStart[l + 1] as number); q++) {
      const topic = this.seekTopic[q] as number;
      for (let o = this.offerStart[t] as number; o < (this.offerStart[t + 1] as number); o++) {
        if (this.offerTopic[o] === topic) {
          const id = this.topics[topic] as string;
          covered.push(this.topicName.get(id) ?? id);
          minProficiency = Math.min(minProficiency, this.offerProf[o] as number);
          break;
        }
      }
    }
    return { covered, sought, minProficiency };
  }

  componentName(k: number): ComponentName {
    return componentNames[k] as ComponentName;
  }
}

/** The participants in input order, and each one's index in id order. */
interface Source {
  input: readonly Participant[];
  at: Int32Array;
}

/** Ids for names, in order of first request. */
class Interner {
  readonly names: string[] = [];
  private readonly map = new Map<string, number>();

  /** The id of s; -1 for no name. */
  id(s: string | undefined): number {
    if (s === undefined || s === '') return -1;
    let k = this.map.get(s);
    if (k === undefined) {
      k = this.names.length;
      this.names.push(s);
      this.map.set(s, k);
    }
    return k;
  }
}

/**
 * Renumbers ids (given in input order) in order of first use in the lists
 * applied, in id order, as if they had been given out in that order.
 */
class FirstUse {
  private readonly to: Int32Array;
  private next: number;
  private readonly given: string[];

  /** The first `kept` ids keep their numbers. */
  constructor(given: string[], kept = 0) {
    this.given = given;
    this.to = new Int32Array(given.length).fill(-1);
    for (let t = 0; t < kept; t++) this.to[t] = t;
    this.next = kept;
  }

  apply(ids: Int32Array): void {
    for (let q = 0; q < ids.length; q++) {
      const t = ids[q] as number;
      if (t < 0) continue;
      let f = this.to[t] as number;
      if (f < 0) {
        f = this.next++;
        this.to[t] = f;
      }
      ids[q] = f;
    }
  }

  /** The names by their new ids. */
  names(): string[] {
    const out: string[] = new Array(this.next);
    for (let t = 0; t < this.given.length; t++) {
      const f = this.to[t] as number;
      if (f >= 0) out[f] = this.given[t] as string;
    }
    return out;
  }
}

const MENTOR = 1;
const MENTEE = 2;

/** Job level (NaN if unknown), department and generation ids (-1 if unknown), role and capacity per person. */
function scalars(src: Source): {
  level: Float64Array;
  dept: Int32Array;
  deptNames: string[];
  gen: Int32Array;
  genNames: string[];
  role: Uint8Array;
  capacity: Int32Array;
} {
  const { input, at } = src;
  const P = input.length;
  const level = new Float64Array(P);
  const dept = new Int32Array(P);
  const gen = new Int32Array(P);
  const role = new Uint8Array(P);
  const capacity = new Int32Array(P);
  const depts = new Interner();
  const gens = new Interner();
  for (let j = 0; j < P; j++) {
    const p = input[j] as Participant;
    const i = at[j] as number;
    level[i] = p.jobLevel === undefined ? Number.NaN : p.jobLevel;
    dept[i] = depts.id(p.department);
    gen[i] = gens.id(generationOf(p));
    role[i] = p.role === 'mentor' ? MENTOR : p.role === 'mentee' ? MENTEE : 0;
    capacity[i] = p.capacity ?? 1;
  }
  const deptIds = new FirstUse(depts.names);
  deptIds.apply(dept);
  const genIds = new FirstUse(gens.names);
  genIds.apply(gen);
  return { level, dept, deptNames: deptIds.names(), gen, genNames: genIds.names(), role, capacity };
}

/** Room for each person's list (of the given length) in id order: starts, and the items to fill. */
function rawLists(src: Source, length: (p: Participant) => number): { start: Int32Array; item: Int32Array } {
  const { input, at } = src;
  const P = input.length;
  const start = new Int32Array(P + 1);
  for (let j = 0; j < P; j++) start[(at[j] as number) + 1] = length(input[j] as Participant);
  for (let i = 0; i < P; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  return { start, item: new Int32Array(start[P] as number) };
}

/** Each person's languages as sorted distinct ids (CSR). */
function languageLists(src: Source): [Int32Array, Int32Array] {
  const { input, at } = src;
  const P = input.length;
  const raw = rawLists(src, (p) => p.languages.length);
  const langs = new Interner();
  for (let j = 0; j < P; j++) {
    let q = raw.start[at[j] as number] as number;
    for (const l of (input[j] as Participant).languages) raw.item[q++] = langs.id(l.toLowerCase());
  }
  new FirstUse(langs.names).apply(raw.item);
  const start = new Int32Array(P + 1);
  const lang = new Int32Array(raw.item.length);
  let n = 0;
  for (let i = 0; i < P; i++) {
    const s = n;
    start[i] = s;
    for (let q = raw.start[i] as number; q < (raw.start[i + 1] as number); q++)
      n = insertSorted(lang, s, n, raw.item[q] as number);
  }
  start[P] = n;
  return [start, lang.slice(0, n)];
}

/**
 * Weekly availability bits per person in UTC quarter hours, and a signature per
 * distinct week (-1 where unknown). Assumed working weeks are built once per offset.
 */
function weeklyAvailability(
  src: Source,
  refDate: string,
  issues: string[],
): { known: Uint8Array; bits: Uint32Array; sig: Int32Array; sigCount: number } {
  const { input, at } = src;
  const P = input.length;
  const offsetCache = new Map<string, number>();
  const workingWeek = new Map<number, { bits: Uint32Array; key: string }>();
  const known = new Uint8Array(P);
  const bits = new Uint32Array(P * WEEK_WORDS);
  const sig = new Int32Array(P).fill(-1);
  const weeks = new Interner();
  const unknownZone: [number, string][] = [];
  for (let j = 0; j < P; j++) {
    const p = input[j] as Participant;
    const i = at[j] as number;
    let offset: number | undefined = p.utcOffsetMinutes;
    if (offset === undefined && p.timeZone) {
      offset = offsetCache.get(p.timeZone);
      if (offset === undefined) {
        const dt = DateTime.fromISO(`${refDate}T12:00:00`, { zone: p.timeZone });
        if (!dt.isValid) {
          unknownZone.push([i, `participant "${p.id}": unknown time zone "${p.timeZone}"`]);
          continue;
        }
        offset = dt.offset;
        offsetCache.set(p.timeZone, offset);
      }
    }
    if (offset === undefined && !p.availability) continue;
    known[i] = 1;
    const base = i * WEEK_WORDS;
    let key: string;
    if (p.availability) {
      setWeekBits(bits, base, p.availability, offset ?? 0);
      key = bits.subarray(base, base + WEEK_WORDS).join(',');
    } else {
      const minutes = offset as number;
      let week = workingWeek.get(minutes);
      if (week === undefined) {
        const w = new Uint32Array(WEEK_WORDS);
        setWeekBits(w, 0, workingHours, minutes);
        week = { bits: w, key: w.join(',') };
        workingWeek.set(minutes, week);
      }
      bits.set(week.bits, base);
      key = week.key;
    }
    sig[i] = weeks.id(key);
  }
  for (const [, message] of unknownZone.sort((x, y) => x[0] - y[0])) issues.push(message);
  new FirstUse(weeks.names).apply(sig);
  return { known, bits, sig, sigCount: weeks.names.length };
}

/** Reporting lines up to `depth` as integer ids: people first, then managers outside the cohort (CSR). */
function reportingLines(
  src: Source,
  personIndex: Map<string, number>,
  depth: number,
): [Int32Array, Int32Array] {
  const { input, at } = src;
  const P = input.length;
  const { start, item } = rawLists(src, (p) => Math.min(p.reportingLine.length, depth));
  // Managers outside the cohort as -1 - (number in input order) until renumbered.
  const outside = new Map<string, number>();
  for (let j = 0; j < P; j++) {
    const line = (input[j] as Participant).reportingLine;
    let q = start[at[j] as number] as number;
    for (let k = 0; k < line.length && k < depth; k++) {
      const id = line[k] as string;
      let x = personIndex.get(id);
      if (x === undefined) {
        x = outside.get(id);
        if (x === undefined) {
          x = -1 - outside.size;
          outside.set(id, x);
        }
      }
      item[q++] = x;
    }
  }
  const to = new Int32Array(outside.size).fill(-1);
  let next = P;
  for (let q = 0; q < item.length; q++) {
    const x = item[q] as number;
    if (x >= 0) continue;
    const t = -1 - x;
    if ((to[t] as number) < 0) to[t] = next++;
    item[q] = to[t] as number;
  }
  return [start, item];
}

/**
 * Offers and seeks per person (CSR, see offerLists and seekLists), with topic ids
 * in order of first mention: the cohort's topic list, then offers, then seeks.
 */
function topicLists(
  src: Source,
  listed: readonly { id: string }[],
): {
  names: string[];
  offers: [Int32Array, Int32Array, Int32Array];
  seeks: [Int32Array, Int32Array, Float64Array, Float64Array];
} {
  const { input, at } = src;
  const P = input.length;
  const topics = new Interner();
  for (const t of listed) topics.id(t.id);
  const kept = topics.names.length;
  const offers = rawLists(src, (p) => p.offers.length);
  const offerProf = new Float64Array(offers.item.length);
  const seeks = rawLists(src, (p) => p.seeks.length);
  const seekPriority = new Float64Array(seeks.item.length);
  for (let j = 0; j < P; j++) {
    const p = input[j] as Participant;
    const i = at[j] as number;
    let q = offers.start[i] as number;
    for (const o of p.offers) {
      offers.item[q] = topics.id(o.topicId);
      offerProf[q++] = o.proficiency;
    }
    q = seeks.start[i] as number;
    for (const k of p.seeks) {
      seeks.item[q] = topics.id(k.topicId);
      seekPriority[q++] = k.priority;
    }
  }
  const ids = new FirstUse(topics.names, kept);
  ids.apply(offers.item);
  ids.apply(seeks.item);
  return {
    names: ids.names(),
    offers: offerLists(offers.start, offers.item, offerProf),
    seeks: seekLists(seeks.start, seeks.item, seekPriority),
  };
}

/** Each person's offered topics in topic order, with the best proficiency given for each (CSR). */
function offerLists(
  rawStart: Int32Array,
  rawTopic: Int32Array,
  rawProf: Float64Array,
): [Int32Array, Int32Array, Int32Array] {
  const P = rawStart.length - 1;
  const start = new Int32Array(P + 1);
  const topic = new Int32Array(rawTopic.length);
  const prof = new Int32Array(rawTopic.length);
  let n = 0;
  for (let i = 0; i < P; i++) {
    const s = n;
    start[i] = s;
    for (let r = rawStart[i] as number; r < (rawStart[i + 1] as number); r++) {
      const t = rawTopic[r] as number;
      const given = rawProf[r] as number;
      let q = s;
      while (q < n && topic[q] !== t) q++;
      if (q < n) {
        prof[q] = Math.max(prof[q] as number, given);
        continue;
      }
      // A new topic: insert in topic order.
      while (q > s && (topic[q - 1] as number) > t) {
        topic[q] = topic[q - 1] as number;
        prof[q] = prof[q - 1] as number;
        q--;
      }
      topic[q] = t;
      prof[q] = Math.max(0, given);
      n++;
    }
  }
  start[P] = n;
  return [start, topic.slice(0, n), prof.slice(0, n)];
}

/**
 * Each person's sought topics with weight 1 / priority (the highest given for
 * each), heaviest first, then by topic (CSR), and the total weight per person.
 */
function seekLists(
  rawStart: Int32Array,
  rawTopic: Int32Array,
  rawPriority: Float64Array,
): [Int32Array, Int32Array, Float64Array, Float64Array] {
  const P = rawStart.length - 1;
  const start = new Int32Array(P + 1);
  const topic = new Int32Array(rawTopic.length);
  const weight = new Float64Array(rawTopic.length);
  const total = new Float64Array(P);
  let n = 0;
  for (let i = 0; i < P; i++) {
    const s = n;
    start[i] = s;
    for (let r = rawStart[i] as number; r < (rawStart[i + 1] as number); r++) {
      const t = rawTopic[r] as number;
      const w = 1 / (rawPriority[r] as number);
      let q = s;
      while (q < n && topic[q] !== t) q++;
      if (q < n) weight[q] = Math.max(weight[q] as number, w);
      else {
        topic[q] = t;
        weight[q] = Math.max(0, w);
        n++;
      }
    }
    // A handful of entries: insertion sort.
    for (let q = s + 1; q < n; q++) {
      const t = topic[q] as number;
      const w = weight[q] as number;
      let r = q;
      while (r > s && (w - (weight[r - 1] as number) || (topic[r - 1] as number) - t) > 0) {
        topic[r] = topic[r - 1] as number;
        weight[r] = weight[r - 1] as number;
        r--;
      }
      topic[r] = t;
      weight[r] = w;
    }
    let sum = 0;
    for (let q = s; q < n; q++) sum += weight[q] as number;
    total[i] = sum;
  }
  start[P] = n;
  return [start, topic.slice(0, n), weight.slice(0, n), total];
}

/** Ranked preferences as person indices; unknown ids are ignored (CSR). */
function preferenceLists(src: Source, personIndex: Map<string, number>): [Int32Array, Int32Array] {
  const { input, at } = src;
  const P = input.length;
  const raw = rawLists(src, (p) => p.preferences.length);
  for (let j = 0; j < P; j++) {
    let q = raw.start[at[j] as number] as number;
    for (const id of (input[j] as Participant).preferences) raw.item[q++] = personIndex.get(id) ?? -1;
  }
  const start = new Int32Array(P + 1);
  const pref = new Int32Array(raw.item.length);
  let n = 0;
  for (let i = 0; i < P; i++) {
    start[i] = n;
    for (let q = raw.start[i] as number; q < (raw.start[i + 1] as number); q++) {
      const k = raw.item[q] as number;
      if (k >= 0) pref[n++] = k;
    }
  }
  start[P] = n;
  return [start, pref.slice(0, n)];
}

/** The working week assumed for people who give a time zone but no availability. */
const workingHours = [0, 1, 2, 3, 4].map((day) => ({ day, startMinute: 9 * 60, endMinute: 17 * 60 }));

/** Sets the UTC quarter-hour bits of weekly local slots, for a person `offset` minutes ahead of UTC. */
function setWeekBits(
  words: Uint32Array,
  base: number,
  slots: readonly { day: number; startMinute: number; endMinute: number }[],
  offset: number,
): void {
  for (const s of slots) {
    const first = Math.ceil(s.startMinute / 15);
    const last = Math.floor(s.endMinute / 15);
    for (let q = first; q < last; q++) {
      const localMinute = s.day * 1440 + q * 15;
      const utc = (((localMinute - offset) % (7 * 1440)) + 7 * 1440) % (7 * 1440);
      const bit = Math.floor(utc / 15);
      const w = base + (bit >>> 5);
      words[w] = (words[w] as number) | (1 << (bit & 31));
    }
  }
}

/** Adds x to the sorted distinct list a[s, e) unless present; returns the new end. */
function insertSorted(a: Int32Array, s: number, e: number, x: number): number {
  let q = e;
  while (q > s && (a[q - 1] as number) > x) q--;
  if (q > s && a[q - 1] === x) return e;
  a.copyWithin(q + 1, q, e);
  a[q] = x;
  return e + 1;
}

function generationOf(p: Participant): string | undefined {
  if (p.generation) return p.generation;
  if (p.birthYear !== undefined) {
    for (const [until, name] of generationBands) if (p.birthYear <= until) return name;
  }
  return p.careerStage;
}

/*
 * How well a teacher's offers cover a learner's seeks, by priority and
 * proficiency, in [0, 1]: the sum over the seeks, in their order, of
 * weight * proficiency / 5 where the topic is offered, over the total weight.
 */

/** Coverage of the row's seeks (weights seekWeight[ss, se), total `total`) by offers [os, oe) of a column. */
function fitToRow(
  total: number,
  seekWeight: Float64Array,
  ss: number,
  se: number,
  rowSeekAt: Int32Array,
  seekProf: Int32Array,
  offerTopic: Int32Array,
  offerProf: Int32Array,
  os: number,
  oe: number,
): number {
  if (total === 0) return 0;
  // Branch free: offers of topics the row does not seek land in a slot never
  // read, and a seek not offered adds an exact zero.
  for (let o = os; o < oe; o++)
    seekProf[rowSeekAt[offerTopic[o] as number] as number] = offerProf[o] as number;
  let got = 0;
  for (let q = 0; q < se - ss; q++) {
    got += ((seekWeight[ss + q] as number) * (seekProf[q] as number)) / 5;
    seekProf[q] = 0;
  }
  return got / total;
}

/** Coverage of a column's seeks [s, e) (total `total`) by the row's offers, given as a proficiency per topic. */
function fitToColumn(
  total: number,
  seekTopic: Int32Array,
  seekWeight: Float64Array,
  s: number,
  e: number,
  rowOfferProf: Int32Array,
): number {
  if (total === 0) return 0;
  let got = 0;
  for (let q = s; q < e; q++) {
    got += ((seekWeight[q] as number) * (rowOfferProf[seekTopic[q] as number] as number)) / 5;
  }
  return got / total;
}

/** Per person, the columns (people `cols`) whose reporting line holds that person (CSR). */
function reports(lineStart: Int32Array, line: Int32Array, cols: Int32Array): [Int32Array, Int32Array] {
  const P = lineStart.length - 1;
  const start = new Int32Array(P + 1);
  for (const b of cols)
    for (let q = lineStart[b] as number; q < (lineStart[b + 1] as number); q++) {
      const x = line[q] as number;
      if (x < P) start[x + 1] = (start[x + 1] as number) + 1;
    }
  for (let x = 0; x < P; x++) start[x + 1] = (start[x + 1] as number) + (start[x] as number);
  const fill = start.slice(0, P);
  const col = new Int32Array(start[P] as number);
  for (let c = 0; c < cols.length; c++) {
    const b = cols[c] as number;
    for (let q = lineStart[b] as number; q < (lineStart[b + 1] as number); q++) {
      const x = line[q] as number;
      if (x < P) {
        col[fill[x] as number] = c;
        fill[x] = (fill[x] as number) + 1;
      }
    }
  }
  return [start, col];
}

/** Do the sorted lists x[i, ie) and y[j, je) share an entry? Lists not stated (empty) are not checked. */
function shareAny(x: Int32Array, i: number, ie: number, y: Int32Array, j: number, je: number): boolean {
  if (i === ie || j === je) return true;
  while (i < ie && j < je) {
    const u = x[i] as number;
    const v = y[j] as number;
    if (u === v) return true;
    if (u < v) i++;
    else j++;
  }
  return false;
}

/** Rank score of `other` in the preference list pref[s, e): 1 for first of L, 1/L for last, 0 if absent, NaN if no list. */
function preferenceOf(pref: Int32Array, s: number, e: number, other: number): number {
  if (s === e) return Number.NaN;
  for (let q = s; q < e; q++) if (pref[q] === other) return 1 - (q - s) / (e - s);
  return 0;
}

/** CSR lists of the given ids, in that order: the new starts and, per entry, its position in the old lists. */
function regroup(start: Int32Array, ids: Int32Array): [Int32Array, Int32Array] {
  const s = new Int32Array(ids.length + 1);
  for (let i = 0; i < ids.length; i++) {
    const p = ids[i] as number;
    s[i + 1] = (s[i] as number) + (start[p + 1] as number) - (start[p] as number);
  }
  const from = new Int32Array(s[ids.length] as number);
  let at = 0;
  for (const p of ids) for (let q = start[p] as number; q < (start[p + 1] as number); q++) from[at++] = q;
  return [s, from];
}

function gather<A extends Int32Array | Float64Array>(
  src: A,
  from: Int32Array,
  Kind: new (n: number) => A,
): A {
  const out = new Kind(from.length);
  for (let i = 0; i < from.length; i++) out[i] = src[from[i] as number] as number;
  return out;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
