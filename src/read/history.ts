import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Report } from '../model.js';
import type { WindowOptions } from '../analyse/window.js';

/** Windows larger than this are not listed: reconstructed positions are good enough there. */
const MAX_COMMITS = 200_000;
const SHA = /^[0-9a-f]{7,64}$/;

/**
 * Exact window positions from the checkout the action runs in: `git rev-list --reverse --parents
 * bad ^good…` (oldest first, the bad endpoint last, each commit's parents), when the log's bounds
 * exist in this repository's history. Returns null whenever git, the checkout or the commits are not
 * there: a kernel log read in an unrelated repository is the common case, not an error.
 */
export function windowHistory(report: Report, cwd = process.cwd()): WindowOptions | null {
  const w = report.window;
  if (report.direction !== 'cause' || !w?.bad || w.good.length === 0) return null;
  if (!SHA.test(w.bad) || !w.good.every((g) => SHA.test(g))) return null;
  if (!insideGitCheckout(cwd)) return null; // spare a git process on every run outside a checkout
  try {
    // Loaded here, not at start-up: node:child_process pulls in net and streams (~7 ms), and most
    // runs are outside a checkout.
    const { execFileSync } =
      process.getBuiltinModule?.('node:child_process') ??
      (createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process'));
    const out = execFileSync(
      'git',
      ['rev-list', '--reverse', '--parents', w.bad, ...w.good.map((g) => `^${g}`), '--'],
      {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: (MAX_COMMITS + 1) * 66 * 3,
        env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' },
        timeout: 10_000,
      },
    );
    const lines = out.split('\n').filter(Boolean);
    if (lines.length === 0 || lines.length > MAX_COMMITS) return null;
    const revList: string[] = [];
    const parents = new Map<string, string[]>();
    for (const line of lines) {
      const [sha, ...ofIt] = line.split(' ');
      revList.push(sha);
      parents.set(sha, ofIt);
    }
    return { revList, parents };
  } catch {
    return null;
  }
}

function insideGitCheckout(cwd: string): boolean {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return true;
    if (dirname(dir) === dir) return false;
  }
}
