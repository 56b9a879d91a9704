/**
 * The engine of `bisect-report bisect` / `verify`: a flake-aware Bayesian search for the first bad
 * commit. Pure functions over an immutable state; the CLI runs the test. docs/bisect.md ("How it
 * decides") names every parameter used here.
 *
 * Model: the trust analysis' own posterior (src/analyse/posterior.ts, one model, not two). Window
 * positions 0..size, 0 = the good end, size = the bad end; hypotheses "position j is the first bad
 * commit" (j = 1..size), "outside" (the good end fails too: the change is older) and "no culprit"
 * (the bad end does not really fail). The test's repro rate q (bad commits) and false-alarm rate ε
 * (good commits) are unknown and integrated out, with the trust model's priors (q uniform: a
 * reliable test is not presumed).
 *
 * Choice: the probe with the largest expected information gain (reduction of the posterior entropy
 * over the hypotheses) per run, evaluated exactly by Bayes on each possible outcome, under
 * CHOICE_Q_PRIOR; several probes at once (parallel jobs) are chosen greedily, each one given the
 * outcomes the earlier ones may have. Once the leader holds `confidence`, runs follow the cheapest
 * plan (culprit failures, parent passes) to the stop rule instead.
 *
 * Stop: a commit holds `confidence` of the posterior, has direct evidence (its own runs and its
 * parent's own runs each favour their side by a Bayes factor of confidence / (1 − confidence)) and
 * meets the `verified` rule (src/analyse/verified.ts); or "the failure does not reproduce" (no
 * culprit, or a repro rate below `minRepro`) holds `confidence`; or the good end itself fails
 * (outside); or only untestable commits are left to separate the candidates (a range).
 */
import { conjugatePosterior, gainOfOneRun, type Conjugate, type Counts } from './conjugate.js';
import {
  computePosterior,
  DEFAULT_PARAMS,
  log10BayesFactor,
  logSumExp,
  type ModelParams,
  type PositionEvidence,
  type PosteriorResult,
} from '../analyse/posterior.js';
import { checkVerified, type VerifiedCheck } from '../analyse/verified.js';
import { TEST_FALSE_ALARM_PRIOR, TEST_ROOT_CAUSE_BASE } from '../analyse/profile.js';

export type Outcome = 'pass' | 'fail' | 'skip';

export interface Tally {
  fail: number;
  pass: number;
  skip: number;
}

export interface BisectionPrior {
  /** Prior probability that the good end fails too (the change is older than the window). */
  outside?: number;
  /** Prior probability that there is no culprit (the bad end's failure does not reproduce). */
  noCulprit?: number;
}

export interface BisectionOptions {
  /** The window, oldest first: commits[0] is the good end, the last one the bad end (≥ 2 commits). */
  commits: string[];
  prior?: BisectionPrior;
  /** A failure rarer than this at the bad end counts as "does not reproduce" (default 0.05). */
  minRepro?: number;
  /** Model parameters (default: BISECT_PARAMS). */
  params?: ModelParams;
}

export interface Bisection {
  readonly commits: readonly string[];
  /** Number of candidate positions (commits after the good end). */
  readonly size: number;
  /** Runs seen per position. */
  readonly tallies: ReadonlyMap<number, Tally>;
  /** Positions the test said it cannot test (exit 125). */
  readonly untestable: ReadonlySet<number>;
  readonly params: ModelParams;
  readonly minRepro: number;
  /** Index of commits by sha (shared between states). */
  readonly index: ReadonlyMap<string, number>;
}

/** A request to run the test `runs` times at `commit`. */
export interface Probe {
  commit: string;
  position: number;
  runs: number;
}

export interface Summary {
  /** Most probable first bad commit and its probability. */
  leader: { commit: string; position: number; p: number };
  /** Shortest run of positions holding `level` of the window mass (90 % by default). */
  range: { first: number; last: number; firstCommit: string; lastCommit: string; commits: number };
  noCulprit: number;
  outside: number;
  /** P(no culprit, or a repro rate below minRepro). */
  notReproduced: number;
  repro: { mean: number; low: number; high: number };
  falseAlarm: { mean: number; low: number; high: number };
  entropyBits: number;
  runs: number;
}

