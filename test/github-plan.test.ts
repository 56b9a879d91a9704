/** The publisher's decisions on plain objects: no server, no I/O (src/github/plan.ts). */
import { emptyReport, type Report, type TrustLabel } from '../src/model.js';
import type { RenderContext } from '../src/render/context.js';
import type { AuthorInfo } from '../src/github/authors.js';
import type { CommentItem, IssueItem } from '../src/github/client.js';
import { claimLabelFor, plan, settled, type GitHubState, type PlanOptions } from '../src/github/plan.js';
import { failureKey } from '../src/github/marker.js';

const SHA_A = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
const SHA_B = 'b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1';
const BOT = { login: 'github-actions[bot]', type: 'Bot', viaApp: true };
const MEMBER = { login: 'acme', type: 'User', viaApp: false };
const CTX: RenderContext = {
  serverUrl: 'https://github.com',
  repository: 'acme/widget',
  runUrl: 'https://github.com/acme/widget/actions/runs/1',
  authorLogins: {},
};
const OPTS: PlanOptions = {
  createIssue: true,
  commentOnPr: true,
  closeOnFix: true,
  mentionAuthor: 'auto',
  issueKey: '',
  labels: ['bisection'],
};

function report(over: Partial<Report> & { sha?: string; label?: TrustLabel } = {}): Report {
  const { sha = SHA_A, label = 'likely', ...rest } = over;
  return {
    ...emptyReport('logs/bisect.txt', 'syzkaller'),
    status: 'found',
    culprit: {
      sha,
      subject: 'widget: change',
      author: { name: 'Alice', email: 'alice@example.org' },
      date: null,
      files: [],
      merge: false,
      release: false,
    },
    crash: { title: 'KASAN: use-after-free in widget_release' },
    trust: { label, probability: 0.9, reasons: [] },
    ...rest,
  };
}

const alice: AuthorInfo = {
  login: 'alice',
  via: 'commit',
  onGitHub: true,
  pulls: [{ number: 7, login: 'alice', merged: true, url: 'https://github.com/acme/widget/pull/7' }],
};

function state(over: Partial<GitHubState> = {}): GitHubState {
  return {
    identity: null,
    issues: [],
    authors: { [SHA_A]: alice, [SHA_B]: alice },
    prComments: {},
    claims: {},
    now: 0,
    ...over,
  };
}

/** Runs plan → "apply" (turn creates into state) until settled, the way publish.ts does, claims won. */
function settle(reports: Report[], s: GitHubState, opts = OPTS) {
  let p = plan(reports, s, opts, CTX);
  for (let i = 0; i < 4 && !settled(p); i++) {
    for (const pr of p.needs.prComments) s.prComments[pr] ??= [];
    for (const c of p.needs.claims) s.claims[c] = 'won';
    p = plan(reports, s, opts, CTX);
  }
  return p;
}

/** The issue and PR comment a first run would leave, as GitHub would list them. */
function afterFirstRun(reports: Report[]): { issue: IssueItem; pr: CommentItem } {
  const p = settle(reports, state());
  const create = p.groups[0].actions.find((a) => a.kind === 'create-issue')!;
  const prc = p.groups[0].actions.find((a) => a.kind === 'create-pr-comment')!;
  if (create.kind !== 'create-issue' || prc.kind !== 'create-pr-comment') throw new Error('no create');
  return {
    issue: {
      number: 10,
      open: true,
      stateReason: null,
      title: create.title,
      body: create.body,
      url: 'https://github.com/acme/widget/issues/10',
      createdAt: 0,
      user: BOT,
      labels: create.labels,
      isPull: false,
    },
    pr: { id: 99, body: prc.body, user: BOT },
  };
}

const kinds = (p: ReturnType<typeof plan>): string[] => p.groups.flatMap((g) => g.actions.map((a) => a.kind));

test('fresh failure: claim and read the PR first, then create the issue and the PR comment together', () => {
  const s = state();
  const first = plan([report()], s, OPTS, CTX);
  expect(first.needs).toEqual({
    prComments: [7],
    claims: [claimLabelFor(failureKey(report(), '')!, 0)],
    waitFor: [],
  });
  const p = settle([report()], s);
  expect(kinds(p).sort()).toEqual(['create-issue', 'create-pr-comment']);
  const create = p.groups[0].actions[0];
  expect(create.kind === 'create-issue' && create.labels).toEqual([
    'bisection',
    expect.stringMatching(/^bisect-report:/),
  ]);
  expect(create.reason).toBe('no issue for this failure yet');
});

test('identical re-run: nothing to do', () => {
  const { issue, pr } = afterFirstRun([report()]);
  const p = settle([report()], state({ issues: [issue], prComments: { 7: [pr] } }));
  expect(kinds(p)).toEqual([]);
  expect(p.groups[0].outcome.action).toBe('unchanged');
});

test('changed culprit: body update, a change comment with cc, PR comment updated', () => {
  const { issue, pr } = afterFirstRun([report()]);
  const p = settle([report({ sha: SHA_B })], state({ issues: [issue], prComments: { 7: [pr] } }));
  expect(kinds(p)).toEqual(['update-issue', 'comment', 'update-pr-comment']);
  const comment = p.groups[0].actions[1];
  expect(comment.kind === 'comment' && comment.mention).toBe('alice');
});

test('same conclusion, other details: body update only', () => {
  const { issue, pr } = afterFirstRun([report()]);
  const p = settle(
    [report({ source: 'logs/other.txt' })],
    state({ issues: [issue], prComments: { 7: [pr] } }),
  );
  expect(kinds(p)).toEqual(['update-issue']);
});

