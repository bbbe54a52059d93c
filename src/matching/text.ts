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
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (w.length >= 3 && !stopwords.has(w)) out.push(w);
  }
  return out;
}

/** Sparse unit vectors, one per document, as CSR with sorted term ids. */
export interface TfIdf {
  start: Int32Array;
  term: Int32Array;
  weight: Float64Array;
  terms: string[];
}

export function buildTfIdf(docs: readonly string[]): TfIdf {
  const dict = new Map<string, number>();
  const terms: string[] = [];
  const tokenized = docs.map((d) => {
    const counts = new Map<number, number>();
    for (const w of tokenize(d)) {
      let t = dict.get(w);
      if (t === undefined) {
        t = terms.length;
        dict.set(w, t);
        terms.push(w);
      }
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    return counts;
  });
  const df = new Int32Array(terms.length);
  let total = 0;
  for (const c of tokenized) {
    total += c.size;
    for (const t of c.keys()) df[t] = (df[t] as number) + 1;
  }
  const n = docs.length;
  const start = new Int32Array(n + 1);
  const term = new Int32Array(total);
  const weight = new Float64Array(total);
  let at = 0;
  tokenized.forEach((counts, i) => {
    start[i] = at;
    const ids = [...counts.keys()].sort((a, b) => a - b);
    let norm = 0;
    for (const t of ids) {
      const w = (counts.get(t) as number) * (Math.log((1 + n) / (1 + (df[t] as number))) + 1);
      term[at] = t;
      weight[at] = w;
      norm += w * w;
      at++;
    }
    norm = Math.sqrt(norm);
    for (let q = start[i] as number; q < at; q++) weight[q] = (weight[q] as number) / norm;
  });
  start[n] = at;
  return { start, term, weight, terms };
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
