/**
 * The publisher in-process against the fake GitHub (every request validated against GitHub's OpenAPI
 * description): issue lifecycle, mentions, sticky PR comments, races, faults, dry-run, request economy.
 */
import { emptyReport, type Report, type TrustLabel } from '../src/model.js';
import { createPublisher } from '../src/github/publish.js';
import type { PublishOptions, PublishResult } from '../src/github/types.js';
import { FakeGitHub } from './fake-github/server.js';
import { publisherOptions, publishWith } from './helpers/publisher.js';
import { parseMarkdown, walk, type MdNode } from './helpers/markdown.js';

const SHA_A = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
const SHA_B = 'b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1';
const SHA_FIX = 'fe11fe11fe11fe11fe11fe11fe11fe11fe11fe11';
const SHA_UNKNOWN = 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef';
const TITLE = 'KASAN: use-after-free Read in widget_release';

let gh: FakeGitHub;
let logs: string[];

function report(
  over: Partial<Report> & { sha?: string; label?: TrustLabel | null; subject?: string } = {},
): Report {
  const { sha = SHA_A, label = 'likely', subject = 'widget: free the cache early', ...rest } = over;
  return {
    ...emptyReport('logs/bisect.txt', 'syzkaller'),
    status: 'found',
    culprit: {
      sha,
      subject,
      author: { name: 'Alice Liddell', email: 'alice@example.org' },
      date: null,
      files: [],
      merge: false,
      release: false,
    },
    crash: { title: TITLE },
    trust: label
      ? { label, probability: label === 'verified' ? 0.99 : label === 'likely' ? 0.9 : 0.5, reasons: [] }
      : null,
    ...rest,
  };
}

const options = (over: Partial<PublishOptions> = {}): PublishOptions => publisherOptions(gh.url, logs, over);

/** What main does: resolve authors (reads), then apply (writes). */
const publish = (reports: Report[], over: Partial<PublishOptions> = {}, run = 1): Promise<PublishResult> =>
  publishWith(options(over), reports, run);

function counted<T extends PublishResult>(r: T): { reads: number; writes: number } {
  return { reads: gh.reads, writes: gh.writes, ...(r.error ? { error: r.error } : {}) };
}

const openIssues = (): ReturnType<FakeGitHub['realIssues']> =>
  gh.realIssues().filter((i) => i.state === 'open');

beforeEach(async () => {
  logs = [];
  gh = new FakeGitHub();
  await gh.start();
  gh.addCommit({
    sha: SHA_A,
    message: 'widget: free the cache early',
    authorName: 'Alice Liddell',
    authorEmail: 'alice@example.org',
    login: 'alice',
  });
  gh.addCommit({
    sha: SHA_B,
    message: 'widget: reorder teardown',
    authorName: 'Bob',
    authorEmail: 'bob@example.org',
    login: 'bob',
  });
  gh.addCommit({
    sha: SHA_FIX,
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
    commits: [SHA_A],
  });
  gh.addPull({ title: 'Reorder', user: 'bob', state: 'closed', merged: true, commits: [SHA_B] });
});

afterEach(async () => {
  await gh.close();
  expect(gh.violations).toEqual([]);
});

