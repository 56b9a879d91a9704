/** Turns GitHub API failures into one line a workflow author can act on (never a stack, never the token). */

export const PERMISSIONS_BLOCK = 'permissions: { contents: read, issues: write, pull-requests: write }';

interface RequestErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

export function httpStatus(err: unknown): number | null {
  const s = (err as RequestErrorLike)?.status;
  return typeof s === 'number' ? s : null;
}

function firstLine(text: string): string {
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
function networkFailure(err: unknown): string | null {
  let cur: unknown = err;
  let found: string | null = null;
  for (let depth = 0; depth < 5 && cur && typeof cur === 'object'; depth++) {
    const e = cur as { message?: unknown; code?: unknown; cause?: unknown };
    const text = [e.code, e.message].filter((x) => typeof x === 'string').join(' ');
    if (NETWORK.test(text)) found = firstLine(text);
    cur = e.cause;
  }
  return found;
}

/**
 * One-line description of a failed request. `doing` says what we tried ("create an issue"),
 * `permission` which token permission that needs ("issues: write").
 */
export function describeError(err: unknown, doing: string, permission: string | null): string {
  const e = err as RequestErrorLike;
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
    return (
      `GitHub refused to ${doing} (403 Resource not accessible by integration): the token lacks '${needed}'. ` +
      `Add "${PERMISSIONS_BLOCK}" to the workflow job, or turn off create-issue/comment-on-pr.`
    );
  }
  const network = networkFailure(err);
  if ((status === null || status === 500) && network) {
    return `Could not reach GitHub while trying to ${doing}: ${network}`;
  }
  if (status === 408) return `No answer from GitHub while trying to ${doing}: ${message}`;
  if (status === 401)
    return `GitHub rejected the token (401 ${message}) while trying to ${doing}; check the 'token' input.`;
  if ((status === 403 || status === 429) && /secondary rate limit|abuse/i.test(message)) {
    const after = Number(e.response?.headers?.['retry-after']);
    const when = Number.isFinite(after) && after > 0 ? ` (GitHub asks to wait ${after} s)` : '';
    return `GitHub secondary rate limit hit while trying to ${doing}${when}: ${message}`;
  }
  if ((status === 403 || status === 429) && /rate limit/i.test(message)) {
    const reset = Number(e.response?.headers?.['x-ratelimit-reset']);
    const when =
      Number.isFinite(reset) && reset > 0 ? ` (resets at ${new Date(reset * 1000).toISOString()})` : '';
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
  if (status !== null) return `GitHub API error while trying to ${doing}: ${status} ${message}`;
  // GitHub (or a proxy in the way) answered, but not with what GitHub sends: not "could not reach".
  if ((err as Error)?.name === 'MalformedAnswerError' || /is not what GitHub sends/.test(message)) {
    return `Unusable answer while trying to ${doing}: ${message}`;
  }
  return `Could not reach GitHub while trying to ${doing}: ${message}`;
}

export class PublishError extends Error {}
