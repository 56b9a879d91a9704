/**
 * The one report model every parser produces and every later stage reads.
 * Field names are a public contract (JSON output, schema/report.schema.json): add, never rename —
 * except inside `analysis`, which is explicitly unstable, and `details.<format>`, owned by its format.
 */

import type { FormatName, ReportDetails } from './formats/registry.js';

/**
 * Version of schema/report.schema.json that `--json` and `report-json` follow: it changes when a
 * field is renamed or removed. Fields whose schema description says "unstable" may change anyway.
 */
export const SCHEMA_VERSION = 2;

/** A registered format's name (src/formats/registry.ts), or `unknown` for unrecognised input. */
export type LogFormat = FormatName | 'unknown';
export type Direction = 'cause' | 'fix';
export type Status =
  | 'found'
  | 'ambiguous'
  /** The tool narrowed the change to a range (`Report.range`) and stops there: a result, not a failure. */
  | 'range'
  | 'no-culprit'
  | 'not-reproduced'
  | 'failed'
  | 'incomplete'
  | 'unrecognized';
export type Verdict = 'good' | 'bad' | 'skip' | 'untested';
export type TrustLabel = 'verified' | 'likely' | 'range' | 'unreliable' | 'contradicted';

export interface Person {
  name: string;
  email: string;
}

export interface Commit {
  sha: string;
  subject: string;
  author: Person | null;
  /** As printed by the tool (e.g. "Tue Feb 16 13:24:05 2021 -0700"), or null. */
  date: string | null;
  files: { path: string }[];
  merge: boolean;
  /** The commit is a release (tag like v5.10) rather than an ordinary change. */
  release: boolean;
  /**
   * The repository the commit lives in, when the log names one that may not be this one (a
   * toolchain's culprit in rust-lang/rust). Absent/null = the repository the workflow runs in.
   * `slug` is owner/name on github.com, when known.
   */
  repository?: { url: string; slug?: string | null } | null;
}

export interface Candidate {
  sha: string;
  subject: string;
}

/** What one run of the test/reproducer at one commit produced. */
export type RunKind =
  | 'ok' // clean run
  | 'crash' // crashed / test failed, with a title when known
  | 'boot-failed'
  | 'test-failed' // "basic kernel testing failed": the harness, not the bug
  | 'build-failed'
  | 'infra' // infrastructure problem, lost connection, ...
  | 'ignore' // tool said to ignore this run
  | 'error'; // other failure of the harness

export interface RunTally {
  /** Runs performed (counted or, when `estimated`, assumed). */
  total: number;
  /** Runs that failed / crashed (any title). */
  failed: number;
  /** Clean runs. */
  passed: number;
  /** Runs that tell nothing about the bug: boot/build/infra failures, ignored runs. */
  other: number;
  /** True when the log gave no counts (e.g. "all runs: OK") and these are assumed. */
  estimated?: boolean;
}

export interface Step {
  commit: string;
  subject: string | null;
  /**
   * The verdict the bisection tool gave this commit, normalised so that `bad` always means "the
   * bisected failure shows here" and `good` "it does not" — also in fix bisections, where
   * the tool may tell git `good` for a commit that still crashes.
   */
  verdict: Verdict;
  runs: RunTally;
  /** Crash/failure title -> number of runs that showed it. */
  titles: Record<string, number>;
  /** Individual run outcomes in order, when the log lists them (capped). */
  outcomes?: { kind: RunKind; title?: string }[];
  /** "Bisecting: N revisions left to test after this (roughly M steps)" printed when this commit was checked out. */
  revisionsLeft?: number | null;
  stepsLeft?: number | null;
  /** Set when the step tests a release (e.g. "testing release v5.10") rather than a bisection midpoint. */
  release?: string | null;
  /** The original commit the failure was seen on (a kernel bisection's first test block). */
  original?: boolean;
  buildSeconds?: number | null;
  testSeconds?: number | null;
  /** Position in the window (0 = good end, window.commits = bad end) when the log states it (`bisect-report bisect`). */
  position?: number | null;
}

