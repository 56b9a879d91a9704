import { sameCommit, type Report, type Step } from '../model.js';

/**
 * Positions of tested commits in the bisection window, oldest first (trust-model.md §3.1).
 * Position 0 is the known-good endpoint, `size` the known-bad endpoint; the culprit is one of
 * positions 1..size. From the log alone positions are reconstructed from git's "N revisions left"
 * counts and the order of verdicts; with `git rev-list` output they are exact.
 */
export interface WindowLayout {
  size: number;
  /** Position per step index (null when the step tells nothing about the window). */
  stepPositions: (number | null)[];
  culpritPosition: number | null;
  /** Positions come from `git rev-list` rather than reconstruction. */
  exact: boolean;
  /** Commit sha at a position when known (exact layouts, tested commits). */
  commitAt: (position: number) => string | null;
  /**
   * The culprit's parents as the log or the history shows them (first parent first), or null when
   * neither can: positions rebuilt from a log assume a linear history, in which the highest good
   * verdict below the culprit would be its parent, but a merge can put the parent on another
   * branch. Only runs at these commits are runs at the culprit's parent (`verified` needs them).
   */
  culpritParents: string[] | null;
}

export interface WindowOptions {
  /**
   * `git rev-list --reverse good..bad` output (oldest first; last = the bad endpoint), so that
   * position i (1-based) is revList[i - 1]. Abbreviated shas in the report match by prefix.
   */
  revList?: string[] | null;
  /** Parents of the window's commits (`git rev-list --parents`), first parent first. */
  parents?: ReadonlyMap<string, readonly string[]> | null;
}

/** Effective verdict: the tool's, or for pre-bisection steps (original, releases) derived from the runs. */
export function effectiveVerdict(step: Step): 'good' | 'bad' | 'skip' {
  if (step.verdict === 'good' || step.verdict === 'bad' || step.verdict === 'skip') return step.verdict;
  if (step.runs.failed > 0) return 'bad';
  if (step.runs.passed > 0) return 'good';
  return 'skip';
}

/** A step the log shows checked out for a test, whose verdict it does not show (`unshownVerdicts`). */
export function verdictUnshown(step: Step): boolean {
  return step.verdict === 'untested' && step.runs.total === 0;
}

function isBisectionStep(step: Step): boolean {
  return !step.original && !step.release;
}