export type Decision =
  | { kind: 'culprit'; commit: string; position: number; parent: string; p: number; summary: Summary }
  | { kind: 'not-reproduced'; p: number; summary: Summary }
  | { kind: 'older'; p: number; summary: Summary }
  | { kind: 'range'; summary: Summary }
  | { kind: 'continue'; summary: Summary };

const DEFAULT_MIN_REPRO = 0.05;

/**
 * The search model: the trust analysis' priors for a project's test (its false-alarm prior), without
 * its per-commit drift mixture. Drift guards
 * a reader of someone else's log against one low-hit commit called good; here every commit that
 * decides the answer is re-run until its own runs settle it (the verification), and drift would
 * only make each "good" cost more runs.
 */
export const BISECT_PARAMS: ModelParams = { ...DEFAULT_PARAMS, drift: 0, epsPrior: TEST_FALSE_ALARM_PRIOR };

export function createBisection(options: BisectionOptions): Bisection {
  const { commits } = options;
  if (commits.length < 2) throw new Error('a bisection needs a good and a bad commit');
  const base = options.params ?? BISECT_PARAMS;
  const params: ModelParams = {
    ...base,
    priorOutside: options.prior?.outside ?? base.priorOutside,
    priorNoCulprit: options.prior?.noCulprit ?? base.priorNoCulprit,
  };
  if (!(
    params.priorOutside >= 0 &&
    params.priorNoCulprit >= 0 &&
    params.priorOutside + params.priorNoCulprit < 1
  )) {
    throw new Error('prior: outside + noCulprit must be in [0, 1)');
  }
  const index = new Map<string, number>();
  commits.forEach((c, i) => {
    if (!index.has(c)) index.set(c, i);
  });
  return {
    commits: [...commits],
    size: commits.length - 1,
    tallies: new Map(),
    untestable: new Set(),
    params,
    minRepro: options.minRepro ?? DEFAULT_MIN_REPRO,
    index,
  };
}

/** Position of a commit (sha, or a position number) in the window; throws when it is not in it. */
export function positionOf(state: Bisection, commit: string | number): number {
  if (typeof commit === 'number') {
    if (!Number.isInteger(commit) || commit < 0 || commit > state.size)
      throw new Error(`no position ${commit}`);
    return commit;
  }
  const exact = state.index.get(commit);
  if (exact !== undefined) return exact;
  if (commit.length >= 4) {
    const hits = state.commits.flatMap((c, i) => (c.startsWith(commit) ? [i] : []));
    if (hits.length === 1) return hits[0];
  }
  throw new Error(`commit ${commit} is not in the bisection window`);
}

/** Records `count` runs with one outcome at a commit. Returns a new state. */
export function observe(state: Bisection, commit: string | number, outcome: Outcome, count = 1): Bisection {
  const position = positionOf(state, commit);
  if (!(count >= 0) || !Number.isInteger(count)) throw new Error('count must be a non-negative integer');
  const tallies = new Map(state.tallies);
  const cur = tallies.get(position) ?? { fail: 0, pass: 0, skip: 0 };
  tallies.set(position, { ...cur, [outcome]: cur[outcome] + count });
  let untestable = state.untestable;
  const t = tallies.get(position)!;
  // A commit that only ever answers "cannot test" is left alone; one real run makes it testable.
  if (outcome === 'skip' && t.fail + t.pass === 0) untestable = new Set(untestable).add(position);
  else if (outcome !== 'skip' && untestable.has(position)) {
    untestable = new Set(untestable);
    (untestable as Set<number>).delete(position);
  }
  return { ...state, tallies, untestable };
}

export function totalRuns(state: Bisection): number {
  let n = 0;
  for (const t of state.tallies.values()) n += t.fail + t.pass + t.skip;
  return n;
}

