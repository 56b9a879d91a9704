import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linearHistory, makeRepo } from './helpers/gitRepo.js';
import { actionEnv, runAction } from './helpers/run.js';

/** Workflow annotations as the runner sees them on stdout: ≤ 10 per level, file-level on PRs. */
describe('annotations from the built action', () => {
  const repo = makeRepo('br-annot-');
  const shas = linearHistory(repo, 16, 9);
  repo.script('test.sh', 'grep -q BUG state.txt && exit 1; exit 0');
  repo.git('bisect', 'start', shas[16], shas[0]);
  const run = repo.sh('git bisect run ./test.sh');
  repo.git('bisect', 'reset');
  const dir = mkdtempSync(join(tmpdir(), 'br-annot-out-'));
  const log = join(dir, 'bisect.log');
  writeFileSync(log, run.output);

  const env = (logs: string, event: string) =>
    actionEnv(
      { logs, 'create-issue': 'false', 'comment-on-pr': 'false' },
      {
        GITHUB_EVENT_NAME: event,
        GITHUB_OUTPUT: join(dir, 'out.txt'),
        GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
        RUNNER_TEMP: dir,
      },
    );
  const lines = (stdout: string, level: string) =>
    stdout.split('\n').filter((l) => l.startsWith(`::${level}`));

  test('a notice with the headline; on a pull request, warnings on the trusted culprit’s files', async () => {
    const r = await runAction(env(log, 'pull_request'));
    expect(r.code).toBe(0);
    const notices = lines(r.stdout, 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(shas[9].slice(0, 12));
    const trusted = /trust: (verified|likely)/.test(notices[0]);
    const fileWarnings = lines(r.stdout, 'warning').filter((l) => l.includes('file=state.txt'));
    expect(fileWarnings.length).toBe(trusted ? 1 : 0);
  });

  test('log text in an annotation message cannot be read as a legacy ##[ command', async () => {
    // The message names the log (here its file name) when the log has no failure title.
    const evil = join(dir, '##[error]evil.log');
    writeFileSync(evil, run.output);
    const r = await runAction(env(evil, 'pull_request'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('evil.log');
    expect(r.stdout.split('\n').filter((l) => l.includes('##['))).toEqual([]);
  });

  test('on a push there are no file-level warnings', async () => {
    const r = await runAction(env(log, 'push'));
    expect(lines(r.stdout, 'warning').filter((l) => l.includes('file='))).toHaveLength(0);
  });

  test('many unreadable inputs: at most 10 error annotations, the rest in the log', async () => {
    const missing = Array.from({ length: 14 }, (_, i) => join(dir, `missing-${i}.log`));
    const r = await runAction(env([...missing, log].join('\n'), 'push'));
    const errors = lines(r.stdout, 'error');
    // 8 inputs, one line for the other 6, and the step's failure: GitHub's 10 error annotations.
    expect(errors).toHaveLength(10);
    expect(errors.at(-2)).toMatch(/6 more input error/);
    expect(errors.at(-1)).toMatch(/could not be read as a bisection log.*; the other logs were reported$/);
    expect(r.stdout).toContain('missing-13.log');
    expect(lines(r.stdout, 'notice')).toHaveLength(1);
  });

  test('the only input is not a log: the failure does not speak of other logs', async () => {
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    const r = await runAction(env(empty, 'push'));
    expect(r.code).toBe(1);
    expect(lines(r.stdout, 'error')).toEqual([
      '::error::1 input(s) could not be read as a bisection log (see above)',
    ]);
  });
});
