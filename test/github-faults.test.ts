/**
 * Reliability of the publisher against a fault-injecting fake GitHub (issue 17): creates applied and
 * then answered 5xx, broken 200 answers, 429/403 wordings with retry-after, hangs, other people's
 * items carrying a copied marker, a person's edits and closes, and a dry run with GitHub unreachable.
 */
import { emptyReport, type Report, type TrustLabel } from '../src/model.js';
import type { RenderContext } from '../src/render/context.js';
import { createPublisher } from '../src/github/publish.js';
import type { PublishOptions, PublishResult } from '../src/github/types.js';
import { FakeGitHub } from './fake-github/server.js';

const SHA_A = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
const SHA_B = 'b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1';
const TITLE = 'KASAN: use-after-free Read in widget_release';

let gh: FakeGitHub;
let logs: string[];

function report(over: Partial<Report> & { sha?: string; label?: TrustLabel } = {}): Report {
  const { sha = SHA_A, label = 'likely', ...rest } = over;
  return {
    ...emptyReport('logs/bisect.txt', 'syzkaller'),
    status: 'found',
    culprit: {
      sha,
      subject: sha === SHA_A ? 'widget: free the cache early' : 'widget: reorder teardown',
      author: { name: 'Alice Liddell', email: 'alice@example.org' },
      date: null,
      files: [],
      merge: false,
      release: false,
    },
    crash: { title: TITLE },
    trust: { label, probability: label === 'likely' ? 0.9 : 0.5, reasons: [] },
    ...rest,
  };
}

async function publish(
  reports: Report[],
  over: Partial<PublishOptions> = {},
  run = 1,
  env: NodeJS.ProcessEnv = {},
): Promise<PublishResult> {
  const pub = createPublisher({
    token: 'ghs_faketoken',
    owner: 'acme',
    repo: 'widget',
    apiUrl: gh.url,
    createIssue: true,
    labels: ['bisection'],
    issueKey: '',
    mentionAuthor: 'auto',
    commentOnPr: true,
    authorMap: {},
    closeOnFix: true,
    dryRun: false,
    info: (m) => logs.push(m),
    warning: (m) => logs.push(`warning: ${m}`),
    env: { BISECT_REPORT_WAIT_SCALE: '0.001', ...env },
    ...over,
  });
  const ctx: RenderContext = {
    serverUrl: gh.url,
    repository: 'acme/widget',
    runUrl: `${gh.url}/acme/widget/actions/runs/${run}`,
    authorLogins: {},
  };
  ctx.authorLogins = await pub.resolveAuthors(reports);
  return pub.apply(reports, ctx);
}

beforeEach(async () => {
  logs = [];
  gh = new FakeGitHub();
  await gh.start();
  for (const [sha, login] of [
    [SHA_A, 'alice'],
    [SHA_B, 'bob'],
  ]) {
    gh.addCommit({ sha, message: 'm', authorName: login, authorEmail: `${login}@example.org`, login });
    gh.addPull({ title: `PR by ${login}`, user: login, state: 'closed', merged: true, commits: [sha] });
  }
});

afterEach(async () => {
  await gh.close();
  expect(gh.violations).toEqual([]);
});

