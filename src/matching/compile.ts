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
  // laid out by column (compact, cache friendly), and the row's goal vector is
  // spread out by term once per row so that the cosine is a lookup per term.
  private readonly colLevel: Float64Array;
  private readonly colDept: Int32Array;
  private readonly colGen: Int32Array;
  private readonly colSig: Int32Array;
  private readonly colLineStart: Int32Array;
  private readonly colLine: Int32Array;
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
  /** The row whose goal weights are in rowGoal (-1: none). */
  private goalRow = -1;
  private readonly rowGoal: Float64Array;

  constructor(cohort: Cohort, settings: MatchSettings) {
    this.kind = cohort.programme.kind;
    this.settings = settings;
    const people = [...cohort.participants].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.people = people;
    const P = people.length;
    this.personIndex = new Map();
    for (let i = 0; i < P; i++) this.personIndex.set((people[i] as Participant).id, i);
    this.topicName = new Map(cohort.topics.map((t) => [t.id, t.name]));
    this.weights = Float64Array.from(componentNames.map((c) => settings.weights[c]));

    // Sides.
    const rows: number[] = [];
    const cols: number[] = [];
    if (this.kind === 'mutual') {
      const both: number[] = [];
      people.forEach((p, i) => {
        if (p.role === 'mentor') cols.push(i);
        else if (p.role === 'mentee') rows.push(i);
        else both.push(i);
      });
      // Two-way pairs join a more senior and a less senior person: the senior half of
      // the flexible participants goes to the mentor side until the sides balance.
      both.sort((a, b) => {
        const la = people[a]?.jobLevel ?? 0;
        const lb = people[b]?.jobLevel ?? 0;
        return lb - la || a - b;
      });
      const half = Math.ceil(P / 2);
      for (const i of both) (cols.length < half ? cols : rows).push(i);
      rows.sort((a, b) => a - b);
      cols.sort((a, b) => a - b);
    } else {
      people.forEach((p, i) => {
        if (p.role !== 'mentor') rows.push(i);
        if (p.role !== 'mentee') cols.push(i);
      });
    }
    this.rowPerson = Int32Array.from(rows);
    this.colPerson = Int32Array.from(cols);
    // Two-way mentoring is between two people: one partner each.
    this.capacity = Int32Array.from(cols, (i) => (this.kind === 'mutual' ? 1 : (people[i]?.capacity ?? 1)));

    // Scalar attributes.
    const intern = (names: string[], map: Map<string, number>, s: string | undefined): number => {
      if (s === undefined || s === '') return -1;
      let k = map.get(s);
      if (k === undefined) {
        k = names.length;
        names.push(s);
        map.set(s, k);
      }
      return k;
    };
    this.level = new Float64Array(P);
    this.dept = new Int32Array(P);
    this.gen = new Int32Array(P);
    this.deptNames = [];
    this.genNames = [];
    const deptMap = new Map<string, number>();
    const genMap = new Map<string, number>();
    for (let i = 0; i < P; i++) {
      const p = people[i] as Participant;
      this.level[i] = p.jobLevel === undefined ? Number.NaN : p.jobLevel;
      this.dept[i] = intern(this.deptNames, deptMap, p.department);
      this.gen[i] = intern(this.genNames, genMap, generationOf(p));
    }

    // Languages, as sorted distinct ids.
    const langNames: string[] = [];
    const langMap = new Map<string, number>();
    this.langStart = new Int32Array(P + 1);
    const lang = new Int32Array(people.reduce((n, p) => n + p.languages.length, 0));
    let at = 0;
    for (let i = 0; i < P; i++) {
      const s = at;
      this.langStart[i] = s;
      for (const l of (people[i] as Participant).languages)
        at = insertSorted(lang, s, at, intern(langNames, langMap, l.toLowerCase()));
    }
    this.langStart[P] = at;
    this.lang = lang.slice(0, at);

    // Weekly availability in UTC quarter hours. People with the same weekly
    // availability share a signature; assumed working hours are built once per offset.
    const refDate = cohort.referenceDate ?? '2026-01-15';
    const offsetCache = new Map<string, number>();
    const workingWeek = new Map<number, { bits: Uint32Array; key: string }>();
    this.availKnown = new Uint8Array(P);
    this.avail = new Uint32Array(P * WEEK_WORDS);
    this.availSig = new Int32Array(P).fill(-1);
    const sigs = new Map<string, number>();
    const issues: string[] = [];
    for (let i = 0; i < P; i++) {
      const p = people[i] as Participant;
      let offset: number | undefined = p.utcOffsetMinutes;
      if (offset === undefined && p.timeZone) {
        offset = offsetCache.get(p.timeZone);
        if (offset === undefined) {
          const dt = DateTime.fromISO(`${refDate}T12:00:00`, { zone: p.timeZone });
          if (!dt.isValid) {
            issues.push(`participant "${p.id}": unknown time zone "${p.timeZone}"`);
            continue;
          }
          offset = dt.offset;
          offsetCache.set(p.timeZone, offset);
        }
      }
      if (offset === undefined && !p.availability) continue;
      this.availKnown[i] = 1;
      const base = i * WEEK_WORDS;
      let key: string;
      if (p.availability) {
        setWeekBits(this.avail, base, p.availability, offset ?? 0);
        key = this.avail.subarray(base, base + WEEK_WORDS).join(',');
      } else {
        const at = offset as number;
        let week = workingWeek.get(at);
        if (week === undefined) {
          const bits = new Uint32Array(WEEK_WORDS);
          setWeekBits(bits, 0, workingHours, at);
          week = { bits, key: bits.join(',') };
          workingWeek.set(at, week);
        }
        this.avail.set(week.bits, base);
        key = week.key;
      }
      let sig = sigs.get(key);
      if (sig === undefined) {
        sig = sigs.size;
        sigs.set(key, sig);
      }
      this.availSig[i] = sig;
    }
    this.sigCount = sigs.size;
    this.overlapCache =
      this.sigCount <= 2048 ? new Float64Array(this.sigCount * this.sigCount).fill(-1) : null;

    // Reporting lines as integer ids (people first, then managers outside the cohort).
    const outside = new Map<string, number>();
    const depth = settings.rules.reportingLine.depth;
    this.lineStart = new Int32Array(P + 1);
    this.line = new Int32Array(people.reduce((n, p) => n + Math.min(p.reportingLine.length, depth), 0));
    at = 0;
    for (let i = 0; i < P; i++) {
      this.lineStart[i] = at;
      const line = (people[i] as Participant).reportingLine;
      for (let q = 0; q < line.length && q < depth; q++) {
        const id = line[q] as string;
        let k = this.personIndex.get(id);
        if (k === undefined) {
          k = outside.get(id);
          if (k === undefined) {
            k = P + outside.size;
            outside.set(id, k);
          }
        }
        this.line[at++] = k;
      }
    }
    this.lineStart[P] = at;

    // Topics: each person's offers by topic (the best proficiency), then seeks by
    // weight (the highest priority), heaviest first. Topic ids follow first mention.
    this.topics = [];
    const topicMap = new Map<string, number>();
    for (const t of cohort.topics) intern(this.topics, topicMap, t.id);
    this.offerStart = new Int32Array(P + 1);
    const offerTopic = new Int32Array(people.reduce((n, p) => n + p.offers.length, 0));
    const offerProf = new Int32Array(offerTopic.length);
    at = 0;
    for (let i = 0; i < P; i++) {
      const s = at;
      this.offerStart[i] = s;
      for (const o of (people[i] as Participant).offers) {
        const t = intern(this.topics, topicMap, o.topicId);
        let q = s;
        while (q < at && offerTopic[q] !== t) q++;
        if (q === at) {
          // A new topic: insert in topic order.
          while (q > s && (offerTopic[q - 1] as number) > t) {
            offerTopic[q] = offerTopic[q - 1] as number;
            offerProf[q] = offerProf[q - 1] as number;
            q--;
          }
          offerTopic[q] = t;
          offerProf[q] = Math.max(0, o.proficiency);
          at++;
        } else offerProf[q] = Math.max(offerProf[q] as number, o.proficiency);
      }
    }
    this.offerStart[P] = at;
    this.offerTopic = offerTopic.slice(0, at);
    this.offerProf = offerProf.slice(0, at);
    this.seekStart = new Int32Array(P + 1);
    const seekTopic = new Int32Array(people.reduce((n, p) => n + p.seeks.length, 0));
    const seekWeight = new Float64Array(seekTopic.length);
    this.seekTotal = new Float64Array(P);
    at = 0;
    for (let i = 0; i < P; i++) {
      const s = at;
      this.seekStart[i] = s;
      for (const k of (people[i] as Participant).seeks) {
        const t = intern(this.topics, topicMap, k.topicId);
        let q = s;
        while (q < at && seekTopic[q] !== t) q++;
        if (q === at) {
          seekTopic[q] = t;
          seekWeight[q] = Math.max(0, 1 / k.priority);
          at++;
        } else seekWeight[q] = Math.max(seekWeight[q] as number, 1 / k.priority);
      }
      // Heaviest first, then by topic (a handful of entries: insertion sort).
      for (let q = s + 1; q < at; q++) {
        const t = seekTopic[q] as number;
        const w = seekWeight[q] as number;
        let r = q;
        while (r > s && (w - (seekWeight[r - 1] as number) || (seekTopic[r - 1] as number) - t) > 0) {
          seekTopic[r] = seekTopic[r - 1] as number;
          seekWeight[r] = seekWeight[r - 1] as number;
          r--;
        }
        seekTopic[r] = t;
        seekWeight[r] = w;
      }
      let total = 0;
      for (let q = s; q < at; q++) total += seekWeight[q] as number;
      this.seekTotal[i] = total;
    }
    this.seekStart[P] = at;
    this.seekTopic = seekTopic.slice(0, at);
    this.seekWeight = seekWeight.slice(0, at);

    // Preferences (ranked person indices; unknown ids are ignored).
    this.prefStart = new Int32Array(P + 1);
    const pref = new Int32Array(people.reduce((n, p) => n + p.preferences.length, 0));
    at = 0;
    for (let i = 0; i < P; i++) {
      this.prefStart[i] = at;
      for (const id of (people[i] as Participant).preferences) {
        const k = this.personIndex.get(id);
        if (k !== undefined) pref[at++] = k;
      }
    }
    this.prefStart[P] = at;
    this.pref = pref.slice(0, at);
    this.anyPreferences = at > 0;

    this.goals = buildTfIdf(people.map((p) => p.goals));

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
    [this.colLineStart, from] = regroup(this.lineStart, cp);
    this.colLine = gather(this.line, from, Int32Array);
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
    const a = this.rowPerson[row] as number; // mentee
    const b = this.colPerson[col] as number; // mentor
    const r = this.settings.rules;
    const P = this.people.length;
    let mask = 0;
    if (a === b) {
      mask |= ruleBit.self;
      if (!all) return mask;
    }
    if (this.forbidden.size > 0 && this.forbidden.has(b * P + a)) {
      mask |= ruleBit.forbidden;
      if (!all) return mask;
    }
    if (r.pastPairs.enabled && this.past.size > 0 && this.past.has(b * P + a)) {
      mask |= ruleBit.pastPair;
      if (!all) return mask;
    }
    if (r.reportingLine.enabled && (this.inLine(a, b) || this.colInLine(col, a))) {
      mask |= ruleBit.reportingLine;
      if (!all) return mask;
    }
    if (r.jobLevel.enabled) {
      const la = this.level[a] as number;
      const lb = this.colLevel[col] as number;
      if (!Number.isNaN(la) && !Number.isNaN(lb)) {
        const gap = r.jobLevel.gap;
        const ok =
          this.kind === 'conventional'
            ? lb - la >= gap
            : this.kind === 'reverse'
              ? la - lb >= gap
              : Math.abs(la - lb) >= gap;
        if (!ok) {
          mask |= ruleBit.jobLevel;
          if (!all) return mask;
        }
      }
    }
    if (r.differentDepartment.enabled) {
      const da = this.dept[a] as number;
      if (da >= 0 && da === this.colDept[col]) {
        mask |= ruleBit.department;
        if (!all) return mask;
      }
    }
    if (r.language.enabled && !this.shareLanguage(a, col)) {
      mask |= ruleBit.language;
      if (!all) return mask;
    }
    if (r.overlap.enabled) {
      const sa = this.availSig[a] as number;
      const sb = this.colSig[col] as number;
      if (sa >= 0 && sb >= 0 && this.knownOverlap(a, b, sa, sb) < r.overlap.minHours) mask |= ruleBit.overlap;
    }
    return mask;
  }

  /** Is person b in a's reporting line (up to the configured depth)? */
  private inLine(a: number, b: number): boolean {
    for (let q = this.lineStart[a] as number; q < (this.lineStart[a + 1] as number); q++)
      if (this.line[q] === b) return true;
    return false;
  }

  /** Is person a in the reporting line of column col's person? */
  private colInLine(col: number, a: number): boolean {
    for (let q = this.colLineStart[col] as number; q < (this.colLineStart[col + 1] as number); q++)
      if (this.colLine[q] === a) return true;
    return false;
  }

  private shareLanguage(a: number, col: number): boolean {
    let i = this.langStart[a] as number;
    const ie = this.langStart[a + 1] as number;
    let j = this.colLangStart[col] as number;
    const je = this.colLangStart[col + 1] as number;
    if (i === ie || j === je) return true; // not stated: not checked
    while (i < ie && j < je) {
      const x = this.lang[i] as number;
      const y = this.colLang[j] as number;
      if (x === y) return true;
      if (x < y) i++;
      else j++;
    }
    return false;
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
    const a = this.rowPerson[row] as number;
    const w = this.weights;
    let sum = 0;
    let wsum = 0;
    // topics
    let x: number;
    const ss = this.seekStart[a] as number;
    const se = this.seekStart[a + 1] as number;
    const cos = this.colOfferStart[col] as number;
    const coe = this.colOfferStart[col + 1] as number;
    if (this.kind === 'mutual') {
      if (this.seekTotal[a] === 0 && this.colSeekTotal[col] === 0) x = Number.NaN;
      else {
        const f1 = topicFit(
          this.seekTotal[a] as number,
          this.seekTopic,
          this.seekWeight,
          ss,
          se,
          this.colOfferTopic,
          this.colOfferProf,
          cos,
          coe,
        );
        const f2 = topicFit(
          this.colSeekTotal[col] as number,
          this.colSeekTopic,
          this.colSeekWeight,
          this.colSeekStart[col] as number,
          this.colSeekStart[col + 1] as number,
          this.offerTopic,
          this.offerProf,
          this.offerStart[a] as number,
          this.offerStart[a + 1] as number,
        );
        x = f1 + f2 > 0 ? (2 * f1 * f2) / (f1 + f2) : 0;
      }
    } else
      x =
        this.seekTotal[a] === 0
          ? Number.NaN
          : topicFit(
              this.seekTotal[a] as number,
              this.seekTopic,
              this.seekWeight,
              ss,
              se,
              this.colOfferTopic,
              this.colOfferProf,
              cos,
              coe,
            );
    if (out) out[0] = x;
    if (!Number.isNaN(x)) {
      sum += (w[0] as number) * x;
      wsum += w[0] as number;
    }
    // goals
    const gs = this.colGoalStart[col] as number;
    const ge = this.colGoalStart[col + 1] as number;
    if (this.goals.start[a] === this.goals.start[a + 1] || gs === ge) x = Number.NaN;
    else {
      if (this.goalRow !== row) this.spreadGoals(row);
      // Terms the row lacks add an exact zero, so the sum is the sparse merge's.
      const rowGoal = this.rowGoal;
      let dot = 0;
      for (let q = gs; q < ge; q++)
        dot += (rowGoal[this.colGoalTerm[q] as number] as number) * (this.colGoalWeight[q] as number);
      x = Math.min(1, Math.max(0, dot));
    }
    if (out) out[1] = x;
    if (!Number.isNaN(x)) {
      sum += (w[1] as number) * x;
      wsum += w[1] as number;
    }
    // department spread
    const da = this.dept[a] as number;
    const db = this.colDept[col] as number;
    x = da < 0 || db < 0 ? Number.NaN : da === db ? 0 : 1;
    if (out) out[2] = x;
    if (!Number.isNaN(x)) {
      sum += (w[2] as number) * x;
      wsum += w[2] as number;
    }
    // generation spread
    const ga = this.gen[a] as number;
    const gb = this.colGen[col] as number;
    x = ga < 0 || gb < 0 ? Number.NaN : ga === gb ? 0 : 1;
    if (out) out[3] = x;
    if (!Number.isNaN(x)) {
      sum += (w[3] as number) * x;
      wsum += w[3] as number;
    }
    // availability
    const sa = this.availSig[a] as number;
    const sb = this.colSig[col] as number;
    x =
      sa >= 0 && sb >= 0
        ? Math.min(
            1,
            this.knownOverlap(a, this.colPerson[col] as number, sa, sb) /
              this.settings.availabilityTargetHours,
          )
        : Number.NaN;
    if (out) out[4] = x;
    if (!Number.isNaN(x)) {
      sum += (w[4] as number) * x;
      wsum += w[4] as number;
    }
    // stated preferences (either side's ranking; the stronger counts)
    const pa = preferenceOf(
      this.pref,
      this.prefStart[a] as number,
      this.prefStart[a + 1] as number,
      this.colPerson[col] as number,
    );
    const pb = preferenceOf(
      this.colPref,
      this.colPrefStart[col] as number,
      this.colPrefStart[col + 1] as number,
      a,
    );
    x = Number.isNaN(pa) ? pb : Number.isNaN(pb) ? pa : Math.max(pa, pb);
    if (out) out[5] = x;
    if (!Number.isNaN(x)) {
      sum += (w[5] as number) * x;
      wsum += w[5] as number;
    }
    return wsum > 0 ? Math.min(1, Math.max(0, sum / wsum)) : 0;
  }

  /** Puts the goal weights of the row's person into rowGoal, by term (zero elsewhere). */
  private spreadGoals(row: number): void {
    const g = this.goals;
    if (this.goalRow >= 0) {
      const old = this.rowPerson[this.goalRow] as number;
      for (let q = g.start[old] as number; q < (g.start[old + 1] as number); q++)
        this.rowGoal[g.term[q] as number] = 0;
    }
    const a = this.rowPerson[row] as number;
    for (let q = g.start[a] as number; q < (g.start[a + 1] as number); q++)
      this.rowGoal[g.term[q] as number] = g.weight[q] as number;
    this.goalRow = row;
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

/** How well offers [os, oe) cover seeks [ss, se) of weight total `total`, by priority and proficiency, in [0, 1]. */
function topicFit(
  total: number,
  seekTopic: Int32Array,
  seekWeight: Float64Array,
  ss: number,
  se: number,
  offerTopic: Int32Array,
  offerProf: Int32Array,
  os: number,
  oe: number,
): number {
  if (total === 0) return 0;
  let got = 0;
  for (let q = ss; q < se; q++) {
    const topic = seekTopic[q] as number;
    for (let o = os; o < oe; o++) {
      if (offerTopic[o] === topic) {
        got += ((seekWeight[q] as number) * (offerProf[o] as number)) / 5;
        break;
      }
    }
  }
  return got / total;
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
