/**
 * A stateful fake of the GitHub REST endpoints bisect-report uses, on 127.0.0.1 and a random port.
 * Every request is checked against GitHub's OpenAPI description; anything undocumented or malformed
 * is answered 400/404 and recorded in `violations`, which each test asserts to be empty.
 * Faults (5xx, rate limits, missing permissions) can be injected per route.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openApiValidator, type OpenApiValidator } from './openapi.js';

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface FakeCommit {
  sha: string;
  message: string;
  authorName: string;
  authorEmail: string;
  /** GitHub account linked to the author e-mail, or null (commit.author is then null). */
  login: string | null;
  /** Parent shas (none: a root commit); compare walks them. */
  parents?: string[];
}

/** A GitHub App, as `performed_via_github_app` shows it. */
export interface FakeApp {
  id: number;
  slug: string;
  name: string;
}

/** The app GITHUB_TOKEN belongs to (its real id on github.com). */
export const ACTIONS_APP: FakeApp = { id: 15368, slug: 'github-actions', name: 'GitHub Actions' };

export interface FakePull {
  number: number;
  title: string;
  user: string;
  state: 'open' | 'closed';
  merged: boolean;
  commits: string[];
}

export interface FakeLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface FakeIssue {
  number: number;
  id: number;
  title: string;
  body: string | null;
  user: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  pull: FakePull | null;
  comments: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** The app whose installation token made it; null for a personal token or a person. */
  via_app: FakeApp | null;
}

export interface FakeComment {
  id: number;
  issue: number;
  user: string;
  body: string;
  created_at: string;
  updated_at: string;
  via_app: FakeApp | null;
}

export interface TokenGrant {
  login: string;
  /** Installation tokens (GITHUB_TOKEN) cannot call GET /user. */
  installation: boolean;
  issues: 'read' | 'write';
  pullRequests: 'read' | 'write';
  /**
   * The app an installation token belongs to: what it makes shows `performed_via_github_app`
   * (GitHub's own answers for GITHUB_TOKEN do); null for a personal token.
   */
  app?: FakeApp | null;
}

export interface RecordedRequest {
  method: string;
  path: string;
  route: string | null;
  status: number;
  write: boolean;
  body: unknown;
  /** Answered by an injected fault rather than the fake's state. */
  fault: boolean;
  /** When the request arrived and when its answer was sent (ms, monotonic); end is null while hung. */
  start: number;
  end: number | null;
}

export interface Fault {
  /** Route like "POST /repos/{owner}/{repo}/issues"; omitted = any request. */
  route?: string;
  /**
   * before (default): answered instead of the request. after: the request is applied, then this
   * answer replaces GitHub's (a create that "failed" but exists). hang: never answered.
   */
  when?: 'before' | 'after' | 'hang';
  /** A broken 200: the real answer cut in half, an HTML error page, nothing at all, or `{}` for a list. */
  body?: 'truncated' | 'html' | 'empty' | 'object';
  status: number;
  /** How many matching requests it answers (default 1). */
  times?: number;
  headers?: Record<string, string>;
  message?: string;
}