function evidenceOf(tallies: ReadonlyMap<number, Tally>): PositionEvidence[] {
  const out: PositionEvidence[] = [];
  for (const [position, t] of tallies) {
    if (t.fail + t.pass === 0) continue;
    out.push({ position, crashes: t.fail > 0 ? [{ weight: 1, count: t.fail }] : [], clean: t.pass });
  }
  return out;
}

interface Solved {
  post: PosteriorResult;
  /** log P(data) up to a constant shared by every state of one bisection. */
  logZ: number;
  entropy: number;
}

function solve(state: Bisection, evidence: PositionEvidence[]): Solved {
  const post = computePosterior(evidence, state.size, state.params, true);
  return { post, logZ: logEvidence(post, state.params), entropy: entropyOf(post) };
}

/**
 * The posterior of a state, computed once: states are immutable, and the decision, the summary and
 * the choice of the next runs all ask for the same one (with --jobs, once per ended run).
 */
const solvedStates = new WeakMap<Bisection, Solved>();
function solveState(state: Bisection): Solved {
  let solved = solvedStates.get(state);
  if (solved === undefined) {
    solved = solve(state, evidenceOf(state.tallies));
    solvedStates.set(state, solved);
  }
  return solved;
}

/**
 * log of the marginal likelihood: the segment priors computePosterior uses (uniform over the window,
 * plus "outside" on the first segment and "no culprit" on the last) times each segment's likelihood.
 */
function logEvidence(post: PosteriorResult, params: ModelParams): number {
  const n = post.segments.length - 1;
  const windowShare = 1 - params.priorOutside - params.priorNoCulprit;
  const terms: number[] = [];
  post.segments.forEach((seg, s) => {
    const count = Math.max(0, seg.last - seg.first + 1);
    let prior = (windowShare * count) / Math.max(1, post.size);
    if (s === 0) prior += params.priorOutside;
    if (s === n) prior += params.priorNoCulprit;
    if (prior > 0) terms.push(Math.log(prior) + post.logLik[s]);
  });
  return logSumExp(terms);
}

/** Entropy (nats) of the posterior over positions, "outside" and "no culprit". */
function entropyOf(post: PosteriorResult): number {
  let h = 0;
  const add = (p: number, count: number) => {
    if (p > 0) h -= p * Math.log(p / count);
  };
  for (const seg of post.segments) {
    const count = seg.last - seg.first + 1;
    if (count > 0) add(seg.mass, count);
  }
  add(post.outside, 1);
  add(post.noCulprit, 1);
  return h;
}

/** Probability mass per window position, and the position holding the most. */
function leaderOf(post: PosteriorResult): { position: number; p: number } {
  let best = { position: post.size, p: 0 };
  for (const seg of post.segments) {
    const count = seg.last - seg.first + 1;
    if (count <= 0) continue;
    const p = seg.mass / count;
    if (p > best.p) best = { position: seg.first, p };
  }
  return best;
}

function massBelow(points: number[], weights: number[], limit: number): number {
  let m = 0;
  for (let k = 0; k < points.length; k++) if (points[k] < limit) m += weights[k];
  return m;
}

function priorMassBelow(params: ModelParams, limit: number): number {
  // Beta(a, b) prior of q on the same logit grid computePosterior integrates over.
  const [a, b] = params.qPrior;
  const pts: number[] = [];
  const logw: number[] = [];
  for (let k = 0; k < params.gridSize; k++) {
    const x = -9 + (18 * (k + 0.5)) / params.gridSize;
    const p = 1 / (1 + Math.exp(-x));
    pts.push(p);
    logw.push(a * Math.log(p) + b * Math.log1p(-p));
  }
  const z = logSumExp(logw);
  return massBelow(
    pts,
    logw.map((w) => Math.exp(w - z)),
    limit,
  );
}