test('fresh failure: one issue tagging the author, one PR comment, at most 7 requests', async () => {
  const res = await publish([report()]);
  expect(res.error).toBeNull();
  const issues = gh.realIssues();
  expect(issues).toHaveLength(1);
  const issue = issues[0];
  expect(issue.title).toContain(TITLE);
  expect(issue.title).toContain(SHA_A.slice(0, 12));
  // The tracking label, and the label whose creation claimed the failure for this run.
  expect(issue.labels).toEqual(['bisection', expect.stringMatching(/^bisect-report:[0-9a-f]{24}:0$/)]);
  expect(gh.labels.has('bisection')).toBe(true);
  expect(issue.body).toMatch(/^<!-- bisect-report v1 issue key=[0-9a-f]{32} /);
  expect(liveMentions(issue.body!)).toEqual(['alice']);
  expect(issue.body).toContain('/actions/runs/1');
  const prComments = gh.commentsOn(1);
  expect(prComments).toHaveLength(1);
  // Posted alongside the issue, so it links the claim label's page, which lists the issue.
  expect(prComments[0].body).toContain(
    `[the issue](${gh.url}/acme/widget/labels/${encodeURIComponent(issue.labels[1])})`,
  );
  expect(prComments[0].body).toMatch(/^<!-- bisect-report v1 pr key=[0-9a-f]{32} digest=[0-9a-f]{16} -->\n/);
  expect(prComments[0].body).toContain('**likely**');
  expect(res.issues).toEqual([
    expect.objectContaining({
      number: issue.number,
      url: `${gh.url}/acme/widget/issues/${issue.number}`,
      action: 'created',
    }),
  ]);
  expect(res.requests).toBe(gh.requests.length);
  const routes = gh.requests.map((r) => r.route);
  // Three rounds: the issue listing alongside the author look-up (commit and its pull requests at
  // once); the claim alongside the PR's comments; the issue alongside the PR comment.
  expect([...routes.slice(0, 3)].sort()).toEqual([
    'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
    'GET /repos/{owner}/{repo}/commits/{ref}',
    'GET /repos/{owner}/{repo}/issues',
  ]);
  expect([...routes.slice(3, 5)].sort()).toEqual([
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    'POST /repos/{owner}/{repo}/labels',
  ]);
  expect([...routes.slice(5)].sort()).toEqual([
    'POST /repos/{owner}/{repo}/issues',
    'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  ]);
  expect(counted(res)).toEqual({ reads: 4, writes: 3 });
  expect(gh.requests.length).toBeLessThanOrEqual(7);
});

test('identical re-run (new run id): zero writes, at most 4 reads', async () => {
  await publish([report()]);
  gh.resetCounts();
  const res = await publish([report()], {}, 2);
  expect(res.issues[0].action).toBe('unchanged');
  expect(counted(res)).toEqual({ reads: 4, writes: 0 });
});

test('changed culprit: body edited, one short comment, sticky PR comments', async () => {
  await publish([report()]);
  const number = gh.realIssues()[0].number;
  gh.resetCounts();
  const res = await publish([report({ sha: SHA_B, subject: 'widget: reorder teardown' })], {}, 2);
  expect(res.issues[0]).toMatchObject({ number, action: 'commented' });
  const issue = gh.issues.get(number)!;
  expect(issue.title).toContain(SHA_B.slice(0, 12));
  expect(liveMentions(issue.body!)).toEqual(['bob']);
  const comments = gh.commentsOn(number);
  expect(comments).toHaveLength(1);
  expect(comments[0].body).toMatch(
    new RegExp(`culprit \\[\`${SHA_A.slice(0, 12)}\`\\]\\(.*\\) → \\[\`${SHA_B.slice(0, 12)}\`\\]`),
  );
  expect(liveMentions(comments[0].body)).toEqual(['bob']);
  expect(gh.commentsOn(2)).toHaveLength(1); // bob's PR
  expect(gh.realIssues()).toHaveLength(1);
  expect(gh.writes).toBe(3); // PATCH issue, issue comment, PR comment
});

test('same conclusion, different details: body edited in place, no comment', async () => {
  await publish([report()]);
  gh.resetCounts();
  await publish([report({ source: 'logs/other-job/bisect.txt' })], {}, 2);
  const issue = gh.realIssues()[0];
  expect(gh.commentsOn(issue.number)).toHaveLength(0);
  expect(gh.requests.filter((r) => r.write).map((r) => r.route)).toEqual([
    'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
  ]);
});

test('trust change (likely → range) is a conclusion change; the PR comment is edited, not duplicated', async () => {
  await publish([report()]);
  await publish([report({ label: 'range' })], {}, 2);
  const issue = gh.realIssues()[0];
  const comments = gh.commentsOn(issue.number);
  expect(comments).toHaveLength(1);
  expect(comments[0].body).toMatch(/trust likely → \*\*range\*\*/);
  expect(liveMentions(comments[0].body)).toEqual([]);
  expect(liveMentions(issue.body!)).toEqual([]);
  expect(issue.body).toContain('not pinged: the trust label is range');
  const pr = gh.commentsOn(1);
  expect(pr).toHaveLength(1);
  expect(pr[0].body).toContain('**range**');
});

test('fix bisection: comments "fixed by" and closes the cause issue as completed', async () => {
  await publish([report()]);
  const number = gh.realIssues()[0].number;
  gh.resetCounts();
  const fix = report({
    direction: 'fix',
    sha: SHA_FIX,
    subject: 'widget: hold the cache',
    label: 'verified',
  });
  const res = await publish([fix], {}, 2);
  const issue = gh.issues.get(number)!;
  expect(issue.state).toBe('closed');
  expect(issue.state_reason).toBe('completed');
  const last = gh.commentsOn(number).at(-1)!;
  expect(last.body).toMatch(/^### ✅ Fixed by \[`fe11fe11fe11`\]/);
  expect(res.issues.find((o) => o.number === number)?.action).toBe('closed');
  // A second fix run finds it closed and writes nothing to the issue.
  gh.resetCounts();
  await publish([fix], { commentOnPr: false }, 3);
  expect(gh.writes).toBe(0);
});

test('closed issue and the failure is back: reopened with a comment', async () => {
  await publish([report()]);
  const number = gh.realIssues()[0].number;
  await publish([report({ direction: 'fix', sha: SHA_FIX, label: 'verified' })], { commentOnPr: false }, 2);
  expect(gh.issues.get(number)!.state).toBe('closed');
  const res = await publish([report({ sha: SHA_B, subject: 'widget: reorder teardown' })], {}, 3);
  expect(res.issues[0]).toMatchObject({ number, action: 'reopened' });
  expect(gh.issues.get(number)!.state).toBe('open');
  expect(gh.commentsOn(number).at(-1)!.body).toMatch(/^Reopening: a new bisection shows the failure again/);
  expect(gh.realIssues()).toHaveLength(1);
});

test('issue closed as not planned stays closed', async () => {
  await publish([report()]);
  const issue = gh.realIssues()[0];
  issue.state = 'closed';
  issue.state_reason = 'not_planned';
  gh.resetCounts();
  const res = await publish([report({ sha: SHA_B })], { commentOnPr: false }, 2);
  expect(res.issues[0].action).toBe('left-closed');
  expect(gh.writes).toBe(0);
});

test('mention-author: auto does not ping for weak evidence and says why; always does', async () => {
  await publish([report({ label: 'unreliable' })]);
  let issue = gh.realIssues()[0];
  expect(liveMentions(issue.body!)).toEqual([]);
  expect(issue.body).toContain('not pinged: the trust label is unreliable');
  expect(gh.commentsOn(1)).toHaveLength(0); // no PR comment for an unreliable culprit
  await gh.close();
  gh = new FakeGitHub();
  await gh.start();
  gh.addCommit({
    sha: SHA_A,
    message: 's',
    authorName: 'Alice',
    authorEmail: 'alice@example.org',
    login: 'alice',
  });
  await publish([report({ label: 'unreliable' })], { mentionAuthor: 'always' });
  issue = gh.realIssues()[0];
  expect(liveMentions(issue.body!)).toEqual(['alice']);
  await publish([report({ label: 'verified' })], { mentionAuthor: 'never' });
  expect(liveMentions(gh.realIssues()[0].body!)).toEqual([]);
  expect(gh.realIssues()[0].body).toContain('not pinged: mention-author is set to never');
});

test('login fallbacks: PR author, then author-map, then plain name and e-mail', async () => {
  gh.commits.length = 0;
  gh.addCommit({
    sha: SHA_A,
    message: 's',
    authorName: 'Alice',
    authorEmail: 'alice@example.org',
    login: null,
  });
  await publish([report()]);
  expect(liveMentions(gh.realIssues()[0].body!)).toEqual(['alice']); // PR #1's author
  const pub = createPublisher(options({ authorMap: { 'dora@example.org': 'dora' } }));
  const dora = report({ sha: SHA_UNKNOWN, title: 'x' } as never);
  dora.culprit!.author = { name: 'Dora', email: 'Dora@Example.org' };
  expect(await pub.resolveAuthors([dora])).toEqual({ [SHA_UNKNOWN]: 'dora' });
});

test.each([422, 404] as const)('unknown commit (%i): no mention, no failure', async (status) => {
  gh.unknownCommitStatus = status;
  const r = report({ sha: SHA_UNKNOWN, crash: { title: 'WARNING in kernel_thing' } });
  r.culprit!.author = { name: 'Linus T', email: 'torvalds@example.org' };
  const res = await publish([r]);
  expect(res.error).toBeNull();
  const issue = gh.realIssues()[0];
  expect(liveMentions(issue.body!)).toEqual([]);
  expect(issue.body).toContain('Linus T');
  expect(issue.body).toContain('The culprit commit is not on GitHub');
  // Asked alongside the commit (one round trip); GitHub's "unknown commit" answer is not an error.
  expect(gh.requests.filter((q) => q.route?.endsWith('/pulls'))).toHaveLength(1);
});

test('500s, secondary rate limits (403 and 429 with retry-after) are retried and succeed', async () => {
  gh.failLikeABadDay();
  gh.fault({ route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', status: 502 });
  const started = Date.now();
  const res = await publish([report()]);
  expect(res.error).toBeNull();
  expect(gh.realIssues()).toHaveLength(1);
  expect(gh.commentsOn(1)).toHaveLength(1);
  expect(gh.requests.filter((r) => r.fault)).toHaveLength(5);
  expect(logs.some((l) => /secondary rate limit/.test(l))).toBe(true);
  expect(Date.now() - started).toBeLessThan(5000);
});

test('primary rate limit exhausted: waits for x-ratelimit-reset when short', async () => {
  gh.fault({
    route: 'GET /repos/{owner}/{repo}/issues',
    status: 403,
    message: 'API rate limit exceeded for installation.',
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 2) },
  });
  const res = await publish([report()]);
  expect(res.error).toBeNull();
  expect(gh.realIssues()).toHaveLength(1);
});

test('missing permission: one clear line naming the permission and the permissions block', async () => {
  gh.tokens.set('ro', {
    login: 'github-actions[bot]',
    installation: true,
    issues: 'read',
    pullRequests: 'read',
  });
  const res = await publish([report()], { token: 'ro' });
  expect(res.error).toMatch(
    /^GitHub refused to create an issue \(403 Resource not accessible by integration\): the token lacks 'issues: write'\. Add "permissions: \{ contents: read, issues: write, pull-requests: write \}"/,
  );
  expect(res.error).not.toContain('\n');
  expect(res.error).not.toContain('ro');
  expect(gh.realIssues()).toHaveLength(0);
});

test('PR comment refused: names pull-requests: write', async () => {
  await publish([report()]); // the issue exists already
  gh.fault({
    route: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    status: 403,
    message: 'Resource not accessible by integration',
    headers: { 'x-accepted-github-permissions': 'issues=write; pull_requests=write' },
  });
  const res = await publish([report({ label: 'verified' })], {}, 2);
  expect(res.error).toMatch(/lacks 'issues: write or pull-requests: write'/);
});

test('dry-run: zero writes, prints exactly what it would write', async () => {
  const res = await publish([report()], { dryRun: true });
  expect(gh.writes).toBe(0);
  expect(gh.realIssues()).toHaveLength(0);
  const text = logs.join('\n');
  expect(text).toContain('[dry-run] would create an issue:');
  expect(text).toMatch(new RegExp(`\ntitle: .*${TITLE}.*${SHA_A.slice(0, 12)}`));
  expect(text).toContain('by **@alice**');
  expect(text).toContain('<!-- bisect-report v1 issue key=');
  expect(text).toContain('[dry-run] would comment on pull request #1:');
  expect(res.issues[0].action).toBe('would-create');
  // Without a token a dry run reads nothing either.
  gh.resetCounts();
  await publish([report()], { dryRun: true, token: '' });
  expect(gh.requests).toHaveLength(0);
});

test('read-only token on a fork pull request: no writes, a warning with the workflow_run pattern', async () => {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'br-event-'));
  const event = join(dir, 'event.json');
  writeFileSync(
    event,
    JSON.stringify({
      pull_request: {
        head: { repo: { full_name: 'mallory/widget' } },
        base: { repo: { full_name: 'acme/widget' } },
      },
    }),
  );
  const res = await publish([report()], {
    env: { BISECT_REPORT_WAIT_SCALE: '0.001', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event },
  });
  expect(res.error).toBeNull();
  expect(gh.writes).toBe(0);
  expect(logs.find((l) => l.startsWith('warning:'))).toMatch(/fork \(mallory\/widget\).*workflow_run/);
});

test('markers are only trusted from our own identity: a forged issue is ignored', async () => {
  // Create ours, then copy its marker into an issue by an outside contributor.
  await publish([report()]);
  const ours = gh.realIssues()[0];
  ours.state = 'closed';
  ours.state_reason = 'duplicate'; // out of the way
  gh.addIssue({ title: 'forged', body: ours.body!, user: 'mallory', labels: ['bisection'] });
  gh.resetCounts();
  await publish([report()], {}, 2);
  const forged = gh.realIssues().find((i) => i.user === 'mallory')!;
  expect(forged.body).toBe(ours.body); // untouched
  expect(gh.realIssues().filter((i) => i.user === 'github-actions[bot]' && i.state === 'open')).toHaveLength(
    1,
  );
});

test('10 concurrent runs on one key: exactly one issue ever created, one PR comment', async () => {
  gh.holdIssueLists(10);
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => publish([report()], {}, 100 + i)));
  expect(results.map((r) => r.error)).toEqual(Array(10).fill(null));
  // The race really happened: every run saw no issue and tried to claim the failure.
  expect(gh.requests.filter((r) => r.route === 'POST /repos/{owner}/{repo}/labels')).toHaveLength(10);
  expect(gh.realIssues()).toHaveLength(1);
  const open = openIssues();
  expect(open).toHaveLength(1);
  const keep = open[0].number;
  expect(new Set(results.map((r) => r.issues[0].number))).toEqual(new Set([keep]));
  expect(gh.commentsOn(1)).toHaveLength(1);
  expect(gh.commentsOn(keep)).toHaveLength(0);
});

