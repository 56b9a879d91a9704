/**
 * `bisect-report bisect` and `bisect-report verify` (docs/bisect.md): run the user's test at the
 * commits the engine (src/bisect/) asks for, in private worktrees, and write a log this project
 * reads back. The decisions are the engine's; this file only runs processes and writes lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createBisection, totalRuns, type Bisection, type Decision, type Outcome } from '../bisect/engine.js';
import {
  formatPositionLine,
  formatResultLine,
  formatWindowLine,
  type ResultKind,
} from '../bisect/logLines.js';
import { formatRunLine, type RunResult } from '../formats/git-common/engine.js';
import { neutraliseWorkflowCommands } from '../render/escape.js';
import {
  firstParent,
  GitError,
  openRepo,
  pinUntracked,
  resolveCommit,
  subjectOf,
  subjectsOf,
  windowCommits,
  Worktrees,
  type Repo,
} from './git/worktrees.js';
import { Lookahead } from './lookahead.js';
import { formatP, formatProbability } from '../probability.js';
import { EXIT_STDOUT_CLOSED, noteStdoutError, stdoutClosed } from './stdout.js';
import { commandHelp, parseOptions, type CommandSpec, type OptionSpec } from './help.js';
import { endGroup, groupGone, TIMEOUT_EXIT, timeoutSeconds } from './processGroup.js';
import { DEFAULT_TITLE, FailureTitle } from './failureTitle.js';

/** Every option `bisect` and `verify` parse; each command's help lists its own (src/cli/help.ts). */
const BISECT_OPTIONS = {
  options: {
    good: { type: 'string', value: 'REV', help: 'last commit known to pass (required)' },
    bad: { type: 'string', value: 'REV', help: 'first commit known to fail (required)' },
    culprit: { type: 'string', value: 'REV', help: 'the commit to check (required)' },
    parent: {
      type: 'string',
      value: 'REV',
      help: "the commit to check it against (default: the culprit's first parent)",
    },
    confidence: {
      type: 'string',
      value: 'P',
      default: '0.95',
      help: 'probability the answer must reach, between 0.5 and 1 (default 0.95)',
    },
    jobs: {
      type: 'string',
      short: 'j',
      value: 'N',
      default: '1',
      help: 'run N tests at once, each in its own temporary git worktree, 1 to 64 (default 1)',
    },
    'max-runs': {
      type: 'string',
      value: 'N',
      default: '500',
      help: 'stop (exit 3) after N runs without an answer (default 500)',
    },
    timeout: {
      type: 'string',
      value: 'SECONDS',
      help: 'end a run still going after SECONDS (its whole process group) and count it as failing: a hang is the failure for most regressions (default: no limit)',
    },
    'min-repro': {
      type: 'string',
      value: 'R',
      default: '0.05',
      help: 'a failure rarer than R at the bad end counts as "does not reproduce" (default 0.05)',
    },
    log: { type: 'string', value: 'FILE', help: 'write the log (a git bisect log) there (default: stdout)' },
    'title-regex': {
      type: 'string',
      value: 'RE',
      help: 'take the failure title from the first output line matching RE (default: FAIL:, Error:, panic: …)',
    },
    verbose: {
      type: 'boolean',
      short: 'v',
      default: false,
      help: "pass the test's output to stderr, each line prefixed with commit and run",
    },
    help: { type: 'boolean', short: 'h', default: false, help: 'print this help and exit' },
  },
} as const satisfies { options: Record<string, OptionSpec> };

const SHARED_NOTES = [
  'COMMAND runs in a temporary worktree of each commit it tests, with BISECT_REPORT_COMMIT, BISECT_REPORT_RUN',
  'and BISECT_REPORT_RUNS set; exit 0 pass, 125 untestable, 1-127 fail, 126/127 or 128+ stop.',
  'Progress goes to stderr. Your HEAD, branch, index and work tree are left as they were.',
] as const;

/** The options `bisect` and `verify` share, in the order their help lists them. */
const SHARED_LISTED = [
  'confidence',
  'jobs',
  'max-runs',
  'timeout',
  'min-repro',
  'log',
  'title-regex',
  'verbose',
  'help',
] as const;

export const BISECT_SPEC: CommandSpec<typeof BISECT_OPTIONS.options> = {
  ...BISECT_OPTIONS,
  usage:
    'bisect-report bisect --good REV --bad REV [--confidence P] [--jobs N] [--max-runs N] [--timeout SECONDS] [--min-repro R] [--log FILE] [--title-regex RE] [--verbose] -- COMMAND [ARGS...]',
  about:
    'Find the first bad commit between --good and --bad by running COMMAND where it teaches most, re-running\n' +
    'it as often as a flaky test needs, until one commit holds --confidence and has failed while its parent\n' +
    'passed (docs/bisect.md).',
  listed: ['good', 'bad', ...SHARED_LISTED],
  notes: [
    ...SHARED_NOTES,
    'Exit status: 0 culprit (its sha on stdout with --log), 1 no culprit (does not reproduce, older, range),',
    '2 usage, 3 stopped (--max-runs, the command cannot run, interrupted).',
    'A bisection across a CI matrix: bisect-report bisect --plan --help.',
  ],
};

