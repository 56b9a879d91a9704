/**
 * A project's test speaks of runs that failed, passed or couldn't run; crash words (hits, censored,
 * Bayes factor, repro rate) belong to crash-reproducer formats only, and the ledger and the numbers
 * sit one click away. One probability reads the same in the summary, the issue, the PR comment and
 * the CLI's text. Checked on a real plain `git bisect run` of a flaky test in a scratch repository.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectReports } from '../src/collect.js';
import type { Report } from '../src/model.js';
import { formatProbability } from '../src/probability.js';
import { renderIssueBody, renderPrComment } from '../src/render/issue.js';
import { renderSummary } from '../src/render/summary.js';
import { renderText } from '../src/render/text.js';
import { linearHistory, makeRepo } from './helpers/gitRepo.js';
import { DIST_CLI } from './helpers/paths.js';
import * as fx from './fixtures/reports.js';

const ctx = {
  serverUrl: 'https://github.com',
  repository: 'example-org/app',
  runUrl: 'https://github.com/example-org/app/actions/runs/1',
  authorLogins: {},
};

/** Words that only make sense for a crash reproducer. */
const CRASH_JARGON =
  /\bHits\b|Other crashes|Censored|Bayes factor|Runs vs tool|\| Tool \||Repro rate|repro rate|P\(behaviour changes here\)|P\(root cause|matching crash|bisected crash|stay clean|P\(reported culprit\)/;

let report: Report;
let work: string;

beforeAll(async () => {
  // 16 commits, the bug from commit 9; the test fails 60% of runs on a bad commit, decided by a hash
  // of the commit so the bisection is the same on every machine.
  const repo = makeRepo('br-words-');
  linearHistory(repo, 16, 9);
  repo.script(
    'flaky.sh',
    [
      'grep -q BUG state.txt || { echo ok; exit 0; }',
      'h=$(git rev-parse HEAD | cksum | cut -d" " -f1)',
      '[ $((h % 10)) -lt 6 ] && { echo "FAIL: parser returned a truncated token"; exit 1; }',
      'echo ok',
    ].join('\n'),
  );
  repo.git('bisect', 'start', 'HEAD', 'v1.0');
  const run = repo.sh('git bisect run ./flaky.sh');
  work = mkdtempSync(join(tmpdir(), 'br-words-log-'));
  const log = join(work, 'bisect.log');
  writeFileSync(log, run.output);
  const { reports } = await collectReports([log]);
  report = reports[0];
  rmSync(repo.dir, { recursive: true, force: true });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a plain git bisect run of a flaky test', () => {
  test("the summary says failed / passed / couldn't run, never crash words", () => {
    expect(report.status).toBe('found');
    const md = renderSummary([report], ctx);
    expect(md).not.toMatch(CRASH_JARGON);
    expect(md).toMatch(/\| Marked \| Failed \| Passed \| Couldn't run \|/);
    expect(md).toContain('Runs agree?');
  });

  test('the ledger and the numbers are inside <details>, after the first screen', () => {
    const md = renderSummary([report], ctx);
    const open = md.indexOf('<details><summary>Evidence: what the test did at each of the');
    expect(open).toBeGreaterThan(0);
    const close = md.indexOf('</details>', open);
    const table = md.indexOf('| Step | Commit |');
    expect(table).toBeGreaterThan(open);
    expect(table).toBeLessThan(close);
    const numbers = md.indexOf('The test fails in');
    expect(numbers).toBeGreaterThan(open);
    expect(numbers).toBeLessThan(close);
  });

  test('the strip names its ends in test words', () => {
    const md = renderSummary([report], ctx);
    expect(md).toMatch(/\(passes\) +\(fails\)/);
    expect(md).not.toMatch(/ good +bad /);
  });

  test('issue, PR comment and CLI text avoid crash words too', () => {
    const body = renderIssueBody(report, ctx, {});
    const comment = renderPrComment(report, ctx, null, {});
    const text = renderText([report]);
    for (const out of [body, comment, text]) expect(out).not.toMatch(CRASH_JARGON);
  });

  test('one probability reads one way in the summary, the issue, the comment and the CLI text', () => {
    const p = formatProbability(report.trust!.probability);
    const md = renderSummary([report], ctx);
    const body = renderIssueBody(report, ctx, {});
    const comment = renderPrComment(report, ctx, null, {});
    const text = renderText([report]);
    for (const out of [md, body, comment, text]) expect(out).toContain(p);
    // Never a second spelling of a probability: no exponents, no bare fractions of one.
    for (const out of [md, body, comment, text]) {
      expect(out).not.toMatch(/\d(?:\.\d+)?e-\d|×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]|\b0\.\d{3}\b/);
    }
  });
});

describe('a flaky test through `bisect-report run`', () => {
  test('mixed runs at a commit read as a flaky test, not a flagged reproducer', async () => {
    const repo = makeRepo('br-words-runs-');
    linearHistory(repo, 8, 5);
    // On a bad commit, the third run of each commit passes: every bad verdict rests on mixed runs.
    repo.script(
      'flaky.sh',
      [
        'grep -q BUG state.txt || exit 0',
        '[ "$BISECT_REPORT_RUN" = 3 ] && exit 0',
        'echo "FAIL: bad token"; exit 1',
      ].join('\n'),
    );
    repo.git('bisect', 'start', 'HEAD', 'v1.0');
    const run = repo.sh(`git bisect run "${process.execPath}" "${DIST_CLI}" run --runs 3 -- ./flaky.sh`);
    const dir = mkdtempSync(join(tmpdir(), 'br-words-runs-log-'));
    const log = join(dir, 'bisect.log');
    writeFileSync(log, run.output);
    const [r] = (await collectReports([log])).reports;
    rmSync(repo.dir, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    const flaky = r.trust!.reasons.find((x) => x.code === 'tool-flagged-flaky');
    expect(flaky?.message).toMatch(/^The test is flaky: [0-9a-f]{12} failed 2 of 3 runs/);
    expect(renderText([r])).not.toMatch(/reproducer/);
  });
});

describe('a crash reproducer keeps its words', () => {
  test('syzkaller: hits, censored and the Bayes factor, folded the same way', () => {
    const md = renderSummary([fx.foundContradicted], ctx);
    expect(md).toMatch(
      /\| Tool \| Hits \| Other crashes \| Clean \| Censored \| Bayes factor \| Runs vs tool \|/,
    );
    expect(md).toContain('<details><summary>Evidence: the runs at each of the');
    expect(md).toMatch(/Repro rate \d/);
  });

  test("the analysis' numbers use the one format: the tool's confidence reads as a percentage", () => {
    const md = renderSummary([fx.foundContradicted], ctx);
    expect(md).toMatch(/The tool's own confidence formula gives (?:\d+(?:\.\d)?%|>99\.9%|<0\.1%)/);
  });
});

describe('git-bisect-run fixtures use test words in the summary', () => {
  test.each([
    ['trusted', fx.foundTrusted],
    ['unreliable', fx.foundUnreliable],
    ['range', fx.foundRange],
  ])('%s', (_name, r) => {
    expect(renderSummary([r], ctx)).not.toMatch(CRASH_JARGON);
  });
});
