import type { Report } from '../../model.js';
import { isInfraTitle, type HarnessRule, type RunMatch } from '../../analyse/signatures.js';
import { isReportingMachinery, pathCovers, stackFilesOf, stackFunctionsOf } from '../../analyse/stacks.js';

/**
 * Kernel crash titles as syzkaller prints them, compared with the bisected one (docs/trust.md,
 * "Failure signatures"): by crash family, by the function they name and by function prefix.
 * `weight` is the probability that a crash with this title shows the target bug.
 */

/** Weights per match class; general, not fitted to any one title. */
export const MATCH_WEIGHT = {
  exact: 1,
  family: 1,
  sameFunction: 0.8,
  // One crash's function is on the other's stack, or both sit in one subsystem and the crash runs
  // through the code the culprit changes: more likely than not the same bug seen at another point.
  sameCodePath: 0.6,
  // Seen with the bisected crash at several tested commits and almost never without it: one bug
  // that shows as either crash, whichever the kernel hits first (same weight as a shared code path).
  seenTogether: 0.6,
  sameCluster: 0.5,
  sameSubsystem: 0.4,
  corrupted: 0.4,
  other: 0.02,
} as const;

/** For titles without harness failures. */
const NO_HARNESS: HarnessRule = () => false;

/**
 * Harness and infrastructure outcomes: they say nothing about the kernel bug (unless they are the
 * bug being bisected).
 */
