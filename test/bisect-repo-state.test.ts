import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_CLI } from './helpers/paths.js';
import { linearHistory, makeRepo, userVisibleState, type ScratchRepo } from './helpers/gitRepo.js';
import { runProcess, type ProcResult } from './helpers/run.js';

/**
 * `bisect-report bisect` / `verify` leave the user's repository exactly as it was however they end
 * (docs/bisect.md): interrupted (Ctrl-C, SIGTERM), a command that cannot run or stops working,
 * `--max-runs` reached, a reader of stdout or stderr that goes away — with one job and with four.
 * And nothing the test prints, nor a commit subject, becomes a workflow command on our output.
 * The built CLI as a real process, real git, real signals.
 */

const work = mkdtempSync(join(tmpdir(), 'br-bisect-state-'));
const TEST = join(work, 'test.sh');
// Fails where state.txt says BUG (REPRO % of runs); EXIT_AT_RUN=k makes the k-th run of the whole
// search exit EXIT_CODE instead (a command that stops working half-way).
writeFileSync(
  TEST,
  `#!/bin/sh
n=1
if [ -n "$COUNTER" ]; then echo run >> "$COUNTER"; n=$(wc -l < "$COUNTER"); fi
[ -n "$EXIT_AT_RUN" ] && [ "$n" -ge "$EXIT_AT_RUN" ] && exit "$EXIT_CODE"
[ -n "$SLEEP" ] && sleep "$SLEEP"
[ -n "$SAY" ] && printf '%b' "$SAY"
h=$(printf '%s' "$BISECT_REPORT_COMMIT:$BISECT_REPORT_RUN" | cksum | cut -d' ' -f1)
if grep -q BUG state.txt && [ $((h % 100)) -lt "\${REPRO:-100}" ]; then echo "FAIL: parser crashed"; exit 1; fi
exit 0
`,
);
chmodSync(TEST, 0o755);
const NOT_EXECUTABLE = join(work, 'not-executable.sh');
writeFileSync(NOT_EXECUTABLE, '#!/bin/sh\nexit 0\n');
chmodSync(NOT_EXECUTABLE, 0o644);

/** Everything the user could notice, and the untracked file's content. */
function snapshot(repo: ScratchRepo): Record<string, string> {
  return { ...userVisibleState(repo), untracked: readFileSync(join(repo.dir, 'notes.txt'), 'utf8') };
}

/** 12 commits, the culprit at 7, with an uncommitted edit, a staged file and an untracked one. */
function scratch(): { repo: ScratchRepo; shas: string[] } {
  const repo = makeRepo('br-bisect-state-repo-');
  const shas = linearHistory(repo, 12, 7);
  writeFileSync(join(repo.dir, 'app.txt'), 'uncommitted edit\n');
  writeFileSync(join(repo.dir, 'notes.txt'), 'untracked\n');
  writeFileSync(join(repo.dir, 'staged.txt'), 'staged\n');
  repo.git('add', 'staged.txt');
  return { repo, shas };
}

const leftovers = () => readdirSync(work).filter((f) => f.startsWith('bisect-report-'));

function modeArgs(mode: 'bisect' | 'verify', shas: string[]): string[] {
  return mode === 'bisect'
    ? ['bisect', '--good', shas[0], '--bad', 'HEAD']
    : ['verify', '--culprit', shas[7]];
}

type Ending = 'SIGINT' | 'SIGTERM' | 'exit 126' | 'exit 127' | 'exits 127 on run 3' | '--max-runs';

/**
 * Runs the CLI in its own process group (as a shell runs a foreground job) and ends it the given
 * way. Ctrl-C reaches the whole foreground group; SIGTERM comes to our process alone.
 */
