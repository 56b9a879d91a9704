/**
 * Line shapes of syzkaller bisection logs (docs/formats/syzkaller.md) and small
 * value parsers. Regexes here are only ever run after a cheap prefix check in the parser.
 */
import type { RunKind } from '../../model.js';

export const H = '[0-9a-f]{40}';

export const RE = {
  hostStart:
    /^\S+ starts bisection \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4} \S+(?: m=[+-][0-9.]+)?$/,
  startCause: new RegExp(`^bisecting cause commit starting from (${H})$`),
  startFix: new RegExp(`^bisecting fixing commit since (${H})$`),
  startOld: new RegExp(`^searching for (guilty|fixing) commit (?:starting from|since) (${H})$`),
  buildSyz: new RegExp(`^building syzkaller on (${H})$`),
  ensuring: new RegExp(`^ensuring issue is reproducible on original commit (${H})$`),
  rewritten: new RegExp(`^rewritten commit (${H}) reidentified by title '(.*)'$`),
  testWith: new RegExp(`^testing commit (${H}) with (.+)$`),
  testType: new RegExp(`^testing commit (${H}) (gcc|clang)$`),
  testPlain: new RegExp(`^testing commit (${H})$`),
  testRelease: /^testing release (\S+)$/,
  testHead: new RegExp(`^testing current HEAD (${H})$`),
  mergeBaseIs: new RegExp(`^(${H})/(.*) is a merge base(?:, check if it has the bug)?$`),
  kernelSig: /^kernel signature: ([0-9a-f]+)$/,
  oldCulpritSig: /^kernel signature: {3}([0-9a-f]*)$/,
  previousSig: /^previous signature: ([0-9a-f]*)$/,
  culpritSig: /^culprit signature: ([0-9a-f]*)$/,
  parentSig: /^parent {2}signature: ([0-9a-f]*)$/,
  parentUntested: new RegExp(`^parent commit (${H}) wasn't tested$`),
  failedBuilding: new RegExp(`^failed building (${H}): ?(.*)$`),
  failedTestingRepro: new RegExp(`^failed testing reproducer on (${H}):? ?(.*)$`),
  runN: /^run #(\d+): (.*)$/,
  gitStart: /^# git bisect start (\S+) (\S+)$/,
  gitStep: new RegExp(`^# git bisect (good|bad|skip) (${H})$`),
  bisecting: /^Bisecting: (\d+) revisions? left to test after this \(roughly (\d+) steps?\)$/,
  gitCurrent: new RegExp(`^\\[(${H})\\] (.*)$`),
  firstBadGit: new RegExp(`^(${H}) is the first bad commit$`),
  bareHash: new RegExp(`^(${H})$`),
  revisions: /^revisions tested: (\d+), total time: (\S+) \(build: (\S+), test: (\S+)\)$/,
  firstCommit: new RegExp(`^first (bad|good) commit: (${H}) ?(.*)$`),
  inconclusive: /^bisection is inconclusive, the first (bad|good) commit could be any of:$/,
  flakyEstimate: /^reproducer is flaky \(([0-9.]+) repro chance estimate\)$/,
  unableVerdict: /^unable to determine the verdict: /,
  releaseSubject: /^Linux \d+\.\d+(?:\.\d+)?(?:-rc\d+)?$/,
} as const;

/** Footer lines meaning "no culprit: the crash is on the oldest release / still on HEAD". */
export const OLDEST_RELEASE = new Set([
  'the crash already happened on the oldest tested release',
  'oldest tested release already had the bug or it had kernel test errors',
]);
export const STILL_ON_HEAD = new Set([
  'the crash still happens on HEAD',
  'the crash is still unfixed',
  'crash still not fixed on HEAD or HEAD had kernel test errors',
  'crash still not fixed or there were kernel test errors',
]);

