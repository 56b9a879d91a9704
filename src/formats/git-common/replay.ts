import type { Report } from '../../model.js';
import type { ReplayPlan, ReplayVerdict } from '../types.js';
import { cliCommand, TEST_PLACEHOLDER } from '../../cliCommand.js';

/** `--format git`: detection picks between the console and the `git bisect log` replay. */
export const GIT_FAMILY = 'git';

export const GIT_REPEAT_ADVICE = `Repeat each test: \`git bisect run ${cliCommand(`run --runs 10 -- ${TEST_PLACEHOLDER}`)}\`.`;

/** Only plain commit ids ever reach a command line; anything else from a log stays out. */
const COMMIT_ID = /^[0-9a-f]{7,64}$/i;
const SAFE_TERM = /^[a-z][a-z0-9_-]{0,30}$/i;

/**
 * `git bisect start` from the log's bounds plus `git bisect good|bad` for the trusted verdicts (with
 * the log's custom terms), then `git bisect run` with `bisect-report run` repeating each test.
 */
export function gitBisectReplay(report: Report, verdicts: readonly ReplayVerdict[]): ReplayPlan | null {
  const bad = report.window?.bad ?? null;
  const goods = (report.window?.good ?? []).filter((g) => COMMIT_ID.test(g));
  if (bad === null || !COMMIT_ID.test(bad) || goods.length === 0) return null;
  const terms = report.terms;
  const oldTerm = terms && SAFE_TERM.test(terms.old) ? terms.old : null;
  const newTerm = terms && SAFE_TERM.test(terms.new) ? terms.new : null;
  const termsUsable = !terms || (oldTerm !== null && newTerm !== null);
  const termFlags = terms && termsUsable ? ` --term-old=${oldTerm} --term-new=${newTerm}` : '';
  const termFor = (v: ReplayVerdict['verdict']) =>
    v === 'good' ? (terms?.old ?? 'good') : (terms?.new ?? 'bad');
  const plan: ReplayPlan = {
    start: `git bisect start${termFlags} ${bad.toLowerCase()} ${goods.map((g) => g.toLowerCase()).join(' ')}`,
    lines: [],
    dropped: [],
    repeat: (runs) => `git bisect run ${cliCommand(`run --runs ${runs} -- ${TEST_PLACEHOLDER}`)}`,
  };
  for (const v of verdicts) {
    if (!COMMIT_ID.test(v.commit)) continue;
    const commit = v.commit.toLowerCase();
    if (v.trusted && termsUsable)
      plan.lines.push({ command: `git bisect ${termFor(v.verdict)} ${commit}`, note: v.note });
    else plan.dropped.push({ commit, note: `${v.doubt}: ${v.note}` });
  }
  return plan;
}
