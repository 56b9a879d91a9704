/**
 * src/runner.ts stands in for @actions/core (to save its start-up cost). This test holds it to
 * that: the same calls through both write the same bytes to stdout and to the runner's files.
 * The only differences allowed are the random part of the GITHUB_OUTPUT delimiters and a legacy
 * `##[` inside a command's message or properties, which runner.ts defuses (the runner reads it
 * anywhere in a line; log text reaches annotation messages).
 */
import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import * as runner from '../src/runner.js';
import { readConfig } from '../src/config.js';

interface Captured {
  stdout: string;
  output: string;
  summary: string;
  exitCode: typeof process.exitCode;
}

type Calls = (api: 'core' | 'runner') => Promise<void>;

const HOSTILE = 'a%b\r\nc::d,e:f\n::error::injected';

/** Runs `calls` with stdout captured and fresh GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. */
async function capture(calls: Calls, api: 'core' | 'runner', withFiles = true): Promise<Captured> {
  const dir = mkdtempSync(join(tmpdir(), `runner-contract-${api}-`));
  const output = join(dir, 'output');
  const summary = join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const saved = { ...process.env };
  const savedExit = process.exitCode;
  if (withFiles) {
    process.env.GITHUB_OUTPUT = output;
    process.env.GITHUB_STEP_SUMMARY = summary;
  } else {
    delete process.env.GITHUB_OUTPUT;
    delete process.env.GITHUB_STEP_SUMMARY;
  }
  let stdout = '';
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    process.exitCode = undefined;
    await calls(api);
    const exitCode = process.exitCode;
    return {
      stdout,
      output: readFileSync(output, 'utf8').replace(/ghadelimiter_[0-9a-z-]+/g, 'ghadelimiter_X'),
      summary: readFileSync(summary, 'utf8'),
      exitCode,
    };
  } finally {
    spy.mockRestore();
    process.exitCode = savedExit;
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  }
}

async function expectSame(calls: Calls, withFiles = true): Promise<Captured> {
  const viaCore = await capture(calls, 'core', withFiles);
  const viaRunner = await capture(calls, 'runner', withFiles);
  expect(viaRunner).toEqual(viaCore);
  return viaCore;
}

describe('src/runner.ts writes what @actions/core writes', () => {
  test('annotations with file, line and columns, and without properties', async () => {
    const props = { title: 'Culprit: x, y', file: 'src/a,b.ts', startLine: 12, endLine: 14 };
    const seen = await expectSame(async (api) => {
      const m = api === 'core' ? core : runner;
      m.notice('plain notice');
      m.notice(HOSTILE, { title: 'bisect-report' });
      m.warning('on a file', props);
      m.warning('columns', { file: 'x.ts', startLine: 3, startColumn: 5, endColumn: 9 });
      m.error('no properties');
      m.error('empty properties', {});
      m.error('only empty values', { title: '', file: undefined });
      m.notice('line zero is left out', { file: 'x.ts', startLine: 0 });
    });
    // The runner reads `line=`; `startLine=` would put the annotation on no line at all.
    expect(seen.stdout).toContain(
      '::warning title=Culprit%3A x%2C y,file=src/a%2Cb.ts,line=12,endLine=14::on a file',
    );
    expect(seen.stdout).not.toMatch(/startLine|startColumn/);
  });

  test('a legacy ##[ command in a message or property is defused, the text otherwise as @actions/core writes it', async () => {
    const text = 'culprit of FAIL ##[warning]inline';
    const viaCore = await capture(async () => core.warning(text, { title: 'x ##[error]y' }), 'core');
    const viaRunner = await capture(async () => runner.warning(text, { title: 'x ##[error]y' }), 'runner');
    expect(viaRunner.stdout).not.toContain('##[');
    expect(viaRunner.stdout.replace(/\u200B/g, '')).toBe(viaCore.stdout);
  });

  test('outputs in GITHUB_OUTPUT, including values that look like delimiters', async () => {
    const seen = await expectSame(async (api) => {
      const m = api === 'core' ? core : runner;
      m.setOutput('status', 'found');
      m.setOutput('trust-probability', 0.25);
      m.setOutput('culprit-subject', HOSTILE);
      m.setOutput('empty', '');
    });
    expect(seen.stdout).toBe('');
    expect(seen.output).toContain('culprit-subject<<ghadelimiter_X\n');
  });

  test('outputs without GITHUB_OUTPUT fall back to ::set-output', async () => {
    await expectSame(async (api) => {
      const m = api === 'core' ? core : runner;
      m.setOutput('status', 'found');
      m.setOutput('culprit-subject', HOSTILE);
    }, false);
  });

  test('the job summary', async () => {
    const markdown = ['## Bisection', '', '| a | b |', '| - | - |', '| 1 | 2 |', ''].join('\n');
    await expectSame(async (api) => {
      if (api === 'core') {
        await core.summary.addRaw(markdown).write();
        await core.summary.emptyBuffer().addRaw('no trailing newline', true).write();
      } else {
        runner.appendSummary(markdown);
        runner.appendSummary('no trailing newline');
      }
    });
  });

  test('masking, debug, info and setFailed', async () => {
    const seen = await expectSame(async (api) => {
      const m = api === 'core' ? core : runner;
      m.setSecret('s3cr%t\nline');
      m.debug(HOSTILE);
      m.info('plain ::notice:: text passes through');
      m.setFailed('it broke');
    });
    expect(seen.exitCode).toBe(1);
    expect(seen.stdout.startsWith('::add-mask::s3cr%25t%0Aline\n')).toBe(true);
  });

  test("boolean inputs: the action accepts what the toolkit's getBooleanInput accepts (empty: the default)", () => {
    const saved = { ...process.env };
    try {
      for (const value of [
        'true',
        'True',
        'TRUE',
        ' true ',
        'false',
        'False',
        'FALSE',
        'yes',
        'no',
        'on',
        'off',
      ].concat(['1', '0', 'tRUE', 'ture', 'y', ''])) {
        process.env['INPUT_DRY-RUN'] = value;
        let viaCore: boolean | 'error';
        try {
          viaCore = core.getBooleanInput('dry-run');
        } catch {
          viaCore = value.trim() === '' ? false : 'error';
        }
        const { config, problems } = readConfig((name) => runner.getInput(name), {});
        const viaAction = problems.some((p) => p.input === 'dry-run') ? 'error' : config.dryRun;
        expect([value, viaAction]).toEqual([value, viaCore]);
      }
    } finally {
      process.env = saved;
    }
  });

  test('inputs', () => {
    const saved = { ...process.env };
    try {
      process.env['INPUT_ISSUE-LABELS'] = '  bisection, syzkaller \n';
      process.env.INPUT_DRY_RUN = ' true ';
      process.env.INPUT_BLANK = '   ';
      for (const name of ['issue-labels', 'dry run', 'blank', 'missing']) {
        expect(runner.getInput(name)).toBe(core.getInput(name));
      }
      for (const name of ['blank', 'missing']) {
        let viaCore: unknown;
        let viaRunner: unknown;
        try {
          viaCore = core.getInput(name, { required: true });
        } catch (e) {
          viaCore = (e as Error).message;
        }
        try {
          viaRunner = runner.getInput(name, { required: true });
        } catch (e) {
          viaRunner = (e as Error).message;
        }
        expect(viaRunner).toBe(viaCore);
      }
    } finally {
      process.env = saved;
    }
  });
});
