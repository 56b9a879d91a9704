import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, ROOT } from './helpers/paths.js';
import { runProcess } from './helpers/run.js';

const STATUSES = [
  'found',
  'ambiguous',
  'no-culprit',
  'not-reproduced',
  'failed',
  'incomplete',
  'unrecognized',
];

// A scrubbed environment: the demo must not need a token, a repository or network settings.
const env = () => ({ PATH: process.env.PATH, HOME: process.env.HOME, BISECT_REPORT_DIST: DIST_DIR });

describe('npm run demo (the first quick-start command)', () => {
  test('tells the flaky-test story: plain git bisect is fooled and bisect-report says so; the wrapper is right and trusted', async () => {
    const started = Date.now();
    const r = await runProcess(process.execPath, [join(ROOT, 'scripts/demo.mjs')], { env: env() });
    const seconds = (Date.now() - started) / 1000;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Short enough to read in a terminal, fast enough to run first.
    expect(r.stdout.split('\n').length).toBeLessThan(40);
    expect(seconds).toBeLessThan(40);
    const [, plainPart, wrapperPart, bisectPart] = r.stdout.split(/^\d\. /m);
    expect(plainPart).toMatch(/^Plain `git bisect run \.\/test\.sh`/);
    expect(plainPart).toMatch(
      /git says: +[0-9a-f]{12} "feature: add option \d+" is the first bad commit +\(wrong\)/,
    );
    expect(plainPart).toMatch(/Unconfirmed: the log names [0-9a-f]{12} feature: add option/);
    expect(plainPart).toMatch(/Not verified \(P = \d+%\): each commit ran the test once/);
    expect(plainPart).toMatch(/Next: check that the culprit fails and its parent passes/);
    expect(plainPart).toMatch(
      /^ +node ~\/bisect-report\/dist\/cli\/index\.js verify --culprit [0-9a-f]{12} -- \.\/test\.sh$/m,
    );
    expect(wrapperPart).toMatch(
      /^Through the wrapper: `git bisect run bisect-report run --runs 16 -- \.\/test\.sh`/,
    );
    expect(wrapperPart).toMatch(
      /git says: +[0-9a-f]{12} "parser: switch tokenizer to fast path" is the first bad commit +\(right\)/,
    );
    // The point: repeated runs make git right, and bisect-report stands behind that answer.
    expect(wrapperPart).toMatch(/^ +Caused by [0-9a-f]{12} parser: switch tokenizer to fast path/m);
    expect(wrapperPart).toMatch(/Probably right \(P = \d+%\)/);
    expect(wrapperPart).not.toMatch(/each commit ran the test once|Not this commit/);
    expect(bisectPart).toMatch(/^No git bisect: `bisect-report bisect/);
    expect(bisectPart).toMatch(/it says: +a36bdb82d1 is the first bad commit .*\(right\)/);
    expect(r.stdout).toContain('npm run preview');
    expect(existsSync(join(ROOT, 'examples', 'out', 'demo-plain.log'))).toBe(true);
  });

  test('on a given log it runs the built action in dry-run and prints summary and outputs', async () => {
    const r = await runProcess(
      process.execPath,
      [join(ROOT, 'scripts/demo.mjs'), 'examples/syzkaller-cause.txt'],
      {
        env: env(),
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [log, rest] = r.stdout.split('━━━ Job summary');
    expect(log).toMatch(/logs: examples\/syzkaller-cause\.txt, dry-run, no token/);
    const [summary, outputs] = rest.split('━━━ Outputs ━━━');
    expect(summary).toMatch(/^#{1,3} /m);
    const status = /^status\s+(\S+)$/m.exec(outputs)?.[1];
    expect(STATUSES).toContain(status);
    expect(outputs).toMatch(/^report-json\s+\S+\.json/m);
    expect(r.stdout).toMatch(/exit code 0\s*$/);
  });

  test('a missing log is an error the user can read, not a stack trace', async () => {
    const r = await runProcess(process.execPath, [join(ROOT, 'scripts/demo.mjs'), 'examples/no-such.log'], {
      env: env(),
    });
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('no-such.log');
    expect(r.stdout + r.stderr).not.toMatch(/at .*\.js:\d+:\d+/);
  });
});
