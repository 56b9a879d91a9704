/**
 * The `verified` rule (docs/trust.md), shared by the trust analysis that reads a log and by the
 * `bisect` / `verify` engine that gathers runs (src/bisect/engine.ts): the engine names a culprit
 * only when this same rule holds on its runs, so its log reads back as `verified`.
 */
import {
  computePosterior,
  massAt,
  type ModelParams,
  type PositionEvidence,
  type PosteriorResult,
} from './posterior.js';

/**
 * Label thresholds, the same for every format (docs/trust.md says what each label promises). They
 * apply to the probability at the pessimistic end of what the log says about the test (see
 * `pinnedReading`). `likely` is the threshold with the best detection at <= 10% false alarms on
 * labelled syzbot bisections (scripts/bench-trust.mjs refits it in grouped cross-validation).
 */
export const THRESHOLDS = {
  likely: 0.46,
  verified: 0.8,
  /** P(the runs place the change exactly at the culprit) needed for `verified`. */
  verifiedLocation: 0.98,
  /** Reported culprit below this location probability: the log contradicts it. */
  contradicted: 0.05,
  /** A credible range this small is worth reporting instead of a commit. */
  rangeCommits: 8,
} as const;

/**
 * The flakiest test still worth bisecting: it shows the failure in 3 runs of 10 on a bad commit.
 * Below that a bisection cannot converge (FACF advises against culprit-finding such tests), so a
 * log that cannot measure its test is judged as if its test were this flaky.
 */
export const FLAKIEST_USEFUL_REPRO = 0.3;

/** Which end of what the log allows about the test a reading takes (docs/trust.md). */
export type TestReading = 'least-reliable' | 'most-reliable';

/**
 * The posterior again with the test's rates pinned at one end of what the log allows about them.
 * `least-reliable` (the assured probability, which labels rest on): repro rate at its 5 % quantile,
 * false alarms at their 95 % quantile. `most-reliable` (which `contradicted` also needs): repro rate
 * at its 95 % quantile, false alarms at their 5 % quantile. With repeated runs the log measures both
 * rates and the posterior's quantiles are used. With one run per commit it measures neither — git's
 * search makes every such log look like one of a reliable test — so the least reliable reading is
 * the flakiest test still worth bisecting with the prior's false alarms, and the most reliable one
 * the priors' own ends (it may be a reliable test).
 */
export function pinnedReading(
  evidence: PositionEvidence[],
  size: number,
  params: ModelParams,
  post: PosteriorResult,
  measured: boolean,
  reading: TestReading,
  newIsBad = true,
): PosteriorResult {
  const least = reading === 'least-reliable';
  const [lowEnd, highEnd] = least ? [0.05, 0.95] : [0.95, 0.05];
  const q = measured
    ? least
      ? post.repro.low
      : post.repro.high
    : least
      ? FLAKIEST_USEFUL_REPRO
      : betaQuantile(params.qPrior, lowEnd);
  const eps = measured
    ? least
      ? post.falseAlarm.high
      : post.falseAlarm.low
    : betaQuantile(params.epsPrior, highEnd);
  // Pinned as a sharp Beta prior at each rate; the floor keeps a pinned rate off the grid's edge.
  const pin = (p: number): [number, number] => {
    const m = Math.min(0.99, Math.max(least ? 0.01 : 0.001, p));
    return [400 * m, 400 * (1 - m)];
  };
  return computePosterior(evidence, size, { ...params, qPrior: pin(q), epsPrior: pin(eps) }, newIsBad);
}

/**
 * The quantile of a Beta(a, b) prior, in closed form when a or b is 1 (the priors used here);
 * otherwise the mean stands in.
 */
export function betaQuantile([a, b]: [number, number], level: number): number {
  if (a === 1) return 1 - Math.pow(1 - level, 1 / b);
  if (b === 1) return Math.pow(level, 1 / a);
  return a / (a + b);
}

