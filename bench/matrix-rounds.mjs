// Runs a matrix bisection locally exactly as .github/workflows/bisect-matrix.yml does on GitHub:
// plan → K probes in parallel (each its own process on its own `git worktree`, running
// `bisect-report run --runs n -- TEST` and keeping its output as an evidence file) → plan again,
// for up to R rounds, then the final plan writes the log. Used by `npm run bench:matrix` and by
// test/matrix-rounds.test.ts; as a script it runs one scenario and prints one JSON line.
//
//   node bench/matrix-rounds.mjs --commits 300 --culprit 211 --repro 1 --false-alarm 0 \
//     --jobs 8 --runs 5 --max-rounds 10 [--seed S] [--keep]
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const dist = process.env.BISECT_REPORT_DIST ? resolve(process.env.BISECT_REPORT_DIST) : join(root, 'dist');
export const CLI = join(dist, 'cli', 'index.js');

/** Fixed identities and dates: the same scenario always has the same commit ids. */
export const GIT_ENV = {
  PATH: process.env.PATH,
  LC_ALL: 'C',
  LANG: 'C',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Committer',
  GIT_COMMITTER_EMAIL: 'committer@example.com',
};

function git(cwd, args, extraEnv = {}) {
  return execFileSync('git', args, {
    cwd,
    env: { ...GIT_ENV, HOME: cwd, ...extraEnv },
    encoding: 'utf8',
  }).trim();
}

/**
 * A linear history of `commits` commits after an initial one; commit `culprit` writes BUG into
 * state.txt and it stays. Written with fast-import (300 commits in well under a second).
 * Returns { dir, shas } with shas[0] the initial (good) commit and shas[commits] the bad one.
 */
export function makeScenarioRepo(dir, commits, culprit) {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  const parts = [];
  const blob = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let i = 0; i <= commits; i++) {
    const msg =
      i === 0 ? 'Initial import' : i === culprit ? 'parser: switch to the fast path' : `feature: option ${i}`;
    const date = 1700000000 + 3600 * (i + 1);
    parts.push(
      `commit refs/heads/main\nmark :${i + 1}\n` +
        `author Test Author <author@example.com> ${date} +0000\n` +
        `committer Test Committer <committer@example.com> ${date} +0000\n` +
        blob(msg) +
        (i > 0 ? `from :${i}\n` : '') +
        `M 100644 inline app.txt\n${blob(`v${i}`)}` +
        `M 100644 inline state.txt\n${blob(i >= culprit ? 'BUG' : 'ok')}`,
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: dir,
    env: { ...GIT_ENV, HOME: dir },
    input: parts.join('\n') + '\n',
  });
  git(dir, ['checkout', '-q', 'main']);
  const shas = git(dir, ['rev-list', '--reverse', 'main']).split('\n');
  return { dir, shas };
}

/**
 * The test: fails with probability `repro` where state.txt says BUG, `falseAlarm` elsewhere. The
 * coin is a hash of the commit, the probe and the run, so a run is reproducible but two probes
 * of one commit are independent (as two runners would be).
 */
export function writeFlakyTest(path, repro, falseAlarm, seed = 1) {
  const perMille = (p) => Math.round(p * 1000);
  writeFileSync(
    path,
    `#!/bin/sh
if grep -q BUG state.txt; then rate=${perMille(repro)}; else rate=${perMille(falseAlarm)}; fi
h=$(printf '%s' "${seed}:$BISECT_REPORT_COMMIT:$MATRIX_PROBE:$BISECT_REPORT_RUN" | cksum | cut -d' ' -f1)
if [ $((h % 1000)) -lt "$rate" ]; then echo "FAIL: state check"; exit 1; fi
exit 0
`,
  );
  chmodSync(path, 0o755);
}