export const VERIFY_SPEC: CommandSpec<typeof BISECT_OPTIONS.options> = {
  ...BISECT_OPTIONS,
  usage:
    'bisect-report verify --culprit REV [--parent REV] [--confidence P] [--jobs N] [--max-runs N] [--timeout SECONDS] [--min-repro R] [--log FILE] [--title-regex RE] [--verbose] -- COMMAND [ARGS...]',
  about:
    'Check a culprit found any other way: run COMMAND at the culprit and its parent until it is settled\n' +
    'either way that the culprit fails and its parent passes (docs/bisect.md).',
  listed: ['culprit', 'parent', ...SHARED_LISTED],
  notes: [
    ...SHARED_NOTES,
    'Exit status: 0 the culprit is verified (its sha on stdout with --log), 1 it is not (does not reproduce',
    'there, or the parent fails too), 2 usage, 3 stopped (--max-runs, the command cannot run, interrupted).',
  ],
};

/** Exit statuses (docs/bisect.md). */
export const EXIT = { culprit: 0, none: 1, usage: 2, stopped: 3 } as const;

interface Settings {
  mode: 'bisect' | 'verify';
  command: string[];
  /** The command as the user gave it (before untracked paths are pinned): the log names it. */
  givenCommand: string[];
  confidence: number;
  jobs: number;
  maxRuns: number;
  minRepro: number;
  log: string | null;
  titleRegex: RegExp;
  verbose: boolean;
  /** Seconds a run may take before its process group is ended and the run counts as failing. */
  timeout: number | null;
  good?: string;
  bad?: string;
  culprit?: string;
  parent?: string;
}

class UsageError extends Error {}

function parseTimeout(text: string): number {
  const t = timeoutSeconds(text);
  if ('error' in t) throw new UsageError(t.error);
  return t.seconds;
}