/** Runs of one commit as the rule counts them: runs showing the failure, and clean runs. */
export interface DirectRuns {
  hits: number;
  clean: number;
}

/**
 * Direct evidence (LUCI's culprit-and-parent check, α = 1 %): the culprit shows the failure in more
 * of its runs than false alarms explain, and its parent passes enough runs that a bad commit at the
 * pessimistic repro rate would have failed, and shows it no more often than false alarms explain
 * (the culprit's test, mirrored: with false alarms a parent that never fails may take forever).
 */
export function directEvidence(
  culprit: DirectRuns | null,
  parent: DirectRuns | null,
  post: PosteriorResult,
): { culprit: boolean; parent: boolean } {
  return {
    culprit:
      culprit !== null && culprit.hits >= hitsNeeded(culprit.hits + culprit.clean, post.falseAlarm.high),
    parent:
      parent !== null &&
      parent.clean >= cleanNeeded(post.repro.low) &&
      (parent.hits === 0 || parent.hits < hitsNeeded(parent.hits + parent.clean, post.falseAlarm.high)),
  };
}

/** Runs of the target needed for a BAD to be decisive at α = 1% (§3.8). */
export function hitsNeeded(runs: number, eps: number): number {
  const n = Math.max(1, Math.round(runs));
  const e = Math.min(0.5, Math.max(1e-4, eps));
  for (let k = 1; k <= n; k++) {
    if (binomTail(n, e, k) <= 0.01) return k;
  }
  return n + 1;
}

/** Clean runs needed for a GOOD to be decisive at α = 1%. */
export function cleanNeeded(qLow: number): number {
  const q = Math.min(0.999, Math.max(0.01, qLow));
  return Math.ceil(Math.log(0.01) / Math.log(1 - q));
}

function binomTail(n: number, p: number, k: number): number {
  // P(X >= k), X ~ Binom(n, p)
  let term = Math.pow(1 - p, n);
  let cdf = 0;
  for (let i = 0; i < k; i++) {
    cdf += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.max(0, 1 - cdf);
}

export interface VerifiedCheck {
  verified: boolean;
  /** Location probability of the culprit, and under the assured (pessimistic) posterior. */
  location: number;
  locationLow: number;
  /** Assured probability: min(location, pessimistic location) × root cause. */
  assured: number;
  direct: { culprit: boolean; parent: boolean };
}

/**
 * The `verified` rule on runs per window position, for a culprit at `position` whose parent is
 * `position - 1` (repeated runs; the engine's case). `rootCause` is the format's root-cause base.
 */
export function checkVerified(
  evidence: PositionEvidence[],
  size: number,
  position: number,
  params: ModelParams,
  rootCause: number,
  post: PosteriorResult = computePosterior(evidence, size, params, true),
): VerifiedCheck {
  const low = pinnedReading(evidence, size, params, post, true, 'least-reliable', true);
  const location = massAt(post, position);
  const locationLow = massAt(low, position);
  const assured = Math.min(location, locationLow) * rootCause;
  const runsAt = (p: number): DirectRuns | null => {
    let hits = 0;
    let clean = 0;
    let seen = false;
    for (const ev of evidence) {
      if (ev.position !== p) continue;
      seen = true;
      clean += ev.clean;
      for (const c of ev.crashes) hits += c.count;
    }
    return seen ? { hits, clean } : null;
  };
  const direct = directEvidence(runsAt(position), position >= 1 ? runsAt(position - 1) : null, post);
  return {
    verified: meetsVerified(assured, location, direct),
    location,
    locationLow,
    assured,
    direct,
  };
}

export function meetsVerified(
  assured: number,
  location: number,
  direct: { culprit: boolean; parent: boolean },
): boolean {
  return (
    assured >= THRESHOLDS.verified &&
    location >= THRESHOLDS.verifiedLocation &&
    direct.culprit &&
    direct.parent
  );
}
