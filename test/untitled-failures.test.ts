/**
 * A test that prints no failure line: its failing runs are logged as `exit 1`, which is how the run
 * ended, not the failure's name. Two unrelated tests of one repository that both fail that way must
 * not share a name, an issue key or an issue: the failure is named by the test command instead. Real
 * `git bisect run` with the `bisect-report run` wrapper, and `bisect-report bisect`, in a scratch
 * repository, read by the built pipeline.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectReports } from '../src/collect.js';
import { failureKey } from '../src/github/marker.js';
import type { Report } from '../src/model.js';
import { renderIssueTitle } from '../src/render/issue.js';
import { linearHistory, makeRepo, type ScratchRepo } from './helpers/gitRepo.js';
import { DIST_CLI } from './helpers/paths.js';
import { runProcess } from './helpers/run.js';

let work: string;
let repo: ScratchRepo;
let shas: string[];

beforeAll(() => {
  repo = makeRepo('br-untitled-');
  shas = linearHistory(repo, 12, 7);
  // Two tests of the same bug that say nothing when they fail (only their exit status).
  repo.script('a.sh', 'grep -q BUG state.txt && exit 1\nexit 0');
  repo.script('b.sh', 'grep -q BUG state.txt && exit 1\nexit 0');
  work = mkdtempSync(join(tmpdir(), 'br-untitled-logs-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(repo.dir, { recursive: true, force: true });
});

async function wrapperLog(test: string): Promise<Report> {
  repo.git('bisect', 'reset');
  repo.git('bisect', 'start', 'HEAD', 'v1.0');
  const run = repo.sh(`git bisect run "${process.execPath}" "${DIST_CLI}" run --runs 2 --quiet -- ./${test}`);
  const log = join(work, `wrapper-${test}.log`);
  writeFileSync(log, run.output);
  repo.git('bisect', 'reset');
  return (await collectReports([log])).reports[0];
}

test('git bisect run with the wrapper: no made-up title, one key per test command', async () => {
  const [a, b] = [await wrapperLog('a.sh'), await wrapperLog('b.sh')];
  for (const r of [a, b]) {
    expect(r.status).toBe('found');
    expect(r.culprit?.sha).toBe(shas[7]);
    expect(r.crash ?? null).toBeNull();
    // The runs keep how they ended.
    expect(r.steps.some((s) => Object.keys(s.titles).some((t) => /^exit 1$/.test(t)))).toBe(true);
  }
  expect(a.testCommand).toContain('./a.sh');
  expect(b.testCommand).toContain('./b.sh');
  expect(failureKey(a, '')!.hash).not.toBe(failureKey(b, '')!.hash);
  expect(renderIssueTitle(a)).not.toMatch(/^exit/);
  expect(renderIssueTitle(a)).toContain('a.sh');
});

test('bisect-report bisect: its log names the test command', async () => {
  const log = join(work, 'bisect.log');
  const r = await runProcess(
    process.execPath,
    [DIST_CLI, 'bisect', '--good', shas[0], '--bad', 'HEAD', '--log', log, '--', './a.sh'],
    { cwd: repo.dir, env: { ...repo.env, TMPDIR: work } },
  );
  expect(r.code).toBe(0);
  const report = (await collectReports([log])).reports[0];
  expect(report.culprit?.sha).toBe(shas[7]);
  expect(report.crash ?? null).toBeNull();
  expect(report.testCommand).toBe('./a.sh');
  expect(renderIssueTitle(report)).toContain('./a.sh');
  expect(renderIssueTitle(report)).not.toMatch(/exit 1/);
}, 60000);