function credible(post: PosteriorResult, level: number): { first: number; last: number } {
  const segs = post.segments.filter((s) => s.last >= s.first);
  const total = segs.reduce((a, s) => a + s.mass, 0);
  if (!(total > 0) || segs.length === 0) return { first: 1, last: post.size };
  const target = level * total * (1 - 1e-9);
  let best = { first: 1, last: post.size };
  let j = 0;
  let acc = 0;
  for (let i = 0; i < segs.length; i++) {
    while (j < segs.length && acc < target) acc += segs[j++].mass;
    if (acc < target) break;
    if (segs[j - 1].last - segs[i].first < best.last - best.first)
      best = { first: segs[i].first, last: segs[j - 1].last };
    acc -= segs[i].mass;
  }
  return best;
}

function rangeOf(state: Bisection, range: { first: number; last: number }): Summary['range'] {
  return {
    ...range,
    firstCommit: state.commits[range.first],
    lastCommit: state.commits[range.last],
    commits: range.last - range.first + 1,
  };
}

function summarize(state: Bisection, solved: Solved): Summary {
  const { post } = solved;
  const lead = leaderOf(post);
  const range = credible(post, 0.9);
  const below = massBelow(post.qGrid.points, post.qGrid.weights, state.minRepro);
  const notReproduced = Math.min(
    1,
    post.noCulprit + Math.max(0, below - post.noCulprit * priorMassBelow(state.params, state.minRepro)),
  );
  return {
    leader: { commit: state.commits[lead.position], position: lead.position, p: lead.p },
    range: rangeOf(state, range),
    noCulprit: post.noCulprit,
    outside: post.outside,
    notReproduced,
    repro: post.repro,
    falseAlarm: post.falseAlarm,
    entropyBits: solved.entropy / Math.LN2,
    runs: totalRuns(state),
  };
}

/** The posterior as a person reads it (leader, 90 % range, rates, doubts). */
export function summary(state: Bisection): Summary {
  return summarize(state, solveState(state));
}

/** Bayes factor (bad : good) of one position's own runs, under the posterior rates. */
function ownBayesFactor(state: Bisection, post: PosteriorResult, position: number): number | null {
  const t = state.tallies.get(position);
  if (!t || t.fail + t.pass === 0) return null;
  return (
    10 **
    log10BayesFactor(
      { position, crashes: t.fail > 0 ? [{ weight: 1, count: t.fail }] : [], clean: t.pass },
      post,
      state.params,
    )
  );
}

/**
 * Direct evidence for a culprit at `position` (LUCI's culprit-and-parent check, with run counts set
 * by the measured rates): the culprit's own runs favour "bad" and the parent's own runs favour
 * "good", each by at least confidence / (1 − confidence). Returns which side is short, if any.
 */
export function verification(
  state: Bisection,
  position: number,
  confidence: number,
  post: PosteriorResult = solveState(state).post,
): { verified: boolean; culpritFactor: number | null; parentFactor: number | null; weaker: number | null } {
  const need = confidence / (1 - confidence);
  const culprit = ownBayesFactor(state, post, position);
  const parentBad = position >= 1 ? ownBayesFactor(state, post, position - 1) : null;
  const parent = parentBad === null ? null : 1 / parentBad;
  const culpritOk = culprit !== null && culprit >= need;
  const parentOk = parent !== null && parent >= need;
  let weaker: number | null = null;
  if (!culpritOk || !parentOk) {
    if (!culpritOk && !parentOk) weaker = (culprit ?? 0) <= (parent ?? 0) ? position : position - 1;
    else weaker = culpritOk ? position - 1 : position;
  }
  return { verified: culpritOk && parentOk, culpritFactor: culprit, parentFactor: parent, weaker };
}

export interface DecisionOptions {
  confidence?: number;
}

