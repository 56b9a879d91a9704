import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Report, Status } from '../src/model.js';
import { syzkallerParser } from '../src/formats/syzkaller/index.js';
import { readLog } from '../src/read/readLog.js';
import { CORPUS, describeWithCorpus } from './helpers/paths.js';

const LOGS = join(CORPUS, 'syzbot', 'logs');

interface Expectation {
  status: Status;
  sha?: string;
  candidates?: string[];
  flakyLine: boolean;
  testedCommits: string[];
  gitVerdicts: { verdict: string; sha: string }[];
}

/**
 * What a log says, from plain line tests that share nothing with the parser: the footer line
 * after "revisions tested:", the first-commit line, the inconclusive list, the flakiness lines.
 */
function expectationFromGrep(text: string): Expectation {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const exp: Expectation = { status: 'incomplete', flakyLine: false, testedCommits: [], gitVerdicts: [] };
  let footer = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (footer < 0 && l.startsWith('revisions tested: ')) footer = i;
    if (footer >= 0) continue; // everything below the footer is result / crash text
    if (/^(reproducer seems to be flaky|Reproducer flagged being flaky|reproducer is flaky \()/.test(l)) {
      exp.flakyLine = true;
    }
    const t = /^testing commit ([0-9a-f]{40})/.exec(l);
    if (t) exp.testedCommits.push(t[1]);
    const g = /^# git bisect (good|bad|skip) ([0-9a-f]{40})$/.exec(l);
    if (g) exp.gitVerdicts.push({ verdict: g[1], sha: g[2] });
  }
  if (footer < 0) return exp;
  const after = lines.slice(footer + 1);
  const first = after.map((l) => /^first (?:bad|good) commit: ([0-9a-f]{40})/.exec(l)).find(Boolean);
  const next = after[0] ?? '';
  if (first) {
    exp.status = 'found';
    exp.sha = first[1];
  } else if (next.startsWith('bisection is inconclusive')) {
    exp.status = 'ambiguous';
    exp.candidates = [...new Set(after.slice(1).filter((l) => /^[0-9a-f]{40}$/.test(l)))];
  } else if (next.startsWith("error: the crash wasn't reproduced on the original commit")) {
    exp.status = 'not-reproduced';
  } else if (next.startsWith('error: ')) {
    exp.status = 'failed';
  } else if (next === 'the crash already happened on the oldest tested release') {
    exp.status = 'no-culprit';
  }
  return exp;
}

describeWithCorpus('syzkaller parser over the syzbot corpus', () => {
  const files = readdirSync(LOGS)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const results: { file: string; report: Report; expected: Expectation }[] = [];
  let parseMs = 0;

  beforeAll(() => {
    for (const file of files) {
      const path = join(LOGS, file);
      const t0 = performance.now();
      const report = readLog(path);
      parseMs += performance.now() - t0;
      results.push({ file, report, expected: expectationFromGrep(readFileSync(path, 'latin1')) });
    }
    console.log(`syzkaller corpus: ${files.length} logs parsed in ${parseMs.toFixed(0)} ms`);
  });

  test('the corpus is there and every log is read as syzkaller without throwing', () => {
    expect(files.length).toBeGreaterThan(1000);
    expect(results).toHaveLength(files.length);
    const notSyz = results.filter((r) => r.report.format !== 'syzkaller').map((r) => r.file);
    expect(notSyz).toEqual([]);
  });

  test('status of every log matches its footer; counts per status agree', () => {
    const wrong = results
      .filter((r) => r.report.status !== r.expected.status)
      .map((r) => `${r.file}: ${r.report.status} (expected ${r.expected.status}; ${r.report.reason})`);
    expect(wrong).toEqual([]);
    const count = (pick: (r: (typeof results)[number]) => Status): Record<string, number> => {
      const c: Record<string, number> = {};
      for (const r of results) c[pick(r)] = (c[pick(r)] ?? 0) + 1;
      return c;
    };
    const byGrep = count((r) => r.expected.status);
    expect(count((r) => r.report.status)).toEqual(byGrep);
    // The corpus has every outcome a cause bisection can have, except a cut-off log.
    for (const s of ['found', 'ambiguous', 'no-culprit', 'not-reproduced', 'failed'] as Status[]) {
      expect(byGrep[s]).toBeGreaterThan(0);
    }
  });

  test('found logs report exactly the footer sha; ambiguous ones exactly the listed candidates', () => {
    const bad: string[] = [];
    for (const { file, report, expected } of results) {
      if (expected.status === 'found' && report.culprit?.sha !== expected.sha) bad.push(`${file}: culprit`);
      if (expected.status === 'ambiguous') {
        const got = report.candidates.map((c) => c.sha);
        if (JSON.stringify(got) !== JSON.stringify(expected.candidates)) bad.push(`${file}: candidates`);
      }
      if (expected.status !== 'found' && report.culprit !== null) bad.push(`${file}: unexpected culprit`);
    }
    expect(bad).toEqual([]);
  });

  test("the study's labels agree: reported culprit, or the candidate set of inconclusive logs", () => {
    const labels = readFileSync(join(CORPUS, 'syzbot', 'labels.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const byFile = new Map(results.map((r) => [r.file, r.report]));
    let checked = 0;
    const bad: string[] = [];
    for (const row of labels) {
      const [log, , reported, candidates] = row.split(',');
      const report = byFile.get(log);
      if (!report) continue;
      if (candidates) {
        // The study files the last listed candidate as "reported_culprit" and the rest as candidates.
        const want = [...new Set([...candidates.split(' '), ...(reported ? [reported] : [])])].sort();
        const got = report.candidates.map((c) => c.sha).sort();
        if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${log}: candidates`);
      } else if (reported) {
        if (report.culprit?.sha !== reported)
          bad.push(`${log}: culprit ${report.culprit?.sha} != ${reported}`);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });

  test('every log with a syzkaller flakiness line is flaky', () => {
    const missed = results.filter((r) => r.expected.flakyLine && !r.report.flaky).map((r) => r.file);
    expect(missed).toEqual([]);
    for (const r of results) {
      if (r.report.flaky) expect(r.report.flakyReasons?.length).toBeGreaterThan(0);
    }
  });

  test('one step per test block, in order, with the verdict git was told', () => {
    const bad: string[] = [];
    for (const { file, report, expected } of results) {
      const commits = report.steps.map((s) => s.commit);
      if (JSON.stringify(commits) !== JSON.stringify(expected.testedCommits)) bad.push(`${file}: steps`);
      for (const g of expected.gitVerdicts) {
        if (!report.steps.some((s) => s.commit === g.sha && s.verdict === g.verdict)) {
          bad.push(`${file}: verdict of ${g.sha}`);
        }
      }
      if (report.steps.length > 0 && !report.steps[0].original) bad.push(`${file}: original`);
      for (const s of report.steps) {
        const { total, failed, passed, other } = s.runs;
        if (total !== failed + passed + other) bad.push(`${file}: tally of ${s.commit}`);
        const titled = Object.values(s.titles).reduce((a, b) => a + b, 0);
        if (titled !== failed) bad.push(`${file}: titles of ${s.commit}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describeWithCorpus('syzkaller detection over the git corpus', () => {
  test('no line of any git console or `git bisect log` file looks like syzkaller', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? walk(p) : [p];
      });
    const files = walk(join(CORPUS, 'git'));
    expect(files.length).toBeGreaterThan(10);
    const hits: string[] = [];
    for (const f of files) {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        if (syzkallerParser.detectLine(line.replace(/\r$/, ''))) hits.push(`${f}: ${line}`);
      }
    }
    expect(hits).toEqual([]);
  });
});
