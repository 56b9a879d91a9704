import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_CLI } from './helpers/paths.js';
import { makeRepo, linearHistory, userVisibleState, type ScratchRepo } from './helpers/gitRepo.js';
import { runProcess, type ProcResult } from './helpers/run.js';

/**
 * `bisect-report bisect` / `verify` end to end: the built CLI as a real process, real git, scratch
 * repositories with a known culprit, a test script whose flakiness is set by the environment
 * (deterministic per commit and run, so these tests do not flake), real signals.
 */

const work = mkdtempSync(join(tmpdir(), 'br-bisect-'));
const TEST = join(work, 'test.sh');
// Fails at commits whose state.txt says BUG with probability REPRO %, elsewhere FALSE_ALARM %.
writeFileSync(
  TEST,
  `#!/bin/sh
[ -n "$COUNTER" ] && echo "$BISECT_REPORT_COMMIT $BISECT_REPORT_RUN/$BISECT_REPORT_RUNS $PWD" >> "$COUNTER"
# Concurrency, counted by the runs themselves: a marker per run going, and how many there are as it starts.
if [ -n "$CONCURRENCY" ]; then
  trap 'rm -f "$CONCURRENCY/run.$$"' EXIT
  trap 'exit 143' TERM INT # a run bisect-report ends early (not needed any more) removes its marker too
  : > "$CONCURRENCY/run.$$"
  ls "$CONCURRENCY" | grep -c '^run[.]' >> "$CONCURRENCY.seen"
fi
[ -n "$SLEEP" ] && sleep "$SLEEP"
h=$(printf '%s' "$BISECT_REPORT_COMMIT:$BISECT_REPORT_RUN:$SEED" | cksum | cut -d' ' -f1)
r=$((h % 100))
if grep -q BUG state.txt; then
  [ "$r" -lt "\${REPRO:-100}" ] && { echo "FAIL: parser crashed"; exit 1; }
else
  [ "$r" -lt "\${FALSE_ALARM:-0}" ] && { echo "FAIL: parser crashed"; exit 1; }
fi
exit 0
`,
);
chmodSync(TEST, 0o755);

/** Everything the user could notice (HEAD, branch, index, work tree, refs, worktrees, stash). */
const snapshot = userVisibleState;

/** A 40-commit history with the culprit at 23, and local changes the command must not touch. */
function scratch(n = 40, culprit = 23): { repo: ScratchRepo; shas: string[] } {
  const repo = makeRepo('br-bisect-repo-');
  const shas = linearHistory(repo, n, culprit);
  writeFileSync(join(repo.dir, 'app.txt'), 'uncommitted edit\n');
  writeFileSync(join(repo.dir, 'notes.txt'), 'untracked\n');
  writeFileSync(join(repo.dir, 'staged.txt'), 'staged\n');
  repo.git('add', 'staged.txt');
  return { repo, shas };
}

function env(repo: ScratchRepo, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...repo.env, TMPDIR: work, ...extra };
}

function cli(repo: ScratchRepo, args: string[], extra: Record<string, string> = {}): Promise<ProcResult> {
  return runProcess(process.execPath, [DIST_CLI, ...args], { cwd: repo.dir, env: env(repo, extra) });
}

const leftovers = () => readdirSync(work).filter((f) => f.startsWith('bisect-report-'));