const HARNESS_TITLE =
  /^(SYZFAIL|SYZFATAL|lost connection to test machine|no output from test machine|no output|test machine is not executing programs|executor failed|unexpected kernel reboot|timed out|failed to |suppressed report|can't ssh|kernel panic: VFS: Unable to mount root)/i;

export function isHarnessTitle(title: string): boolean {
  return HARNESS_TITLE.test(normalizeTitle(title));
}

export function normalizeTitle(title: string): string {
  return title
    .replace(/\s+\(\d+\)\s*$/, '') // syzbot's "(2)" duplicate suffix
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Crash class (kernel crash titles, as fuzzers group them): KASAN/KMSAN/GPF/"unable to handle" share
 * "bad-access"; hangs and stalls form clusters of their own.
 */
export function titleClass(title: string): string {
  const t = normalizeTitle(title);
  if (
    /^(KASAN|KMSAN|KFENCE|general protection fault|BUG: unable to handle|BUG: KASAN|UBSAN: null-ptr-deref)/.test(
      t,
    )
  ) {
    return 'bad-access';
  }
  if (
    /^(INFO: task hung|INFO: task .* blocked|INFO: rcu detected stall|INFO: rcu detected expedited|BUG: soft lockup|BUG: workqueue lockup|watchdog: BUG: soft lockup|INFO: rcu_(sched|preempt|bh) )/.test(
      t,
    )
  ) {
    return 'hang';
  }
  if (
    /^(possible deadlock|inconsistent lock state|WARNING: possible circular locking|WARNING: possible recursive locking|BUG: sleeping function called|WARNING: suspicious RCU usage|BUG: scheduling while atomic|INFO: trying to register non-static key)/.test(
      t,
    )
  ) {
    return 'locking';
  }
  if (/^memory leak/.test(t)) return 'leak';
  if (/^(WARNING|kernel BUG|BUG:)/.test(t)) return t.split(' in ')[0].split(' at ')[0];
  return t.split(' in ')[0];
}

/** The function (or file for "kernel BUG at f.c:LINE!") a title names, or null. */
export function titleFunction(title: string): string | null {
  const t = normalizeTitle(title);
  const at = /^kernel BUG at ([^:\s]+)/.exec(t);
  if (at) return at[1];
  const i = t.lastIndexOf(' in ');
  if (i < 0) return null;
  const fn = t
    .slice(i + 4)
    .trim()
    .split(/[\s/]/)[0];
  return fn && fn !== 'corrupted' ? fn : null;
}

/** Leading identifier token of a function, a cheap subsystem proxy (j1939_sk_sendmsg -> j1939). */
function functionPrefix(fn: string): string | null {
  const token = fn.replace(/^_+/, '').split('_')[0];
  if (token.length < 2 || GENERIC_PREFIX.has(token)) return null;
  return token;
}
const GENERIC_PREFIX = new Set([
  'do',
  'sys',
  'get',
  'put',
  'set',
  'new',
  'free',
  'alloc',
  'kernel',
  'task',
  'process',
]);

function isCorrupted(title: string): boolean {
  return /\bcorrupted\b/.test(title) && !/^BUG: corrupted list/.test(title);
}

/** Classifies one crash title against the target failure. */
export function matchTitle(
  title: string,
  target: string | null,
  isHarness: HarnessRule = NO_HARNESS,
): RunMatch {
  const t = normalizeTitle(title);
  if (target === null) return { match: 'family', weight: 1 };
  const goal = normalizeTitle(target);
  if (t === goal) return { match: 'exact', weight: MATCH_WEIGHT.exact };
  const targetInfra = isInfraTitle(goal, isHarness);
  if (isInfraTitle(t, isHarness)) {
    // A harness failure only counts when the bisected failure is itself one of its kind.
    if (targetInfra && t.split(':')[0] === goal.split(':')[0]) return { match: 'family', weight: 1 };
    return { match: 'infra', weight: 0 };
  }
  const sameClass = titleClass(t) === titleClass(goal);
  const fn = titleFunction(t);
  const goalFn = titleFunction(goal);
  // One title is the other plus the function it happened in: crash reports name the function only
  // when they can find one (and older tools never did), so both describe the same failure.
  if ((fn === null || goalFn === null) && (t.startsWith(goal + ' in ') || goal.startsWith(t + ' in '))) {
    return { match: 'family', weight: MATCH_WEIGHT.family };
  }
  if (fn && goalFn && fn === goalFn) {
    return sameClass
      ? { match: 'family', weight: MATCH_WEIGHT.family }
      : { match: 'related', weight: MATCH_WEIGHT.sameFunction };
  }
  if (isCorrupted(t)) {
    return sameClass
      ? { match: 'related', weight: MATCH_WEIGHT.corrupted }
      : { match: 'other', weight: MATCH_WEIGHT.other };
  }
  if (sameClass && titleClass(goal) === 'hang') return { match: 'related', weight: MATCH_WEIGHT.sameCluster };
  if (sharePrefix(fn, goalFn)) return { match: 'related', weight: MATCH_WEIGHT.sameSubsystem };
  return { match: 'other', weight: MATCH_WEIGHT.other };
}

function sharePrefix(fn: string | null, other: string | null): boolean {
  if (!fn || !other) return false;
  const p = functionPrefix(fn);
  return p !== null && p === functionPrefix(other);
}

/** What one crash report in the log shows: the functions and files its stack runs through. */
interface CrashStack {
  key: string;
  functions: Set<string>;
  files: string[];
}

/**
 * Same-bug matching with what the log itself shows beyond titles (docs/trust.md, "Failure
 * signatures"): the stack frames of its crash reports and the files the culprit changes. A crash
 * whose title differs from the bisected one still counts as the same bug, with weight
 * `sameCodePath`, when one's function lies on the other's stack, or when both name functions of
 * one subsystem (a shared prefix) and its own stack runs through the culprit's files. Without
 * reports this is `matchTitle`.
 */
export function matchTitleInLog(
  report: Pick<Report, 'crash' | 'culpritCrash' | 'culprit'> & Partial<Pick<Report, 'steps'>>,
): (title: string, target: string | null, isHarness?: HarnessRule) => RunMatch {
  const seenTogether = seenTogetherIn(report.steps ?? []);
  const stacks: CrashStack[] = [];
  for (const crash of [report.crash, report.culpritCrash]) {
    if (!crash?.title || !crash.report) continue;
    stacks.push({
      key: normalizeTitle(crash.title),
      functions: stackFunctionsOf(crash.report),
      files: [...stackFilesOf(crash.report)].filter((f) => !isReportingMachinery(f)),
    });
  }
  const culpritFiles = (report.culprit?.files ?? []).map((f) => f.path).filter(Boolean);
  if (stacks.length === 0 && (report.steps ?? []).length === 0) return matchTitle;
  const stacksOf = (key: string) => stacks.filter((s) => s.key === key);
  // A title names a function, or a file for "kernel BUG at f.c:LINE!".
  const onStack = (s: CrashStack, named: string) =>
    s.functions.has(named) || s.files.some((f) => f === named || f.endsWith('/' + named));
  const throughCulprit = (s: CrashStack) => s.files.some((f) => culpritFiles.some((p) => pathCovers(p, f)));
  return (title, target, isHarness = NO_HARNESS) => {
    const base = matchTitle(title, target, isHarness);
    if (target === null || base.match === 'infra' || base.weight >= MATCH_WEIGHT.sameCodePath) return base;
    const t = normalizeTitle(title);
    const goal = normalizeTitle(target);
    if (isInfraTitle(goal, isHarness)) return base;
    if (seenTogether(t, goal)) return { match: 'related', weight: MATCH_WEIGHT.seenTogether };
    const fn = titleFunction(t);
    const goalFn = titleFunction(goal);
    const sameCodePath =
      (fn !== null && stacksOf(goal).some((s) => onStack(s, fn))) ||
      (goalFn !== null && stacksOf(t).some((s) => onStack(s, goalFn))) ||
      (sharePrefix(fn, goalFn) && stacksOf(t).some(throughCulprit));
    return sameCodePath ? { match: 'related', weight: MATCH_WEIGHT.sameCodePath } : base;
  };
}

/**
 * Whether a crash title travels with the bisected one: both showed at two or more tested commits,
 * and the title showed without the bisected crash at one commit at most (the one being judged can be
 * that commit). A run ends at the first crash, so one bug can show as either title; an unrelated bug
 * older than the bisected one shows alone at the commits between the two. A kernel bisection's
 * verdicts keep both on the same commits whenever both are there, so this needs no crash reports.
 */
function seenTogetherIn(steps: readonly Pick<Report['steps'][number], 'titles'>[]) {
  const titleSets = steps.map((s) => new Set(Object.keys(s.titles ?? {}).map(normalizeTitle)));
  return (title: string, target: string): boolean => {
    let together = 0;
    let alone = 0;
    for (const titles of titleSets) {
      if (!titles.has(title)) continue;
      if (titles.has(target)) together++;
      else alone++;
    }
    return together >= 2 && alone <= 1;
  };
}
