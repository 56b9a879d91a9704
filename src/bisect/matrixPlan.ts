/**
 * The decision behind `bisect-report bisect --plan` (docs/matrix.md), pure: from the bisection
 * window and the probe evidence so far, either the answer or the next round's probes. Same engine
 * as `bisect-report bisect` (src/bisect/engine.ts): its model, its stopping rule (a commit at the
 * confidence with direct evidence at it and its parent), its log lines; only the choice of probes
 * differs, since a round is K jobs of r runs each started together (src/bisect/batch.ts).
 */
import { computePosterior, type PositionEvidence, type PosteriorResult } from '../analyse/posterior.js';
import { candidatePositions, chooseBatch } from './batch.js';
import {
  BISECT_PARAMS,
  createBisection,
  decision,
  observe,
  totalRuns,
  type Bisection,
  type Decision,
} from './engine.js';
import type { CommitTally } from './probeEvidence.js';

export interface MatrixPlanInput {
  /** The window, oldest first: commits[0] is the good end, the last one the bad end. */
  commits: string[];
  tallies: Map<string, CommitTally>;
  jobs: number;
  /** Most runs one job does (its wall time). */
  maxRuns: number;
  confidence: number;
  /** Rounds the workflow still has, this one included; null = no limit. */
  roundsLeft?: number | null;
}

export interface MatrixEntry {
  commit: string;
  runs: number;
}

export type MatrixPlan =
  | { done: false; entries: MatrixEntry[]; decision: Decision; state: Bisection; bits: number }
  | { done: true; decision: Decision; state: Bisection; error?: string };

/** The engine's state after every run the probes reported. */
export function stateOf(commits: string[], tallies: Map<string, CommitTally>): Bisection {
  let state = createBisection({ commits });
  const index = new Set(commits);
  for (const t of tallies.values()) {
    if (!index.has(t.commit)) continue;
    if (t.failed > 0) state = observe(state, t.commit, 'fail', t.failed);
    if (t.passed > 0) state = observe(state, t.commit, 'pass', t.passed);
    if (t.skipped > 0) state = observe(state, t.commit, 'skip', t.skipped);
  }
  return state;
}

/** Leader mass from which a round is spent verifying it (culprit and parent) rather than searching. */
const VERIFY_FROM = 0.5;

export function planRound(input: MatrixPlanInput): MatrixPlan {
  const { commits, confidence } = input;
  const state = stateOf(commits, input.tallies);
  const d = decision(state, { confidence });
  const broken = [...input.tallies.values()].find((t) => t.errors > 0 && commits.includes(t.commit));
  if (broken) {
    const error = `the test command could not run at ${broken.commit.slice(0, 12)} (exit 126/127): fix the command and start again`;
    return { done: true, decision: d, state, error };
  }
  if (d.kind !== 'continue') return { done: true, decision: d, state };

  const post = posteriorOf(state);
  const cdf = cumulative(post);
  const leader = d.summary.leader;
  let batch: { entries: { position: number; runs: number }[]; bits: number } | null = null;
  if (leader.p >= VERIFY_FROM && leader.position >= 1)
    batch = verificationRound(input, state, leader.position);
  batch ??= chooseBatch({
    cdf,
    repro: post.repro.mean,
    falseAlarm: post.falseAlarm.mean,
    drift: BISECT_PARAMS.drift,
    bitsToLearn: d.summary.entropyBits,
    roundsLeft: input.roundsLeft ?? null,
    jobs: input.jobs,
    maxRuns: input.maxRuns,
    candidates: candidatePositions(cdf, [leader.position]),
  });
  const entries = batch.entries.map((e) => ({ commit: commits[e.position], runs: e.runs }));
  return { done: false, entries, decision: d, state, bits: batch.bits };
}

/**
 * The round LUCI calls verification: runs at the likely culprit and at its parent, as few per job as
 * would end the bisection if the leader is right and the runs come out as expected (the parent
 * clean, the culprit failing at the estimated rate), judged by the engine's own stopping rule. When
 * no round can, the most runs per job, split where they would move the leader most.
 */
function verificationRound(
  input: MatrixPlanInput,
  state: Bisection,
  c: number,
): { entries: { position: number; runs: number }[]; bits: number } | null {
  const { jobs, confidence, commits } = input;
  if (jobs < 2) return null;
  const q = posteriorOf(state).repro.mean;
  // Splits of the jobs between parent and culprit, the most even first.
  const splits = Array.from({ length: jobs - 1 }, (_, i) => i + 1).sort(
    (x, y) => Math.abs(x - jobs / 2) - Math.abs(y - jobs / 2) || y - x,
  );
  let best = { score: -1, atParent: 0, runs: input.maxRuns };
  for (let runs = 1; runs <= input.maxRuns; runs++) {
    for (const atParent of splits) {
      const culpritRuns = (jobs - atParent) * runs;
      const fails = Math.round(q * culpritRuns);
      let next = observe(state, c - 1, 'pass', atParent * runs);
      if (fails > 0) next = observe(next, c, 'fail', fails);
      if (culpritRuns > fails) next = observe(next, c, 'pass', culpritRuns - fails);
      const d = decision(next, { confidence });
      if (d.kind === 'culprit' && d.commit === commits[c]) return split(atParent, runs);
      const score = d.summary.leader.position === c ? d.summary.leader.p : 0;
      if (score > best.score) best = { score, atParent, runs };
    }
  }
  return best.atParent > 0 ? split(best.atParent, best.runs) : null;

  function split(atParent: number, runs: number) {
    const entries = [
      ...Array.from({ length: atParent }, () => ({ position: c - 1, runs })),
      ...Array.from({ length: jobs - atParent }, () => ({ position: c, runs })),
    ];
    return { entries, bits: 0 };
  }
}

/** The engine's posterior (the trust model with the engine's parameters) over the same evidence. */
function posteriorOf(state: Bisection): PosteriorResult {
  const evidence: PositionEvidence[] = [];
  for (const [position, t] of state.tallies) {
    if (t.fail + t.pass === 0) continue;
    evidence.push({ position, crashes: t.fail > 0 ? [{ weight: 1, count: t.fail }] : [], clean: t.pass });
  }
  return computePosterior(evidence, state.size, state.params, true);
}

/** cdf[p] = P(culprit ≤ p) for p = 0..size ("older than the window" counts at 0). */
export function cumulative(post: PosteriorResult): Float64Array {
  const cdf = new Float64Array(post.size + 1);
  const perPosition = new Float64Array(post.size + 1);
  for (const seg of post.segments) {
    const count = seg.last - seg.first + 1;
    if (count <= 0) continue;
    for (let p = seg.first; p <= seg.last; p++) perPosition[p] = seg.mass / count;
  }
  let acc = post.outside;
  cdf[0] = acc;
  for (let p = 1; p <= post.size; p++) {
    acc += perPosition[p];
    cdf[p] = acc;
  }
  return cdf;
}

export { totalRuns };
