/**
 * `bisect-report run [--runs N] [--min-failures K] [--timeout SECONDS] [--title-regex RE] [--quiet] -- COMMAND [ARGS...]`
 *
 * Meant as the script of `git bisect run`: runs COMMAND N times on the checked-out commit and
 * tells git good / bad / skip by a rule that tolerates flaky tests. Documented in docs/run-command.md.
 *
 * Output (stdout), one line per run, then one verdict line — a stable shape the git console
 * parser reads (src/formats/git-common/engine.ts, RUN_LINE / RUN_VERDICT):
 *
 *   bisect-report run: commit=<sha> run=<i>/<N> result=<pass|fail|skip|error> exit=<code|SIGNAME>[ title="<json string>"]
 *   bisect-report run: commit=<sha> verdict=<good|bad|skip|abort> exit=<0|1|125|128> runs=<N> failed=<F> passed=<P> skipped=<S> errors=<E> min-failures=<K>
 *
 * <sha> is `git rev-parse HEAD` (or "unknown" outside a git work tree). The title is the first
 * output line of that run matching --title-regex, else the first line starting with
 * "FAIL:"/"FAILED:"/"Error:"/"panic:"/"AssertionError", else none.
 *
 * Per-run result: exit 0 → pass; 125 → skip; 126/127 or a command that cannot be started → error;
 * any other exit code or a signal (crash, timeout kill) → fail; a run still going after --timeout is
 * ended with its whole process group and fails (`exit=timeout`).
 * Verdict (K = min(--min-failures, N)):
 *   - any error run                → abort, exit 128 (git bisect run stops: the command is broken);
 *   - failed ≥ K                   → bad,  exit 1;
 *   - failed = 0 and passed ≥ 1    → good, exit 0;
 *   - otherwise (0 < failed < K, or every run skipped) → skip, exit 125.
 * The command's own stdout/stderr are passed through unchanged (to our stdout/stderr) unless
 * --quiet is given, in which case they are only scanned for the title.
 */
import { spawn, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { neutraliseWorkflowCommands } from '../render/escape.js';
import { formatRunLine, formatVerdictLine, type RunResult } from '../formats/git-common/engine.js';
import { commandHelp, parseOptions, usageLine, type CommandSpec, type OptionSpec } from './help.js';
import { endGroup, groupGone, TIMEOUT_EXIT, timeoutSeconds } from './processGroup.js';
import { DEFAULT_TITLE, FailureTitle } from './failureTitle.js';

export const RUN_SPEC = {
  usage:
    'bisect-report run [--runs N] [--min-failures K] [--timeout SECONDS] [--title-regex RE] [--quiet] -- COMMAND [ARGS...]',
  about:
    'Run COMMAND several times on the checked-out commit and answer git by a rule that tolerates a flaky\n' +
    'test: use it as the script of `git bisect run` (docs/run-command.md).',
  options: {
    runs: { type: 'string', value: 'N', default: '10', help: 'runs per commit (default 10)' },
    'min-failures': {
      type: 'string',
      value: 'K',
      default: '2',
      help: 'failed runs needed to call the commit bad (default 2)',
    },
    timeout: {
      type: 'string',
      value: 'SECONDS',
      help: 'end a run still going after SECONDS (its whole process group) and count it as failing: a hang is the failure for most regressions (default: no limit)',
    },
    'title-regex': {
      type: 'string',
      value: 'RE',
      help: 'take the failure title from the first output line matching RE (default: FAIL:, Error:, panic: …)',
    },
    quiet: {
      type: 'boolean',
      default: false,
      help: "capture COMMAND's output instead of passing it through (still scanned for the title)",
    },
    help: { type: 'boolean', short: 'h', default: false, help: 'print this help and exit' },
  },
  notes: [
    'Prints one line per run, then the verdict, and exits 0 good (no run failed), 1 bad (K or more failed),',
    '125 skip (1 to K-1 failed, or every run exited 125), 128 abort (COMMAND cannot run, or a usage error).',
    'Each run gets BISECT_REPORT_RUN, BISECT_REPORT_RUNS and BISECT_REPORT_COMMIT.',
  ],
} as const satisfies CommandSpec<Record<string, OptionSpec>>;
const RUN_USAGE = usageLine(RUN_SPEC);

interface OneRun {
  result: RunResult;
  exit: string;
  title: string | null;
}

export async function runCommand(argv: string[]): Promise<number> {
  const dash = argv.indexOf('--');
  const optionArgs = dash === -1 ? argv : argv.slice(0, dash);
  let command = dash === -1 ? [] : argv.slice(dash + 1);
  let parsed;
  try {
    parsed = parseArgs({
      args: optionArgs,
      allowPositionals: true,
      options: parseOptions(RUN_SPEC.options),
    });
  } catch (err) {
    process.stderr.write(`bisect-report run: ${(err as Error).message}\n${RUN_USAGE}`);
    return 128;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(commandHelp(RUN_SPEC));
    return 0;
  }
  if (command.length === 0) command = positionals;
  const runs = Number(values.runs);
  const minFailuresAsked = Number(values['min-failures']);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(minFailuresAsked) || minFailuresAsked < 1) {
    process.stderr.write(`bisect-report run: --runs and --min-failures must be positive integers\n`);
    return 128;
  }
  if (command.length === 0) {
    process.stderr.write(`bisect-report run: no command given\n${RUN_USAGE}`);
    return 128;
  }
  let timeout: number | null = null;
  if (values.timeout !== undefined) {
    const t = timeoutSeconds(values.timeout);
    if ('error' in t) {
      process.stderr.write(`bisect-report run: ${t.error}\n`);
      return 128;
    }
    timeout = t.seconds;
  }
  let titleRegex = DEFAULT_TITLE;
  if (values['title-regex'] !== undefined) {
    try {
      titleRegex = new RegExp(values['title-regex']);
    } catch (err) {
      process.stderr.write(`bisect-report run: bad --title-regex: ${(err as Error).message}\n`);
      return 128;
    }
  }
  // git bisect run treats ≥128 as "abort", so every way this command can fail says 128.
  const minFailures = Math.min(minFailuresAsked, runs);
  const commit = headCommit();
  const counts = { runs: 0, failed: 0, passed: 0, skipped: 0, errors: 0 };
  for (let i = 1; i <= runs; i++) {
    const one = await runOnce(command, titleRegex, values.quiet, { i, runs, commit, timeout });
    counts.runs++;
    if (one.result === 'pass') counts.passed++;
    else if (one.result === 'fail') counts.failed++;
    else if (one.result === 'skip') counts.skipped++;
    else counts.errors++;
    process.stdout.write(
      neutraliseWorkflowCommands(formatRunLine(commit, i, runs, one.result, one.exit, one.title)) + '\n',
    );
    if (one.result === 'error') break; // the command cannot run: more runs tell nothing
  }
  let verdict: 'good' | 'bad' | 'skip' | 'abort';
  let exit: number;
  if (counts.errors > 0) [verdict, exit] = ['abort', 128];
  else if (counts.failed >= minFailures) [verdict, exit] = ['bad', 1];
  else if (counts.failed === 0 && counts.passed > 0) [verdict, exit] = ['good', 0];
  else [verdict, exit] = ['skip', 125];
  process.stdout.write(
    neutraliseWorkflowCommands(formatVerdictLine(commit, verdict, exit, counts, minFailures)) + '\n',
  );
  return exit;
}

