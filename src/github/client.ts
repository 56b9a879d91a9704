/**
 * The one place that talks HTTP to GitHub: the official toolkit's client (`@actions/github`
 * `getOctokit`: GHES base URL from GITHUB_API_URL, proxies through `@actions/http-client` with its
 * NO_PROXY rules) with the throttling and retry plugins configured through their documented, typed
 * options. main.ts imports the publisher (and so this module) only when it publishes.
 *
 * Every answer is checked against the shape the caller relies on: a 200 whose body is empty, cut
 * short, HTML or of the wrong type is an error (`MalformedAnswerError`), never an empty list.
 * Creates (POST) are never retried blindly: GitHub may have applied one that timed out or answered
 * 5xx; the publisher looks for what it made before trying again.
 */
import { getOctokit } from '@actions/github';
import { throttling } from '@octokit/plugin-throttling';
import { retry } from '@octokit/plugin-retry';
import { RequestError } from '@octokit/request-error';
import type { Endpoints } from '@octokit/types';
import Bottleneck from 'bottleneck/light.js';
import type { PullInfo } from './authors.js';

export interface ClientOptions {
  token: string;
  owner: string;
  repo: string;
  /** REST base URL: GITHUB_API_URL (GHES: https://host/api/v3) or https://api.github.com. */
  apiUrl: string;
  dryRun: boolean;
  warning: (message: string) => void;
  /**
   * Multiplies every wait (retry backoff, rate-limit waits, write spacing). 1 in production;
   * tests set BISECT_REPORT_WAIT_SCALE=0.001 so a `retry-after: 1` costs a millisecond.
   */
  waitScale?: number;
  /** Longest rate-limit wait (seconds) worth sitting out; longer ones fail the run. */
  maxWaitSeconds?: number;
  /** Longest silence before an attempt is abandoned (ms). */
  timeoutMs?: number;
}

/** The author of an issue or comment, as much as we need to know whether it is our own. */
export interface Actor {
  login: string | null;
  type: string | null;
  /** Set when a GitHub App (GitHub Actions for GITHUB_TOKEN) performed the action. */
  viaApp: boolean;
}

export interface IssueItem {
  number: number;
  open: boolean;
  stateReason: string | null;
  title: string;
  body: string;
  url: string;
  createdAt: number;
  user: Actor;
  labels: string[];
  isPull: boolean;
}

export interface CommentItem {
  id: number;
  body: string;
  user: Actor;
}

export interface RequestCounts {
  reads: number;
  writes: number;
}

/** An answer that is not what GitHub sends (empty, truncated, HTML, wrong type). */
export class MalformedAnswerError extends Error {
  override name = 'MalformedAnswerError';
}

/** Thrown (never sent) when dry-run code paths would write. */
export class DryRunWriteError extends Error {}

export interface GitHubApi {
  readonly counts: RequestCounts;
  /** The commit's GitHub author login (null when not linked); 'unknown' when GitHub lacks the commit. */
  commitAuthor(sha: string): Promise<{ login: string | null } | 'unknown'>;
  pullsForCommit(sha: string): Promise<PullInfo[] | 'unknown'>;
  /**
   * Whether `sha` is reachable from `ref` (is the ref's commit or one of its ancestors): GET
   * compare/{ref}...{sha} answers `behind` or `identical`. 'unknown' when GitHub knows neither.
   */
  isReachable(ref: string, sha: string): Promise<boolean | 'unknown'>;
  /** The token's own login (PATs only; installation tokens cannot ask). */
  viewer(): Promise<string | null>;
  listIssues(labels: string[]): Promise<IssueItem[]>;
  listComments(issue: number): Promise<CommentItem[]>;
  createIssue(p: { title: string; body: string; labels: string[] }): Promise<IssueItem>;
  updateIssue(
    number: number,
    p: {
      title?: string;
      body?: string;
      state?: 'open' | 'closed';
      state_reason?: 'completed' | 'not_planned' | 'duplicate' | 'reopened';
    },
  ): Promise<IssueItem>;
  addLabels(number: number, labels: string[]): Promise<string[]>;
  createComment(issue: number, body: string): Promise<CommentItem>;
  updateComment(id: number, body: string): Promise<CommentItem>;
  /** true when this call created the label, false when it already existed (422 already_exists). */
  createLabel(name: string, description: string): Promise<boolean>;
  /** The label's description ('' when it has none), or null when there is no such label. */
  labelDescription(name: string): Promise<string | null>;
  setLabelDescription(name: string, description: string): Promise<void>;
  /** Deletes a repository label (from every issue carrying it); false when there was none (404). */
  deleteLabel(name: string): Promise<boolean>;
  /** false when GitHub answers that the issue was deleted (410) or does not exist (404). */
  issueExists(number: number): Promise<boolean>;
}