test('deterministic test: the right culprit, exit 0, a log that reads back with the culprit, repository untouched', async () => {
  const { repo, shas } = scratch();
  const before = snapshot(repo);
  const counter = join(work, 'det.count');
  const log = join(work, 'det.log');
  const r = await cli(repo, ['bisect', '--good', shas[0], '--bad', 'HEAD', '--log', log, '--', TEST], {
    COUNTER: counter,
  });
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(0);
  expect(r.stdout.trim()).toBe(shas[23]);
  expect(r.stderr).toMatch(/leader [0-9a-f]{10} P = \d+(\.\d)?%/);
  expect(snapshot(repo)).toEqual(before);
  expect(leftovers()).toEqual([]);

  // Every run is in the log, and the test counted the same runs.
  const text = readFileSync(log, 'utf8');
  const runLines = text.split('\n').filter((l) => l.startsWith('bisect-report run: '));
  const counted = readFileSync(counter, 'utf8').trim().split('\n');
  expect(runLines.length).toBe(counted.length);
  expect(runLines.length).toBeLessThanOrEqual(16);
  // Tests ran in worktrees (never the user's), with the commit and run index in the environment.
  for (const line of counted) {
    const [commit, run, cwd] = line.split(' ');
    expect(shas).toContain(commit);
    expect(run).toMatch(/^\d+\/\d+$/);
    expect(cwd.startsWith(repo.dir)).toBe(false);
  }

  const read = await runProcess(process.execPath, [DIST_CLI, '--json', log], {
    cwd: repo.dir,
    env: env(repo),
  });
  expect(read.code).toBe(0);
  const report = JSON.parse(read.stdout).reports[0];
  expect(report.status).toBe('found');
  expect(report.culprit.sha).toBe(shas[23]);
  expect(report.analysis.positionsExact).toBe(true);
  expect(report.analysis.windowSize).toBe(40);
  const culpritStep = report.steps.find((s: { commit: string }) => s.commit === shas[23]);
  const parentStep = report.steps.find((s: { commit: string }) => s.commit === shas[22]);
  expect(culpritStep.runs.failed).toBeGreaterThan(0);
  expect(parentStep.runs.passed).toBeGreaterThan(0);
  expect(['verified', 'likely']).toContain(report.trust.label);
  detLog = log;
}, 60000);

let detLog = '';
// The search names a culprit only when the trust analysis' `verified` rule holds on its runs.
test('the deterministic log reads back as verified', async () => {
  const read = await runProcess(process.execPath, [DIST_CLI, '--json', detLog], { env: process.env });
  expect(JSON.parse(read.stdout).reports[0].trust.label).toBe('verified');
});

test('a flaky test with false alarms: every exit-0 answer reads back as verified, at the culprit', async () => {
  const { repo, shas } = scratch(30, 17);
  let answered = 0;
  for (const seed of ['1', '2']) {
    const log = join(work, `flaky-${seed}.log`);
    const r = await cli(repo, ['bisect', '--good', shas[0], '--bad', 'HEAD', '--log', log, '--', TEST], {
      REPRO: '50',
      FALSE_ALARM: '5',
      SEED: seed,
    });
    if (r.code !== 0) continue;
    answered++;
    expect(readFileSync(log, 'utf8')).toContain(`# first bad commit: [${shas[17]}]`);
    const read = await runProcess(process.execPath, [DIST_CLI, '--json', log], { env: process.env });
    const report = JSON.parse(read.stdout).reports[0];
    const trust = report.trust;
    expect(trust.label).toBe('verified');
    // A verified answer rests on the culprit's and its parent's own runs: its weakest link is one of
    // them, with no "flipping a run changes the answer" claim; the search's other commits only
    // located it, and a single pass of this flaky test above the culprit is no contradiction.
    expect([shas[17], shas[16]]).toContain(trust.weakestLink.commit);
    expect(trust.weakestLink.fragility).toBeNull();
    for (const e of report.analysis.ledger as { hits: number; clean: number; agrees: boolean | null }[]) {
      if (e.hits + e.clean <= 1) expect(e.agrees).not.toBe(false);
    }
  }
  expect(answered).toBeGreaterThan(0);
}, 120000);

