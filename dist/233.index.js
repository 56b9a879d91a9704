export const id = 233;
export const ids = [233];
export const modules = {

/***/ 6233:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createPublisher: () => (/* binding */ createPublisher)
});

;// CONCATENATED MODULE: ./.tmp/build/github/errors.js
/** Turns GitHub API failures into one line a workflow author can act on (never a stack, never the token). */
const PERMISSIONS_BLOCK = 'permissions: { contents: read, issues: write, pull-requests: write }';
function httpStatus(err) {
    const s = err?.status;
    return typeof s === 'number' ? s : null;
}
function firstLine(text) {
    // Octokit appends " - <documentation url>"; keep GitHub's own sentence.
    return text
        .split('\n')[0]
        .replace(/ - https:\/\/docs\.github\.com\S*$/, '')
        .slice(0, 300);
}
const NETWORK = /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|fetch failed|socket/i;
/**
 * The network error behind a failed request (Octokit reports those as status 500), or null.
 * The deepest cause wins: "fetch failed" says little, "connect ECONNREFUSED 127.0.0.1:1" says it all.
 */
function networkFailure(err) {
    let cur = err;
    let found = null;
    for (let depth = 0; depth < 5 && cur && typeof cur === 'object'; depth++) {
        const e = cur;
        const text = [e.code, e.message].filter((x) => typeof x === 'string').join(' ');
        if (NETWORK.test(text))
            found = firstLine(text);
        cur = e.cause;
    }
    return found;
}
/**
 * One-line description of a failed request. `doing` says what we tried ("create an issue"),
 * `permission` which token permission that needs ("issues: write").
 */
function describeError(err, doing, permission) {
    const e = err;
    const status = httpStatus(err);
    const message = firstLine(String(e?.message ?? err));
    if (status === 403 && /Resource not accessible by integration/i.test(message)) {
        const accepted = String(e.response?.headers?.['x-accepted-github-permissions'] ?? '');
        const needed = accepted
            ? accepted
                .split(';')
                .map((p) => p.trim().replace('=', ': ').replace('pull_requests', 'pull-requests'))
                .filter(Boolean)
                .join(' or ')
            : (permission ?? 'issues: write');
        return (`GitHub refused to ${doing} (403 Resource not accessible by integration): the token lacks '${needed}'. ` +
            `Add "${PERMISSIONS_BLOCK}" to the workflow job, or turn off create-issue/comment-on-pr.`);
    }
    const network = networkFailure(err);
    if ((status === null || status === 500) && network) {
        return `Could not reach GitHub while trying to ${doing}: ${network}`;
    }
    if (status === 401)
        return `GitHub rejected the token (401 ${message}) while trying to ${doing}; check the 'token' input.`;
    if ((status === 403 || status === 429) && /rate limit/i.test(message)) {
        const reset = Number(e.response?.headers?.['x-ratelimit-reset']);
        const when = Number.isFinite(reset) && reset > 0 ? ` (resets at ${new Date(reset * 1000).toISOString()})` : '';
        return `GitHub rate limit hit while trying to ${doing}${when}: ${message}`;
    }
    if (status === 410)
        return `GitHub answered 410 while trying to ${doing}: issues are disabled in this repository.`;
    if (status === 404) {
        return `GitHub answered 404 while trying to ${doing}: the repository does not exist or the token cannot see it.`;
    }
    if (status !== null)
        return `GitHub API error while trying to ${doing}: ${status} ${message}`;
    return `Could not reach GitHub while trying to ${doing}: ${message}`;
}
class PublishError extends Error {
}

;// CONCATENATED MODULE: ./.tmp/build/github/authors.js

/** 422 "No commit found for SHA" or 404: GitHub simply does not have this commit. */
function isUnknownCommit(err) {
    const s = httpStatus(err);
    return s === 404 || s === 422 || s === 409;
}
class AuthorResolver {
    client;
    repo;
    authorMap;
    wantPulls;
    cache = new Map();
    constructor(client, repo, authorMap, 
    /** Pull requests are needed for PR comments even when the commit names its author. */
    wantPulls) {
        this.client = client;
        this.repo = repo;
        this.authorMap = authorMap;
        this.wantPulls = wantPulls;
    }
    resolve(commit) {
        const sha = commit.sha.toLowerCase();
        let p = this.cache.get(sha);
        if (!p) {
            p = this.lookup(commit);
            this.cache.set(sha, p);
            // A failed look-up (network, 5xx after retries) may be tried again later in the run.
            p.catch(() => this.cache.delete(sha));
        }
        return p;
    }
    fromMap(commit) {
        const email = commit.author?.email?.toLowerCase();
        return email ? (this.authorMap[email] ?? null) : null;
    }
    async lookup(commit) {
        const mapped = this.fromMap(commit);
        const info = { login: null, via: null, onGitHub: null, pulls: [] };
        if (!this.client || !/^[0-9a-f]{7,64}$/i.test(commit.sha)) {
            if (mapped)
                Object.assign(info, { login: mapped, via: 'author-map' });
            return info;
        }
        const params = { ...this.repo, sha: commit.sha };
        try {
            const res = await this.client.request('GET /repos/{owner}/{repo}/commits/{sha}', {
                owner: this.repo.owner,
                repo: this.repo.repo,
                sha: commit.sha,
            });
            info.onGitHub = true;
            if (res.data.author?.login)
                Object.assign(info, { login: res.data.author.login, via: 'commit' });
        }
        catch (err) {
            if (!isUnknownCommit(err))
                throw err;
            info.onGitHub = false;
        }
        if (info.onGitHub && (this.wantPulls || !info.login)) {
            try {
                const pulls = await this.client.paginate('GET /repos/{owner}/{repo}/commits/{sha}/pulls', params);
                info.pulls = pulls.map((p) => ({
                    number: p.number,
                    login: p.user?.login ?? null,
                    merged: p.merged_at !== null,
                    url: p.html_url,
                }));
            }
            catch (err) {
                if (!isUnknownCommit(err))
                    throw err;
            }
            if (!info.login) {
                const pr = info.pulls.find((p) => p.merged && p.login) ?? info.pulls.find((p) => p.login);
                if (pr?.login)
                    Object.assign(info, { login: pr.login, via: 'pull-request' });
            }
        }
        if (!info.login && mapped)
            Object.assign(info, { login: mapped, via: 'author-map' });
        return info;
    }
}

