/* Generated from schema/report.schema.json by `npm run schema-types` (json-schema-to-typescript): do not edit. */

/**
 * This interface was referenced by `BisectReportOutput`'s JSON-Schema
 * via the `definition` "sha".
 */
export type Sha = string;

/**
 * Schema version 2. The version changes when a field is renamed or removed; fields may be added within a version. `analysis` is unstable: its fields may change in any release.
 */
export interface BisectReportOutput {
  /**
   * Version of this schema the document follows (written by the CLI's --json and the action's report-json).
   */
  schemaVersion?: 2;
  reports: Report[];
}
/**
 * This interface was referenced by `BisectReportOutput`'s JSON-Schema
 * via the `definition` "report".
 */
export interface Report {
  source: string;
  format:
    | 'syzkaller'
    | 'git-bisect-run'
    | 'git-bisect-log'
    | 'cargo-bisect-rustc'
    | 'mozregression'
    | 'chromium-bisect-builds'
    | 'hg-bisect'
    | 'jj-bisect'
    | 'lkp'
    | 'kernelci'
    | 'git-bayesect'
    | 'unknown';
  direction: 'cause' | 'fix';
  status:
    | 'found'
    | 'ambiguous'
    | 'range'
    | 'no-culprit'
    | 'not-reproduced'
    | 'failed'
    | 'incomplete'
    | 'unrecognized';
  reason?: string | null;
  culprit: null | Commit;
  candidates: Candidate[];
  crash: null | Crash;
  culpritCrash?: null | Crash;
  steps: Step[];
  flaky: boolean;
  flakyReasons?: string[];
  trust: null | Trust;
  retest: {
    commit: string;
    runs: number;
    why?: string;
  }[];
  window?: null | {
    good: string[];
    bad: string | null;
    commits?: number | null;
  };
  range?: null | {
    firstGood: string | null;
    firstBad: string | null;
    commits?: number | null;
    repository?: null | {
      url: string;
      slug?: string | null;
    };
  };
  /**
   * The test command the bisection ran, as the log shows it (git bisect run's `running` line, quoting undone), when it does.
   */
  testCommand?: string | null;
  terms?: null | {
    old: string;
    new: string;
  };
  revisionsTested?: number | null;
  timing?: null | {
    totalSeconds: number | null;
    buildSeconds: number | null;
    testSeconds: number | null;
  };
  hints?: string[];
  /**
   * What only one format knows, under the format's name.
   */
  details?: {
    syzkaller?: SyzkallerDetails;
  };
  analysis?: Analysis;
}
/**
 * This interface was referenced by `BisectReportOutput`'s JSON-Schema
 * via the `definition` "commit".
 */
export interface Commit {
  sha: Sha;
  subject: string;
  author: null | Person;
  date: string | null;
  files: {
    path: string;
  }[];
  merge: boolean;
  release: boolean;
  repository?: null | {
    url: string;
    slug?: string | null;
  };
}
/**
 * This interface was referenced by `BisectReportOutput`'s JSON-Schema
 * via the `definition` "person".
 */
export interface Person {
  name: string;
  email: string;
}
/**
 * This interface was referenced by `BisectReportOutput`'s JSON-Schema
 * via the `definition` "candidate".
 */
export interface Candidate {
  sha: Sha;
  subject: string;
}
/**
 * This interface was referenced by `BisectReportOutput`'s JSON-Schema
 * via the `definition` "crash".
 */
export interface Crash {
  title: string;
  report?: string | null;
}
/**
 * This interface was referenced by `BisectReportOutput`'s JSON-Schema
 * via the `definition` "step".
 */
export interface Step {
  commit: string;
  subject: string | null;
  verdict: 'good' | 'bad' | 'skip' | 'untested';
  runs: Tally;
  titles: {
    [k: string]: number;
  };
  outcomes?: {
    kind: 'ok' | 'crash' | 'boot-failed' | 'test-failed' | 'build-failed' | 'infra' | 'ignore' | 'error';
    title?: string;
  }[];
  revisionsLeft?: number | null;
  stepsLeft?: number | null;
  release?: string | null;
  original?: boolean;
  buildSeconds?: number | null;
  testSeconds?: number | null;
  position?: number | null;
}
/**
 * This interface was referenced by `BisectReportOutput`'s JSON-Schema
 * via the `definition` "tally".
 */
export interface Tally {
  total: number;
  failed: number;
  passed: number;
  other: number;
  estimated?: boolean;
}
/**
 * This interface was referenced by `BisectReportOutput`'s JSON-Schema
 * via the `definition` "trust".
 */
export interface Trust {
  label: 'verified' | 'likely' | 'range' | 'unreliable' | 'contradicted';
  probability: number;
  reasons: {
    code: string;
    message: string;
  }[];
  weakestLink?: null | {
    commit: string | null;
    message: string;
    fragility: number | null;
  };
  range95?: null | {
    first: string | null;
    last: string | null;
    commits: number;
    after?: string | null;
    gitRange?: string | null;
  };
  reproRate?: null | Interval;
  falseAlarmRate?: null | Interval;
  assuredProbability?: number;
}
/**
 * This interface was referenced by `BisectReportOutput`'s JSON-Schema
 * via the `definition` "interval".
 */
export interface Interval {
  mean: number;
  low: number;
  high: number;
}
/**
 * What a syzkaller log tells beyond the core model.
 *
 * This interface was referenced by `BisectReportOutput`'s JSON-Schema
 * via the `definition` "syzkallerDetails".
 */
export interface SyzkallerDetails {
  /**
   * Kernel build signatures of the culprit and of its parent (equal = a no-op build), when printed.
   */
  culprit?: {
    signature: string | null;
    parentSignature: string | null;
  };
  /**
   * One entry per `steps` entry, same order: that test's kernel build signature and compiler.
   */
  steps?: {
    signature?: string | null;
    compiler?: string | null;
  }[];
  /**
   * Who syzbot mails the result to (the `cc:` line).
   */
  recipients?: string[];
}
/**
 * Unstable: internals of the trust analysis behind `trust`, for debugging and plots; any field may change shape or go away in any release, whatever the schema version.
 *
 * This interface was referenced by `BisectReportOutput`'s JSON-Schema
 * via the `definition` "analysis".
 */
export interface Analysis {
  outside?: number;
  noCulprit?: number;
  posterior?: {
    position: number;
    commit: string | null;
    p: number;
    span?: number;
  }[];
  locationProbability?: number;
  rootCauseProbability?: number;
  ledger?: {
    commit: string;
    position: number | null;
    verdict: 'good' | 'bad' | 'skip' | 'untested';
    hits: number;
    otherCrashes: number;
    clean: number;
    censored: number;
    log10BayesFactor: number | null;
    bayesFactor: number | null;
    agrees: boolean | null;
    estimated?: boolean;
  }[];
  /**
   * The tool's own confidence formula replayed on this log, when its format's trust profile has the rules.
   */
  toolConfidence?: number | null;
  counterfactual?: string[];
  windowSize?: number | null;
  positionsExact?: boolean;
}
