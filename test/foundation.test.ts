import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionEnv, runAction, runCli } from './helpers/run.js';
import { schemaErrors } from './helpers/schema.js';

describe('foundation', () => {
  test('npm scripts run on Node 24', () => {
    expect(process.versions.node.startsWith('24.')).toBe(true);
  });

  test('CLI --help exits 0 and lists commands', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--format/);
    expect(r.stdout).toMatch(/bisect-report run/);
  });

  test('unreadable path: one stderr line naming it, exit 2, other inputs still reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'br-'));
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello\nthis is not a bisection log\n');
    const r = await runCli(['--json', join(dir, 'missing.log'), text]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('missing.log');
    expect(lines[0]).toMatch(/no such file/);
    const doc = JSON.parse(r.stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.reports).toHaveLength(1);
    expect(doc.reports[0]).toMatchObject({ format: 'unknown', status: 'unrecognized', source: text });
  });

  test('a directory and an empty file are reported, not crashed on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'br-'));
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    const r = await runCli(['--json', sub, empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sub: is a directory/);
    const doc = JSON.parse(r.stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.reports[0]).toMatchObject({ status: 'unrecognized', reason: 'empty file' });
  });

  test('the action writes a summary and outputs in dry-run without a token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'br-action-'));
    const summary = join(dir, 'summary.md');
    const output = join(dir, 'output.txt');
    writeFileSync(summary, '');
    writeFileSync(output, '');
    const log = join(dir, 'x.log');
    writeFileSync(log, 'nothing to see\n');
    const r = await runAction(
      actionEnv(
        { logs: log, 'dry-run': 'true', token: '' },
        { GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output, RUNNER_TEMP: dir, GITHUB_REPOSITORY: 'o/r' },
      ),
    );
    expect(r.code).toBe(0);
    expect(readFileSync(summary, 'utf8')).toContain('x.log');
    const out = readFileSync(output, 'utf8');
    expect(out).toMatch(/status<<.*\nunrecognized\n/);
    const jsonPath = /report-json<<(\S+)\n(.*)\n/.exec(out)?.[2];
    expect(jsonPath).toBeTruthy();
    expect(schemaErrors(JSON.parse(readFileSync(jsonPath!, 'utf8')))).toBeNull();
  });
});
