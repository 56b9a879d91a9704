/**
 * The issue title of a project test's failure whose line varies from run to run (a duration, a
 * temporary path, the run number): the issue key drops what varies, and so does the decision to
 * rewrite the title. Runs of one failure keep the title the first one set (no title PATCH every run);
 * a new conclusion still retitles; a title a person wrote stays theirs, however many runs follow.
 */
import { emptyReport, type Report, type TrustLabel } from '../src/model.js';
import { FakeGitHub } from './fake-github/server.js';
import { publisherOptions, publishWith } from './helpers/publisher.js';

const SHA_A = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
const SHA_B = 'b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1';

let gh: FakeGitHub;
let logs: string[];

/** A `git bisect run` of a project test, as `bisect-report run` reports it. */
function report(
  failure: string,
  over: { sha?: string; label?: TrustLabel; runs?: number; probability?: number } = {},
): Report {
  const { sha = SHA_A, label = 'likely', runs = 3 } = over;
  const probability = over.probability ?? (label === 'likely' ? 0.9 : 0.99);
  return {
    ...emptyReport('logs/bisect.log', 'git-bisect-run'),
    status: 'found',
    testCommand: `bisect-report run --runs ${runs} -- ./test.sh`,
    culprit: {
      sha,
      subject: sha === SHA_A ? 'token: cache the parsed header' : 'token: reorder teardown',
      author: { name: 'Alice Liddell', email: 'alice@example.org' },
      date: null,
      files: [],
      merge: false,
      release: false,
    },
    crash: { title: failure },
    trust: { label, probability, reasons: [] },
  };
}

const failureOfRun = (run: number, ms: number): string =>
  `FAIL: token truncated after ${ms}ms in /tmp/tok-${4000 + run * 7}.json (run ${run})`;

const publish = (reports: Report[], run: number) => publishWith(publisherOptions(gh.url, logs), reports, run);

/** The titles sent in PATCHes of issues (absent when a PATCH leaves the title alone). */
const titlePatches = (): unknown[] =>
  gh.requests
    .filter((r) => r.route === 'PATCH /repos/{owner}/{repo}/issues/{issue_number}')
    .map((r) => (r.body as { title?: unknown }).title)
    .filter((t) => t !== undefined);

beforeEach(async () => {
  logs = [];
  gh = new FakeGitHub();
  await gh.start();
  gh.addCommit({
    sha: SHA_A,
    message: 'm',
    authorName: 'alice',
    authorEmail: 'alice@example.org',
    login: 'alice',
  });
  gh.addCommit({ sha: SHA_B, message: 'm', authorName: 'bob', authorEmail: 'bob@example.org', login: 'bob' });
});

afterEach(async () => {
  await gh.close();
  expect(gh.violations).toEqual([]);
});

test('runs of one failure whose line varies: one issue, its first title kept, no title PATCH', async () => {
  await publish([report(failureOfRun(1, 35))], 1);
  const [issue] = gh.realIssues();
  const first = issue.title;
  expect(first).toContain('FAIL: token truncated after 35ms');

  // More runs per commit and another failure line: the evidence changes, the failure does not.
  const res = await publish([report(failureOfRun(2, 41), { runs: 5, probability: 0.93 })], 2);
  expect(res.error).toBeNull();
  expect(res.issues[0].action).toBe('updated');
  await publish([report(failureOfRun(3, 1200))], 3);
  // Only the failure line differs from the last run: the issue shows nothing of it, so nothing is sent.
  const writes = gh.writes;
  const same = await publish([report(failureOfRun(4, 7))], 4);
  expect(same.issues[0].action).toBe('unchanged');
  expect(gh.writes).toBe(writes);

  expect(gh.realIssues()).toHaveLength(1);
  expect(
    gh.requests.filter((r) => r.route === 'PATCH /repos/{owner}/{repo}/issues/{issue_number}').length,
  ).toBeGreaterThan(0);
  expect(titlePatches()).toEqual([]);
  expect(issue.title).toBe(first);
});

test('a new conclusion (another culprit) still retitles the issue, with the new failure line', async () => {
  await publish([report(failureOfRun(1, 35))], 1);
  const [issue] = gh.realIssues();
  await publish([report(failureOfRun(2, 41), { sha: SHA_B })], 2);
  expect(titlePatches()).toHaveLength(1);
  expect(issue.title).toContain(SHA_B.slice(0, 12));
  expect(issue.title).toContain('after 41ms');
  // …and from there it is kept again while only the varying parts change.
  await publish([report(failureOfRun(3, 50), { sha: SHA_B, runs: 7 })], 3);
  expect(titlePatches()).toHaveLength(1);
});

test('a title a person wrote survives every later run, changed conclusions included', async () => {
  await publish([report(failureOfRun(1, 35))], 1);
  const [issue] = gh.realIssues();
  issue.title = 'token: truncation on bad commits (triaged)';
  await publish([report(failureOfRun(2, 41), { label: 'verified' })], 2);
  await publish([report(failureOfRun(3, 44), { sha: SHA_B })], 3);
  await publish([report(failureOfRun(4, 47), { sha: SHA_A, runs: 9 })], 4);
  expect(gh.realIssues()).toHaveLength(1);
  expect(issue.title).toBe('token: truncation on bad commits (triaged)');
  expect(titlePatches()).toEqual([]);
});

test('an issue filed by an earlier version (no title signature in its marker) is retitled once, then kept', async () => {
  await publish([report(failureOfRun(1, 35))], 1);
  const [issue] = gh.realIssues();
  // Its digest was of the title with the failure line as it was: another line made another digest.
  issue.body = issue
    .body!.replace(/ titlesig=[0-9a-f]{8}/, '')
    .replace(/digest=[0-9a-f]{16}/, `digest=${'0'.repeat(16)}`);
  await publish([report(failureOfRun(2, 41), { runs: 5 })], 2);
  await publish([report(failureOfRun(3, 44))], 3);
  expect(titlePatches()).toHaveLength(1);
  expect(issue.title).toContain('after 41ms');
});
