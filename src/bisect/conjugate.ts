/**
 * The trust model's posterior (src/analyse/posterior.ts) in closed form, for the search loop.
 *
 * With hard outcomes (a run fails or passes) and no per-commit drift, the repro rate q ~ Beta(a, b)
 * and the false-alarm rate ε ~ Beta(a′, b′) integrate out exactly (Beta-Binomial), so the marginal
 * likelihood of each hypothesis is a product of two Beta-function ratios. computePosterior gets the
 * same numbers on a logit grid in about 2 ms; choosing a probe evaluates hundreds of "what if this
 * run fails / passes" posteriors, so here one update costs O(tested commits). A test checks that
 * both agree (test/bisect-engine.test.ts).
 *
 * Hypotheses j: 0 = "outside" (the good end fails too), 1..size = position j is the first bad
 * commit, size + 1 = "no culprit". Under j, a position i is bad iff i ≥ j. Hypotheses between two
 * tested positions share one likelihood, so they are kept in blocks.
 */

export interface RatePrior {
  /** Beta prior of the repro rate (failure rate of bad commits). */
  q: [number, number];
  /** Beta prior of the false-alarm rate (failure rate of good commits). */
  eps: [number, number];
  outside: number;
  noCulprit: number;
}

/** Runs at one position. */
export interface Counts {
  position: number;
  fail: number;
  pass: number;
}

export interface Block {
  /** Hypotheses lo..hi (inclusive). */
  lo: number;
  hi: number;
  /** Posterior mass of the block (hypotheses in it share it in proportion to their prior). */
  mass: number;
  /** Index of the segment (number of tested positions below lo). */
  segment: number;
}

export interface Conjugate {
  size: number;
  prior: RatePrior;
  /** Tested positions, ascending, with their runs. */
  tested: Counts[];
  blocks: Block[];
  /** log of the marginal likelihood of the data. */
  logZ: number;
  /** Entropy (nats) of the posterior over hypotheses. */
  entropy: number;
  /** Per segment s: fails/passes at tested positions ≥ s (bad side) and < s (good side). */
  badFail: number[];
  badPass: number[];
  goodFail: number[];
  goodPass: number[];
}

/** log Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

function logAddAll(xs: number[]): number {
  let max = -Infinity;
  for (const x of xs) if (x > max) max = x;
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (const x of xs) s += Math.exp(x - max);
  return max + Math.log(s);
}

/** Prior mass of hypotheses lo..hi. */
function priorMass(size: number, prior: RatePrior, lo: number, hi: number): number {
  const share = (1 - prior.outside - prior.noCulprit) / Math.max(1, size);
  let m = 0;
  if (lo <= 0 && hi >= 0) m += prior.outside;
  if (lo <= size + 1 && hi >= size + 1) m += prior.noCulprit;
  const wl = Math.max(1, lo);
  const wh = Math.min(size, hi);
  if (wh >= wl) m += share * (wh - wl + 1);
  return m;
}