function headCommit(): string {
  const r = spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' });
  const sha = (r.stdout ?? '').trim();
  return r.status === 0 && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha) ? sha : 'unknown';
}

function runOnce(
  command: string[],
  titleRegex: RegExp,
  quiet: boolean,
  ctx: { i: number; runs: number; commit: string; timeout: number | null },
): Promise<OneRun> {
  return new Promise((resolve) => {
    let title: string | null = null;
    const failure = new FailureTitle(titleRegex);
    let child;
    try {
      child = spawn(command[0], command.slice(1), {
        stdio: ['inherit', 'pipe', 'pipe'],
        // With a time limit the run is a process group of its own, so it can be ended whole.
        detached: ctx.timeout !== null,
        env: {
          ...process.env,
          BISECT_REPORT_RUN: String(ctx.i),
          BISECT_REPORT_RUNS: String(ctx.runs),
          BISECT_REPORT_COMMIT: ctx.commit,
        },
      });
    } catch (err) {
      process.stderr.write(`bisect-report run: cannot start ${command[0]}: ${(err as Error).message}\n`);
      resolve({ result: 'error', exit: 'spawn', title: null });
      return;
    }
    let settled = false;
    let timedOut = false;
    let clock: NodeJS.Timeout | null = null;
    const pid = child.pid;
    // A detached run does not get the terminal's Ctrl-C: pass ours on, end the group, then stop.
    const onSignal = (signal: NodeJS.Signals): void => {
      if (pid === undefined) process.exit(128);
      endGroup(pid);
      void groupGone(pid).then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    };
    if (ctx.timeout !== null && pid !== undefined) {
      clock = setTimeout(() => {
        timedOut = true;
        endGroup(pid);
      }, ctx.timeout * 1000);
      process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
    }
    const finish = (r: OneRun): void => {
      if (settled) return;
      settled = true;
      if (clock) clearTimeout(clock);
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      if (timedOut && pid !== undefined) {
        const seconds = ctx.timeout;
        void groupGone(pid).then(() =>
          resolve({ result: 'fail', exit: TIMEOUT_EXIT, title: title ?? `timed out after ${seconds} s` }),
        );
        return;
      }
      resolve(r);
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (!quiet) process.stdout.write(d);
      failure.feed('out', d);
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (!quiet) process.stderr.write(d);
      failure.feed('err', d);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      process.stderr.write(`bisect-report run: cannot start ${command[0]}: ${err.code ?? err.message}\n`);
      finish({ result: 'error', exit: err.code === 'ENOENT' ? '127' : '126', title: null });
    });
    child.on('close', (code, signal) => {
      title = failure.end();
      if (signal) {
        finish({ result: 'fail', exit: signal, title: title ?? `killed by ${signal}` });
      } else if (code === 0) {
        finish({ result: 'pass', exit: '0', title: null });
      } else if (code === 125) {
        finish({ result: 'skip', exit: '125', title: null });
      } else if (code === 126 || code === 127) {
        finish({ result: 'error', exit: String(code), title: null });
      } else {
        finish({ result: 'fail', exit: String(code), title });
      }
    });
  });
}