// EXTERNAL MODULE: ./node_modules/@octokit/core/dist-src/index.js + 12 modules
var dist_src = __webpack_require__(4730);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var plugin_retry_dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(3251);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./.tmp/build/github/http.js
/**
 * A small `fetch` on node:http/node:https for the GitHub client. Node's global fetch loads undici on
 * first use (tens of milliseconds, more than the whole analysis of a log) and adds overhead to every
 * request; the action sends a handful of small JSON requests, one at a time, so a plain client is enough.
 *
 * The answer is read whole (GitHub's JSON pages are small) and offered the Fetch way: status, url,
 * headers (iterable, get()), text(), json(), arrayBuffer(). A request that gets no answer rejects with
 * the socket's error (ECONNREFUSED, ECONNRESET, ETIMEDOUT after IDLE_TIMEOUT_MS of silence).
 * Redirects are followed as fetch does (at most 5; credentials never go to another origin).
 *
 * Connections are kept alive through Node's global agents (one connection serves the whole run; idle
 * sockets do not keep the process alive). Proxies: like Node's own fetch, HTTP(S)_PROXY/NO_PROXY are
 * honoured only when Node is told to (NODE_USE_ENV_PROXY=1 or --use-env-proxy), which configures
 * those global agents.
 */

/** No byte from GitHub for this long: give up on the attempt (the retry plugin may try again). */
const IDLE_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 5;
/** The subset of the Fetch API Headers that Octokit reads; names are lower-case. */
class ResponseHeaders {
    map = new Map();
    constructor(raw) {
        for (const name of Object.keys(raw).sort()) {
            const v = raw[name];
            if (v !== undefined)
                this.map.set(name, Array.isArray(v) ? v.join(', ') : v);
        }
    }
    get(name) {
        return this.map.get(name.toLowerCase()) ?? null;
    }
    has(name) {
        return this.map.has(name.toLowerCase());
    }
    [Symbol.iterator]() {
        return this.map.entries();
    }
}
class NodeResponse {
    status;
    statusText;
    url;
    headers;
    bytes;
    ok;
    redirected;
    constructor(status, statusText, url, headers, bytes, redirected) {
        this.status = status;
        this.statusText = statusText;
        this.url = url;
        this.headers = headers;
        this.bytes = bytes;
        this.ok = status >= 200 && status < 300;
        this.redirected = redirected;
    }
    /** The whole answer (read before the response is handed out). */
    get body() {
        return this.bytes;
    }
    async text() {
        return this.bytes.toString('utf8');
    }
    async json() {
        return JSON.parse(this.bytes.toString('utf8'));
    }
    async arrayBuffer() {
        const b = this.bytes;
        return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    }
}
function abortError(signal) {
    const reason = signal.reason;
    if (reason instanceof Error && reason.name === 'AbortError')
        return reason;
    const err = new Error('This operation was aborted');
    err.name = 'AbortError';
    return err;
}
/** Lazily required: real GitHub needs TLS, the loopback fake of the tests does not. */
let httpsModule = null;
async function transportFor(url) {
    if (url.protocol === 'http:')
        return external_node_http_;
    if (url.protocol !== 'https:')
        throw new TypeError(`unsupported protocol in ${url.href}`);
    httpsModule ??= await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 19));
    return httpsModule;
}
function sendOnce(transport, url, method, headers, body, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(abortError(signal));
        const outHeaders = { ...headers };
        if (body != null)
            outHeaders['content-length'] = String(Buffer.byteLength(body));
        const req = transport.request(url, { method, headers: outHeaders });
        let settled = false;
        const fail = (err) => {
            if (settled)
                return;
            settled = true;
            signal?.removeEventListener('abort', onAbort);
            req.destroy();
            reject(err);
        };
        const onAbort = () => fail(abortError(signal));
        signal?.addEventListener('abort', onAbort, { once: true });
        req.setTimeout(IDLE_TIMEOUT_MS, () => {
            const err = new Error(`no answer from ${url.host} within ${IDLE_TIMEOUT_MS / 1000} s (ETIMEDOUT)`);
            err.code = 'ETIMEDOUT';
            fail(err);
        });
        req.on('error', fail);
        req.on('response', (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('error', fail);
            res.on('aborted', () => fail(new Error(`connection to ${url.host} closed mid-answer (ECONNRESET)`)));
            res.on('end', () => {
                if (settled)
                    return;
                settled = true;
                signal?.removeEventListener('abort', onAbort);
                resolve({
                    status: res.statusCode ?? 0,
                    statusText: res.statusMessage ?? '',
                    headers: res.headers,
                    bytes: Buffer.concat(chunks),
                });
            });
        });
        req.end(body ?? undefined);
    });
}
/** A kept-alive connection the server closed while idle fails before any answer: safe to resend reads. */
function staleConnection(err) {
    const code = err?.code;
    return code === 'ECONNRESET' || code === 'EPIPE';
}
async function nodeFetch(input, init = {}) {
    let url = new URL(String(input));
    let method = (init.method ?? 'GET').toUpperCase();
    let headers = {};
    for (const [k, v] of Object.entries(init.headers ?? {}))
        headers[k.toLowerCase()] = v;
    let body = init.body;
    const idempotent = method === 'GET' || method === 'HEAD';
    for (let hop = 0;; hop++) {
        const transport = await transportFor(url);
        let answer;
        try {
            answer = await sendOnce(transport, url, method, headers, body, init.signal);
        }
        catch (err) {
            if (!(idempotent && staleConnection(err)))
                throw err;
            answer = await sendOnce(transport, url, method, headers, body, init.signal);
        }
        const location = answer.headers.location;
        const redirect = [301, 302, 303, 307, 308].includes(answer.status) && location;
        if (!redirect || init.redirect === 'manual') {
            return new NodeResponse(answer.status, answer.statusText, url.href, new ResponseHeaders(answer.headers), answer.bytes, hop > 0);
        }
        if (init.redirect === 'error')
            throw new TypeError(`unexpected redirect from ${url.href}`);
        if (hop >= MAX_REDIRECTS)
            throw new TypeError(`too many redirects from ${String(input)}`);
        const next = new URL(location, url);
        // As fetch does: 303 (and 301/302 after a POST) turn into a GET without a body.
        if (answer.status === 303 ? method !== 'HEAD' : answer.status <= 302 && method === 'POST') {
            method = 'GET';
            body = undefined;
            headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !k.startsWith('content-')));
        }
        // Credentials never follow a redirect to another origin.
        if (next.origin !== url.origin) {
            headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'authorization' && k !== 'cookie'));
        }
        url = next;
    }
}

;// CONCATENATED MODULE: ./.tmp/build/github/client.js
/**
 * The one place that talks HTTP to GitHub: @octokit/core with the throttling and retry plugins
 * (route strings, no endpoint-methods plugin: it is large and slows the action's start).
 * Counts every HTTP attempt and refuses any write in dry-run mode as a last line of defence.
 */