test('flaky test (60 % repro, 5 % false alarms) with --jobs 3: the right culprit', async () => {
  const { repo, shas } = scratch();
  const before = snapshot(repo);
  const r = await cli(repo, ['bisect', '--good', 'v1.0', '--bad', 'main', '--jobs', '3', '--', TEST], {
    REPRO: '60',
    FALSE_ALARM: '5',
    SEED: '4',
  });
  expect(r.code).toBe(0);
  // Without --log the log goes to stdout.
  expect(r.stdout).toContain(`# first bad commit: [${shas[23]}]`);
  expect(snapshot(repo)).toEqual(before);
  expect(leftovers()).toEqual([]);
}, 60000);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} mid-run: exit 3, worktrees removed, repository as before, log says stopped`, async () => {
    const { repo, shas } = scratch(20, 7);
    const before = snapshot(repo);
    const log = join(work, `${signal}.log`);
    const child = spawn(
      process.execPath,
      [DIST_CLI, 'bisect', '--good', shas[0], '--bad', 'HEAD', '--jobs', '2', '--log', log, '--', TEST],
      { cwd: repo.dir, env: env(repo, { SLEEP: '0.4' }) },
    );
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (/run 2:/.test(stderr)) child.kill(signal);
      });
      child.on('close', (c) => resolve(c));
    });
    expect(code).toBe(3);
    expect(stderr).toMatch(new RegExp(`interrupted by ${signal}`));
    expect(snapshot(repo)).toEqual(before);
    expect(leftovers()).toEqual([]);
    const read = await runProcess(process.execPath, [DIST_CLI, '--json', log], {
      cwd: repo.dir,
      env: env(repo),
    });
    const report = JSON.parse(read.stdout).reports[0];
    expect(report.status).toBe('incomplete');
    expect(report.reason).toMatch(/interrupted/);
  }, 30000);
}

test('a command that cannot run stops with exit 3 and leaves the repository as it was', async () => {
  const { repo, shas } = scratch(10, 4);
  const before = snapshot(repo);
  const r = await cli(repo, ['bisect', '--good', shas[0], '--bad', 'HEAD', '--', './no-such-test.sh']);
  expect(r.code).toBe(3);
  expect(r.stderr).toMatch(/cannot run \(exit 127\)/);
  expect(snapshot(repo)).toEqual(before);
  expect(leftovers()).toEqual([]);
});

test('a failure that does not reproduce: exit 1, "not-reproduced" in the log', async () => {
  const { repo, shas } = scratch(10, 99 /* no commit is bad */);
  const log = join(work, 'norepro.log');
  const r = await cli(repo, ['bisect', '--good', shas[0], '--bad', 'HEAD', '--log', log, '--', TEST]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/does not reproduce/);
  const read = await runProcess(process.execPath, [DIST_CLI, '--json', log], {
    cwd: repo.dir,
    env: env(repo),
  });
  expect(JSON.parse(read.stdout).reports[0].status).toBe('not-reproduced');
}, 60000);

test('verify: the real culprit is confirmed (exit 0), its parent is not (exit 1)', async () => {
  const { repo, shas } = scratch(10, 6);
  const ok = await cli(repo, ['verify', '--culprit', shas[6], '--', TEST], { REPRO: '70' });
  expect(ok.code).toBe(0);
  expect(ok.stdout).toContain(`# first bad commit: [${shas[6]}]`);
  // Its log (stdout without --log) reads back as verified, like bisect's.
  const okLog = join(work, 'verify-ok.log');
  writeFileSync(okLog, ok.stdout);
  const read = await runProcess(process.execPath, [DIST_CLI, '--json', okLog], { env: process.env });
  expect(JSON.parse(read.stdout).reports[0].trust.label).toBe('verified');
  const wrong = await cli(repo, ['verify', '--culprit', shas[5], '--', TEST], { REPRO: '70' });
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toMatch(/does not reproduce at/);
  const older = await cli(repo, ['verify', '--culprit', shas[8], '--parent', shas[7], '--', TEST]);
  expect(older.code).toBe(1);
  expect(older.stderr).toMatch(/fails too/);
}, 60000);

test('usage errors exit 2 with one line, no stack trace', async () => {
  const { repo, shas } = scratch(5, 2);
  for (const args of [
    ['bisect', '--bad', 'HEAD', '--', TEST],
    ['bisect', '--good', 'no-such-rev', '--bad', 'HEAD', '--', TEST],
    ['bisect', '--good', shas[0], '--bad', 'HEAD'],
    ['bisect', '--good', 'HEAD', '--bad', shas[0], '--', TEST],
    ['bisect', '--good', shas[0], '--bad', 'HEAD', '--confidence', '2', '--', TEST],
    ['verify', '--', TEST],
  ]) {
    const r = await cli(repo, args);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.split('\n')[0]).toMatch(/^bisect-report (bisect|verify): /);
  }
  const outside = await runProcess(
    process.execPath,
    [DIST_CLI, 'bisect', '--good', 'a', '--bad', 'b', '--', TEST],
    {
      cwd: work,
      env: env(repo),
    },
  );
  expect(outside.code).toBe(2);
  expect(existsSync(join(work, '.git'))).toBe(false);
});

