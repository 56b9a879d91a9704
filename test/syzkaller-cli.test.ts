import { join } from 'node:path';
import { ROOT } from './helpers/paths.js';
import { runCli } from './helpers/run.js';
import { schemaErrors } from './helpers/schema.js';

describe('CLI --json on syzkaller logs', () => {
  test('the worked cause example and the fix example print schema-valid reports', async () => {
    const cause = join(ROOT, 'examples', 'syzkaller-cause.txt');
    const fix = join(ROOT, 'examples', 'syzkaller-fix.txt');
    const r = await runCli(['--json', cause, fix]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.reports).toHaveLength(2);
    const [c, f] = doc.reports;
    expect(c).toMatchObject({ format: 'syzkaller', direction: 'cause', status: 'found', flaky: true });
    expect(c.culprit.subject).toBe('ringbuf: let consumers drain pending pages lazily');
    expect(c.crash.title).toBe('general protection fault in ringbuf_wake_waiters');
    expect(c.culpritCrash.title).toBe('SYZFAIL: executor hung on close');
    expect(c.steps.length).toBeGreaterThan(10);
    expect(f).toMatchObject({ format: 'syzkaller', direction: 'fix', status: 'found' });
  });

  test('--format syzkaller forces the parser', async () => {
    const r = await runCli([
      '--json',
      '--format',
      'syzkaller',
      join(ROOT, 'examples', 'syzkaller-cause.txt'),
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).reports[0].format).toBe('syzkaller');
  });

  test('--format syz, the alias, selects syzkaller too', async () => {
    const r = await runCli(['--json', '--format', 'syz', join(ROOT, 'examples', 'syzkaller-cause.txt')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).reports[0].format).toBe('syzkaller');
  });

  test('an unknown --format is one line naming the choices', async () => {
    const r = await runCli(['--format', 'nope', join(ROOT, 'examples', 'syzkaller-cause.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^bisect-report: unknown --format 'nope' \(use auto, syzkaller, [^\n]*\bgit\)\n$/,
    );
  });
});