/** Whether the search is over, and with which answer. */
export function decision(state: Bisection, options: DecisionOptions = {}): Decision {
  const confidence = options.confidence ?? 0.95;
  const solved = solveState(state);
  const s = summarize(state, solved);
  if (s.leader.p >= confidence && s.leader.position >= 1) {
    const v = verification(state, s.leader.position, confidence, solved.post);
    if (v.verified && readsBackVerified(state, s.leader.position, solved.post).verified) {
      return {
        kind: 'culprit',
        commit: s.leader.commit,
        position: s.leader.position,
        parent: state.commits[s.leader.position - 1],
        p: s.leader.p,
        summary: s,
      };
    }
  }
  if (s.notReproduced >= confidence) return { kind: 'not-reproduced', p: s.notReproduced, summary: s };
  if (s.outside >= confidence) return { kind: 'older', p: s.outside, summary: s };
  // A range: the credible range at the confidence holds no testable commit that could split it.
  const r = credible(solved.post, confidence);
  let splittable = false;
  for (let p = r.first; p < r.last && !splittable; p++) splittable = !state.untestable.has(p);
  if (r.last > r.first && !splittable) return { kind: 'range', summary: { ...s, range: rangeOf(state, r) } };
  return { kind: 'continue', summary: s };
}

export interface ChooseOptions {
  confidence?: number;
}

/** Information below this (nats per run) is not worth a run (docs/bisect.md, "Where to run next"). */
const MIN_GAIN = 1e-7;
/** Joint outcomes of the runs still going enumerated when choosing for a free job slot. */
const MAX_SCENARIOS = 64;
/** Windows up to this size are searched exhaustively; larger ones on a set of candidates. */
const EXHAUSTIVE = 4096;

/**
 * Prior of the repro rate under which runs are *chosen* (docs/bisect.md, "Where to run next"):
 * Jeffreys' Beta(½, ½). Against the trust model's uniform prior it expects a test to be nearer
 * reliable or nearer useless than halfway, so one pass above a failure counts for more when picking
 * the next commit — the search does not keep re-testing below a pass "in case it missed". It only
 * moves runs: the posterior, the stop rule and every probability reported are the trust model's
 * (BISECT_PARAMS), so it cannot make an answer look surer than the runs make it.
 */
export const CHOICE_Q_PRIOR: [number, number] = [0.5, 0.5];

/** The rate priors the probe choice uses: the search model's, with CHOICE_Q_PRIOR for the repro rate. */
function ratePrior(state: Bisection) {
  const p = state.params;
  return { q: CHOICE_Q_PRIOR, eps: p.epsPrior, outside: p.priorOutside, noCulprit: p.priorNoCulprit };
}

function countsOf(state: Bisection, extra: number[] = [], extraFails: boolean[] = []): Counts[] {
  const out: Counts[] = [];
  for (const [position, t] of state.tallies) out.push({ position, fail: t.fail, pass: t.pass });
  extra.forEach((position, i) =>
    out.push({ position, fail: extraFails[i] ? 1 : 0, pass: extraFails[i] ? 0 : 1 }),
  );
  return out;
}

/**
 * Up to `k` probes (commit, runs) to run next, chosen by expected information gain per run; with
 * `pending` probes already running (their outcomes unknown), the choice accounts for them.
 * Returns [] when no testable commit can still change the answer.
 */
