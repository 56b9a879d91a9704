import {
  sameCommit,
  type Analysis,
  type EvidenceEntry,
  type Report,
  type Retest,
  type Step,
  type Trust,
  type TrustLabel,
  type TrustReason,
  type WeakestLink,
} from '../model.js';
import { stepEvidence, targetTitle, type StepEvidence } from './evidence.js';
import { profileFor } from './profile.js';
import { formatOf, runsAreCrashes } from '../formats/registry.js';
import { assessCulprit } from './plausibility.js';
import {
  computePosterior,
  credibleRange,
  DEFAULT_PARAMS,
  log10BayesFactor,
  massAt,
  type ModelParams,
  type PositionEvidence,
  type PosteriorResult,
} from './posterior.js';
import { planRetests } from './retest.js';
import { formatProbability } from '../probability.js';
import { cliCommand, TEST_PLACEHOLDER } from '../cliCommand.js';
import { directEvidence, meetsVerified, pinnedReading, THRESHOLDS } from './verified.js';
import {
  effectiveVerdict,
  layoutWindow,
  verdictUnshown,
  type WindowLayout,
  type WindowOptions,
} from './window.js';

/** log10 of the Bayes factor at which a commit's own runs confirm or contradict its verdict. */
const AGREEMENT_LOG10 = 1;

export type AnalyseOptions = WindowOptions;

export { THRESHOLDS, FLAKIEST_USEFUL_REPRO, hitsNeeded, cleanNeeded } from './verified.js';

/**
 * Judges how far a report's answer can be trusted (trust-model.md §3) and plans re-tests.
 * Pure: returns a new report with `trust`, `analysis` and `retest` filled in. Reports without an answer
 * (failed, no-culprit, not-reproduced, incomplete, unrecognized) get `trust: null`: there is
 * nothing to trust, and `status`/`reason` already say why.
 */
export function analyse(report: Report, options: AnalyseOptions = {}): Report {
  try {
    const hasAnswer =
      (report.status === 'found' && report.culprit !== null) ||
      (report.status === 'ambiguous' && report.candidates.length > 0);
    if (!hasAnswer) return { ...report, trust: null, retest: [] };
    const { trust, analysis, retest } = judge(report, options);
    return { ...report, trust, retest, analysis };
  } catch {
    // A judgement must never take the report down with it.
    return { ...report, trust: null, retest: [] };
  }
}

interface Judged {
  trust: Trust;
  analysis: Analysis;
  retest: Retest[];
}

const short = (sha: string | null | undefined) => (sha ? sha.slice(0, 8) : '?');

