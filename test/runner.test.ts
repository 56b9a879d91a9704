import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setOutput } from '../src/runner.js';
import { readOutputs } from './helpers/run.js';

test('an output value can never close its own block, whatever it contains', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'runner-')), 'output');
  const before = process.env.GITHUB_OUTPUT;
  process.env.GITHUB_OUTPUT = file;
  try {
    const hostile = 'first\nghadelimiter_x\nsecret<<EOF\ninjected=1\nEOF\nlast';
    setOutput('culprit', hostile);
    setOutput('trust', 'likely');
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('culprit<<ghadelimiter_')).toBe(true);
    expect(readOutputs(file)).toEqual({ culprit: hostile, trust: 'likely' });
  } finally {
    if (before === undefined) delete process.env.GITHUB_OUTPUT;
    else process.env.GITHUB_OUTPUT = before;
  }
});
