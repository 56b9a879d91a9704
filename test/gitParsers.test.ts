/**
 * Git parsers on hand-written fixtures: detection, multi-megabyte test output between steps,
 * CI wrapping, broken test commands, non-English output, garbage. Real git runs are in
 * gitBisect.test.ts.
 */
import { closeSync, mkdtempSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLog } from '../src/read/readLog.js';
import { gitBisectRunParser } from '../src/formats/git-bisect-run/index.js';
import { gitBisectLogParser } from '../src/formats/git-bisect-log/index.js';
import { formatRunLine, formatVerdictLine } from '../src/formats/git-common/engine.js';

const dir = mkdtempSync(join(tmpdir(), 'br-gitparse-'));
let n = 0;
function file(text: string): string {
  const p = join(dir, `f${++n}.log`);
  writeFileSync(p, text);
  return p;
}
const sha = (c: string) => c.repeat(40).slice(0, 40);
const A = sha('a1');
const B = sha('b2');
const C = sha('c3');
const D = sha('d4');

const consoleRun = [
  'Bisecting: 5 revisions left to test after this (roughly 3 steps)',
  `[${A}] feature: one`,
  "running  './t.sh'",
  'Bisecting: 2 revisions left to test after this (roughly 1 step)',
  `[${B}] feature: two`,
  "running  './t.sh'",
  `${B} is the first bad commit`,
  `commit ${B}`,
  'Author: Ann Dev <ann@example.com>',
  'Date:   Wed Nov 15 12:13:20 2023 +0000',
  '',
  '    feature: two',
  '',
  ' src/a.c | 2 +-',
  ' 1 file changed, 1 insertion(+), 1 deletion(-)',
  'bisect found first bad commit',
];

describe('detection', () => {
  test('decisive console lines', () => {
    for (const l of [
      'Bisecting: 10 revisions left to test after this (roughly 4 steps)',
      'Bisecting: 1 revision left to test after this (roughly 1 step)',
      'Bisecting: a merge base must be tested',
      `${A} is the first bad commit`,
      `${A} is the first 'slow' commit`,
      "There are only 'skip'ped commits left to test.",
      '$ git bisect run ./test.sh',
      '+ git bisect start HEAD v1.0',
      formatVerdictLine(A, 'bad', 1, { runs: 2, failed: 2, passed: 0, skipped: 0, errors: 0 }, 2),
    ]) {
      expect([l, gitBisectRunParser.detectLine(l)]).toEqual([l, true]);
      expect([l, gitBisectLogParser.detectLine(l)]).toEqual([l, false]);
    }
  });

  test('decisive bisect-log lines, never syzkaller’s "# git bisect" lines', () => {
    for (const l of [
      `# good: [${A}] Initial import`,
      `# first bad commit: [${A}] x`,
      "git bisect start 'HEAD' 'v1.0'",
      `git bisect skip ${A}`,
    ]) {
      expect([l, gitBisectLogParser.detectLine(l)]).toEqual([l, true]);
    }
    for (const l of [
      `# git bisect good ${A}`,
      `# git bisect start ${A} ${B}`,
      'git bisect start', // could be anyone's echo
      `FOUND IT: ${A} is the first bad commit`,
      `${A.slice(0, 12)} is the first bad commit`, // short ids are tutorial text
      'Bisecting: 3 revisions left to test after this',
      `[build] ${A} is the first bad commit after ${B}.`,
    ]) {
      expect([l, gitBisectLogParser.detectLine(l), gitBisectRunParser.detectLine(l)]).toEqual([
        l,
        false,
        false,
      ]);
    }
  });
});

