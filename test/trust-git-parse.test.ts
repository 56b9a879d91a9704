/**
 * Every commit git tested must reach the trust analysis with git's verdict. Logs made the README's
 * way: `git bisect start` before the capture (so the first checkout is not in it), `git bisect run`
 * captured, then `git bisect log` appended — on git 2.39 right after a last line without newline.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLog } from '../src/read/readLog.js';
import { linearHistory, loggedVerdicts, makeRepo } from './helpers/gitRepo.js';

const out = mkdtempSync(join(tmpdir(), 'br-trust-parse-'));

function readmeWayLog(culprit: number, glue: boolean): { text: string; log: string; truth: string } {
  const repo = makeRepo();
  const shas = linearHistory(repo, 20, culprit);
  repo.script('test.sh', 'if grep -q BUG state.txt; then echo "FAIL: bug at $$"; exit 1; fi\necho ok');
  repo.git('bisect', 'start', shas[20], shas[0]);
  const run = repo.sh('git bisect run ./test.sh').output;
  const log = repo.sh('git bisect log').output;
  const console = glue ? run.replace(/\n$/, '') : run.endsWith('\n') ? run : run + '\n';
  return { text: console + log, log, truth: shas[culprit] };
}

describe('git console with an appended git bisect log', () => {
  test.each([
    [13, true],
    [13, false],
    [2, true],
    [19, true],
  ])('culprit %i, glued log %s: every tested commit with git verdict', (culprit, glue) => {
    const { text, log, truth } = readmeWayLog(culprit, glue);
    const file = join(out, `c${culprit}-${glue}.log`);
    writeFileSync(file, text);
    const report = readLog(file, 'auto');
    expect(report.status).toBe('found');
    expect(report.culprit?.sha).toBe(truth);
    const marked = loggedVerdicts(log);
    expect(report.steps.map((s) => [s.commit, s.verdict])).toEqual(marked.map((m) => [m.sha, m.term]));
    expect(report.window?.bad).toBeTruthy();
    expect(report.window?.good.length).toBe(1);
  });
});
