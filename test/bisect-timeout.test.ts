import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_CLI } from './helpers/paths.js';
import { linearHistory, makeRepo, userVisibleState, type ScratchRepo } from './helpers/gitRepo.js';
import { runProcess, type ProcResult } from './helpers/run.js';

/**
 * `bisect` / `verify --timeout`: a run that hangs is ended, its whole process group with it, and
 * counts as a failing run (docs/bisect.md). The built CLI as a real process, real git, a test that
 * really hangs at the bad commits — also one that ignores SIGTERM and leaves a child behind that
 * does not hold our pipes, which only SIGKILL of the group ends.
 */

const work = mkdtempSync(join(tmpdir(), 'br-bisect-timeout-'));
const HANG = join(work, 'hang.sh');
// Passes where state.txt is ok; hangs where it says BUG. Each hanging process writes its pid to $PIDS.
writeFileSync(
  HANG,
  `#!/bin/sh
grep -q BUG state.txt || exit 0
echo "started the slow path"
if [ -n "$IGNORE_TERM" ]; then
  trap '' TERM
  sleep 60 >/dev/null 2>&1 &
  echo $! >> "$PIDS"
fi
echo $$ >> "$PIDS"
sleep 60
echo "FAIL: too late"
exit 1
`,
);
chmodSync(HANG, 0o755);

const snapshot = userVisibleState;

/** 12 commits, the culprit at 7, with an uncommitted edit and an untracked file. */
function scratch(): { repo: ScratchRepo; shas: string[] } {
  const repo = makeRepo('br-bisect-timeout-repo-');
  const shas = linearHistory(repo, 12, 7);
  writeFileSync(join(repo.dir, 'app.txt'), 'uncommitted edit\n');
  writeFileSync(join(repo.dir, 'notes.txt'), 'untracked\n');
  return { repo, shas };
}

/** A process still running (a zombie waiting for init to reap it is dead: it holds nothing). */
function alive(pid: number): string | null {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return `${pid}`;
  const text = readFileSync(stat, 'utf8');
  const state = text.slice(text.lastIndexOf(')') + 2).split(' ')[0];
  return state === 'Z' || state === 'X' ? null : `${pid} (${text.trim()})`;
}

async function cli(repo: ScratchRepo, args: string[], env: Record<string, string> = {}): Promise<ProcResult> {
  return runProcess(process.execPath, [DIST_CLI, ...args], {
    cwd: repo.dir,
    env: { ...repo.env, TMPDIR: work, ...env },
  });
}

const leftovers = () => readdirSync(work).filter((f) => f.startsWith('bisect-report-'));

test.each([
  ['bisect', 1, 'ends on SIGTERM'],
  ['verify', 2, 'ignores SIGTERM, leaves a child'],
] as const)(
  '%s --jobs %i, a test that hangs at the bad commits (%s): each hang fails, the culprit is found, nothing left running',
  async (mode, jobs, kind) => {
    const { repo, shas } = scratch();
    const before = snapshot(repo);
    const pids = join(work, `pids-${mode}`);
    const log = join(work, `${mode}.log`);
    const range = mode === 'bisect' ? ['--good', shas[0], '--bad', 'HEAD'] : ['--culprit', shas[7]];
    const started = Date.now();
    const r = await cli(
      repo,
      [mode, ...range, '--jobs', String(jobs), '--timeout', '1', '--log', log, '--', HANG],
      { PIDS: pids, IGNORE_TERM: kind.startsWith('ignores') ? '1' : '' },
    );
    const seconds = (Date.now() - started) / 1000;
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(shas[7]);
    const text = readFileSync(log, 'utf8');
    expect(text).toContain(`# first bad commit: [${shas[7]}]`);
    // The log and the progress say which runs timed out.
    const timedOut = text.split('\n').filter((l) => / result=fail exit=timeout\b/.test(l));
    expect(timedOut.length).toBeGreaterThanOrEqual(2);
    // What the run printed before it hung is no failure title (none matches the title pattern).
    for (const line of timedOut) expect(line).not.toMatch(/ title=/);
    expect(text).not.toMatch(/too late/);
    expect(r.stderr).toMatch(/: run \d+: [0-9a-f]{10} fail \(timed out after 1 s\)/);
    expect(r.stderr).toMatch(/a run taking over 1 s fails/);
    // Nothing of a hanging run is left, its untouched-by-SIGTERM child included.
    const hung = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(hung.length).toBeGreaterThanOrEqual(timedOut.length);
    expect(hung.map(alive).filter(Boolean)).toEqual([]);
    expect(snapshot(repo)).toEqual(before);
    expect(leftovers()).toEqual([]);
    // Each hang cost about the timeout (plus the grace before SIGKILL), not the test's 60 s.
    expect(seconds).toBeLessThan(60);
    // Read back: the timed-out runs are failures, and the answer is verified.
    const read = await cli(repo, ['--json', log]);
    const report = JSON.parse(read.stdout).reports[0];
    expect(report.culprit.sha).toBe(shas[7]);
    expect(report.trust.label).toBe('verified');
  },
  90000,
);