function parseSettings(mode: 'bisect' | 'verify', argv: string[]): Settings | 'help' {
  const dash = argv.indexOf('--');
  const optionArgs = dash === -1 ? argv : argv.slice(0, dash);
  const command = dash === -1 ? [] : argv.slice(dash + 1);
  const { values, positionals } = parseArgs({
    args: optionArgs,
    allowPositionals: true,
    options: parseOptions(BISECT_OPTIONS.options),
  });
  if (values.help) return 'help';
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument '${positionals[0]}' (put the command after --)`);
  if (command.length === 0) throw new UsageError('no test command given (after --)');
  const confidence = Number(values.confidence);
  if (!(confidence > 0.5 && confidence < 1)) throw new UsageError('--confidence must be between 0.5 and 1');
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)
    throw new UsageError('--jobs must be an integer from 1 to 64');
  const maxRuns = Number(values['max-runs']);
  if (!Number.isInteger(maxRuns) || maxRuns < 1)
    throw new UsageError('--max-runs must be a positive integer');
  const minRepro = Number(values['min-repro']);
  if (!(minRepro > 0 && minRepro < 1)) throw new UsageError('--min-repro must be between 0 and 1');
  let titleRegex = DEFAULT_TITLE;
  if (values['title-regex'] !== undefined) {
    try {
      titleRegex = new RegExp(values['title-regex']);
    } catch (err) {
      throw new UsageError(`bad --title-regex: ${(err as Error).message}`);
    }
  }
  const timeout = values.timeout === undefined ? null : parseTimeout(values.timeout);
  const settings: Settings = {
    mode,
    command,
    givenCommand: command,
    confidence,
    jobs,
    maxRuns,
    minRepro,
    log: values.log ?? null,
    titleRegex,
    verbose: values.verbose,
    timeout,
  };
  if (mode === 'bisect') {
    if (!values.good || !values.bad) throw new UsageError('--good and --bad are required');
    if (values.culprit || values.parent) throw new UsageError('--culprit/--parent belong to `verify`');
    settings.good = values.good;
    settings.bad = values.bad;
  } else {
    if (!values.culprit) throw new UsageError('--culprit is required');
    if (values.good || values.bad) throw new UsageError('--good/--bad belong to `bisect`');
    settings.culprit = values.culprit;
    settings.parent = values.parent;
  }
  return settings;
}

/**
 * A reader of stderr (the progress) that goes away, as in `bisect-report bisect … 2>&1 | head -1`,
 * stops the search like a reader of stdout does (docs/bisect.md, exit status 141): no stack trace,
 * the worktrees are removed.
 */
const stderrState = { closed: false, onClose: null as (() => void) | null };

function writeStderr(text: string): void {
  if (stderrState.closed) return;
  try {
    // Progress and --verbose echo carry the test's text: inert for a runner, which reads stderr too.
    process.stderr.write(neutraliseWorkflowCommands(text));
  } catch (err) {
    onStderrError(err as Error);
  }
}

function onStderrError(err: Error): void {
  if ((err as NodeJS.ErrnoException).code !== 'EPIPE') return;
  stderrState.closed = true;
  stderrState.onClose?.();
}

export async function bisectCommand(mode: 'bisect' | 'verify', argv: string[]): Promise<number> {
  // Kept for the life of the process: the error of a failed write may come after we are done.
  process.stderr.on('error', onStderrError);
  // A Ctrl-C while git is asked about the revisions ends with the documented "stopped" (exit 3),
  // not Node's default death, nor a git that died of it read as "unknown revision".
  const early = (signal: NodeJS.Signals) => (earlySignal ??= signal);
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, early);
  try {
    const code = await bisectCommandInner(mode, argv);
    return stderrState.closed ? EXIT_STDOUT_CLOSED : code;
  } finally {
    for (const signal of signals) process.off(signal, early);
  }
}

let earlySignal: NodeJS.Signals | null = null;

function stoppedEarly(name: string, signal: NodeJS.Signals): number {
  writeStderr(`${name}: stopped: interrupted by ${signal} (0 runs)\n`);
  return EXIT.stopped;
}

async function bisectCommandInner(mode: 'bisect' | 'verify', argv: string[]): Promise<number> {
  const name = `bisect-report ${mode}`;
  let settings: Settings;
  let repo: Repo;
  let commits: string[];
  try {
    const parsed = parseSettings(mode, argv);
    if (parsed === 'help') {
      process.stdout.write(commandHelp(mode === 'bisect' ? BISECT_SPEC : VERIFY_SPEC));
      return 0;
    }
    settings = parsed;
    repo = openRepo();
    if (mode === 'bisect') {
      const good = resolveCommit(repo, settings.good!);
      const bad = resolveCommit(repo, settings.bad!);
      commits = windowCommits(repo, good, bad);
    } else {
      const culprit = resolveCommit(repo, settings.culprit!);
      const parent = settings.parent ? resolveCommit(repo, settings.parent) : firstParent(repo, culprit);
      if (parent === culprit) throw new UsageError('the culprit and its parent are the same commit');
      commits = [parent, culprit];
    }
  } catch (err) {
    // git died of the signal before our handler ran (it runs once the event loop turns).
    const signal = earlySignal ?? (err instanceof GitError ? err.signal : null);
    if (signal) return stoppedEarly(name, signal);
    if (
      err instanceof UsageError ||
      err instanceof GitError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      // One line: what is wrong, and where the options are.
      const see = err instanceof GitError ? '' : ' (see --help)';
      writeStderr(`${name}: ${(err as Error).message}${see}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  if (earlySignal) return stoppedEarly(name, earlySignal);
  const { command, pinned } = pinUntracked(repo, settings.command);
  if (pinned.length > 0) {
    settings = { ...settings, command };
    const names = pinned.map((p) => JSON.stringify(p)).join(', ');
    writeStderr(
      neutraliseWorkflowCommands(
        `${name}: not tracked by git, so every run uses your copy (as git bisect run would): ${names}\n`,
      ),
    );
  }
  let logFd: number;
  try {
    logFd = settings.log ? openSync(settings.log, 'w') : 1;
  } catch (err) {
    writeStderr(
      `${name}: cannot write the log: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`,
    );
    return EXIT.usage;
  }
  const driver = new Driver(settings, repo, commits, logFd, name);
  try {
    return await driver.run();
  } finally {
    if (logFd !== 1) closeSync(logFd);
  }
}

interface Slot {
  dir: string | null;
  commit: string | null;
  child: ChildProcess | null;
  /** The slot's worktree being created (started before the first choice where runs check out). */
  creating: Promise<string> | null;
  /** The choice that started the slot's run (runs of one choice form a round), and when. */
  round: number;
  startedAt: number;
}

interface Finished {
  slot: Slot;
  position: number;
  result: RunResult;
  exit: string;
  title: string | null;
}

