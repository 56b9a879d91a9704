/**
 * Every count, range and parent a report states must be what git says. Real scratch repositories,
 * real `git bisect run` of a flaky test (some commits untestable), the built CLI as a real process
 * run inside the checkout (window positions from `git rev-list`, as the action does); each stated
 * number is compared with `git rev-list --count` / `git rev-parse` on the same repository.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { linearHistory, makeRepo, type ScratchRepo } from './helpers/gitRepo.js';
import { runProcess } from './helpers/run.js';
import { DIST_CLI } from './helpers/paths.js';
import type { Report } from '../src/model.js';

interface Case {
  name: string;
  commits: number;
  culprit: number;
  untestable: number[];
  seed: number;
}

const CASES: Case[] = [
  { name: 'flaky, 24 commits', commits: 24, culprit: 15, untestable: [], seed: 7 },
  {
    name: 'flaky, untestable commits next to the culprit',
    commits: 30,
    culprit: 12,
    untestable: [10, 13],
    seed: 3,
  },
  { name: 'flaky, 40 commits', commits: 40, culprit: 31, untestable: [5], seed: 11 },
];

async function bisect(repo: ScratchRepo, seed: number): Promise<{ log: string; report: Report; md: string }> {
  repo.script(
    'flaky.sh',
    [
      'test -f broken && exit 125',
      'grep -q BUG state.txt || { echo ok; exit 0; }',
      `h=$(printf "%s-%s" ${seed} "$(git rev-parse HEAD)" | cksum | cut -d" " -f1)`,
      '[ $((h % 10)) -lt 7 ] && { echo "FAIL: expected 3 tokens, got 2"; exit 1; }',
      'echo ok',
    ].join('\n'),
  );
  // As the README captures it: start, run and the bisect log in one console.
  const run = repo.sh(
    'echo "$ git bisect start HEAD v1.0"; git bisect start HEAD v1.0; echo "$ git bisect run ./flaky.sh"; git bisect run ./flaky.sh; echo "$ git bisect log"; git bisect log',
  );
  const log = join(repo.dir, '..', `${repo.dir.split('/').pop()}.log`);
  writeFileSync(log, run.output);
  repo.git('bisect', 'reset');
  const json = await runProcess(process.execPath, [DIST_CLI, '--json', log], {
    cwd: repo.dir,
    env: repo.env,
  });
  const md = await runProcess(process.execPath, [DIST_CLI, '--markdown', log], {
    cwd: repo.dir,
    env: repo.env,
  });
  return { log, report: JSON.parse(json.stdout).reports[0] as Report, md: md.stdout };
}

const count = (repo: ScratchRepo, range: string) => Number(repo.git('rev-list', '--count', range));

describe.each(CASES)('$name', (c) => {
  let repo: ScratchRepo;
  let out: { log: string; report: Report; md: string };
  beforeAll(async () => {
    repo = makeRepo('br-facts-');
    linearHistory(repo, c.commits, c.culprit, c.untestable);
    out = await bisect(repo, c.seed);
  });
  afterAll(() => {
    rmSync(out.log, { force: true });
    rmSync(repo.dir, { recursive: true, force: true });
  });

  test('the window the strip states is the window git bisected', () => {
    const window = count(repo, 'v1.0..main');
    expect(out.report.analysis?.windowSize).toBe(window);
    const stated = /of the (\d+) commits between|each commit of the (\d+)-commit window/.exec(out.md);
    if (stated) expect(Number(stated[1] ?? stated[2])).toBe(window);
  });

  test('the 95% range: its count is what git rev-list counts in its notation', () => {
    const r = out.report.trust?.range95;
    if (!r || r.commits < 2) return;
    expect(r.gitRange).toBeTruthy();
    expect(count(repo, r.gitRange!)).toBe(r.commits);
    const stated = /one of \*\*(\d+) commits\*\* `([^`]+)`/.exec(out.md);
    expect(stated).not.toBeNull();
    expect(count(repo, stated![2])).toBe(Number(stated![1]));
  });

  test("the culprit's parent in the re-test plan is its parent in git", () => {
    const culprit = out.report.culprit?.sha;
    const parentRetest = out.report.retest.find((x) => /parent/.test(x.why ?? ''));
    if (!culprit || !parentRetest) return;
    expect(repo.git('rev-parse', parentRetest.commit)).toBe(repo.git('rev-parse', `${culprit}^`));
  });

  test('"could not be tested" names only commits git skipped', () => {
    const reason = out.report.trust?.reasons.find((x) => x.code === 'untestable-neighbours');
    if (!reason) return;
    const named = [...reason.message.matchAll(/\b[0-9a-f]{8}\b/g)].map((m) => m[0]);
    const skipped = [...out.log.matchAll(/^git bisect skip ([0-9a-f]{40})$/gm)].map((m) => m[1]);
    const bisectLog = repo.sh('cat .git/BISECT_LOG 2>/dev/null').output;
    const stepsSkipped = out.report.steps.filter((s) => s.verdict === 'skip').map((s) => s.commit);
    for (const sha of named) {
      expect(
        stepsSkipped.some((s) => s.startsWith(sha)) ||
          skipped.some((s) => s.startsWith(sha)) ||
          bisectLog.includes(sha),
      ).toBe(true);
      // …and it really cannot be tested: it carries the marker file.
      expect(repo.sh(`git show ${sha}:broken`).status).toBe(0);
    }
  });
});
