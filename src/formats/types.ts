import type { Report, Verdict } from '../model.js';

/**
 * Everything the rest of the pipeline may ask about one log format. A format lives in its own
 * folder `src/formats/<name>/`, exports one `LogFormatDefinition` (built with `defineFormat`) and is
 * listed once in `src/formats/registry.ts`. Read, analyse and render ask the format through the
 * registry instead of comparing `report.format` with names.
 */
export interface LogFormatDefinition<Name extends string = string> {
  /** The name that ends up in `report.format` and that `--format` accepts; also the folder name. */
  name: Name;
  /** How summaries and the CLI name the format, e.g. "git bisect run". */
  displayName: string;
  /** Other names `--format` accepts for this format alone (e.g. `syz`). */
  aliases: readonly string[];
  /**
   * A group of formats `--format <family>` selects together, detection then picking among them
   * (e.g. `git`: the console and the `git bisect log` replay often appear in the same CI log).
   */
  family?: string;
  /** One phrase for `--help`, e.g. "syzkaller bisect.txt". */
  helpText: string;
  parser: LogParser;
  /** Crash titles that are harness or infrastructure noise rather than the bisected failure. */
  isHarnessTitle?(title: string): boolean;
  /**
   * Commands that restart the bisection from the log's bounds, replaying only the verdicts the runs
   * support, or null when the log lacks what they need.
   */
  replay?(report: Report, verdicts: readonly ReplayVerdict[]): ReplayPlan | null;
  /** One sentence telling how to re-run so each commit is tested several times, when the tool can. */
  repeatAdvice?: string;
  /**
   * The log's commits are commits of the user's git repository and its test is the user's command,
   * so `bisect-report verify` / `bisect` can re-run it there (reports suggest them only then).
   */
  rerunsInGit?: boolean;
  /**
   * The tool judged every commit the log shows it checking out, even where the log does not show the
   * verdict (`git bisect run` prints none). Inside the repository such a commit was judged bad exactly
   * when the named culprit is the commit or one of its ancestors, since the search only tests commits
   * left in its range (docs/formats/git-bisect.md); `unshownVerdicts` says how to put them in the log.
   */
  unshownVerdicts?: { followCulprit: true; advice: string };
  /** How the trust analysis treats this format's logs. */
  trust?: FormatTrustProfile;
  /** What renderers and the trust analysis may use of this format's `report.details.<name>`. */
  extras?(report: Report): FormatExtras;
}

/**
 * Facts some formats' logs carry beyond the core model, asked for by meaning rather than by
 * format: a format answers from its own `report.details.<name>`; absent = the log does not say.
 */
export interface FormatExtras {
  /** Build signatures of the culprit and of its parent, when the tool prints them (equal = no-op change). */
  culpritBuild?: { signature: string | null; parentSignature: string | null } | null;
  /** The compiler each step was built with (`report.steps` order), null where not printed. */
  compilers?: (string | null)[];
  /** Who the tool mails its result to. */
  recipients?: string[];
}

/**
 * Per-format knobs of the trust analysis. Loosely typed on purpose: the trust analysis adds what it
 * needs here; a format leaves out what does not apply to it.
 */
