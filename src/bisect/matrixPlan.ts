/**
 * The decision behind `bisect-report bisect --plan` (docs/matrix.md), pure: from the bisection
 * range and the probe evidence so far, either the answer or the next round's probes. The model
 * is the trust analysis's own (src/analyse/posterior.ts), fed the same per-commit evidence a read
 * of the final log feeds it, so the plan stops exactly when that log reads back as `verified`.
 */
import { analyse } from '../analyse/index.js';
import { stepEvidence, targetTitle } from '../analyse/evidence.js';
import {
  computePosterior,
  DEFAULT_PARAMS,
  type PositionEvidence,
  type PosteriorResult,
} from '../analyse/posterior.js';
import { emptyReport, type Commit, type Report, type Step, type TrustLabel } from '../model.js';
import { candidatePositions, chooseBatch } from './batch.js';
import type { CommitTally } from './probeEvidence.js';

export interface MatrixPlanInput {
  good: string;
  bad: string;
  /** `git rev-list --reverse bad ^good`: position i (1-based) is revList[i - 1]; the last is `bad`. */
  revList: string[];
  tallies: Map<string, CommitTally>;
  jobs: number;
  /** Most runs one job does (its wall time). */
  maxRuns: number;
  confidence: number;
  /** Rounds the workflow still has, this one included; null = no limit. */
  roundsLeft?: number | null;
  subjects?: (sha: string) => string;
}

export interface MatrixEntry {
  commit: string;
  runs: number;
}

export type MatrixOutcome =
  | { done: false; entries: MatrixEntry[]; leader: Leader; bits: number }
  | { done: true; status: 'found' | 'no-culprit' | 'failed'; reason: string; leader: Leader };

export interface Leader {
  commit: string | null;
  position: number;
  probability: number;
  label: TrustLabel | null;
}

export interface MatrixPlan {
  outcome: MatrixOutcome;
  /** The report the final log holds (steps = every tested commit, oldest first). */
  report: Report;
  runs: number;
  posterior: PosteriorResult;
}

interface Assessment {
  post: PosteriorResult;
  cdf: Float64Array;
  tested: CommitTally[];
  report: Report;
  leaders: { position: number; mass: number }[];
  leader: Leader;
  totalRuns: number;
  /** The report naming the leader as the culprit, and how it reads back. */
  found: Report | null;
}

/** The posterior and the report the evidence gives, as the final log would read back. */
function assess(
  input: MatrixPlanInput,
  tallies: Map<string, CommitTally>,
  positionOf: Map<string, number>,
): Assessment {
  const { revList } = input;
  const size = revList.length;
  const tested = [...tallies.values()]
    .filter((t) => positionOf.has(t.commit))
    .sort((a, b) => positionOf.get(a.commit)! - positionOf.get(b.commit)!);
  const totalRuns = tested.reduce((n, t) => n + t.runs, 0);
  const base = baseReport(input, tested);
  const target = targetTitle(base);
  const positioned: PositionEvidence[] = tested.map((t, i) => {
    const ev = stepEvidence(base.steps[i], target);
    return { position: positionOf.get(t.commit)!, crashes: ev.crashes, clean: ev.clean };
  });
  const post = computePosterior(positioned, size, DEFAULT_PARAMS, true);
  const cdf = cumulative(post);
  const leaders = topPositions(post, 3);
  const lead = leaders[0] ?? { position: size, mass: 0 };
  const leaderSha = revList[lead.position - 1] ?? null;
  // Verdicts follow the posterior median: at or after the likely culprit = bad.
  const steps = base.steps.map((s, i) => {
    const p = positionOf.get(tested[i].commit)!;
    return { ...s, verdict: cdf[p] >= 0.5 ? ('bad' as const) : ('good' as const) };
  });
  const report: Report = { ...base, steps };
  const leader: Leader = { commit: leaderSha, position: lead.position, probability: lead.mass, label: null };
  let found: Report | null = null;
  if (leaderSha && lead.mass >= input.confidence) {
    found = foundReport(report, leaderSha, input);
    leader.label = analyse(found, { revList }).trust?.label ?? null;
  }
  return { post, cdf, tested, report, leaders, leader, totalRuns, found };
}

/**
 * The stopping rule: the leader reads back as `verified`; or, when a false alarm at its parent rules
 * that label out, the leader holds the confidence asked with runs at both it and its parent (the
 * answer then reads back as `likely`, saying why).
 */