test('runs within the timeout are untouched: same answer, no run timed out', async () => {
  const { repo, shas } = scratch();
  const slow = join(work, 'slow.sh');
  writeFileSync(
    slow,
    '#!/bin/sh\nsleep 0.3\ngrep -q BUG state.txt && { echo "FAIL: parser"; exit 1; }\nexit 0\n',
  );
  chmodSync(slow, 0o755);
  const r = await cli(repo, ['bisect', '--good', shas[0], '--bad', 'HEAD', '--timeout', '20', '--', slow]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`# first bad commit: [${shas[7]}]`);
  expect(r.stdout).toMatch(/ result=fail exit=1 title="FAIL: parser"/);
  expect(r.stdout).not.toMatch(/exit=timeout/);
  expect(r.stderr).not.toMatch(/timed out/);
}, 60000);

test.each([['0'], ['-1'], ['abc'], [''], ['Infinity'], ['1e12'], ['NaN']])(
  '--timeout %j: one line, exit 2, nothing run',
  async (value) => {
    const { repo, shas } = scratch();
    const before = snapshot(repo);
    const marker = join(work, 'ran');
    for (const mode of ['bisect', 'verify'] as const) {
      const range = mode === 'bisect' ? ['--good', shas[0], '--bad', 'HEAD'] : ['--culprit', shas[7]];
      const r = await cli(repo, [mode, ...range, `--timeout=${value}`, '--', 'sh', '-c', `: > '${marker}'`]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(`^bisect-report ${mode}: --timeout must be a positive number of seconds .*\\n$`),
      );
      expect(r.stderr.split('\n')).toHaveLength(2);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(marker)).toBe(false);
    expect(snapshot(repo)).toEqual(before);
  },
  30000,
);

test('run --timeout (the script of git bisect run): each hanging run is ended with its group and fails, the verdict is bad', async () => {
  const { repo, shas } = scratch();
  repo.git('checkout', '-q', '--force', shas[9]);
  const pids = join(work, 'pids-run');
  const started = Date.now();
  const r = await cli(repo, ['run', '--runs', '2', '--timeout', '0.5', '--quiet', '--', HANG], {
    PIDS: pids,
    IGNORE_TERM: '1',
  });
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(1);
  const lines = r.stdout.trim().split('\n');
  expect(
    lines.filter((l) => / result=fail exit=timeout title="timed out after 0\.5 s"$/.test(l)),
  ).toHaveLength(2);
  expect(lines.at(-1)).toMatch(/ verdict=bad exit=1 runs=2 failed=2 /);
  const hung = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
  expect(hung.map(alive).filter(Boolean)).toEqual([]);
  expect((Date.now() - started) / 1000).toBeLessThan(30);
  // A good commit within the limit: untouched, good.
  repo.git('checkout', '-q', '--force', shas[3]);
  const good = await cli(repo, ['run', '--runs', '2', '--timeout', '5', '--', HANG]);
  expect(good.code).toBe(0);
  // A bad limit: one line, and 128 so that git bisect run stops.
  const bad = await cli(repo, ['run', '--timeout', 'soon', '--', HANG]);
  expect(bad.code).toBe(128);
  expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  expect(bad.stderr).toMatch(/--timeout must be a positive number of seconds/);
}, 60000);