/** Thrown (never sent) when dry-run code paths would write. */
class DryRunWriteError extends Error {
}
function waitScaleFromEnv(env = process.env) {
    const raw = Number(env.BISECT_REPORT_WAIT_SCALE);
    return Number.isFinite(raw) && raw >= 0 && raw <= 1 ? raw : 1;
}
/**
 * A tiny stand-in for a Bottleneck group (the throttling plugin only calls key().schedule()):
 * runs jobs one at a time, at least `minTimeMs` apart. Lets us scale the plugin's write spacing.
 */
function spacedGroup(minTimeMs) {
    let tail = Promise.resolve();
    let last = 0;
    const limiter = {
        schedule(...args) {
            const rest = typeof args[0] === 'function' ? args : args.slice(1);
            const [fn, ...fnArgs] = rest;
            const run = async () => {
                const wait = last + minTimeMs - Date.now();
                if (wait > 0)
                    await new Promise((r) => setTimeout(r, wait));
                last = Date.now();
                return fn(...fnArgs);
            };
            const result = tail.then(run, run);
            tail = result.catch(() => undefined);
            return result;
        },
    };
    return { key: () => limiter };
}
/**
 * Pass-through stand-in for the throttling plugin's global/auth/search groups: GitHub's limits
 * for reads are handled by the plugin's retry on 403/429, and Bottleneck's queueing costs ~5 ms
 * per request (timers), a third of a whole action run over six requests.
 */
function passThroughGroup() {
    const limiter = {
        schedule(...args) {
            const rest = typeof args[0] === 'function' ? args : args.slice(1);
            const [fn, ...fnArgs] = rest;
            return fn(...fnArgs);
        },
    };
    return { key: () => limiter };
}
/**
 * The throttling plugin's retry limiter (a Bottleneck instance by default), with the same
 * contract: a `failed` handler that returns a number asks for a retry after that many ms.
 */
function lightRetryLimiter() {
    const handlers = [];
    return {
        on(event, handler) {
            if (event === 'failed')
                handlers.push(handler);
        },
        async schedule(fn, ...args) {
            for (let retryCount = 0;; retryCount++) {
                try {
                    return await fn(...args);
                }
                catch (err) {
                    let wait;
                    for (const h of handlers) {
                        const r = await h(err, { args, retryCount });
                        if (typeof r === 'number')
                            wait = r;
                    }
                    if (wait === undefined)
                        throw err;
                    await new Promise((resolve) => setTimeout(resolve, wait));
                }
            }
        },
    };
}
let yieldPatched = false;
/**
 * The retry plugin runs every request through a fresh Bottleneck, whose local datastore yields to
 * the event loop with `setTimeout(0)` about five times per request; Node clamps each to 1 ms, so the
 * plugin cost ~5 ms per request (7 ms against 2.5 ms on loopback). `setImmediate` yields to pending
 * I/O all the same, without the clamp. Longer waits keep Bottleneck's own timer. Returns whether the
 * datastore was found (its shape is Bottleneck 2's; anything else is left alone).
 */
function yieldBottleneckWithoutClamp() {
    if (yieldPatched)
        return true;
    const store = new light()._store;
    const proto = store ? Object.getPrototypeOf(store) : null;
    if (!proto || typeof proto.yieldLoop !== 'function')
        return false;
    const original = proto.yieldLoop;
    proto.yieldLoop = function (t = 0) {
        return t > 0 ? original.call(this, t) : new this.Promise((resolve) => setImmediate(resolve));
    };
    yieldPatched = true;
    return true;
}
function createClient(opts) {
    yieldBottleneckWithoutClamp();
    const scale = opts.waitScale ?? 1;
    const maxWait = opts.maxWaitSeconds ?? 120;
    const counts = { reads: 0, writes: 0 };
    const countingFetch = async (input, init) => {
        const method = (init?.method ?? 'GET').toUpperCase();
        if (method !== 'GET' && method !== 'HEAD') {
            if (opts.dryRun)
                throw new DryRunWriteError(`dry-run: refused to send ${method} ${String(input)}`);
            counts.writes++;
        }
        else
            counts.reads++;
        // Node's own HTTP client rather than the global fetch: loading undici costs ~40 ms per run.
        return nodeFetch(input, init);
    };
    const onLimit = (kind) => (retryAfter, options, _o, retryCount) => {
        const retryable = retryCount < 3 && retryAfter <= maxWait;
        opts.warning(`GitHub ${kind} rate limit on ${options.method} ${options.url}: ` +
            (retryable ? `retrying in ${retryAfter}s` : `giving up (retry after ${retryAfter}s)`));
        return retryable;
    };
    const MyOctokit = dist_src/* Octokit */.E.plugin(dist_bundle/* throttling */.A, plugin_retry_dist_bundle/* retry */.L);
    const silent = () => undefined;
    const octokit = new MyOctokit({
        auth: opts.token || undefined,
        baseUrl: opts.apiUrl.replace(/\/+$/, ''),
        userAgent: 'bisect-report',
        request: { fetch: countingFetch },
        log: { debug: silent, info: silent, warn: silent, error: silent },
        throttle: {
            onRateLimit: onLimit('primary'),
            onSecondaryRateLimit: onLimit('secondary'),
            retryAfterBaseValue: 1000 * scale,
            // GitHub asks for at least a second between writes, more for notification-sending ones.
            write: spacedGroup(1000 * scale),
            notifications: spacedGroup(3000 * scale),
            global: passThroughGroup(),
            auth: passThroughGroup(),
            search: passThroughGroup(),
            retryLimiter: lightRetryLimiter(),
        },
        retry: {
            retryAfterBaseValue: 1000 * scale,
            // 429/403 rate limits are the throttling plugin's; 4xx other than those are final answers.
            doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
        },
    });
    async function request(route, params = {}) {
        const res = await octokit.request(route, params);
        return { status: res.status, data: res.data, headers: res.headers };
    }
    async function paginate(route, params = {}) {
        const all = [];
        for (let page = 1; page <= 100; page++) {
            const res = await request(route, { ...params, per_page: 100, page });
            all.push(...res.data);
            const link = String(res.headers.link ?? '');
            if (!/rel="next"/.test(link) || res.data.length === 0)
                break;
        }
        return all;
    }
    return { request, paginate, counts };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./.tmp/build/github/event.js
/** Reads just enough of the workflow event (GITHUB_EVENT_PATH) to know whether the token can write. */

const PR_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);
/**
 * Why the token is read-only, or null when it may write. GitHub hands pull_request runs from forks
 * (and Dependabot) a read-only GITHUB_TOKEN whatever the workflow's permissions say.
 */