function settled(input: MatrixPlanInput, a: Assessment): boolean {
  if (!a.found || !a.leader.commit) return false;
  if (a.leader.label === 'verified') return true;
  const c = a.leader.position;
  const parent = c === 1 ? input.good : input.revList[c - 2];
  const atCulprit = input.tallies.get(a.leader.commit);
  const atParent = input.tallies.get(parent);
  // Under the model a parent that fails now and then may itself be a culprit with a lower rate,
  // so past such false alarms the probability stalls below the level `verified` needs.
  return (
    (atParent?.failed ?? 0) > 0 &&
    a.leader.probability >= input.confidence &&
    (atCulprit?.failed ?? 0) > 0 &&
    (atParent?.passed ?? 0) > 0
  );
}

/** Leader mass from which a round is spent verifying it (culprit and parent) rather than searching. */
const VERIFY_FROM = 0.5;

export function planRound(input: MatrixPlanInput): MatrixPlan {
  const { revList, good } = input;
  const positionOf = new Map<string, number>([[good, 0]]);
  revList.forEach((sha, i) => positionOf.set(sha, i + 1));
  const a = assess(input, input.tallies, positionOf);
  const { post, report, leader, totalRuns } = a;
  const finish = (outcome: MatrixOutcome, r: Report): MatrixPlan => ({
    outcome,
    report: r,
    runs: totalRuns,
    posterior: post,
  });

  const errored = a.tested.find((t) => t.errors > 0);
  if (errored) {
    const reason = `the test command could not run at ${errored.commit.slice(0, 12)} (exit 126/127): fix the command and start again`;
    return finish({ done: true, status: 'failed', reason, leader }, { ...report, status: 'failed', reason });
  }
  if (post.noCulprit >= input.confidence) {
    const reason = `the failure does not reproduce at the bad commit: P(no culprit) = ${pct(post.noCulprit)}`;
    return finish(
      { done: true, status: 'no-culprit', reason, leader },
      { ...report, status: 'no-culprit', reason },
    );
  }
  if (post.outside >= input.confidence) {
    const reason = `the good commit fails too: P(culprit older than the range) = ${pct(post.outside)}`;
    return finish({ done: true, status: 'failed', reason, leader }, { ...report, status: 'failed', reason });
  }
  if (a.found && settled(input, a)) {
    const reason = `P(first bad commit) = ${pct(leader.probability)} after ${totalRuns} runs`;
    return finish({ done: true, status: 'found', reason, leader }, a.found);
  }

  let batch: { entries: { position: number; runs: number }[]; bits: number } | null = null;
  if (leader.commit && leader.probability >= VERIFY_FROM) batch = verificationRound(input, a, positionOf);
  batch ??= chooseBatch({
    cdf: a.cdf,
    repro: post.repro.mean,
    falseAlarm: post.falseAlarm.mean,
    drift: DEFAULT_PARAMS.drift,
    bitsToLearn: entropyBits(post),
    roundsLeft: input.roundsLeft ?? null,
    jobs: input.jobs,
    maxRuns: input.maxRuns,
    candidates: candidatePositions(
      a.cdf,
      a.leaders.map((l) => l.position),
    ),
  });
  const entries = batch.entries.map((e) => ({
    commit: e.position === 0 ? good : revList[e.position - 1],
    runs: e.runs,
  }));
  const reason = `not settled yet: the most likely first bad commit has P = ${pct(leader.probability)} after ${totalRuns} runs`;
  return finish(
    { done: false, entries, leader, bits: batch.bits },
    { ...report, status: 'incomplete', reason },
  );
}

/**
 * The round LUCI calls verification: runs at the likely culprit and at its parent, as few per job as
 * settle the answer if the leader is right and the runs come out as expected (the parent clean, the
 * culprit failing at the estimated rate) — judged by the same read-back that ends the bisection.
 * When no round can settle it, the most runs per job, split where they would move the leader most.
 */
