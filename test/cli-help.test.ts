import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BISECT_SPEC, VERIFY_SPEC } from '../src/cli/bisectCommand.js';
import { commandHelp, optionLabel, type CommandSpec, type OptionSpec } from '../src/cli/help.js';
import { HELP } from '../src/cli/main.js';
import { PLAN_SPEC } from '../src/cli/planCommand.js';
import { RUN_SPEC } from '../src/cli/runCommand.js';
import { runCli } from './helpers/run.js';

/**
 * `bisect-report COMMAND --help` prints that command's usage and every option it takes, one line
 * each, and exits 0 — anywhere, a git repository or not. The built CLI as a real process.
 */

// Outside any git repository: help needs none.
const outside = mkdtempSync(join(tmpdir(), 'br-help-'));

const commands: [string[], CommandSpec<Record<string, OptionSpec>>][] = [
  [['run'], RUN_SPEC],
  [['bisect'], BISECT_SPEC],
  [['verify'], VERIFY_SPEC],
  [['bisect', '--plan'], PLAN_SPEC],
];

describe.each(commands)('bisect-report %j --help', (words, spec) => {
  const listed = spec.listed ?? Object.keys(spec.options);

  test.each(['--help', '-h'])('%s: the usage, then one line per option, exit 0', async (flag) => {
    const r = await runCli([...words, flag], { cwd: outside });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(commandHelp(spec));
    expect(r.stdout.split('\n')[0]).toBe(`usage: ${spec.usage}`);
    expect(spec.usage.startsWith(`bisect-report ${words.join(' ')} `)).toBe(true);
    const lines = r.stdout.split('\n');
    for (const name of listed) {
      const label = optionLabel(name, spec.options[name]);
      const matching = lines.filter((l) => l.startsWith(`  ${label} `));
      expect(matching).toHaveLength(1);
      // A label, then its explanation on the same line.
      expect(matching[0].slice(label.length + 2).trim().length).toBeGreaterThan(10);
    }
    // Every flag the usage line shows has its line.
    for (const m of spec.usage.matchAll(/--([a-z][\w-]*)/g)) expect(listed).toContain(m[1]);
  });
});

test('bisect and verify between them list every option they parse', () => {
  const listed = new Set([...(BISECT_SPEC.listed ?? []), ...(VERIFY_SPEC.listed ?? [])]);
  expect([...listed].sort()).toEqual(Object.keys(BISECT_SPEC.options).sort());
});

test('--help before a bad value still helps (exit 0)', async () => {
  const r = await runCli(['bisect', '--timeout', '0', '--help'], { cwd: outside });
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(commandHelp(BISECT_SPEC));
});

test('bisect-report --help lists the commands and says how to get their options', async () => {
  const r = await runCli(['--help'], { cwd: outside });
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(HELP);
  for (const command of ['run', 'bisect', 'verify', 'bisect --plan'])
    expect(HELP).toMatch(new RegExp(`^  bisect-report ${command} `, 'm'));
  expect(HELP).toContain('bisect-report run|bisect|verify --help');
  expect(HELP).toContain('bisect-report bisect --plan --help');
});
