/**
 * `bisect-report bisect --plan --good G --bad B --jobs K [--runs N] [--rounds-left R]
 *   [--confidence C] [--evidence PATH …] [--log FINAL]`
 *
 * One planning step of a bisection spread over a CI matrix (docs/matrix.md). Reads the probe
 * evidence gathered so far and prints exactly one JSON object on stdout:
 *   {"done": false, "matrix": {"include": [{"commit": "<sha>", "runs": <n>, "slot": <i>}, …]}, …}
 * with at most K entries, or {"done": true, "status": …, "culprit": …, …} with the answer.
 * With --log, writes the log of the evidence so far in the format of `bisect-report bisect`'s log
 * (docs/bisect.md), which the CLI and the action read back. Notices go to stderr.
 *
 * Exit status: 0 a plan or an answer was printed; 2 usage, or a window git cannot give.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatRunLine } from '../formats/git-common/engine.js';
import { neutraliseWorkflowCommands } from '../render/escape.js';
import { openRepo, resolveCommit, subjectOf, windowCommits, type Repo } from './git/worktrees.js';
import { formatPositionLine, formatResultLine, formatWindowLine } from '../bisect/logLines.js';
import { planRound, totalRuns, type MatrixPlan } from '../bisect/matrixPlan.js';
import { readProbeEvidence, type CommitTally } from '../bisect/probeEvidence.js';
import { formatP } from '../probability.js';
import { commandHelp, parseOptions, usageLine, type CommandSpec, type OptionSpec } from './help.js';

const MAX_JOBS = 256;
const MAX_RUNS = 1000;

export const PLAN_SPEC = {
  usage:
    'bisect-report bisect --plan --good REV --bad REV --jobs K [--runs N] [--rounds-left R] [--confidence C] [--evidence PATH]... [--log FILE]',
  about:
    'One round of a bisection across a CI matrix (docs/matrix.md): read the evidence of the `bisect-report run`\n' +
    'probes so far and print one JSON object, the next K jobs {"done": false, "matrix": {"include": [...]}}\n' +
    'or the answer {"done": true, ...}.',
  options: {
    plan: { type: 'boolean', default: false, help: 'plan one round instead of running the test (required)' },
    good: { type: 'string', value: 'REV', help: 'last commit known to pass (required)' },
    bad: { type: 'string', value: 'REV', help: 'first commit known to fail (required)' },
    jobs: {
      type: 'string',
      value: 'K',
      default: '8',
      help: `jobs (commits) in the next round, 1 to ${MAX_JOBS} (default 8)`,
    },
    runs: {
      type: 'string',
      value: 'N',
      default: '5',
      help: `at most N runs per job, 1 to ${MAX_RUNS} (default 5)`,
    },
    confidence: {
      type: 'string',
      value: 'C',
      default: '0.95',
      help: 'probability the answer must reach, between 0.5 and 1 (default 0.95)',
    },
    evidence: {
      type: 'string',
      value: 'PATH',
      multiple: true,
      default: [],
      help: 'evidence files of the probes so far, or directories of them (repeatable)',
    },
    'rounds-left': {
      type: 'string',
      value: 'R',
      help: 'rounds left after this one: runs per job are fitted to them (default: no limit)',
    },
    log: { type: 'string', value: 'FILE', help: 'write the bisect log of the evidence so far there' },
    help: { type: 'boolean', short: 'h', default: false, help: 'print this help and exit' },
  },
  notes: ['Exit status: 0 a plan or an answer was printed, 2 usage or a window git cannot give.'],
} as const satisfies CommandSpec<Record<string, OptionSpec>>;
const PLAN_USAGE = usageLine(PLAN_SPEC);

export async function planCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: parseOptions(PLAN_SPEC.options),
    }));
  } catch (err) {
    return usage((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(commandHelp(PLAN_SPEC));
    return 0;
  }
  const jobs = Number(values.jobs);
  const runs = Number(values.runs);
  const confidence = Number(values.confidence);
  const roundsLeft = values['rounds-left'] === undefined ? null : Number(values['rounds-left']);
  if (!values.good || !values.bad) return usage('--good and --bad are required');
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > MAX_JOBS)
    return usage(`--jobs must be a whole number 1..${MAX_JOBS}`);
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS)
    return usage(`--runs must be a whole number 1..${MAX_RUNS}`);
  if (!(confidence > 0.5 && confidence < 1)) return usage('--confidence must be between 0.5 and 1');
  if (roundsLeft !== null && !(Number.isInteger(roundsLeft) && roundsLeft >= 0))
    return usage('--rounds-left must be a whole number');

  let repo: Repo;
  let commits: string[];
  try {
    repo = openRepo();
    commits = windowCommits(repo, resolveCommit(repo, values.good), resolveCommit(repo, values.bad));
  } catch (err) {
    process.stderr.write(`bisect-report bisect: ${oneLine((err as Error).message)}\n`);
    return 2;
  }
  const inWindow = new Set(commits);
  const evidence = readProbeEvidence(values.evidence, (sha) => inWindow.has(sha));
  for (const n of evidence.notices) process.stderr.write(`bisect-report bisect: notice: ${inert(n)}\n`);

  const plan = planRound({ commits, tallies: evidence.tallies, jobs, maxRuns: runs, confidence, roundsLeft });
  if (values.log) {
    try {
      writeFileSync(
        values.log,
        formatMatrixLog(plan, commits, evidence.tallies, (c) => subjectOf(repo, c)),
      );
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      process.stderr.write(
        `bisect-report bisect: cannot write ${inert(values.log)}: ${e.code ?? e.message}\n`,
      );
      return 2;
    }
  }
  const json = planJson(plan, commits, values.log ?? null);
  process.stdout.write(JSON.stringify(json) + '\n');
  const leader = plan.decision.summary.leader;
  process.stderr.write(
    `bisect-report bisect: ${commits.length - 1} commits, ${evidence.used} evidence files, ${totalRuns(plan.state)} runs; ` +
      (plan.done
        ? `done: ${String(json.status)} (${inert(String(json.reason))})\n`
        : `leader ${leader.commit.slice(0, 12)} ${formatP(leader.p)}; next round: ${plan.entries.length} jobs × ${plan.entries[0]?.runs ?? 0} runs\n`),
  );
  return 0;
}

type Answer = { status: string; culprit: string | null; parent: string | null; p: number; reason: string };

/** What the plan ended with, in the words of the `bisect` log's result line. */
function answerOf(plan: MatrixPlan, commits: string[]): Answer {
  const d = plan.decision;
  const short = (s: string) => s.slice(0, 10);
  const leader = d.summary.leader;
  if (plan.done && plan.error)
    return { status: 'stopped', culprit: null, parent: null, p: leader.p, reason: plan.error };
  switch (d.kind) {
    case 'culprit':
      return {
        status: 'culprit',
        culprit: d.commit,
        parent: d.parent,
        p: d.p,
        reason: `${short(d.commit)} is the first bad commit (${formatP(d.p)}), verified against its parent ${short(d.parent)}`,
      };
    case 'not-reproduced':
      return {
        status: 'not-reproduced',
        culprit: null,
        parent: null,
        p: d.p,
        reason: `the failure does not reproduce at ${short(commits[commits.length - 1])} (${formatP(d.p)}): no culprit, it was a flake`,
      };
    case 'older':
      return {
        status: 'older',
        culprit: null,
        parent: null,
        p: d.p,
        reason: `the good commit ${short(commits[0])} fails too (${formatP(d.p)}): the change is older than the window`,
      };
    case 'range':
      return {
        status: 'range',
        culprit: null,
        parent: null,
        p: leader.p,
        reason: `the first bad commit is one of ${d.summary.range.commits} commits: the commits between cannot be tested`,
      };
    default:
      return {
        status: 'stopped',
        culprit: null,
        parent: null,
        p: leader.p,
        reason: `not settled: the leader ${short(leader.commit)} has ${formatP(leader.p)} after ${totalRuns(plan.state)} runs`,
      };
  }
}

