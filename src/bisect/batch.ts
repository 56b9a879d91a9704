/**
 * Which K probes teach the most in one round (docs/matrix.md). A round is K jobs run at once; each
 * job tests one commit with r runs. What a round teaches is the mutual information between the
 * culprit and the round's outcomes, under the current posterior and the posterior-mean repro and
 * false-alarm rates (with the model's drift: a commit with the bug may fail at its own, lower
 * rate). Only which probes lie at or after the culprit matters, so the outcome distribution depends
 * on the posterior mass of the gaps between the probes (plus "older than the window" and "no
 * culprit" at the two ends). The information is summed exactly over every outcome when there are
 * few, else estimated by sampling stratified by gap with a fixed seed: the same evidence always
 * gives the same plan.
 *
 * Probes are chosen greedily (each next job where it adds the most; lazily, since what a probe adds
 * only shrinks as others are added), for each candidate number of runs per job. The runs per job
 * then minimise the expected wall time — rounds × (setup + r runs), rounds ≈ bits still to learn ÷
 * bits per round — among the choices that fit in the rounds left; if none fits, the one that
 * teaches the most per round.
 */

/** Cost of a round's setup in test runs: queueing, checkout, build (docs/matrix.md, cost model). */
export const ROUND_SETUP_RUNS = 1;
/** A job adding less than this (bits) teaches nothing the sampling can tell apart from noise. */
const MIN_GAIN_BITS = 1e-4;
const SAMPLES_PER_GAP = 128;
/** Up to this many joint outcomes the information is summed exactly. */
const EXACT_OUTCOMES = 2048;
const QUADRATURE = 64;

export interface BatchProblem {
  /** cdf[p] = P(culprit ≤ p), p = 0..size, including "older than the window" at 0; cdf[size] = 1 − P(no culprit). */
  cdf: Float64Array;
  /** P(a run fails) at a commit with the bug, and without it. */
  repro: number;
  falseAlarm: number;
  /** Share of commits with the bug that fail at their own, lower rate (uniform below `repro`). */
  drift: number;
  jobs: number;
  maxRuns: number;
  /** Positions worth considering (0..size). */
  candidates: number[];
  /** Bits still to learn (the posterior's entropy) and rounds left; omitted = no round limit. */
  bitsToLearn?: number;
  roundsLeft?: number | null;
}

export interface BatchEntry {
  position: number;
  runs: number;
}

export interface BatchChoice {
  entries: BatchEntry[];
  /** Expected information of the round, in bits. */
  bits: number;
  runs: number;
}

/** Distribution of the number of failures in r runs, with and without the bug. */
interface OutcomeTable {
  badLog: Float64Array;
  goodLog: Float64Array;
  badCdf: Float64Array;
  goodCdf: Float64Array;
}

class Planner {
  private tables = new Map<number, OutcomeTable>();
  constructor(readonly problem: BatchProblem) {}

  table(runs: number): OutcomeTable {
    const hit = this.tables.get(runs);
    if (hit) return hit;
    const q = clampRate(this.problem.repro);
    const e = clampRate(this.problem.falseAlarm);
    const drift = this.problem.drift;
    const badLog = new Float64Array(runs + 1);
    const goodLog = new Float64Array(runs + 1);
    for (let f = 0; f <= runs; f++) {
      const choose = logChoose(runs, f);
      const pooled = f * Math.log(q) + (runs - f) * Math.log1p(-q);
      // Drift: the commit's own rate uniform on [0, q], averaged by the midpoint rule.
      let own = 0;
      for (let k = 0; k < QUADRATURE; k++) {
        const r = (q * (k + 0.5)) / QUADRATURE;
        own += Math.exp(f * Math.log(r) + (runs - f) * Math.log1p(-r) - pooled);
      }
      own /= QUADRATURE;
      badLog[f] = choose + pooled + Math.log(1 - drift + drift * own);
      goodLog[f] = choose + f * Math.log(e) + (runs - f) * Math.log1p(-e);
    }
    const cdfOf = (logs: Float64Array) => {
      const cdf = new Float64Array(logs.length);
      let acc = 0;
      logs.forEach((l, f) => (cdf[f] = acc += Math.exp(l)));
      for (let f = 0; f < cdf.length; f++) cdf[f] /= acc;
      return cdf;
    };
    const table = { badLog, goodLog, badCdf: cdfOf(badLog), goodCdf: cdfOf(goodLog) };
    this.tables.set(runs, table);
    return table;
  }