export interface Crash {
  title: string;
  /** Capped prefix of the crash report text, when the log carries one. */
  report?: string | null;
}

export interface TrustReason {
  /** Stable machine-readable code, e.g. "off-signature-verdict". */
  code: string;
  message: string;
}

export interface WeakestLink {
  commit: string | null;
  message: string;
  /** How many run outcomes would have to flip to change the answer. */
  fragility: number | null;
}

/** One tested commit in the trust analysis: its evidence and whether it agrees with the tool's verdict. */
export interface EvidenceEntry {
  commit: string;
  /** Position in the bisection window (0 = good end, windowSize = bad end), when known. */
  position: number | null;
  /** The tool's verdict (for the original commit and releases, derived from the runs). */
  verdict: Verdict;
  /** Runs showing the bisected failure (same title or family). */
  hits: number;
  /** Crash runs with another, unrelated title. */
  otherCrashes: number;
  clean: number;
  /** Runs that tell nothing (infra, boot/build/test failures, harness crashes such as SYZFAIL). */
  censored: number;
  /** log10 of P(runs | bug present) / P(runs | bug absent), rates integrated out. */
  log10BayesFactor: number | null;
  bayesFactor: number | null;
  /** Whether the evidence points the same way as the verdict (null for skips / no evidence). */
  agrees: boolean | null;
  /** Counts were assumed (e.g. "all runs: OK"). */
  estimated?: boolean;
}

export interface Trust {
  label: TrustLabel;
  /** Posterior probability that the reported culprit (or the candidate set) holds the true culprit. */
  probability: number;
  /**
   * `probability` should the test be as unreliable as the log allows (its repro rate at the 5%
   * quantile, its false-alarm rate at the 95% quantile): what the label rests on (docs/trust.md).
   */
  assuredProbability?: number;
  reasons: TrustReason[];
  weakestLink?: WeakestLink | null;
  /** 95% credible range of the culprit, as commits (oldest first) or positions when shas are unknown. */
  range95?: {
    first: string | null;
    last: string | null;
    commits: number;
    /** The range starts right after this commit (exclusive), when `first` itself is unknown. */
    after?: string | null;
    /** git notation of the range, e.g. "after..last". */
    gitRange?: string | null;
  } | null;
  reproRate?: { mean: number; low: number; high: number } | null;
  falseAlarmRate?: { mean: number; low: number; high: number } | null;
}

/**
 * Internals of the trust analysis behind `Report.trust`, for debugging and plots. Unstable: any
 * field may change shape or go away in any release, whatever the schema version.
 */
export interface Analysis {
  /** P(culprit is outside the bisection window), P(no real culprit). */
  outside?: number;
  noCulprit?: number;
  /**
   * Posterior mass per window position, oldest first (compact; may be coarsened for rendering).
   * With `span` > 1 an entry covers positions position..position+span-1 and `p` is their total.
   */
  posterior?: { position: number; commit: string | null; p: number; span?: number }[];
  /** P(the reported culprit is where the reproducer's behaviour changes), from the runs alone. */
  locationProbability?: number;
  /** P(that change point is the bug's root cause), from checks on the culprit and the crash stack. */
  rootCauseProbability?: number;
  /** Per tested commit evidence, in test order. */
  ledger?: EvidenceEntry[];
  /** The tool's own confidence replayed on this log, when its format's trust profile has the rules. */
  toolConfidence?: number | null;
  /** What the log yields under other rules (e.g. the tool's later verdict rules). */
  counterfactual?: string[];
  /** Number of commits in the bisection window (reconstructed unless `positionsExact`). */
  windowSize?: number | null;
  positionsExact?: boolean;
}

export interface Retest {
  commit: string;
  runs: number;
  why?: string;
}

