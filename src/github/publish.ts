/**
 * Files one issue per failure and one sticky comment per pull request, with as few requests as possible:
 *
 *   resolveAuthors (reads):  GET /commits/{sha}, GET /commits/{sha}/pulls       (cached per sha)
 *   apply:                   GET /issues?labels=…&state=all (once per run, paginated)
 *                            POST/PATCH issue, POST comment                     (only what changed)
 *                            GET /issues?… again, once, only if issues were created (race check)
 *                            GET + POST/PATCH /issues/{pr}/comments             (sticky PR comment)
 *
 * Fresh failure with one PR: 7 requests; identical re-run: 4 reads, no write.
 * Loaded lazily by main (dynamic import) so runs without GitHub never load Octokit.
 */
import type { Report, Status, TrustLabel } from '../model.js';
import type { RenderContext } from '../render/context.js';
import { AuthorResolver, type AuthorInfo } from './authors.js';
import { createClient, waitScaleFromEnv, type GitHubClient } from './client.js';
import { describeError, PublishError } from './errors.js';
import { readOnlyReason, WORKFLOW_RUN_HINT } from './event.js';
import {
  commentMarker,
  digest,
  failureKey,
  isTrustedAuthor,
  issueMarker,
  parseCommentMarker,
  parseIssueMarker,
  type Conclusion,
  type FailureKey,
  type IssueMarker,
} from './marker.js';
import {
  changeComment,
  duplicateComment,
  fixedComment,
  isTrusted,
  issueBody,
  issueTitle,
  mentionDecision,
  pullComment,
  reopenComment,
} from './text.js';
import type { IssueOutcome, PublishOptions, Publisher, PublishResult } from './types.js';

interface IssueJson {
  number: number;
  state: string;
  state_reason?: string | null;
  title: string;
  body?: string | null;
  html_url: string;
  created_at: string;
  user: { login?: string; type?: string } | null;
  author_association?: string;
  pull_request?: unknown;
  labels?: (string | { name?: string })[];
}

interface CommentJson {
  id: number;
  body?: string;
  user: { login?: string; type?: string } | null;
  author_association?: string;
}

interface TrackedIssue {
  number: number;
  open: boolean;
  stateReason: string | null;
  url: string;
  title: string;
  createdAt: number;
  marker: IssueMarker;
}

interface Group {
  key: FailureKey;
  direction: 'cause' | 'fix';
  reports: Report[];
  primary: Report;
  outcome: IssueOutcome;
  /** Our freshly created issue lost the race to a lower-numbered one. */
  lostRace: boolean;
}

type Mode = 'write' | 'dry-run' | 'read-only';

/** Statuses that say something about the failure (a failed or unreadable bisection says nothing). */
const STATUS_RANK: Partial<Record<Status, number>> = {
  found: 0,
  ambiguous: 1,
  'no-culprit': 2,
  'not-reproduced': 3,
};
const TRUST_RANK: Record<TrustLabel, number> = {
  verified: 0,
  likely: 1,
  range: 2,
  unreliable: 3,
  contradicted: 4,
};
/** Older open duplicates than this are closed by any run; younger ones are a concurrent run's business. */
const STALE_DUPLICATE_MS = 10 * 60 * 1000;

function conclusionOf(r: Report): Conclusion {
  return { status: r.status, culprit: r.culprit?.sha.toLowerCase() ?? null, trust: r.trust?.label ?? null };
}

function sameConclusion(a: Conclusion, b: Conclusion): boolean {
  return a.status === b.status && (a.culprit ?? '') === (b.culprit ?? '') && a.trust === b.trust;
}

function better(a: Report, b: Report): boolean {
  const sa = STATUS_RANK[a.status] ?? 9;
  const sb = STATUS_RANK[b.status] ?? 9;
  if (sa !== sb) return sa < sb;
  return (a.trust ? TRUST_RANK[a.trust.label] : 5) < (b.trust ? TRUST_RANK[b.trust.label] : 5);
}