// Wall time is the bench's measure (`npm run bench`: --jobs 4 ≤ 0.5× --jobs 1); on a shared machine it
// is noise. What makes it faster is counted here by the runs themselves, whatever the load: how many
// were going at once — four with --jobs 4 (a serial scheduler shows 1; 3 leaves room for a start
// delayed past another run's end on a loaded machine), never more than asked.
test('--jobs 4 on a 0.3 s test: same answer as --jobs 1, with 4 runs going at once', async () => {
  const { repo, shas } = scratch(40, 23);
  const concurrent = async (jobs: number) => {
    const dir = mkdtempSync(join(work, `concurrency-${jobs}-`));
    const r = await cli(
      repo,
      ['bisect', '--good', shas[0], '--bad', 'HEAD', '--jobs', String(jobs), '--', TEST],
      { SLEEP: '0.3', CONCURRENCY: dir },
    );
    const seen = readFileSync(`${dir}.seen`, 'utf8').trim().split('\n').map(Number);
    return { r, most: Math.max(...seen), runs: seen.length };
  };
  const one = await concurrent(1);
  const four = await concurrent(4);
  expect(one.r.code).toBe(0);
  expect(four.r.code).toBe(0);
  expect(one.r.stdout).toContain(`# first bad commit: [${shas[23]}]`);
  expect(four.r.stdout).toContain(`# first bad commit: [${shas[23]}]`);
  expect(one.most).toBe(1);
  expect(four.most).toBeGreaterThanOrEqual(3);
  expect(four.most).toBeLessThanOrEqual(4);
  // Parallel runs are not paid for with many more runs (a round of 4 is at most 3 runs more).
  expect(four.runs).toBeLessThanOrEqual(2 * one.runs + 3);
}, 60000);

test('an untracked ./test.sh runs from your copy (as git bisect run would); a tracked script at each commit', async () => {
  const { repo, shas } = scratch(12, 7);
  // Untracked, beside the code: a private worktree would not have it.
  writeFileSync(join(repo.dir, 'check.sh'), '#!/bin/sh\ngrep -q BUG state.txt && exit 1\nexit 0\n');
  chmodSync(join(repo.dir, 'check.sh'), 0o755);
  const before = snapshot(repo);
  for (const jobs of ['1', '2']) {
    const r = await cli(repo, [
      'bisect',
      '--good',
      shas[0],
      '--bad',
      'HEAD',
      '--jobs',
      jobs,
      '--',
      './check.sh',
    ]);
    expect(r.stderr).toMatch(/not tracked by git, so every run uses your copy[^\n]*"\.\/check\.sh"/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`# first bad commit: [${shas[7]}]`);
  }
  // `sh check.sh` too: an argument naming an untracked file.
  const viaSh = await cli(repo, ['verify', '--culprit', shas[7], '--', 'sh', 'check.sh']);
  expect(viaSh.code).toBe(0);
  expect(snapshot(repo)).toEqual(before);

  // A tracked script keeps its relative name: each run uses the commit's own version (here the
  // script itself carries the bug from commit 7 on, so only a per-commit copy finds it).
  const tracked = makeRepo('br-bisect-tracked-');
  const ids: string[] = [];
  for (let i = 0; i <= 10; i++) {
    writeFileSync(join(tracked.dir, 'probe.sh'), `#!/bin/sh\n# version ${i}\nexit ${i >= 7 ? 1 : 0}\n`);
    chmodSync(join(tracked.dir, 'probe.sh'), 0o755);
    tracked.git('add', 'probe.sh');
    tracked.git('commit', '-q', '-m', `c${i}`);
    ids.push(tracked.git('rev-parse', 'HEAD'));
  }
  const t = await cli(tracked, ['bisect', '--good', ids[0], '--bad', 'HEAD', '--', './probe.sh']);
  expect(t.stderr).not.toMatch(/not tracked by git/);
  expect(t.code).toBe(0);
  expect(t.stdout).toContain(`# first bad commit: [${ids[7]}]`);
}, 120000);