describe('console parser', () => {
  test('found, with display, last-step verdict and CI wrapping', () => {
    const wrapped = consoleRun.map((l, i) => `2024-05-01T10:00:${String(i).padStart(2, '0')}.1234567Z ${l}`);
    wrapped.splice(3, 0, '##[group]Run tests', '\x1b[32mok\x1b[0m', '##[endgroup]');
    const r = readLog(file(wrapped.join('\r\n') + '\r\n'));
    expect(r).toMatchObject({ format: 'git-bisect-run', status: 'found' });
    expect(r.culprit).toMatchObject({
      sha: B,
      subject: 'feature: two',
      author: { name: 'Ann Dev' },
      files: [{ path: 'src/a.c' }],
    });
    expect(r.steps.map((s) => [s.commit, s.verdict, s.revisionsLeft, s.stepsLeft])).toEqual([
      [A, 'untested', 5, 3],
      [B, 'bad', 2, 1],
    ]);
  });

  test('megabytes of test output between steps are skipped and change nothing', () => {
    const p = join(dir, 'big.log');
    const fd = openSync(p, 'w');
    const noise =
      Array.from({ length: 2000 }, (_, i) =>
        i % 7 === 0
          ? `[${i}] compiling module ${i} Bisecting: maybe`
          : `CC drivers/x${i}.o  bad good skip # first bad commit`,
      ).join('\n') + '\n';
    for (const [i, l] of consoleRun.entries()) {
      writeSync(fd, l + '\n');
      if (i === 2 || i === 5) for (let k = 0; k < 150; k++) writeSync(fd, noise); // ~2 × 12 MB
    }
    closeSync(fd);
    const t0 = Date.now();
    const r = readLog(p);
    const ms = Date.now() - t0;
    expect(r.status).toBe('found');
    expect(r.culprit?.sha).toBe(B);
    expect(r.steps).toHaveLength(2);
    expect(ms).toBeLessThan(20000);
  });

  test('run tallies from `bisect-report run` lines, titles, flakiness', () => {
    const lines = [
      'Bisecting: 3 revisions left to test after this (roughly 2 steps)',
      `[${A}] feature: one`,
      "running  'npx' 'bisect-report' 'run' '--' './t.sh'",
      formatRunLine(A, 1, 3, 'fail', '1', 'FAIL: "quoted" title'),
      formatRunLine(A, 2, 3, 'pass', '0', null),
      formatRunLine(A, 3, 3, 'fail', 'SIGSEGV', 'killed by SIGSEGV'),
      formatVerdictLine(A, 'bad', 1, { runs: 3, failed: 2, passed: 1, skipped: 0, errors: 0 }, 2),
      'Bisecting: 0 revisions left to test after this (roughly 0 steps)',
      `[${C}] feature: zero`,
      formatRunLine(C, 1, 2, 'skip', '125', null),
      formatRunLine(C, 2, 2, 'fail', '1', null),
      formatVerdictLine(C, 'skip', 125, { runs: 2, failed: 1, passed: 0, skipped: 1, errors: 0 }, 2),
    ];
    const r = readLog(file(lines.join('\n') + '\n'));
    expect(r.status).toBe('incomplete');
    expect(r.steps[0]).toMatchObject({
      verdict: 'bad',
      runs: { total: 3, failed: 2, passed: 1, other: 0 },
      titles: { 'FAIL: "quoted" title': 1, 'killed by SIGSEGV': 1 },
    });
    expect(r.steps[0].outcomes?.map((o) => o.kind)).toEqual(['crash', 'ok', 'crash']);
    expect(r.steps[1]).toMatchObject({ verdict: 'skip', runs: { total: 2, failed: 1, passed: 0, other: 1 } });
    expect(r.flaky).toBe(true);
    expect(r.flakyReasons?.[0]).toMatch(/failed 2 of 3/);
  });

  test('a test command that is missing at every step makes git’s culprit meaningless', () => {
    const lines = [
      'Bisecting: 2 revisions left to test after this (roughly 1 step)',
      `[${A}] one`,
      'running ./nope.sh',
      '/usr/lib/git-core/git-bisect: 74: ./nope.sh: not found',
      'Bisecting: 0 revisions left to test after this (roughly 0 steps)',
      `[${B}] two`,
      'running ./nope.sh',
      '/usr/lib/git-core/git-bisect: 74: ./nope.sh: not found',
      `${B} is the first bad commit`,
      'bisect run success',
    ];
    const r = readLog(file(lines.join('\n') + '\n'));
    expect(r.status).toBe('failed');
    expect(r.culprit).toBeNull();
    expect(r.reason).toMatch(/could not be run/);
  });

  test('non-English progress lines still give steps; the hint asks for LC_ALL=C', () => {
    const lines = [
      '$ git bisect start HEAD v1.0',
      'Binäre Suche: danach noch 2 Commits zum Testen übrig (ungefähr 1 Schritt)',
      `[${A}] eins`,
      'Binäre Suche: danach noch 0 Commits zum Testen übrig (ungefähr 0 Schritte)',
      `[${D}] zwei`,
      'Fehler: unbekannter Zustand',
    ];
    const r = readLog(file(lines.join('\n') + '\n'));
    expect(r.status).toBe('incomplete');
    expect(r.culprit).toBeNull();
    expect(r.steps.map((s) => s.commit)).toEqual([A, D]);
    expect(r.hints?.join(' ')).toMatch(/LC_ALL=C/);
  });

  test('"bisect run success" without a culprit (second merge base) is incomplete, not found', () => {
    const lines = [
      'Bisecting: a merge base must be tested',
      `[${A}] base one`,
      "running './t.sh'",
      'Bisecting: a merge base must be tested',
      `[${B}] base two`,
      'bisect run success',
    ];
    const r = readLog(file(lines.join('\n') + '\n'));
    expect(r.status).toBe('incomplete');
    expect(r.reason).toMatch(/merge base/);
    expect(r.steps.map((s) => s.verdict)).toEqual(['untested', 'untested']);
  });

  test('garbage never throws and is not a result', () => {
    const junk = [
      '[' + A + ']',
      `${A}`,
      `${A} is the first  commit`,
      'The first bad commit could be any of:',
      'bisect-report run: commit=zzz run=1/2 result=fail title={"broken',
      `bisect-report run: commit=${A} run=1/2 result=fail exit=1 title="unterminated`,
      '# first bad commit: [nothex] x',
      "git bisect start '",
      '\u0000\u0001',
      'x'.repeat(70000),
    ];
    const sink = gitBisectRunParser.create('junk');
    for (const l of junk) sink.line(l);
    const r = sink.end();
    expect(r.culprit).toBeNull();
    expect(['unrecognized', 'incomplete', 'ambiguous']).toContain(r.status);
    const logSink = gitBisectLogParser.create('junk');
    for (const l of junk) logSink.line(l);
    expect(logSink.end().culprit).toBeNull();
  });
});

