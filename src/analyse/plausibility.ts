import type { Report, TrustReason } from '../model.js';
import { effectiveVerdict } from './window.js';
import { ON_SIGNATURE } from './signatures.js';
import {
  isDirectoryEntry,
  isReportingMachinery,
  pathCovers,
  pathInDirectory,
  pathMayCover,
  stackFilesOf,
} from './stacks.js';

export { stackFilesOf } from './stacks.js';
import { profileFor, type TrustProfile } from './profile.js';
import { formatExtras } from '../formats/registry.js';

/**
 * Is the located change point the bug's root cause? (trust-model.md §3.4, §5.9)
 * A bisection can find a real change in the reproducer's behaviour that is not where the bug came
 * from: a commit that makes old code reachable or buildable, a no-op build, a merge. These checks
 * read the culprit itself (files, signatures, subject) and the crash report, and give a
 * likelihood ratio each (see ROOT_LR); none names a particular commit, file or subsystem.
 */
export interface Plausibility {
  /** Prior probability that a correctly located change point is the root cause. */
  base: number;
  /** Probability after the checks below. */
  probability: number;
  reasons: TrustReason[];
  /** Files touched by the culprit that appear in the crash report's stack frames. */
  stackFiles: string[];
  noop: boolean;
}

/**
 * Base rates: kernel reproducers often find enabling commits; a project's own test rarely does.
 * The kernel base (in the format's trust profile) and the fitted ratios below are a logistic fit of P(right culprit) =
 * location × root cause on labelled syzbot bisections (`node scripts/bench-trust.mjs --cv` refits
 * them from each report's reason codes and prints 5-fold cross-validated numbers), rounded.
 */
export const ROOT_LR = {
  // Fitted (each has its own reason code, see FITTED_REASONS).
  stackMentionsFiles: 1.96,
  stackSilent: 0.46,
  longRange: 0.39,
  buildConfigOnly: 0.47,
  touchesBuildFiles: 0.42,
  veryLongRange: 0.18,
  addsDetector: 0.56,
  preciseReport: 2.57,
  // Shown to the reader but neutral: they did not separate right from wrong culprits (cross-validated;
  // a compiler switch marks the era of a long search more than a cause).
  stackSharesDirectory: 1,
  severalCompilers: 1,
  // Rare in the labelled data: set from what they mean, not fitted.
  noop: 0.01,
  merge: 0.01,
  release: 0.01,
  outsideKernel: 0.01,
} as const;

/** Reason code of each fitted ratio: the bench reads them back from the JSON to cross-validate. */
export const FITTED_REASONS: Record<string, keyof typeof ROOT_LR> = {
  'stack-mentions-culprit-files': 'stackMentionsFiles',
  'stack-misses-culprit-files': 'stackSilent',
  'long-range-bisection': 'longRange',
  'build-config-only-culprit': 'buildConfigOnly',
  'culprit-touches-build-files': 'touchesBuildFiles',
  'very-long-range-bisection': 'veryLongRange',
  'culprit-adds-detector': 'addsDetector',
  'precise-crash-report': 'preciseReport',
};

/** Reason codes that doubt the culprit as the root cause (their ratio is below 1), for the summary. */
export const ROOT_CAUSE_DOUBTS: ReadonlySet<string> = new Set(
  Object.entries(FITTED_REASONS)
    .filter(([, key]) => ROOT_LR[key] < 1)
    .map(([code]) => code),
);

/**
 * Subjects of commits that add a detector or a check (a warning, an assertion, a sanitizer,
 * lockdep annotations, a reference tracker): such a commit often starts reporting an older bug
 * rather than causing it (trust-model.md §3.4, "tool-introduction commits").
 */
const ADDS_DETECTOR =
  /\b(warn(s|ing)?|WARN_\w+|(VM_)?BUG_ON\w*|assert\w*|sanity|lockdep|kasan|kmsan|kcsan|ubsan|kfence|tracker|annotat\w*)\b/i;

/**
 * Memory-safety sanitizers report the faulting access itself, with allocation and free stacks, the
 * moment it happens; warnings, faults and hangs are often late consequences of a bug elsewhere.
 */
const PRECISE_REPORT = /^(KASAN|KMSAN|KFENCE):/;

const BUILD_CONFIG = /(^|\/)(Kconfig[^/]*|Makefile[^/]*|Kbuild|[^/]*defconfig)$/;

