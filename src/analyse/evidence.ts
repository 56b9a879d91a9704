import type { Report, Step } from '../model.js';
import { ON_SIGNATURE, type RunMatch } from './signatures.js';
import { effectiveVerdict } from './window.js';

/** What one tested commit's runs say about the bisected failure. */
/** How a format tells whether a failure is the one being bisected (docs/trust.md, "Failure signatures"). */
export interface FailureSignatures {
  /** Titles with the same key count as one failure. */
  key(title: string): string;
  /** How strongly a failure with this title shows the target failure. */
  match(title: string, target: string | null): RunMatch;
  /** Harness/infrastructure failures that tell nothing about the bug. */
  isInfra(title: string): boolean;
}

export interface StepEvidence {
  /** Runs whose crash matches the target (weight >= ON_SIGNATURE). */
  hits: number;
  /** Crash runs off the target's signature (unrelated crashes). */
  otherCrashes: number;
  clean: number;
  /** Runs that tell nothing: infra, boot/build/test failures, harness crashes (SYZFAIL, ...). */
  censored: number;
  /** Crash runs grouped by match weight, for the likelihood. */
  crashes: { weight: number; count: number }[];
  /** Titles of off-signature crashes (for messages), most frequent first. */
  offTitles: string[];
  /** Titles of censored harness crashes. */
  infraTitles: string[];
  /** True when the counts are assumed (e.g. "all runs: OK", a plain git verdict). */
  estimated: boolean;
  /** True when the runs are a single verdict without repeats (plain git bisect). */
  singleVerdict: boolean;
}

/**
 * The failure being bisected: the report's crash title, else the most common title on the
 * original / bad commits; null when the log carries no titles (any failure counts).
 */
export function targetTitle(report: Report, signatures: FailureSignatures): string | null {
  const t = report.crash?.title?.trim();
  if (t) return t;
  const counts = new Map<string, { title: string; n: number }>();
  for (const s of report.steps) {
    if (effectiveVerdict(s) !== 'bad' && !s.original) continue;
    for (const [title, n] of Object.entries(s.titles ?? {})) {
      if (!title || signatures.isInfra(title)) continue;
      const key = signatures.key(title);
      const seen = counts.get(key);
      counts.set(key, { title: seen?.title ?? title, n: (seen?.n ?? 0) + n });
    }
    if (s.original && counts.size > 0) break;
  }
  let best: string | null = null;
  let bestN = 0;
  for (const { title, n } of counts.values()) if (n > bestN) [best, bestN] = [title, n];
  return best;
}

export function stepEvidence(step: Step, target: string | null, signatures: FailureSignatures): StepEvidence {
  const ev: StepEvidence = {
    hits: 0,
    otherCrashes: 0,
    clean: 0,
    censored: 0,
    crashes: [],
    offTitles: [],
    infraTitles: [],
    estimated: Boolean(step.runs?.estimated),
    singleVerdict: false,
  };
  const weights = new Map<number, number>();
  const addCrash = (weight: number, count: number) => weights.set(weight, (weights.get(weight) ?? 0) + count);
  const off = new Map<string, number>();
  const runs = step.runs ?? { total: 0, failed: 0, passed: 0, other: 0 };
  const total = Math.max(0, runs.total || 0);
  const failed = Math.max(0, runs.failed || 0);
  const passed = Math.max(0, runs.passed || 0);
  const other = Math.max(0, runs.other || 0);

  if (total === 0 && failed === 0 && passed === 0) {
    const outcomes = step.outcomes ?? [];
    if (outcomes.length > 0) {
      for (const o of outcomes) countOutcome(o.kind, o.title);
    } else {
      // A plain verdict: one run's worth of evidence, no title.
      const v = step.verdict;
      if (v === 'bad' || v === 'good') {
        ev.singleVerdict = true;
        ev.estimated = true;
        if (v === 'bad') countOutcome('crash', undefined);
        else ev.clean += 1;
      }
    }
  } else {
    ev.clean += passed;
    ev.censored += other;
    let titled = 0;
    for (const [title, n] of Object.entries(step.titles ?? {})) {
      const count = Math.max(0, Math.min(n, failed - titled));
      if (count <= 0) continue;
      titled += count;
      classifyCrash(title, count);
    }
    if (failed > titled) classifyCrash(undefined, failed - titled);
  }
  ev.crashes = [...weights.entries()].map(([weight, count]) => ({ weight, count }));
  ev.offTitles = [...off.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t);
  return ev;

  function countOutcome(kind: string, title: string | undefined) {
    if (kind === 'ok') ev.clean += 1;
    else if (kind === 'crash') classifyCrash(title, 1);
    else ev.censored += 1;
  }
  function classifyCrash(title: string | undefined, count: number) {
    // A failure without a title may be the target or not; it leans towards the target.
    const m: RunMatch =
      title === undefined || title === ''
        ? { match: 'family', weight: target === null ? 1 : 0.8 }
        : signatures.match(title, target);
    if (m.match === 'infra') {
      ev.censored += count;
      if (title && !ev.infraTitles.includes(title)) ev.infraTitles.push(title);
      return;
    }
    addCrash(m.weight, count);
    if (m.weight >= ON_SIGNATURE) ev.hits += count;
    else {
      ev.otherCrashes += count;
      if (title) off.set(title, (off.get(title) ?? 0) + count);
    }
  }
}