  /** Mutual information (bits) between the culprit and the outcomes of these probes. */
  information(entries: BatchEntry[]): number {
    const byPos = new Map<number, number>();
    for (const e of entries) byPos.set(e.position, (byPos.get(e.position) ?? 0) + e.runs);
    const positions = [...byPos.keys()].sort((a, b) => a - b);
    const tables = positions.map((p) => this.table(byPos.get(p)!));
    const m = positions.length;
    const { cdf } = this.problem;
    // Gap s (0..m): probes 0..s-1 are before the culprit (good), s..m-1 at or after it (bad).
    const gaps = new Float64Array(m + 1);
    let prev = 0;
    for (let s = 0; s < m; s++) {
      const c = cdf[positions[s]];
      gaps[s] = Math.max(0, c - prev);
      prev = Math.max(prev, c);
    }
    gaps[m] = Math.max(0, 1 - prev);
    const logGap = Array.from(gaps, (g) => (g > 0 ? Math.log(g) : -Infinity));
    let prior = 0;
    for (const g of gaps) if (g > 0) prior -= g * Math.log2(g);

    const fails = new Int32Array(m);
    const logJoint = new Float64Array(m + 1);
    // log P(gap s', y) for every s': Σ_{i<s'} good_i + Σ_{i≥s'} bad_i, as a running sum over s'.
    const joint = () => {
      let ll = 0;
      for (let i = 0; i < m; i++) ll += tables[i].badLog[fails[i]];
      logJoint[0] = logGap[0] + ll;
      for (let s = 1; s <= m; s++) {
        const t = tables[s - 1];
        ll += t.goodLog[fails[s - 1]] - t.badLog[fails[s - 1]];
        logJoint[s] = logGap[s] + ll;
      }
    };
    let outcomes = 1;
    for (const t of tables) outcomes *= t.badLog.length;
    let posteriorEntropy = 0;
    if (outcomes <= EXACT_OUTCOMES) {
      for (let k = 0; k < outcomes; k++) {
        let rest = k;
        for (let i = 0; i < m; i++) {
          const base = tables[i].badLog.length;
          fails[i] = rest % base;
          rest = Math.floor(rest / base);
        }
        joint();
        const { z, h } = entropyOfLog(logJoint);
        posteriorEntropy += z * h;
      }
    } else {
      const rng = mulberry32(0x5eed);
      for (let s = 0; s <= m; s++) {
        if (gaps[s] < 1e-9) continue;
        let acc = 0;
        for (let t = 0; t < SAMPLES_PER_GAP; t++) {
          for (let i = 0; i < m; i++) fails[i] = sample(i < s ? tables[i].goodCdf : tables[i].badCdf, rng());
          joint();
          acc += entropyOfLog(logJoint).h;
        }
        posteriorEntropy += gaps[s] * (acc / SAMPLES_PER_GAP);
      }
    }
    return Math.max(0, prior - posteriorEntropy);
  }