/** Lines that are part of the log's grammar but carry nothing the report needs. */
const IGNORED_PREFIXES = [
  'fetch other tags and check if the commit is present',
  'fetch failed with ',
  '# configuration already minimized',
  'check whether we can drop unnecessary instrumentation',
  'disabling configs for [',
  'there was nothing we could disable; skip',
  'the bug reproduces without the instrumentation',
  'kconfig minimization: ',
  'minimized to ',
  'split chunk',
  'no way to further split the chunk',
  'testing without sub-chunk ',
  'the chunk can be dropped',
  "no need to test this chunk, it's definitely needed",
  'we have reached the limit on predicate runs',
  'config minimization failed due to bad Kconfig',
  'proceeding with the original config',
  'base config crashes',
  'trying half: ',
  'half crashed',
  'both halves did not crash',
  'resulting configs: ',
  'only full config crashes',
  '# using ',
  '# start config bisection',
  '# config_bisect.pl ',
  '# testing with generated minimized config',
  '# found config option changes',
  'crash reproduces with baseline config',
  'testing baseline config failed',
  'unable to test using baseline config',
  'minimizing config failed: ',
  'picked [',
  'determining the merge base between ',
  'expected 1 merge base, got ',
  "reproducer does not crash the merge base, so there's no known bad commit",
  'crash still not fixed/happens on the oldest tested release',
  'HEAD had kernel build, boot or test errors',
  'representative crash: ',
  'too many neither good nor bad results',
  'false negative chance: ',
  'determine whether the revision contains the guilty commit',
  'revision ',
  'checking the merge base ',
  'no existing result, test the revision',
  'the bug was not introduced yet; pretend that kernel crashed',
  'Bisecting: a merge base must be tested',
  "There are only 'skip'ped commits left to test.",
  'The first bad commit could be any of:',
  'We cannot bisect more!',
  'warning: unable to access ',
  'accumulated error probability: ',
  'failed to detect release: ',
  'failed to detect noop change: ',
  'commit msg: ',
];

/** True for grammar lines the parser does not need (so they are not mistaken for build output). */
export function isIgnoredLine(line: string): boolean {
  for (const p of IGNORED_PREFIXES) if (line.startsWith(p)) return true;
  return false;
}

export interface RunVerdict {
  kind: RunKind;
  title?: string;
}

const VERDICT_PREFIXES: [string, RunKind][] = [
  ['crashed: ', 'crash'],
  ['boot failed: ', 'boot-failed'],
  ['basic kernel testing failed: ', 'test-failed'],
  ['infra problem: ', 'infra'],
  ['ignore: ', 'ignore'],
  ['failed: ', 'error'],
];

/** Parses the text after `run #N: ` / `all runs: `; null when it is not a verdict. */
export function parseRunVerdict(text: string): RunVerdict | null {
  if (text === 'OK' || text.startsWith('OK ')) return { kind: 'ok' };
  for (const [prefix, kind] of VERDICT_PREFIXES) {
    if (text.startsWith(prefix)) return { kind, title: capText(text.slice(prefix.length).trim(), 300) };
  }
  return null;
}

const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/g;
const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** Go `time.Duration.String()` ("3h39m47.62s", "6.3ms", "0s") to seconds; null when unreadable. */
export function parseGoDuration(text: string): number | null {
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(DURATION_PART)) {
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    consumed += m[0].length;
  }
  if (consumed === 0 || consumed !== text.replace(/^-/, '').length) return null;
  return Math.round(total * 1000) / 1000;
}

/** Go `%q` of a []string: `["a@b" "c@d"]` (already without the brackets) to its strings. */
export function parseGoStringList(inner: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  for (const m of inner.matchAll(re)) out.push(m[1].replace(/\\(.)/g, '$1'));
  if (out.length === 0) {
    for (const w of inner.split(/[\s,]+/)) if (w) out.push(w);
  }
  return out;
}

export function capText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Cheap test: does the line start with 40 lowercase hex digits? */
export function startsWithHash(line: string): boolean {
  if (line.length < 40) return false;
  for (let i = 0; i < 40; i++) {
    const c = line.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}