function judge(report: Report, options: AnalyseOptions): Judged {
  const profile = profileFor(report);
  const signatures = profile.signatures;
  const target = targetTitle(report, signatures);
  const layout = layoutWindow(report, options);
  const newIsBad = report.direction !== 'fix';
  const evidences = report.steps.map((s) => stepEvidence(s, target, signatures));
  const positioned: PositionEvidence[] = [];
  report.steps.forEach((s, i) => {
    const p = layout.stepPositions[i];
    if (p === null) return;
    const ev = evidences[i];
    positioned.push({ position: p, crashes: ev.crashes, clean: ev.clean });
  });
  // One run per commit (plain git bisect): nothing in the log measures flakiness. The rates keep
  // their vague priors, and the label rests on the pessimistic reading below.
  const usable = evidences.filter((e) => e.hits + e.otherCrashes + e.clean > 0);
  const singleVerdicts =
    usable.length > 0 && usable.every((e) => e.singleVerdict || e.hits + e.otherCrashes + e.clean <= 1);
  const params: ModelParams = { ...DEFAULT_PARAMS, drift: profile.drift, epsPrior: profile.falseAlarmPrior };
  const post = computePosterior(positioned, layout.size, params, newIsBad);
  const postLow = pinnedReading(
    positioned,
    layout.size,
    params,
    post,
    !singleVerdicts,
    'least-reliable',
    newIsBad,
  );
  const reasons: TrustReason[] = [];
  const culprit = report.culprit;
  const culpritIndex = culprit ? lastStepIndexOf(report.steps, culprit.sha) : -1;

  // Ledger and Bayes factors.
  const ledger: EvidenceEntry[] = report.steps.map((s, i) => {
    const ev = evidences[i];
    const hasRuns = ev.crashes.length > 0 || ev.clean > 0;
    const l10 = hasRuns
      ? log10BayesFactor({ position: 0, crashes: ev.crashes, clean: ev.clean }, post, params)
      : null;
    const verdict = s.verdict === 'untested' ? effectiveVerdict(s) : s.verdict;
    const crashSide = verdict === 'bad';
    const decisive = verdict === 'good' || verdict === 'bad';
    const clamped = l10 === null ? null : Math.max(-300, Math.min(300, l10));
    return {
      commit: s.commit,
      position: layout.stepPositions[i],
      verdict,
      hits: Math.round(ev.hits),
      otherCrashes: Math.round(ev.otherCrashes),
      clean: Math.round(ev.clean),
      censored: Math.round(ev.censored),
      log10BayesFactor: clamped === null ? null : round(clamped, 2),
      bayesFactor: clamped === null ? null : Number((10 ** clamped).toPrecision(3)),
      // Runs "disagree" with a verdict only when they favour the other side by a factor of 10 or more
      // (a "strong" Bayes factor): one pass of a flaky test at a bad commit is expected, not a contradiction.
      agrees:
        clamped === null || !decisive || Math.abs(clamped) < AGREEMENT_LOG10
          ? null
          : crashSide === clamped > 0,
      ...(ev.estimated ? { estimated: true } : {}),
    };
  });

  const range = credibleRange(post, 0.95);
  const rangeCommits = range ? range.last - range.first + 1 : layout.size;

  let location: number;
  let locationLow: number;
  let plaus = assessCulprit(report, target, profile);
  if (culprit && layout.culpritPosition !== null) {
    location = massAt(post, layout.culpritPosition);
    locationLow = massAt(postLow, layout.culpritPosition);
  } else {
    // Candidate set (inconclusive bisection): the mass of the final window.
    plaus = { ...plaus, probability: plaus.base, reasons: [] };
    location = candidateMass(post);
    locationLow = candidateMass(postLow);
  }
  reasons.push(...plaus.reasons);
  const probability = clamp01(location * plaus.probability);
  // What the label rests on: the probability should the test be as unreliable as the log allows.
  const assured = Math.min(probability, clamp01(locationLow * plaus.probability));

  // Reasons from the runs.
  const culpritEv = culpritIndex >= 0 ? evidences[culpritIndex] : null;
  // A reason, not a veto: the runs' weights already carry it into the probability.
  const offSignatureCulprit =
    culprit !== null &&
    culpritEv !== null &&
    culpritEv.hits === 0 &&
    (culpritEv.otherCrashes > 0 || culpritEv.censored > 0) &&
    effectiveVerdict(report.steps[culpritIndex]) === (newIsBad ? 'bad' : 'good') &&
    newIsBad;
  if (offSignatureCulprit && culpritEv) {
    const titles = [...culpritEv.offTitles, ...culpritEv.infraTitles].slice(0, 2).join('; ');
    reasons.push({
      code: 'off-signature-verdict',
      message: `The culprit was called bad only on crashes that are not the bug${titles ? ` (${titles})` : ''}.`,
    });
  }
  const offBad = report.steps
    .map((s, i) => ({ s, ev: evidences[i] }))
    .filter(
      ({ s, ev }) =>
        effectiveVerdict(s) === 'bad' &&
        ev.hits === 0 &&
        ev.otherCrashes + ev.censored > 0 &&
        s !== report.steps[culpritIndex],
    );
  if (newIsBad && offBad.length > 0) {
    reasons.push({
      code: 'off-signature-verdict',
      message: `${offBad.length} other bad verdict${offBad.length > 1 ? 's rest' : ' rests'} only on crashes that are not the bug (${offBad
        .slice(0, 3)
        .map(({ s }) => short(s.commit))
        .join(', ')}).`,
    });
  }
  if (culpritEv && !singleVerdicts && culpritEv.hits + culpritEv.otherCrashes + culpritEv.clean === 1) {
    reasons.push({ code: 'single-run-verdict', message: 'The culprit verdict rests on a single run.' });
  }
  if (singleVerdicts) {
    reasons.push({
      code: 'plain-bisect-no-repeats',
      message: [
        `Not verified — re-run to confirm: each commit was tested once, so a flaky test could have flipped any verdict unseen.${confirmWith(report, culprit?.sha ?? '<sha>')}`,
        ...(formatOf(report)?.repeatAdvice ? [formatOf(report)!.repeatAdvice!] : []),
      ].join(' '),
    });
  } else if (culprit && assured < THRESHOLDS.likely && probability >= THRESHOLDS.likely) {
    reasons.push({
      code: 'test-reliability-unknown',
      message: `The runs do not pin down how reliable the test is: should it reproduce the failure only ${pct(post.repro.low)} of the time, P drops to ${pct(assured)}.${confirmWith(report, culprit.sha) || ' Re-run the culprit and its parent more often to settle it.'}`,
    });
  }
  if (culprit && culpritEv && report.culpritCrash?.title && target && culpritEv.hits === 0) {
    reasons.push({
      code: 'culprit-crash-differs',
      message: `At the culprit the tool saw "${report.culpritCrash.title}", not the bisected "${target}".`,
    });
  } else if (culprit && report.culpritCrash?.title && target && !signatures.isInfra(target)) {
    const ev = stepEvidence(
      {
        commit: '',
        subject: null,
        verdict: 'bad',
        runs: { total: 1, failed: 1, passed: 0, other: 0 },
        titles: { [report.culpritCrash.title]: 1 },
      },
      target,
      signatures,
    );
    if (ev.hits === 0) {
      reasons.push({
        code: 'culprit-crash-differs',
        message: `The crash reported for the culprit ("${report.culpritCrash.title}") is not the bisected one ("${target}").`,
      });
    }
  }
  const nonMonotone = findNonMonotone(layout, ledger);
  if (nonMonotone) reasons.push(nonMonotone);
  const unshownVerdicts = formatOf(report)?.unshownVerdicts;
  const unshown = unshownVerdicts ? report.steps.filter(verdictUnshown) : [];
  const untestable = untestableNeighbours(report.steps, unshown, layout, evidences, layout.culpritPosition);
  if (untestable) reasons.push(untestable);
  if (unshownVerdicts && unshown.length > 0) {
    reasons.push({
      code: 'verdicts-not-shown',
      message: `The log does not show the verdict on ${unshown.length} tested commit${unshown.length > 1 ? 's' : ''} (${unshown
        .slice(0, 3)
        .map((s) => short(s.commit))
        .join(', ')}${unshown.length > 3 ? ', …' : ''}). ${unshownVerdicts.advice}`,
    });
  }
  if (report.flaky) {
    reasons.push({
      code: 'tool-flagged-flaky',
      // A kernel reproducer is flagged by the bisection tool itself; a project's test shows it in its runs.
      message: `${profile.kernelChecks ? 'The bisection tool flagged the reproducer as flaky' : 'The test is flaky'}${report.flakyReasons?.length ? `: ${report.flakyReasons[0]}` : ''}.`,
    });
  }
  if (post.noCulprit > 0.05) {
    reasons.push({
      code: 'not-reproduced',
      message: `The bad end itself is in doubt: P(no culprit in the window) = ${pct(post.noCulprit)}.`,
    });
  }
  if (post.outside > 0.05) {
    reasons.push({
      code: 'culprit-may-be-older',
      message: `The good end itself is in doubt: P(culprit older than the window) = ${pct(post.outside)}.`,
    });
  }

  // Label.
  // The runs place the change elsewhere (and so P < THRESHOLDS.contradicted), whatever the test's
  // reliability: also should it be as reliable as the log allows (a plain log can't rule that out).
  const reliableLocation =
    culprit !== null && layout.culpritPosition !== null && location < THRESHOLDS.contradicted
      ? massAt(
          pinnedReading(positioned, layout.size, params, post, !singleVerdicts, 'most-reliable', newIsBad),
          layout.culpritPosition,
        )
      : location;
  // And the culprit has less mass than an average commit of the 95 % credible range, where the runs
  // place the change: a culprit that is merely one of many places a too-flaky reproducer cannot tell
  // apart is unreliable, not contradicted.
  const typicalInRange = (0.95 * (1 - post.outside - post.noCulprit)) / Math.max(1, rangeCommits);
  const contradicted =
    culprit !== null &&
    Math.max(location, reliableLocation) < THRESHOLDS.contradicted &&
    location < typicalInRange;
  // Steps that ran the culprit's parents (null: the log cannot show which commit is the parent).
  const parentSteps = culprit ? parentStepIndices(report.steps, layout) : null;
  const parentIndex = parentSteps?.[0] ?? -1;
  // A merge culprit needs every parent tested; an untested or unknown parent is no evidence.
  const direct = (parentSteps && parentSteps.length > 0 ? parentSteps : [-1])
    .map((i) => directEvidence(culpritEv, i >= 0 ? evidences[i] : null, post))
    .reduce((a, b) => ({ culprit: a.culprit && b.culprit, parent: a.parent && b.parent }));
  const hasDirectEvidence = direct.culprit && direct.parent && !plaus.noop;
  let label: TrustLabel;
  if (!culprit) {
    label = assured >= 0.9 ? 'range' : 'unreliable';
  } else if (contradicted) {
    label = 'contradicted';
  } else if (
    meetsVerified(assured, location, direct) &&
    !plaus.noop &&
    !singleVerdicts &&
    // A crash report must point at the culprit's files; a test without one (git logs) can't.
    (plaus.stackFiles.length > 0 || !hasStack(report))
  ) {
    label = 'verified';
  } else if (assured >= THRESHOLDS.likely) {
    label = 'likely';
  } else if (rangeCommits <= THRESHOLDS.rangeCommits && location < 0.5 && unshown.length === 0) {
    label = 'range';
  } else {
    label = 'unreliable';
  }
  if (
    label !== 'verified' &&
    culprit &&
    !singleVerdicts &&
    assured >= THRESHOLDS.verified &&
    location >= THRESHOLDS.verifiedLocation &&
    !hasDirectEvidence
  ) {
    reasons.push(
      culprit && layout.culpritParents === null && direct.culprit
        ? {
            code: 'parent-not-shown',
            message: `Not verified: without the repository's history the log cannot show that a tested commit is the culprit's parent (a merge can put the parent on another branch). Read the log inside a checkout with the history${confirmWith(report, culprit.sha) ? `, or confirm with \`${verifySuggestion(culprit.sha)}\`` : ''}.`,
          }
        : {
            code: 'no-direct-evidence',
            message:
              'Verification needs the bug on the culprit and clean runs on its parent, both tested directly.',
          },
    );
  }

  // A verified culprit rests on its own runs and its parent's: the weakest of those is its weakest
  // link, and no single run elsewhere flips it (the search's other verdicts only located it).
  const weakest =
    label === 'verified'
      ? weakestLink(report, ledger, evidences, post, new Set([culpritIndex, ...(parentSteps ?? [])]))
      : weakestLink(report, ledger, evidences, post);
  // Tested commits whose verdicts the log does not show leave the window's shape unknown: no range.
  const rangeInfo = unshown.length > 0 ? null : describeRange(range, layout, rangeCommits);
  const retest = planRetests({
    report,
    layout,
    post,
    range,
    rangeInfo,
    weakest,
    label,
    culpritEv,
    parentIndex,
    evidences,
  });
  const trust: Trust = {
    label,
    probability: round(probability, 4),
    assuredProbability: round(assured, 4),
    reasons: dedupeReasons(reasons),
    weakestLink: weakest,
    range95: rangeInfo,
    reproRate: roundRate(post.repro),
    falseAlarmRate: roundRate(post.falseAlarm),
  };
  const analysis: Analysis = {
    outside: round(post.outside, 6),
    noCulprit: round(post.noCulprit, 6),
    posterior: posteriorEntries(post, layout),
    locationProbability: round(location, 6),
    rootCauseProbability: round(plaus.probability, 4),
    ledger,
    toolConfidence: formatOf(report)?.trust?.syzbotRules ? syzbotConfidence(report.steps, evidences) : null,
    counterfactual: counterfactuals(report, evidences),
    windowSize: layout.size,
    positionsExact: layout.exact,
  };
  return { trust, analysis, retest };
}

function lastStepIndexOf(steps: Step[], sha: string): number {
  for (let i = steps.length - 1; i >= 0; i--) {
    const c = steps[i].commit;
    if (sameCommit(c, sha) && steps[i].runs) return i;
  }
  return -1;
}

/**
 * For each of the culprit's parents (first parent first), the last step that ran it (-1: never
 * tested); null when the log cannot show which commit is the parent (window.ts, culpritParents).
 */
function parentStepIndices(steps: Step[], layout: WindowLayout): number[] | null {
  if (layout.culpritParents === null) return null;
  return layout.culpritParents.map((sha) => lastStepIndexOf(steps, sha));
}

function candidateMass(post: PosteriorResult): number {
  // The candidates sit between the highest "old" and lowest "new" tested positions: the segment
  // whose mass is largest is the final window.
  let best = 0;
  for (const s of post.segments) best = Math.max(best, s.mass);
  return best;
}

function weakestLink(
  report: Report,
  ledger: EvidenceEntry[],
  evidences: StepEvidence[],
  post: PosteriorResult,
  /** Only these steps (a verified culprit and its parents); their fragility is not claimed. */
  only?: ReadonlySet<number>,
): WeakestLink | null {
  const newIsBad = report.direction !== 'fix';
  // The threshold the tool used for "bad": the fewest failures any bad verdict had.
  const badFailures = report.steps
    .filter((s) => effectiveVerdict(s) === 'bad' && s.runs?.failed > 0)
    .map((s) => s.runs.failed);
  const minFail = badFailures.length > 0 ? Math.max(1, Math.min(...badFailures)) : 1;
  let best: { i: number; support: number } | null = null;
  ledger.forEach((e, i) => {
    const s = report.steps[i];
    if (s.original || s.release) return;
    if (only && !only.has(i)) return;
    if (e.verdict !== 'good' && e.verdict !== 'bad') return;
    if (e.log10BayesFactor === null) return;
    const support = (e.verdict === 'bad') === newIsBad ? e.log10BayesFactor : -e.log10BayesFactor;
    // The answer depends on every decisive verdict of the search; prefer later ones on ties.
    if (!best || support <= best.support) best = { i, support };
  });
  if (!best) return null;
  const { i } = best as { i: number; support: number };
  const s = report.steps[i];
  const ev = evidences[i];
  const e = ledger[i];
  const failed = s.runs?.failed ?? (e.verdict === 'bad' ? 1 : 0);
  const fragility = only
    ? null
    : ev.singleVerdict
      ? 1
      : e.verdict === 'bad'
        ? Math.max(1, failed - minFail + 1)
        : Math.max(1, minFail - failed);
  const total = Math.round(ev.hits + ev.otherCrashes + ev.clean + ev.censored);
  let message: string;
  // A crash reproducer's runs hit or crash otherwise; a project's test fails or passes.
  const crashes = runsAreCrashes(report);
  const runs = (n: number, what: string) => `${n} ${what} run${n === 1 ? '' : 's'}`;
  if (e.verdict === 'bad') {
    const offTitles = [...ev.infraTitles, ...ev.offTitles].slice(0, 2);
    if (ev.hits === 0 && offTitles.length > 0) {
      message = `${short(s.commit)} was called bad on ${failed} of ${total} runs, none of them ${crashes ? "the bug's crash" : 'the bisected failure'} (${offTitles.join('; ')})${fragility === null ? '' : `; flipping ${fragility} run${fragility > 1 ? 's' : ''} changes the answer`}.`;
    } else {
      message = crashes
        ? `${short(s.commit)} was called bad on ${ev.hits} matching crash${ev.hits === 1 ? '' : 'es'} against ${runs(ev.clean, 'clean')} (Bayes factor ${fmtBF(e.log10BayesFactor)}).`
        : `${short(s.commit)} was called bad on ${runs(ev.hits, 'failing')} against ${runs(ev.clean, 'passing')}.`;
    }
  } else {
    const q = post.repro.mean;
    const miss = Math.pow(1 - q, ev.clean);
    message = crashes
      ? `${short(s.commit)} was called good on ${runs(ev.clean, 'clean')}; at the estimated repro rate (${pct(q)}) a bad commit passes that often with probability ${pct(miss)}.`
      : `${short(s.commit)} was called good on ${runs(ev.clean, 'passing')}; the test fails in about ${pct(q)} of runs where the bug is, so a commit with the bug passes that often with probability ${pct(miss)}.`;
  }
  return { commit: s.commit, message, fragility };
}

function findNonMonotone(layout: WindowLayout, ledger: EvidenceEntry[]): TrustReason | null {
  // Strong evidence of "good" above strong evidence of "bad" contradicts a single change point.
  const strong = ledger
    .map((e, i) => ({ e, p: layout.stepPositions[i] }))
    .filter((x): x is { e: EvidenceEntry; p: number } => x.p !== null && x.e.log10BayesFactor !== null);
  for (const bad of strong) {
    if (bad.e.log10BayesFactor! < 2) continue;
    const above = strong.find((g) => g.p > bad.p && g.e.log10BayesFactor! < -2);
    if (above) {
      return {
        code: 'non-monotone-evidence',
        message: `${short(above.e.commit)} looks good although the older ${short(bad.e.commit)} looks bad: a fix, a revert, a config change or another bug sits in the range.`,
      };
    }
  }
  return null;
}

function untestableNeighbours(
  steps: Step[],
  unshown: Step[],
  layout: WindowLayout,
  evidences: StepEvidence[],
  culpritPosition: number | null,
): TrustReason | null {
  if (culpritPosition === null) return null;
  const near = steps
    .map((s, i) => ({ s, i, p: layout.stepPositions[i] }))
    .filter(
      ({ s, i, p }) =>
        p !== null &&
        Math.abs(p - culpritPosition) <= 3 &&
        effectiveVerdict(s) === 'skip' &&
        // A commit tested with a verdict the log does not show is not an untestable one.
        !unshown.includes(s) &&
        evidences[i].clean + evidences[i].hits === 0,
    );
  if (near.length === 0) return null;
  return {
    code: 'untestable-neighbours',
    message: `${near.length} commit${near.length > 1 ? 's' : ''} next to the culprit could not be tested (${near
      .slice(0, 3)
      .map(({ s }) => short(s.commit))
      .join(', ')}): the culprit may be any of them.`,
  };
}

function describeRange(
  range: { first: number; last: number } | null,
  layout: WindowLayout,
  commits: number,
): Trust['range95'] {
  if (!range) return null;
  const first = layout.commitAt(range.first);
  const last = layout.commitAt(range.last);
  const after = first ? null : layout.commitAt(range.first - 1);
  const lowEnd = first ? `${first}^` : after;
  return {
    first,
    last,
    commits,
    after,
    gitRange: lowEnd && last ? `${lowEnd}..${last}` : null,
  };
}

function posteriorEntries(post: PosteriorResult, layout: WindowLayout): Analysis['posterior'] {
  const out: NonNullable<Analysis['posterior']> = [];
  for (const seg of post.segments) {
    const span = seg.last - seg.first + 1;
    if (span <= 0) continue;
    if (span === 1)
      out.push({ position: seg.first, commit: layout.commitAt(seg.first), p: round(seg.mass, 6) });
    else out.push({ position: seg.first, commit: null, p: round(seg.mass, 6), span });
  }
  return out;
}

/**
 * syzbot's confidence (2023+, pkg/bisect): starts at the original's crash ratio, falls after each
 * bad verdict to min(r, (r + badRatio) / 2), and multiplies 1 − (1 − r)^clean for each good one.
 * It only models false "good" verdicts, never a spurious "bad".
 */
export function syzbotConfidence(steps: Step[], evidences: StepEvidence[]): number | null {
  let repro: number | null = null;
  let conf = 1;
  steps.forEach((s, i) => {
    const runs = s.runs;
    if (!runs || runs.total <= 0) return;
    const ratio = runs.failed / runs.total;
    if (repro === null) {
      if (s.original || effectiveVerdict(s) === 'bad') repro = ratio;
      return;
    }
    const v = effectiveVerdict(s);
    if (v === 'bad') repro = Math.min(repro, (repro + ratio) / 2);
    else if (v === 'good') conf *= 1 - Math.pow(1 - repro, evidences[i].clean);
  });
  return repro === null ? null : round(conf, 4);
}

/** Today's syzbot rules (2024+): SYZFAIL/lost-connection ignored, bad needs max(2, (total − infra)/6) crashes. */
function counterfactuals(report: Report, evidences: StepEvidence[]): string[] {
  if (!formatOf(report)?.trust?.syzbotRules || !report.culprit) return [];
  const notes: string[] = [];
  report.steps.forEach((s, i) => {
    if (s.original || s.release || effectiveVerdict(s) !== 'bad') return;
    const ev = evidences[i];
    const crashes = Math.round(ev.hits + ev.otherCrashes);
    const total = Math.round(ev.hits + ev.otherCrashes + ev.clean + ev.censored);
    const needed = Math.max(2, Math.floor((total - ev.censored) / 6));
    if (crashes >= needed) return;
    const todayVerdict = crashes === 0 && ev.clean >= total / 2 ? 'good' : 'skip';
    notes.push(
      `Today's syzbot rules would have called ${short(s.commit)} ${todayVerdict.toUpperCase()} (${crashes} counted crash${crashes === 1 ? '' : 'es'}, ${needed} needed), not BAD.`,
    );
  });
  return notes;
}