export interface Report {
  /** Path (or name) of the log this report was read from. */
  source: string;
  format: LogFormat;
  direction: Direction;
  status: Status;
  /** One line saying why, for failed/no-culprit/incomplete/unrecognized and friends. */
  reason?: string | null;
  culprit: Commit | null;
  candidates: Candidate[];
  /** The failure being bisected: what was seen on the original / bad commit. */
  crash: Crash | null;
  /** The crash the tool saw at the culprit, when it differs from `crash`. */
  culpritCrash?: Crash | null;
  steps: Step[];
  flaky: boolean;
  /** Why `flaky` is true (tool flags, mixed steps). */
  flakyReasons?: string[];
  trust: Trust | null;
  retest: Retest[];
  /** The bisection's starting bounds as the log tells them. */
  window?: {
    good: string[];
    bad: string | null;
    /** Commits after the good end up to the bad end, when the log states it (`bisect-report bisect`). */
    commits?: number | null;
  } | null;
  /**
   * The range the change lies in, as the tool states it: after `firstGood`, no later than `firstBad`
   * (revisions as the tool prints them: shas, nightlies, build numbers). Status `range` when that is
   * the answer; with a culprit, the range the tool searched last.
   */
  range?: {
    firstGood: string | null;
    firstBad: string | null;
    commits?: number | null;
    /** Where these revisions live, when not in this repository (as Commit.repository). */
    repository?: { url: string; slug?: string | null } | null;
  } | null;
  /**
   * The test command the bisection ran, as the log shows it (`git bisect run`'s `running` line), with
   * quoting undone. It names the failure when the log has no failure title (src/github/marker.ts).
   */
  testCommand?: string | null;
  /** Custom terms (git bisect --term-old/--term-new). */
  terms?: { old: string; new: string } | null;
  revisionsTested?: number | null;
  timing?: { totalSeconds: number | null; buildSeconds: number | null; testSeconds: number | null } | null;
  /** Extra hints for the reader (e.g. "run git with LC_ALL=C"). */
  hints?: string[];
  /**
   * What only one format knows, under its name (`details.<format>`), typed by the format in its
   * own folder. Read it through the format's registry hooks, never by name outside src/formats.
   */
  details?: ReportDetails;
  /** Internals of the trust analysis (unstable; see `Analysis`); absent when `trust` is null. */
  analysis?: Analysis;
}

export function emptyReport(source: string, format: LogFormat = 'unknown'): Report {
  return {
    source,
    format,
    direction: 'cause',
    status: 'unrecognized',
    reason: null,
    culprit: null,
    candidates: [],
    crash: null,
    steps: [],
    flaky: false,
    trust: null,
    retest: [],
  };
}

export function emptyTally(): RunTally {
  return { total: 0, failed: 0, passed: 0, other: 0 };
}

/** Trust labels, most trustworthy first. */
export const TRUST_LABELS: readonly TrustLabel[] = [
  'verified',
  'likely',
  'range',
  'unreliable',
  'contradicted',
];

/** A label's place in TRUST_LABELS: 0 for `verified`, growing as trust falls. */
export function trustLevel(label: TrustLabel): number {
  return TRUST_LABELS.indexOf(label);
}

/** A culprit people may act on without re-testing first: `verified` or `likely`. */
export function isTrustedLabel(label: TrustLabel | null | undefined): boolean {
  return label === 'verified' || label === 'likely';
}

/**
 * Whether two commit ids name the same commit. Logs abbreviate ids to different lengths: equal, or
 * one a prefix of the other of at least 7 hex digits (git's shortest abbreviation), ignoring case.
 */
export function sameCommit(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return sameCommitLowerCase(a.toLowerCase(), b.toLowerCase());
}

/** sameCommit for ids already in lower case, for loops over many ids. */
export function sameCommitLowerCase(x: string, y: string): boolean {
  if (x === y) return true;
  if (Math.min(x.length, y.length) < 7) return false;
  return x.length < y.length ? y.startsWith(x) : x.startsWith(y);
}
