/**
 * The first screen of a summary section must answer, in words: which commit, how sure, and the one
 * thing to do next. Checked on the first 15 lines for a trusted, an unreliable, a contradicted and a
 * range result, in the job summary and in the CLI's text.
 */
import type { Report } from '../src/model.js';
import { renderSummary } from '../src/render/summary.js';
import { renderText } from '../src/render/text.js';
import * as fx from './fixtures/reports.js';

const ctx = {
  serverUrl: 'https://github.com',
  repository: 'example-org/app',
  runUrl: 'https://github.com/example-org/app/actions/runs/1',
  authorLogins: {},
};

function firstLines(report: Report, n = 15): string {
  return renderSummary([report], ctx).split('\n').slice(0, n).join('\n');
}

describe('the first 15 lines of a summary section', () => {
  test('trusted: the culprit, "Trust this culprit", and fix or revert', () => {
    const head = firstLines(fx.foundTrusted);
    expect(head).toMatch(/^### ✅ /m);
    expect(head).toMatch(/\*\*Caused by\*\* \[`e8b8c3d3b493`\]/);
    expect(head).toContain('**Trust this culprit** (P = 99.7%)');
    expect(head).toContain('**Next:** fix or revert this commit.');
  });

  test('unreliable: no "Caused by", no green, and a command to run', () => {
    const head = firstLines(fx.foundUnreliable);
    expect(head).not.toContain('Caused by');
    expect(head).not.toMatch(/✅|🟢|Probably right/);
    expect(head).toMatch(/\*\*Unconfirmed\*\*: the log names \[`e8b8c3d3b493`\]/);
    expect(head).toContain('**Do not rely on this culprit** (P = 8.0%)');
    expect(head).toMatch(/\*\*Next:\*\* bisect again the 20 commits most likely to hold the culprit/);
    expect(head).toMatch(
      /^node ~\/bisect-report\/dist\/cli\/index\.js bisect --good [0-9a-f]{12}\^ --bad [0-9a-f]{12} -- \.\/test\.sh$/m,
    );
  });

  test('contradicted: "Not this commit", where it most likely is, and the re-test plan', () => {
    const head = firstLines(fx.foundContradicted);
    expect(head).not.toMatch(/Caused by|culprit found/i);
    expect(head).toMatch(/^### ⛔ /m);
    expect(head).toMatch(/\*\*Not this commit\*\*: the log names \[`efb84a4e0381`\]/);
    expect(head).toContain('the culprit is most likely in 24 commits');
    expect(head).toContain('**Almost certainly wrong** (P < 0.1%)');
    expect(head).toContain('**Next:** follow the re-test plan below (2 commits, 30 runs).');
  });

  test('range: "Somewhere in N commits" first, the named commit second, and the re-bisect command', () => {
    const head = firstLines(fx.foundRange);
    expect(head).not.toMatch(/Caused by|culprit found/i);
    expect(head).toMatch(/^### 🟡 /m);
    expect(head).toMatch(
      /\*\*Somewhere in 11 commits `f92950998e73[0-9a-f]{28}\.\.e8b8c3d3b493[0-9a-f]{28}`\*\* · the log names/,
    );
    expect(head).toContain('the commit the log names has P = 15%');
    expect(head).toMatch(
      /bisect again the 11 commits most likely to hold the culprit, re-running the test where it tells most/,
    );
    // The range's good end is s3, the last commit that passed every run: the command starts there.
    expect(head).toMatch(
      /^node ~\/bisect-report\/dist\/cli\/index\.js bisect --good f92950998e73 --bad e8b8c3d3b493 -- \.\/test\.sh$/m,
    );
  });

  test("the command's good end is the one the range shows, and a commit the log tested clean when known", () => {
    const range = fx.foundRange.trust!.range95!;
    const goodEnd = fx.foundRange.steps.find((s) => s.commit === range.after);
    expect(goodEnd).toMatchObject({ verdict: 'good', runs: { failed: 0 } });
    expect(range.gitRange).toBe(`${range.after}..${range.last}`);
    // Both ends known: the tested commit, not the first commit's parent (a merge's first parent may be another).
    const both: Report = {
      ...fx.foundRange,
      trust: { ...fx.foundRange.trust!, range95: { ...range, first: fx.sha('t-between') } },
    };
    expect(firstLines(both)).toMatch(
      /^node ~\/bisect-report\/dist\/cli\/index\.js bisect --good f92950998e73 --bad e8b8c3d3b493 -- /m,
    );
  });

  test('no culprit: the good end fails too, so the next step is an older good end (a fix bisection: newer commits)', () => {
    const head = firstLines(fx.noCulprit);
    expect(head).toContain(
      '**Next:** the good end fails too, so the change is older: bisect again from an older good commit.',
    );
    // The log's own reason reads as a sentence.
    expect(head).toMatch(/first bad commit\. The good commit 8f0156ca136a fails too .*window\.$/m);
    expect(firstLines({ ...fx.noCulprit, direction: 'fix' })).toContain(
      '**Next:** nothing in the range fixed it: look for the fix in newer commits.',
    );
  });

  test('a likely culprit resting on one run per commit is a lead, never "Probably right" or green', () => {
    const plainLikely: Report = {
      ...fx.foundTrusted,
      trust: {
        ...fx.foundTrusted.trust!,
        label: 'likely',
        probability: 0.82,
        reasons: [{ code: 'plain-bisect-no-repeats', message: 'Each commit was tested once.' }],
      },
    };
    const head = firstLines(plainLikely);
    expect(head).not.toMatch(/Probably right|🟢|✅/);
    expect(head).toMatch(/^### 🟡 /m);
    expect(head).toContain('**Best lead: caused by**');
    expect(head).toContain('**Best lead, not proven** (P = 82%): each commit ran the test once');
    expect(head).toMatch(/\*\*Next:\*\* check that the culprit fails and its parent passes, run after run/);
    expect(head).toMatch(
      /^node ~\/bisect-report\/dist\/cli\/index\.js verify --culprit e8b8c3d3b493 -- \.\/test\.sh$/m,
    );
  });
});

describe('the CLI text leads the same way', () => {
  test.each([
    [
      'trusted',
      fx.foundTrusted,
      /^ {2}Caused by e8b8c3d3b493 .*\n {2}Sure \(P = 99\.7%\).*\n {2}Next: fix or revert this commit\./m,
    ],
    [
      'unreliable',
      fx.foundUnreliable,
      /^ {2}Unconfirmed: the log names e8b8c3d3b493 .*\n {2}Not verified \(P = 8\.0%\): each commit ran the test once/m,
    ],
    [
      'contradicted',
      fx.foundContradicted,
      /^ {2}Not this commit: the log names efb84a4e0381 .*\n {2}Almost certainly wrong \(P < 0\.1%\)/m,
    ],
    [
      'range',
      fx.foundRange,
      /^ {2}Somewhere in 11 commits \S+ \(the log names e8b8c3d3b493 .*\)\n {2}No single commit is certain/m,
    ],
  ])('%s', (_name, report, pattern) => {
    const text = renderText([report]);
    expect(text.split('\n').slice(0, 5).join('\n')).toMatch(pattern);
  });
});
