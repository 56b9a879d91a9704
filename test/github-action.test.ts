/**
 * End to end: the built action (dist/index.js, or BISECT_REPORT_DIST) as a child process with the
 * environment a runner gives it, against the fake GitHub (every request validated against GitHub's
 * OpenAPI description). Logs are small syzkaller-shaped bisections written here.
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_ACTION } from './helpers/paths.js';
import { describeOrSkip } from './helpers/skip.js';
import { actionEnv, readOutputs, runAction, type ProcResult } from './helpers/run.js';
import { FakeGitHub } from './fake-github/server.js';
import { parseMarkdown, type MdNode } from './helpers/markdown.js';
import { causeLog, CULPRIT, FIX, fixLog, TITLE } from './fake-github/logs.js';

const TOKEN = 'ghs_faketoken';
const OTHER = 'b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1';
const HOSTILE = '@everyone @torvalds <img src=x> <!-- marker --> ```';

interface ActionRun extends ProcResult {
  outputs: Record<string, string>;
  summary: string;
  reads: number;
  writes: number;
}

let gh: FakeGitHub;
let dir: string;
let runId = 0;

async function run(
  log: string,
  inputs: Record<string, string> = {},
  extraEnv: Record<string, string> = {},
): Promise<ActionRun> {
  const id = ++runId;
  // Same path every run, as in a workflow (the path is part of the issue body).
  const logPath = join(dir, 'bisect.txt');
  // Atomic replace: concurrent runs share this path and must never read a half-written log.
  writeFileSync(`${logPath}.${id}.tmp`, log);
  renameSync(`${logPath}.${id}.tmp`, logPath);
  const summaryPath = join(dir, `summary-${id}.md`);
  const outputPath = join(dir, `output-${id}.txt`);
  const eventPath = join(dir, `event-${id}.json`);
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');
  writeFileSync(eventPath, JSON.stringify({ ref: 'refs/heads/main' }));
  const before = { reads: gh.reads, writes: gh.writes };
  const env = actionEnv(
    { logs: logPath, token: TOKEN, 'issue-labels': 'bisection', ...inputs },
    {
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: gh.url,
      GITHUB_REPOSITORY: 'acme/widget',
      GITHUB_STEP_SUMMARY: summaryPath,
      GITHUB_OUTPUT: outputPath,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_RUN_ID: String(1000 + id),
      GITHUB_ACTOR: 'octocat',
      RUNNER_TEMP: dir,
      BISECT_REPORT_WAIT_SCALE: '0.001',
      ...extraEnv,
    },
  );
  const res = await runAction(env);
  return {
    ...res,
    outputs: readOutputs(outputPath),
    summary: readFileSync(summaryPath, 'utf8'),
    reads: gh.reads - before.reads,
    writes: gh.writes - before.writes,
  };
}

/** Logins GitHub would notify: @name in text, outside links and code (parsed as GFM). */
function liveMentions(markdown: string): string[] {
  const found: string[] = [];
  const visit = (n: MdNode): void => {
    if (n.type === 'link' || n.type === 'inlineCode' || n.type === 'code' || n.type === 'html') return;
    if (n.type === 'text') {
      for (const m of (n.value ?? '').matchAll(/(?:^|[^\w`])@([A-Za-z0-9][\w-]*)/g)) found.push(m[1]);
    }
    for (const c of n.children ?? []) visit(c);
  };
  visit(parseMarkdown(markdown));
  return found;
}

/** The longest time (ms) during which no request was in flight, between the first and the last. */
function idleGap(requests: { start: number; end: number | null }[]): number {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  let busyUntil = sorted[0]?.end ?? 0;
  let gap = 0;
  for (const r of sorted.slice(1)) {
    gap = Math.max(gap, r.start - busyUntil);
    busyUntil = Math.max(busyUntil, r.end ?? Infinity);
  }
  return gap;
}

/** The token never appears, except in the ::add-mask:: command that tells the runner to hide it. */
function leaksToken(r: ProcResult): boolean {
  return (r.stdout + r.stderr)
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .some((l) => l.includes(TOKEN));
}

const requests: Record<string, string> = {};

const notBuilt = existsSync(DIST_ACTION) ? undefined : `${DIST_ACTION} is missing (npm run package)`;

describeOrSkip('the built action against the fake GitHub', notBuilt, () => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bisect-report-gh-'));
    gh = new FakeGitHub();
    await gh.start();
    gh.addCommit({
      sha: CULPRIT,
      message: 'widget: free the cache early',
      authorName: 'Alice Liddell',
      authorEmail: 'alice@example.org',
      login: 'alice',
    });
    gh.addCommit({
      sha: OTHER,
      message: 'widget: reorder teardown',
      authorName: 'Bob',
      authorEmail: 'bob@example.org',
      login: 'bob',
    });
    gh.addCommit({
      sha: FIX,
      message: 'widget: hold the cache',
      authorName: 'Carol',
      authorEmail: 'carol@example.org',
      login: 'carol',
    });
    gh.addPull({
      title: 'Faster widget teardown',
      user: 'alice',
      state: 'closed',
      merged: true,
      commits: [CULPRIT],
    });
  });

  afterEach(async () => {
    await gh.close();
    rmSync(dir, { recursive: true, force: true });
    expect(gh.violations).toEqual([]);
  });

  afterAll(() => {
    console.log(
      `requests per scenario (reads/writes):\n${Object.entries(requests)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n')}`,
    );
  });

  test('fresh failure: one issue with the author @mentioned, one PR comment, ≤ 7 requests; re-run writes nothing', async () => {
    const first = await run(causeLog());
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/::error::/);
    const issues = gh.realIssues();
    expect(issues).toHaveLength(1);
    const issue = issues[0];
    expect(issue.title).toContain(TITLE);
    expect(issue.title).toContain(CULPRIT.slice(0, 12));
    // The tracking label and the label whose creation claimed the failure for this run.
    expect(issue.labels).toEqual(['bisection', expect.stringMatching(/^bisect-report:[0-9a-f]{24}:0$/)]);
    expect(issue.body).toContain(`/acme/widget/actions/runs/`);
    // The analysis decides the trust label; auto mode pings only verified/likely culprits.
    const trusted = ['verified', 'likely'].includes(first.outputs.trust);
    expect(liveMentions(issue.body!)).toEqual(trusted ? ['alice'] : []);
    expect(gh.commentsOn(1)).toHaveLength(trusted ? 1 : 0);
    expect(first.outputs['issue-number']).toBe(String(issue.number));
    expect(first.outputs['issue-url']).toBe(`${gh.url}/acme/widget/issues/${issue.number}`);
    expect(first.outputs['culprit-author']).toBe('alice');
    expect(first.summary).toContain(CULPRIT.slice(0, 12));
    expect(first.reads + first.writes).toBeLessThanOrEqual(7);
    requests['fresh failure with a PR'] = `${first.reads}/${first.writes}`;
    expect(leaksToken(first)).toBe(false);

    const again = await run(causeLog());
    expect(again.code).toBe(0);
    expect(again.writes).toBe(0);
    expect(again.reads).toBeLessThanOrEqual(4);
    requests['identical re-run'] = `${again.reads}/${again.writes}`;
    expect(again.outputs['issue-number']).toBe(String(issue.number));
  });

  test('mention-author: always pings; changed culprit edits the body and adds one comment', async () => {
    await run(causeLog(), { 'mention-author': 'always' });
    const number = gh.realIssues()[0].number;
    expect(liveMentions(gh.issues.get(number)!.body!)).toEqual(['alice']);
    const changed = await run(
      causeLog({ culprit: OTHER, subject: 'widget: reorder teardown', author: 'Bob <bob@example.org>' }),
      {
        'mention-author': 'always',
      },
    );
    expect(changed.code).toBe(0);
    requests['changed culprit'] = `${changed.reads}/${changed.writes}`;
    expect(gh.realIssues()).toHaveLength(1);
    const issue = gh.issues.get(number)!;
    expect(issue.title).toContain(OTHER.slice(0, 12));
    expect(liveMentions(issue.body!)).toEqual(['bob']);
    const comments = gh.commentsOn(number);
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toContain(CULPRIT.slice(0, 12));
    expect(comments[0].body).toContain(OTHER.slice(0, 12));
    expect(changed.outputs['issue-number']).toBe(String(number));
  });

  test('fix bisection closes the issue as completed with a comment', async () => {
    await run(causeLog());
    const number = gh.realIssues()[0].number;
    const fixed = await run(fixLog());
    expect(fixed.code).toBe(0);
    requests['fix bisection'] = `${fixed.reads}/${fixed.writes}`;
    const issue = gh.issues.get(number)!;
    expect(issue.state).toBe('closed');
    expect(issue.state_reason).toBe('completed');
    expect(gh.commentsOn(number).at(-1)!.body).toContain(`Fixed by [\`${FIX.slice(0, 12)}\`]`);
    expect(fixed.outputs['issue-number']).toBe(String(number));
  });

  test('10 concurrent runs on one key leave exactly one open issue', async () => {
    gh.holdIssueLists(10, 30000);
    const runs = await Promise.all(
      Array.from({ length: 10 }, () =>
        run(causeLog(), { 'mention-author': 'always' }, { BISECT_REPORT_TIMEOUT_MS: '90000' }),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual(Array(10).fill(0));
    // The race really happened: several runs tried to file the issue (all 10 on a quiet machine; a
    // loaded one may start a process after the held list requests were released). The claim label
    // lets only the first create it (before: one issue per racing run, all but one closed as duplicates).
    expect(
      gh.requests.filter((r) => r.route === 'POST /repos/{owner}/{repo}/labels').length,
    ).toBeGreaterThanOrEqual(2);
    expect(gh.realIssues()).toHaveLength(1);
    const open = gh.realIssues().filter((i) => i.state === 'open');
    expect(open).toHaveLength(1);
    expect(new Set(runs.map((r) => r.outputs['issue-number']))).toEqual(new Set([String(open[0].number)]));
    expect(gh.commentsOn(1)).toHaveLength(1);
  });

  test('20 concurrent runs on a trusted culprit: 1 issue ever created, 1 live mention, 1 PR comment', async () => {
    gh.holdIssueLists(20, 30000);
    // The fake holds the listings until all 20 runs have asked: longer than the default 20 s timeout
    // on a loaded machine.
    const runs = await Promise.all(
      Array.from({ length: 20 }, () => run(causeLog(), {}, { BISECT_REPORT_TIMEOUT_MS: '90000' })),
    );
    // What went wrong, when something does (a race is hard to reproduce): each run's warnings and errors.
    const said = runs.flatMap((r, i) =>
      r.stdout
        .split('\n')
        .filter((l) => /^::(warning|error)/.test(l))
        .map((l) => `run ${i}: ${l}`),
    );
    if (said.length > 0) console.log(said.join('\n'));
    expect(runs.map((r) => r.code)).toEqual(Array(20).fill(0));
    expect(runs[0].outputs.trust).toMatch(/^(verified|likely)$/);
    expect(gh.requests.filter((r) => r.route === 'POST /repos/{owner}/{repo}/issues')).toHaveLength(1);
    const issues = gh.realIssues();
    expect(issues).toHaveLength(1);
    const mentions = [
      ...issues.map((i) => i.body ?? ''),
      ...[...gh.comments.values()].map((c) => c.body),
    ].flatMap(liveMentions);
    expect(mentions).toEqual(['alice']);
    expect(gh.commentsOn(1)).toHaveLength(1);
    expect(gh.commentsOn(issues[0].number)).toHaveLength(0);
    expect(new Set(runs.map((r) => r.outputs['issue-number']))).toEqual(new Set([String(issues[0].number)]));
    requests['20-way race (all runs)'] = `${gh.reads}/${gh.writes}`;
  }, 120_000);

  test.each([
    ['', {}],
    [' (with mention-only-reachable-from)', { 'mention-only-reachable-from': 'main' }],
  ])(
    'round trips%s: fresh failure with a PR ≤ 3 and no fixed wait; identical re-run ≤ 2, no write',
    async (_, inputs) => {
      // Timing is measured at the fake: answers take 500 ms, a slow GitHub answer, and the fake itself
      // answers at once (requests are still checked), so a request sent after another was answered
      // shows. The long answer keeps two requests sent together from reading as two trips when a
      // loaded machine starts the second a little late.
      gh.validateResponses = false;
      gh.latencyMs = 500;
      gh.refs.set('main', CULPRIT);
      // Production waits (the other tests scale every wait down a thousandfold).
      const first = await run(causeLog(), inputs, { BISECT_REPORT_WAIT_SCALE: '1' });
      expect(first.code).toBe(0);
      const fresh = gh.roundTrips();
      expect(gh.commentsOn(1)).toHaveLength(1);
      expect(fresh).toBeLessThanOrEqual(3);
      // No fixed wait: between an answer and the next request there is only the run's own work, not
      // seconds of spacing between writes (before: 3 s between the issue and the PR comment) or of
      // settling races. Measured as the longest time with no request in flight (robust to a loaded
      // machine slowing every request, which a bound on the total span was not).
      expect(idleGap(gh.requests)).toBeLessThan(2000);
      expect(liveMentions(gh.realIssues()[0].body!)).toEqual(['alice']);
      gh.resetCounts();
      const again = await run(causeLog(), inputs, { BISECT_REPORT_WAIT_SCALE: '1' });
      expect(again.writes).toBe(0);
      expect(gh.roundTrips()).toBeLessThanOrEqual(2);
      requests['round trips (fresh / re-run)'] = `${fresh} / ${gh.roundTrips()}`;
    },
  );

  test('a hung GitHub answer is abandoned quickly: summary and outputs written, run goes on', async () => {
    gh.fault({ route: 'GET /repos/{owner}/{repo}/commits/{ref}', status: 200, when: 'hang' });
    const started = Date.now();
    const r = await run(causeLog(), {}, { BISECT_REPORT_TIMEOUT_MS: '500' });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(0);
    expect(r.summary).toContain(CULPRIT.slice(0, 12));
    expect(r.stdout).toMatch(/::warning::No answer from GitHub while trying to look up the author/);
    expect(gh.realIssues()).toHaveLength(1);
  });

  test('500s and rate limits are retried and the run succeeds', async () => {
    gh.failLikeABadDay();
    const r = await run(causeLog());
    expect(r.code).toBe(0);
    expect(gh.requests.filter((q) => q.fault)).toHaveLength(4);
    expect(gh.realIssues()).toHaveLength(1);
    requests['with 4 injected faults'] = `${r.reads}/${r.writes}`;
  });

  test('missing permission: one clear error line, summary and outputs still written, token not printed', async () => {
    gh.tokens.set(TOKEN, {
      login: 'github-actions[bot]',
      installation: true,
      issues: 'read',
      pullRequests: 'read',
    });
    const r = await run(causeLog());
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /403 Resource not accessible by integration.*'issues: write'.*permissions: \{ contents: read, issues: write, pull-requests: write \}/,
    );
    expect(r.stdout).not.toMatch(/\n\s+at /);
    expect(r.summary).toContain(CULPRIT.slice(0, 12));
    expect(r.outputs.culprit).toBe(CULPRIT);
    expect(gh.requests.filter((q) => q.write).map((q) => q.status)).toEqual([403]); // tried once, refused
    expect(gh.realIssues()).toHaveLength(0);
    expect(leaksToken(r)).toBe(false);
  });

  test('read-only token on a fork pull request: warning with the workflow_run pattern, summary written, no writes', async () => {
    const event = join(dir, 'fork-event.json');
    writeFileSync(
      event,
      JSON.stringify({
        pull_request: {
          number: 9,
          head: { repo: { full_name: 'mallory/widget' } },
          base: { repo: { full_name: 'acme/widget' } },
        },
      }),
    );
    const r = await run(causeLog(), {}, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event });
    expect(r.code).toBe(0);
    expect(r.writes).toBe(0);
    expect(r.stdout).toMatch(/::warning::Not writing issues.*fork \(mallory\/widget\).*workflow_run/);
    expect(r.summary).toContain(CULPRIT.slice(0, 12));
  });

  test('unknown commit (a tree bisected elsewhere): no mention, no failure', async () => {
    gh.commits.length = 0;
    const r = await run(causeLog(), { 'mention-author': 'always' });
    expect(r.code).toBe(0);
    const issue = gh.realIssues()[0];
    expect(liveMentions(issue.body!)).toEqual([]);
    expect(issue.body).toContain('Alice Liddell');
    expect(r.outputs['culprit-author']).toBe('alice@example.org');
    requests['unknown commit'] = `${r.reads}/${r.writes}`;
  });

  test('dry-run: zero writes, prints what it would write', async () => {
    const r = await run(causeLog(), { 'dry-run': 'true' });
    expect(r.code).toBe(0);
    expect(r.writes).toBe(0);
    expect(gh.realIssues()).toHaveLength(0);
    expect(r.stdout).toContain('[dry-run] would create an issue:');
    expect(r.stdout).toMatch(new RegExp(`title: .*${CULPRIT.slice(0, 12)}`));
    expect(r.stdout).toContain('<!-- bisect-report v1 issue key=');
    requests['dry-run'] = `${r.reads}/${r.writes}`;
  });

  test('hostile crash title and commit subject: nothing live in the issue body', async () => {
    gh.commits.length = 0;
    const r = await run(causeLog({ title: `BUG: ${HOSTILE}`, subject: `widget: ${HOSTILE}` }), {
      'mention-author': 'always',
    });
    expect(r.code).toBe(0);
    const issue = gh.realIssues()[0];
    const body = issue.body!;
    expect(body).toContain('everyone'); // present, but defused
    expect(liveMentions(body)).toEqual([]);
    expect(body.match(/<!--/g)).toHaveLength(1); // only our marker
    const tree = parseMarkdown(body);
    const bad: string[] = [];
    const visit = (n: MdNode): void => {
      if (n.type === 'image') bad.push(`image ${n.url}`);
      if (n.type === 'html' && /<img|<!--(?! bisect-report v1 )/i.test(n.value ?? ''))
        bad.push(`html ${n.value}`);
      for (const c of n.children ?? []) visit(c);
    };
    visit(tree);
    expect(bad).toEqual([]);
    expect(issue.title).not.toMatch(/@everyone|@torvalds/);
  });
});
