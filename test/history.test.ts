import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linearHistory, makeRepo } from './helpers/gitRepo.js';
import { actionEnv, runAction } from './helpers/run.js';

/** The action inside a checkout that has the history places tested commits exactly (git rev-list). */
describe('exact window positions from the checkout', () => {
  const repo = makeRepo('br-history-');
  const shas = linearHistory(repo, 40, 23);
  repo.script('test.sh', 'grep -q BUG state.txt && exit 1; exit 0');
  repo.git('bisect', 'start', shas[40], shas[0]);
  const run = repo.sh('git bisect run ./test.sh');
  const bisectLog = repo.git('bisect', 'log');
  repo.git('bisect', 'reset');
  const dir = mkdtempSync(join(tmpdir(), 'br-history-out-'));
  const logPath = join(dir, 'bisect.log');
  writeFileSync(logPath, `${run.output}\n${bisectLog}\n`);

  async function trustFrom(cwd: string) {
    const output = join(dir, `out-${cwd === repo.dir ? 'repo' : 'elsewhere'}.txt`);
    writeFileSync(output, '');
    const r = await runAction(
      actionEnv(
        { logs: logPath, 'create-issue': 'false', 'comment-on-pr': 'false' },
        { GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: join(dir, 'summary.md'), RUNNER_TEMP: dir },
      ),
      cwd,
    );
    expect(r.code).toBe(0);
    const json = /report-json<<(\S+)\n(.*)\n/.exec(readFileSync(output, 'utf8'))![2];
    return JSON.parse(readFileSync(json, 'utf8')).reports[0];
  }

  test('inside the repository: positions are exact and the window is rev-list long', async () => {
    const report = await trustFrom(repo.dir);
    expect(report.status).toBe('found');
    expect(report.culprit.sha).toBe(shas[23]);
    expect(report.analysis.positionsExact).toBe(true);
    expect(report.analysis.windowSize).toBe(40);
  });

  test('outside it: positions are reconstructed, and the answer is the same', async () => {
    const report = await trustFrom(dir);
    expect(report.culprit.sha).toBe(shas[23]);
    expect(report.analysis.positionsExact).toBe(false);
  });
});