function run(cmd, args, { cwd, env, stdoutTo } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    if (stdoutTo) child.stdout.pipe(stdoutTo);
    else child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** One plan job: `bisect-report bisect --plan` over the evidence so far. */
async function plan(o, round) {
  const args = [CLI, 'bisect', '--plan', '--good', o.good, '--bad', o.bad, '--jobs', String(o.jobs)];
  args.push('--runs', String(o.runs), '--evidence', o.evidenceDir, '--log', o.finalLog);
  args.push('--rounds-left', String(Math.max(0, o.maxRounds - round + 1)));
  const r = await run(process.execPath, args, {
    cwd: o.repo,
    env: { ...process.env, ...GIT_ENV, HOME: o.repo },
  });
  if (r.code !== 0) throw new Error(`plan (round ${round}) exited ${r.code}: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`plan printed ${lines.length} lines, not one JSON object`);
  return { json: JSON.parse(lines[0]), stderr: r.stderr };
}

/** One probe job: its own worktree at the commit, `bisect-report run`, its output the evidence file. */
async function probe(o, round, entry) {
  const name = `r${round}-s${entry.slot}`;
  const wt = join(o.worktrees, name);
  const file = join(o.evidenceDir, `${name}.txt`);
  const out = createWriteStream(file);
  out.write(`bisect-report probe: round=${round} slot=${entry.slot} commit=${entry.commit}\n`);
  const env = { ...process.env, ...GIT_ENV, HOME: o.repo, MATRIX_PROBE: name };
  const r = await run(process.execPath, [CLI, 'run', '--runs', String(entry.runs), '--quiet', '--', o.test], {
    cwd: wt,
    env,
    stdoutTo: out,
  });
  await new Promise((res) => out.end(res));
  if (r.code === 128) throw new Error(`probe ${name} could not run the test: ${r.stderr}`);
  return name;
}

/**
 * Rounds as the workflow runs them. Returns rounds (probe rounds run), runs (test runs spent),
 * the final plan's JSON, the largest plan and every plan's size.
 */
export async function runRounds(o) {
  mkdirSync(o.evidenceDir, { recursive: true });
  mkdirSync(o.worktrees, { recursive: true });
  let rounds = 0;
  let runs = 0;
  let maxEntries = 0;
  const sizes = [];
  /** Most runs of one job per round: a round's wall time. */
  const roundRuns = [];
  for (;;) {
    const { json } = await plan(o, rounds + 1);
    if (json.done || rounds >= o.maxRounds)
      return { rounds, runs, final: json, maxEntries, sizes, roundRuns };
    const include = json.matrix.include;
    sizes.push(include.length);
    roundRuns.push(Math.max(...include.map((e) => e.runs)));
    maxEntries = Math.max(maxEntries, include.length);
    rounds++;
    for (const e of include)
      git(o.repo, [
        'worktree',
        'add',
        '-q',
        '--detach',
        join(o.worktrees, `r${rounds}-s${e.slot}`),
        e.commit,
      ]);
    await Promise.all(include.map((e) => probe(o, rounds, e)));
    for (const e of include) {
      runs += e.runs;
      git(o.repo, ['worktree', 'remove', '--force', join(o.worktrees, `r${rounds}-s${e.slot}`)]);
    }
  }
}

/** `bisect-report bisect --jobs 1` on the same repository and test: runs spent and the answer. */
export async function runLocalBisect(o, confidence = 0.95) {
  const log = join(o.worktrees, '..', 'jobs1.log');
  const r = await run(
    process.execPath,
    [
      CLI,
      'bisect',
      '--good',
      o.good,
      '--bad',
      o.bad,
      '--jobs',
      '1',
      '--confidence',
      String(confidence),
      '--log',
      log,
      '--',
      o.test,
    ],
    { cwd: o.repo, env: { ...process.env, ...GIT_ENV, HOME: o.repo, MATRIX_PROBE: 'local' } },
  );
  const text = (await import('node:fs')).readFileSync(log, 'utf8');
  const result =
    /^bisect-report bisect: result=(\S+) runs=(\d+).*?(?: commit=([0-9a-f]+))?(?: parent=| reason=)/m.exec(
      text,
    );
  return {
    exit: r.code,
    kind: result?.[1] ?? null,
    runs: Number(result?.[2] ?? NaN),
    culprit: result?.[3] ?? null,
  };
}

/** A whole scenario in a fresh scratch directory. */
export async function runScenario({
  commits,
  culprit,
  repro,
  falseAlarm,
  jobs,
  runs,
  maxRounds,
  seed = 1,
  keep = false,
  compare = false,
}) {
  const base = mkdtempSync(join(tmpdir(), 'br-matrix-'));
  try {
    const { dir, shas } = makeScenarioRepo(join(base, 'repo'), commits, culprit);
    const test = join(base, 'test.sh');
    writeFlakyTest(test, repro, falseAlarm, seed);
    const o = {
      repo: dir,
      good: shas[0],
      bad: shas[commits],
      jobs,
      runs,
      maxRounds,
      test,
      evidenceDir: join(base, 'evidence'),
      worktrees: join(base, 'worktrees'),
      finalLog: join(base, 'final.log'),
    };
    const t0 = Date.now();
    const result = await runRounds(o);
    const readBack = await run(process.execPath, [CLI, '--json', o.finalLog], {
      cwd: dir,
      env: { ...process.env, ...GIT_ENV, HOME: dir },
    });
    const report = JSON.parse(readBack.stdout).reports[0];
    const local = compare ? await runLocalBisect(o) : null;
    return {
      commits,
      culprit: shas[culprit],
      repro,
      falseAlarm,
      jobs,
      seed,
      rounds: result.rounds,
      runs: result.runs,
      maxEntries: result.maxEntries,
      sizes: result.sizes,
      roundRuns: result.roundRuns,
      done: result.final.done,
      status: result.final.status ?? 'incomplete',
      answer: result.final.culprit ?? null,
      right: result.final.culprit === shas[culprit],
      readBack: {
        status: report.status,
        culprit: report.culprit?.sha ?? null,
        label: report.trust?.label ?? null,
      },
      seconds: (Date.now() - t0) / 1000,
      ...(local ? { jobs1: { ...local, right: local.culprit === shas[culprit] } } : {}),
      ...(keep ? { dir: base } : {}),
    };
  } finally {
    if (!keep) rmSync(base, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      commits: { type: 'string', default: '300' },
      culprit: { type: 'string' },
      repro: { type: 'string', default: '1' },
      'false-alarm': { type: 'string', default: '0' },
      jobs: { type: 'string', default: '8' },
      runs: { type: 'string', default: '5' },
      'max-rounds': { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
    },
  });
  const commits = Number(values.commits);
  const result = await runScenario({
    commits,
    culprit: Number(values.culprit ?? Math.round(commits * 0.7)),
    repro: Number(values.repro),
    falseAlarm: Number(values['false-alarm']),
    jobs: Number(values.jobs),
    runs: Number(values.runs),
    maxRounds: Number(values['max-rounds']),
    seed: Number(values.seed),
    keep: values.keep,
  });
  process.stdout.write(JSON.stringify(result) + '\n');
}