function runAndEnd(
  repo: ScratchRepo,
  args: string[],
  ending: Ending,
): Promise<{ code: number | null; stderr: string }> {
  const counter = join(work, `counter-${Math.random().toString(36).slice(2)}`);
  const extra: Record<string, string> = { COUNTER: counter };
  let command = [TEST];
  if (ending === 'SIGINT' || ending === 'SIGTERM') extra.SLEEP = '0.5';
  if (ending === 'exit 126') command = [NOT_EXECUTABLE];
  if (ending === 'exit 127') command = [join(work, 'no-such-test.sh')];
  if (ending === 'exits 127 on run 3') Object.assign(extra, { EXIT_AT_RUN: '3', EXIT_CODE: '127' });
  // A test that fails half the time at the culprit cannot settle anything in 3 runs.
  if (ending === '--max-runs') Object.assign(extra, { REPRO: '50' });
  const limit = ending === '--max-runs' ? ['--max-runs', '3'] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DIST_CLI, ...args, ...limit, '--', ...command], {
      cwd: repo.dir,
      env: { ...repo.env, TMPDIR: work, ...extra },
      detached: true,
    });
    let stderr = '';
    let sent = false;
    child.stdout.resume();
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      // Signals arrive while runs are going: after the first one ended, the next are under way.
      if (!sent && (ending === 'SIGINT' || ending === 'SIGTERM') && /: run 1: /.test(stderr)) {
        sent = true;
        if (ending === 'SIGINT') process.kill(-child.pid!, 'SIGINT');
        else child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

const endings: [Ending, RegExp][] = [
  ['SIGINT', /stopped: interrupted by SIGINT/],
  ['SIGTERM', /stopped: interrupted by SIGTERM/],
  ['exit 126', /cannot run \(exit 126\)/],
  ['exit 127', /cannot run \(exit 127\)/],
  ['exits 127 on run 3', /cannot run \(exit 127\)/],
  ['--max-runs', /--max-runs 3 reached/],
];

describe.each(['bisect', 'verify'] as const)('%s leaves the repository as it was', (mode) => {
  test.each(endings.flatMap(([ending, message]) => [1, 4].map((jobs) => [ending, jobs, message] as const)))(
    '%s, --jobs %i: exit 3, one line why, no worktree left',
    async (ending, jobs, message) => {
      const { repo, shas } = scratch();
      const before = snapshot(repo);
      const r = await runAndEnd(repo, [...modeArgs(mode, shas), '--jobs', String(jobs)], ending);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(3);
      expect(snapshot(repo)).toEqual(before);
      expect(leftovers()).toEqual([]);
    },
    30000,
  );
});

/** Runs the CLI through `sh -c '… | head -1'`; returns the CLI's own exit status and what it printed. */
async function throughHead(
  repo: ScratchRepo,
  args: string[],
  redirect: '2>&1' | '2>&1 >/dev/null' | '',
): Promise<ProcResult & { cliCode: number }> {
  const quoted = [process.execPath, DIST_CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  // The CLI's status, past the pipe, in a file (sh has no PIPESTATUS); the reader keeps one line.
  const status = join(work, `status-${Math.random().toString(36).slice(2)}`);
  const r = await runProcess(
    'sh',
    ['-c', `{ ${quoted} ${redirect}; echo $? > '${status}'; } | head -1 > /dev/null; cat '${status}'`],
    { cwd: repo.dir, env: { ...repo.env, TMPDIR: work, SLEEP: '0.05' } },
  );
  return { ...r, cliCode: Number(r.stdout.trim()) };
}

describe.each(['bisect', 'verify'] as const)('%s when the reader goes away (| head -1)', (mode) => {
  test.each([1, 4])(
    'stdout closed, --jobs %i: exit 141, no stack trace, repository as it was',
    async (jobs) => {
      const { repo, shas } = scratch();
      const before = snapshot(repo);
      // Without --log the log is stdout, whose reader leaves after the first line.
      const r = await throughHead(repo, [...modeArgs(mode, shas), '--jobs', String(jobs), '--', TEST], '');
      expect(r.cliCode).toBe(141);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).toMatch(/stopped: the log reader \(stdout\) went away/);
      expect(snapshot(repo)).toEqual(before);
      expect(leftovers()).toEqual([]);
    },
    30000,
  );

  test.each([1, 4])(
    'stderr closed (progress), --jobs %i: exit 141, the log says why, repository as it was',
    async (jobs) => {
      const { repo, shas } = scratch();
      const before = snapshot(repo);
      const log = join(work, `stderr-closed-${mode}-${jobs}.log`);
      const args = [...modeArgs(mode, shas), '--jobs', String(jobs), '--log', log, '--', TEST];
      const r = await throughHead(repo, args, '2>&1 >/dev/null');
      expect(r.cliCode).toBe(141);
      expect(readFileSync(log, 'utf8')).toMatch(
        /result=stopped .*reason="stopped: the progress reader \(stderr\) went away"/,
      );
      expect(snapshot(repo)).toEqual(before);
      expect(leftovers()).toEqual([]);
    },
    30000,
  );

  test('both on one closed pipe (2>&1 | head -1): exit 141, repository as it was', async () => {
    const { repo, shas } = scratch();
    const before = snapshot(repo);
    const r = await throughHead(repo, [...modeArgs(mode, shas), '--jobs', '4', '--', TEST], '2>&1');
    expect(r.cliCode).toBe(141);
    expect(r.stderr).toBe('');
    expect(snapshot(repo)).toEqual(before);
    expect(leftovers()).toEqual([]);
  }, 30000);
});

describe('the test output and commit subjects stay inert on our stdout and stderr', () => {
  // Workflow commands as a test (or a commit message) could print them: at a line start after
  // spaces, after a bare CR, and the legacy `##[` anywhere; one line matches the failure title.
  const SAY = String.raw`::error::from the test\n  ::set-output name=x::y\nFAIL: boom ##[error]in the title\r::warning::after CR\n##[group]legacy\n`;
  const isCommand = (text: string) => text.split(/[\r\n]/).some((l) => /^\s*::/.test(l) || l.includes('##['));

  test.each([
    ['bisect', 1],
    ['bisect', 4],
    ['verify', 1],
    ['verify', 4],
  ] as const)(
    '%s --jobs %i --verbose, log on stdout',
    async (mode, jobs) => {
      const repo = makeRepo('br-bisect-inert-');
      const shas = linearHistory(repo, 6, 99);
      // The culprit's subject is a workflow command too.
      shas.push(repo.commit('::error::subject ##[warning]x', { 'state.txt': 'BUG\n' }));
      const args =
        mode === 'bisect' ? ['bisect', '--good', shas[0], '--bad', 'HEAD'] : ['verify', '--culprit', 'HEAD'];
      const r = await runProcess(
        process.execPath,
        [DIST_CLI, ...args, '--jobs', String(jobs), '--verbose', '--', TEST],
        { cwd: repo.dir, env: { ...repo.env, TMPDIR: work, SAY } },
      );
      expect(r.code).toBe(0);
      // The test really printed them, and the title came from that line.
      expect(r.stderr).toContain('from the test');
      expect(r.stdout).toMatch(/title="FAIL: boom #\u200b#\[error\]in the title/);
      expect(r.stdout).toContain('subject');
      expect(isCommand(r.stdout)).toBe(false);
      expect(isCommand(r.stderr)).toBe(false);
    },
    30000,
  );
});

test('Ctrl-C while git is still asked about the revisions: exit 3 "interrupted", nothing created', async () => {
  const { repo, shas } = scratch();
  const before = snapshot(repo);
  // A slow git (a big repository, a cold disk): the signal comes before any worktree exists.
  const bin = mkdtempSync(join(work, 'slow-git-'));
  const realGit = repo.sh('command -v git').output.trim();
  const asked = join(bin, 'asked');
  writeFileSync(join(bin, 'git'), `#!/bin/sh\n: > '${asked}'\nsleep 1\nexec '${realGit}' "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  const child = spawn(process.execPath, [DIST_CLI, ...modeArgs('bisect', shas), '--', TEST], {
    cwd: repo.dir,
    env: { ...repo.env, TMPDIR: work, PATH: `${bin}:${repo.env.PATH}` },
    detached: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout.resume();
  // Once git has been asked (our handlers are in place by then), as a terminal's Ctrl-C does.
  const poll = setInterval(() => {
    if (!existsSync(asked)) return;
    clearInterval(poll);
    process.kill(-child.pid!, 'SIGINT');
  }, 20);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(code).toBe(3);
  expect(stderr).toMatch(/^bisect-report bisect: stopped: interrupted by SIGINT/);
  expect(stderr).not.toMatch(/unknown revision|\n\s+at /);
  expect(snapshot(repo)).toEqual(before);
  expect(leftovers()).toEqual([]);
}, 30000);