export function waitScaleFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env.BISECT_REPORT_WAIT_SCALE);
  return Number.isFinite(raw) && raw >= 0 && raw <= 1 ? raw : 1;
}

// ---- shape checks -------------------------------------------------------------------------------

type Json = Record<string, unknown>;

/** The list endpoints read page by page; each page's body is still checked (`list`), never trusted. */
type ListRoute =
  | 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls'
  | 'GET /repos/{owner}/{repo}/issues'
  | 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';

function fail(what: string, why: string): never {
  throw new MalformedAnswerError(`GitHub's answer to ${what} is not what GitHub sends (${why})`);
}

function obj(v: unknown, what: string): Json {
  if (typeof v === 'string') {
    const kind = v.trim() === '' ? 'an empty body' : /^\s*</.test(v) ? 'HTML' : 'cut short or not JSON';
    fail(what, kind);
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(what, 'not a JSON object');
  return v as Json;
}

function list(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) {
    if (typeof v === 'string') obj(v, what); // says which kind of garbage
    fail(what, 'not a JSON array');
  }
  return v;
}

function num(o: Json, k: string, what: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) fail(what, `no valid ${k}`);
  return v;
}

function str(o: Json, k: string, what: string): string {
  const v = o[k];
  if (typeof v !== 'string') fail(what, `no ${k}`);
  return v;
}

function optStr(o: Json, k: string): string | null {
  const v = o[k];
  return typeof v === 'string' ? v : null;
}

function actor(v: unknown, viaApp: unknown): Actor {
  const u = v && typeof v === 'object' ? (v as Json) : {};
  return {
    login: optStr(u, 'login'),
    type: optStr(u, 'type'),
    viaApp: viaApp !== null && viaApp !== undefined,
  };
}

function issueItem(v: unknown, what: string): IssueItem {
  const o = obj(v, what);
  const state = str(o, 'state', what);
  return {
    number: num(o, 'number', what),
    open: state === 'open',
    stateReason: optStr(o, 'state_reason'),
    title: str(o, 'title', what),
    body: optStr(o, 'body') ?? '',
    url: str(o, 'html_url', what),
    createdAt: Date.parse(str(o, 'created_at', what)),
    user: actor(o.user, o.performed_via_github_app),
    labels: (Array.isArray(o.labels) ? o.labels : []).map((l) =>
      typeof l === 'string' ? l : String((l as Json)?.name ?? ''),
    ),
    isPull: o.pull_request !== undefined && o.pull_request !== null,
  };
}

function commentItem(v: unknown, what: string): CommentItem {
  const o = obj(v, what);
  return {
    id: num(o, 'id', what),
    body: optStr(o, 'body') ?? '',
    user: actor(o.user, o.performed_via_github_app),
  };
}

// ---- the client -----------------------------------------------------------------------------------