const ISSUE_PERMISSION_ROUTES = new Set([
  'POST /repos/{owner}/{repo}/issues',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
  'POST /repos/{owner}/{repo}/labels',
  'PATCH /repos/{owner}/{repo}/labels/{name}',
  'DELETE /repos/{owner}/{repo}/labels/{name}',
]);

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  url = '';
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly commits: FakeCommit[] = [];
  readonly pulls: FakePull[] = [];
  readonly issues = new Map<number, FakeIssue>();
  readonly comments = new Map<number, FakeComment>();
  readonly labels = new Map<string, FakeLabel>();
  /** Issues a person deleted: gone from every list, answered 410 Gone; their labels stay, as on GitHub. */
  readonly deletedIssues = new Set<number>();
  readonly tokens = new Map<string, TokenGrant>();
  /** Branches and tags → commit sha (what compare resolves besides shas). */
  readonly refs = new Map<string, string>();
  /** Answer unknown commits with 404 instead of GitHub's usual 422 "No commit found for SHA". */
  unknownCommitStatus: 404 | 422 = 422;
  /** Drop labels named on a new issue, as GitHub does for tokens without push access. */
  dropLabelsOnCreate = false;
  /** Check our own responses against the documented response schemas too. */
  validateResponses = true;
  /** Delay before every answer, like the network to GitHub (makes round trips measurable). */
  latencyMs = 0;

  private readonly validator: OpenApiValidator;
  private server: Server | null = null;
  private faults: (Fault & { left: number })[] = [];
  private nextNumber = 1;
  private nextId = 1000;
  private clock = Date.parse('2024-05-01T12:00:00Z');
  private held: {
    count: number;
    until: number;
    waiting: (() => void)[];
    timer: NodeJS.Timeout | null;
  } | null = null;

  /** GHES serves the REST API under /api/v3; empty for github.com. */
  readonly prefix: string;

  constructor(opts: { owner?: string; repo?: string; prefix?: string } = {}) {
    this.prefix = opts.prefix ?? '';
    this.owner = opts.owner ?? 'acme';
    this.repo = opts.repo ?? 'widget';
    this.validator = openApiValidator();
    this.addUser('github-actions[bot]', 'Bot');
    this.tokens.set('ghs_faketoken', {
      login: 'github-actions[bot]',
      installation: true,
      issues: 'write',
      pullRequests: 'write',
      app: ACTIONS_APP,
    });
  }

  // ---- state set-up ----------------------------------------------------------------------------

  addUser(login: string, type: 'User' | 'Bot' = 'User'): FakeUser {
    const u = { login, id: this.users.size + 1, type };
    this.users.set(login, u);
    return u;
  }

  addCommit(c: FakeCommit): void {
    if (c.login && !this.users.has(c.login)) this.addUser(c.login);
    this.commits.push(c);
  }

  /** A pull request takes the next issue number, as on GitHub (issues and PRs share numbers). */
  addPull(p: Omit<FakePull, 'number'>): FakePull {
    if (!this.users.has(p.user)) this.addUser(p.user);
    const pull = { ...p, number: this.nextNumber++ };
    this.pulls.push(pull);
    const now = this.now();
    this.issues.set(pull.number, {
      number: pull.number,
      id: this.nextId++,
      title: pull.title,
      body: null,
      user: pull.user,
      state: pull.state,
      state_reason: null,
      labels: [],
      pull,
      comments: 0,
      created_at: now,
      updated_at: now,
      closed_at: pull.state === 'closed' ? now : null,
      via_app: null,
    });
    return pull;
  }

  /** An issue created by someone else (e.g. a forger), for matching tests. */
  addIssue(i: {
    title: string;
    body: string;
    user: string;
    labels: string[];
    state?: 'open' | 'closed';
    /** Made through an app (a person using an app, or an app's installation token). */
    viaApp?: FakeApp | null;
  }): FakeIssue {
    if (!this.users.has(i.user)) this.addUser(i.user);
    for (const l of i.labels) this.ensureLabel(l);
    const now = this.now();
    const issue: FakeIssue = {
      number: this.nextNumber++,
      id: this.nextId++,
      title: i.title,
      body: i.body,
      user: i.user,
      state: i.state ?? 'open',
      state_reason: i.state === 'closed' ? 'completed' : null,
      labels: i.labels,
      pull: null,
      comments: 0,
      created_at: now,
      updated_at: now,
      closed_at: i.state === 'closed' ? now : null,
      via_app: i.viaApp ?? null,
    };
    this.issues.set(issue.number, issue);
    return issue;
  }

  /** A person deletes an issue (web UI or GraphQL `deleteIssue`; REST has no route for it). */
  deleteIssue(number: number): void {
    if (!this.issues.delete(number)) throw new Error(`no issue #${number} to delete`);
    this.deletedIssues.add(number);
    for (const [id, c] of this.comments) if (c.issue === number) this.comments.delete(id);
  }

  addComment(issue: number, user: string, body: string, viaApp: FakeApp | null = null): FakeComment {
    if (!this.users.has(user)) this.addUser(user);
    const now = this.now();
    const c = { id: this.nextId++, issue, user, body, created_at: now, updated_at: now, via_app: viaApp };
    this.comments.set(c.id, c);
    this.issues.get(issue)!.comments++;
    return c;
  }

  fault(f: Fault): void {
    this.faults.push({ ...f, left: f.times ?? 1 });
  }

  /**
   * The usual bad day: two 500s on the commit lookup, a 403 secondary rate limit on creating the
   * issue and a 429 on listing issues, both with `retry-after: 1`. Four faulty answers in all.
   */
  failLikeABadDay(): void {
    this.fault({ route: 'GET /repos/{owner}/{repo}/commits/{ref}', status: 500, times: 2 });
    this.fault({
      route: 'POST /repos/{owner}/{repo}/issues',
      status: 403,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      headers: { 'retry-after': '1' },
    });
    this.fault({
      route: 'GET /repos/{owner}/{repo}/issues',
      status: 429,
      message: 'You have exceeded a secondary rate limit.',
      headers: { 'retry-after': '1' },
    });
  }

  /** Holds the first `count` issue-list requests until all have arrived (or `ms` passed): forces a race. */
  holdIssueLists(count: number, ms = 5000): void {
    this.held = { count, until: ms, waiting: [], timer: null };
  }

  // ---- queries for tests ------------------------------------------------------------------------

  get reads(): number {
    return this.requests.filter((r) => !r.write).length;
  }

  get writes(): number {
    return this.requests.filter((r) => r.write).length;
  }

  resetCounts(): void {
    this.requests.length = 0;
  }

  /**
   * Sequential round trips: the longest chain of requests each sent after the previous one was
   * answered (requests in flight together count once). What a run's latency is made of.
   */
  roundTrips(requests: RecordedRequest[] = this.requests): number {
    const done = requests.filter((r) => r.end !== null).sort((a, b) => a.start - b.start);
    const depth: number[] = [];
    for (let i = 0; i < done.length; i++) {
      let best = 0;
      for (let j = 0; j < i; j++) if (done[j].end! <= done[i].start) best = Math.max(best, depth[j]);
      depth.push(best + 1);
    }
    return Math.max(0, ...depth);
  }

  realIssues(): FakeIssue[] {
    return [...this.issues.values()].filter((i) => !i.pull);
  }

  commentsOn(number: number): FakeComment[] {
    return [...this.comments.values()].filter((c) => c.issue === number);
  }

  // ---- server -------------------------------------------------------------------------------------

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.violations.push(`fake server crashed: ${(err as Error).stack ?? String(err)}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async close(): Promise<void> {
    if (this.held?.timer) clearTimeout(this.held.timer);
    const closed = new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server?.closeAllConnections?.(); // hung requests included
    await closed;
  }

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.url);
    if (this.prefix) {
      if (!url.pathname.startsWith(this.prefix + '/')) {
        this.violations.push(`${req.method} ${url.pathname}: outside the API prefix ${this.prefix}`);
        res.writeHead(404).end();
        return;
      }
      url.pathname = url.pathname.slice(this.prefix.length);
    }
    const write = method !== 'GET' && method !== 'HEAD';
    let body: unknown = undefined;
    const record: RecordedRequest = {
      method,
      path: url.pathname + url.search,
      route: null,
      status: 0,
      write,
      body,
      fault: false,
      start: performance.now(),
      end: null,
    };
    this.requests.push(record);
    let afterFault: (Fault & { left: number }) | null = null;
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      if (afterFault) {
        const f = afterFault;
        afterFault = null;
        record.fault = true;
        if (f.body) return broken(f.body, data);
        return error(f.status, f.message ?? 'Server Error', f.headers ?? {});
      }
      record.status = status;
      const text = data === undefined ? '' : JSON.stringify(data);
      const headers2 = {
        'content-type': 'application/json; charset=utf-8',
        'x-github-request-id': `FAKE:${this.requests.length}`,
        'x-ratelimit-limit': '1000',
        'x-ratelimit-remaining': String(Math.max(0, 1000 - this.requests.length)),
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-ratelimit-resource': 'core',
        ...headers,
      };
      const deliver = (): void => {
        record.end = performance.now();
        res.writeHead(status, headers2);
        res.end(text);
      };
      if (this.latencyMs > 0) setTimeout(deliver, this.latencyMs);
      else deliver();
    };
    const error = (status: number, message: string, headers: Record<string, string> = {}): void =>
      send(
        status,
        { message, documentation_url: 'https://docs.github.com/rest', status: String(status) },
        headers,
      );
    /** A 200 that is not what GitHub sends: cut short, an HTML page (a proxy's), or empty. */
    const broken = (kind: NonNullable<Fault['body']>, data: unknown): void => {
      record.status = 200;
      record.end = performance.now();
      const json = JSON.stringify(data ?? []);
      const text =
        kind === 'truncated'
          ? json.slice(0, Math.max(1, Math.floor(json.length / 2)))
          : kind === 'html'
            ? '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>'
            : kind === 'object'
              ? '{}'
              : '';
      res.writeHead(200, {
        'content-type': kind === 'html' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
      });
      res.end(text);
    };

    if (raw !== '') {
      try {
        body = JSON.parse(raw);
        record.body = body;
      } catch {
        this.violations.push(`${method} ${url.pathname}: body is not JSON`);
        return error(400, 'Problems parsing JSON');
      }
    }

    const checked = this.validator.validate(method, url, body, raw !== '');
    record.route = checked.route;
    if (checked.violations.length > 0) {
      this.violations.push(...checked.violations);
      return error(checked.route ? 422 : 404, checked.route ? 'Validation Failed' : 'Not Found');
    }
    const { route, params, query } = checked as {
      route: string;
      params: Record<string, string>;
      query: Record<string, string>;
    };

    const auth = req.headers.authorization ?? '';
    const token = /^(?:token|bearer) (.+)$/i.exec(auth)?.[1];
    const grant = token ? this.tokens.get(token) : undefined;
    if (!grant) return error(401, 'Bad credentials');

    const fault = this.faults.find((f) => f.left > 0 && (!f.route || f.route === route));
    if (fault) {
      fault.left--;
      if (fault.when === 'hang') {
        record.fault = true;
        return; // never answered; close() drops the connection
      }
      if (fault.when === 'after') afterFault = fault;
      else {
        record.fault = true;
        if (fault.body) return broken(fault.body, []);
        return error(fault.status, fault.message ?? 'Server Error', fault.headers ?? {});
      }
    }

    if (params.owner !== undefined && (params.owner !== this.owner || params.repo !== this.repo)) {
      return error(404, 'Not Found');
    }

    if (write) {
      const needsIssues = ISSUE_PERMISSION_ROUTES.has(route);
      const onPull = route.includes('{issue_number}') && this.issues.get(Number(params.issue_number))?.pull;
      const allowed = needsIssues
        ? grant.issues === 'write'
        : onPull
          ? grant.issues === 'write' || grant.pullRequests === 'write'
          : grant.issues === 'write';
      if (!allowed) {
        return error(403, 'Resource not accessible by integration', {
          'x-accepted-github-permissions': onPull ? 'issues=write; pull_requests=write' : 'issues=write',
        });
      }
    }

    const reply = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      if (this.validateResponses && status < 300) {
        this.violations.push(...this.validator.validateResponse(route, status, data));
      }
      send(status, data, headers);
    };

    switch (route) {
      case 'GET /user': {
        if (grant.installation) return error(403, 'Resource not accessible by integration');
        return reply(200, this.privateUser(grant.login));
      }
      case 'GET /repos/{owner}/{repo}/commits/{ref}': {
        const c = this.findCommit(params.ref);
        if (!c) return this.unknownCommit(params.ref, error);
        return reply(200, this.commitJson(c));
      }
      case 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls': {
        const c = this.findCommit(params.commit_sha);
        if (!c) return this.unknownCommit(params.commit_sha, error);
        const prs = this.pulls.filter((p) => p.commits.some((s) => s === c.sha));
        return this.page(
          url,
          query,
          prs.map((p) => this.pullJson(p)),
          reply,
        );
      }
      case 'GET /repos/{owner}/{repo}/compare/{basehead}': {
        const m = /^(.+?)\.\.\.(.+)$/.exec(params.basehead);
        if (!m) return error(404, 'Not Found');
        const base = this.resolveRef(m[1]);
        const head = this.resolveRef(m[2]);
        if (!base || !head) return error(404, 'Not Found');
        const ofBase = this.ancestors(base.sha);
        const ofHead = this.ancestors(head.sha);
        const mergeBase = [...ofHead].find((sha) => ofBase.has(sha));
        if (!mergeBase) {
          return error(404, `No common ancestor between ${m[1]} and ${m[2]}.`);
        }
        const ahead = this.commits.filter((c) => ofHead.has(c.sha) && !ofBase.has(c.sha));
        const behindBy = [...ofBase].filter((sha) => !ofHead.has(sha)).length;
        const status =
          base.sha === head.sha
            ? 'identical'
            : ahead.length === 0
              ? 'behind'
              : behindBy === 0
                ? 'ahead'
                : 'diverged';
        const perPage = Math.min(100, Number(query.per_page ?? 250));
        const page = Math.max(1, Number(query.page ?? 1));
        const html = `${this.repoHtml}/compare/${params.basehead}`;
        return reply(200, {
          url: `${this.repoApi}/compare/${params.basehead}`,
          html_url: html,
          permalink_url: `${this.repoHtml}/compare/${base.sha.slice(0, 7)}...${head.sha.slice(0, 7)}`,
          diff_url: `${html}.diff`,
          patch_url: `${html}.patch`,
          base_commit: this.commitJson(base),
          merge_base_commit: this.commitJson(this.findCommit(mergeBase)!),
          status,
          ahead_by: ahead.length,
          behind_by: behindBy,
          total_commits: ahead.length,
          commits: ahead.slice((page - 1) * perPage, page * perPage).map((c) => this.commitJson(c)),
          files: [],
        });
      }
      case 'GET /repos/{owner}/{repo}/issues': {
        await this.maybeHold();
        const wanted = (query.labels ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const state = query.state ?? 'open';
        let list = [...this.issues.values()].filter(
          (i) => (state === 'all' || i.state === state) && wanted.every((l) => i.labels.includes(l)),
        );
        const asc = query.direction === 'asc';
        list = list.sort((a, b) => (asc ? a.number - b.number : b.number - a.number));
        return this.page(
          url,
          query,
          list.map((i) => this.issueJson(i)),
          reply,
        );
      }
      case 'POST /repos/{owner}/{repo}/issues': {
        const b = body as { title: string | number; body?: string; labels?: (string | { name?: string })[] };
        const title = String(b.title);
        if (title.length > 256)
          return error(422, 'Validation Failed: title is too long (maximum is 256 characters)');
        if ((b.body ?? '').length > 65536)
          return error(422, 'Validation Failed: body is too long (maximum is 65536 characters)');
        const labels = (b.labels ?? [])
          .map((l) => (typeof l === 'string' ? l : (l.name ?? '')))
          .filter(Boolean);
        // GitHub creates labels named on a new issue when they do not exist yet (default colour).
        for (const l of labels) this.ensureLabel(l);
        if (this.dropLabelsOnCreate) labels.length = 0;
        const now = this.now();
        const issue: FakeIssue = {
          number: this.nextNumber++,
          id: this.nextId++,
          title,
          body: b.body ?? null,
          user: grant.login,
          state: 'open',
          state_reason: null,
          labels: [...new Set(labels)],
          pull: null,
          comments: 0,
          created_at: now,
          updated_at: now,
          closed_at: null,
          via_app: grant.app ?? null,
        };
        this.issues.set(issue.number, issue);
        return reply(201, this.issueJson(issue));
      }
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}': {
        const issue = this.issues.get(Number(params.issue_number));
        if (!issue) return this.missingIssue(Number(params.issue_number), error);
        return reply(200, this.issueJson(issue));
      }
      case 'PATCH /repos/{owner}/{repo}/issues/{issue_number}': {
        const issue = this.issues.get(Number(params.issue_number));
        if (!issue) return this.missingIssue(Number(params.issue_number), error);
        const b = body as {
          title?: string;
          body?: string;
          state?: 'open' | 'closed';
          state_reason?: string | null;
        };
        if (b.body !== undefined && b.body.length > 65536)
          return error(422, 'Validation Failed: body is too long (maximum is 65536 characters)');
        if (b.title !== undefined) issue.title = String(b.title);
        if (b.body !== undefined) issue.body = b.body;
        if (b.state && b.state !== issue.state) {
          issue.state = b.state;
          issue.closed_at = b.state === 'closed' ? this.now() : null;
          issue.state_reason = b.state === 'closed' ? (b.state_reason ?? 'completed') : 'reopened';
        }
        issue.updated_at = this.now();
        return reply(200, this.issueJson(issue));
      }
      case 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        const n = Number(params.issue_number);
        if (!this.issues.has(n)) return this.missingIssue(n, error);
        const list = this.commentsOn(n).sort((a, b) => a.id - b.id);
        return this.page(
          url,
          query,
          list.map((c) => this.commentJson(c)),
          reply,
        );
      }
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        const n = Number(params.issue_number);
        if (!this.issues.has(n)) return this.missingIssue(n, error);
        const text = (body as { body: string }).body;
        if (text.length > 65536)
          return error(422, 'Validation Failed: body is too long (maximum is 65536 characters)');
        return reply(201, this.commentJson(this.addComment(n, grant.login, text, grant.app ?? null)));
      }
      case 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': {
        const c = this.comments.get(Number(params.comment_id));
        if (!c) return error(404, 'Not Found');
        if (c.user !== grant.login) return error(403, 'Resource not accessible by integration');
        c.body = (body as { body: string }).body;
        c.updated_at = this.now();
        return reply(200, this.commentJson(c));
      }
      case 'GET /repos/{owner}/{repo}/labels':
        return this.page(
          url,
          query,
          [...this.labels.values()].map((l) => this.labelJson(l)),
          reply,
        );
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': {
        const issue = this.issues.get(Number(params.issue_number));
        if (!issue) return error(404, 'Not Found');
        const b = body as { labels?: (string | { name?: string })[] } | string[];
        const list = Array.isArray(b) ? b : (b.labels ?? []);
        for (const l of list) {
          const name = typeof l === 'string' ? l : (l.name ?? '');
          if (!name) continue;
          this.ensureLabel(name);
          if (!issue.labels.includes(name)) issue.labels.push(name);
        }
        return reply(
          200,
          issue.labels.map((name) => this.labelJson(this.ensureLabel(name))),
        );
      }
      case 'GET /repos/{owner}/{repo}/labels/{name}': {
        const label = this.labels.get(params.name);
        return label ? reply(200, this.labelJson(label)) : error(404, 'Not Found');
      }
      case 'PATCH /repos/{owner}/{repo}/labels/{name}': {
        const label = this.labels.get(params.name);
        if (!label) return error(404, 'Not Found');
        const b = body as { description?: string; color?: string };
        if (b.description !== undefined && b.description.length > 100)
          return error(422, 'Validation Failed: description is too long (maximum is 100 characters)');
        if (b.description !== undefined) label.description = b.description;
        if (b.color !== undefined) label.color = b.color;
        return reply(200, this.labelJson(label));
      }
      case 'DELETE /repos/{owner}/{repo}/labels/{name}': {
        // As on GitHub: the label goes from the repository and from every issue that carried it.
        if (!this.labels.delete(params.name)) return error(404, 'Not Found');
        for (const i of this.issues.values()) i.labels = i.labels.filter((l) => l !== params.name);
        return reply(204, undefined);
      }
      case 'POST /repos/{owner}/{repo}/labels': {
        const b = body as { name: string; color?: string; description?: string };
        if (this.labels.has(b.name)) return error(422, 'Validation Failed: already_exists');
        return reply(201, this.labelJson(this.ensureLabel(b.name, b.color, b.description)));
      }
      default:
        this.violations.push(
          `${route}: documented, but the fake does not implement it (the action should not need it)`,
        );
        return error(501, 'Not implemented by the fake');
    }
  }

  private async maybeHold(): Promise<void> {
    const h = this.held;
    if (!h || h.count <= 0) return;
    h.count--;
    if (h.count === 0) {
      if (h.timer) clearTimeout(h.timer);
      const waiting = h.waiting.splice(0);
      this.held = null;
      for (const w of waiting) w();
      return;
    }
    await new Promise<void>((resolve) => {
      h.waiting.push(resolve);
      if (!h.timer) {
        h.timer = setTimeout(() => {
          this.held = null;
          for (const w of h.waiting.splice(0)) w();
        }, h.until);
      }
    });
  }

  private unknownCommit(sha: string, error: (s: number, m: string) => void): void {
    if (this.unknownCommitStatus === 404) return error(404, 'Not Found');
    return error(422, `No commit found for SHA: ${sha}`);
  }

  private findCommit(ref: string): FakeCommit | undefined {
    if (ref.length < 7) return undefined;
    return this.commits.find((c) => c.sha.startsWith(ref.toLowerCase()));
  }

  /** A branch or tag of `refs`, or a sha (prefix of 7 or more) of a known commit. */
  private resolveRef(ref: string): FakeCommit | undefined {
    const named = this.refs.get(ref.replace(/^refs\/(heads|tags)\//, ''));
    return this.findCommit(named ?? ref);
  }

  /** The commit and everything reachable through its parents. */
  private ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const todo = [sha];
    while (todo.length > 0) {
      const c = this.findCommit(todo.pop()!);
      if (!c || seen.has(c.sha)) continue;
      seen.add(c.sha);
      todo.push(...(c.parents ?? []));
    }
    return seen;
  }

  /** GitHub answers 410 Gone for a deleted issue, 404 for one that never existed. */
  private missingIssue(number: number, error: (status: number, message: string) => void): void {
    if (this.deletedIssues.has(number)) return error(410, 'This issue was deleted');
    return error(404, 'Not Found');
  }

  private ensureLabel(name: string, color = 'ededed', description: string | null = null): FakeLabel {
    let l = this.labels.get(name);
    if (!l) {
      l = { id: this.nextId++, name, color, description };
      this.labels.set(name, l);
    }
    return l;
  }

  private page(
    url: URL,
    query: Record<string, string>,
    items: unknown[],
    reply: (s: number, d: unknown, h?: Record<string, string>) => void,
  ): void {
    const perPage = Math.min(100, Number(query.per_page ?? 30));
    const page = Math.max(1, Number(query.page ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number): string => {
      const u = new URL(this.prefix + url.pathname + url.search, this.url);
      u.searchParams.set('page', String(p));
      return u.toString();
    };
    const rels: string[] = [];
    if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
    if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`, `<${link(1)}>; rel="first"`);
    reply(
      200,
      items.slice((page - 1) * perPage, page * perPage),
      rels.length ? { link: rels.join(', ') } : {},
    );
  }

  // ---- realistic JSON ---------------------------------------------------------------------------

  /** The REST base URL (what GITHUB_API_URL is set to). */
  get api(): string {
    return this.url + this.prefix;
  }

  private get repoApi(): string {
    return `${this.api}/repos/${this.owner}/${this.repo}`;
  }

  private get repoHtml(): string {
    return `${this.url}/${this.owner}/${this.repo}`;
  }

  simpleUser(login: string): Record<string, unknown> {
    const u = this.users.get(login) ?? this.addUser(login);
    const base = `${this.api}/users/${encodeURIComponent(login)}`;
    return {
      login: u.login,
      id: u.id,
      node_id: `U_${u.id}`,
      avatar_url: `${this.url}/avatars/u/${u.id}`,
      gravatar_id: '',
      url: base,
      html_url: `${this.url}/${u.type === 'Bot' ? 'apps/' + login.replace(/\[bot\]$/, '') : login}`,
      followers_url: `${base}/followers`,
      following_url: `${base}/following{/other_user}`,
      gists_url: `${base}/gists{/gist_id}`,
      starred_url: `${base}/starred{/owner}{/repo}`,
      subscriptions_url: `${base}/subscriptions`,
      organizations_url: `${base}/orgs`,
      repos_url: `${base}/repos`,
      events_url: `${base}/events{/privacy}`,
      received_events_url: `${base}/received_events`,
      type: u.type,
      site_admin: false,
      user_view_type: 'public',
    };
  }

  private privateUser(login: string): Record<string, unknown> {
    return {
      ...this.simpleUser(login),
      name: null,
      company: null,
      blog: '',
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 1,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2020-01-01T00:00:00Z',
      private_gists: 0,
      total_private_repos: 0,
      owned_private_repos: 0,
      disk_usage: 0,
      collaborators: 0,
      two_factor_authentication: true,
      plan: { collaborators: 0, name: 'free', space: 976562499, private_repos: 10000 },
    };
  }

  private appJson(app: FakeApp): Record<string, unknown> {
    return {
      id: app.id,
      slug: app.slug,
      node_id: `A_${app.id}`,
      client_id: `Iv1.${app.id.toString(16).padStart(16, '0')}`,
      owner: this.simpleUser(this.users.has('github') ? 'github' : this.addUser('github').login),
      name: app.name,
      description: '',
      external_url: `${this.url}/apps/${app.slug}`,
      html_url: `${this.url}/apps/${app.slug}`,
      created_at: '2018-07-30T09:30:17Z',
      updated_at: '2024-04-10T20:33:16Z',
      permissions: { issues: 'write', metadata: 'read', pull_requests: 'write' },
      events: [],
    };
  }

  private labelJson(l: FakeLabel): Record<string, unknown> {
    return {
      id: l.id,
      node_id: `LA_${l.id}`,
      url: `${this.repoApi}/labels/${encodeURIComponent(l.name)}`,
      name: l.name,
      color: l.color,
      default: false,
      description: l.description,
    };
  }

  private association(login: string): string {
    if (login === this.owner) return 'OWNER';
    return this.users.get(login)?.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR';
  }

  private issueJson(i: FakeIssue): Record<string, unknown> {
    const url = `${this.repoApi}/issues/${i.number}`;
    const json: Record<string, unknown> = {
      id: i.id,
      node_id: `I_${i.id}`,
      url,
      repository_url: this.repoApi,
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: `${this.repoHtml}/${i.pull ? 'pull' : 'issues'}/${i.number}`,
      number: i.number,
      state: i.state,
      state_reason: i.state_reason,
      title: i.title,
      body: i.body,
      user: this.simpleUser(i.user),
      labels: i.labels.map((name) => this.labelJson(this.ensureLabel(name))),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: i.comments,
      closed_at: i.closed_at,
      created_at: i.created_at,
      updated_at: i.updated_at,
      author_association: this.association(i.user),
      timeline_url: `${url}/timeline`,
      performed_via_github_app: i.via_app ? this.appJson(i.via_app) : null,
      reactions: {
        url: `${url}/reactions`,
        total_count: 0,
        '+1': 0,
        '-1': 0,
        laugh: 0,
        confused: 0,
        heart: 0,
        hooray: 0,
        eyes: 0,
        rocket: 0,
      },
    };
    if (i.pull) {
      json.pull_request = {
        url: `${this.repoApi}/pulls/${i.number}`,
        html_url: `${this.repoHtml}/pull/${i.number}`,
        diff_url: `${this.repoHtml}/pull/${i.number}.diff`,
        patch_url: `${this.repoHtml}/pull/${i.number}.patch`,
        merged_at: i.pull.merged ? i.created_at : null,
      };
    }
    return json;
  }

  private commentJson(c: FakeComment): Record<string, unknown> {
    const url = `${this.repoApi}/issues/comments/${c.id}`;
    const onPull = this.issues.get(c.issue)?.pull;
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url,
      html_url: `${this.repoHtml}/${onPull ? 'pull' : 'issues'}/${c.issue}#issuecomment-${c.id}`,
      body: c.body,
      user: this.simpleUser(c.user),
      created_at: c.created_at,
      updated_at: c.updated_at,
      issue_url: `${this.repoApi}/issues/${c.issue}`,
      author_association: this.association(c.user),
      performed_via_github_app: c.via_app ? this.appJson(c.via_app) : null,
    };
  }

  private commitJson(c: FakeCommit): Record<string, unknown> {
    const person = { name: c.authorName, email: c.authorEmail, date: '2024-04-01T10:00:00Z' };
    return {
      url: `${this.repoApi}/commits/${c.sha}`,
      sha: c.sha,
      node_id: `C_${c.sha.slice(0, 10)}`,
      html_url: `${this.repoHtml}/commit/${c.sha}`,
      comments_url: `${this.repoApi}/commits/${c.sha}/comments`,
      commit: {
        url: `${this.repoApi}/git/commits/${c.sha}`,
        author: person,
        committer: { name: 'GitHub', email: 'noreply@github.com', date: person.date },
        message: c.message,
        comment_count: 0,
        tree: { sha: 'f'.repeat(40), url: `${this.repoApi}/git/trees/${'f'.repeat(40)}` },
        verification: {
          verified: false,
          reason: 'unsigned',
          signature: null,
          payload: null,
          verified_at: null,
        },
      },
      author: c.login ? this.simpleUser(c.login) : null,
      committer: this.simpleUser('web-flow'),
      parents: [],
      stats: { additions: 1, deletions: 0, total: 1 },
      files: [],
    };
  }

  private pullJson(p: FakePull): Record<string, unknown> {
    const issue = this.issues.get(p.number)!;
    const url = `${this.repoApi}/pulls/${p.number}`;
    const repoJson = this.repoJson();
    const ref = (name: string): Record<string, unknown> => ({
      label: `${this.owner}:${name}`,
      ref: name,
      sha: p.commits[p.commits.length - 1] ?? '0'.repeat(40),
      user: this.simpleUser(this.owner),
      repo: repoJson,
    });
    const link = (href: string): { href: string } => ({ href });
    return {
      url,
      id: issue.id,
      node_id: `PR_${issue.id}`,
      html_url: `${this.repoHtml}/pull/${p.number}`,
      diff_url: `${this.repoHtml}/pull/${p.number}.diff`,
      patch_url: `${this.repoHtml}/pull/${p.number}.patch`,
      issue_url: `${this.repoApi}/issues/${p.number}`,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${this.repoApi}/pulls/comments{/number}`,
      comments_url: `${this.repoApi}/issues/${p.number}/comments`,
      statuses_url: `${this.repoApi}/statuses/${p.commits[0] ?? ''}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: this.simpleUser(p.user),
      body: null,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      closed_at: issue.closed_at,
      merged_at: p.merged ? issue.created_at : null,
      merge_commit_sha: p.commits[p.commits.length - 1] ?? null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: ref(`pr-${p.number}`),
      base: ref('main'),
      _links: {
        self: link(url),
        html: link(`${this.repoHtml}/pull/${p.number}`),
        issue: link(`${this.repoApi}/issues/${p.number}`),
        comments: link(`${this.repoApi}/issues/${p.number}/comments`),
        review_comments: link(`${url}/comments`),
        review_comment: link(`${this.repoApi}/pulls/comments{/number}`),
        commits: link(`${url}/commits`),
        statuses: link(`${this.repoApi}/statuses/${p.commits[0] ?? ''}`),
      },
      author_association: this.association(p.user),
      auto_merge: null,
      draft: false,
    };
  }

  private repoJson(): Record<string, unknown> {
    const r = this.repoApi;
    const html = this.repoHtml;
    const urls: Record<string, string> = {};
    for (const k of [
      'archive_url:/{archive_format}{/ref}',
      'assignees_url:/assignees{/user}',
      'blobs_url:/git/blobs{/sha}',
      'branches_url:/branches{/branch}',
      'collaborators_url:/collaborators{/collaborator}',
      'comments_url:/comments{/number}',
      'commits_url:/commits{/sha}',
      'compare_url:/compare/{base}...{head}',
      'contents_url:/contents/{+path}',
      'contributors_url:/contributors',
      'deployments_url:/deployments',
      'downloads_url:/downloads',
      'events_url:/events',
      'forks_url:/forks',
      'git_commits_url:/git/commits{/sha}',
      'git_refs_url:/git/refs{/sha}',
      'git_tags_url:/git/tags{/sha}',
      'issue_comment_url:/issues/comments{/number}',
      'issue_events_url:/issues/events{/number}',
      'issues_url:/issues{/number}',
      'keys_url:/keys{/key_id}',
      'labels_url:/labels{/name}',
      'languages_url:/languages',
      'merges_url:/merges',
      'milestones_url:/milestones{/number}',
      'notifications_url:/notifications{?since,all,participating}',
      'pulls_url:/pulls{/number}',
      'releases_url:/releases{/id}',
      'stargazers_url:/stargazers',
      'statuses_url:/statuses/{sha}',
      'subscribers_url:/subscribers',
      'subscription_url:/subscription',
      'tags_url:/tags',
      'teams_url:/teams',
      'trees_url:/git/trees{/sha}',
      'hooks_url:/hooks',
    ]) {
      const [name, suffix] = k.split(/:(.*)/s);
      urls[name] = r + suffix;
    }
    return {
      id: 1,
      node_id: 'R_1',
      name: this.repo,
      full_name: `${this.owner}/${this.repo}`,
      owner: this.simpleUser(this.owner),
      private: false,
      html_url: html,
      description: null,
      fork: false,
      url: r,
      ...urls,
      git_url: `git://127.0.0.1/${this.owner}/${this.repo}.git`,
      ssh_url: `git@127.0.0.1:${this.owner}/${this.repo}.git`,
      clone_url: `${html}.git`,
      svn_url: html,
      mirror_url: null,
      homepage: null,
      language: null,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      size: 1,
      default_branch: 'main',
      open_issues_count: 0,
      topics: [],
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_downloads: false,
      archived: false,
      disabled: false,
      visibility: 'public',
      pushed_at: '2024-05-01T00:00:00Z',
      created_at: '2020-01-01T00:00:00Z',
      updated_at: '2024-05-01T00:00:00Z',
      forks: 0,
      open_issues: 0,
      watchers: 0,
      license: null,
    };
  }
}
