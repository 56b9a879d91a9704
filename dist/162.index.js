export const id = 162;
export const ids = [162];
export const modules = {

/***/ 8162:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createPublisher: () => (/* binding */ createPublisher)
});

;// CONCATENATED MODULE: ./.tmp/build/github/authors.js
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
    /** The commit lives in another repository (Commit.repository): not ours to ask about, nobody to mention. */
    isForeign(commit) {
        const repo = commit.repository;
        if (!repo)
            return false;
        return (repo.slug ?? '').toLowerCase() !== `${this.repo.owner}/${this.repo.repo}`.toLowerCase();
    }
    async lookup(commit) {
        const info = { login: null, via: null, onGitHub: null, pulls: [] };
        if (this.isForeign(commit))
            return info;
        const mapped = this.fromMap(commit);
        if (!this.client || !/^[0-9a-f]{7,64}$/i.test(commit.sha)) {
            if (mapped)
                Object.assign(info, { login: mapped, via: 'author-map' });
            return info;
        }
        // Both at once when pull requests are wanted anyway: one round trip instead of two.
        const author = this.client.commitAuthor(commit.sha);
        const early = this.wantPulls ? this.client.pullsForCommit(commit.sha) : null;
        early?.catch(() => undefined); // awaited below, or dropped when the commit is unknown
        const found = await author;
        info.onGitHub = found !== 'unknown';
        if (found !== 'unknown' && found.login)
            Object.assign(info, { login: found.login, via: 'commit' });
        if (info.onGitHub && (this.wantPulls || !info.login)) {
            const pulls = await (early ?? this.client.pullsForCommit(commit.sha));
            info.pulls = pulls === 'unknown' ? [] : pulls;
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

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var plugin_retry_dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/request-error/dist-src/index.js
var dist_src = __webpack_require__(1015);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(3251);
;// CONCATENATED MODULE: ./.tmp/build/github/client.js
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





/** An answer that is not what GitHub sends (empty, truncated, HTML, wrong type). */
class MalformedAnswerError extends Error {
    name = 'MalformedAnswerError';
}
/** Thrown (never sent) when dry-run code paths would write. */
class DryRunWriteError extends Error {
}
function waitScaleFromEnv(env = process.env) {
    const raw = Number(env.BISECT_REPORT_WAIT_SCALE);
    return Number.isFinite(raw) && raw >= 0 && raw <= 1 ? raw : 1;
}
function fail(what, why) {
    throw new MalformedAnswerError(`GitHub's answer to ${what} is not what GitHub sends (${why})`);
}
function obj(v, what) {
    if (typeof v === 'string') {
        const kind = v.trim() === '' ? 'an empty body' : /^\s*</.test(v) ? 'HTML' : 'cut short or not JSON';
        fail(what, kind);
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v))
        fail(what, 'not a JSON object');
    return v;
}
function list(v, what) {
    if (!Array.isArray(v)) {
        if (typeof v === 'string')
            obj(v, what); // says which kind of garbage
        fail(what, 'not a JSON array');
    }
    return v;
}
function num(o, k, what) {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
        fail(what, `no valid ${k}`);
    return v;
}
function str(o, k, what) {
    const v = o[k];
    if (typeof v !== 'string')
        fail(what, `no ${k}`);
    return v;
}
function optStr(o, k) {
    const v = o[k];
    return typeof v === 'string' ? v : null;
}
function actor(v, viaApp) {
    const u = v && typeof v === 'object' ? v : {};
    return {
        login: optStr(u, 'login'),
        type: optStr(u, 'type'),
        viaApp: viaApp !== null && viaApp !== undefined,
    };
}
function issueItem(v, what) {
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
        labels: (Array.isArray(o.labels) ? o.labels : []).map((l) => typeof l === 'string' ? l : String(l?.name ?? '')),
        isPull: o.pull_request !== undefined && o.pull_request !== null,
    };
}
function commentItem(v, what) {
    const o = obj(v, what);
    return {
        id: num(o, 'id', what),
        body: optStr(o, 'body') ?? '',
        user: actor(o.user, o.performed_via_github_app),
    };
}
// ---- the client -----------------------------------------------------------------------------------
/** Answers with a retry-after that the throttling plugin does not recognise (429, 403 "abuse detection"). */
function limitWait(err) {
    if (!(err instanceof dist_src/* RequestError */.G))
        return null;
    const headers = (err.response?.headers ?? {});
    const after = Number(headers['retry-after']);
    if (!Number.isFinite(after) || after < 0)
        return null;
    if (err.status === 429)
        return after;
    if (err.status === 403 && /abuse|secondary rate|rate limit/i.test(err.message))
        return after;
    return null;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function createClient(opts) {
    const scale = opts.waitScale ?? 1;
    const maxWait = opts.maxWaitSeconds ?? 120;
    const timeoutMs = opts.timeoutMs ?? (opts.dryRun ? 5_000 : 20_000);
    const counts = { reads: 0, writes: 0 };
    const onLimit = (kind) => (retryAfter, options, _o, retryCount) => {
        const retryable = !opts.dryRun && retryCount < 3 && retryAfter <= maxWait;
        opts.warning(`GitHub ${kind} rate limit on ${options.method} ${options.url}: ` +
            (retryable ? `retrying in ${retryAfter}s` : `giving up (GitHub asks to wait ${retryAfter}s)`));
        return retryable;
    };
    /**
     * Innermost (so per attempt, under the retry plugin): counts every attempt, refuses writes in
     * dry-run, and abandons an attempt after `timeoutMs` of waiting (a hung GitHub must not hold the run).
     */
    const attempts = (octokit) => {
        const wrap = async (request, options) => {
            const method = options.method.toUpperCase();
            if (method !== 'GET' && method !== 'HEAD') {
                if (opts.dryRun)
                    throw new DryRunWriteError(`dry-run: refused to send ${method} ${options.url}`);
                counts.writes++;
            }
            else
                counts.reads++;
            const abort = new AbortController();
            const timer = setTimeout(() => abort.abort(), timeoutMs);
            timer.unref();
            try {
                // In place: Octokit's inner hooks (auth) keep the options object they were called with.
                options.request = { ...options.request, signal: abort.signal };
                return await request(options);
            }
            catch (err) {
                // 408 is in doNotRetry: a GitHub that hangs once is not waited on again (issue: minutes lost).
                if (abort.signal.aborted)
                    throw new dist_src/* RequestError */.G(`no answer within ${timeoutMs / 1000} s (ETIMEDOUT)`, 408, {
                        request: options,
                    });
                throw err;
            }
            finally {
                clearTimeout(timer);
            }
        };
        octokit.hook.wrap('request', wrap);
    };
    // GitHub's guidance: no concurrent writes in bulk, about a second between them. A run sends a few
    // writes; a bucket of 5 lets those go at once and spaces out the bulk (e.g. 20 failures in one run).
    const bucket = (perSecond) => new light.Group({
        maxConcurrent: 2,
        reservoir: 5,
        reservoirIncreaseAmount: 1,
        reservoirIncreaseInterval: Math.max(1, Math.round((1000 / perSecond) * scale)),
        reservoirIncreaseMaximum: 5,
    });
    const octokit = (0,github/* getOctokit */.Q)(opts.token, {
        baseUrl: opts.apiUrl.replace(/\/+$/, ''),
        userAgent: 'bisect-report',
        log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
        throttle: {
            onRateLimit: onLimit('primary'),
            onSecondaryRateLimit: onLimit('secondary'),
            retryAfterBaseValue: 1000 * scale,
            Bottleneck: light,
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
    }, attempts, dist_bundle/* throttling */.A, plugin_retry_dist_bundle/* retry */.L);
    // Outermost: 429 and 403 "abuse detection" answers with retry-after, which the throttling plugin
    // leaves alone unless worded "secondary rate limit", are waited on too (bounded).
    octokit.hook.wrap('request', async (request, options) => {
        for (let attempt = 0;; attempt++) {
            try {
                return await request(options);
            }
            catch (err) {
                const after = limitWait(err);
                if (after === null || attempt >= 2 || after > maxWait || opts.dryRun)
                    throw err;
                opts.warning(`GitHub asked to slow down (${err.status}): retrying in ${after}s`);
                await sleep(after * 1000 * scale);
            }
        }
    });
    const noRetry = { request: { retries: 0 } };
    const repoOf = () => ({ owner: opts.owner, repo: opts.repo });
    async function pages(what, route, params, each) {
        const out = [];
        for (let page = 1; page <= 100; page++) {
            // Callers' parameters are checked against the route above; the generic call itself is untyped.
            const res = await octokit.request(route, { ...params, per_page: 100, page });
            const items = list(res.data, what);
            out.push(...items.map(each));
            const link = String(res.headers.link ?? '');
            if (!/rel="next"/.test(link) || items.length === 0)
                break;
        }
        return out;
    }
    const unknownCommit = (err) => err instanceof dist_src/* RequestError */.G && (err.status === 404 || err.status === 422 || err.status === 409);
    return {
        counts,
        async commitAuthor(sha) {
            const what = `GET commit ${sha.slice(0, 12)}`;
            try {
                const res = await octokit.rest.repos.getCommit({ ...repoOf(), ref: sha });
                const o = obj(res.data, what);
                const author = o.author && typeof o.author === 'object' ? o.author : null;
                return { login: author ? optStr(author, 'login') : null };
            }
            catch (err) {
                if (unknownCommit(err))
                    return 'unknown';
                throw err;
            }
        },
        async pullsForCommit(sha) {
            const what = `GET pull requests of ${sha.slice(0, 12)}`;
            try {
                return await pages(what, 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', { ...repoOf(), commit_sha: sha }, (v) => {
                    const o = obj(v, what);
                    const user = o.user && typeof o.user === 'object' ? o.user : {};
                    return {
                        number: num(o, 'number', what),
                        login: optStr(user, 'login'),
                        merged: typeof o.merged_at === 'string',
                        url: str(o, 'html_url', what),
                    };
                });
            }
            catch (err) {
                if (unknownCommit(err))
                    return 'unknown';
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
                if (!['ahead', 'behind', 'identical', 'diverged'].includes(status))
                    fail(what, `status ${status}`);
                return status === 'behind' || status === 'identical';
            }
            catch (err) {
                if (unknownCommit(err))
                    return 'unknown';
                throw err;
            }
        },
        async viewer() {
            const res = await octokit.rest.users.getAuthenticated();
            return str(obj(res.data, 'GET /user'), 'login', 'GET /user');
        },
        listIssues(labels) {
            const what = 'the issue list';
            return pages(what, 'GET /repos/{owner}/{repo}/issues', { ...repoOf(), labels: labels.join(','), state: 'all', sort: 'created', direction: 'asc' }, (v) => issueItem(v, what));
        },
        listComments(issue) {
            const what = `the comments of #${issue}`;
            return pages(what, 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repoOf(), issue_number: issue }, (v) => commentItem(v, what));
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
            }
            catch (err) {
                if (err instanceof dist_src/* RequestError */.G && err.status === 422)
                    return false;
                throw err;
            }
        },
        async labelDescription(name) {
            const what = `GET label ${name}`;
            try {
                const res = await octokit.rest.issues.getLabel({ ...repoOf(), name });
                return optStr(obj(res.data, what), 'description') ?? '';
            }
            catch (err) {
                if (err instanceof dist_src/* RequestError */.G && err.status === 404)
                    return null;
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
            }
            catch (err) {
                if (err instanceof dist_src/* RequestError */.G && err.status === 404)
                    return false;
                throw err;
            }
        },
        async issueExists(number) {
            try {
                const res = await octokit.rest.issues.get({ ...repoOf(), issue_number: number });
                obj(res.data, `GET issue #${number}`);
                return true;
            }
            catch (err) {
                if (err instanceof dist_src/* RequestError */.G && (err.status === 404 || err.status === 410))
                    return false;
                throw err;
            }
        },
    };
}

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
    if (status === 408)
        return `No answer from GitHub while trying to ${doing}: ${message}`;
    if (status === 401)
        return `GitHub rejected the token (401 ${message}) while trying to ${doing}; check the 'token' input.`;
    if ((status === 403 || status === 429) && /secondary rate limit|abuse/i.test(message)) {
        const after = Number(e.response?.headers?.['retry-after']);
        const when = Number.isFinite(after) && after > 0 ? ` (GitHub asks to wait ${after} s)` : '';
        return `GitHub secondary rate limit hit while trying to ${doing}${when}: ${message}`;
    }
    if ((status === 403 || status === 429) && /rate limit/i.test(message)) {
        const reset = Number(e.response?.headers?.['x-ratelimit-reset']);
        const when = Number.isFinite(reset) && reset > 0 ? ` (resets at ${new Date(reset * 1000).toISOString()})` : '';
        return `GitHub rate limit hit while trying to ${doing}${when}: ${message}`;
    }
    if (status === 410)
        return `GitHub answered 410 while trying to ${doing}: issues are disabled in this repository.`;
    if (status === 404) {
        // An issue or comment can vanish between reading and writing (deleted, transferred): then the
        // repository is fine, and saying it does not exist would send the reader the wrong way.
        const item = /#\d+/.exec(doing)?.[0] ?? (/\bcomment\b/.test(doing) ? 'the comment' : null);
        return item
            ? `GitHub answered 404 while trying to ${doing}: ${item} no longer exists (deleted or transferred?) or the token cannot see it.`
            : `GitHub answered 404 while trying to ${doing}: the repository does not exist or the token cannot see it.`;
    }
    if (status !== null)
        return `GitHub API error while trying to ${doing}: ${status} ${message}`;
    // GitHub (or a proxy in the way) answered, but not with what GitHub sends: not "could not reach".
    if (err?.name === 'MalformedAnswerError' || /is not what GitHub sends/.test(message)) {
        return `Unusable answer while trying to ${doing}: ${message}`;
    }
    return `Could not reach GitHub while trying to ${doing}: ${message}`;
}
class PublishError extends Error {
}