class Driver {
  private state: Bisection;
  private readonly worktrees: Worktrees;
  private readonly slots: Slot[];
  private readonly announced = new Set<number>();
  /** Runs started / planned per position, for BISECT_REPORT_RUN(S) and the run lines. */
  private readonly started = new Map<number, number>();
  private readonly inFlight = new Map<Slot, number>();
  private runsStarted = 0;
  /** Choices that started runs so far (each one a round). */
  private rounds = 0;
  private interrupted: string | null = null;
  private wake: (() => void) | null = null;
  private readonly subjects = new Map<string, string>();
  /** Runs that ended and are not recorded yet (several may end while the posterior is updated). */
  private readonly ended: Finished[] = [];
  private readonly running = new Set<Promise<void>>();
  /** Slots whose run was ended to make room for the verification (their result is dropped). */
  private readonly preempted = new Set<Slot>();
  private readonly lookahead: Lookahead;

  constructor(
    private readonly settings: Settings,
    private readonly repo: Repo,
    private readonly commits: string[],
    private readonly logFd: number,
    private readonly name: string,
  ) {
    this.state = createBisection({
      commits,
      minRepro: settings.minRepro,
      // verify: the culprit is in doubt, so "it is older" and "it does not fail" start as likely as "it is the culprit".
      prior: settings.mode === 'verify' ? { outside: 1 / 3, noCulprit: 1 / 3 } : undefined,
    });
    this.lookahead = new Lookahead(settings.confidence);
    this.worktrees = new Worktrees(repo);
    this.slots = Array.from({ length: settings.jobs }, () => ({
      dir: null,
      commit: null,
      child: null,
      creating: null,
      round: 0,
      startedAt: 0,
    }));
  }

  /** The engine's decision on the current state, computed once per state (maybe ahead of time). */
  private decision(): Decision {
    return this.lookahead.decision(this.state);
  }

  async run(): Promise<number> {
    const onSignal = (signal: NodeJS.Signals) => {
      this.interrupted = `interrupted by ${signal}`;
      this.killAll();
      this.wake?.();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    stderrState.onClose = () => {
      this.interrupted ??= 'the progress reader (stderr) went away';
      this.killAll();
      this.wake?.();
    };
    try {
      if (CHECKOUT_IN_RUN) {
        // Empty worktrees are made while the first choice is computed; each run fills its own.
        const bad = this.commits[this.commits.length - 1];
        for (const slot of this.slots) {
          slot.creating = this.worktrees.add(bad, false);
          slot.creating.catch(() => undefined);
        }
      }
      const subjects = subjectsOf(this.repo, this.commits);
      // The first choice is made while git reads the subjects and makes the first worktree (once
      // its `git worktree add` has started, a turn of the event loop away).
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.decision().kind === 'continue' && !this.interrupted)
        this.lookahead.choose(this.state, Math.min(this.slots.length, this.settings.maxRuns), []);
      for (const [commit, subject] of await subjects)
        this.subjects.set(commit, subject.replace(/[\r\n]+/g, ' '));
      this.writeHeader();
      const end = await this.loop();
      return this.finish(end);
    } catch (err) {
      this.killAll();
      const message = err instanceof GitError ? err.message : ((err as Error)?.message ?? String(err));
      return this.finish({ kind: 'stopped', reason: `stopped: ${message}` });
    } finally {
      this.lookahead.cancel();
      this.killAll();
      await this.settle();
      await this.worktrees.close();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
      stderrState.onClose = null;
    }
  }

  private log(line: string): void {
    if (this.logFd === 1 && stdoutClosed()) return;
    try {
      // Commit subjects and failure titles are other people's text: inert on a runner's stdout.
      writeSync(this.logFd, (this.logFd === 1 ? neutraliseWorkflowCommands(line) : line) + '\n');
    } catch (err) {
      if (this.logFd !== 1 || !noteStdoutError(err)) throw err;
      // Nobody reads the log any more: stop like an interrupt (the worktrees are still removed).
      this.interrupted = 'the log reader (stdout) went away';
      this.killAll();
      this.wake?.();
    }
  }

  private subject(commit: string): string {
    let s = this.subjects.get(commit);
    if (s === undefined) {
      s = subjectOf(this.repo, commit).replace(/[\r\n]+/g, ' ');
      this.subjects.set(commit, s);
    }
    return s;
  }

  private writeHeader(): void {
    const good = this.commits[0];
    const bad = this.commits[this.commits.length - 1];
    this.log('git bisect start');
    this.log(`# bad: [${bad}] ${this.subject(bad)}`);
    this.log(`git bisect bad ${bad}`);
    this.log(`# good: [${good}] ${this.subject(good)}`);
    this.log(`git bisect good ${good}`);
    this.log(formatWindowLine(good, bad, this.state.size, this.settings.givenCommand));
    const what =
      this.settings.mode === 'verify'
        ? `verifying ${short(bad)} against its parent ${short(good)}`
        : `bisecting ${this.state.size} commit${this.state.size === 1 ? '' : 's'} (${short(good)}..${short(bad)})`;
    const { confidence, jobs, timeout } = this.settings;
    this.progress(
      `${what} at confidence ${confidence}, ${jobs} job${jobs > 1 ? 's' : ''}` +
        (timeout !== null ? `, a run taking over ${timeout} s fails` : ''),
    );
  }