export function chooseNext(
  state: Bisection,
  k: number,
  pending: readonly { commit: string | number; runs: number }[] = [],
  options: ChooseOptions = {},
): Probe[] {
  const confidence = options.confidence ?? 0.95;
  const prior = ratePrior(state);
  const base = conjugatePosterior(state.size, prior, countsOf(state));
  const slots: number[] = pending.flatMap((p) => Array<number>(p.runs).fill(positionOf(state, p.commit)));
  const chosen: number[] = [];

  // Verification first: a leader at the confidence without direct evidence needs runs there. With
  // several slots the plan's runs go out together (less the ones already running), alternating
  // sides; one slot takes its first run only, and the plan is made again after each outcome.
  const plan = verificationNeed(state, confidence);
  if (plan !== null) {
    const running = (position: number) => slots.filter((s) => s === position).length;
    const need = new Map([
      [plan.culprit, plan.fails - running(plan.culprit)],
      [plan.parent, plan.passes - running(plan.parent)],
    ]);
    while (chosen.length < k) {
      // The culprit's side first while it needs runs (as with one slot), then the side needing more.
      const culpritFirst = chosen.length === 0 && slots.length === 0 && need.get(plan.culprit)! > 0;
      const side =
        culpritFirst || need.get(plan.culprit)! >= need.get(plan.parent)! ? plan.culprit : plan.parent;
      if (need.get(side)! <= 0) break;
      need.set(side, need.get(side)! - 1);
      chosen.push(side);
    }
  }
  const candidates = candidatePositions(state, base);
  if (candidates.length === 0) return [];
  while (chosen.length < k) {
    const scenarios = enumerate(state, prior, [...slots, ...chosen]);
    let best: { position: number; gain: number } | null = null;
    for (const x of candidates) {
      let gain = 0;
      for (const sc of scenarios) gain += sc.weight * gainOfOneRun(sc.post, x).gain;
      if (!best || gain > best.gain + 1e-12) best = { position: x, gain };
    }
    if (!best || best.gain < MIN_GAIN) break;
    chosen.push(best.position);
  }
  const byPosition = new Map<number, number>();
  for (const p of chosen) byPosition.set(p, (byPosition.get(p) ?? 0) + 1);
  return [...byPosition].map(([position, runs]) => ({ commit: state.commits[position], position, runs }));
}

/** Longest verification plan considered, in runs at the culprit and at its parent each. */
const PLAN_RUNS = 24;

/**
 * The runs at the culprit and its parent to make when the leader is at the confidence but the stop
 * rule does not hold yet. The plan: the fewest runs — failures at the culprit, passes at its parent, the
 * outcomes expected if the leader is right — after which the stop rule (the engine's Bayes factors
 * and the `verified` rule) holds, each side weighted by the runs one such outcome costs on average
 * (1 / q at the culprit, 1 / (1 − ε) at the parent). Its first run is the next one (all of it with
 * enough free slots); after each real outcome the plan is made again, so an outcome that goes the
 * other way changes it.
 */
function verificationNeed(
  state: Bisection,
  confidence: number,
): { culprit: number; parent: number; fails: number; passes: number } | null {
  const post = solveState(state).post;
  const lead = leaderOf(post);
  if (lead.p < confidence || lead.position < 1) return null;
  const culprit = lead.position;
  const parent = culprit - 1;
  const canCulprit = !state.untestable.has(culprit);
  const canParent = !state.untestable.has(parent);
  if (!canCulprit && !canParent) return null;
  const stops = (fails: number, passes: number): boolean => {
    let s = state;
    if (fails > 0) s = observe(s, culprit, 'fail', fails);
    if (passes > 0) s = observe(s, parent, 'pass', passes);
    const d = decision(s, { confidence });
    return d.kind === 'culprit' && d.position === culprit;
  };
  const costFail = 1 / Math.max(0.05, post.repro.mean);
  const costPass = 1 / Math.max(0.05, 1 - post.falseAlarm.mean);
  // j*(i), the passes needed after i failures, only falls as i grows: walk both ends once.
  let best: { fails: number; passes: number; cost: number } | null = null;
  let passes = canParent ? PLAN_RUNS : 0;
  for (let fails = 0; fails <= (canCulprit ? PLAN_RUNS : 0); fails++) {
    if (!stops(fails, passes)) continue;
    while (passes > 0 && stops(fails, passes - 1)) passes--;
    const cost = fails * costFail + passes * costPass;
    if (!best || cost < best.cost) best = { fails, passes, cost };
    if (passes === 0) break;
  }
  if (best === null) {
    // No plan within reach: more runs where the direct evidence is weaker.
    const v = verification(state, culprit, confidence, post);
    const side = v.weaker ?? ((v.culpritFactor ?? 0) <= (v.parentFactor ?? 0) ? culprit : parent);
    if (state.untestable.has(side)) return null;
    return { culprit, parent, fails: side === culprit ? 1 : 0, passes: side === parent ? 1 : 0 };
  }
  if (best.fails === 0 && best.passes === 0) return null;
  return { culprit, parent, fails: best.fails, passes: best.passes };
}