function readOnlyReason(env = process.env) {
    const name = env.GITHUB_EVENT_NAME ?? '';
    if (!PR_EVENTS.has(name))
        return null;
    if (env.GITHUB_ACTOR === 'dependabot[bot]')
        return 'this run was triggered by Dependabot';
    if (!env.GITHUB_EVENT_PATH)
        return null;
    try {
        const event = JSON.parse((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
        const pr = event.pull_request;
        if (!pr)
            return null;
        const head = pr.head?.repo?.full_name ?? null;
        const base = pr.base?.repo?.full_name ?? null;
        if (head !== base)
            return `this run is for a pull request from a fork (${head ?? 'deleted repository'})`;
    }
    catch {
        return null;
    }
    return null;
}
const WORKFLOW_RUN_HINT = 'To file issues for fork pull requests, upload the logs as an artifact and run bisect-report from a ' +
    'separate workflow triggered by workflow_run (it runs in the base repository with a writable token).';

// EXTERNAL MODULE: ./node_modules/@noble/hashes/sha2.js + 2 modules
var sha2 = __webpack_require__(5108);
// EXTERNAL MODULE: ./node_modules/@noble/hashes/utils.js
var utils = __webpack_require__(2565);
;// CONCATENATED MODULE: ./.tmp/build/github/marker.js
/**
 * Dedupe keys and the hidden markers that tie an issue (or a pull request comment) to a failure.
 *
 * Why a marker cannot be forged:
 *  - it is an HTML comment on the FIRST line of the body; everything after it is rendered, and the
 *    escaping layer (src/render/escape.ts) never lets `<!--` through from log text;
 *  - the key inside is a SHA-256 prefix of the failure key (hex only), never log text itself;
 *  - we only trust issues/comments whose author is a bot (the action's own identity for GITHUB_TOKEN is
 *    `github-actions[bot]`, type "Bot"), the identity learned from our own writes, or someone with
 *    write access (author_association OWNER/MEMBER/COLLABORATOR, i.e. a PAT owner); issues must also
 *    carry the issue-labels, which outside contributors cannot set. GET /user is not used: installation
 *    tokens cannot call it.
 */
// A pure-JS SHA-256: loading node:crypto costs ~8 ms of a run that hashes a few short strings.


function hash(text, length) {
    return (0,utils/* bytesToHex */.My)((0,sha2/* sha256 */.sc)((0,utils/* utf8ToBytes */.AI)(text))).slice(0, length);
}
function normalize(text) {
    return text.replace(/\s+/g, ' ').trim();
}
/**
 * The key of the failure a report is about: the issue-key input, else the failure's title, else the
 * culprit sha. Direction-aware: a fix bisection of the same crash yields the same key as the cause
 * bisection, so it finds the cause issue; a fix bisection without a title has no key of its own
 * (its culprit is the fix, not the cause) unless issue-key is set.
 */
function failureKey(report, issueKeyInput) {
    let text = null;
    if (normalize(issueKeyInput) !== '')
        text = `key:${normalize(issueKeyInput)}`;
    else if (report.crash?.title && normalize(report.crash.title) !== '')
        text = `title:${normalize(report.crash.title)}`;
    else if (report.direction === 'cause' && report.culprit)
        text = `sha:${report.culprit.sha.toLowerCase()}`;
    if (text === null)
        return null;
    return { text: text.slice(text.indexOf(':') + 1), hash: hash(text, 32) };
}
function digest(text) {
    return hash(text, 16);
}
const ISSUE_MARKER = /^<!-- bisect-report v1 issue key=([0-9a-f]{32}) digest=([0-9a-f]{16}) status=([a-z-]+) culprit=([0-9a-f]{7,64}|-) trust=([a-z]+|-) -->/;
const COMMENT_MARKER = /^<!-- bisect-report v1 pr key=([0-9a-f]{32}) digest=([0-9a-f]{16}) -->/;
function issueMarker(m) {
    return `<!-- bisect-report v1 issue key=${m.key} digest=${m.digest} status=${m.status} culprit=${m.culprit ?? '-'} trust=${m.trust ?? '-'} -->`;
}
function parseIssueMarker(body) {
    const m = ISSUE_MARKER.exec(body ?? '');
    if (!m)
        return null;
    return {
        key: m[1],
        digest: m[2],
        status: m[3],
        culprit: m[4] === '-' ? null : m[4],
        trust: m[5] === '-' ? null : m[5],
    };
}
function commentMarker(key, contentDigest) {
    return `<!-- bisect-report v1 pr key=${key} digest=${contentDigest} -->`;
}
function parseCommentMarker(body) {
    const m = COMMENT_MARKER.exec(body ?? '');
    return m ? { key: m[1], digest: m[2] } : null;
}
/** See the module comment: whose issues and comments we act on. */
function isTrustedAuthor(user, association, identity) {
    if (!user?.login)
        return false;
    if (identity !== null && user.login === identity)
        return true;
    if (user.type === 'Bot')
        return true;
    return association === 'OWNER' || association === 'MEMBER' || association === 'COLLABORATOR';
}

// EXTERNAL MODULE: ./.tmp/build/render/escape.js
var render_escape = __webpack_require__(6058);
// EXTERNAL MODULE: ./.tmp/build/render/summary.js
var summary = __webpack_require__(765);
// EXTERNAL MODULE: ./.tmp/build/render/view.js
var view = __webpack_require__(5684);
;// CONCATENATED MODULE: ./.tmp/build/render/issue.js



/** GitHub rejects issue and comment bodies over 65,536 characters; keep a margin. */
const BODY_LIMIT_CHARS = 65_000;
function checkedMarker(marker) {
    if (marker === undefined || marker === '')
        return [];
    if (!/^<!--[^\n]*-->$/.test(marker) || marker.slice(4, -3).includes('--')) {
        throw new Error('marker must be a one-line HTML comment without "--" inside');
    }
    return [marker, ''];
}
/** Issue titles are plain text (max 256): one line, no mentions or references that could link. */
function renderIssueTitle(report) {
    const subject = report.crash?.title ? (0,render_escape/* plain */.pj)(report.crash.title, 150) : (0,render_escape/* plain */.pj)(report.source, 150);
    let tail;
    const c = report.culprit;
    if (report.status === 'found' && c) {
        const id = (0,view/* shortSha */.Fu)(c.sha) ?? (0,render_escape/* plain */.pj)(c.sha, 16);
        const what = (0,render_escape/* plain */.pj)(c.subject, 80);
        tail = `${(0,view/* culpritVerb */.dO)(report.direction).toLowerCase()} ${id}${what ? ` ${what}` : ''}${report.trust ? ` (${report.trust.label})` : ''}`;
    }
    else {
        tail = view/* STATUS_WORDS */.ly[report.status] ?? report.status;
    }
    const title = `Bisection: ${subject} — ${tail}`;
    // Break @ and # after shortening, then cut again: GitHub rejects titles over 256 characters.
    return Array.from((0,render_escape/* plain */.pj)(title, 256).replace(/[@#]/g, (ch) => ch + render_escape/* ZWSP */.z5))
        .slice(0, 256)
        .join('');
}
function footer(ctx, what) {
    const run = (0,summary/* isRunUrl */.tb)(ctx.runUrl) ? ` in [this workflow run](${ctx.runUrl})` : '';
    return ['---', '', `<sub>${what} by bisect-report${run}.</sub>`, ''];
}
function fit(build, maxChars) {
    for (const detail of [0, 1, 2, 3]) {
        const text = build(detail);
        if (text.length <= maxChars)
            return text;
    }
    // Only pathological input gets here; cut on a line boundary and say so.
    const text = build(3);
    const cut = text.lastIndexOf('\n', maxChars - 200);
    return text.slice(0, Math.max(0, cut)) + "\n\n> [!NOTE]\n> Cut to fit GitHub's size limit.\n";
}
/** The body of the issue filed for one bisection (< 65,536 characters). */
function renderIssueBody(report, ctx, opts = {}) {
    const marker = checkedMarker(opts.marker);
    const max = opts.maxChars ?? BODY_LIMIT_CHARS;
    return fit((detail) => {
        const section = (0,summary/* renderReportSection */.al)(report, ctx, {
            heading: 2,
            detail,
            noTitle: true,
            author: opts.mentionAuthor ? 'mention' : 'link',
        });
        const note = detail > 0
            ? [
                '> [!NOTE]',
                "> Shortened to fit GitHub's 65,536-character limit; the job summary and `report-json` have the rest.",
                '',
            ]
            : [];
        return [...marker, ...note, section, ...footer(ctx, 'Filed')].join('\n');
    }, max);
}
/** The comment on the pull request that introduced (or fixed) the culprit. */
function renderPrComment(report, ctx, issueUrl, opts = {}) {
    const marker = checkedMarker(opts.marker);
    const max = opts.maxChars ?? BODY_LIMIT_CHARS;
    const c = report.culprit;
    const what = report.direction === 'fix' ? 'the fix' : 'the first bad commit';
    return fit((detail) => {
        const out = [...marker];
        out.push(`### ${(0,view/* reportIcon */.Kx)(report)} bisect-report: this pull request contains ${what} of a bisected failure`, '');
        if (c) {
            const trust = report.trust
                ? ` · trust **${report.trust.label}** (${(0,view/* fmtProb */.LE)(report.trust.probability)})`
                : '';
            out.push(`**${(0,view/* culpritVerb */.dO)(report.direction)}** ${(0,summary/* commitRef */.lu)(c.sha, ctx)} by ${(0,summary/* authorText */.D7)(report, ctx, opts.mentionAuthor ? 'mention' : 'link')}${trust}`, '');
        }
        out.push(...(0,summary/* verdictAlert */.QR)(report, ctx));
        const links = [];
        if (issueUrl && (0,summary/* isRunUrl */.tb)(issueUrl))
            links.push(`[the issue](${issueUrl})`);
        if ((0,summary/* isRunUrl */.tb)(ctx.runUrl))
            links.push(`[the job summary](${ctx.runUrl})`);
        if (links.length)
            out.push(`Evidence, crash report and re-test plan: ${links.join(' · ')}.`, '');
        if (detail < 2) {
            const table = (0,summary/* ledgerTable */.Ab)(report, ctx, detail === 0 ? 1 : 2, 4);
            if (table.length)
                out.push('<details><summary>Evidence per tested commit</summary>', '', ...table.slice(2), '</details>', '');
        }
        out.push(...footer(ctx, 'Posted'));
        return out.join('\n');
    }, max);
}
function issueState(report) {
    return {
        status: report.status,
        culprit: report.culprit?.sha ?? null,
        label: report.trust?.label ?? null,
        probability: report.trust?.probability ?? null,
    };
}
function stateWords(s) {
    const trust = s.label ? ` (${s.label}${s.probability !== null ? ` ${(0,view/* fmtProb */.LE)(s.probability)}` : ''})` : '';
    return `${view/* STATUS_WORDS */.ly[s.status] ?? (0,render_escape/* plain */.pj)(s.status, 30)}${trust}`;
}
/**
 * A comment for an existing issue when the bisection was re-run: what changed (culprit, trust,
 * status), or that a fix bisection found the fix. `previous` may be null when unknown.
 */
function renderChangeComment(previous, report, ctx) {
    const now = issueState(report);
    const c = report.culprit;
    const out = [];
    if (report.direction === 'fix' && report.status === 'found' && c) {
        out.push(`### ✅ Fixed by ${(0,summary/* commitRef */.lu)(c.sha, ctx)}`, '');
    }
    else if (!previous) {
        out.push(`### 🔄 Bisection re-run: ${stateWords(now)}`, '');
    }
    else {
        const changes = [];
        if (!(0,view/* sameCommit */.Kd)(previous.culprit, now.culprit)) {
            changes.push(`culprit ${(0,summary/* commitRef */.lu)(previous.culprit, ctx)} → ${(0,summary/* commitRef */.lu)(now.culprit, ctx)}`);
        }
        if (previous.label !== now.label) {
            changes.push(`trust ${previous.label ?? '—'} → **${now.label ?? '—'}**${now.probability !== null ? ` (${(0,view/* fmtProb */.LE)(now.probability)})` : ''}`);
        }
        if (previous.status !== now.status)
            changes.push(`status ${stateWords(previous)} → ${stateWords(now)}`);
        out.push(changes.length
            ? `### 🔄 Bisection re-run changed the answer: ${changes.join('; ')}`
            : `### 🔄 Bisection re-run: same answer, ${stateWords(now)}`, '');
    }
    out.push(...(0,summary/* verdictAlert */.QR)(report, ctx));
    out.push(...footer(ctx, 'Posted'));
    const text = out.join('\n');
    return text.length <= BODY_LIMIT_CHARS ? text : text.slice(0, BODY_LIMIT_CHARS);
}

;// CONCATENATED MODULE: ./.tmp/build/github/text.js


const TRUSTED = new Set(['verified', 'likely']);
function isTrusted(report) {
    return report.trust !== null && TRUSTED.has(report.trust.label);
}
function mentionDecision(mode, report, login) {
    if (!login)
        return { mention: false, why: null };
    if (mode === 'never')
        return { mention: false, why: 'mention-author is set to never' };
    if (mode === 'always' || isTrusted(report))
        return { mention: true, why: null };
    const label = report.trust?.label ?? 'not judged';
    return {
        mention: false,
        why: `the trust label is ${label}; mention-author: auto pings the author only for verified or likely culprits`,
    };
}
const issueTitle = renderIssueTitle;
function stateOf(c) {
    return { status: c.status, culprit: c.culprit, label: c.trust, probability: null };
}
/** Publisher notes placed before the body's footer: why the author is not pinged, other logs. */
function notes(report, info, mode, others) {
    const out = [];
    const d = mentionDecision(mode, report, info?.login ?? null);
    if (info?.login && d.why)
        out.push(`The culprit's author is named but not pinged: ${d.why}.`);
    else if (report.culprit && info?.onGitHub === false) {
        out.push('The culprit commit is not on GitHub, so its author is named but not pinged.');
    }
    if (others.length > 0) {
        out.push(`Also seen in ${others.length} other log${others.length === 1 ? '' : 's'}:`, '');
        for (const r of others.slice(0, 20)) {
            const culprit = r.culprit ? ` ${(0,render_escape/* code */.aY)(r.culprit.sha.slice(0, 12))}` : '';
            out.push(`- ${(0,render_escape/* code */.aY)(r.source, { max: 120 })}: ${(0,render_escape/* plain */.pj)(r.status, 20)}${culprit}${r.trust ? ` (${r.trust.label})` : ''}`);
        }
        if (others.length > 20)
            out.push(`- … and ${others.length - 20} more`);
    }
    return out.length > 0 ? out.join('\n') + '\n\n' : '';
}
function beforeFooter(body, extra) {
    if (!extra)
        return body;
    const at = body.lastIndexOf('\n---\n');
    return at < 0 ? body + '\n' + extra : body.slice(0, at + 1) + extra + body.slice(at + 1);
}
/** The issue body for a group of reports about one failure (primary first); under 65,536 characters. */
function issueBody(reports, ctx, info, mode, marker) {
    const [primary, ...others] = reports;
    const extra = notes(primary, info, mode, others);
    const mention = mentionDecision(mode, primary, info?.login ?? null).mention;
    const body = renderIssueBody(primary, ctx, {
        marker,
        mentionAuthor: mention,
        maxChars: BODY_LIMIT_CHARS - extra.length,
    });
    return beforeFooter(body, extra);
}
function changeComment(before, report, ctx, extra) {
    return renderChangeComment(stateOf(before), report, ctx) + (extra ? `\n${extra}\n` : '');
}
function reopenComment(before, report, ctx, extra) {
    return `Reopening: a new bisection shows the failure again.\n\n${changeComment(before, report, ctx, extra)}`;
}
function fixedComment(report, ctx) {
    return renderChangeComment(null, report, ctx);
}
function duplicateComment(keep) {
    return `Duplicate of #${keep}: another run filed the same failure at the same time. Closing this one.`;
}
function pullComment(report, ctx, issueUrl, marker) {
    return renderPrComment(report, ctx, issueUrl, { marker, mentionAuthor: false });
}

;// CONCATENATED MODULE: ./.tmp/build/github/publish.js






/** Statuses that say something about the failure (a failed or unreadable bisection says nothing). */
const STATUS_RANK = {
    found: 0,
    ambiguous: 1,
    'no-culprit': 2,
    'not-reproduced': 3,
};
const TRUST_RANK = {
    verified: 0,
    likely: 1,
    range: 2,
    unreliable: 3,
    contradicted: 4,
};
/** Older open duplicates than this are closed by any run; younger ones are a concurrent run's business. */
const STALE_DUPLICATE_MS = 10 * 60 * 1000;
function conclusionOf(r) {
    return { status: r.status, culprit: r.culprit?.sha.toLowerCase() ?? null, trust: r.trust?.label ?? null };
}
function sameConclusion(a, b) {
    return a.status === b.status && (a.culprit ?? '') === (b.culprit ?? '') && a.trust === b.trust;
}
function better(a, b) {
    const sa = STATUS_RANK[a.status] ?? 9;
    const sb = STATUS_RANK[b.status] ?? 9;
    if (sa !== sb)
        return sa < sb;
    return (a.trust ? TRUST_RANK[a.trust.label] : 5) < (b.trust ? TRUST_RANK[b.trust.label] : 5);
}
async function inPool(items, width, fn) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await fn(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
function createPublisher(opts) {
    const env = opts.env ?? process.env;
    const repo = { owner: opts.owner, repo: opts.repo };
    const client = opts.token
        ? createClient({
            token: opts.token,
            apiUrl: opts.apiUrl,
            dryRun: opts.dryRun,
            warning: opts.warning,
            waitScale: waitScaleFromEnv(env),
        })
        : null;
    const readOnly = opts.dryRun ? null : readOnlyReason(env);
    const mode = opts.dryRun ? 'dry-run' : readOnly ? 'read-only' : 'write';
    const resolver = new AuthorResolver(client, repo, opts.authorMap, opts.commentOnPr);
    const authors = new Map();
    const labels = opts.labels.length > 0 ? opts.labels : ['bisection'];
    /** The token's login, learned from the first issue we create (GET /user is closed to GITHUB_TOKEN). */
    let identity = null;
    /** The tracked-issue listing, started with the author look-ups so both share one round trip. */
    let trackedEarly = null;
    const authorOf = (r) => r.culprit ? (authors.get(r.culprit.sha) ?? null) : null;
    async function lookUp(r) {
        if (!r.culprit)
            return null;
        const info = await resolver.resolve(r.culprit);
        authors.set(r.culprit.sha, info);
        return info;
    }
    async function read(doing, route, params) {
        try {
            return await client.paginate(route, { ...repo, ...params });
        }
        catch (err) {
            throw new PublishError(describeError(err, doing, null));
        }
    }
    /** Sends a write, or in dry-run/read-only mode prints exactly what it would have sent. */
    async function write(doing, permission, route, params, preview) {
        if (mode !== 'write') {
            opts.info(mode === 'dry-run' ? `[dry-run] would ${doing}:\n${preview}` : `(read-only) would ${doing}`);
            return null;
        }
        try {
            const res = await client.request(route, { ...repo, ...params });
            return res.data;
        }
        catch (err) {
            throw new PublishError(describeError(err, doing, permission));
        }
    }
    const ISSUES_WRITE = 'issues: write';
    const PULLS_WRITE = 'pull-requests: write';
    async function listTracked() {
        const byKey = new Map();
        if (!client)
            return byKey;
        const issues = await read('list issues', 'GET /repos/{owner}/{repo}/issues', {
            labels: labels.join(','),
            state: 'all',
            sort: 'created',
            direction: 'asc',
        });
        for (const i of issues) {
            if (i.pull_request)
                continue;
            const marker = parseIssueMarker(i.body);
            if (!marker || !isTrustedAuthor(i.user, i.author_association, identity))
                continue;
            const list = byKey.get(marker.key) ?? [];
            list.push({
                number: i.number,
                open: i.state === 'open',
                stateReason: i.state_reason ?? null,
                url: i.html_url,
                title: i.title,
                createdAt: Date.parse(i.created_at),
                marker,
            });
            byKey.set(marker.key, list);
        }
        for (const list of byKey.values())
            list.sort((a, b) => a.number - b.number);
        return byKey;
    }
    /** Whether a report can lead to an issue (the same filter groupReports applies, before keys). */
    function mayFileIssue(r) {
        return r.direction === 'cause'
            ? STATUS_RANK[r.status] !== undefined
            : r.status === 'found' && !!r.culprit;
    }
    function groupReports(reports) {
        const groups = new Map();
        for (const r of reports) {
            if (!mayFileIssue(r))
                continue;
            const key = failureKey(r, opts.issueKey);
            if (!key) {
                opts.info(`${r.source}: no failure title to key an issue by` +
                    (r.direction === 'fix' ? ' (set issue-key so a fix bisection finds its issue)' : ''));
                continue;
            }
            const id = `${r.direction}:${key.hash}`;
            const g = groups.get(id);
            if (g) {
                g.reports.push(r);
                if (better(r, g.primary))
                    g.primary = r;
            }
            else {
                groups.set(id, {
                    key,
                    direction: r.direction,
                    reports: [r],
                    primary: r,
                    outcome: { key: key.text, source: r.source, number: null, url: null, action: 'none' },
                    lostRace: false,
                });
            }
        }
        // The primary report's section comes first in the body.
        for (const g of groups.values())
            g.reports = [g.primary, ...g.reports.filter((r) => r !== g.primary)];
        return [...groups.values()];
    }
    function mentionExtra(r, before) {
        const info = authorOf(r);
        const d = mentionDecision(opts.mentionAuthor, r, info?.login ?? null);
        if (!d.mention || !info?.login)
            return '';
        const wasTrusted = before?.trust === 'verified' || before?.trust === 'likely';
        const newCulprit = (before?.culprit ?? '') !== (r.culprit?.sha.toLowerCase() ?? '');
        return newCulprit || !wasTrusted ? `cc @${info.login}` : '';
    }
    async function comment(number, body, doing) {
        await write(doing, ISSUES_WRITE, 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: number, body }, body);
    }
    async function handleCause(g, tracked, created, ctx) {
        const r = g.primary;
        const matches = tracked.get(g.key.hash) ?? [];
        const open = matches.filter((i) => i.open);
        const closed = matches.filter((i) => !i.open && i.stateReason !== 'duplicate');
        const canonical = open[0] ?? closed[closed.length - 1] ?? null;
        const conclusion = conclusionOf(r);
        const info = authorOf(r);
        const title = issueTitle(r);
        // Compared between runs: everything but the run link (new every run) and the marker itself.
        const dig = digest(`${title}\n${issueBody(g.reports, { ...ctx, runUrl: null }, info, opts.mentionAuthor)}`);
        const marker = issueMarker({ key: g.key.hash, digest: dig, ...conclusion });
        const body = issueBody(g.reports, ctx, info, opts.mentionAuthor, marker);
        const canFile = r.status === 'found' || r.status === 'ambiguous';
        const would = mode === 'write' ? '' : 'would-';
        const set = (action, issue) => {
            g.outcome = { ...g.outcome, action, number: issue?.number ?? null, url: issue?.url ?? null };
        };
        if (!canonical) {
            if (!canFile)
                return set('none', null);
            const preview = `title: ${title}\nlabels: ${labels.join(', ')}\n${body}`;
            const made = await write('create an issue', ISSUES_WRITE, 'POST /repos/{owner}/{repo}/issues', { title, body, labels }, preview);
            if (made) {
                identity ??= made.user?.login ?? null;
                await ensureLabels(made);
                set('created', { number: made.number, url: made.html_url });
                created.push(g);
            }
            else
                set(`${would}create`, null);
            return;
        }
        const patch = { issue_number: canonical.number, body };
        if (canonical.title !== title)
            patch.title = title;
        const patchPreview = `#${canonical.number}${patch.title ? `\ntitle: ${title}` : ''}\n${body}`;
        if (!canonical.open) {
            if (!canFile)
                return set('closed', canonical);
            if (canonical.stateReason === 'not_planned') {
                opts.info(`Issue #${canonical.number} was closed as not planned; leaving it closed.`);
                return set('left-closed', canonical);
            }
            await write('reopen an issue', ISSUES_WRITE, 'PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...patch, state: 'open' }, patchPreview);
            const extra = mentionExtra(r, canonical.marker);
            await comment(canonical.number, reopenComment(canonical.marker, r, ctx, extra), `comment on issue #${canonical.number}`);
            return set(`${would}reopened`, canonical);
        }
        await closeStaleDuplicates(open.slice(1), canonical.number);
        if (canonical.marker.digest === dig)
            return set('unchanged', canonical);
        await write('update an issue', ISSUES_WRITE, 'PATCH /repos/{owner}/{repo}/issues/{issue_number}', patch, patchPreview);
        if (sameConclusion(canonical.marker, conclusion))
            return set(`${would}updated`, canonical);
        const text = changeComment(canonical.marker, r, ctx, mentionExtra(r, canonical.marker));
        await comment(canonical.number, text, `comment on issue #${canonical.number}`);
        return set(`${would}commented`, canonical);
    }
    /**
     * GitHub creates missing labels named in POST /issues, but silently drops them for tokens without
     * push access; an unlabelled issue would be invisible to the next run's list, so add them explicitly.
     */
    async function ensureLabels(issue) {
        const has = new Set((issue.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name)));
        const missing = labels.filter((l) => !has.has(l));
        if (missing.length === 0)
            return;
        const now = await write(`label issue #${issue.number}`, ISSUES_WRITE, 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { issue_number: issue.number, labels: missing }, missing.join(', '));
        const still = missing.filter((l) => !(now ?? []).some((x) => x.name === l));
        if (still.length > 0) {
            opts.warning(`GitHub did not put the label(s) ${still.join(', ')} on issue #${issue.number}; later runs find issues by label and would open a new one.`);
        }
    }
    async function closeAsDuplicate(number, keep) {
        await comment(number, duplicateComment(keep), `comment on duplicate issue #${number}`);
        await write(`close duplicate issue #${number}`, ISSUES_WRITE, 'PATCH /repos/{owner}/{repo}/issues/{issue_number}', { issue_number: number, state: 'closed', state_reason: 'duplicate' }, `#${number}: state closed (duplicate of #${keep})`);
    }
    /** Heals duplicates left by runs that raced and died; young ones belong to a run still in flight. */
    async function closeStaleDuplicates(extra, keep) {
        for (const dup of extra) {
            if (Date.now() - dup.createdAt > STALE_DUPLICATE_MS)
                await closeAsDuplicate(dup.number, keep);
        }
    }
    /** After creating issues: if concurrent runs created the same ones, the lowest-numbered open issue wins. */
    async function settleRaces(created) {
        if (created.length === 0)
            return;
        const fresh = await listTracked();
        for (const g of created) {
            const mine = g.outcome.number;
            const keep = (fresh.get(g.key.hash) ?? []).find((i) => i.open);
            if (!keep || keep.number >= mine)
                continue;
            await closeAsDuplicate(mine, keep.number);
            g.outcome = { ...g.outcome, number: keep.number, url: keep.url, action: 'duplicate' };
            g.lostRace = true;
        }
    }
    async function handleFix(g, tracked, ctx) {
        const matches = tracked.get(g.key.hash) ?? [];
        const open = matches.find((i) => i.open);
        const last = open ?? matches[matches.length - 1];
        const would = mode === 'write' ? '' : 'would-';
        if (!open) {
            g.outcome = {
                ...g.outcome,
                action: last ? 'closed' : 'none',
                number: last?.number ?? null,
                url: last?.url ?? null,
            };
            return;
        }
        g.outcome = { ...g.outcome, number: open.number, url: open.url, action: 'open' };
        if (!opts.closeOnFix)
            return;
        await comment(open.number, fixedComment(g.primary, ctx), `comment on issue #${open.number}`);
        await write(`close issue #${open.number}`, ISSUES_WRITE, 'PATCH /repos/{owner}/{repo}/issues/{issue_number}', { issue_number: open.number, state: 'closed', state_reason: 'completed' }, `#${open.number}: state closed (completed)`);
        g.outcome.action = `${would}closed`;
    }
    async function commentOnPulls(g, ctx) {
        const r = g.primary;
        if (g.lostRace || r.status !== 'found' || !r.culprit)
            return;
        const info = authorOf(r);
        if (!info || info.pulls.length === 0)
            return;
        const issueUrl = g.outcome.number !== null ? g.outcome.url : null;
        const dig = digest(pullComment(r, { ...ctx, runUrl: null }, issueUrl));
        const body = pullComment(r, ctx, issueUrl, commentMarker(g.key.hash, dig));
        // Commenting on a PR notifies its author: only for culprits the trust analysis stands behind.
        const mayCreate = opts.mentionAuthor === 'always' || isTrusted(r);
        for (const pr of info.pulls) {
            const existing = client
                ? (await read(`list comments on pull request #${pr.number}`, 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
                    issue_number: pr.number,
                })).find((c) => parseCommentMarker(c.body)?.key === g.key.hash &&
                    isTrustedAuthor(c.user, c.author_association, identity))
                : undefined;
            if (existing) {
                if (parseCommentMarker(existing.body)?.digest === dig)
                    continue;
                await write(`update the comment on pull request #${pr.number}`, PULLS_WRITE, 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { comment_id: existing.id, body }, body);
            }
            else if (mayCreate) {
                await write(`comment on pull request #${pr.number}`, PULLS_WRITE, 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: pr.number, body }, body);
            }
            else {
                opts.info(`Not commenting on pull request #${pr.number}: the trust label is ${r.trust?.label ?? 'not judged'}.`);
            }
        }
    }
    return {
        async resolveAuthors(reports) {
            const logins = {};
            const culprits = reports.filter((r) => r.culprit && (r.status === 'found' || r.direction === 'fix'));
            if (opts.createIssue && client && reports.some(mayFileIssue)) {
                trackedEarly = listTracked();
                trackedEarly.catch(() => undefined); // apply() awaits it and reports the error
            }
            let warned = false;
            await inPool(culprits, 4, async (r) => {
                try {
                    const info = await lookUp(r);
                    if (info?.login)
                        logins[r.culprit.sha] = info.login;
                }
                catch (err) {
                    if (!warned)
                        opts.warning(describeError(err, `look up the author of ${r.culprit.sha.slice(0, 12)}`, null));
                    warned = true;
                }
            });
            return logins;
        },
        async apply(reports, runCtx) {
            const groups = groupReports(reports);
            const ctx = { ...runCtx, authorLogins: { ...runCtx.authorLogins } };
            const result = { issues: [], requests: 0, error: null };
            if (readOnly) {
                opts.warning(`Not writing issues or pull request comments: ${readOnly}, so GITHUB_TOKEN is read-only. ` +
                    `The summary and outputs are written. ${WORKFLOW_RUN_HINT}`);
            }
            try {
                for (const g of groups)
                    for (const r of g.reports)
                        await lookUp(r).catch(() => null);
                for (const [sha, info] of authors)
                    if (info.login)
                        ctx.authorLogins[sha] = info.login;
                if (opts.createIssue && groups.length > 0) {
                    const tracked = await (trackedEarly ?? listTracked());
                    trackedEarly = null;
                    const created = [];
                    for (const g of groups)
                        if (g.direction === 'cause')
                            await handleCause(g, tracked, created, ctx);
                    if (mode === 'write')
                        await settleRaces(created);
                    for (const g of groups)
                        if (g.direction === 'fix')
                            await handleFix(g, tracked, ctx);
                }
                if (opts.commentOnPr)
                    for (const g of groups)
                        await commentOnPulls(g, ctx);
            }
            catch (err) {
                result.error =
                    err instanceof PublishError ? err.message : describeError(err, 'publish to GitHub', null);
            }
            result.issues = groups
                .filter((g) => g.direction === 'cause' || g.outcome.number !== null)
                .map((g) => g.outcome);
            if (client) {
                result.reads = client.counts.reads;
                result.writes = client.counts.writes;
                result.requests = client.counts.reads + client.counts.writes;
            }
            for (const o of result.issues) {
                if (o.number !== null)
                    opts.info(`Issue #${o.number} (${o.action}): ${o.url}`);
            }
            return result;
        },
    };
}


/***/ })

};