async function inPool<T>(items: T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

export function createPublisher(opts: PublishOptions): Publisher {
  const env = opts.env ?? process.env;
  const repo = { owner: opts.owner, repo: opts.repo };
  const client: GitHubClient | null = opts.token
    ? createClient({
        token: opts.token,
        apiUrl: opts.apiUrl,
        dryRun: opts.dryRun,
        warning: opts.warning,
        waitScale: waitScaleFromEnv(env),
      })
    : null;
  const readOnly = opts.dryRun ? null : readOnlyReason(env);
  const mode: Mode = opts.dryRun ? 'dry-run' : readOnly ? 'read-only' : 'write';
  const resolver = new AuthorResolver(client, repo, opts.authorMap, opts.commentOnPr);
  const authors = new Map<string, AuthorInfo>();
  const labels = opts.labels.length > 0 ? opts.labels : ['bisection'];
  /** The token's login, learned from the first issue we create (GET /user is closed to GITHUB_TOKEN). */
  let identity: string | null = null;
  /** The tracked-issue listing, started with the author look-ups so both share one round trip. */
  let trackedEarly: Promise<Map<string, TrackedIssue[]>> | null = null;

  const authorOf = (r: Report): AuthorInfo | null =>
    r.culprit ? (authors.get(r.culprit.sha) ?? null) : null;

  async function lookUp(r: Report): Promise<AuthorInfo | null> {
    if (!r.culprit) return null;
    const info = await resolver.resolve(r.culprit);
    authors.set(r.culprit.sha, info);
    return info;
  }

  async function read<T>(doing: string, route: string, params: Record<string, unknown>): Promise<T[]> {
    try {
      return await client!.paginate<T>(route, { ...repo, ...params });
    } catch (err) {
      throw new PublishError(describeError(err, doing, null));
    }
  }

  /** Sends a write, or in dry-run/read-only mode prints exactly what it would have sent. */
  async function write<T>(
    doing: string,
    permission: string,
    route: string,
    params: Record<string, unknown>,
    preview: string,
  ): Promise<T | null> {
    if (mode !== 'write') {
      opts.info(mode === 'dry-run' ? `[dry-run] would ${doing}:\n${preview}` : `(read-only) would ${doing}`);
      return null;
    }
    try {
      const res = await client!.request<T>(route, { ...repo, ...params });
      return res.data;
    } catch (err) {
      throw new PublishError(describeError(err, doing, permission));
    }
  }

  const ISSUES_WRITE = 'issues: write';
  const PULLS_WRITE = 'pull-requests: write';

  async function listTracked(): Promise<Map<string, TrackedIssue[]>> {
    const byKey = new Map<string, TrackedIssue[]>();
    if (!client) return byKey;
    const issues = await read<IssueJson>('list issues', 'GET /repos/{owner}/{repo}/issues', {
      labels: labels.join(','),
      state: 'all',
      sort: 'created',
      direction: 'asc',
    });
    for (const i of issues) {
      if (i.pull_request) continue;
      const marker = parseIssueMarker(i.body);
      if (!marker || !isTrustedAuthor(i.user, i.author_association, identity)) continue;
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
    for (const list of byKey.values()) list.sort((a, b) => a.number - b.number);
    return byKey;
  }

  /** Whether a report can lead to an issue (the same filter groupReports applies, before keys). */
  function mayFileIssue(r: Report): boolean {
    return r.direction === 'cause'
      ? STATUS_RANK[r.status] !== undefined
      : r.status === 'found' && !!r.culprit;
  }

  function groupReports(reports: Report[]): Group[] {
    const groups = new Map<string, Group>();
    for (const r of reports) {
      if (!mayFileIssue(r)) continue;
      const key = failureKey(r, opts.issueKey);
      if (!key) {
        opts.info(
          `${r.source}: no failure title to key an issue by` +
            (r.direction === 'fix' ? ' (set issue-key so a fix bisection finds its issue)' : ''),
        );
        continue;
      }
      const id = `${r.direction}:${key.hash}`;
      const g = groups.get(id);
      if (g) {
        g.reports.push(r);
        if (better(r, g.primary)) g.primary = r;
      } else {
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
    for (const g of groups.values()) g.reports = [g.primary, ...g.reports.filter((r) => r !== g.primary)];
    return [...groups.values()];
  }

  function mentionExtra(r: Report, before: Conclusion | null): string {
    const info = authorOf(r);
    const d = mentionDecision(opts.mentionAuthor, r, info?.login ?? null);
    if (!d.mention || !info?.login) return '';
    const wasTrusted = before?.trust === 'verified' || before?.trust === 'likely';
    const newCulprit = (before?.culprit ?? '') !== (r.culprit?.sha.toLowerCase() ?? '');
    return newCulprit || !wasTrusted ? `cc @${info.login}` : '';
  }

  async function comment(number: number, body: string, doing: string): Promise<void> {
    await write(
      doing,
      ISSUES_WRITE,
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { issue_number: number, body },
      body,
    );
  }

  async function handleCause(
    g: Group,
    tracked: Map<string, TrackedIssue[]>,
    created: Group[],
    ctx: RenderContext,
  ): Promise<void> {
    const r = g.primary;
    const matches = tracked.get(g.key.hash) ?? [];
    const open = matches.filter((i) => i.open);
    const closed = matches.filter((i) => !i.open && i.stateReason !== 'duplicate');
    const canonical = open[0] ?? closed[closed.length - 1] ?? null;
    const conclusion = conclusionOf(r);
    const info = authorOf(r);
    const title = issueTitle(r);
    // Compared between runs: everything but the run link (new every run) and the marker itself.
    const dig = digest(
      `${title}\n${issueBody(g.reports, { ...ctx, runUrl: null }, info, opts.mentionAuthor)}`,
    );
    const marker = issueMarker({ key: g.key.hash, digest: dig, ...conclusion });
    const body = issueBody(g.reports, ctx, info, opts.mentionAuthor, marker);
    const canFile = r.status === 'found' || r.status === 'ambiguous';
    const would = mode === 'write' ? '' : 'would-';
    const set = (action: string, issue: { number: number; url: string } | null): void => {
      g.outcome = { ...g.outcome, action, number: issue?.number ?? null, url: issue?.url ?? null };
    };

    if (!canonical) {
      if (!canFile) return set('none', null);
      const preview = `title: ${title}\nlabels: ${labels.join(', ')}\n${body}`;
      const made = await write<IssueJson>(
        'create an issue',
        ISSUES_WRITE,
        'POST /repos/{owner}/{repo}/issues',
        { title, body, labels },
        preview,
      );
      if (made) {
        identity ??= made.user?.login ?? null;
        await ensureLabels(made);
        set('created', { number: made.number, url: made.html_url });
        created.push(g);
      } else set(`${would}create`, null);
      return;
    }

    const patch: Record<string, unknown> = { issue_number: canonical.number, body };
    if (canonical.title !== title) patch.title = title;
    const patchPreview = `#${canonical.number}${patch.title ? `\ntitle: ${title}` : ''}\n${body}`;

    if (!canonical.open) {
      if (!canFile) return set('closed', canonical);
      if (canonical.stateReason === 'not_planned') {
        opts.info(`Issue #${canonical.number} was closed as not planned; leaving it closed.`);
        return set('left-closed', canonical);
      }
      await write(
        'reopen an issue',
        ISSUES_WRITE,
        'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
        { ...patch, state: 'open' },
        patchPreview,
      );
      const extra = mentionExtra(r, canonical.marker);
      await comment(
        canonical.number,
        reopenComment(canonical.marker, r, ctx, extra),
        `comment on issue #${canonical.number}`,
      );
      return set(`${would}reopened`, canonical);
    }

    await closeStaleDuplicates(open.slice(1), canonical.number);
    if (canonical.marker.digest === dig) return set('unchanged', canonical);
    await write(
      'update an issue',
      ISSUES_WRITE,
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      patch,
      patchPreview,
    );
    if (sameConclusion(canonical.marker, conclusion)) return set(`${would}updated`, canonical);
    const text = changeComment(canonical.marker, r, ctx, mentionExtra(r, canonical.marker));
    await comment(canonical.number, text, `comment on issue #${canonical.number}`);
    return set(`${would}commented`, canonical);
  }

  /**
   * GitHub creates missing labels named in POST /issues, but silently drops them for tokens without
   * push access; an unlabelled issue would be invisible to the next run's list, so add them explicitly.
   */
  async function ensureLabels(issue: IssueJson): Promise<void> {
    const has = new Set((issue.labels ?? []).map((l) => (typeof l === 'string' ? l : l.name)));
    const missing = labels.filter((l) => !has.has(l));
    if (missing.length === 0) return;
    const now = await write<{ name: string }[]>(
      `label issue #${issue.number}`,
      ISSUES_WRITE,
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels',
      { issue_number: issue.number, labels: missing },
      missing.join(', '),
    );
    const still = missing.filter((l) => !(now ?? []).some((x) => x.name === l));
    if (still.length > 0) {
      opts.warning(
        `GitHub did not put the label(s) ${still.join(', ')} on issue #${issue.number}; later runs find issues by label and would open a new one.`,
      );
    }
  }

  async function closeAsDuplicate(number: number, keep: number): Promise<void> {
    await comment(number, duplicateComment(keep), `comment on duplicate issue #${number}`);
    await write(
      `close duplicate issue #${number}`,
      ISSUES_WRITE,
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      { issue_number: number, state: 'closed', state_reason: 'duplicate' },
      `#${number}: state closed (duplicate of #${keep})`,
    );
  }

  /** Heals duplicates left by runs that raced and died; young ones belong to a run still in flight. */
  async function closeStaleDuplicates(extra: TrackedIssue[], keep: number): Promise<void> {
    for (const dup of extra) {
      if (Date.now() - dup.createdAt > STALE_DUPLICATE_MS) await closeAsDuplicate(dup.number, keep);
    }
  }

  /** After creating issues: if concurrent runs created the same ones, the lowest-numbered open issue wins. */
  async function settleRaces(created: Group[]): Promise<void> {
    if (created.length === 0) return;
    const fresh = await listTracked();
    for (const g of created) {
      const mine = g.outcome.number!;
      const keep = (fresh.get(g.key.hash) ?? []).find((i) => i.open);
      if (!keep || keep.number >= mine) continue;
      await closeAsDuplicate(mine, keep.number);
      g.outcome = { ...g.outcome, number: keep.number, url: keep.url, action: 'duplicate' };
      g.lostRace = true;
    }
  }

  async function handleFix(
    g: Group,
    tracked: Map<string, TrackedIssue[]>,
    ctx: RenderContext,
  ): Promise<void> {
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
    if (!opts.closeOnFix) return;
    await comment(open.number, fixedComment(g.primary, ctx), `comment on issue #${open.number}`);
    await write(
      `close issue #${open.number}`,
      ISSUES_WRITE,
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      { issue_number: open.number, state: 'closed', state_reason: 'completed' },
      `#${open.number}: state closed (completed)`,
    );
    g.outcome.action = `${would}closed`;
  }

  async function commentOnPulls(g: Group, ctx: RenderContext): Promise<void> {
    const r = g.primary;
    if (g.lostRace || r.status !== 'found' || !r.culprit) return;
    const info = authorOf(r);
    if (!info || info.pulls.length === 0) return;
    const issueUrl = g.outcome.number !== null ? g.outcome.url : null;
    const dig = digest(pullComment(r, { ...ctx, runUrl: null }, issueUrl));
    const body = pullComment(r, ctx, issueUrl, commentMarker(g.key.hash, dig));
    // Commenting on a PR notifies its author: only for culprits the trust analysis stands behind.
    const mayCreate = opts.mentionAuthor === 'always' || isTrusted(r);
    for (const pr of info.pulls) {
      const existing = client
        ? (
            await read<CommentJson>(
              `list comments on pull request #${pr.number}`,
              'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
              {
                issue_number: pr.number,
              },
            )
          ).find(
            (c) =>
              parseCommentMarker(c.body)?.key === g.key.hash &&
              isTrustedAuthor(c.user, c.author_association, identity),
          )
        : undefined;
      if (existing) {
        if (parseCommentMarker(existing.body)?.digest === dig) continue;
        await write(
          `update the comment on pull request #${pr.number}`,
          PULLS_WRITE,
          'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
          { comment_id: existing.id, body },
          body,
        );
      } else if (mayCreate) {
        await write(
          `comment on pull request #${pr.number}`,
          PULLS_WRITE,
          'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
          { issue_number: pr.number, body },
          body,
        );
      } else {
        opts.info(
          `Not commenting on pull request #${pr.number}: the trust label is ${r.trust?.label ?? 'not judged'}.`,
        );
      }
    }
  }

  return {
    async resolveAuthors(reports: Report[]): Promise<Record<string, string>> {
      const logins: Record<string, string> = {};
      const culprits = reports.filter((r) => r.culprit && (r.status === 'found' || r.direction === 'fix'));
      if (opts.createIssue && client && reports.some(mayFileIssue)) {
        trackedEarly = listTracked();
        trackedEarly.catch(() => undefined); // apply() awaits it and reports the error
      }
      let warned = false;
      await inPool(culprits, 4, async (r) => {
        try {
          const info = await lookUp(r);
          if (info?.login) logins[r.culprit!.sha] = info.login;
        } catch (err) {
          if (!warned)
            opts.warning(describeError(err, `look up the author of ${r.culprit!.sha.slice(0, 12)}`, null));
          warned = true;
        }
      });
      return logins;
    },

    async apply(reports: Report[], runCtx: RenderContext): Promise<PublishResult> {
      const groups = groupReports(reports);
      const ctx: RenderContext = { ...runCtx, authorLogins: { ...runCtx.authorLogins } };
      const result: PublishResult = { issues: [], requests: 0, error: null };
      if (readOnly) {
        opts.warning(
          `Not writing issues or pull request comments: ${readOnly}, so GITHUB_TOKEN is read-only. ` +
            `The summary and outputs are written. ${WORKFLOW_RUN_HINT}`,
        );
      }
      try {
        for (const g of groups) for (const r of g.reports) await lookUp(r).catch(() => null);
        for (const [sha, info] of authors) if (info.login) ctx.authorLogins![sha] = info.login;
        if (opts.createIssue && groups.length > 0) {
          const tracked = await (trackedEarly ?? listTracked());
          trackedEarly = null;
          const created: Group[] = [];
          for (const g of groups) if (g.direction === 'cause') await handleCause(g, tracked, created, ctx);
          if (mode === 'write') await settleRaces(created);
          for (const g of groups) if (g.direction === 'fix') await handleFix(g, tracked, ctx);
        }
        if (opts.commentOnPr) for (const g of groups) await commentOnPulls(g, ctx);
      } catch (err) {
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
        if (o.number !== null) opts.info(`Issue #${o.number} (${o.action}): ${o.url}`);
      }
      return result;
    },
  };
}
