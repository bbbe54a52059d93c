/** Goal-text similarity: TF-IDF vectors over the cohort's own goals, compared by cosine. */

const stopwords = new Set(
  (
    'the and for with that this from have has had are was were will would can could should into onto about ' +
    'more most some such than then them they their there these those what when where which while who whom ' +
    'why how our ours your yours you his her its not but all any each few own same very just also get got ' +
    'want wants like learn learning better help make know understand improve new way ways being been ' +
    'able use using one two'
  ).split(' '),
);

export function tokenize(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  if (!isAscii(lower)) {
    for (const m of lower.matchAll(/[\p{L}\p{N}]+/gu)) keep(m[0], out);
    return out;
  }
  // ASCII text (the usual case): letters and digits are a-z and 0-9, no regex needed.
  let from = -1;
  for (let i = 0; i <= lower.length; i++) {
    const ch = i < lower.length ? lower.charCodeAt(i) : 0;
    if ((ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57)) {
      if (from < 0) from = i;
    } else if (from >= 0) {
      if (i - from >= 3) keep(lower.slice(from, i), out);
      from = -1;
    }
  }
  return out;
}

function keep(w: string, out: string[]): void {
  if (w.length >= 3 && !stopwords.has(w)) out.push(w);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** Sparse unit vectors, one per document, as CSR with sorted term ids. */
export interface TfIdf {
  start: Int32Array;
  term: Int32Array;
  weight: Float64Array;
  terms: string[];
}

export function buildTfIdf(docs: readonly string[]): TfIdf {
  const n = docs.length;
  const dict = new Map<string, number>();
  const terms: string[] = [];
  // Each document's distinct term ids, ascending, with their counts.
  const start = new Int32Array(n + 1);
  let term: Int32Array = new Int32Array(1024);
  let count: Int32Array = new Int32Array(1024);
  let ids = new Int32Array(64);
  let df: Int32Array = new Int32Array(1024);
  let at = 0;
  for (let i = 0; i < n; i++) {
    start[i] = at;
    const words = tokenize(docs[i] as string);
    if (ids.length < words.length) ids = new Int32Array(words.length * 2);
    for (let k = 0; k < words.length; k++) {
      const w = words[k] as string;
      let t = dict.get(w);
      if (t === undefined) {
        t = terms.length;
        dict.set(w, t);
        terms.push(w);
      }
      ids[k] = t;
    }
    const sorted = ids.subarray(0, words.length).sort();
    if (term.length < at + sorted.length) {
      term = grow(term, at + sorted.length);
      count = grow(count, term.length);
    }
    if (df.length < terms.length) df = grow(df, terms.length);
    for (let k = 0; k < sorted.length; k++) {
      const t = sorted[k] as number;
      if (k > 0 && sorted[k - 1] === t) count[at - 1] = (count[at - 1] as number) + 1;
      else {
        term[at] = t;
        count[at] = 1;
        df[t] = (df[t] as number) + 1;
        at++;
      }
    }
  }
  start[n] = at;
  const idf = new Float64Array(terms.length);
  for (let t = 0; t < terms.length; t++) idf[t] = Math.log((1 + n) / (1 + (df[t] as number))) + 1;
  const weight = new Float64Array(at);
  for (let i = 0; i < n; i++) {
    const s = start[i] as number;
    const e = start[i + 1] as number;
    let norm = 0;
    for (let q = s; q < e; q++) {
      const w = (count[q] as number) * (idf[term[q] as number] as number);
      weight[q] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    for (let q = s; q < e; q++) weight[q] = (weight[q] as number) / norm;
  }
  return { start, term: term.slice(0, at), weight, terms };
}

function grow(a: Int32Array, atLeast: number): Int32Array {
  const b = new Int32Array(Math.max(atLeast, a.length * 2));
  b.set(a);
  return b;
}

/** The shared terms that contribute most to the similarity of a and b. */
export function sharedTerms(v: TfIdf, a: number, b: number, limit: number): string[] {
  const shared: [string, number][] = [];
  let i = v.start[a] as number;
  let j = v.start[b] as number;
  while (i < (v.start[a + 1] as number) && j < (v.start[b + 1] as number)) {
    const ti = v.term[i] as number;
    const tj = v.term[j] as number;
    if (ti === tj) {
      shared.push([v.terms[ti] as string, (v.weight[i] as number) * (v.weight[j] as number)]);
      i++;
      j++;
    } else if (ti < tj) i++;
    else j++;
  }
  return shared
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, limit)
    .map((s) => s[0]);
}
