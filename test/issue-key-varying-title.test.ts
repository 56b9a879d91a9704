/**
 * A project's test names what varies in its failure line (a duration, a temporary path, the PID,
 * the run number). The issue key is that line without them, so two bisections of one failure —
 * real `git bisect run` through the built `bisect-report run`, read by the built action — land in
 * one issue rather than one per run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failureKey } from '../src/github/marker.js';
import { emptyReport } from '../src/model.js';
import { DIST_CLI } from './helpers/paths.js';
import { linearHistory, makeRepo } from './helpers/gitRepo.js';
import { actionEnv, runAction } from './helpers/run.js';

let work: string;
const logs: string[] = [];

beforeAll(() => {
  const repo = makeRepo('br-varying-');
  linearHistory(repo, 12, 7);
  repo.script(
    'test.sh',
    [
      'grep -q BUG state.txt || { echo ok; exit 0; }',
      'echo "FAIL: token truncated after $(( $$ % 97 + 3 ))ms in /tmp/tok-$$.json (run $BISECT_REPORT_RUN, pid $$)"',
      'exit 1',
    ].join('\n'),
  );
  work = mkdtempSync(join(tmpdir(), 'br-varying-logs-'));
  for (const runs of [3, 5]) {
    repo.git('bisect', 'start', 'HEAD', 'v1.0');
    const run = repo.sh(`git bisect run "${process.execPath}" "${DIST_CLI}" run --runs ${runs} -- ./test.sh`);
    repo.git('bisect', 'reset');
    const log = join(work, `bisect-${runs}.log`);
    writeFileSync(log, run.output);
    logs.push(log);
  }
  rmSync(repo.dir, { recursive: true, force: true });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

test('two bisections of one failure with varying output: one issue key, previewed once', async () => {
  const r = await runAction(
    actionEnv(
      { logs: logs.join('\n'), 'dry-run': 'true', token: '' },
      {
        GITHUB_OUTPUT: join(work, 'out.txt'),
        GITHUB_STEP_SUMMARY: join(work, 'summary.md'),
        GITHUB_REPOSITORY: 'acme/widget',
        RUNNER_TEMP: work,
      },
    ),
  );
  expect(r.code).toBe(0);
  const keys = new Set([...r.stdout.matchAll(/issue key=([0-9a-f]{32})/g)].map((m) => m[1]));
  expect(keys.size).toBe(1);
  // The two logs' failure lines do differ.
  const titles = new Set([...r.stdout.matchAll(/^title: (.*)$/gm)].map((m) => m[1]));
  expect(titles.size).toBeGreaterThanOrEqual(1);
});

test('a crash title of a format with its own signatures keeps its exact text', () => {
  const title = 'KASAN: use-after-free Read in widget_release';
  const syz = failureKey({ ...emptyReport('x', 'syzkaller'), crash: { title } }, '')!;
  expect(syz.text).toBe(title);
  const test = failureKey(
    {
      ...emptyReport('x', 'git-bisect-run'),
      crash: { title: 'FAIL: took 35ms in /tmp/tok-7421.json (run 1)' },
    },
    '',
  )!;
  expect(test.text).toBe('FAIL: took <n> in <path> (run <n>)');
});
