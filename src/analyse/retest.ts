import type { Report, Retest, Trust, TrustLabel, WeakestLink } from '../model.js';
import type { StepEvidence } from './evidence.js';
import type { PosteriorResult } from './posterior.js';
import type { WindowLayout } from './window.js';
import { runsAreCrashes } from '../formats/registry.js';

export interface RetestInput {
  report: Report;
  layout: WindowLayout;
  post: PosteriorResult;
  range: { first: number; last: number } | null;
  rangeInfo: Trust['range95'];
  weakest: WeakestLink | null;
  label: TrustLabel;
  culpritEv: StepEvidence | null;
  parentIndex: number;
  evidences: StepEvidence[];
}

/**
 * Runs per test so that one result is decisive at α = 1% (trust-model.md §3.8): enough clean runs
 * to call a commit good at the pessimistic repro rate, and enough to expect the hits that make a
 * "bad" decisive against the false-alarm rate.
 */
export function runsPerTest(reproLow: number, falseAlarmHigh: number): number {
  const q = Math.min(0.99, Math.max(0.02, reproLow));
  const eps = Math.min(0.3, Math.max(1e-3, falseAlarmHigh));
  const clean = Math.ceil(Math.log(0.01) / Math.log(1 - q));
  // Hits needed out of n at the false-alarm rate, then runs to expect that many at rate q.
  let hits = 1;
  while (hits < 10 && Math.pow(eps, hits) * binom(10, hits) > 0.01) hits++;
  const forHits = Math.ceil(hits / q);
  return Math.min(100, Math.max(5, clean, forHits));
}

function binom(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

const short = (sha: string) => sha.slice(0, 8);

export function planRetests(input: RetestInput): Retest[] {
  const { report, layout, post, rangeInfo, weakest, label, parentIndex } = input;
  if (label === 'verified') return [];
  const culprit = report.culprit;
  const n = runsPerTest(post.repro.low, post.falseAlarm.high);
  const out: Retest[] = [];
  const seen = new Set<string>();
  // A crash reproducer's runs crash; a project's test fails or passes.
  const crashes = runsAreCrashes(report);
  const add = (r: Retest) => {
    if (seen.has(r.commit)) return;
    seen.add(r.commit);
    out.push(r);
  };
  const isRelevantWeakLink =
    weakest?.commit && (label === 'contradicted' || label === 'unreliable' || label === 'range');
  if (isRelevantWeakLink && weakest?.commit) {
    add({
      commit: weakest.commit,
      runs: 2 * n,
      why: crashes
        ? `re-check the weakest link (${short(weakest.commit)}): count only crashes of the bisected failure`
        : `re-test the weakest link (${short(weakest.commit)}): the search turned on its verdict`,
    });
  }
  if (rangeInfo && rangeInfo.commits > 1) {
    const lowEnd = rangeInfo.first ? `${rangeInfo.first}^` : rangeInfo.after;
    const builds = Math.ceil(Math.log2(rangeInfo.commits)) + 1;
    const name = rangeInfo.gitRange ?? (lowEnd && rangeInfo.last ? `${lowEnd}..${rangeInfo.last}` : null);
    if (name) {
      add({
        commit: name,
        runs: n,
        why: crashes
          ? `bisect the ${rangeInfo.commits} commits holding 95% of the posterior: about ${builds} builds × ${n} runs each`
          : `bisect again the ${rangeInfo.commits} commits that hold the culprit with 95% probability: about ${builds} commits × ${n} runs each`,
      });
    }
  } else if (
    rangeInfo &&
    rangeInfo.commits === 1 &&
    rangeInfo.last &&
    culprit &&
    !rangeInfo.last.startsWith(culprit.sha.slice(0, 7))
  ) {
    add({
      commit: rangeInfo.last,
      runs: n,
      why: 'the evidence points at this commit instead: confirm it and its parent',
    });
  }
  if (culprit && (label === 'likely' || label === 'unreliable' || label === 'range')) {
    add({
      commit: culprit.sha,
      runs: n,
      why: crashes
        ? 'verify: the culprit should show the bisected crash in most runs'
        : 'verify: the culprit should fail in most runs',
    });
    // Only the history (or a log stating its window) names the parent; otherwise `<culprit>^` lets git.
    const parent =
      parentIndex >= 0 ? report.steps[parentIndex].commit : (layout.culpritParents?.[0] ?? `${culprit.sha}^`);
    add({
      commit: parent,
      runs: n,
      why: crashes
        ? "verify: the culprit's parent should stay clean in every run"
        : "verify: the culprit's parent should pass every run",
    });
  }
  return out;
}