function planJson(plan: MatrixPlan, commits: string[], log: string | null): Record<string, unknown> {
  const leader = plan.decision.summary.leader;
  const runs = totalRuns(plan.state);
  if (!plan.done) {
    return {
      done: false,
      matrix: { include: plan.entries.map((e, i) => ({ commit: e.commit, runs: e.runs, slot: i + 1 })) },
      leader: { commit: leader.commit, p: round(leader.p) },
      runs,
    };
  }
  const a = answerOf(plan, commits);
  return {
    done: true,
    status: a.status,
    culprit: a.culprit,
    parent: a.parent,
    p: round(a.p),
    reason: a.reason,
    runs,
    log,
  };
}

const round = (p: number) => Math.round(p * 1e6) / 1e6;

/**
 * The evidence as the log `bisect-report bisect` writes (docs/bisect.md): the window, each tested
 * commit's position and runs, the verdicts the answer implies and the result line.
 */
export function formatMatrixLog(
  plan: MatrixPlan,
  commits: string[],
  tallies: Map<string, CommitTally>,
  subjectOf: (sha: string) => string,
): string {
  const subject = (sha: string) => oneLine(subjectOf(sha));
  const good = commits[0];
  const bad = commits[commits.length - 1];
  const size = commits.length - 1;
  const lines: string[] = [
    'git bisect start',
    `# bad: [${bad}] ${subject(bad)}`,
    `git bisect bad ${bad}`,
    `# good: [${good}] ${subject(good)}`,
    `git bisect good ${good}`,
    formatWindowLine(good, bad, size),
  ];
  const tested = commits
    .map((commit, position) => ({ commit, position, t: tallies.get(commit) }))
    .filter((x): x is { commit: string; position: number; t: CommitTally } => x.t !== undefined);
  for (const { commit, position, t } of tested) {
    lines.push(formatPositionLine(commit, position, size));
    let i = 0;
    for (const [title, n] of Object.entries(t.titles)) {
      const exit = /^exit (\S+)$/.exec(title)?.[1] ?? '1';
      const shown = /^exit \S+$/.test(title) ? null : title;
      for (let k = 0; k < n; k++) lines.push(formatRunLine(commit, ++i, t.runs, 'fail', exit, shown));
    }
    for (let k = i; k < t.failed; k++) lines.push(formatRunLine(commit, ++i, t.runs, 'fail', '1', null));
    for (let k = 0; k < t.passed; k++) lines.push(formatRunLine(commit, ++i, t.runs, 'pass', '0', null));
    for (let k = 0; k < t.skipped; k++) lines.push(formatRunLine(commit, ++i, t.runs, 'skip', '125', null));
    for (let k = 0; k < t.errors; k++) lines.push(formatRunLine(commit, ++i, t.runs, 'error', '127', null));
  }
  const a = answerOf(plan, commits);
  const culpritAt = a.culprit ? commits.indexOf(a.culprit) : -1;
  if (culpritAt > 0) {
    for (const { commit, position, t } of tested) {
      if (t.failed + t.passed === 0) continue;
      const term = position < culpritAt ? 'good' : 'bad';
      lines.push(`# ${term}: [${commit}] ${subject(commit)}`, `git bisect ${term} ${commit}`);
    }
  }
  const kind = a.status as Parameters<typeof formatResultLine>[0];
  const culprit = a.culprit && a.parent ? { commit: a.culprit, parent: a.parent } : undefined;
  lines.push(formatResultLine(kind, totalRuns(plan.state), a.p, a.reason, culprit));
  if (a.culprit) lines.push(`# first bad commit: [${a.culprit}] ${subject(a.culprit)}`);
  return lines.join('\n') + '\n';
}

function usage(message: string): number {
  process.stderr.write(`bisect-report bisect: ${message}\n${PLAN_USAGE}`);
  return 2;
}

const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, ' ').slice(0, 300);

/** Notices quote file names: keep them inert on a runner. */
const inert = (s: string) => neutraliseWorkflowCommands(oneLine(s).replace(/[\x00-\x1f\x7f]/g, '?'));