function verificationRound(
  input: MatrixPlanInput,
  a: Assessment,
  positionOf: Map<string, number>,
): { entries: { position: number; runs: number }[]; bits: number } | null {
  const { revList, good, jobs } = input;
  const c = a.leader.position;
  if (jobs < 2 || c < 1) return null;
  const culprit = revList[c - 1];
  const parent = c === 1 ? good : revList[c - 2];
  const q = a.post.repro.mean;
  // Splits of the jobs between parent and culprit, the most even first.
  const splits = Array.from({ length: jobs - 1 }, (_, i) => i + 1).sort(
    (x, y) => Math.abs(x - jobs / 2) - Math.abs(y - jobs / 2) || y - x,
  );
  let best = { score: -1, atParent: 0, runs: input.maxRuns };
  for (let runs = 1; runs <= input.maxRuns; runs++) {
    for (const atParent of splits) {
      const tallies = new Map(input.tallies);
      const parentRuns = atParent * runs;
      const culpritRuns = (jobs - atParent) * runs;
      const fails = Math.round(q * culpritRuns);
      addRuns(tallies, parent, 0, parentRuns);
      addRuns(tallies, culprit, fails, culpritRuns - fails);
      const next = assess({ ...input, tallies }, tallies, positionOf);
      const score = next.leader.commit === culprit ? next.leader.probability : 0;
      if (score > best.score) best = { score, atParent, runs };
      if (next.leader.commit === culprit && settled({ ...input, tallies }, next))
        return split(atParent, runs);
    }
  }
  // No round settles it: the most runs per job, split where they would move the leader most.
  return best.atParent > 0 ? split(best.atParent, best.runs) : null;

  function split(atParent: number, runs: number) {
    const entries = [
      ...Array.from({ length: atParent }, () => ({ position: c - 1, runs })),
      ...Array.from({ length: jobs - atParent }, () => ({ position: c, runs })),
    ];
    return { entries, bits: 0 };
  }
}

function addRuns(tallies: Map<string, CommitTally>, commit: string, failed: number, passed: number): void {
  const cur = tallies.get(commit);
  const title = cur ? Object.keys(cur.titles)[0] : undefined;
  const titles = { ...(cur?.titles ?? {}) };
  if (failed > 0) titles[title ?? 'exit 1'] = (titles[title ?? 'exit 1'] ?? 0) + failed;
  tallies.set(commit, {
    commit,
    runs: (cur?.runs ?? 0) + failed + passed,
    failed: (cur?.failed ?? 0) + failed,
    passed: (cur?.passed ?? 0) + passed,
    skipped: cur?.skipped ?? 0,
    errors: cur?.errors ?? 0,
    titles,
    files: (cur?.files ?? 0) + 1,
  });
}

function baseReport(input: MatrixPlanInput, tested: CommitTally[]): Report {
  const report = emptyReport('bisect-report bisect --plan', 'git-bisect-run');
  report.window = { good: [input.good], bad: input.bad };
  report.steps = tested.map((t): Step => ({
    commit: t.commit,
    subject: input.subjects?.(t.commit) ?? null,
    verdict: 'untested',
    runs: { total: t.runs, failed: t.failed, passed: t.passed, other: t.skipped + t.errors },
    titles: { ...t.titles },
  }));
  report.revisionsTested = tested.length;
  let best: string | null = null;
  const titles = new Map<string, number>();
  for (const t of tested)
    for (const [k, n] of Object.entries(t.titles)) titles.set(k, (titles.get(k) ?? 0) + n);
  for (const [k, n] of titles) if (best === null || n > titles.get(best)!) best = k;
  if (best && !/^exit \S+$/.test(best)) report.crash = { title: best };
  const mixed = tested.filter((t) => t.failed > 0 && t.passed > 0);
  if (mixed.length > 0) {
    report.flaky = true;
    report.flakyReasons = mixed
      .slice(0, 20)
      .map((t) => `${t.commit.slice(0, 12)} failed ${t.failed} of ${t.runs} runs`);
  }
  return report;
}

function foundReport(report: Report, culpritSha: string, input: MatrixPlanInput): Report {
  const culprit: Commit = {
    sha: culpritSha,
    subject: input.subjects?.(culpritSha) ?? '',
    author: null,
    date: null,
    files: [],
    merge: false,
    release: false,
  };
  return { ...report, status: 'found', reason: null, culprit };
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

/** Entropy (bits) of the culprit's posterior, "older than the window" and "no culprit" included. */
function entropyBits(post: PosteriorResult): number {
  let h = 0;
  const term = (p: number, count = 1) => (p > 0 ? -p * Math.log2(p / count) : 0);
  for (const seg of post.segments) if (seg.last >= seg.first) h += term(seg.mass, seg.last - seg.first + 1);
  return h + term(post.outside) + term(post.noCulprit);
}

function topPositions(post: PosteriorResult, n: number): { position: number; mass: number }[] {
  const out: { position: number; mass: number }[] = [];
  for (const seg of post.segments) {
    const count = seg.last - seg.first + 1;
    if (count <= 0) continue;
    // Within a segment every commit is alike; the newest is the one a probe splits it at.
    out.push({ position: seg.last, mass: seg.mass / count });
  }
  return out.sort((a, b) => b.mass - a.mass || a.position - b.position).slice(0, n);
}

const pct = (p: number) => `${(100 * p).toFixed(p > 0.99 && p < 1 ? 2 : 1)} %`;
