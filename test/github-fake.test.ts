/** The fake GitHub itself: it must reject what the real API would not document and answer realistically. */
import { FakeGitHub } from './fake-github/server.js';

let gh: FakeGitHub;
const call = async (
  method: string,
  path: string,
  body?: unknown,
  token = 'ghs_faketoken',
): Promise<Response> =>
  fetch(gh.url + path, {
    method,
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeEach(async () => {
  gh = new FakeGitHub();
  await gh.start();
});
afterEach(async () => {
  await gh.close();
});

test('documented requests get realistic, schema-valid answers', async () => {
  gh.addCommit({ sha: 'a'.repeat(40), message: 'x: y', authorName: 'A', authorEmail: 'a@x', login: 'alice' });
  const pr = gh.addPull({
    title: 'Add y',
    user: 'alice',
    state: 'closed',
    merged: true,
    commits: ['a'.repeat(40)],
  });
  let r = await call('POST', '/repos/acme/widget/issues', { title: 't', body: 'b', labels: ['bisection'] });
  expect(r.status).toBe(201);
  const issue = (await r.json()) as {
    number: number;
    user: { login: string; type: string };
    html_url: string;
  };
  expect(issue.user).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' });
  expect(issue.html_url).toBe(`${gh.url}/acme/widget/issues/${issue.number}`);
  expect(gh.labels.has('bisection')).toBe(true);
  r = await call('GET', '/repos/acme/widget/issues?labels=bisection&state=all&per_page=100');
  expect(((await r.json()) as unknown[]).length).toBe(1);
  r = await call('GET', `/repos/acme/widget/commits/${'a'.repeat(40)}`);
  expect(((await r.json()) as { author: { login: string } }).author.login).toBe('alice');
  r = await call('GET', `/repos/acme/widget/commits/${'a'.repeat(40)}/pulls`);
  expect(((await r.json()) as { number: number }[])[0].number).toBe(pr.number);
  r = await call('POST', `/repos/acme/widget/issues/${pr.number}/comments`, { body: 'hi' });
  expect(r.status).toBe(201);
  const c = (await r.json()) as { id: number };
  r = await call('PATCH', `/repos/acme/widget/issues/comments/${c.id}`, { body: 'hi again' });
  expect(r.status).toBe(200);
  r = await call('PATCH', `/repos/acme/widget/issues/${issue.number}`, {
    state: 'closed',
    state_reason: 'duplicate',
  });
  expect(((await r.json()) as { state_reason: string }).state_reason).toBe('duplicate');
  expect(gh.violations).toEqual([]);
  expect(gh.reads).toBe(3);
  expect(gh.writes).toBe(4);
});

test('undocumented or malformed requests are refused and recorded', async () => {
  expect((await call('GET', '/repos/acme/widget/no-such-thing')).status).toBe(404);
  expect((await call('POST', '/repos/acme/widget/issues', { body: 'no title' })).status).toBe(422);
  expect((await call('PATCH', '/repos/acme/widget/issues/1', { state: 'gone' })).status).toBe(422);
  expect((await call('GET', '/repos/acme/widget/issues?bogus=1')).status).toBe(422);
  expect((await call('GET', '/repos/acme/widget/issues/abc/comments')).status).toBe(422);
  expect(gh.violations.length).toBe(5);
  gh.violations.length = 0;
});

test('pagination follows Link headers; unknown commits answer 422 like GitHub', async () => {
  for (let i = 0; i < 5; i++) gh.addIssue({ title: `i${i}`, body: '', user: 'bob', labels: ['l'] });
  const r = await call('GET', '/repos/acme/widget/issues?labels=l&per_page=2');
  expect(r.headers.get('link')).toMatch(/page=2>; rel="next".*page=3>; rel="last"/);
  const u = await call('GET', `/repos/acme/widget/commits/${'b'.repeat(40)}`);
  expect(u.status).toBe(422);
  expect(((await u.json()) as { message: string }).message).toMatch(/No commit found for SHA/);
  expect((await call('GET', '/repos/acme/widget/issues', undefined, 'wrong')).status).toBe(401);
  expect(gh.violations).toEqual([]);
});

test('faults and permissions', async () => {
  gh.fault({ route: 'POST /repos/{owner}/{repo}/issues', status: 500, times: 1 });
  expect((await call('POST', '/repos/acme/widget/issues', { title: 't' })).status).toBe(500);
  expect((await call('POST', '/repos/acme/widget/issues', { title: 't' })).status).toBe(201);
  gh.tokens.set('ro', {
    login: 'github-actions[bot]',
    installation: true,
    issues: 'read',
    pullRequests: 'read',
  });
  const r = await call('POST', '/repos/acme/widget/issues', { title: 't' }, 'ro');
  expect(r.status).toBe(403);
  expect(r.headers.get('x-accepted-github-permissions')).toBe('issues=write');
  expect((await call('GET', '/user')).status).toBe(403);
  expect(gh.violations).toEqual([]);
});

test('the response check is real: a response missing required fields is caught', async () => {
  const { openApiValidator } = await import('./fake-github/openapi.js');
  const v = openApiValidator();
  expect(v.validateResponse('GET /repos/{owner}/{repo}/issues', 200, [{ number: 1 }]).length).toBeGreaterThan(
    0,
  );
  expect(
    v.validateResponse('PATCH /repos/{owner}/{repo}/issues/{issue_number}', 200, { state: 'open' }),
  ).not.toEqual([]);
});
