/**
 * Every file of ../shared/corpus/git parses to the status and culprit its content says. The
 * expectation comes from a separate, simple reading of the file: the last line that ends a
 * bisection decides (culprit line / `# first … commit:` → found, skipped-only → ambiguous, merge
 * base bad → no-culprit, run/usage errors → failed; nothing → incomplete).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLog } from '../src/read/readLog.js';
import { CORPUS, describeWithCorpus } from './helpers/paths.js';
import { schemaErrors } from './helpers/schema.js';

interface Expected {
  status: string;
  culprit: string | null;
  candidates: string[];
}

function expectedFromContent(text: string): Expected {
  let exp: Expected = { status: 'incomplete', culprit: null, candidates: [] };
  let inList = false;
  for (const line of text.split('\n')) {
    if (inList && /^[0-9a-f]{40,64}$/.test(line)) {
      exp.candidates.push(line);
      continue;
    }
    inList = false;
    let m: RegExpExecArray | null;
    if (
      (m = /^([0-9a-f]{40,64}) is the first \S+ commit$/.exec(line)) ||
      (m = /^# first \S+ commit: \[([0-9a-f]+)\]/.exec(line))
    ) {
      exp = { status: 'found', culprit: m[1], candidates: [] };
    } else if (/could be any of:$/.test(line)) {
      exp = { status: 'ambiguous', culprit: null, candidates: [] };
      inList = true;
    } else if ((m = /^# possible first \S+ commit: \[([0-9a-f]+)\]/.exec(line))) {
      if (exp.status !== 'ambiguous' || exp.candidates.includes(m[1]))
        exp = { status: 'ambiguous', culprit: null, candidates: [] };
      exp.candidates.push(m[1]);
    } else if (/^The merge base [0-9a-f]+ is /.test(line)) {
      exp = { status: 'no-culprit', culprit: null, candidates: [] };
    } else if (
      /^No testable commit found|^Some \S+ revs are not ancestor|bogus exit code|exit code \d+ from .* >= 128$/.test(
        line,
      )
    ) {
      exp = { status: 'failed', culprit: null, candidates: [] };
    }
  }
  return exp;
}

/** The verdict git recorded for each commit (last `# term: [sha]` line wins). */
function marks(text: string): Map<string, string> {
  const verdict: Record<string, string> = {
    good: 'good',
    old: 'good',
    fast: 'good',
    bad: 'bad',
    new: 'bad',
    slow: 'bad',
    skip: 'skip',
  };
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^# (\w+): \[([0-9a-f]{40,64})\]/gm))
    if (verdict[m[1]]) out.set(m[2], verdict[m[1]]);
  return out;
}

describeWithCorpus('git corpus (../shared/corpus/git)', () => {
  const root = join(CORPUS, 'git');
  const files = readdirSync(root).flatMap((d) => readdirSync(join(root, d)).map((f) => join(d, f)));

  test('the corpus is there', () => {
    expect(files.length).toBeGreaterThan(150);
  });

  test.each(files)('%s', (name) => {
    const path = join(root, name);
    const text = readFileSync(path, 'utf8');
    const report = readLog(path, 'git');
    const exp = expectedFromContent(text);
    expect(schemaErrors({ reports: [report] })).toBeNull();
    expect(report.status).toBe(exp.status);
    expect(report.culprit?.sha ?? null).toBe(exp.status === 'found' ? exp.culprit : null);
    expect(report.candidates.map((c) => c.sha).sort()).toEqual([...exp.candidates].sort());
    expect(report.format).toBe(name.includes('.bisectlog.') ? 'git-bisect-log' : 'git-bisect-run');
    if (report.status !== 'found' && report.status !== 'ambiguous') expect(report.reason).toBeTruthy();
    // Never a verdict git did not give.
    const recorded = marks(text);
    for (const step of report.steps) {
      const want = recorded.get(step.commit);
      if (want && step.verdict !== 'untested')
        expect(`${step.commit} ${step.verdict}`).toBe(`${step.commit} ${want}`);
    }
    if (report.culprit) {
      expect(report.culprit.subject).not.toBe('');
      if (/^Merge: /m.test(text) || name.includes('merge-commit-culprit.console')) {
        expect(report.culprit.merge).toBe(true);
      }
    }
    if (/\/run-/.test(name) && /^Bisecting: \d+/m.test(text) && name.includes('.console.')) {
      expect(report.steps.length).toBeGreaterThan(0);
    }
    if (name.startsWith('i18n/')) expect(report.hints?.join(' ')).toMatch(/LC_ALL=C/);
    const terms =
      /--term-old=(\w+)' '--term-new=(\w+)/.exec(text) ?? /--term-old=(\w+) --term-new=(\w+)/.exec(text);
    if (terms && report.status === 'found') expect(report.terms).toEqual({ old: terms[1], new: terms[2] });
  });
});