function dedupeReasons(reasons: TrustReason[]): TrustReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = `${r.code}\u0000${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function roundRate(r: { mean: number; low: number; high: number }) {
  return { mean: round(r.mean, 4), low: round(r.low, 4), high: round(r.high, 4) };
}

function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return 0;
  const f = 10 ** digits;
  return Math.round(x * f) / f || 0; // no -0 in JSON round trips
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/** Probabilities and rates in the analysis' sentences read as everywhere else (src/probability.ts). */
const pct = formatProbability;

function fmtBF(l10: number | null): string {
  if (l10 === null) return 'n/a';
  return Math.abs(l10) < 3 ? (10 ** l10).toPrecision(2) : `1e${Math.round(l10)}`;
}

function hasStack(report: Report): boolean {
  return Boolean(report.crash?.report || report.culpritCrash?.report);
}

/** `bisect-report verify` for a culprit, as reports spell it (src/cliCommand.ts). */
function verifySuggestion(sha: string): string {
  return cliCommand(`verify --culprit ${sha} -- ${TEST_PLACEHOLDER}`);
}

/** " Confirm with `… verify …`." where the format's commits can be re-run in git; else "". */
function confirmWith(report: Report, sha: string): string {
  return formatOf(report)?.rerunsInGit ? ` Confirm with \`${verifySuggestion(sha)}\`.` : '';
}
