import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse } from '../src/analyse/index.js';
import { readLog } from '../src/read/readLog.js';
import { linearHistory, makeRepo } from './helpers/gitRepo.js';
import { DIST_CLI } from './helpers/paths.js';

/**
 * `verified` is reachable for git users: a deterministic failure bisected with repeated runs per
 * commit (bisect-report run), where the culprit and its parent were both tested directly.
 */
describe('a repeated-runs git bisection', () => {
  const repo = makeRepo('br-verified-');
  const shas = linearHistory(repo, 32, 21);
  repo.script('test.sh', 'grep -q BUG state.txt && { echo "FAIL: state is BUG"; exit 1; }; exit 0');
  const dir = mkdtempSync(join(tmpdir(), 'br-verified-out-'));

  function bisect(runs: number | null): string {
    repo.git('bisect', 'start', shas[32], shas[0]);
    const cmd =
      runs === null
        ? 'git bisect run ./test.sh'
        : `git bisect run "${process.execPath}" "${DIST_CLI}" run --runs ${runs} --quiet -- ./test.sh`;
    const out = repo.sh(cmd).output;
    repo.git('bisect', 'reset');
    const file = join(dir, `bisect-${runs ?? 'plain'}.log`);
    writeFileSync(file, out);
    return file;
  }

  test('10 runs per commit, culprit always failing and parent always clean: verified', () => {
    const r = analyse(readLog(bisect(10)));
    expect(r.culprit?.sha).toBe(shas[21]);
    expect(r.steps.every((s) => s.runs.total === 10)).toBe(true);
    expect(r.trust?.label).toBe('verified');
    expect(r.trust!.probability).toBeGreaterThanOrEqual(0.8);
  });

  test('the same bisection with one run per commit is not verified, and says why', () => {
    const r = analyse(readLog(bisect(null)));
    expect(r.culprit?.sha).toBe(shas[21]);
    expect(r.trust?.label).not.toBe('verified');
    expect(r.trust?.reasons.map((x) => x.code)).toContain('plain-bisect-no-repeats');
  });
});