/**
 * The trust analysis' `verified` rule (src/analyse/verified.ts) on this bisection's runs, as a reader
 * of its log will apply it: a culprit is named only when this holds (docs/trust.md, "What each label promises"). The log reads
 * back as a git format, whose root-cause base is a project test's and whose model has no drift.
 */
export function readsBackVerified(state: Bisection, position: number, post?: PosteriorResult): VerifiedCheck {
  const readBack: ModelParams = { ...DEFAULT_PARAMS, drift: 0, epsPrior: TEST_FALSE_ALARM_PRIOR };
  const evidence = evidenceOf(state.tallies);
  const same = post !== undefined && JSON.stringify(state.params) === JSON.stringify(readBack);
  return checkVerified(
    evidence,
    state.size,
    position,
    readBack,
    TEST_ROOT_CAUSE_BASE,
    same ? post : computePosterior(evidence, state.size, readBack, true),
  );
}

interface Scenario {
  weight: number;
  post: Conjugate;
}

/**
 * Outcomes of the runs already chosen (or running), with their predictive probabilities: the
 * states the next probe will be evaluated in. Enumerated exactly while small, else the most likely.
 */
function enumerate(state: Bisection, prior: ReturnType<typeof ratePrior>, slots: number[]): Scenario[] {
  let scenarios: { weight: number; fails: boolean[] }[] = [{ weight: 1, fails: [] }];
  const postOf = (fails: boolean[]) =>
    conjugatePosterior(state.size, prior, countsOf(state, slots.slice(0, fails.length), fails));
  for (let i = 0; i < slots.length; i++) {
    const next: { weight: number; fails: boolean[] }[] = [];
    for (const sc of scenarios) {
      const { pFail } = gainOfOneRun(postOf(sc.fails), slots[i]);
      next.push({ weight: sc.weight * pFail, fails: [...sc.fails, true] });
      next.push({ weight: sc.weight * (1 - pFail), fails: [...sc.fails, false] });
    }
    next.sort((a, b) => b.weight - a.weight);
    scenarios = next.slice(0, MAX_SCENARIOS);
    const total = scenarios.reduce((a, s) => a + s.weight, 0);
    for (const s of scenarios) s.weight /= total;
  }
  return scenarios.map((s) => ({ weight: s.weight, post: postOf(s.fails) }));
}

/**
 * Positions worth evaluating: every testable one in windows up to EXHAUSTIVE commits; in larger
 * ones the ends, tested positions and their neighbours, and evenly spaced points inside each
 * block that holds mass (the posterior is flat inside a block).
 */
function candidatePositions(state: Bisection, post: Conjugate): number[] {
  if (state.size + 1 <= EXHAUSTIVE) {
    const all: number[] = [];
    for (let p = 0; p <= state.size; p++) if (!state.untestable.has(p)) all.push(p);
    return all;
  }
  const out = new Set<number>();
  const add = (p: number) => {
    if (p >= 0 && p <= state.size && !state.untestable.has(p)) out.add(p);
  };
  add(0);
  add(state.size);
  for (const t of post.tested) {
    add(t.position - 1);
    add(t.position);
    add(t.position + 1);
  }
  const per = Math.max(8, Math.floor(EXHAUSTIVE / Math.max(1, post.blocks.length)));
  for (const b of post.blocks) {
    if (b.mass < 1e-6) continue;
    const lo = Math.max(0, b.lo - 1);
    const hi = Math.min(state.size, b.hi);
    const span = hi - lo;
    const step = Math.max(1, Math.floor(span / per));
    for (let p = lo; p <= hi; p += step) add(p);
  }
  return [...out].sort((a, b) => a - b);
}
