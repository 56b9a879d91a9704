/**
 * Configuration errors (issue 17, item 11): the built action as a runner starts it, with a wrong
 * input. Before: one error line and nothing else (no summary, no outputs). Now: the summary says
 * every problem and what to change, the logs are still reported, the outputs are written, nothing is
 * sent to GitHub, and the step fails with one line.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../src/config.js';
import { DIST_ACTION } from './helpers/paths.js';
import { describeOrSkip } from './helpers/skip.js';
import { actionEnv, readOutputs, runAction, type ProcResult } from './helpers/run.js';
import { FakeGitHub } from './fake-github/server.js';
import { causeLog, CULPRIT } from './fake-github/logs.js';

let dir: string;
let gh: FakeGitHub;

async function run(
  inputs: Record<string, string>,
): Promise<ProcResult & { summary: string; outputs: Record<string, string> }> {
  const summary = join(dir, 'summary.md');
  const output = join(dir, 'output.txt');
  writeFileSync(summary, '');
  writeFileSync(output, '');
  const r = await runAction(
    actionEnv(
      { token: 'ghs_faketoken', ...inputs },
      {
        GITHUB_API_URL: gh.url,
        GITHUB_SERVER_URL: gh.url,
        GITHUB_REPOSITORY: 'acme/widget',
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
        GITHUB_EVENT_NAME: 'push',
        GITHUB_RUN_ID: '77',
        RUNNER_TEMP: dir,
      },
    ),
  );
  return { ...r, summary: readFileSync(summary, 'utf8'), outputs: readOutputs(output) };
}

const errorLines = (stdout: string): string[] => stdout.split('\n').filter((l) => l.startsWith('::error'));

test('every problem is collected with what to change; defaults stand in', () => {
  const inputs: Record<string, string> = {
    logs: 'a.txt',
    'dry-run': 'maybe',
    'author-map': 'alice@example.org = alice\nbob at example.org -> bob',
    'mention-author': 'sometimes',
    'mention-only-reachable-from': 'main..evil',
    repository: 'not a repo',
  };
  const { config, problems } = readConfig((n) => inputs[n] ?? '', {});
  expect(problems.map((p) => p.input)).toEqual([
    'dry-run',
    'mention-author',
    'author-map',
    'repository',
    'mention-only-reachable-from',
  ]);
  expect(problems[2].message).toBe("author-map line 2 is not 'email = login': 'bob at example.org -> bob'");
  for (const p of problems) expect(p.fix).toMatch(/^(set|write) /);
  expect(config.dryRun).toBe(false);
  expect(config.mention).toBe('never');
  expect(config.authorMap).toEqual({ 'alice@example.org': 'alice' });
  expect(readConfig((n) => (n === 'logs' ? 'x' : ''), {}).problems).toEqual([]);
});

test('booleans as YAML 1.2 reads them: yes, on and 1 are errors naming the input, not true', () => {
  const config = (value: string) => readConfig((n) => ({ logs: 'a.txt', 'dry-run': value })[n] ?? '', {});
  for (const value of ['true', 'True', 'TRUE']) expect(config(value).config.dryRun).toBe(true);
  for (const value of ['false', 'False', 'FALSE', '']) expect(config(value).config.dryRun).toBe(false);
  for (const value of ['yes', 'on', '1', 'no', 'tRUE', 'y']) {
    const { config: c, problems } = config(value);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toBe(`input 'dry-run' must be true or false, got '${value}'`);
    expect(problems[0].fix).toMatch(/^set 'dry-run' to true or false .*yes, no, on, off, 1 and 0 do not/);
    expect(c.dryRun).toBe(false);
  }
});

test('logs: a line starting with # is a comment; ./#name names a log whose name starts with #', () => {
  const logs = (text: string) => readConfig((n) => (n === 'logs' ? text : ''), {});
  expect(logs('# nightly\nbisect.txt\n  #old.txt\n./#flaky.log').config.patterns).toEqual([
    'bisect.txt',
    './#flaky.log',
  ]);
  const onlyComments = logs('# bisect.txt\n#other.txt');
  expect(onlyComments.problems[0].message).toBe(
    "input 'logs' names no log: every line starts with # (a comment)",
  );
  expect(onlyComments.problems[0].fix).toContain('./#name');
  expect(logs('').problems[0].message).toBe("input 'logs' is required and was not given");
});

const notBuilt = existsSync(DIST_ACTION) ? undefined : `${DIST_ACTION} is missing (npm run package)`;

describeOrSkip('a configuration error still writes the summary and the outputs', notBuilt, () => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bisect-report-config-'));
    gh = new FakeGitHub();
    await gh.start();
    writeFileSync(join(dir, 'bisect.txt'), causeLog());
  });
  afterEach(async () => {
    await gh.close();
    rmSync(dir, { recursive: true, force: true });
    expect(gh.violations).toEqual([]);
  });

  test.each([
    ['a bad boolean', { 'create-issue': 'ture' }, /input 'create-issue' must be true or false, got 'ture'/],
    ['a YAML 1.1 boolean', { 'dry-run': 'yes' }, /input 'dry-run' must be true or false, got 'yes'/],
    [
      'a bad author-map line',
      { 'author-map': 'alice@example.org = alice\nbob' },
      /author-map line 2 is not 'email = login': 'bob'/,
    ],
    [
      'a bad mention-author',
      { 'mention-author': 'loud' },
      /input 'mention-author' must be auto, always or never, got 'loud'/,
    ],
  ])('%s', async (_what, inputs, message) => {
    const r = await run({ logs: join(dir, 'bisect.txt'), ...inputs });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    // One line, saying what is wrong and what to change; no stack.
    const errors = errorLines(r.stdout);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(errors[0]).toMatch(/: (set|write) /);
    expect(r.stdout).not.toMatch(/\n\s+at /);
    // The summary: the problem and the fix first, then the logs as far as they were read.
    expect(r.summary).toMatch(/^## ⚠️ Bisect report: configuration error/);
    expect(r.summary).toContain('What to change');
    expect(r.summary).toContain(CULPRIT.slice(0, 12));
    // The outputs describe the log; nothing was filed.
    expect(r.outputs.status).toBe('found');
    expect(r.outputs.culprit).toBe(CULPRIT);
    expect(r.outputs['issue-number']).toBe('');
    expect(r.outputs['report-json']).toMatch(/\.json$/);
    expect(gh.requests).toEqual([]);
  });

  test('no logs input: the summary says to set it; outputs written', async () => {
    const r = await run({ 'dry-run': 'perhaps' });
    expect(r.code).toBe(1);
    const errors = errorLines(r.stdout);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/input 'logs' is required.*\(and 1 more; see the job summary\)/);
    expect(r.summary).toMatch(/logs.*is required/);
    expect(r.summary).toMatch(/dry\\?-run/);
    expect(r.outputs.status).toBe('unrecognized');
    expect(r.outputs['issue-url']).toBe('');
  });

  test('a log whose name starts with # is read when written with its directory; a #name line is a comment', async () => {
    writeFileSync(join(dir, '#flaky.txt'), causeLog());
    const r = await run({ logs: `# the nightly bisection\n${dir}/#flaky.txt`, 'dry-run': 'true', token: '' });
    expect(r.code).toBe(0);
    expect(r.outputs.culprit).toBe(CULPRIT);
    const commented = await run({ logs: '#flaky.txt', 'dry-run': 'true', token: '' });
    expect(commented.code).toBe(1);
    expect(errorLines(commented.stdout)).toEqual([
      expect.stringMatching(/input 'logs' names no log: every line starts with # \(a comment\)/),
    ]);
  });

  test('a hostile value is quoted inertly in the summary and on stdout', async () => {
    const hostile = '@everyone <img src=x> ::set-output name=trust::verified';
    const r = await run({ logs: join(dir, 'bisect.txt'), 'close-on-fix': hostile });
    expect(r.code).toBe(1);
    expect(r.summary).not.toMatch(/(^|[^\\])<img/);
    expect(r.summary).not.toMatch(/@everyone/);
    expect(r.stdout.split('\n').filter((l) => /^\s*::set-output/.test(l))).toEqual([]);
    expect(r.outputs.trust).not.toBe('verified');
  });
});