test('fix bisection: comment, then close as completed', () => {
  const { issue } = afterFirstRun([report()]);
  const fix = report({ direction: 'fix', sha: SHA_B });
  const p = settle([fix], state({ issues: [issue] }), { ...OPTS, commentOnPr: false });
  expect(p.groups[0].actions.map((a) => [a.kind, a.kind === 'close-issue' ? a.stateReason : null])).toEqual([
    ['comment', null],
    ['close-issue', 'completed'],
  ]);
});

test('closed by a person: identical evidence stays closed, new evidence reopens with a reason; not planned never', () => {
  const { issue, pr } = afterFirstRun([report()]);
  const closed = { ...issue, open: false, stateReason: 'completed' };
  const same = settle([report()], state({ issues: [closed], prComments: { 7: [pr] } }));
  expect(kinds(same)).toEqual([]);
  expect(same.groups[0].outcome.action).toBe('left-closed');
  const changed = settle([report({ sha: SHA_B })], state({ issues: [closed], prComments: { 7: [pr] } }));
  expect(kinds(changed).slice(0, 2)).toEqual(['reopen-issue', 'comment']);
  const notPlanned = settle(
    [report({ sha: SHA_B })],
    state({ issues: [{ ...closed, stateReason: 'not_planned' }], prComments: { 7: [pr] } }),
  );
  expect(notPlanned.groups[0].outcome.action).toBe('left-closed');
});

test("a member's copies of our issue and PR comment are not ours: a new issue is claimed, the copy untouched", () => {
  const { issue, pr } = afterFirstRun([report()]);
  const p = plan(
    [report()],
    state({ issues: [{ ...issue, user: MEMBER }], prComments: { 7: [{ ...pr, user: MEMBER }] } }),
    OPTS,
    CTX,
  );
  expect(p.needs.claims).toHaveLength(1);
  const s = state({ issues: [{ ...issue, user: MEMBER }], prComments: { 7: [{ ...pr, user: MEMBER }] } });
  const done = settle([report()], s);
  expect(kinds(done).sort()).toEqual(['create-issue', 'create-pr-comment']);
});

test('claim lost: wait, never create an issue or a PR comment; stale claim: create', () => {
  const label = claimLabelFor(failureKey(report(), '')!, 0);
  const lost = plan([report()], state({ claims: { [label]: 'lost' }, prComments: { 7: [] } }), OPTS, CTX);
  expect(lost.needs.waitFor).toEqual([label]);
  expect(kinds(lost)).toEqual([]);
  const stale = plan([report()], state({ claims: { [label]: 'stale' }, prComments: { 7: [] } }), OPTS, CTX);
  expect(kinds(stale).sort()).toEqual(['create-issue', 'create-pr-comment']);
});

test("claim lost, then the winner's issue appears before its PR comment: the loser posts no PR comment", () => {
  // The 20-way race's flake: a loser read the PR's comments between the winner's two POSTs.
  const { issue } = afterFirstRun([report()]);
  const label = claimLabelFor(failureKey(report(), '')!, 0);
  const loser = plan(
    [report()],
    state({ issues: [issue], claims: { [label]: 'lost' }, prComments: { 7: [] } }),
    OPTS,
    CTX,
  );
  expect(settled(loser)).toBe(true);
  expect(kinds(loser)).toEqual([]);
  // A later run (no claim lost) creates the PR comment the winner may have failed to post.
  expect(kinds(settle([report()], state({ issues: [issue], prComments: { 7: [] } })))).toEqual([
    'create-pr-comment',
  ]);
});

test('gave up (another waiting run took the filing over): nothing to do, settled, says why', () => {
  const label = claimLabelFor(failureKey(report(), '')!, 0);
  const p = plan([report()], state({ claims: { [label]: 'gave-up' }, prComments: { 7: [] } }), OPTS, CTX);
  expect(settled(p)).toBe(true);
  expect(kinds(p)).toEqual([]);
  expect(p.info.some((l) => /took its filing over/.test(l))).toBe(true);
});

test('weak evidence: issue without a ping and no PR comment; mention-author always pings', () => {
  const weak = settle([report({ label: 'unreliable' })], state());
  expect(kinds(weak)).toEqual(['create-issue']);
  expect(weak.info.some((l) => /Not commenting on pull request #7/.test(l))).toBe(true);
  const always = settle([report({ label: 'unreliable' })], state(), { ...OPTS, mentionAuthor: 'always' });
  expect(kinds(always).sort()).toEqual(['create-issue', 'create-pr-comment']);
});

test('dry run with GitHub unreachable (issues unknown): plans the create without a claim', () => {
  const p = plan([report()], state({ issues: null, prComments: { 7: [] } }), OPTS, CTX);
  expect(p.needs.claims).toEqual([]);
  expect(kinds(p).sort()).toEqual(['create-issue', 'create-pr-comment']);
});

test('old duplicates left by interrupted runs are closed; young ones are left to their run', () => {
  const { issue, pr } = afterFirstRun([report()]);
  const dup = { ...issue, number: 11, createdAt: 0 };
  const old = settle(
    [report()],
    state({ issues: [issue, dup], prComments: { 7: [pr] }, now: 11 * 60 * 1000 }),
  );
  expect(kinds(old)).toEqual(['comment', 'close-issue']);
  const young = settle([report()], state({ issues: [issue, dup], prComments: { 7: [pr] }, now: 60 * 1000 }));
  expect(kinds(young)).toEqual([]);
});
