/**
 * `bisect-report bisect --good G --bad B --jobs K --plan [--runs N] [--confidence C]
 *   [--evidence PATH …] [--log FINAL]`
 *
 * One planning step of a bisection spread over a CI matrix (docs/matrix.md). Reads the probe
 * evidence gathered so far and prints exactly one JSON object on stdout:
 *   {"done": false, "matrix": {"include": [{"commit": "<sha>", "runs": <n>, "slot": <i>}, …]}, …}
 * with at most K entries, or {"done": true, "status": …, "culprit": …, …} with the answer.
 * With --log, writes the log of the evidence so far (the answer when done), which the CLI and the
 * action read back like any git bisect log. Notices go to stderr.
 *
 * Exit status: 0 a plan or an answer was printed; 2 usage or a range git cannot read.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatRunLine, formatVerdictLine } from '../formats/git-common/engine.js';
import type { Report } from '../model.js';
import { planRound, type MatrixPlan } from './matrixPlan.js';
import { readProbeEvidence } from './probeEvidence.js';

export const PLAN_USAGE =
  'usage: bisect-report bisect --plan --good REV --bad REV --jobs K [--runs N] [--rounds-left R] [--confidence C] [--evidence PATH]... [--log FILE]\n';

const MAX_JOBS = 256;
const MAX_RUNS = 1000;
const MAX_RANGE = 1_000_000;

export async function planCommand(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        plan: { type: 'boolean', default: false },
        good: { type: 'string' },
        bad: { type: 'string' },
        jobs: { type: 'string', default: '8' },
        runs: { type: 'string', default: '5' },
        confidence: { type: 'string', default: '0.95' },
        evidence: { type: 'string', multiple: true, default: [] },
        'rounds-left': { type: 'string' },
        log: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    return usage((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(PLAN_USAGE);
    return 0;
  }
  const jobs = Number(values.jobs);
  const runs = Number(values.runs);
  const confidence = Number(values.confidence);
  if (!values.good || !values.bad) return usage('--good and --bad are required');
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > MAX_JOBS)
    return usage(`--jobs must be an integer 1..${MAX_JOBS}`);
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS)
    return usage(`--runs must be an integer 1..${MAX_RUNS}`);
  if (!(confidence > 0.5 && confidence < 1)) return usage('--confidence must be between 0.5 and 1');
  const roundsLeft = values['rounds-left'] === undefined ? null : Number(values['rounds-left']);
  if (roundsLeft !== null && !(Number.isInteger(roundsLeft) && roundsLeft >= 0))
    return usage('--rounds-left must be a whole number');

  let good: string;
  let bad: string;
  let revList: string[];
  try {
    good = revParse(values.good);
    bad = revParse(values.bad);
    revList = git(['rev-list', '--reverse', bad, `^${good}`, '--'])
      .split('\n')
      .filter(Boolean);
  } catch (err) {
    process.stderr.write(`bisect-report bisect: ${(err as Error).message}\n`);
    return 2;
  }
  if (revList.length === 0 || revList[revList.length - 1] !== bad) {
    process.stderr.write(
      `bisect-report bisect: ${values.good} is not an ancestor of ${values.bad}: nothing to bisect\n`,
    );
    return 2;
  }
  if (revList.length > MAX_RANGE) {
    process.stderr.write(`bisect-report bisect: the range holds more than ${MAX_RANGE} commits\n`);
    return 2;
  }
  const inRange = new Set([good, ...revList]);
  const evidence = readProbeEvidence(values.evidence, (sha) => inRange.has(sha));
  for (const n of evidence.notices) process.stderr.write(`bisect-report bisect: notice: ${inert(n)}\n`);

  const subjects = subjectsOf(bad, good);
  const plan = planRound({
    good,
    bad,
    revList,
    tallies: evidence.tallies,
    jobs,
    maxRuns: runs,
    confidence,
    roundsLeft,
    subjects: (sha) => subjects.get(sha) ?? '',
  });
  if (values.log) {
    try {
      writeFileSync(values.log, formatMatrixLog(plan.report, good, bad, subjects));
    } catch (err) {
      process.stderr.write(
        `bisect-report bisect: cannot write ${values.log}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`,
      );
      return 2;
    }
  }
  process.stdout.write(JSON.stringify(planJson(plan, values.log ?? null)) + '\n');
  const o = plan.outcome;
  process.stderr.write(
    `bisect-report bisect: ${revList.length} commits, ${evidence.used} evidence files, ${plan.runs} runs; ` +
      (o.done
        ? `done: ${o.status} (${o.reason})\n`
        : `leader ${o.leader.commit?.slice(0, 12) ?? '-'} P = ${o.leader.probability.toFixed(3)}; next round: ${o.entries.length} jobs × ${o.entries[0]?.runs ?? 0} runs\n`),
  );
  return 0;
}

function planJson(plan: MatrixPlan, log: string | null): Record<string, unknown> {
  const o = plan.outcome;
  if (!o.done) {
    return {
      done: false,
      matrix: { include: o.entries.map((e, i) => ({ commit: e.commit, runs: e.runs, slot: i + 1 })) },
      leader: { commit: o.leader.commit, probability: round(o.leader.probability) },
      runs: plan.runs,
    };
  }
  return {
    done: true,
    status: o.status,
    culprit: o.status === 'found' ? o.leader.commit : null,
    probability: round(o.leader.probability),
    label: o.leader.label,
    reason: o.reason,
    runs: plan.runs,
    log,
  };
}

const round = (p: number) => Math.round(p * 1e6) / 1e6;

/**
 * The evidence as a `git bisect log` with `bisect-report run` lines: the window, every tested
 * commit's runs and verdict, and the first bad commit when there is one.
 */