test('100 logs, 20 distinct failures: one issue list per run, at most 6 requests per failure + 2', async () => {
  gh.validateResponses = false; // requests are still validated; response shapes are covered elsewhere
  const reports: Report[] = [];
  for (let f = 0; f < 20; f++) {
    const sha = (f.toString(16).padStart(2, '0') + 'c0ffee').repeat(5);
    gh.addCommit({
      sha,
      message: `m${f}`,
      authorName: `Dev ${f}`,
      authorEmail: `dev${f}@example.org`,
      login: `dev${f}`,
    });
    gh.addPull({ title: `PR ${f}`, user: `dev${f}`, state: 'closed', merged: true, commits: [sha] });
    for (let j = 0; j < 5; j++) {
      reports.push(
        report({
          source: `logs/job${j}/f${f}.txt`,
          sha,
          subject: `m${f}`,
          crash: { title: `BUG: failure number ${f}` },
        }),
      );
    }
  }
  const res = await publish(reports);
  expect(res.error).toBeNull();
  expect(gh.realIssues()).toHaveLength(20);
  const lists = gh.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/issues');
  expect(lists).toHaveLength(1); // once per run (the claims replaced the listing that checked for races)
  expect(gh.requests.length).toBeLessThanOrEqual(20 * 6 + 2);
  const first = gh.requests.length;
  gh.resetCounts();
  await publish(reports, {}, 2);
  expect(gh.writes).toBe(0);
  logs.push(`economy: fresh ${first}, re-run ${gh.requests.length}`);
  console.log(
    `100 logs / 20 failures: fresh run ${first} requests, identical re-run ${gh.requests.length} (all reads)`,
  );
});