  /** K jobs of `runs` runs each, greedily (lazy evaluation of what each candidate adds). */
  greedy(runs: number): { entries: BatchEntry[]; bits: number } {
    const entries: BatchEntry[] = [];
    let bits = 0;
    const bound = new Map<number, number>(this.problem.candidates.map((p) => [p, Infinity]));
    for (let j = 0; j < this.problem.jobs; j++) {
      let chosen = -1;
      let chosenGain = 0;
      for (;;) {
        let top = -1;
        let topBound = -Infinity;
        for (const [p, b] of bound) if (b > topBound || (b === topBound && p < top)) [top, topBound] = [p, b];
        if (top < 0 || topBound < MIN_GAIN_BITS) break;
        const gain = this.information([...entries, { position: top, runs }]) - bits;
        bound.set(top, gain);
        let next = -Infinity;
        for (const [p, b] of bound) if (p !== top && b > next) next = b;
        if (gain >= next - 1e-12) {
          chosen = top;
          chosenGain = gain;
          break;
        }
      }
      if (chosen < 0 || chosenGain < MIN_GAIN_BITS) break;
      entries.push({ position: chosen, runs });
      bits += chosenGain;
    }
    entries.sort((a, b) => a.position - b.position);
    return { entries, bits };
  }
}

/** The round's probes; entries may repeat a position (more runs there, on more runners). */
export function chooseBatch(problem: BatchProblem): BatchChoice {
  const planner = new Planner(problem);
  const options = runOptions(problem.maxRuns).map((runs) => ({ runs, ...planner.greedy(runs) }));
  const toLearn = Math.max(problem.bitsToLearn ?? 0, 0);
  const roundsFor = (o: { bits: number }) => (o.bits > 0 ? Math.max(1, toLearn / o.bits) : Infinity);
  const wallTime = (o: { bits: number; runs: number }) =>
    o.bits > 0 ? (ROUND_SETUP_RUNS + o.runs) / o.bits : Infinity;
  const left = problem.roundsLeft ?? null;
  const fitting = left === null ? options : options.filter((o) => roundsFor(o) <= left);
  const pool = fitting.length > 0 ? fitting : options;
  let best = pool[0];
  for (const o of pool) {
    const better = fitting.length > 0 ? wallTime(o) < wallTime(best) - 1e-12 : o.bits > best.bits + 1e-9;
    if (better) best = o;
  }
  return best
    ? { entries: best.entries, bits: best.bits, runs: best.runs }
    : { entries: [], bits: 0, runs: 1 };
}

function runOptions(maxRuns: number): number[] {
  const out = new Set<number>();
  for (let r = 1; r <= maxRuns; r = r < 3 ? r + 1 : Math.ceil(r * 1.6)) out.add(r);
  out.add(maxRuns);
  return [...out].sort((a, b) => a - b);
}

/** Entropy (bits) of the distribution proportional to exp(logw), and its total z. */
function entropyOfLog(logw: Float64Array): { z: number; h: number } {
  let max = -Infinity;
  for (const x of logw) if (x > max) max = x;
  if (max === -Infinity) return { z: 0, h: 0 };
  let sum = 0;
  let weighted = 0;
  for (const x of logw) {
    if (x === -Infinity) continue;
    const w = Math.exp(x - max);
    sum += w;
    weighted += w * (x - max);
  }
  // H = log Σw − Σ w·log w / Σw, in bits.
  return { z: Math.exp(max) * sum, h: (Math.log(sum) - weighted / sum) / Math.LN2 };
}

function sample(cdf: Float64Array, u: number): number {
  let f = 0;
  while (f < cdf.length - 1 && cdf[f] < u) f++;
  return f;
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}

function clampRate(p: number): number {
  return Math.min(1 - 1e-6, Math.max(1e-6, p));
}

/** Small deterministic PRNG (plans must not depend on Math.random). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Positions worth probing: where the posterior CDF crosses a grid of levels (and the commit
 * before), plus the most likely culprits and their parents — the verification LUCI does.
 */
export function candidatePositions(cdf: Float64Array, leaders: number[], levels = 32): number[] {
  const size = cdf.length - 1;
  const out = new Set<number>();
  let p = 0;
  for (let k = 1; k < levels; k++) {
    const u = (k / levels) * cdf[size];
    while (p < size && cdf[p] < u) p++;
    out.add(p);
    if (p > 0) out.add(p - 1);
  }
  for (const l of leaders) {
    if (l >= 0 && l <= size) out.add(l);
    if (l - 1 >= 0) out.add(l - 1);
  }
  return [...out].sort((a, b) => a - b);
}