export function formatMatrixLog(
  report: Report,
  good: string,
  bad: string,
  subjects: Map<string, string>,
): string {
  const subject = (sha: string) => oneLine(subjects.get(sha) ?? '');
  const lines: string[] = [
    `git bisect start '${bad}' '${good}'`,
    `# bad: [${bad}] ${subject(bad)}`,
    `git bisect bad ${bad}`,
    `# good: [${good}] ${subject(good)}`,
    `git bisect good ${good}`,
  ];
  for (const step of report.steps) {
    const term = step.verdict === 'bad' ? 'bad' : 'good';
    lines.push(`# ${term}: [${step.commit}] ${subject(step.commit)}`);
    const total = step.runs.total;
    let i = 0;
    for (const [title, n] of Object.entries(step.titles)) {
      const exit = /^exit (\S+)$/.exec(title)?.[1] ?? '1';
      const shown = /^exit \S+$/.test(title) ? null : title;
      for (let k = 0; k < n; k++) lines.push(formatRunLine(step.commit, ++i, total, 'fail', exit, shown));
    }
    for (let k = 0; k < step.runs.passed; k++)
      lines.push(formatRunLine(step.commit, ++i, total, 'pass', '0', null));
    for (let k = 0; k < step.runs.other; k++)
      lines.push(formatRunLine(step.commit, ++i, total, 'skip', '125', null));
    const counts = {
      runs: total,
      failed: step.runs.failed,
      passed: step.runs.passed,
      skipped: step.runs.other,
      errors: 0,
    };
    lines.push(formatVerdictLine(step.commit, term, term === 'bad' ? 1 : 0, counts, 1));
  }
  if (report.status === 'found' && report.culprit) {
    lines.push(`# first bad commit: [${report.culprit.sha}] ${subject(report.culprit.sha)}`);
  } else if (report.reason) {
    lines.push(`# status: ${oneLine(report.reason)}`);
  }
  return lines.join('\n') + '\n';
}

function usage(message: string): number {
  process.stderr.write(`bisect-report bisect: ${message}\n${PLAN_USAGE}`);
  return 2;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 << 20,
      env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' },
    });
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? '')
      .trim()
      .split('\n')[0];
    throw new Error(`git ${args[0]} failed${stderr ? `: ${stderr}` : ''}`);
  }
}

function revParse(rev: string): string {
  if (rev.startsWith('-')) throw new Error(`bad revision '${rev}'`);
  try {
    return git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).trim();
  } catch {
    throw new Error(`unknown revision '${rev}' (run from inside the repository, with its history fetched)`);
  }
}

function subjectsOf(bad: string, good: string): Map<string, string> {
  const out = new Map<string, string>();
  try {
    const text = git(['log', '--format=%H %s', bad, `^${good}~1`, '--']);
    addSubjects(text, out);
  } catch {
    // The good commit may be a root commit (no ~1); subjects are only for reading the log.
    try {
      const text = git(['log', '--format=%H %s', bad, '--']);
      addSubjects(text, out);
    } catch {
      /* no subjects */
    }
  }
  return out;
}

function addSubjects(text: string, out: Map<string, string>): void {
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) out.set(line.slice(0, space), line.slice(space + 1));
  }
}

const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, ' ').slice(0, 300);

/** Notices quote file names: keep them from reading as workflow commands. */
const inert = (s: string) =>
  oneLine(s)
    .replace(/[\x00-\x1f\x7f]/g, '?')
    .replace(/##\[/g, '#​#[')
    .replace(/::/g, ':​:');