// EXTERNAL MODULE: ./.tmp/build/render/escape.js
var render_escape = __webpack_require__(6058);
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./.tmp/build/analyse/signatures.js
var signatures = __webpack_require__(3443);
// EXTERNAL MODULE: ./.tmp/build/formats/registry.js + 22 modules
var registry = __webpack_require__(2889);
;// CONCATENATED MODULE: ./.tmp/build/github/marker.js
/**
 * Dedupe keys and the hidden markers that tie an issue (or a pull request comment) to a failure.
 *
 * Why a marker cannot be forged:
 *  - it is an HTML comment on the FIRST line of the body; everything after it is rendered, and the
 *    escaping layer (src/render/escape.ts) never lets `<!--` through from log text;
 *  - the key inside is a SHA-256 prefix of the failure key (hex only), never log text itself;
 *  - only the action's own items are read, edited or closed (isOwnItem): with GITHUB_TOKEN (or a GitHub
 *    App token) a Bot that GitHub says an app acted for, or `github-actions[bot]`; with a personal token,
 *    that person's login (GET /user). A member's issue or comment with a copied marker is someone
 *    else's and is left alone.
 */



function hash(text, length) {
    return (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex').slice(0, length);
}
function normalize(text) {
    return text.replace(/\s+/g, ' ').trim();
}
/**
 * The part of a test command that names the test: what follows a wrapper's `--` (`bisect-report run
 * --runs 10 -- ./test.sh` is the test `./test.sh`, whatever the runs), else the whole command.
 */
function testOfCommand(command) {
    const words = normalize(command).split(' ');
    const dashes = words.indexOf('--');
    const test = dashes >= 0 && dashes < words.length - 1 ? words.slice(dashes + 1) : words;
    return test.join(' ');
}
/**
 * The key of the failure a report is about: the issue-key input, else the failure's title, else the
 * test command the log ran (a plain test log has no title, and a flaky re-run may name another
 * culprit: the test is what stays), else the culprit sha. Direction-aware: a fix bisection of the
 * same crash or test yields the same key as the cause bisection, so it finds the cause issue; a fix
 * bisection with neither has no key of its own (its culprit is the fix, not the cause) unless
 * issue-key is set.
 */
function failureKey(report, issueKeyInput) {
    let text = null;
    if (normalize(issueKeyInput) !== '')
        text = `key:${normalize(issueKeyInput)}`;
    else if (report.crash?.title && normalize(report.crash.title) !== '')
        text = `title:${titleKey(report, report.crash.title)}`;
    else if (report.testCommand && normalize(report.testCommand) !== '')
        text = `test:${testOfCommand(report.testCommand)}`;
    else if (report.direction === 'cause' && report.culprit)
        text = `sha:${report.culprit.sha.toLowerCase()}`;
    if (text === null)
        return null;
    return { text: text.slice(text.indexOf(':') + 1), hash: hash(text, 32) };
}
/**
 * A project's test prints what varies from run to run (durations, temporary paths, PIDs, run
 * numbers) in its failure line: the key is the line without them (docs/trust.md, failure
 * signatures), so every run of one failure finds one issue. Crash titles of a format with its own
 * signatures (kernel crash titles) are stable already and keep their exact text.
 */
function titleKey(report, title) {
    return (0,registry/* formatOf */.be)(report)?.trust?.signatures ? normalize(title) : (0,signatures/* testSignature */.TN)(title);
}
/**
 * What the issue title names the failure by, without what varies from run to run (the same
 * normalisation as the key): two runs of one failure give the same text, so the title a run wrote
 * is kept when a later run differs only in a duration, a path or a run number.
 */
function titleSubjectSignature(report) {
    if (report.crash?.title && normalize(report.crash.title) !== '')
        return titleKey(report, report.crash.title);
    return (0,signatures/* testSignature */.TN)(report.testCommand || report.source);
}
function digest(text) {
    return hash(text, 16);
}
// Anywhere in the body (a person may write above it); log text can never contain `<!--` (escape.ts).
const ISSUE_MARKER = /<!-- bisect-report v1 issue key=([0-9a-f]{32}) digest=([0-9a-f]{16}) status=([a-z-]+) culprit=([0-9a-f]{7,64}|-) trust=([a-z]+|-)(?: title=([0-9a-f]{8}))?(?: titlesig=([0-9a-f]{8}))? -->/;
const COMMENT_MARKER = /<!-- bisect-report v1 pr key=([0-9a-f]{32}) digest=([0-9a-f]{16}) -->/;
function titleHash(title) {
    return hash(title, 8);
}
function issueMarker(m) {
    const title = m.title ? ` title=${m.title}` : '';
    const signature = m.title && m.titleSignature ? ` titlesig=${m.titleSignature}` : '';
    return `<!-- bisect-report v1 issue key=${m.key} digest=${m.digest} status=${m.status} culprit=${m.culprit ?? '-'} trust=${m.trust ?? '-'}${title}${signature} -->`;
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
        title: m[6] ?? null,
        titleSignature: m[7] ?? null,
    };
}
function commentMarker(key, contentDigest) {
    return `<!-- bisect-report v1 pr key=${key} digest=${contentDigest} -->`;
}
function parseCommentMarker(body) {
    const m = COMMENT_MARKER.exec(body ?? '');
    return m ? { key: m[1], digest: m[2] } : null;
}
/** The login GitHub Actions' GITHUB_TOKEN writes as. */
const ACTIONS_BOT = 'github-actions[bot]';
/**
 * Whether an issue or comment is the action's own. `identity` is the login we write as when known
 * (a personal token's GET /user, or the author of something this run created); otherwise only a Bot
 * acting for an app (GITHUB_TOKEN or a GitHub App token) counts. Membership never does.
 */
