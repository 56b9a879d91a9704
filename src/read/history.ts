import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Report } from '../model.js';

/** Windows larger than this are not listed: reconstructed positions are good enough there. */
const MAX_COMMITS = 200_000;
const SHA = /^[0-9a-f]{7,64}$/;

/**
 * Exact window positions from the checkout the action runs in: `git rev-list --reverse bad ^good…`
 * (oldest first, the bad endpoint last), when the log's bounds exist in this repository's history.
 * Returns null whenever git, the checkout or the commits are not there: a kernel log read in an
 * unrelated repository is the common case, not an error.
 */
export function windowRevList(report: Report, cwd = process.cwd()): string[] | null {
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
    const out = execFileSync('git', ['rev-list', '--reverse', w.bad, ...w.good.map((g) => `^${g}`), '--'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: (MAX_COMMITS + 1) * 66,
      env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' },
      timeout: 10_000,
    });
    const list = out.split('\n').filter(Boolean);
    return list.length > 0 && list.length <= MAX_COMMITS ? list : null;
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