/** Logins GitHub would notify: @name in text, outside links and code (GFM parse, not a regex on the raw text). */
function liveMentions(markdown: string): string[] {
  const found: string[] = [];
  const visit = (n: MdNode): void => {
    if (n.type === 'link' || n.type === 'inlineCode' || n.type === 'code' || n.type === 'html') return;
    if (n.type === 'text')
      for (const m of (n.value ?? '').matchAll(/(?:^|[^\w`])@([A-Za-z0-9][\w-]*)/g)) found.push(m[1]);
    for (const c of n.children ?? []) visit(c);
  };
  visit(parseMarkdown(markdown));
  return found;
}

function liveProblems(markdown: string): string[] {
  const problems: string[] = [];
  const tree = parseMarkdown(markdown);
  let htmlNodes = 0;
  walk(tree, (n: MdNode) => {
    if (n.type === 'html') {
      htmlNodes++;
      const ours = htmlNodes === 1 && /^<!-- bisect-report v1 /.test(n.value ?? '');
      // Our own layout tags are fine; anything else (an <img>, a comment) came from the log.
      if (!ours && !/^(<\/?(details|summary|sub|br)>[^<]*)+$/.test(n.value ?? ''))
        problems.push(`html: ${n.value}`);
    }
    if (n.type === 'image' || (n.type === 'link' && !/^http:\/\/127\.0\.0\.1:\d+\//.test(n.url ?? '')))
      problems.push(`${n.type}: ${n.url}`);
    if (n.type === 'text' && /(^|[^\w])@(everyone|torvalds)/.test(n.value ?? ''))
      problems.push(`mention: ${n.value}`);
  });
  if ((markdown.match(/<!--/g) ?? []).length > 1) problems.push('more than one HTML comment opener');
  return problems;
}

test('hostile crash title and commit subject: nothing live in the issue body or comments', async () => {
  const hostile = '@everyone @torvalds <img src=x> <!-- marker --> ```';
  const r = report({ subject: hostile, crash: { title: `BUG: ${hostile}` } });
  r.culprit!.author = { name: `@torvalds <img src=x>`, email: 'evil@example.org' };
  gh.commits.length = 0; // not on GitHub: the author name is printed
  await publish([r], { mentionAuthor: 'always' });
  const issue = gh.realIssues()[0];
  expect(issue.body).toContain('everyone'); // the text is there, only defused
  expect(issue.body).toContain('torvalds');
  expect(liveProblems(issue.body!)).toEqual([]);
  expect(liveMentions(issue.body!)).toEqual([]);
  expect(issue.title).not.toMatch(/@everyone|@torvalds/);
  // A conclusion change comment quoting the hostile text.
  await publish(
    [{ ...r, trust: { label: 'range', probability: 0.4, reasons: [] } }],
    { mentionAuthor: 'always' },
    2,
  );
  for (const c of gh.comments.values()) expect(liveProblems(c.body)).toEqual([]);
  expect(liveProblems(gh.issues.get(issue.number)!.body!)).toEqual([]);
});

test('GHES (API under /api/v3) and pagination of the issue list via Link headers', async () => {
  await gh.close();
  gh = new FakeGitHub({ prefix: '/api/v3' });
  await gh.start();
  gh.addCommit({
    sha: SHA_A,
    message: 's',
    authorName: 'Alice',
    authorEmail: 'alice@example.org',
    login: 'alice',
  });
  for (let i = 0; i < 150; i++)
    gh.addIssue({ title: `other ${i}`, body: 'not ours', user: 'bob', labels: ['bisection'] });
  const res = await publish([report()], { apiUrl: gh.api });
  expect(res.error).toBeNull();
  expect(res.issues[0].url).toBe(`${gh.url}/acme/widget/issues/151`);
  const lists = gh.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/issues').map((r) => r.path);
  // One listing (two pages); the claim replaced the second listing that checked for races.
  expect(lists.map((p) => new URL(p, gh.url).searchParams.get('page'))).toEqual(['1', '2']);
});

test('issue-key input: one issue for every log of the run; a fix bisection without a title finds it', async () => {
  const a = report({ crash: { title: 'BUG: one' } });
  const b = report({ sha: SHA_B, crash: { title: 'BUG: two' }, source: 'logs/b.txt' });
  await publish([a, b], { issueKey: 'nightly widget' });
  expect(gh.realIssues()).toHaveLength(1);
  expect(gh.realIssues()[0].body).toContain('Also seen in 1 other log');
  const fix = report({ direction: 'fix', sha: SHA_FIX, crash: null, label: 'verified' });
  await publish([fix], { issueKey: 'nightly widget', commentOnPr: false }, 2);
  expect(gh.realIssues()[0].state).toBe('closed');
  // Without the key a title-less fix bisection has nothing to go by and touches nothing.
  gh.resetCounts();
  await publish([fix], { commentOnPr: false }, 3);
  expect(gh.writes).toBe(0);
  expect(logs.some((l) => /set issue-key so a fix bisection finds its issue/.test(l))).toBe(true);
});

test('create-issue: false still comments on the PR, without an issue link', async () => {
  const res = await publish([report()], { createIssue: false });
  expect(res.error).toBeNull();
  expect(gh.realIssues()).toHaveLength(0);
  expect(gh.requests.some((r) => r.route === 'GET /repos/{owner}/{repo}/issues')).toBe(false);
  const [c] = gh.commentsOn(1);
  expect(c.body).not.toContain('[the issue]');
});

test('primary rate limit with a reset an hour away: fails fast with a clear line instead of waiting', async () => {
  gh.fault({
    route: 'GET /repos/{owner}/{repo}/issues',
    status: 403,
    message: 'API rate limit exceeded for installation.',
    headers: {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    },
  });
  const started = Date.now();
  const res = await publish([report()]);
  expect(Date.now() - started).toBeLessThan(3000);
  expect(res.error).toMatch(/^GitHub rate limit hit while trying to list issues \(resets at \d{4}-/);
  expect(gh.writes).toBe(0);
});

test('GitHub unreachable: a warning while resolving authors, then one clear error line', async () => {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve)); // nothing listens there now
  const res = await publish([report()], { apiUrl: `http://127.0.0.1:${port}` });
  expect(res.error).toMatch(/^Could not reach GitHub while trying to list issues: .*ECONNREFUSED/);
  expect(logs.filter((l) => l.startsWith('warning: Could not reach GitHub'))).toHaveLength(1);
});

test('labels dropped on create (token without push access): added explicitly so later runs find the issue', async () => {
  gh.dropLabelsOnCreate = true;
  await publish([report()]);
  expect(gh.realIssues()[0].labels).toEqual(['bisection', expect.stringMatching(/^bisect-report:/)]);
  gh.resetCounts();
  await publish([report()], {}, 2);
  expect(gh.writes).toBe(0);
  expect(gh.realIssues()).toHaveLength(1);
});