/** Answers with a retry-after that the throttling plugin does not recognise (429, 403 "abuse detection"). */
function limitWait(err: unknown): number | null {
  if (!(err instanceof RequestError)) return null;
  const headers = (err.response?.headers ?? {}) as Record<string, string | undefined>;
  const after = Number(headers['retry-after']);
  if (!Number.isFinite(after) || after < 0) return null;
  if (err.status === 429) return after;
  if (err.status === 403 && /abuse|secondary rate|rate limit/i.test(err.message)) return after;
  return null;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function createClient(opts: ClientOptions): GitHubApi {
  const scale = opts.waitScale ?? 1;
  const maxWait = opts.maxWaitSeconds ?? 120;
  const timeoutMs = opts.timeoutMs ?? (opts.dryRun ? 5_000 : 20_000);
  const counts: RequestCounts = { reads: 0, writes: 0 };
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
      const retryable = !opts.dryRun && retryCount < 3 && retryAfter <= maxWait;
      opts.warning(
        `GitHub ${kind} rate limit on ${options.method} ${options.url}: ` +
          (retryable ? `retrying in ${retryAfter}s` : `giving up (GitHub asks to wait ${retryAfter}s)`),
      );
      return retryable;
    };

  /**
   * Innermost (so per attempt, under the retry plugin): counts every attempt, refuses writes in
   * dry-run, and abandons an attempt after `timeoutMs` of waiting (a hung GitHub must not hold the run).
   */
  const attempts = (octokit: { hook: { wrap: (n: 'request', fn: never) => void } }): void => {
    const wrap = async (
      request: (o: unknown) => Promise<unknown>,
      options: { method: string; url: string; request?: Record<string, unknown> },
    ): Promise<unknown> => {
      const method = options.method.toUpperCase();
      if (method !== 'GET' && method !== 'HEAD') {
        if (opts.dryRun) throw new DryRunWriteError(`dry-run: refused to send ${method} ${options.url}`);
        counts.writes++;
      } else counts.reads++;
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      timer.unref();
      try {
        // In place: Octokit's inner hooks (auth) keep the options object they were called with.
        options.request = { ...options.request, signal: abort.signal };
        return await request(options);
      } catch (err) {
        // 408 is in doNotRetry: a GitHub that hangs once is not waited on again (issue: minutes lost).
        if (abort.signal.aborted)
          throw new RequestError(`no answer within ${timeoutMs / 1000} s (ETIMEDOUT)`, 408, {
            request: options as never,
          });
        throw err;
      } finally {
        clearTimeout(timer);
      }
    };
    octokit.hook.wrap('request', wrap as never);
  };

  // GitHub's guidance: no concurrent writes in bulk, about a second between them. A run sends a few
  // writes; a bucket of 5 lets those go at once and spaces out the bulk (e.g. 20 failures in one run).
  const bucket = (perSecond: number): Bottleneck.Group =>
    new Bottleneck.Group({
      maxConcurrent: 2,
      reservoir: 5,
      reservoirIncreaseAmount: 1,
      reservoirIncreaseInterval: Math.max(1, Math.round((1000 / perSecond) * scale)),
      reservoirIncreaseMaximum: 5,
    });

  const octokit = getOctokit(
    opts.token,
    {
      baseUrl: opts.apiUrl.replace(/\/+$/, ''),
      userAgent: 'bisect-report',
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      throttle: {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        retryAfterBaseValue: 1000 * scale,
        Bottleneck,
        write: bucket(1),
        notifications: bucket(1 / 3),
      },
      retry: {
        // A dry run says what it would do at once rather than waiting for an unreachable GitHub.
        enabled: !opts.dryRun,
        retryAfterBaseValue: 1000 * scale,
        // 4xx are final answers (rate limits are the throttling plugin's and limitWait's business).
        doNotRetry: [400, 401, 403, 404, 408, 409, 410, 422, 429, 451],
      },
    },
    attempts as never,
    throttling,
    retry,
  );

  // Outermost: 429 and 403 "abuse detection" answers with retry-after, which the throttling plugin
  // leaves alone unless worded "secondary rate limit", are waited on too (bounded).
  octokit.hook.wrap('request', async (request, options) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(options);
      } catch (err) {
        const after = limitWait(err);
        if (after === null || attempt >= 2 || after > maxWait || opts.dryRun) throw err;
        opts.warning(`GitHub asked to slow down (${(err as RequestError).status}): retrying in ${after}s`);
        await sleep(after * 1000 * scale);
      }
    }
  });

  const noRetry = { request: { retries: 0 } };
  const repoOf = (): { owner: string; repo: string } => ({ owner: opts.owner, repo: opts.repo });

  async function pages<R extends ListRoute, T>(
    what: string,
    route: R,
    params: Omit<Endpoints[R]['parameters'], 'per_page' | 'page'>,
    each: (v: unknown) => T,
  ): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; page <= 100; page++) {
      // Callers' parameters are checked against the route above; the generic call itself is untyped.
      const res = await octokit.request(route as string, { ...params, per_page: 100, page });
      const items = list(res.data, what);
      out.push(...items.map(each));
      const link = String((res.headers as Record<string, unknown>).link ?? '');
      if (!/rel="next"/.test(link) || items.length === 0) break;
    }
    return out;
  }

  const unknownCommit = (err: unknown): boolean =>
    err instanceof RequestError && (err.status === 404 || err.status === 422 || err.status === 409);

  return {
    counts,
    async commitAuthor(sha) {
      const what = `GET commit ${sha.slice(0, 12)}`;
      try {
        const res = await octokit.rest.repos.getCommit({ ...repoOf(), ref: sha });
        const o = obj(res.data, what);
        const author = o.author && typeof o.author === 'object' ? (o.author as Json) : null;
        return { login: author ? optStr(author, 'login') : null };
      } catch (err) {
        if (unknownCommit(err)) return 'unknown';
        throw err;
      }
    },
    async pullsForCommit(sha) {
      const what = `GET pull requests of ${sha.slice(0, 12)}`;
      try {
        return await pages(
          what,
          'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
          { ...repoOf(), commit_sha: sha },
          (v) => {
            const o = obj(v, what);
            const user = o.user && typeof o.user === 'object' ? (o.user as Json) : {};
            return {
              number: num(o, 'number', what),
              login: optStr(user, 'login'),
              merged: typeof o.merged_at === 'string',
              url: str(o, 'html_url', what),
            };
          },
        );
      } catch (err) {
        if (unknownCommit(err)) return 'unknown';
        throw err;
      }
    },
    async isReachable(ref, sha) {
      const what = `GET compare ${ref}...${sha.slice(0, 12)}`;
      try {
        // per_page=1: only the status is needed, not the commit list.
        const res = await octokit.rest.repos.compareCommitsWithBasehead({
          ...repoOf(),
          basehead: `${ref}...${sha}`,
          per_page: 1,
        });
        const status = str(obj(res.data, what), 'status', what);
        if (!['ahead', 'behind', 'identical', 'diverged'].includes(status)) fail(what, `status ${status}`);
        return status === 'behind' || status === 'identical';
      } catch (err) {
        if (unknownCommit(err)) return 'unknown';
        throw err;
      }
    },
    async viewer() {
      const res = await octokit.rest.users.getAuthenticated();
      return str(obj(res.data, 'GET /user'), 'login', 'GET /user');
    },
    listIssues(labels) {
      const what = 'the issue list';
      return pages(
        what,
        'GET /repos/{owner}/{repo}/issues',
        { ...repoOf(), labels: labels.join(','), state: 'all', sort: 'created', direction: 'asc' },
        (v) => issueItem(v, what),
      );
    },
    listComments(issue) {
      const what = `the comments of #${issue}`;
      return pages(
        what,
        'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
        { ...repoOf(), issue_number: issue },
        (v) => commentItem(v, what),
      );
    },
    async createIssue(p) {
      const res = await octokit.rest.issues.create({ ...repoOf(), ...p, ...noRetry });
      return issueItem(res.data, 'creating an issue');
    },
    async updateIssue(number, p) {
      const res = await octokit.rest.issues.update({ ...repoOf(), issue_number: number, ...p });
      return issueItem(res.data, `updating #${number}`);
    },
    async addLabels(number, labels) {
      const res = await octokit.rest.issues.addLabels({ ...repoOf(), issue_number: number, labels });
      return list(res.data, `labelling #${number}`).map((l) => str(obj(l, 'a label'), 'name', 'a label'));
    },
    async createComment(issue, body) {
      const res = await octokit.rest.issues.createComment({
        ...repoOf(),
        issue_number: issue,
        body,
        ...noRetry,
      });
      return commentItem(res.data, `commenting on #${issue}`);
    },
    async updateComment(id, body) {
      const res = await octokit.rest.issues.updateComment({ ...repoOf(), comment_id: id, body });
      return commentItem(res.data, `updating comment ${id}`);
    },
    async createLabel(name, description) {
      try {
        await octokit.rest.issues.createLabel({
          ...repoOf(),
          name,
          description,
          color: 'ededed',
          ...noRetry,
        });
        return true;
      } catch (err) {
        if (err instanceof RequestError && err.status === 422) return false;
        throw err;
      }
    },
    async labelDescription(name) {
      const what = `GET label ${name}`;
      try {
        const res = await octokit.rest.issues.getLabel({ ...repoOf(), name });
        return optStr(obj(res.data, what), 'description') ?? '';
      } catch (err) {
        if (err instanceof RequestError && err.status === 404) return null;
        throw err;
      }
    },
    async setLabelDescription(name, description) {
      const res = await octokit.rest.issues.updateLabel({ ...repoOf(), name, description });
      obj(res.data, `updating label ${name}`);
    },
    async deleteLabel(name) {
      try {
        await octokit.rest.issues.deleteLabel({ ...repoOf(), name });
        return true;
      } catch (err) {
        if (err instanceof RequestError && err.status === 404) return false;
        throw err;
      }
    },
    async issueExists(number) {
      try {
        const res = await octokit.rest.issues.get({ ...repoOf(), issue_number: number });
        obj(res.data, `GET issue #${number}`);
        return true;
      } catch (err) {
        if (err instanceof RequestError && (err.status === 404 || err.status === 410)) return false;
        throw err;
      }
    },
  };
}
