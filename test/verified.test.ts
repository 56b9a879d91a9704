import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse } from '../src/analyse/index.js';
import { readLog } from '../src/read/readLog.js';
import { windowHistory } from '../src/read/history.js';
import { linearHistory, makeRepo, type ScratchRepo } from './helpers/gitRepo.js';
import { DIST_CLI } from './helpers/paths.js';

/** `git bisect run` through the built CLI's `run --runs N` (or plain); returns the console log's path. */
function bisect(repo: ScratchRepo, bad: string, good: string, runs: number | null, dir: string): string {
  repo.git('bisect', 'start', bad, good);
  const cmd =
    runs === null
      ? 'git bisect run ./test.sh'
      : `git bisect run "${process.execPath}" "${DIST_CLI}" run --runs ${runs} --quiet -- ./test.sh`;
  const out = repo.sh(cmd).output;
  const log = repo.git('bisect', 'log');
  repo.git('bisect', 'reset');
  const file = join(dir, `bisect-${runs ?? 'plain'}.log`);
  writeFileSync(file, `${out}\n${log}\n`);
  return file;
}

/** The log read as the action reads it inside the checkout (window and parents from git). */
function inCheckout(repo: ScratchRepo, file: string) {
  const parsed = readLog(file);
  return analyse(parsed, windowHistory(parsed, repo.dir) ?? {});
}

const FAILING_TEST = 'grep -q BUG state.txt && { echo "FAIL: state is BUG"; exit 1; }; exit 0';

/**
 * `verified` is reachable for git users: a deterministic failure bisected with repeated runs per
 * commit (bisect-report run), where the culprit and its parent were both tested directly.
 */
describe('a repeated-runs git bisection', () => {
  const repo = makeRepo('br-verified-');
  const shas = linearHistory(repo, 32, 21);
  repo.script('test.sh', FAILING_TEST);
  const dir = mkdtempSync(join(tmpdir(), 'br-verified-out-'));
  const tenRuns = bisect(repo, shas[32], shas[0], 10, dir);

  test('10 runs per commit, culprit always failing and parent always clean: verified', () => {
    const r = inCheckout(repo, tenRuns);
    expect(r.culprit?.sha).toBe(shas[21]);
    expect(r.steps.every((s) => s.runs.total === 10)).toBe(true);
    expect(r.steps.some((s) => s.commit === shas[20] && s.verdict === 'good')).toBe(true);
    expect(r.trust?.label).toBe('verified');
    expect(r.trust!.probability).toBeGreaterThanOrEqual(0.8);
  });

  test('the same log without the history cannot show the parent was tested: not verified, and says why', () => {
    const r = analyse(readLog(tenRuns));
    expect(r.culprit?.sha).toBe(shas[21]);
    expect(r.trust?.label).toBe('likely');
    expect(r.trust?.reasons.map((x) => x.code)).toContain('parent-not-shown');
  });

  test('the same bisection with one run per commit is not verified, and says why', () => {
    const r = inCheckout(repo, bisect(repo, shas[32], shas[0], null, dir));
    expect(r.culprit?.sha).toBe(shas[21]);
    expect(r.trust?.label).not.toBe('verified');
    expect(r.trust?.reasons.map((x) => x.code)).toContain('plain-bisect-no-repeats');
  });
});

/**
 * A culprit on a merged branch whose parent is the good end: git tests main-line commits good and
 * names the branch's first commit, whose parent it never ran. Rebuilt linear positions would take
 * the highest good main-line commit for the parent; `verified` must rest on the real parent's runs.
 */
describe('a culprit whose parent was never tested (a merged branch)', () => {
  const repo = makeRepo('br-verified-merge-');
  const base = repo.commit('Initial import', { 'app.txt': 'v0\n', 'state.txt': 'ok\n' });
  for (let i = 1; i <= 6; i++) repo.commit(`feature: option ${i}`, { 'app.txt': `v${i}\n` });
  repo.git('checkout', '-q', '-b', 'side', base);
  const culprit = repo.commit('parser: switch to the fast path', { 'state.txt': 'BUG\n' });
  repo.commit('parser: tidy', { 'parser.txt': 'tidy\n' });
  repo.git('checkout', '-q', 'main');
  const merge = repo.sh(
    'GIT_AUTHOR_DATE="1700100000 +0000" GIT_COMMITTER_DATE="1700100000 +0000" git merge -q --no-ff side -m "Merge branch side"',
  );
  let bad = '';
  for (let i = 7; i <= 10; i++) bad = repo.commit(`feature: option ${i}`, { 'app.txt': `v${i}\n` });
  repo.script('test.sh', FAILING_TEST);
  const dir = mkdtempSync(join(tmpdir(), 'br-verified-merge-out-'));
  const file = bisect(repo, bad, base, 10, dir);
  const report = readLog(file);

  test('git names the branch commit after testing main-line commits good', () => {
    expect(merge.status).toBe(0);
    expect(report.culprit?.sha).toBe(culprit);
    expect(report.steps.some((s) => s.verdict === 'good' && s.runs.total === 10)).toBe(true);
    expect(report.steps.some((s) => s.commit === base)).toBe(false);
  });

  test('inside the checkout: the parent is the untested good end, so not verified', () => {
    const r = inCheckout(repo, file);
    expect(r.analysis?.positionsExact).toBe(true);
    expect(r.trust?.label).not.toBe('verified');
    expect(r.trust?.reasons.map((x) => x.code)).toContain('no-direct-evidence');
    // The re-test names the real parent, not the main-line commit tested good.
    expect(r.retest.map((t) => t.commit)).toContain(base);
  });

  test('without the history: not verified either', () => {
    const r = analyse(report);
    expect(r.trust?.label).not.toBe('verified');
    expect(r.trust?.reasons.map((x) => x.code)).toContain('parent-not-shown');
  });
});