  private progress(text: string): void {
    writeStderr(`${this.name}: ${text}\n`);
  }

  private async loop(): Promise<End> {
    const { confidence } = this.settings;
    let last: Decision = this.decision();
    for (;;) {
      if (this.interrupted) return { kind: 'stopped', reason: `stopped: ${this.interrupted}` };
      if (last.kind !== 'continue') {
        // Answered while other runs were going: they are not needed any more.
        this.killAll();
        await this.settle();
        return { kind: 'decided', decision: last };
      }
      const free = this.slots.filter((s) => !this.inFlight.has(s));
      const budget = this.settings.maxRuns - this.runsStarted;
      if (free.length > 0 && budget > 0) {
        const probes = this.lookahead.choose(this.state, Math.min(free.length, budget), [
          ...this.inFlight.values(),
        ]);
        if (probes.length === 0 && this.inFlight.size === 0) {
          return { kind: 'stopped', reason: 'stopped: no commit left to test could change the answer' };
        }
        this.rounds++;
        for (const [slot, position] of assignSlots(free, probes, (p) => this.commits[p])) {
          slot.round = this.rounds;
          slot.startedAt = performance.now();
          this.launch(slot, position);
        }
      }
      if (this.inFlight.size === 0) {
        return {
          kind: 'stopped',
          reason: `stopped: --max-runs ${this.settings.maxRuns} reached before an answer at confidence ${confidence}`,
        };
      }
      this.workAhead();
      // Every run that has ended by now counts before the next choice (a batch that ends together
      // is one posterior update, one choice for all the slots it frees).
      const ended = await this.next();
      this.lookahead.cancel();
      for (const done of ended) {
        if (this.interrupted) break;
        // A run we ended ourselves is no evidence (its test may even say "fail" to a SIGTERM).
        if (this.preempted.delete(done.slot)) continue;
        this.record(done);
        if (done.result === 'error') {
          this.killAll();
          await this.settle();
          return {
            kind: 'stopped',
            reason:
              done.exit === '126' || done.exit === '127'
                ? `stopped: the test command cannot run (exit ${done.exit})`
                : `stopped: the test command exited ${done.exit} (128 or more, or a signal: git bisect run aborts too)`,
          };
        }
      }
      last = this.decision();
      if (last.kind === 'continue') this.preemptForVerification(last);
    }
  }

  /**
   * While the runs go, the engine works out what follows the oldest runs whose outcome it can
   * foresee: the state after it, its decision and the probes for the slot that run frees
   * (src/cli/lookahead.ts). The oldest first: they likely end first.
   */
  private workAhead(): void {
    const free = this.slots.length - this.inFlight.size;
    const budget = this.settings.maxRuns - this.runsStarted;
    const running = [...this.inFlight.values()];
    const runs = running.map((position, i) => ({
      position,
      next: { free: Math.min(free + 1, budget), pending: running.filter((_, j) => j !== i) },
    }));
    void this.lookahead.ahead(this.state, runs);
  }

  /**
   * Once the leader holds the confidence, only runs at it and at its parent decide the answer (the
   * verification plan): runs still going elsewhere are ended, so their slots take the plan's runs
   * now instead of one at a time as those runs end.
   */
  private preemptForVerification(last: Decision): void {
    const { leader } = last.summary;
    if (leader.p < this.settings.confidence || leader.position < 1) return;
    for (const [slot, position] of this.inFlight) {
      if (position === leader.position || position === leader.position - 1) continue;
      const child = slot.child;
      if (!child || child.pid === undefined || child.exitCode !== null || this.preempted.has(slot)) continue;
      this.preempted.add(slot);
      endGroup(child.pid);
    }
  }