function isOwnItem(user, identity) {
    if (!user.login)
        return false;
    if (identity !== null)
        return user.login === identity;
    return user.type === 'Bot' && (user.viaApp || user.login === ACTIONS_BOT);
}

// EXTERNAL MODULE: ./.tmp/build/render/context.js
var context = __webpack_require__(4290);
// EXTERNAL MODULE: ./.tmp/build/render/summary.js + 1 modules
var summary = __webpack_require__(6536);
// EXTERNAL MODULE: ./.tmp/build/render/view.js
var view = __webpack_require__(5684);
;// CONCATENATED MODULE: ./.tmp/build/render/issue.js




/** GitHub rejects issue and comment bodies over 65,536 characters; keep a margin. */
const BODY_LIMIT_CHARS = 65_000;
/**
 * Ends the block the action owns in an issue body or comment: its footer line, which log text cannot
 * produce outside a code block (`<` is escaped), so the last one is ours. What follows is a person's.
 */
const BOT_BLOCK_END = /<sub>(?:Filed|Posted) by bisect-report[^\n]*<\/sub>/g;
function checkedMarker(marker) {
    if (marker === undefined || marker === '')
        return [];
    if (!/^<!--[^\n]*-->$/.test(marker) || marker.slice(4, -3).includes('--')) {
        throw new Error('marker must be a one-line HTML comment without "--" inside');
    }
    return [marker, ''];
}
/** Issue titles are plain text (max 256): one line, no mentions or references that could link. */
function renderIssueTitle(report, failure) {
    // `failure` names the failure instead of the report's own text (its signature, to compare titles).
    const subject = (0,render_escape/* plain */.pj)(failure ?? (report.crash?.title || report.testCommand || report.source), 150);
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
function notesText(notes) {
    if (!notes)
        return [];
    const out = [];
    if (notes.notPingedWhy)
        out.push(`The culprit's author is named but not pinged: ${notes.notPingedWhy}.`, '');
    else if (notes.notOnGitHub) {
        out.push('The culprit commit is not on GitHub, so its author is named but not pinged.', '');
    }
    const others = notes.others ?? [];
    if (others.length > 0) {
        out.push(`Also seen in ${others.length} other log${others.length === 1 ? '' : 's'}:`, '');
        for (const r of others.slice(0, 20)) {
            const culprit = r.culprit ? ` ${(0,render_escape/* code */.aY)(r.culprit.sha.slice(0, 12))}` : '';
            out.push(`- ${(0,render_escape/* code */.aY)(r.source, { max: 120 })}: ${(0,render_escape/* plain */.pj)(r.status, 20)}${culprit}${r.trust ? ` (${r.trust.label})` : ''}`);
        }
        if (others.length > 20)
            out.push(`- … and ${others.length - 20} more`);
        out.push('');
    }
    return out;
}
/**
 * The new text of an issue body or comment the action owns: `fresh` (marker first, footer
 * last) replaces the action's block in `existing`; a person's text before and after it stays.
 * Bodies from before the end marker existed are replaced whole.
 */
function mergeBotBlock(existing, fresh, markerStart) {
    const start = existing.indexOf(markerStart);
    const last = [...existing.matchAll(BOT_BLOCK_END)].at(-1);
    if (start < 0 || !last || last.index < start)
        return fresh;
    const before = existing.slice(0, start);
    const after = existing.slice(last.index + last[0].length).replace(/^\n\n?/, '');
    const freshBlock = fresh.endsWith('\n') ? fresh : fresh + '\n';
    return before + freshBlock + after;
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
        return [...marker, ...note, section, ...notesText(opts.notes), ...footer(ctx, 'Filed')].join('\n');
    }, max);
}
/** The comment on the pull request that introduced (or fixed) the culprit. */
function renderPrComment(report, outerCtx, issueUrl, opts = {}) {
    const ctx = (0,context/* reportContext */.gW)(report, outerCtx);
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
            const table = (0,summary/* ledgerTable */.Ab)(report, ctx, detail === 0 ? 1 : 2);
            if (table.length)
                out.push('<details><summary>Evidence per tested commit</summary>', '', ...table, '</details>', '');
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
function renderChangeComment(previous, report, outerCtx) {
    const ctx = (0,context/* reportContext */.gW)(report, outerCtx);
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
/** The comment on a closed issue the action reopens: only when the evidence changed, and it says so. */
function renderReopenComment(previous, report, ctx, extra) {
    return `Reopening: a new bisection shows the failure again, with different evidence than when this issue was closed.\n\n${renderChangeComment(previous, report, ctx)}${extra ? `\n${extra}\n` : ''}`;
}
/** A change comment with an optional trailing line (a `cc @login` the publisher decided on). */
function renderUpdateComment(previous, report, ctx, extra) {
    return renderChangeComment(previous, report, ctx) + (extra ? `\n${extra}\n` : '');
}
function renderDuplicateComment(keep) {
    return `Duplicate of #${keep}: another run filed the same failure. Closing this one.`;
}

;// CONCATENATED MODULE: ./.tmp/build/github/plan.js


const STATUS_RANK = {
    found: 0,
    ambiguous: 1,
    range: 2,
    'no-culprit': 3,
    'not-reproduced': 4,
};
/**
 * Results worth an issue of their own. A range (the tool narrowed the change to nightlies or a
 * pushlog and stops there) is a regression as real as a culprit: it is filed, naming the range and
 * pinging nobody (there is no commit to name an author of). No culprit or not reproduced only
 * update or leave alone an issue that exists.
 */
const FILED = new Set(['found', 'ambiguous', 'range']);
const TRUST_RANK = {
    verified: 0,
    likely: 1,
    range: 2,
    unreliable: 3,
    contradicted: 4,
};
/** Older open duplicates than this are closed by any run; younger ones may be a run still in flight. */
const STALE_DUPLICATE_MS = 10 * 60 * 1000;
const TRUSTED = new Set(['verified', 'likely']);
function isTrusted(report) {
    return report.trust !== null && TRUSTED.has(report.trust.label);
}
function mentionDecision(mode, report, login, blocked = null) {
    if (!login)
        return { mention: false, why: null };
    if (mode === 'never')
        return { mention: false, why: 'mention-author is set to never' };
    const why = blocked?.[report.culprit?.sha.toLowerCase() ?? ''];
    if (why)
        return { mention: false, why };
    if (mode === 'always' || isTrusted(report))
        return { mention: true, why: null };
    const label = report.trust?.label ?? 'not judged';
    return {
        mention: false,
        why: `the trust label is ${label}; mention-author: auto pings the author only for verified or likely culprits`,
    };
}
/**
 * The label whose creation claims the filing of an issue for a failure key (≤ 50 characters, as
 * GitHub requires). `filed` counts the action's issues already filed for the key (any state): runs
 * racing on the same state pick the same label, while a later filing (after a duplicate was closed)
 * claims a new one instead of finding an old claim in its way.
 */
function claimLabelFor(key, filed) {
    return `${claimPrefix(key)}${filed}`;
}
function claimPrefix(key) {
    return `bisect-report:${key.hash.slice(0, 24)}:`;
}
function conclusionOf(r) {
    return { status: r.status, culprit: r.culprit?.sha.toLowerCase() ?? null, trust: r.trust?.label ?? null };
}
function sameConclusion(a, b) {
    return a.status === b.status && (a.culprit ?? '') === (b.culprit ?? '') && a.trust === b.trust;
}
function stateOf(c) {
    return { status: c.status, culprit: c.culprit, label: c.trust, probability: null };
}
function better(a, b) {
    const sa = STATUS_RANK[a.status] ?? 9;
    const sb = STATUS_RANK[b.status] ?? 9;
    if (sa !== sb)
        return sa < sb;
    return (a.trust ? TRUST_RANK[a.trust.label] : 5) < (b.trust ? TRUST_RANK[b.trust.label] : 5);
}
/** Whether a report can lead to an issue. */
function mayFileIssue(r) {
    return r.direction === 'cause' ? STATUS_RANK[r.status] !== undefined : r.status === 'found' && !!r.culprit;
}
function groupReports(reports, issueKey, info) {
    const groups = new Map();
    for (const r of reports) {
        if (!mayFileIssue(r))
            continue;
        const key = failureKey(r, issueKey);
        if (!key) {
            info.push(`${r.source}: no failure title to key an issue by` +
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
        else
            groups.set(id, { key, direction: r.direction, reports: [r], primary: r });
    }
    for (const g of groups.values())
        g.reports = [g.primary, ...g.reports.filter((x) => x !== g.primary)];
    return [...groups.values()];
}
/** The action's own issues per key, oldest first. */
function tracked(state) {
    const byKey = new Map();
    for (const issue of state.issues ?? []) {
        if (issue.isPull || !isOwnItem(issue.user, state.identity))
            continue;
        const marker = parseIssueMarker(issue.body);
        if (!marker)
            continue;
        const list = byKey.get(marker.key) ?? [];
        list.push({ issue, marker });
        byKey.set(marker.key, list);
    }
    for (const list of byKey.values())
        list.sort((a, b) => a.issue.number - b.issue.number);
    return byKey;
}
const MARKER_START = '<!-- bisect-report v1 ';
function labelPage(ctx, label) {
    if (!ctx.repository)
        return null;
    return `${ctx.serverUrl.replace(/\/+$/, '')}/${ctx.repository}/labels/${encodeURIComponent(label)}`;
}
function plan(reports, state, opts, runCtx) {
    const info = [];
    const needs = { prComments: [], claims: [], waitFor: [] };
    const ctx = { ...runCtx, authorLogins: { ...runCtx.authorLogins } };
    for (const [sha, a] of Object.entries(state.authors))
        if (a.login)
            ctx.authorLogins[sha] = a.login;
    const byKey = tracked(state);
    const groups = groupReports(reports, opts.issueKey, info);
    const out = [];
    const authorOf = (r) => r.culprit ? (state.authors[r.culprit.sha.toLowerCase()] ?? state.authors[r.culprit.sha] ?? null) : null;
    const decide = (r) => mentionDecision(opts.mentionAuthor, r, authorOf(r)?.login ?? null, opts.mentionBlocked ?? null);
    /** A `cc @login` under a change comment: only for a new or newly trusted culprit. */
    const ccLine = (r, before) => {
        const login = authorOf(r)?.login;
        if (!decide(r).mention || !login)
            return '';
        const wasTrusted = before?.trust === 'verified' || before?.trust === 'likely';
        const newCulprit = (before?.culprit ?? '') !== (r.culprit?.sha.toLowerCase() ?? '');
        return newCulprit || !wasTrusted ? `cc @${login}` : '';
    };
    for (const g of groups) {
        const matches = byKey.get(g.key.hash) ?? [];
        const claimLabel = claimLabelFor(g.key, matches.length);
        const gp = {
            key: g.key,
            direction: g.direction,
            primary: g.primary,
            claimLabel,
            outcome: { key: g.key.text, source: g.primary.source, number: null, url: null, action: 'none' },
            actions: [],
        };
        out.push(gp);
        const set = (action, issue) => {
            gp.outcome = { ...gp.outcome, action, number: issue?.number ?? null, url: issue?.url ?? null };
        };
        const r = g.primary;
        const claim = state.claims[claimLabel];
        /** The link the PR comment gives: the claim label's page lists the issue before its number is known. */
        let issueLink = null;
        const lostClaim = Object.entries(state.claims).some(([label, c]) => (c === 'lost' || c === 'gave-up') && label.startsWith(claimPrefix(g.key)));
        let prCommentAllowed = !lostClaim;
        if (g.direction === 'fix') {
            const open = matches.find((m) => m.issue.open);
            const last = open ?? matches[matches.length - 1];
            if (!open) {
                set(last ? 'closed' : 'none', last?.issue ?? null);
                continue;
            }
            set('open', open.issue);
            if (!opts.createIssue || !opts.closeOnFix)
                continue;
            gp.actions.push({
                kind: 'comment',
                number: open.issue.number,
                body: renderChangeComment(null, r, ctx),
                mention: null,
                reason: 'a fix bisection found the commit that fixes this failure',
            }, {
                kind: 'close-issue',
                number: open.issue.number,
                stateReason: 'completed',
                reason: 'fixed (fix bisection)',
            });
            set('closed', open.issue);
            continue;
        }
        const info1 = authorOf(r);
        const d = decide(r);
        const notes = {
            notPingedWhy: info1?.login && d.why ? d.why : null,
            // An author-map login may be pinged for a commit GitHub does not know: then it is not "not pinged".
            notOnGitHub: !!r.culprit && info1?.onGitHub === false && !d.mention,
            others: g.reports.slice(1),
        };
        const title = renderIssueTitle(r);
        // The title without what varies per run: the same for every run of one failure and conclusion.
        const signatureTitle = renderIssueTitle(r, titleSubjectSignature(r));
        const titleSignature = titleHash(signatureTitle);
        const conclusion = conclusionOf(r);
        if (opts.createIssue) {
            const open = matches.filter((m) => m.issue.open);
            const closed = matches.filter((m) => !m.issue.open && m.issue.stateReason !== 'duplicate');
            const canonical = open[0] ?? closed[closed.length - 1] ?? null;
            // Compared between runs: everything but the run link (new every run), the marker itself and
            // what varies per run in the failure line (the body does not show it; the title is kept).
            const stable = renderIssueBody(r, { ...ctx, runUrl: null }, { mentionAuthor: d.mention, notes });
            const dig = digest(`${signatureTitle}\n${stable}`);
            const canFile = FILED.has(r.status);
            if (!canonical) {
                if (!canFile) {
                    set('none', null);
                }
                else if (state.issues !== null && claim === undefined) {
                    needs.claims.push(claimLabel);
                    set('create', null);
                }
                else if (claim === 'lost') {
                    needs.waitFor.push(claimLabel);
                    set('wait', null);
                }
                else if (claim === 'gave-up') {
                    info.push('Another run claimed this failure and filed no issue in time; a third run took its filing over. Not filing it here.');
                    set('none', null);
                }
                else {
                    const marker = issueMarker({
                        key: g.key.hash,
                        digest: dig,
                        ...conclusion,
                        title: titleHash(title),
                        titleSignature,
                    });
                    const body = renderIssueBody(r, ctx, { marker, mentionAuthor: d.mention, notes });
                    gp.actions.push({
                        kind: 'create-issue',
                        title,
                        body,
                        labels: [...opts.labels, claimLabel],
                        reason: claim === 'stale'
                            ? 'no issue for this failure yet (an earlier run claimed it but filed nothing)'
                            : 'no issue for this failure yet',
                    });
                    set('created', null);
                    issueLink = labelPage(ctx, claimLabel);
                }
            }
            else {
                const c = canonical.issue;
                const ownClaim = c.labels.find((l) => l.startsWith(claimPrefix(g.key)));
                issueLink = ownClaim ? labelPage(ctx, ownClaim) : c.url;
                // A title the action did not set (marker hash differs) is a person's: keep it, and keep the
                // hash of the action's last title in the marker so it stays told apart on every later run.
                const titleIsOurs = !canonical.marker.title || canonical.marker.title === titleHash(c.title);
                // Same signature: only a duration, a path or a run number differs, so the title stays put.
                const sameFailure = canonical.marker.titleSignature === titleSignature;
                const newTitle = titleIsOurs && !sameFailure && c.title !== title ? title : undefined;
                const marker = issueMarker({
                    key: g.key.hash,
                    digest: dig,
                    ...conclusion,
                    title: titleIsOurs ? titleHash(newTitle ?? c.title) : canonical.marker.title,
                    titleSignature,
                });
                const fresh = renderIssueBody(r, ctx, { marker, mentionAuthor: d.mention, notes });
                const body = mergeBotBlock(c.body, fresh, MARKER_START);
                const tooLong = body.length > BODY_LIMIT_CHARS + 536;
                const finalBody = tooLong ? fresh : body;
                const changed = canonical.marker.digest !== dig;
                for (const dup of open.slice(1)) {
                    if (state.now - dup.issue.createdAt <= STALE_DUPLICATE_MS)
                        continue;
                    gp.actions.push({
                        kind: 'comment',
                        number: dup.issue.number,
                        body: renderDuplicateComment(c.number),
                        mention: null,
                        reason: `duplicate of #${c.number}`,
                    }, {
                        kind: 'close-issue',
                        number: dup.issue.number,
                        stateReason: 'duplicate',
                        reason: `duplicate of #${c.number}, left by an interrupted run`,
                    });
                }
                if (!c.open) {
                    if (!canFile)
                        set('closed', c);
                    else if (c.stateReason === 'not_planned') {
                        info.push(`Issue #${c.number} was closed as not planned; leaving it closed.`);
                        set('left-closed', c);
                    }
                    else if (!changed) {
                        info.push(`Issue #${c.number} was closed and this bisection shows the same evidence; leaving it closed.`);
                        set('left-closed', c);
                    }
                    else {
                        gp.actions.push({
                            kind: 'reopen-issue',
                            number: c.number,
                            ...(newTitle ? { title: newTitle } : {}),
                            body: finalBody,
                            reason: 'the failure is back with different evidence',
                        }, {
                            kind: 'comment',
                            number: c.number,
                            body: renderReopenComment(stateOf(canonical.marker), r, ctx, ccLine(r, canonical.marker)),
                            mention: ccLine(r, canonical.marker) ? (authorOf(r)?.login ?? null) : null,
                            reason: 'say why the issue is reopened',
                        });
                        set('reopened', c);
                    }
                }
                else if (!changed) {
                    set('unchanged', c);
                }
                else {
                    gp.actions.push({
                        kind: 'update-issue',
                        number: c.number,
                        ...(newTitle ? { title: newTitle } : {}),
                        body: finalBody,
                        reason: 'the evidence changed (digest)',
                    });
                    if (sameConclusion(canonical.marker, conclusion))
                        set('updated', c);
                    else {
                        const cc = ccLine(r, canonical.marker);
                        gp.actions.push({
                            kind: 'comment',
                            number: c.number,
                            body: renderUpdateComment(stateOf(canonical.marker), r, ctx, cc),
                            mention: cc ? (authorOf(r)?.login ?? null) : null,
                            reason: 'the conclusion changed (status, culprit or trust)',
                        });
                        set('commented', c);
                    }
                }
                // A tracked failure: any run may create its missing PR comment, except one that lost this
                // failure's claim: the winner is posting it right now (its POST may land after our read).
                prCommentAllowed = !lostClaim;
            }
        }
        // The sticky PR comment.
        if (!opts.commentOnPr || r.status !== 'found' || !r.culprit)
            continue;
        const author = authorOf(r);
        if (!author || author.pulls.length === 0)
            continue;
        if (gp.outcome.action === 'create' || gp.outcome.action === 'wait') {
            // Decided once the claim is settled.
            for (const pr of author.pulls)
                if (!state.prComments[pr.number])
                    needs.prComments.push(pr.number);
            continue;
        }
        const stableComment = renderPrComment(r, { ...ctx, runUrl: null }, issueLink);
        const dig = digest(stableComment);
        const body = renderPrComment(r, ctx, issueLink, { marker: commentMarker(g.key.hash, dig) });
        // Commenting on a PR notifies its author: only for culprits the trust analysis stands behind.
        const blockedWhy = opts.mentionBlocked?.[r.culprit.sha.toLowerCase()] ?? null;
        const mayCreate = (opts.mentionAuthor === 'always' || isTrusted(r)) && prCommentAllowed && blockedWhy === null;
        for (const pr of author.pulls) {
            const comments = state.prComments[pr.number];
            if (!comments) {
                needs.prComments.push(pr.number);
                continue;
            }
            const existing = comments.find((c) => parseCommentMarker(c.body)?.key === g.key.hash && isOwnItem(c.user, state.identity));
            if (existing) {
                if (parseCommentMarker(existing.body)?.digest === dig)
                    continue;
                gp.actions.push({
                    kind: 'update-pr-comment',
                    pr: pr.number,
                    commentId: existing.id,
                    body: mergeBotBlock(existing.body, body, MARKER_START),
                    reason: 'the evidence changed',
                });
            }
            else if (mayCreate) {
                gp.actions.push({
                    kind: 'create-pr-comment',
                    pr: pr.number,
                    body,
                    reason: 'this pull request brought in the culprit',
                });
            }
            else if (claim !== 'lost') {
                info.push(`Not commenting on pull request #${pr.number}: ${blockedWhy ?? `the trust label is ${r.trust?.label ?? 'not judged'}`}.`);
            }
        }
    }
    needs.prComments = [...new Set(needs.prComments)];
    return { groups: out, needs, info };
}
/** True when nothing more must be known before the plan's actions can be applied. */
function settled(p) {
    return p.needs.prComments.length === 0 && p.needs.claims.length === 0 && p.needs.waitFor.length === 0;
}

;// CONCATENATED MODULE: ./.tmp/build/github/publish.js







const ISSUES_WRITE = 'issues: write';
const PULLS_WRITE = 'pull-requests: write';
/** How long a run that lost a claim waits for the winner's issue before taking the filing over. */
const CLAIM_WAIT_MS = [200, 400, 800, 1600, 3200, 6400, 12800, 25600];
/**
 * A claim label says when it was made. A later run that finds the claim taken and no issue carrying
 * it can tell a claim older than the whole wait (its issue deleted by a person, or its run stopped)
 * from a filing under way, and files at once instead of waiting for nobody.
 */
const claimDescription = (at) => `bisect-report: claimed ${at.toISOString().slice(0, 19)}Z; the run that made this label files the issue`;
const CLAIMED_AT = /claimed (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/;
async function inPool(items, width, fn) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await fn(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
const publish_sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** A create that failed this way may still have been applied by GitHub: look before trying again. */
function mayHaveApplied(err) {
    if (err instanceof MalformedAnswerError)
        return true;
    const status = httpStatus(err);
    return status === null || status >= 500;
}
function doing(a) {
    switch (a.kind) {
        case 'create-issue':
            return ['create an issue', ISSUES_WRITE];
        case 'update-issue':
            return [`update issue #${a.number}`, ISSUES_WRITE];
        case 'reopen-issue':
            return [`reopen issue #${a.number}`, ISSUES_WRITE];
        case 'close-issue':
            return [`close issue #${a.number}`, ISSUES_WRITE];
        case 'comment':
            return [`comment on issue #${a.number}`, ISSUES_WRITE];
        case 'create-pr-comment':
            return [`comment on pull request #${a.pr}`, PULLS_WRITE];
        case 'update-pr-comment':
            return [`update the comment on pull request #${a.pr}`, PULLS_WRITE];
    }
}
function preview(a) {
    switch (a.kind) {
        case 'create-issue':
            return `title: ${a.title}\nlabels: ${a.labels.join(', ')}\n${a.body}`;
        case 'update-issue':
        case 'reopen-issue':
            return `#${a.number}${a.title ? `\ntitle: ${a.title}` : ''}\n${a.body}`;
        case 'close-issue':
            return `#${a.number}: state closed (${a.stateReason})`;
        default:
            return a.body;
    }
}
function createPublisher(opts) {
    const env = opts.env ?? process.env;
    const client = opts.token
        ? createClient({
            token: opts.token,
            owner: opts.owner,
            repo: opts.repo,
            apiUrl: opts.apiUrl,
            dryRun: opts.dryRun,
            warning: opts.warning,
            waitScale: waitScaleFromEnv(env),
            timeoutMs: Number(env.BISECT_REPORT_TIMEOUT_MS) > 0 ? Number(env.BISECT_REPORT_TIMEOUT_MS) : undefined,
        })
        : null;
    const readOnly = opts.dryRun ? null : readOnlyReason(env);
    // Tests of an interrupted winner shorten the claim waits (BISECT_REPORT_WAIT_SCALE leaves them alone:
    // racing runs must keep waiting for a winner slowed by a loaded machine).
    const claimWaitScale = waitScaleFromEnv({ BISECT_REPORT_WAIT_SCALE: env.BISECT_REPORT_CLAIM_WAIT_SCALE });
    const mode = opts.dryRun ? 'dry-run' : readOnly ? 'read-only' : 'write';
    const resolver = new AuthorResolver(client, { owner: opts.owner, repo: opts.repo }, opts.authorMap, opts.commentOnPr);
    const authors = {};
    const labels = opts.labels.length > 0 ? opts.labels : ['bisection'];
    /** The login we write as: a personal token's GET /user, or the author of what this run created. */
    let identity = null;
    // Started with the author look-ups so they share the first round trip.
    let issuesEarly = null;
    let viewerEarly = null;
    let offlineWarned = false;
    /** Look-ups that failed once are not tried again in apply (a hung GitHub must not cost twice). */
    const failedLookups = new Set();
    /** mention-only-reachable-from: culprit sha (lower case) → why its author is not pinged. */
    const blocked = {};
    const reachRef = opts.mentionReachableFrom ?? null;
    const reachChecked = new Set();
    /**
     * Fails closed: a commit is pingable only when GitHub says it is reachable from the ref. The
     * reason is said in the issue and the summary; `ref` is input text, so it is shown as code.
     */
    async function checkReachable(sha) {
        const key = sha.toLowerCase();
        if (!reachRef || reachChecked.has(key))
            return;
        reachChecked.add(key);
        const from = `${(0,render_escape/* code */.aY)(reachRef, { max: 100 })} (mention-only-reachable-from)`;
        if (!client) {
            blocked[key] = `without a token, it cannot be checked that the commit is reachable from ${from}`;
            return;
        }
        try {
            const reachable = await client.isReachable(reachRef, sha);
            if (reachable === 'unknown')
                blocked[key] =
                    `GitHub could not compare the commit with ${from}: one of them is not in this repository`;
            else if (!reachable)
                blocked[key] = `the commit is not reachable from ${from}`;
        }
        catch (err) {
            blocked[key] = `it could not be checked that the commit is reachable from ${from}`;
            if (mode === 'dry-run')
                offline(err, `check that ${sha.slice(0, 12)} is reachable from ${reachRef}`, null);
            else
                opts.warning(describeError(err, `check that ${sha.slice(0, 12)} is reachable from ${reachRef}`, null));
        }
    }
    /** Dry run: GitHub unreachable is not an error; say so once and preview as if nothing existed. */
    function offline(err, what, fallback) {
        if (mode !== 'dry-run')
            throw new PublishError(describeError(err, what, null));
        if (!offlineWarned) {
            opts.warning(`${describeError(err, what, null)}. Dry run: showing what a run would do if GitHub held nothing yet.`);
            offlineWarned = true;
        }
        return fallback;
    }
    async function lookUp(r) {
        if (!r.culprit)
            return null;
        const info = await resolver.resolve(r.culprit);
        authors[r.culprit.sha.toLowerCase()] = info;
        return info;
    }
    async function readIssues() {
        if (!client)
            return null;
        const early = issuesEarly;
        issuesEarly = null;
        try {
            return await (early ?? client.listIssues(labels));
        }
        catch (err) {
            return offline(err, 'list issues', null);
        }
    }
    async function readComments(number) {
        if (!client)
            return [];
        try {
            return await client.listComments(number);
        }
        catch (err) {
            return offline(err, `list comments on #${number}`, []);
        }
    }
    /** Sends one action (or, in dry-run/read-only mode, prints it); returns the created issue if any. */
    async function perform(a, g) {
        const [what, permission] = doing(a);
        if (mode !== 'write' || !client) {
            opts.info(mode === 'dry-run' ? `[dry-run] would ${what}:\n${preview(a)}` : `(read-only) would ${what}`);
            return null;
        }
        try {
            switch (a.kind) {
                case 'create-issue': {
                    const made = await createOnce(() => client.createIssue({ title: a.title, body: a.body, labels: a.labels }), async () => (await client.listIssues(labels)).find((i) => isOwnItem(i.user, identity) && parseIssueMarker(i.body)?.key === g.key.hash) ?? null);
                    identity ??= made.user.login;
                    await ensureLabels(made, a.labels);
                    return made;
                }
                case 'update-issue':
                case 'reopen-issue':
                    await client.updateIssue(a.number, {
                        body: a.body,
                        ...(a.title ? { title: a.title } : {}),
                        ...(a.kind === 'reopen-issue' ? { state: 'open' } : {}),
                    });
                    return null;
                case 'close-issue':
                    await client.updateIssue(a.number, { state: 'closed', state_reason: a.stateReason });
                    return null;
                case 'comment':
                    await createOnce(() => client.createComment(a.number, a.body), async () => (await client.listComments(a.number)).find((c) => c.body === a.body && isOwnItem(c.user, identity)) ?? null);
                    return null;
                case 'create-pr-comment':
                    await createOnce(() => client.createComment(a.pr, a.body), async () => (await client.listComments(a.pr)).find((c) => parseCommentMarker(c.body)?.key === g.key.hash && isOwnItem(c.user, identity)) ?? null);
                    return null;
                case 'update-pr-comment':
                    await client.updateComment(a.commentId, a.body);
                    return null;
            }
        }
        catch (err) {
            throw new PublishError(describeError(err, what, permission));
        }
    }
    /** A create GitHub may have applied though the answer was lost: look for it before sending again. */
    async function createOnce(create, find) {
        try {
            return await create();
        }
        catch (err) {
            if (!mayHaveApplied(err))
                throw err;
            const found = await find();
            if (found)
                return found;
            return create();
        }
    }
    /**
     * GitHub creates missing labels named in POST /issues, but silently drops them for tokens without
     * push access; an unlabelled issue would be invisible to the next run's list, so add them explicitly.
     */
    async function ensureLabels(issue, wanted) {
        const missing = wanted.filter((l) => !issue.labels.includes(l));
        if (missing.length === 0 || !client)
            return;
        const now = await client.addLabels(issue.number, missing);
        const still = missing.filter((l) => !now.includes(l));
        if (still.length > 0) {
            opts.warning(`GitHub did not put the label(s) ${still.join(', ')} on issue #${issue.number}; later runs find issues by label and would open a new one.`);
        }
    }
    /** Claims: the first run to create the label files the issue. */
    async function claim(label) {
        if (mode !== 'write' || !client)
            return 'won';
        try {
            return (await client.createLabel(label, claimDescription(new Date()))) ? 'won' : 'lost';
        }
        catch (err) {
            // The claim is the first step of filing: say so in the terms a workflow author knows.
            throw new PublishError(describeError(err, 'create an issue', ISSUES_WRITE));
        }
    }
    /** When a taken claim was made (ms), if its label says so (claims made by older versions do not). */
    async function claimedAt(label) {
        if (mode !== 'write' || !client)
            return null;
        try {
            const at = CLAIMED_AT.exec((await client.labelDescription(label)) ?? '');
            return at ? Date.parse(at[1]) : null;
        }
        catch {
            return null; // cannot tell: wait for the claim's winner
        }
    }
    /** After a takeover: the claim is this run's now, so a later stale claim needs a new takeover label. */
    async function renewClaim(label) {
        try {
            await client?.setLabelDescription(label, claimDescription(new Date()));
        }
        catch (err) {
            opts.info(`Could not renew the claim label ${label}: ${describeError(err, 'update a label', ISSUES_WRITE)}`);
        }
    }
    /**
     * Claim label → the takeover label this run created to take its filing over. Only the claim label
     * stays on the issue; a takeover label is spent once the failure has its issue, so it is deleted
     * then (one would pile up per deleted issue otherwise). Only labels this run created are deleted.
     */
    const takeovers = new Map();
    /** Deletes the takeover labels of a failure that has its issue now (claim labels share a prefix). */
    async function dropTakeovers(g) {
        const failure = g.claimLabel.slice(0, g.claimLabel.lastIndexOf(':') + 1);
        for (const [claimLabel, label] of takeovers) {
            if (!client || !claimLabel.startsWith(failure))
                continue;
            takeovers.delete(claimLabel);
            try {
                await client.deleteLabel(label); // false: already gone, as wanted
            }
            catch (err) {
                opts.info(`Could not delete the spent takeover label ${label}: ${describeError(err, 'delete a label', ISSUES_WRITE)}`);
            }
        }
    }
    /** Takes a claim's filing over through the label `label`; true when this run won it. */
    async function takeOver(claimLabel, label) {
        const won = (await claim(label)) === 'won';
        if (won) {
            takeovers.set(claimLabel, label);
            await renewClaim(claimLabel);
        }
        return won;
    }
    function wouldWord(action) {
        if (mode === 'write')
            return action;
        return action === 'created' ? 'would-create' : `would-${action}`;
    }
    return {
        async resolveAuthors(reports) {
            const logins = {};
            const culprits = reports.filter((r) => r.culprit && (r.status === 'found' || r.direction === 'fix'));
            if (opts.createIssue && client && reports.some(mayFileIssue)) {
                issuesEarly = client.listIssues(labels);
                issuesEarly.catch(() => undefined); // apply() awaits it and reports the error
            }
            // Installation tokens (GITHUB_TOKEN, GitHub Apps: ghs_) cannot call GET /user; personal ones can.
            if (client && !opts.token.startsWith('ghs_') && reports.some(mayFileIssue)) {
                viewerEarly = client.viewer().catch(() => null);
            }
            let warned = false;
            // Same round trip as the author look-ups.
            const reach = Promise.all([...new Set(culprits.map((r) => r.culprit.sha))].map((sha) => checkReachable(sha)));
            await inPool(culprits, 4, async (r) => {
                try {
                    const info = await lookUp(r);
                    if (info?.login)
                        logins[r.culprit.sha] = info.login;
                }
                catch (err) {
                    failedLookups.add(r.culprit.sha.toLowerCase());
                    const what = `look up the author of ${r.culprit.sha.slice(0, 12)}`;
                    if (mode === 'dry-run')
                        offline(err, what, null);
                    else if (!warned)
                        opts.warning(describeError(err, what, null));
                    warned = true;
                }
            });
            await reach;
            return logins;
        },
        notPinged() {
            return blocked;
        },
        async apply(reports, ctx) {
            const result = { issues: [], requests: 0, error: null };
            if (readOnly) {
                opts.warning(`Not writing issues or pull request comments: ${readOnly}, so GITHUB_TOKEN is read-only. ` +
                    `The summary and outputs are written. ${WORKFLOW_RUN_HINT}`);
            }
            let final = null;
            try {
                for (const r of reports) {
                    if (!r.culprit)
                        continue;
                    if (!authors[r.culprit.sha.toLowerCase()])
                        await lookUp(r).catch(() => null);
                    await checkReachable(r.culprit.sha);
                }
                identity = (await viewerEarly) ?? null;
                const state = {
                    identity,
                    issues: opts.createIssue ? await readIssues() : [],
                    authors,
                    prComments: {},
                    claims: {},
                    now: Date.now(),
                };
                const planOpts = {
                    createIssue: opts.createIssue,
                    commentOnPr: opts.commentOnPr,
                    closeOnFix: opts.closeOnFix,
                    mentionAuthor: opts.mentionAuthor,
                    issueKey: opts.issueKey,
                    labels,
                    mentionBlocked: reachRef ? blocked : null,
                };
                const printed = new Set();
                let waits = 0;
                const ageChecked = new Set();
                for (let round = 0; round < CLAIM_WAIT_MS.length + 6; round++) {
                    const p = plan(reports, state, planOpts, ctx);
                    for (const line of p.info) {
                        if (printed.has(line))
                            continue;
                        opts.info(line);
                        printed.add(line);
                    }
                    final = p;
                    if (settled(p))
                        break;
                    await Promise.all([
                        ...p.needs.prComments.map(async (pr) => void (state.prComments[pr] = await readComments(pr))),
                        ...p.needs.claims.map(async (label) => void (state.claims[label] = await claim(label))),
                    ]);
                    if (p.needs.waitFor.length === 0)
                        continue;
                    // A claim older than the whole wait with no issue carrying it has no winner to wait for (a person
                    // deleted its issue, or its run stopped): take the filing over at once, through a claim named
                    // after the stale one's time so that runs racing here still file one issue.
                    const staleAfter = CLAIM_WAIT_MS.reduce((x, y) => x + y) * claimWaitScale;
                    const ages = await Promise.all(p.needs.waitFor
                        .filter((label) => !ageChecked.has(label))
                        .map(async (label) => {
                        ageChecked.add(label);
                        return { label, at: await claimedAt(label) };
                    }));
                    let tookOver = false;
                    for (const { label, at } of ages) {
                        if (at === null || Date.now() - at < staleAfter)
                            continue;
                        const won = await takeOver(label, `${label}+${Math.floor(at / 1000).toString(36)}`);
                        state.claims[label] = won ? 'stale' : 'gave-up';
                        if (won) {
                            opts.info(`This failure was claimed at ${new Date(at).toISOString()} but no issue carries the claim (deleted, or that run stopped): filing it now.`);
                        }
                        tookOver = true;
                    }
                    // Read the issues again before filing: a run that filed this failure a moment ago deletes its
                    // spent takeover label, so this run may have won it anew; that run's issue is listed by now.
                    if (tookOver) {
                        if (takeovers.size > 0)
                            state.issues = await readIssues();
                        continue;
                    }
                    // Lost a claim (contended case only): wait for the winner's issue, then plan again.
                    if (waits < CLAIM_WAIT_MS.length) {
                        await publish_sleep(CLAIM_WAIT_MS[waits++] * claimWaitScale);
                        state.issues = await readIssues();
                        state.prComments = {}; // the winner may be posting its PR comment right now
                    }
                    else {
                        // The winner filed nothing in time (interrupted, or very slow). One waiting run takes over,
                        // through a second claim, so a slow winner costs at most one extra issue, not one per
                        // waiting run. The hour in its name keeps a takeover that died too from blocking for good.
                        const waited = Math.round((CLAIM_WAIT_MS.reduce((a, b) => a + b) * claimWaitScale) / 1000);
                        for (const label of p.needs.waitFor) {
                            const hour = new Date().toISOString().slice(2, 13).replace(/[-T]/g, '');
                            const won = await takeOver(label, `${label}+${hour}`);
                            state.claims[label] = won ? 'stale' : 'gave-up';
                            if (won) {
                                opts.warning(`Another run claimed this failure but filed no issue within ${waited} s; filing it now.`);
                            }
                        }
                        if (takeovers.size > 0)
                            state.issues = await readIssues();
                    }
                }
                if (!final || !settled(final))
                    throw new PublishError('could not settle what to publish');
                const plans = final.groups;
                await inPool(plans, 4, async (g) => {
                    const first = g.actions.filter((a) => a.kind !== 'close-issue');
                    const made = await Promise.all(first.map((a) => perform(a, g)));
                    const issue = made.find((m) => m !== null);
                    if (issue)
                        g.outcome = { ...g.outcome, number: issue.number, url: issue.url };
                    for (const a of g.actions.filter((x) => x.kind === 'close-issue'))
                        await perform(a, g);
                    if (g.outcome.number !== null)
                        await dropTakeovers(g);
                    if (g.actions.length > 0)
                        g.outcome = { ...g.outcome, action: wouldWord(g.outcome.action) };
                });
            }
            catch (err) {
                result.error =
                    err instanceof PublishError ? err.message : describeError(err, 'publish to GitHub', null);
            }
            result.issues = (final?.groups ?? [])
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
