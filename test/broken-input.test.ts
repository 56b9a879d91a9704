import { mkdirSync, mkdtempSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/run.js';
import { schemaErrors } from './helpers/schema.js';
import { causeLog, CULPRIT } from './fake-github/logs.js';

/** Every kind of broken input yields a report or exactly one clear error line — never a stack trace. */
describe('broken input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'br-broken-'));

  function noStack(stderr: string): void {
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toMatch(/TypeError|ReferenceError|RangeError/);
  }

  test('--json and --markdown together are an error, not a silent choice', async () => {
    const r = await runCli(['--json', '--markdown', join(dir, 'any.log')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('bisect-report: --json and --markdown exclude each other (pick one)\n');
  });

  test('a path starting with # is a file to read, not a comment (the shell strips real comments)', async () => {
    writeFileSync(join(dir, '#flaky.log'), causeLog());
    const r = await runCli(['--json', '#flaky.log'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout).reports[0].culprit.sha).toBe(CULPRIT);
  });

  test('an empty file is an input error (exit 2), still reported', async () => {
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    const r = await runCli([empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`bisect-report: ${empty}: empty file\n`);
  });

  test('binary data and invalid UTF-8 become unrecognized reports', async () => {
    const bin = join(dir, 'core.bin');
    writeFileSync(bin, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const bad = join(dir, 'latin1.log');
    writeFileSync(
      bad,
      Buffer.concat([Buffer.from('caf\xe9 ', 'latin1'), Buffer.from([0xff, 0xfe, 0x80, 0x0a])]),
    );
    const r = await runCli(['--json', bin, bad]);
    noStack(r.stderr);
    // Both are still reported, but a file with no text is an input error like a missing one.
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`bisect-report: ${bin}: binary data, not a text log`]);
    const doc = JSON.parse(r.stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.reports.map((x: { status: string }) => x.status)).toEqual(['unrecognized', 'unrecognized']);
    expect(doc.reports[0].reason).toMatch(/binary/);
  });

  test('a single 50 MB line is cut, not held whole', async () => {
    const big = join(dir, 'one-line.log');
    const fd = openSync(big, 'w');
    const chunk = Buffer.alloc(1 << 20, 'x');
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
    closeSync(fd);
    const r = await runCli(['--json', big]);
    noStack(r.stderr);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.reports[0].status).toBe('unrecognized');
  });

  test('a glob matching nothing is one error naming the pattern; other inputs still reported', async () => {
    const ok = join(dir, 'plain.txt');
    writeFileSync(ok, 'just text\n');
    const pattern = join(dir, 'nothing-here', '*.log');
    const r = await runCli(['--json', pattern, ok]);
    noStack(r.stderr);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(pattern);
    expect(lines[0]).toMatch(/matched no files/);
    expect(JSON.parse(r.stdout).reports).toHaveLength(1);
  });

  test('10,000 files through one glob are all reported, in order', async () => {
    const many = join(dir, 'many');
    mkdirSync(many);
    for (let i = 0; i < 10000; i++)
      writeFileSync(join(many, `log-${String(i).padStart(5, '0')}.txt`), `line ${i}\n`);
    const r = await runCli(['--json', join(many, '*.txt')]);
    noStack(r.stderr);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.reports).toHaveLength(10000);
    expect(doc.reports[0].source).toMatch(/log-00000\.txt$/);
    expect(doc.reports[9999].source).toMatch(/log-09999\.txt$/);
  });

  test('bad flags give one line and exit 2', async () => {
    const r = await runCli(['--format', 'svn', 'x.log']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--format 'svn'/);
    const r2 = await runCli(['--frobnicate']);
    expect(r2.code).toBe(2);
    noStack(r2.stderr);
  });
});
