import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_CLI } from './helpers/paths.js';

/** A git bisect log with `steps` good marks, shas made up from (log, step) so every log differs. */
function bisectLog(log: number, steps: number): string {
  const sha = (step: number) => ((log * 7919 + step * 104729) >>> 0).toString(16).padStart(8, '0').repeat(5);
  const lines = ['git bisect start', `# bad: [${sha(999)}] change 999`, `git bisect bad ${sha(999)}`];
  for (let step = 0; step < steps; step++) {
    lines.push(`# good: [${sha(step)}] change ${step}`, `git bisect good ${sha(step)}`);
  }
  lines.push(`# first bad commit: [${sha(999)}] change 999`);
  return lines.join('\n') + '\n';
}

/** Runs the built CLI with a reader that closes stdout after the first chunk, like `| head -1`. */
function runWithEarlyClose(args: string[]): Promise<{ code: number | null; stderr: string; chunks: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [DIST_CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let chunks = 0;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.on('data', () => {
      chunks++;
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, chunks }));
  });
}

describe('a reader that closes stdout early', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'br-stdout-closed-'));
    // 200 logs: megabytes of JSON, far more than one pipe buffer, so writes fail after the reader leaves.
    for (let i = 0; i < 200; i++) writeFileSync(join(dir, `log-${i}.log`), bisectLog(i, 30));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['--json', '--markdown', 'plain text'])(
    'ends %s quietly with exit 141, no stack trace',
    async (mode) => {
      const flags = mode === 'plain text' ? [] : [mode];
      const { code, stderr, chunks } = await runWithEarlyClose([...flags, join(dir, '*.log')]);
      expect(chunks).toBe(1);
      expect(stderr).toBe('');
      expect(code).toBe(141);
    },
  );
});
