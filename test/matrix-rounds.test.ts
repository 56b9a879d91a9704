import { chmodSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linearHistory, makeRepo } from './helpers/gitRepo.js';
import { ROOT } from './helpers/paths.js';
import { runCli, runProcess } from './helpers/run.js';

/**
 * `bisect-report bisect --plan` driven as .github/workflows/bisect-matrix.yml drives it (docs/matrix.md):
 * real git, the built CLI as real processes. The bigger sweep is `npm run bench:matrix`.
 */
describe('matrix rounds run locally as the workflow runs them', () => {
  test('plan → K probes in parallel on their own worktrees → plan …: the right culprit, never more than K jobs', async () => {
    const r = await runProcess(process.execPath, [
      join(ROOT, 'bench', 'matrix-rounds.mjs'),
      ...['--commits', '60', '--culprit', '37', '--jobs', '4', '--runs', '3', '--max-rounds', '6'],
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ done: true, status: 'culprit', right: true });
    expect(result.maxEntries).toBeLessThanOrEqual(4);
    expect(result.rounds).toBeLessThanOrEqual(6);
    // The final log reads back with the same culprit, verified: plan and read-back share one rule.
    expect(result.readBack.status).toBe('found');
    expect(result.readBack.culprit).toBe(result.culprit);
    expect(result.readBack.label).toBe('verified');
  }, 60000);
});

describe('evidence the plan cannot trust is left out with a notice, never a wrong answer', () => {
  const repo = makeRepo('br-matrix-ev-');
  const shas = linearHistory(repo, 20, 13);
  // A commit outside the window: on a side branch off the bad end.
  repo.git('checkout', '-q', '-b', 'side');
  const outside = repo.commit('side: unrelated', { 'side.txt': 'x\n' });
  repo.git('checkout', '-q', 'main');
  const dir = mkdtempSync(join(tmpdir(), 'br-matrix-evidence-'));
  // The test lives outside the repository, as a workflow's test command does not change with the commit.
  const testScript = join(dir, 'test.sh');
  writeFileSync(
    testScript,
    '#!/bin/sh\ngrep -q BUG state.txt && { echo "FAIL: state is BUG"; exit 1; }; exit 0\n',
  );
  chmodSync(testScript, 0o755);
  const plan = (evidence: string[], extra: string[] = []) =>
    runCli(
      [
        'bisect',
        '--plan',
        '--good',
        shas[0],
        '--bad',
        shas[20],
        '--jobs',
        '3',
        '--runs',
        '2',
        ...extra,
        ...evidence.flatMap((e) => ['--evidence', e]),
      ],
      { cwd: repo.dir, env: { ...repo.env, PATH: process.env.PATH } },
    );
  /** A real probe: `bisect-report run` at the commit, in a worktree of its own. */
  async function probe(sha: string, name: string, header: string, command = testScript): Promise<string> {
    const wt = join(dir, `wt-${name}`);
    repo.git('worktree', 'add', '-q', '--detach', wt, sha);
    const r = await runCli(['run', '--runs', '2', '--quiet', '--', command], { cwd: wt, env: repo.env });
    repo.git('worktree', 'remove', '--force', wt);
    const file = join(dir, `${name}.txt`);
    writeFileSync(file, `bisect-report probe: ${header}\n${r.stdout}`);
    return file;
  }

  test('duplicate, truncated, outside the range, empty, missing: the same plan as without them', async () => {
    const good = await probe(shas[10], 'good', 'round=1 slot=1');
    const bad = await probe(shas[13], 'bad', 'round=1 slot=2');
    const base = await plan([good, bad]);
    expect(base.code).toBe(0);
    expect(JSON.parse(base.stdout).runs).toBe(4);
    const duplicate = join(dir, 'copy.txt');
    copyFileSync(bad, duplicate);
    const truncated = join(dir, 'truncated.txt');
    writeFileSync(
      truncated,
      readFileSync(await probe(shas[5], 'cut', 'round=1 slot=3'), 'utf8')
        .split('\n')
        .slice(0, 2)
        .join('\n'),
    );
    const side = await probe(outside, 'side', 'round=1 slot=4');
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const noisy = await plan([good, bad, duplicate, truncated, side, empty, join(dir, 'never-ran')]);
    expect(noisy.code).toBe(0);
    expect(noisy.stdout).toBe(base.stdout);
    expect(noisy.stderr).toMatch(/copy\.txt: ignored: same content as/);
    expect(noisy.stderr).toMatch(/truncated\.txt: ignored: truncated/);
    expect(noisy.stderr).toMatch(/side\.txt: ignored: commit [0-9a-f]{12} is not in the bisection range/);
    expect(noisy.stderr).toMatch(/empty\.txt: ignored: no `bisect-report run` lines/);
    expect(noisy.stderr).toMatch(/never-ran: no evidence there/);
    expect(noisy.stderr).not.toMatch(/\n\s+at /);
    // Two probes of one commit with the same results are two files (their headers differ).
    const again = await probe(shas[13], 'bad-again', 'round=2 slot=1');
    const more = await plan([good, bad, again]);
    expect(JSON.parse(more.stdout).runs).toBe(JSON.parse(base.stdout).runs + 2);
  }, 60000);

  test('one JSON object on stdout, at most K entries, each a commit of the window', async () => {
    const r = await plan([join(dir, 'none-yet')]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(r.stdout);
    expect(json.done).toBe(false);
    expect(json.matrix.include.length).toBeGreaterThan(0);
    expect(json.matrix.include.length).toBeLessThanOrEqual(3);
    for (const e of json.matrix.include) {
      expect(shas).toContain(e.commit);
      expect(e.runs).toBeGreaterThanOrEqual(1);
      expect(e.runs).toBeLessThanOrEqual(2);
    }
    expect(new Set(json.matrix.include.map((e: { slot: number }) => e.slot)).size).toBe(
      json.matrix.include.length,
    );
  });

  test('a test command that cannot run ends the bisection as stopped, and the log says so', async () => {
    const broken = await probe(shas[8], 'broken', 'round=1 slot=1', join(dir, 'no-such-test.sh'));
    const log = join(dir, 'final.log');
    const r = await plan([broken], ['--log', log]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ done: true, status: 'stopped', culprit: null });
    const read = await runCli(['--json', log]);
    expect(JSON.parse(read.stdout).reports[0].status).not.toBe('found');
  });

  test('usage errors and an unknown revision: one line, exit 2', async () => {
    const usage = await runCli(['bisect', '--plan', '--good', shas[0], '--bad', shas[20], '--jobs', '0'], {
      cwd: repo.dir,
    });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^bisect-report bisect: --jobs must be/);
    const unknown = await runCli(['bisect', '--plan', '--good', 'nope', '--bad', shas[20]], {
      cwd: repo.dir,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stdout).toBe('');
  });
});
