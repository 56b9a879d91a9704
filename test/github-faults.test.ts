/**
 * Reliability of the publisher against a fault-injecting fake GitHub (issue 17): creates applied and
 * then answered 5xx, broken 200 answers, 429/403 wordings with retry-after, hangs, other people's
 * items carrying a copied marker, a person's edits and closes, and a dry run with GitHub unreachable.
 */
import { emptyReport, type Report, type TrustLabel } from '../src/model.js';
import type { PublishOptions, PublishResult } from '../src/github/types.js';
import { FakeGitHub } from './fake-github/server.js';
import { publisherOptions, publishWith } from './helpers/publisher.js';
import { fakeSha } from './fake-github/logs.js';
import { parseMarkdown, type MdNode } from './helpers/markdown.js';

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

function publish(
  reports: Report[],
  over: Partial<PublishOptions> = {},
  run = 1,
  env: NodeJS.ProcessEnv = {},
): Promise<PublishResult> {
  const options = publisherOptions(gh.url, logs, {
    env: { BISECT_REPORT_WAIT_SCALE: '0.001', ...env },
    ...over,
  });
  return publishWith(options, reports, run);
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

describe("performed_via_github_app: whose items are the action's own", () => {
  const APP = { id: 4242, slug: 'bisect-bot', name: 'Bisect bot' };

  test('items made with GITHUB_TOKEN carry the GitHub Actions app, as GitHub reports them', async () => {
    await publish([report()]);
    const { Octokit } = await import('@octokit/rest');
    const octokit = new Octokit({ auth: 'ghs_faketoken', baseUrl: gh.url });
    const [issue] = (
      await octokit.rest.issues.listForRepo({
        owner: 'acme',
        repo: 'widget',
        labels: 'bisection',
        state: 'all',
      })
    ).data;
    expect(issue.user?.login).toBe('github-actions[bot]');
    expect(issue.performed_via_github_app?.slug).toBe('github-actions');
    const prComment = (
      await octokit.rest.issues.listComments({ owner: 'acme', repo: 'widget', issue_number: 1 })
    ).data[0];
    expect(prComment.performed_via_github_app?.slug).toBe('github-actions');
  });

  test("a GitHub App's own token: its re-run finds its issue at once (no claim wait, no second issue)", async () => {
    gh.addUser('bisect-bot[bot]', 'Bot');
    gh.tokens.set('ghs_apptoken', {
      login: 'bisect-bot[bot]',
      installation: true,
      issues: 'write',
      pullRequests: 'write',
      app: APP,
    });
    await publish([report()], { token: 'ghs_apptoken' });
    const started = Date.now();
    const again = await publish([report({ label: 'verified' })], { token: 'ghs_apptoken' }, 2);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(again.issues[0].action).toBe('commented');
    expect(gh.realIssues()).toHaveLength(1);
  });

  test('a person acting through an app (user-to-server) with a copied marker is not the action', async () => {
    await publish([report()]);
    const ours = gh.realIssues()[0];
    ours.state = 'closed';
    ours.state_reason = 'duplicate';
    const copy = gh.addIssue({
      title: 'copy',
      body: ours.body!,
      user: 'acme',
      labels: ['bisection'],
      viaApp: APP,
    });
    await publish([report({ label: 'verified' })], {}, 2);
    expect(gh.issues.get(copy.number)!.body).toBe(ours.body);
    expect(gh.issues.get(copy.number)!.state).toBe('open');
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

describe('mention-only-reachable-from: only culprits reachable from the ref are pinged', () => {
  const ROOT = fakeSha('root');
  /** A commit pushed to a fork with Bob's e-mail: GitHub serves it through the repository and links it to bob. */
  const FORGED = fakeSha('forged');

  beforeEach(() => {
    gh.addCommit({ sha: ROOT, message: 'init', authorName: 'r', authorEmail: 'r@example.org', login: null });
    gh.commits.find((c) => c.sha === SHA_A)!.parents = [ROOT];
    gh.commits.find((c) => c.sha === SHA_B)!.parents = [ROOT];
    gh.addCommit({
      sha: FORGED,
      message: 'm',
      authorName: 'Bob',
      authorEmail: 'bob@example.org',
      login: 'bob',
      parents: [SHA_A],
    });
    gh.refs.set('main', SHA_A);
  });

  const compares = (): number =>
    gh.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/compare/{basehead}').length;

  test('reachable: pinged and the PR commented on, the check asked before any write', async () => {
    const res = await publish([report({ label: 'verified' })], { mentionReachableFrom: 'main' });
    expect(res.error).toBeNull();
    expect(liveMentions(gh.realIssues()[0].body!)).toEqual(['alice']);
    expect(gh.commentsOn(1)).toHaveLength(1);
    expect(compares()).toBe(1);
    // Asked with the commit look-up, before anything is written (round trips: github-action.test.ts).
    const firstWrite = gh.requests.findIndex((r) => r.write);
    expect(gh.requests.findIndex((r) => r.route?.includes('/compare/'))).toBeLessThan(firstWrite);
  });

  test('not reachable (a fork-only commit with a forged e-mail): named, not pinged, no PR comment, says why', async () => {
    gh.addPull({ title: 'fork PR', user: 'bob', state: 'open', merged: false, commits: [FORGED] });
    const res = await publish([report({ sha: FORGED, label: 'verified' })], { mentionReachableFrom: 'main' });
    expect(res.error).toBeNull();
    const body = gh.realIssues()[0].body!;
    expect(liveMentions(body)).toEqual([]);
    expect(body).toContain(
      'not pinged: the commit is not reachable from `main` (mention-only-reachable-from)',
    );
    expect([...gh.comments.values()]).toHaveLength(0);
    expect(
      logs.some((l) => /^Not commenting on pull request #\d+: the commit is not reachable/.test(l)),
    ).toBe(true);
  });

  test('an unknown ref, an unknown commit named via author-map, or a failed check: nobody pinged', async () => {
    await publish([report({ label: 'verified' })], { mentionReachableFrom: 'release-9' });
    expect(liveMentions(gh.realIssues()[0].body!)).toEqual([]);
    expect(gh.realIssues()[0].body).toContain('could not compare the commit with `release-9`');

    for (const i of gh.realIssues()) gh.issues.delete(i.number);
    gh.labels.clear(); // the claim labels went with the issues
    const unknown = fakeSha('not on github');
    await publish([report({ sha: unknown, label: 'verified' })], {
      mentionReachableFrom: 'main',
      authorMap: { 'alice@example.org': 'alice' },
    });
    expect(liveMentions(gh.realIssues()[0].body!)).toEqual([]);

    for (const i of gh.realIssues()) gh.issues.delete(i.number);
    gh.labels.clear(); // the claim labels went with the issues
    gh.fault({ route: 'GET /repos/{owner}/{repo}/compare/{basehead}', status: 502, times: 10 });
    const res = await publish([report({ label: 'verified' })], { mentionReachableFrom: 'main' });
    expect(res.error).toBeNull();
    expect(liveMentions(gh.realIssues()[0].body!)).toEqual([]);
    expect(gh.realIssues()[0].body).toContain('it could not be checked that the commit is reachable');
    expect(logs.some((l) => /^warning: .*check that 1a2b3c4d5e6f is reachable from main/.test(l))).toBe(true);
  });

  test('without the input the forged commit pings its "author" (the risk the input removes)', async () => {
    await publish([report({ sha: FORGED, label: 'verified' })]);
    expect(liveMentions(gh.realIssues()[0].body!)).toEqual(['bob']);
    expect(compares()).toBe(0);
  });

  test('the fake answers compare like GitHub: behind, identical, ahead, diverged', async () => {
    const { Octokit } = await import('@octokit/rest');
    const octokit = new Octokit({ auth: 'ghs_faketoken', baseUrl: gh.url });
    const status = async (basehead: string): Promise<string> =>
      (await octokit.rest.repos.compareCommitsWithBasehead({ owner: 'acme', repo: 'widget', basehead })).data
        .status;
    expect(await status(`main...${ROOT}`)).toBe('behind');
    expect(await status(`main...${SHA_A}`)).toBe('identical');
    expect(await status(`main...${FORGED}`)).toBe('ahead');
    expect(await status(`main...${SHA_B}`)).toBe('diverged');
    await expect(status(`nope...${SHA_A}`)).rejects.toMatchObject({ status: 404 });
  });
});

describe('messages say what happened (issue 17, items 10 and 12)', () => {
  const MISLEADING = /#undefined|Spread syntax|is not iterable|repository does not exist/;

  test.each(['object', 'truncated'] as const)(
    'a pull request list answered with %s: a broken answer, not a missing repository',
    async (body) => {
      gh.fault({
        route: 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
        status: 200,
        when: 'after',
        body,
        times: 5,
      });
      const res = await publish([report()]);
      const said = [...logs, res.error ?? ''].join('\n');
      expect(said).toMatch(/pull requests of 1a2b3c4d5e6f is not what GitHub sends/);
      expect(said).not.toMatch(MISLEADING);
      expect(gh.requests.some((r) => /\/issues\/\/|undefined/.test(r.path))).toBe(false);
    },
  );

  test('an issue list answered with an object: says so, no "Spread syntax"', async () => {
    gh.fault({ route: 'GET /repos/{owner}/{repo}/issues', status: 200, when: 'after', body: 'object' });
    const res = await publish([report()]);
    expect(res.error).toBe(
      "Unusable answer while trying to list issues: GitHub's answer to the issue list is not what GitHub sends (not a JSON array)",
    );
    expect(res.error).not.toMatch(MISLEADING);
  });

  test('an issue deleted between the list and the update: the issue is gone, not the repository', async () => {
    await publish([report()]);
    gh.fault({
      route: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      status: 404,
      message: 'Not Found',
    });
    const res = await publish([report({ sha: SHA_B })], {}, 2);
    expect(res.error).toMatch(/^GitHub answered 404 while trying to update issue #3: #3 no longer exists/);
    expect(res.error).not.toMatch(MISLEADING);
  });

  test('an author-map login pinged for a commit GitHub does not know: no "not pinged" beside it', async () => {
    const unknown = fakeSha('bisected elsewhere');
    await publish([report({ sha: unknown, label: 'verified' })], {
      authorMap: { 'alice@example.org': 'alice' },
    });
    const body = gh.realIssues()[0].body!;
    expect(liveMentions(body)).toEqual(['alice']);
    expect(body).not.toMatch(/not pinged/);
    // Without a login to ping, the note stays.
    for (const i of gh.realIssues()) gh.issues.delete(i.number);
    gh.labels.clear();
    await publish([report({ sha: unknown, label: 'verified' })]);
    expect(gh.realIssues()[0].body).toContain(
      'The culprit commit is not on GitHub, so its author is named but not pinged.',
    );
  });
});

test("a range result (no culprit) files the failure's issue, naming the range and pinging nobody", async () => {
  const ranged = report({
    status: 'range',
    culprit: null,
    trust: null,
    range: { firstGood: 'nightly-2024-03-01', firstBad: 'nightly-2024-03-04', commits: 57 },
  });
  const res = await publish([ranged]);
  expect(res.error).toBeNull();
  const issues = gh.realIssues();
  expect(issues).toHaveLength(1);
  expect(issues[0].title).toContain('narrowed to a range');
  expect(issues[0].body).toMatch(/nightly-2024-03-01.*nightly-2024-03-04/s);
  expect(liveMentions(issues[0].body!)).toEqual([]);
  expect([...gh.comments.values()]).toHaveLength(0);
  expect(res.issues[0]).toMatchObject({ action: 'created', number: issues[0].number });
  // Same range again: nothing written. A culprit found later: the same issue, updated with a comment.
  gh.resetCounts();
  await publish([ranged], {}, 2);
  expect(gh.writes).toBe(0);
  const found = await publish([report({ label: 'verified' })], {}, 3);
  expect(found.issues[0]).toMatchObject({ action: 'commented', number: issues[0].number });
  expect(gh.realIssues()).toHaveLength(1);
});

describe('a run that claimed a failure and died before filing it', () => {
  const deadClaim = async (): Promise<void> => {
    // What a run cancelled between its claim and its POST /issues leaves: the label, no issue.
    const { claimLabelFor } = await import('../src/github/plan.js');
    const { failureKey } = await import('../src/github/marker.js');
    gh.labels.set(claimLabelFor(failureKey(report(), '')!, 0), {
      id: 1,
      name: claimLabelFor(failureKey(report(), '')!, 0),
      color: 'ededed',
      description: null,
    });
  };
  const FAST_CLAIMS = { BISECT_REPORT_CLAIM_WAIT_SCALE: '0.001' };

  test('one later run files the issue after waiting', async () => {
    await deadClaim();
    const res = await publish([report()], {}, 2, FAST_CLAIMS);
    expect(res.error).toBeNull();
    expect(gh.realIssues()).toHaveLength(1);
    expect(logs.filter((l) => /filed no issue within .* filing it now/.test(l))).toHaveLength(1);
  });

  test('three waiting runs: one takes the filing over, the others file nothing (before: one issue each)', async () => {
    await deadClaim();
    gh.holdIssueLists(3);
    const results = await Promise.all([2, 3, 4].map((run) => publish([report()], {}, run, FAST_CLAIMS)));
    expect(results.map((r) => r.error)).toEqual([null, null, null]);
    expect(gh.requests.filter((r) => r.route === 'POST /repos/{owner}/{repo}/issues')).toHaveLength(1);
    expect(gh.realIssues()).toHaveLength(1);
    expect(logs.filter((l) => /filing it now/.test(l))).toHaveLength(1);
    expect(logs.filter((l) => /took its filing over/.test(l)).length).toBeGreaterThanOrEqual(1);
    expect(gh.commentsOn(1)).toHaveLength(1);
  });
});

describe('a person deleted the issue the action filed (its claim label stays, as on GitHub)', () => {
  /** Time passes: the claims the fake holds were made `hours` earlier than their labels say. */
  const age = (hours: number): void => {
    for (const l of gh.labels.values()) {
      l.description = (l.description ?? '').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, (t) =>
        new Date(Date.parse(t) - hours * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      );
    }
  };
  const deleteFiledIssue = (): number => {
    const issue = gh.realIssues().find((i) => i.body?.startsWith('<!-- bisect-report v1 issue'))!;
    gh.deleteIssue(issue.number);
    return issue.number;
  };
  const refiled = (l: string) =>
    /no issue carries the claim \(deleted, or that run stopped\): filing it now/.test(l);

  test('a later run files it again at once (no claim wait), and again after a second deletion', async () => {
    await publish([report()]);
    const deleted = deleteFiledIssue();
    age(1);
    const started = Date.now();
    // Real claim waits (about 51 s in all) unless the run sees the claim is older than that.
    const res = await publish([report()], {}, 2);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(res.error).toBeNull();
    expect(gh.realIssues().map((i) => i.number)).not.toContain(deleted);
    expect(gh.realIssues()).toHaveLength(1);
    expect(logs.filter(refiled)).toHaveLength(1);

    // Deleted again a day later: the first takeover's claim is not in the way.
    deleteFiledIssue();
    age(24);
    await publish([report()], {}, 3);
    expect(gh.realIssues()).toHaveLength(1);
    expect(logs.filter(refiled)).toHaveLength(2);
  });

  const takeoverLabels = (): string[] => [...gh.labels.keys()].filter((l) => l.includes('+'));
  const claimLabels = (): string[] => [...gh.labels.keys()].filter((l) => l.startsWith('bisect-report:'));

  test("the takeover label is deleted once the issue is filed: none pile up, a person's labels stay", async () => {
    gh.addIssue({
      title: 'unrelated',
      body: 'mine',
      user: 'bob',
      labels: ['triaged', 'bisect-report:mine+x'],
    });
    await publish([report()]);
    for (const [run, hours] of [
      [2, 1],
      [3, 24],
      [4, 48],
    ]) {
      deleteFiledIssue();
      age(hours);
      const res = await publish([report()], {}, run);
      expect(res.error).toBeNull();
      const issue = gh.realIssues().find((i) => i.user !== 'bob')!;
      // The claim label the issue carries stays (later runs find the claim taken and the issue with it).
      expect(issue.labels.filter((l) => l.startsWith('bisect-report:'))).toHaveLength(1);
    }
    expect(logs.filter(refiled)).toHaveLength(3);
    expect(gh.requests.filter((r) => r.route === 'DELETE /repos/{owner}/{repo}/labels/{name}')).toHaveLength(
      3,
    );
    expect(takeoverLabels()).toEqual(['bisect-report:mine+x']);
    expect(claimLabels()).toHaveLength(2); // the claim and the person's look-alike
    expect(gh.labels.has('triaged')).toBe(true);
  });

  test.each([
    [404, 'already gone', 0],
    [500, 'GitHub fails', 1],
  ])(
    'deleting the takeover label answered %i (%s): logged at most, the run succeeds',
    async (status, _what, lines) => {
      await publish([report()]);
      deleteFiledIssue();
      age(1);
      gh.fault({ route: 'DELETE /repos/{owner}/{repo}/labels/{name}', status, times: 10 });
      const res = await publish([report()], {}, 2);
      expect(res.error).toBeNull();
      expect(gh.realIssues()).toHaveLength(1);
      expect(logs.filter(refiled)).toHaveLength(1);
      expect(logs.filter((l) => /Could not delete the spent takeover label/.test(l))).toHaveLength(lines);
      expect(logs.filter((l) => l.startsWith('warning:'))).toEqual([]);
    },
  );

  test('two runs racing after the deletion file one issue', async () => {
    await publish([report()]);
    deleteFiledIssue();
    age(1);
    gh.holdIssueLists(2);
    const results = await Promise.all([2, 3].map((run) => publish([report()], {}, run)));
    expect(results.map((r) => r.error)).toEqual([null, null]);
    expect(gh.realIssues()).toHaveLength(1);
    expect(logs.filter(refiled)).toHaveLength(1);
    expect(takeoverLabels()).toEqual([]);
  });

  test('a claim younger than the wait is a filing under way: waited on, not taken over at once', async () => {
    await publish([report()]);
    deleteFiledIssue();
    // A wait of 2.6 s in all: the claim, made a moment ago, is younger.
    await publish([report()], {}, 2, { BISECT_REPORT_CLAIM_WAIT_SCALE: '0.05' });
    expect(gh.realIssues()).toHaveLength(1);
    expect(logs.filter(refiled)).toHaveLength(0);
    expect(logs.filter((l) => /filed no issue within .* filing it now/.test(l))).toHaveLength(1);
  });

  test('GitHub answers 410 Gone for the deleted issue and leaves its labels', async () => {
    await publish([report()]);
    const labels = gh.labels.size;
    const deleted = deleteFiledIssue();
    const res = await fetch(`${gh.url}/repos/acme/widget/issues/${deleted}`, {
      headers: { authorization: 'token ghs_faketoken' },
    });
    expect(res.status).toBe(410);
    expect(gh.labels.size).toBe(labels);
    expect(gh.realIssues()).toHaveLength(0);
  });
});
