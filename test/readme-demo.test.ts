import { DIST_DIR, ROOT } from './helpers/paths.js';
import { runProcess } from './helpers/run.js';
import { join } from 'node:path';

const STATUSES = [
  'found',
  'ambiguous',
  'no-culprit',
  'not-reproduced',
  'failed',
  'incomplete',
  'unrecognized',
];

describe('npm run demo (the first quick-start command)', () => {
  test('runs the built action in dry-run on an example log and prints summary and outputs', async () => {
    // A scrubbed environment: the demo must not need a token, a repository or network settings.
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, BISECT_REPORT_DIST: DIST_DIR };
    const r = await runProcess(process.execPath, [join(ROOT, 'scripts/demo.mjs')], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [log, rest] = r.stdout.split('━━━ Job summary');
    expect(log).toMatch(/logs: examples\/\S+, dry-run, no token/);
    const [summary, outputs] = rest.split('━━━ Outputs ━━━');
    expect(summary).toMatch(/^#{1,3} /m);
    const status = /^status\s+(\S+)$/m.exec(outputs)?.[1];
    expect(STATUSES).toContain(status);
    expect(outputs).toMatch(/^report-json\s+\S+\.json/m);
    expect(outputs).toMatch(/^issue-number\s/m);
    expect(r.stdout).toMatch(/exit code 0\s*$/);
  });

  test('a missing log is an error the user can read, not a stack trace', async () => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, BISECT_REPORT_DIST: DIST_DIR };
    const r = await runProcess(process.execPath, [join(ROOT, 'scripts/demo.mjs'), 'examples/no-such.log'], {
      env,
    });
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('no-such.log');
    expect(r.stdout + r.stderr).not.toMatch(/at .*\.js:\d+:\d+/);
  });
});