describe('bisect log parser', () => {
  test('window, steps and `# status:` of an unfinished log', () => {
    const log = [
      'git bisect start',
      '# status: waiting for both good and bad commits',
      `# bad: [${D}] head`,
      `git bisect bad ${D}`,
      '# status: waiting for good commit(s), bad commit known',
      `# good: [${A}] base`,
      `git bisect good ${A}`,
      `# skip: [${B}] wip`,
      `git bisect skip ${B}`,
      `git bisect good ${C}`, // hand-written: no comment line
    ];
    const r = readLog(file(log.join('\n') + '\n'));
    expect(r.format).toBe('git-bisect-log');
    expect(r.status).toBe('incomplete');
    expect(r.window).toEqual({ good: [A], bad: D });
    expect(r.steps.map((s) => [s.commit, s.verdict])).toEqual([
      [B, 'skip'],
      [C, 'good'],
    ]);
    expect(r.reason).toMatch(/did not finish/);
  });

  test('terms from the start line, quoted first-commit line (git ≥ 2.55)', () => {
    const log = [
      `# broken: [${D}] head`,
      `# fixed: [${A}] base`,
      "git bisect start '--term-old=broken' '--term-new=fixed' 'HEAD' 'v1'",
      `# fixed: [${B}] middle`,
      `git bisect fixed ${B}`,
      `# first 'fixed' commit: [${B}] middle`,
    ];
    const r = readLog(file(log.join('\n') + '\n'), 'git');
    expect(r).toMatchObject({ status: 'found', terms: { old: 'broken', new: 'fixed' }, direction: 'fix' });
    expect(r.culprit).toMatchObject({ sha: B, subject: 'middle', author: null });
    expect(r.window).toEqual({ good: [D], bad: A });
    expect(r.steps).toEqual([expect.objectContaining({ commit: B, verdict: 'bad' })]);
  });
});

describe('a translated log no parser can read', () => {
  test('is unrecognized, with the hint to run git with LC_ALL=C, and never a culprit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'br-i18n-'));
    const file = join(dir, 'de.log');
    writeFileSync(file, 'Halbierungssuche: 3 Revisionen verbleibend\nirgendein anderer Text\n');
    const r = readLog(file);
    expect(r.status).toBe('unrecognized');
    expect(r.culprit).toBeNull();
    expect(r.hints?.join(' ')).toMatch(/LC_ALL=C/);
  });
});
