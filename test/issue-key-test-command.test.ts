/**
 * A plain test log has no failure title, so the issue key used to fall back to the culprit sha and
 * every flaky re-run that named another culprit opened another issue. The key now comes from the
 * test command `git bisect run` prints. Two real bisections of one flaky test in a scratch
 * repository name different culprits; both land in one issue on the fake GitHub.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectReports } from '../src/collect.js';
import { commandWords } from '../src/formats/git-common/engine.js';
import { failureKey, testOfCommand } from '../src/github/marker.js';
import type { Report } from '../src/model.js';
import { renderIssueTitle } from '../src/render/issue.js';
import { FakeGitHub } from './fake-github/server.js';
import { linearHistory, makeRepo } from './helpers/gitRepo.js';
import { publisherOptions, publishWith } from './helpers/publisher.js';

let work: string;
const reports: Report[] = [];

beforeAll(async () => {
  const repo = makeRepo('br-key-');
  linearHistory(repo, 20, 8);
  // Fails half the runs on a commit with the bug, decided by a hash of (SEED, commit).
  repo.script(
    'flaky.sh',
    [
      'grep -q BUG state.txt || { echo ok; exit 0; }',
      'h=$(printf "%s-%s" "$SEED" "$(git rev-parse HEAD)" | cksum | cut -d" " -f1)',
      '[ $((h % 2)) -eq 0 ] && { echo "FAIL: expected 3 tokens, got 2"; exit 1; }',
      'echo ok',
    ].join('\n'),
  );
  work = mkdtempSync(join(tmpdir(), 'br-key-logs-'));
  const culprits = new Set<string>();
  for (let seed = 1; seed <= 40 && reports.length < 2; seed++) {
    repo.git('bisect', 'reset');
    repo.git('bisect', 'start', 'HEAD', 'v1.0');
    const run = repo.sh(`SEED=${seed} git bisect run ./flaky.sh`);
    const culprit = /^([0-9a-f]{40}) is the first bad commit$/m.exec(run.output)?.[1];
    if (!culprit || culprits.has(culprit)) continue;
    culprits.add(culprit);
    const log = join(work, `bisect-${seed}.log`);
    writeFileSync(log, run.output);
    reports.push(...(await collectReports([log])).reports);
  }
  rmSync(repo.dir, { recursive: true, force: true });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

test('git bisect run logs carry the test command', () => {
  expect(reports).toHaveLength(2);
  for (const r of reports) {
    expect(r.status).toBe('found');
    expect(r.crash).toBeNull();
    expect(r.testCommand).toBe('./flaky.sh');
  }
  expect(reports[0].culprit!.sha).not.toBe(reports[1].culprit!.sha);
});

test('two bisections of one test naming different culprits share one key, and the title names the test', () => {
  const [a, b] = reports.map((r) => failureKey(r, ''));
  expect(a).toEqual(b);
  expect(a!.text).toBe('./flaky.sh');
  // Without the command the key would be the culprit: two keys, two issues.
  const bySha = reports.map((r) => failureKey({ ...r, testCommand: null }, ''));
  expect(bySha[0]!.hash).not.toBe(bySha[1]!.hash);
  expect(renderIssueTitle(reports[0])).toMatch(/^Bisection: \.\/flaky\.sh — /);
  // The issue-key input still wins.
  expect(failureKey(reports[0], 'parser flake')!.text).toBe('parser flake');
});

test("the command's spelling does not matter: git's quoting, a wrapper's options before --", () => {
  expect(commandWords(" './flaky.sh' '--fast'")).toBe('./flaky.sh --fast');
  expect(commandWords(' ./flaky.sh --fast')).toBe('./flaky.sh --fast');
  expect(commandWords(" 'sh' '-c' 'it'\\''s fine'")).toBe("sh -c it's fine");
  expect(testOfCommand('node /tmp/x/dist/cli/index.js run --runs 10 --min-failures 2 -- ./flaky.sh')).toBe(
    './flaky.sh',
  );
  expect(testOfCommand('./flaky.sh')).toBe('./flaky.sh');
});

describe('on the fake GitHub', () => {
  let gh: FakeGitHub;
  beforeEach(async () => {
    gh = new FakeGitHub();
    await gh.start();
  });
  afterEach(async () => {
    await gh.close();
    expect(gh.violations).toEqual([]);
  });

  test('the second run updates the first run’s issue instead of opening another', async () => {
    for (const [run, r] of reports.entries()) {
      const res = await publishWith(publisherOptions(gh.url, []), [r], run + 1);
      expect(res.error).toBeNull();
    }
    const issues = gh.realIssues();
    expect(issues).toHaveLength(1);
    // The issue now names the second run's culprit.
    expect(issues[0].body).toContain(reports[1].culprit!.sha.slice(0, 12));
  });
});