export interface FormatTrustProfile {
  /**
   * The culprit is a kernel commit tested by a fixed reproducer while the kernel moves under it:
   * the checks on merges, build files and detectors apply, and the base rate of right culprits is
   * the kernel one.
   */
  kernel?: boolean;
  /**
   * Each run is a reproducer that crashes with a title (not a project's test that fails or passes):
   * reports speak of hits, other crashes and censored runs. Without it they say failed, passed and
   * couldn't run.
   */
  crashReproducer?: boolean;
  /** syzbot's own confidence formula and its later verdict rules can be replayed on the log. */
  syzbotRules?: boolean;
  /**
   * How failure titles are compared with the bisected one (docs/trust.md, "Failure signatures").
   * Without it, titles are a project test's failure lines, compared by normalised signature.
   */
  signatures?: {
    /** Titles with the same key count as one failure. */
    key(title: string): string;
    /** How strongly a failure with this title shows the target (weight 0..1); harness titles: 'infra'. */
    match(title: string, target: string | null, isHarness: (title: string) => boolean): RunMatchLike;
    /**
     * The same comparison using what this log shows beyond titles (crash stacks, the culprit's
     * files); `match` is used when absent.
     */
    inLog?(
      report: Pick<Report, 'crash' | 'culpritCrash' | 'culprit'> & Partial<Pick<Report, 'steps'>>,
    ): (title: string, target: string | null, isHarness: (title: string) => boolean) => RunMatchLike;
  };
  /** Prior probability that a correctly located change point is the bug's root cause (default 0.9). */
  rootCauseBase?: number;
  /**
   * Prior weight of a tested commit having its own, lower repro rate (default 0): a kernel moves
   * under a fixed reproducer, so its rate drifts across commits; a project's test defines its
   * culprit as the first commit where it fails at its rate.
   */
  drift?: number;
}

/** How strongly one failure shows the bisected one (`RunMatch` of src/analyse/signatures.ts). */
export interface RunMatchLike {
  match: 'exact' | 'family' | 'related' | 'other' | 'infra' | 'clean' | 'censored';
  weight: number;
}

/** One tested commit, as the renderer proposes it for a replay. */
export interface ReplayVerdict {
  commit: string;
  verdict: Extract<Verdict, 'good' | 'bad'>;
  /** Whether the runs support the tool's verdict well enough to replay it. */
  trusted: boolean;
  /** What speaks against replaying it, e.g. "weakest link" (shown when it is left out). */
  doubt: string;
  /** The runs behind the verdict, e.g. "10 hits". */
  note: string;
}

export interface ReplayPlan {
  /** Restarts the bisection from the same bounds. */
  start: string;
  /** One command per replayed verdict, with the runs behind it. */
  lines: { command: string; note: string }[];
  /** Verdicts left out, with why. */
  dropped: { commit: string; note: string }[];
  /** Lets `runs` runs per commit decide the rest, or null when the tool cannot. */
  repeat(runs: number): string | null;
}

/**
 * A parser for one log format. Parsing is streaming: the reader pushes unwrapped lines
 * (no line terminator) one at a time and asks for the report at the end. A parser keeps
 * bounded state: capped prefixes of free text, counters, one entry per tested commit.
 */
export interface LogParser {
  /**
   * Looks at one early line and says whether it is a decisive sign of this format.
   * Detection stops at the first decisive line of any parser.
   */
  detectLine(line: string): boolean;
  /**
   * Formats whose decisive lines this format's output also prints (jj prints git's "Bisecting:"
   * line): when one of them is detected, this parser still wins if its own decisive line follows
   * within a few lines.
   */
  refines?: readonly string[];
  /**
   * For a file no parser recognised: a hint when its first lines look like this format in a shape
   * we can't read (e.g. translated messages), or null.
   */
  unrecognizedHint?(firstLines: string[]): string | null;
  create(source: string): LineSink;
}

export interface LineSink {
  line(text: string): void;
  /** Called once after the last line. */
  end(): Report;
}

/** Keeps the format's name as a literal type, so the registry can list the names. */
export function defineFormat<const Name extends string>(
  format: LogFormatDefinition<Name>,
): LogFormatDefinition<Name> {
  return format;
}

/** Wraps a format's sink so that odd input never throws out of `line()` (parsers must not throw). */
export function guardedSink(
  sink: { line(text: string): void; end(source: string): Report },
  source: string,
): LineSink {
  return {
    line: (text) => {
      try {
        sink.line(text);
      } catch {
        // an unknown shape is ignored, never an exception
      }
    },
    end: () => sink.end(source),
  };
}