/** Files that are never built: documentation and repository metadata. */
const NOT_BUILT =
  /^(\.\.\.\/)?Documentation(\/|$)|\.(rst|txt|md)$|(^|\/)(MAINTAINERS|CREDITS|README[^/]*|\.gitignore|\.mailmap)$/;

/** Kernel trees: directories that are not part of the kernel build (tools, selftests, samples). */
const OUTSIDE_KERNEL = /^(tools|samples|LICENSES)(\/|$)/;

const dirOf = (path: string) => path.replace(/\/[^/]*$/, '');

function stackDirs(stack: Set<string>): Set<string> {
  const dirs = new Set<string>();
  for (const f of stack) if (f.includes('/')) dirs.add(dirOf(f));
  return dirs;
}

/**
 * A path git's diffstat shortened so far that the stack may run through it, or through its
 * directory, without this being told: it counts as neither a hit nor a miss.
 */
function stackCannotTell(path: string, stack: Set<string>): boolean {
  return [...stack].some((s) => pathMayCover(path, s) || pathInDirectory(path, dirOf(s)) === null);
}

export function assessCulprit(
  report: Report,
  target: string | null,
  profile: TrustProfile = profileFor(report),
): Plausibility {
  const culprit = report.culprit;
  const base = profile.rootCauseBase;
  const reasons: TrustReason[] = [];
  const result: Plausibility = { base, probability: base, reasons, stackFiles: [], noop: false };
  if (!culprit) return result;
  let logOdds = Math.log(base / (1 - base));
  const add = (lr: number) => (logOdds += Math.log(lr));
  // The checks below on merges, build files and detectors were learnt from kernel bisections, where
  // the reproducer is fixed and the kernel moves under it. A project's own failing test is another
  // matter: the merge, the Makefile change or the new assertion that broke it is what its authors
  // want named, so those checks only apply to kernel logs.
  const kernel = profile.kernelChecks;

  const extras = formatExtras(report);
  const build = extras.culpritBuild;
  if (build?.signature && build.parentSignature && build.signature === build.parentSignature) {
    result.noop = true;
    add(ROOT_LR.noop);
    reasons.push({
      code: 'no-op-build',
      message:
        'The culprit builds the same kernel as its parent (equal signatures): it cannot change the test result.',
    });
  }
  if (kernel && (culprit.merge || /^Merge (branch|tag|remote-tracking|git:|pull)/.test(culprit.subject))) {
    add(ROOT_LR.merge);
    reasons.push({
      code: 'merge-culprit',
      message:
        'The culprit is a merge: the change is somewhere in the merged branch, not in the merge itself.',
    });
  }
  if (culprit.release || /^Linux \d+\.\d+(\.\d+)?(-rc\d+)?$/.test(culprit.subject)) {
    add(ROOT_LR.release);
    reasons.push({
      code: 'release-culprit',
      message: 'The culprit is a release commit, which only changes the version: the bisection went wrong.',
    });
  }
  const files = culprit.files.map((f) => f.path).filter(Boolean);
  // Documentation is neither code nor build configuration: it is left out of the build checks.
  const builtFiles = files.filter((p) => !NOT_BUILT.test(p));
  const buildFiles = builtFiles.filter((p) => BUILD_CONFIG.test(p));
  if (kernel && files.length > 0 && builtFiles.every((p) => OUTSIDE_KERNEL.test(p))) {
    add(ROOT_LR.outsideKernel);
    reasons.push({
      code: 'culprit-outside-kernel',
      message:
        'The culprit only changes files outside the kernel build (tools, selftests, samples, documentation): it cannot change the kernel under test.',
    });
  } else if (kernel && builtFiles.length > 0 && buildFiles.length === builtFiles.length) {
    add(ROOT_LR.buildConfigOnly);
    reasons.push({
      code: 'build-config-only-culprit',
      message:
        'The culprit only changes build configuration (Kconfig, Makefile, ...): it likely made older code reachable rather than adding the bug.',
    });
  } else if (kernel && buildFiles.length > 0) {
    // New code wired into the build (a new driver, protocol, option) often exposes old bugs.
    add(ROOT_LR.touchesBuildFiles);
    reasons.push({
      code: 'culprit-touches-build-files',
      message: `The culprit also changes build configuration (${buildFiles.slice(0, 2).join(', ')}): it may have enabled code that already had the bug.`,
    });
  }

  // Stack relevance: only from a report of the bug itself (same signature), not of another crash.
  const texts: string[] = [];
  for (const crash of [report.crash, report.culpritCrash]) {
    if (!crash?.report) continue;
    if (target !== null && crash.title && profile.signatures.match(crash.title, target).weight < ON_SIGNATURE)
      continue;
    texts.push(crash.report);
  }
  if (texts.length > 0 && files.length > 0) {
    const stack = new Set<string>();
    for (const t of texts) for (const f of stackFilesOf(t)) if (!isReportingMachinery(f)) stack.add(f);
    // A directory entry (raw diff-tree lists top-level ones) names no file: the stack can run
    // through it or miss it, never through the culprit's files for sure.
    const hits = files.filter((p) => !isDirectoryEntry(p) && [...stack].some((s) => pathCovers(p, s)));
    const throughDirectory = files.some(
      (p) => isDirectoryEntry(p) && [...stack].some((s) => pathCovers(p, s)),
    );
    result.stackFiles = hits;
    if (hits.length > 0) {
      add(ROOT_LR.stackMentionsFiles);
      reasons.push({
        code: 'stack-mentions-culprit-files',
        message: `The crash stack runs through ${hits.slice(0, 3).join(', ')}${hits.length > 3 ? ', ...' : ''}, which the culprit changes.`,
      });
    } else if (
      throughDirectory ||
      files.some((p) => [...stackDirs(stack)].some((d) => pathInDirectory(p, d)))
    ) {
      add(ROOT_LR.stackSharesDirectory);
      reasons.push({
        code: 'stack-near-culprit-files',
        message: 'The crash stack runs through the directories the culprit changes (not the same files).',
      });
    } else if (stack.size > 0 && !files.some((p) => stackCannotTell(p, stack))) {
      add(ROOT_LR.stackSilent);
      reasons.push({
        code: 'stack-misses-culprit-files',
        message: 'None of the files the culprit changes appears in the crash stack.',
      });
    }
  }

  // Long-range bisections (the bug already crashed several older releases) land on enabling
  // commits more often: the code and the reproducer's path differ more across releases.
  if (kernel) {
    const crashedReleases = report.steps.filter((s) => s.release && effectiveVerdict(s) === 'bad').length;
    if (crashedReleases >= 2) {
      add(ROOT_LR.longRange);
      reasons.push({
        code: 'long-range-bisection',
        message: `The failure already reproduced on ${crashedReleases} older releases: long searches land on enabling changes more often.`,
      });
    }
    // Graded: each further release the bug survives makes an enabling commit more likely still.
    if (crashedReleases >= 3) {
      add(ROOT_LR.veryLongRange);
      reasons.push({
        code: 'very-long-range-bisection',
        message: `The bug is old: it crashed ${crashedReleases} releases, so the commit that made it show is often not the one that made it.`,
      });
    }
  }
  const detector = ADDS_DETECTOR.exec(culprit.subject);
  // A sanitizer report only speaks for the culprit when the culprit did not bring that sanitizer.
  const sanitizer = kernel && target !== null ? PRECISE_REPORT.exec(target) : null;
  if (sanitizer && detector?.[0].toLowerCase() !== sanitizer[1].toLowerCase()) {
    add(ROOT_LR.preciseReport);
    reasons.push({
      code: 'precise-crash-report',
      message:
        'A memory sanitizer reported the bad access itself (not a later symptom), which makes the first commit that shows it more often the one that added it.',
    });
  }
  if (kernel && detector && !result.noop) {
    add(ROOT_LR.addsDetector);
    reasons.push({
      code: 'culprit-adds-detector',
      message: `The culprit adds a check or detector ("${detector[0]}"): it may have started reporting an older bug rather than causing it.`,
    });
  }
  // Builds with different compilers: the reproducer's behaviour can change with the compiler,
  // so verdicts on either side of the switch compare different things.
  const compilers = new Set((extras.compilers ?? []).map((c) => c?.trim()).filter((c): c is string => !!c));
  if (compilers.size > 1) {
    add(ROOT_LR.severalCompilers);
    reasons.push({
      code: 'several-compilers',
      message: `The tested commits were built with ${compilers.size} different compilers: a compiler change can change whether the bug shows.`,
    });
  }
  result.probability = 1 / (1 + Math.exp(-logOdds));
  return result;
}