  private record(done: Finished): void {
    const { position } = done;
    const commit = this.commits[position];
    const outcome: Outcome | null =
      done.result === 'pass'
        ? 'pass'
        : done.result === 'fail'
          ? 'fail'
          : done.result === 'skip'
            ? 'skip'
            : null;
    if (outcome) this.state = this.lookahead.observe(this.state, position, outcome);
    const t = this.state.tallies.get(position);
    const index = t ? t.fail + t.pass + t.skip : 1;
    this.log(
      formatRunLine(
        commit,
        index,
        Math.max(index, this.started.get(position) ?? index),
        done.result,
        done.exit,
        done.title,
      ),
    );
    const s = this.decision().summary;
    const r = s.range;
    this.progress(
      `run ${totalRuns(this.state)}: ${short(commit)} ${done.result}` +
        (done.exit === TIMEOUT_EXIT ? ` (timed out after ${this.settings.timeout} s)` : '') +
        ` · range ${short(this.commits[Math.max(0, r.first - 1)])}..${short(r.lastCommit)} (${r.commits} commit${r.commits === 1 ? '' : 's'})` +
        ` · leader ${short(s.leader.commit)} ${formatP(s.leader.p)}` +
        (s.notReproduced > 0.05 ? ` · P(does not reproduce) ${formatProbability(s.notReproduced)}` : ''),
    );
  }

  private launch(slot: Slot, position: number): void {
    const commit = this.commits[position];
    if (!this.announced.has(position)) {
      this.announced.add(position);
      this.log(formatPositionLine(commit, position, this.state.size));
    }
    const runIndex = (this.started.get(position) ?? 0) + 1;
    this.started.set(position, runIndex);
    this.runsStarted++;
    this.inFlight.set(slot, position);
    const run: Promise<void> = this.prepare(slot, commit)
      .then(
        () => this.execute(slot, position, runIndex),
        (err: Error): Finished => ({ slot, position, result: 'error', exit: 'checkout', title: err.message }),
      )
      .then((finished) => {
        this.running.delete(run);
        this.ended.push(finished);
        this.wake?.();
      });
    this.running.add(run);
  }

  /** The runs that have ended, waiting for at least one (none when woken by a signal). */
  private async next(): Promise<Finished[]> {
    if (this.ended.length === 0 && !this.interrupted) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    await this.roundMates();
    const ended = this.ended.splice(0);
    for (const f of ended) {
      this.inFlight.delete(f.slot);
      if (f.exit === 'checkout')
        throw new GitError(`cannot check out ${short(this.commits[f.position])}: ${f.title}`);
    }
    return ended;
  }

