import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setOutput } from '../src/runner.js';

/** Reads GITHUB_OUTPUT the way the runner does: `name<<DELIM`, lines, `DELIM`. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) body.push(lines[i]);
    out[m[1]] = body.join('\n');
  }
  return out;
}

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
    expect(parseOutputs(readFileSync(file, 'utf8'))).toEqual({ culprit: hostile, trust: 'likely' });
  } finally {
    if (before === undefined) delete process.env.GITHUB_OUTPUT;
    else process.env.GITHUB_OUTPUT = before;
  }
});