export function layoutWindow(report: Report, options: WindowOptions = {}): WindowLayout {
  const steps = report.steps;
  const culpritSha = report.culprit?.sha ?? null;
  const newIsBad = report.direction !== 'fix';
  // A verdict in the direction of the search: "new" = on the culprit's side.
  const isNew = (s: Step) => (effectiveVerdict(s) === 'bad') === newIsBad && effectiveVerdict(s) !== 'skip';
  const isOld = (s: Step) => effectiveVerdict(s) !== 'skip' && !isNew(s);

  // Positions the log states itself (`bisect-report bisect`, docs/bisect.md): exact, and the ones
  // its search used, so they win over a rev-list of this checkout (which may order merges otherwise).
  const stated = report.window?.commits;
  if (typeof stated === 'number' && stated >= 1 && steps.some((s) => typeof s.position === 'number')) {
    const known = new Map<number, string>();
    const stepPositions = steps.map((s) => {
      const p = typeof s.position === 'number' && s.position >= 0 && s.position <= stated ? s.position : null;
      if (p !== null && !known.has(p)) known.set(p, s.commit);
      return p ?? (isNew(s) ? stated : isOld(s) ? 0 : null);
    });
    const culpritStep = culpritSha ? steps.findIndex((s) => sameCommit(s.commit, culpritSha)) : -1;
    const culpritPosition = culpritStep >= 0 ? stepPositions[culpritStep] : null;
    // The log's window is its search's first-parent line: the position below is the first parent.
    const parent = culpritPosition !== null ? known.get(culpritPosition - 1) : undefined;
    return {
      size: stated,
      stepPositions,
      culpritPosition,
      exact: true,
      commitAt: (p) => known.get(p) ?? null,
      culpritParents: culpritPosition === null ? null : parent ? [parent] : [],
    };
  }

  const revList = options.revList?.filter((s) => s.length > 0) ?? null;
  if (revList && revList.length > 0) {
    const size = revList.length;
    const index = new Map<string, number>();
    revList.forEach((sha, i) => index.set(sha, i + 1));
    const find = (sha: string): number | null => {
      const hit = index.get(sha);
      if (hit !== undefined) return hit;
      for (let i = 0; i < revList.length; i++) if (sameCommit(revList[i], sha)) return i + 1;
      return null;
    };
    const stepPositions = steps.map((s) => find(s.commit) ?? (isNew(s) ? size : isOld(s) ? 0 : null));
    const culpritPosition = culpritSha ? (find(culpritSha) ?? null) : null;
    // rev-list's order is not the parent order once branches merge: only the parents git lists count.
    const parents = culpritPosition !== null ? options.parents?.get(revList[culpritPosition - 1]) : undefined;
    return {
      size,
      stepPositions,
      culpritPosition,
      exact: true,
      commitAt: (p) => (p >= 1 && p <= size ? revList[p - 1] : null),
      culpritParents: parents ? [...parents] : null,
    };
  }

  const bisection = steps.map((s, i) => ({ s, i })).filter(({ s }) => isBisectionStep(s));
  const counts = fillLeadingCounts(bisection.map(({ s }) => s));
  const counted = counts.filter((c) => c !== null);
  const size = estimateInitialSize(
    bisection.map(({ s }) => s),
    counts,
    isNew,
  );
  const stepPositions: (number | null)[] = steps.map(() => null);
  let lo = 0;
  let hi = size;
  for (const [k, { s, i }] of bisection.entries()) {
    const all = hi - lo;
    if (all < 2) {
      // Past the end of the search (e.g. re-tests of the culprit's parent): keep at the boundary.
      stepPositions[i] = isOld(s) ? lo : hi;
      continue;
    }
    const count = counts[k];
    const left = count !== null && counted.length > 0 ? count : Math.floor(all / 2) - 1;
    const midpoint = Math.min(all - 1, Math.max(1, all - left - 1));
    const position = lo + midpoint;
    stepPositions[i] = position;
    if (isOld(s)) lo = position;
    else if (isNew(s)) hi = position;
  }
  // Original commit and releases: crashing ones sit at (or beyond) the bad end, clean ones at the good end.
  steps.forEach((s, i) => {
    if (isBisectionStep(s)) return;
    if (isNew(s)) stepPositions[i] = size;
    else if (isOld(s)) stepPositions[i] = 0;
  });
  if (report.window?.bad) {
    steps.forEach((s, i) => {
      if (stepPositions[i] === null && sameCommit(s.commit, report.window!.bad!)) stepPositions[i] = size;
    });
  }
  let culpritPosition: number | null = null;
  if (culpritSha) {
    for (let i = steps.length - 1; i >= 0; i--) {
      if (sameCommit(steps[i].commit, culpritSha) && stepPositions[i] !== null && isNew(steps[i])) {
        culpritPosition = stepPositions[i];
        break;
      }
    }
    if (culpritPosition === null) culpritPosition = hi;
    // git named the culprit, so every other candidate was ruled out: the highest "old" verdict
    // below it is its parent, whatever rounding the counts left behind.
    if (report.status === 'found') {
      let below = -1;
      stepPositions.forEach((p, i) => {
        if (p !== null && p < culpritPosition! && p > below && isOld(steps[i])) below = p;
      });
      const between = stepPositions.some((p) => p !== null && p > below && p < culpritPosition!);
      if (below >= 0 && below < culpritPosition - 1 && !between && below > 0) {
        stepPositions.forEach((p, i) => {
          if (p === below && !(steps[i].original || steps[i].release))
            stepPositions[i] = culpritPosition! - 1;
        });
      }
    }
  }
  const known = new Map<number, string>();
  steps.forEach((s, i) => {
    const p = stepPositions[i];
    if (p !== null && p >= 1 && p <= size && !known.has(p)) known.set(p, s.commit);
  });
  if (culpritSha && culpritPosition !== null) known.set(culpritPosition, culpritSha);
  return {
    size,
    stepPositions,
    culpritPosition,
    exact: false,
    commitAt: (p) => known.get(p) ?? null,
    culpritParents: null,
  };
}

/**
 * "N revisions left" per bisection step. When the log starts after `git bisect start` (the README's
 * way: the first checkout was printed before the capture), the first steps have none: each window
 * about halves, so nr_k ≈ 2·nr_{k+1} + 1.
 */
function fillLeadingCounts(bisection: Step[]): (number | null)[] {
  const counts = bisection.map((s) =>
    typeof s.revisionsLeft === 'number' && s.revisionsLeft >= 0 ? s.revisionsLeft : null,
  );
  const first = counts.findIndex((c) => c !== null);
  for (let k = first - 1; k >= 0 && first > 0; k--) {
    if (effectiveVerdict(bisection[k]) === 'skip') counts[k] = counts[k + 1];
    else counts[k] = 2 * (counts[k + 1] ?? 0) + 1;
  }
  return counts;
}

/**
 * git prints nr = all - reaches - 1 for each checkout; after a good verdict the next window holds
 * nr + 1 commits, after a bad one it holds `reaches`. Walking back from the first good verdict
 * recovers the size of the first window; a midpoint halves it otherwise.
 */
function estimateInitialSize(
  bisection: Step[],
  counts: (number | null)[],
  isNew: (s: Step) => boolean,
): number {
  if (counts.every((c) => c === null)) {
    const decisive = bisection.filter((s) => effectiveVerdict(s) !== 'skip').length;
    return Math.max(2, 2 ** Math.min(decisive, 20));
  }
  // Sizes are known exactly after the first "old" verdict; before it, each "new" verdict keeps
  // `reaches` = all - nr - 1, so all_k = all_{k+1} + nr_k + 1, anchored at the next step's count.
  let k = 0;
  while (k < bisection.length && (isNew(bisection[k]) || effectiveVerdict(bisection[k]) === 'skip')) k++;
  const anchor = Math.min(k, bisection.length - 1);
  let all = 2 * (counts[anchor] ?? 0) + 2;
  for (let j = anchor - 1; j >= 0; j--) {
    if (effectiveVerdict(bisection[j]) === 'skip') continue;
    all += (counts[j] ?? Math.floor(all / 2)) + 1;
  }
  return Math.max(2, all);
}
