import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Report, Step } from '../model.js';
import { verdictUnshown, type WindowOptions } from '../analyse/window.js';
import { formatOf } from '../formats/registry.js';

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

/** Steps a log shows checked out with no verdict, which the checkout can settle (at most this many). */
const MAX_UNSHOWN = 200;

/**
 * The verdicts a log does not show, from the checkout, for formats whose tool judged every commit
 * it checked out (`unshownVerdicts.followCulprit` in src/formats/types.ts): a commit was judged bad
 * exactly when the named culprit is the commit or one of its ancestors (`git merge-base
 * --is-ancestor`). Each such step counts as the one run the tool made there. Returns the report
 * unchanged whenever git, the checkout or the commits are not there.
 */
export function verdictsFromHistory(report: Report, cwd = process.cwd()): Report {
  const culprit = report.culprit?.sha;
  if (!formatOf(report)?.unshownVerdicts?.followCulprit) return report;
  if (report.direction !== 'cause' || !culprit || !/^[0-9a-f]{40}$/.test(culprit)) return report;
  const unshown = report.steps.filter(verdictUnshown);
  if (unshown.length === 0 || unshown.length > MAX_UNSHOWN || !insideGitCheckout(cwd)) return report;
  const { spawnSync } =
    process.getBuiltinModule?.('node:child_process') ??
    (createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process'));
  const judged = new Map<string, 'good' | 'bad'>();
  for (const step of unshown) {
    if (judged.has(step.commit) || !SHA.test(step.commit)) continue;
    const r = spawnSync('git', ['merge-base', '--is-ancestor', culprit, step.commit], {
      cwd,
      stdio: 'ignore',
      env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' },
      timeout: 10_000,
    });
    // 0: the culprit is the commit or its ancestor; 1: it is not; anything else: git cannot tell.
    if (r.status === 0) judged.set(step.commit, 'bad');
    else if (r.status === 1) judged.set(step.commit, 'good');
    else return report;
  }
  return {
    ...report,
    steps: report.steps.map((step): Step => {
      const verdict = verdictUnshown(step) ? judged.get(step.commit) : undefined;
      if (!verdict) return step;
      const bad = verdict === 'bad';
      return {
        ...step,
        verdict,
        runs: { total: 1, failed: bad ? 1 : 0, passed: bad ? 0 : 1, other: 0, estimated: true },
      };
    }),
  };
}

function insideGitCheckout(cwd: string): boolean {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return true;
    if (dirname(dir) === dir) return false;
  }
}