/** Builds the posterior from runs per position (positions 0..size; duplicates are merged). */
export function conjugatePosterior(size: number, prior: RatePrior, counts: Counts[]): Conjugate {
  const merged = new Map<number, Counts>();
  for (const c of counts) {
    if (c.fail + c.pass <= 0) continue;
    const m = merged.get(c.position);
    if (m) {
      m.fail += c.fail;
      m.pass += c.pass;
    } else merged.set(c.position, { ...c });
  }
  const tested = [...merged.values()].sort((a, b) => a.position - b.position);
  const n = tested.length;
  const goodFail = [0];
  const goodPass = [0];
  for (let i = 0; i < n; i++) {
    goodFail.push(goodFail[i] + tested[i].fail);
    goodPass.push(goodPass[i] + tested[i].pass);
  }
  const badFail: number[] = [];
  const badPass: number[] = [];
  for (let s = 0; s <= n; s++) {
    badFail.push(goodFail[n] - goodFail[s]);
    badPass.push(goodPass[n] - goodPass[s]);
  }
  const [aq, bq] = prior.q;
  const [ae, be] = prior.eps;
  const base = logBeta(aq, bq) + logBeta(ae, be);
  // Blocks: the special hypotheses 0 and size + 1 alone, window positions between tested ones.
  const raw: { lo: number; hi: number; segment: number; logw: number }[] = [];
  for (let s = 0; s <= n; s++) {
    const lo = s === 0 ? 0 : tested[s - 1].position + 1;
    const hi = s === n ? size + 1 : tested[s].position;
    if (hi < lo) continue;
    const logLik =
      logBeta(aq + badFail[s], bq + badPass[s]) + logBeta(ae + goodFail[s], be + goodPass[s]) - base;
    const parts: [number, number][] = [];
    let a = lo;
    if (a === 0) {
      parts.push([0, 0]);
      a = 1;
    }
    const b = Math.min(hi, size);
    if (b >= a) parts.push([a, b]);
    if (hi === size + 1) parts.push([size + 1, size + 1]);
    for (const [l, h] of parts) {
      const pm = priorMass(size, prior, l, h);
      if (pm > 0) raw.push({ lo: l, hi: h, segment: s, logw: Math.log(pm) + logLik });
    }
  }
  const logZ = logAddAll(raw.map((r) => r.logw));
  const blocks: Block[] = raw.map((r) => ({
    lo: r.lo,
    hi: r.hi,
    segment: r.segment,
    mass: Math.exp(r.logw - logZ),
  }));
  const post: Conjugate = {
    size,
    prior,
    tested,
    blocks,
    logZ,
    entropy: 0,
    badFail,
    badPass,
    goodFail,
    goodPass,
  };
  post.entropy = entropyOf(blocks, size, prior);
  return post;
}

/** Entropy of a block's mass spread over its hypotheses in proportion to their (uniform) prior. */
function blockEntropy(mass: number, count: number): number {
  return mass > 0 ? -mass * Math.log(mass / count) : 0;
}

function entropyOf(blocks: Block[], size: number, prior: RatePrior): number {
  let h = 0;
  for (const b of blocks) h += blockEntropy(b.mass, b.hi - b.lo + 1);
  void size;
  void prior;
  return h;
}

/** P(a run at x fails | hypothesis block), from the pooled rate posteriors of its segment. */
function failChance(post: Conjugate, segment: number, xBad: boolean): number {
  const [aq, bq] = post.prior.q;
  const [ae, be] = post.prior.eps;
  if (xBad) {
    const f = post.badFail[segment];
    return (aq + f) / (aq + bq + f + post.badPass[segment]);
  }
  const f = post.goodFail[segment];
  return (ae + f) / (ae + be + f + post.goodPass[segment]);
}

/**
 * Expected information (nats) from one run at position x, and the chance it fails.
 * Hypotheses j ≤ x make x bad, j > x good; a block straddling x is split.
 */
export function gainOfOneRun(post: Conjugate, x: number): { gain: number; pFail: number } {
  const masses: { mass: number; count: number; pf: number }[] = [];
  for (const b of post.blocks) {
    if (b.mass <= 0) continue;
    if (b.hi <= x)
      masses.push({ mass: b.mass, count: b.hi - b.lo + 1, pf: failChance(post, b.segment, true) });
    else if (b.lo > x)
      masses.push({ mass: b.mass, count: b.hi - b.lo + 1, pf: failChance(post, b.segment, false) });
    else {
      // Only window blocks straddle (the special hypotheses are single); mass splits by count.
      const count = b.hi - b.lo + 1;
      const below = x - b.lo + 1;
      masses.push({ mass: (b.mass * below) / count, count: below, pf: failChance(post, b.segment, true) });
      masses.push({
        mass: (b.mass * (count - below)) / count,
        count: count - below,
        pf: failChance(post, b.segment, false),
      });
    }
  }
  let pFail = 0;
  for (const m of masses) pFail += m.mass * m.pf;
  const pPass = 1 - pFail;
  let hFail = 0;
  let hPass = 0;
  for (const m of masses) {
    if (pFail > 0) hFail += blockEntropy((m.mass * m.pf) / pFail, m.count);
    if (pPass > 0) hPass += blockEntropy((m.mass * (1 - m.pf)) / pPass, m.count);
  }
  return { gain: post.entropy - pFail * hFail - pPass * hPass, pFail };
}

/** Posterior mass of the first-bad-commit hypothesis j (0 = outside, size + 1 = no culprit). */
export function massOf(post: Conjugate, j: number): number {
  for (const b of post.blocks) if (j >= b.lo && j <= b.hi) return b.mass / (b.hi - b.lo + 1);
  return 0;
}