describe('creates GitHub applied but answered 5xx are not repeated', () => {
  test.each([
    ['issue', 'POST /repos/{owner}/{repo}/issues'],
    ['PR comment', 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ])('%s: applied, then 502', async (_what, route) => {
    gh.fault({ route, status: 502, when: 'after' });
    const res = await publish([report()]);
    expect(res.error).toBeNull();
    expect(gh.realIssues()).toHaveLength(1);
    expect(gh.commentsOn(1)).toHaveLength(1);
  });

  test('change comment: applied, then 502 → one comment, one cc', async () => {
    await publish([report()]);
    const number = gh.realIssues()[0].number;
    gh.fault({
      route: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      status: 502,
      when: 'after',
    });
    const res = await publish([report({ sha: SHA_B })], { commentOnPr: false }, 2);
    expect(res.error).toBeNull();
    expect(gh.commentsOn(number)).toHaveLength(1);
  });

  test('a 200 cut short after the issue was made: adopted, not made twice', async () => {
    gh.fault({ route: 'POST /repos/{owner}/{repo}/issues', status: 200, when: 'after', body: 'truncated' });
    const res = await publish([report()]);
    expect(res.error).toBeNull();
    expect(gh.realIssues()).toHaveLength(1);
  });
});

describe('a broken 200 is an error, never "no issues"', () => {
  test.each(['truncated', 'html', 'empty'] as const)('issue list: %s', async (body) => {
    await publish([report()]);
    gh.fault({ route: 'GET /repos/{owner}/{repo}/issues', status: 200, when: 'after', body });
    const res = await publish([report({ sha: SHA_B })], {}, 2);
    expect(res.error).toMatch(/not what GitHub sends/);
    expect(res.error).not.toContain('\n');
    expect(gh.realIssues()).toHaveLength(1);
  });

  test.each(['truncated', 'html', 'empty'] as const)('PR comments and PR list: %s', async (body) => {
    gh.fault({
      route: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      status: 200,
      when: 'after',
      body,
    });
    const res = await publish([report()]);
    expect(res.error).toMatch(/not what GitHub sends/);
    expect(gh.commentsOn(1)).toHaveLength(0);
    expect(gh.requests.some((r) => /\/issues\/\/comments|undefined/.test(r.path))).toBe(false);
  });
});

describe('rate limits worded any way GitHub words them are waited on', () => {
  test.each([
    [429, 'Too many requests'],
    [403, 'You have triggered an abuse detection mechanism. Please wait a few minutes before you try again.'],
    [403, 'You have exceeded a secondary rate limit.'],
  ])('%i %s', async (status, message) => {
    gh.fault({
      route: 'POST /repos/{owner}/{repo}/issues',
      status,
      message,
      headers: { 'retry-after': '2' },
    });
    const started = Date.now();
    const res = await publish([report()]);
    expect(res.error).toBeNull();
    expect(gh.realIssues()).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a secondary-limit error does not quote the primary reset time', async () => {
    gh.fault({
      route: 'POST /repos/{owner}/{repo}/issues',
      status: 403,
      message: 'You have exceeded a secondary rate limit.',
      headers: { 'retry-after': '3600' },
    });
    const res = await publish([report()]);
    expect(res.error).toMatch(/secondary rate limit/);
    expect(res.error).not.toMatch(/resets at/);
  });
});

describe("only the action's own items are touched", () => {
  test("a member's issue and PR comment with copied markers are left alone", async () => {
    await publish([report()]);
    const ours = gh.realIssues()[0];
    const prComment = gh.commentsOn(1)[0];
    // Copies by a member of the organisation (OWNER association).
    const copy = gh.addIssue({ title: 'copy', body: ours.body!, user: 'acme', labels: ['bisection'] });
    const copied = gh.addComment(1, 'acme', prComment.body);
    ours.state = 'closed';
    ours.state_reason = 'duplicate';
    gh.comments.delete(prComment.id);
    await publish([report({ sha: SHA_A, label: 'verified' })], {}, 2);
    expect(gh.issues.get(copy.number)!.body).toBe(ours.body);
    expect(gh.issues.get(copy.number)!.state).toBe('open');
    expect(gh.comments.get(copied.id)!.body).toBe(prComment.body);
    expect(
      gh.realIssues().filter((i) => i.user === 'github-actions[bot]' && i.state === 'open'),
    ).toHaveLength(1);
  });
});

test('an identical re-run never reopens an issue a person closed; changed evidence does, saying why', async () => {
  await publish([report()]);
  const issue = gh.realIssues()[0];
  issue.state = 'closed';
  issue.state_reason = 'completed';
  gh.resetCounts();
  const same = await publish([report()], {}, 2);
  expect(same.issues[0].action).toBe('left-closed');
  expect(gh.writes).toBe(0);
  expect(logs.some((l) => /same evidence; leaving it closed/.test(l))).toBe(true);
  const changed = await publish([report({ sha: SHA_B })], {}, 3);
  expect(changed.issues[0].action).toBe('reopened');
  expect(gh.commentsOn(issue.number).at(-1)!.body).toMatch(/different evidence/);
});

test("a person's text around the action's block and a title they changed survive a changed re-run", async () => {
  await publish([report()]);
  const issue = gh.realIssues()[0];
  issue.body = `${issue.body}\n\nTriage: assigned to the widget team.\n`;
  issue.title = 'widget: use-after-free (triaged)';
  const pr = gh.commentsOn(1)[0];
  pr.body = `${pr.body}\nPS from a maintainer.\n`;
  await publish([report({ label: 'verified' })], {}, 2);
  expect(issue.body).toContain('Triage: assigned to the widget team.');
  expect(issue.body).toContain('**verified**');
  expect(issue.body.match(/<sub>Filed by bisect-report/g)).toHaveLength(1);
  expect(issue.title).toBe('widget: use-after-free (triaged)');
  expect(gh.commentsOn(1)[0].body).toContain('PS from a maintainer.');
});

test('dry run with a token and GitHub unreachable: says what it would do, quickly', async () => {
  await gh.close();
  const started = Date.now();
  const res = await publish([report()], { dryRun: true, apiUrl: 'http://127.0.0.1:9' });
  expect(Date.now() - started).toBeLessThan(3000);
  expect(res.error).toBeNull();
  expect(res.issues[0].action).toBe('would-create');
  expect(logs.some((l) => l.startsWith('[dry-run] would create an issue:'))).toBe(true);
  expect(logs.filter((l) => l.startsWith('warning: Could not reach GitHub'))).toHaveLength(1);
  gh = new FakeGitHub();
  await gh.start();
});