  /**
   * Runs started by the same choice as one that just ended likely end about now too: they are
   * waited for a short while (ROUND_WAIT of that run's time), so one choice, knowing their
   * outcomes, serves all the slots they free, instead of one choice per slot each guessing the
   * others' outcomes (scripts/jobs-sim.mjs --round-wait).
   */
  private async roundMates(): Promise<void> {
    if (this.ended.length === 0) return;
    const now = performance.now();
    const rounds = new Set(this.ended.map((f) => f.slot.round));
    const took = Math.min(...this.ended.map((f) => now - f.slot.startedAt));
    const deadline = now + ROUND_WAIT * took;
    const endedSlots = () => new Set(this.ended.map((f) => f.slot));
    for (;;) {
      if (this.interrupted) return;
      const done = endedSlots();
      const mates = [...this.inFlight.keys()].filter(
        (s) => rounds.has(s.round) && !done.has(s) && !this.preempted.has(s),
      );
      const left = deadline - performance.now();
      if (mates.length === 0 || left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** Waits for every launched run to end (after killAll). */
  private async settle(): Promise<void> {
    await Promise.allSettled([...this.running]);
    this.ended.length = 0;
    this.inFlight.clear();
  }

  /** Creates the slot's worktree at `commit`; moving an existing one is part of the run (execute). */
  private async prepare(slot: Slot, commit: string): Promise<void> {
    if (slot.dir === null) {
      // Where the run checks out itself, the worktree is created empty (its run fills it).
      slot.dir = await (slot.creating ?? this.worktrees.add(commit));
      slot.commit = slot.creating ? null : commit;
    } else if (slot.commit !== commit && !CHECKOUT_IN_RUN) {
      await this.worktrees.checkout(slot.dir, commit);
      slot.commit = commit;
    }
  }

  private execute(slot: Slot, position: number, runIndex: number): Promise<Finished> {
    const commit = this.commits[position];
    const { command, titleRegex, verbose } = this.settings;
    return new Promise((resolve) => {
      if (this.interrupted) {
        resolve({ slot, position, result: 'error', exit: 'interrupted', title: null });
        return;
      }
      const failure = new FailureTitle(titleRegex);
      const scan = (key: 'out' | 'err', chunk: string) => {
        if (verbose) writeStderr(prefixLines(chunk, `[${short(commit)} #${runIndex}] `));
        failure.feed(key, chunk);
      };
      // Moving the worktree to the commit and the run are one process (one spawn, which blocks our
      // event loop until the child starts, instead of two, with a round trip between).
      const move = CHECKOUT_IN_RUN && slot.commit !== commit;
      let child: ChildProcess;
      try {
        child = spawn(
          move ? 'sh' : command[0],
          move
            ? ['-c', CHECKOUT_THEN_RUN, 'bisect-report', commit, this.repo.prefix, ...command]
            : command.slice(1),
          {
            cwd: move ? slot.dir! : this.worktrees.cwdFor(slot.dir!, existsSync),
            stdio: move ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
            // Own process group: a signal for us does not reach it unasked, and killAll() ends it whole.
            detached: true,
            env: {
              ...process.env,
              BISECT_REPORT_COMMIT: commit,
              BISECT_REPORT_RUN: String(runIndex),
              BISECT_REPORT_RUNS: String(Math.max(runIndex, this.started.get(position) ?? runIndex)),
            },
          },
        );
      } catch {
        resolve({ slot, position, result: 'error', exit: '127', title: null });
        return;
      }
      slot.child = child;
      // Until the checkout is known to have worked, the worktree holds no known commit.
      slot.commit = move ? null : commit;
      let checkoutError = '';
      // --timeout: the clock starts with the test itself, once the checkout before it is done.
      let timedOut = false;
      let clock: NodeJS.Timeout | null = null;
      const startClock = () => {
        if (this.settings.timeout === null || clock !== null || child.pid === undefined) return;
        const pid = child.pid;
        clock = setTimeout(() => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          timedOut = true;
          endGroup(pid);
        }, this.settings.timeout * 1000);
      };
      if (move) {
        // The script closes fd 3 when the checkout worked, just before it starts the test.
        (child.stdio[3] as NodeJS.ReadableStream)
          .setEncoding('utf8')
          .on('data', (d: string) => (checkoutError = (checkoutError + d).slice(0, 4000)))
          .on('end', startClock);
      } else startClock();
      let settled = false;
      const finish = (f: Omit<Finished, 'slot' | 'position'>) => {
        if (settled) return;
        settled = true;
        if (clock !== null) clearTimeout(clock);
        slot.child = null;
        resolve({ slot, position, ...f });
      };
      child.stdout!.setEncoding('utf8').on('data', (d: string) => scan('out', d));
      child.stderr!.setEncoding('utf8').on('data', (d: string) => scan('err', d));
      child.on('error', (err: NodeJS.ErrnoException) =>
        finish({ result: 'error', exit: err.code === 'ENOENT' ? '127' : '126', title: null }),
      );
      child.on('close', (code, signal) => {
        if (clock !== null) clearTimeout(clock);
        if (move && checkoutError.includes(CHECKOUT_FAILED)) {
          const why =
            checkoutError.split('\n').find((l) => l && l !== CHECKOUT_FAILED) ?? 'git checkout failed';
          finish({ result: 'error', exit: 'checkout', title: why.replace(/^(?:fatal|error): /, '') });
          return;
        }
        if (move && !signal) slot.commit = commit;
        const title = failure.end();
        if (timedOut) {
          // The clock started after the checkout: the worktree holds the commit.
          slot.commit = commit;
          // A hang is a failure (for most regressions it is the failure), once nothing of it is left.
          const failed = { result: 'fail', exit: TIMEOUT_EXIT, title } as const;
          void groupGone(child.pid!).then(() => finish(failed));
        } else if (signal) finish({ result: 'error', exit: signal, title: null });
        else if (code === 0) finish({ result: 'pass', exit: '0', title: null });
        else if (code === 125) finish({ result: 'skip', exit: '125', title: null });
        else if (code === 126 || code === 127 || code === null || code >= 128)
          finish({ result: 'error', exit: String(code), title: null });
        else finish({ result: 'fail', exit: String(code), title });
      });
    });
  }

  private killAll(): void {
    for (const slot of this.slots) {
      const child = slot.child;
      if (!child || child.pid === undefined || child.exitCode !== null) continue;
      endGroup(child.pid);
    }
  }

  private finish(end: End): number {
    const runs = totalRuns(this.state);
    if (end.kind === 'stopped') {
      const s = this.decision().summary;
      this.log(formatResultLine('stopped', runs, s.leader.p, end.reason));
      this.progress(
        `${end.reason} (${runs} runs; leader ${short(s.leader.commit)} at ${formatP(s.leader.p)})`,
      );
      return EXIT.stopped;
    }
    const d = end.decision;
    const s = d.summary;
    const marks = (below: number, from: number) => {
      for (const [position] of [...this.state.tallies].sort((a, b) => a[0] - b[0])) {
        const t = this.state.tallies.get(position)!;
        if (t.fail + t.pass === 0) continue;
        const term = position < below ? 'good' : position >= from ? 'bad' : null;
        if (!term) continue;
        const c = this.commits[position];
        this.log(`# ${term}: [${c}] ${this.subject(c)}`);
        this.log(`git bisect ${term} ${c}`);
      }
    };
    let kind: ResultKind;
    let reason: string;
    let p: number;
    switch (d.kind) {
      case 'culprit': {
        kind = 'culprit';
        p = d.p;
        reason = `${short(d.commit)} is the first bad commit (${formatP(d.p)}), verified against its parent ${short(d.parent)}`;
        marks(d.position, d.position);
        this.log(formatResultLine(kind, runs, p, reason, { commit: d.commit, parent: d.parent }));
        this.log(`# first bad commit: [${d.commit}] ${this.subject(d.commit)}`);
        break;
      }
      case 'not-reproduced':
        kind = 'not-reproduced';
        p = d.p;
        reason =
          this.settings.mode === 'verify'
            ? `the failure does not reproduce at ${short(this.commits[1])} (${formatP(d.p)}): it is not the culprit`
            : `the failure does not reproduce at ${short(this.commits[this.commits.length - 1])} (${formatP(d.p)} that it fails in fewer than ${pct(this.settings.minRepro)} of runs, or not at all): no culprit, it was a flake`;
        this.log(formatResultLine(kind, runs, p, reason));
        break;
      case 'older':
        kind = 'older';
        p = d.p;
        reason = `the good commit ${short(this.commits[0])} fails too (${formatP(d.p)}): the change is older than the window`;
        this.log(formatResultLine(kind, runs, p, reason));
        break;
      case 'range': {
        kind = 'range';
        p = s.leader.p;
        const r = s.range;
        reason = `the first bad commit is one of ${r.commits} commits ${short(this.commits[r.first - 1])}..${short(r.lastCommit)}: the commits between cannot be tested`;
        marks(r.first, r.last + 1);
        this.log(formatResultLine(kind, runs, p, reason));
        for (let q = r.first; q <= r.last && q < r.first + 1000; q++) {
          this.log(`# possible first bad commit: [${this.commits[q]}] ${this.subject(this.commits[q])}`);
        }
        break;
      }
      default:
        kind = 'stopped';
        p = s.leader.p;
        reason = 'stopped';
        this.log(formatResultLine(kind, runs, p, reason));
    }
    this.progress(`${reason}; ${runs} runs`);
    if (this.logFd !== 1 && kind === 'culprit')
      process.stdout.write(`${d.kind === 'culprit' ? d.commit : ''}\n`);
    return kind === 'culprit' ? EXIT.culprit : EXIT.none;
  }
}

type End = { kind: 'decided'; decision: Decision } | { kind: 'stopped'; reason: string };

/**
 * Which free slot runs which probe: a slot whose worktree already holds the commit first (no
 * checkout), then the others, slots not yet created last.
 */
export function assignSlots<S extends { commit: string | null; dir: string | null }>(
  free: readonly S[],
  probes: readonly { position: number; runs: number }[],
  commitAt: (position: number) => string,
): [S, number][] {
  const wanted: number[] = probes.flatMap((p) => Array<number>(p.runs).fill(p.position));
  const left = [...free];
  const out: [S, number][] = [];
  const rest: number[] = [];
  for (const position of wanted) {
    const i = left.findIndex((s) => s.commit === commitAt(position));
    if (i === -1) rest.push(position);
    else out.push([left.splice(i, 1)[0], position]);
  }
  left.sort((a, b) => Number(a.dir === null) - Number(b.dir === null));
  for (const position of rest) {
    const slot = left.shift();
    if (slot) out.push([slot, position]);
  }
  return out;
}

/** Share of a run's time its round mates are waited for once it has ended (Driver.roundMates). */
const ROUND_WAIT = 0.2;

const CHECKOUT_FAILED = 'bisect-report: checkout failed';
/**
 * Moves the worktree (the cwd) to $1 and runs the test ("$@" after $2) in subdirectory $2 when it
 * exists there. git's errors and the failure marker go to fd 3, closed before the test starts.
 */
const CHECKOUT_THEN_RUN = `LC_ALL=C GIT_TERMINAL_PROMPT=0 git checkout --detach --force --quiet "$1" >/dev/null 2>&3 || { echo '${CHECKOUT_FAILED}' >&3; exit 1; }
exec 3>&-
[ -n "$2" ] && [ -d "$2" ] && cd "$2"
shift 2
exec "$@"`;
/** Windows has no sh to count on: there the checkout stays a step of its own. */
const CHECKOUT_IN_RUN = process.platform !== 'win32';

function short(sha: string): string {
  return sha.slice(0, 10);
}

const pct = formatProbability;

function prefixLines(chunk: string, prefix: string): string {
  return chunk.replace(/^(?=.)/gm, prefix);
}
