/**
 * Nothing from a log becomes a workflow command on stdout, in any mode (action dry-run preview, the
 * summary printed when there is no summary file, CLI text, --markdown and --json), and a FIFO among
 * the logs is skipped with a notice instead of blocking the run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { neutraliseWorkflowCommands } from '../src/render/escape.js';
import { DIST_ACTION, DIST_CLI, DIST_DIR } from './helpers/paths.js';
import { describeOrSkip, testOrSkip } from './helpers/skip.js';
import { actionEnv, runAction, runCli, type ProcResult } from './helpers/run.js';
import { causeLog, fixLog, TITLE } from './fake-github/logs.js';

/** Lines the runner would obey: `::` after leading whitespace (incl. U+0085), `##[` anywhere; CR ends a line too. */
function commandLines(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/).filter((l) => /^[\s\u0085]*::/.test(l) || l.includes('##['));
}

/** Our own commands are fine; anything else that parses as a command came from the log. */
function foreignCommands(stdout: string): string[] {
  return commandLines(stdout).filter((l) => !/^::(warning|error|notice|debug|add-mask)( [^:]*)?::/.test(l));
}

const HOSTILE_LINES = [
  '::set-output name=trust::verified',
  '   ::stop-commands::pwned',
  '\t::add-path::/tmp/evil',
  '\u0085::set-env name=X::y',
  'text ##[set-output name=culprit]deadbeef',
  'carriage\r::warning::from the log',
  '##[error]legacy',
];

test('neutraliseWorkflowCommands defuses every hostile line and keeps the text readable', () => {
  const text = HOSTILE_LINES.join('\n');
  const out = neutraliseWorkflowCommands(text);
  expect(commandLines(out)).toEqual([]);
  expect(out.replace(/\u200B/g, '')).toBe(text);
  expect(neutraliseWorkflowCommands('a::b c :: d')).toBe('a::b c :: d'); // not at line start: untouched
});

const hostileLog = (): string =>
  causeLog({
    title: '::set-output name=trust::verified ##[set-output name=x]y',
    subject: '##[add-path]/tmp/evil',
    report: HOSTILE_LINES,
  });

const notBuilt =
  existsSync(DIST_ACTION) && existsSync(DIST_CLI)
    ? undefined
    : `the bundles in ${DIST_DIR} are missing (npm run package)`;
const noMkfifo = spawnSync('mkfifo', ['--version']).error ? 'mkfifo is not available' : undefined;

describeOrSkip('built action and CLI: hostile log text on stdout', notBuilt, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bisect-report-stdout-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function action(inputs: Record<string, string>, extra: Record<string, string> = {}): Promise<ProcResult> {
    return runAction(
      actionEnv(inputs, {
        GITHUB_REPOSITORY: 'acme/widget',
        // Unreachable API: the dry run must still say what it would do.
        GITHUB_API_URL: 'http://127.0.0.1:9',
        GITHUB_OUTPUT: join(dir, 'out.txt'),
        RUNNER_TEMP: dir,
        BISECT_REPORT_WAIT_SCALE: '0.001',
        ...extra,
      }),
    );
  }

  test('action dry-run without a summary file: preview and summary on stdout are inert', async () => {
    const log = join(dir, 'bisect.txt');
    writeFileSync(log, hostileLog());
    const r = await action({ logs: log, 'dry-run': 'true' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('set-output name=trust');
    expect(foreignCommands(r.stdout)).toEqual([]);
  });

  test('CLI plain text, --markdown and --json are inert', async () => {
    const log = join(dir, 'bisect.txt');
    writeFileSync(log, hostileLog());
    for (const args of [[], ['--markdown'], ['--json']]) {
      const r = await runCli([...args, log]);
      expect(r.code).toBe(0);
      expect(foreignCommands(r.stdout)).toEqual([]);
      if (args[0] === '--json') expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
  });

  test('file names in info lines (input errors past the tenth, "no failure title") are inert', async () => {
    // A fix bisection without a crash title: the publisher says it has no key to find the issue by.
    const log = join(dir, '##[set-output name=trust]verified ::stop-commands::x.txt');
    writeFileSync(log, fixLog().split(`crashed: ${TITLE}`).join('crashed: '));
    // Twelve inputs that match nothing: the ones past the tenth annotation go to the log as info lines.
    const missing = Array.from({ length: 12 }, (_, i) => join(dir, `##[error]missing-${i}.txt`));
    const r = await action({ logs: [log, ...missing].join('\n'), 'dry-run': 'true' });
    expect(r.stdout).toMatch(/no failure title to key an issue by/);
    expect(r.stdout).toMatch(/^error: .*missing-11\.txt/m);
    expect(foreignCommands(r.stdout)).toEqual([]);
  });

  testOrSkip(
    'a FIFO and a symlink to a FIFO among the logs are skipped with a notice, never opened',
    noMkfifo,
    async () => {
      const fifo = join(dir, 'pipe.txt');
      execFileSync('mkfifo', [fifo]);
      symlinkSync(fifo, join(dir, 'link.txt'));
      writeFileSync(join(dir, 'bisect.txt'), causeLog());
      const summary = join(dir, 'summary.md');
      writeFileSync(summary, '');
      const started = Date.now();
      const r = await action({ logs: `${dir}/*.txt` }, { GITHUB_STEP_SUMMARY: summary });
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(r.stdout).toMatch(/pipe\.txt.*named pipe \(FIFO\)/);
      expect(r.stdout).toMatch(/link\.txt.*named pipe \(FIFO\)/);
      // The other log is still read and reported (the exit code follows the README's rule for input errors).
      expect(r.stdout).toMatch(/bisect\.txt: culprit found/);
    },
    30_000,
  );
});
