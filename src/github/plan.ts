/**
 * What to do on GitHub, decided from plain data: the reports, what GitHub holds now (issues, the PR
 * comments read so far, claims won or lost) and the options. No I/O here; publish.ts reads the state,
 * asks for a plan, performs what the plan still needs to know (PR comment lists, claims), asks again,
 * and applies the final plan's actions.
 *
 * Rules, each with its reason in the action:
 *  - one issue per failure key, only the action's own (isOwnItem); the canonical one is the oldest
 *    open, else the newest closed that was not a duplicate;
 *  - a fresh failure is filed only by the run that wins the claim (creating the claim label answers
 *    422 to every other run); losers wait for the winner's issue, then treat it as existing;
 *  - an unchanged digest means no write; a changed conclusion (status, culprit, trust) adds a comment;
 *  - a closed issue is reopened only when the evidence changed; never when closed as not planned;
 *  - the action rewrites only its own block of a body, and the title only if no person changed it
 *    and the failure (its signature: docs/trust.md) or the conclusion changed;
 *  - the PR comment is created by the claim winner or for an already tracked failure, and only for
 *    culprits the trust analysis stands behind (or mention-author: always); otherwise only updated.
 */
import type { Report, Status, TrustLabel } from '../model.js';
import type { RenderContext } from '../render/context.js';
import {
  BODY_LIMIT_CHARS,
  mergeBotBlock,
  renderDuplicateComment,
  renderChangeComment,
  renderIssueBody,
  renderIssueTitle,
  renderPrComment,
  renderReopenComment,
  renderUpdateComment,
  type IssueState,
} from '../render/issue.js';
import type { AuthorInfo } from './authors.js';
import type { CommentItem, IssueItem } from './client.js';
import {
  commentMarker,
  digest,
  failureKey,
  isOwnItem,
  issueMarker,
  parseCommentMarker,
  parseIssueMarker,
  titleHash,
  titleSubjectSignature,
  type Conclusion,
  type FailureKey,
  type IssueMarker,
} from './marker.js';
import type { IssueOutcome, MentionMode } from './types.js';

export interface PlanOptions {
  createIssue: boolean;
  commentOnPr: boolean;
  closeOnFix: boolean;
  mentionAuthor: MentionMode;
  issueKey: string;
  /** The issue-labels input (never empty: defaults to `bisection`). */
  labels: string[];
  /**
   * Culprit sha (lower case) → why its author must not be pinged (mention-only-reachable-from: a
   * commit not reachable from that ref is named, never pinged, and gets no new PR comment).
   */
  mentionBlocked?: Readonly<Record<string, string>> | null;
}

/**
 * won: this run files the issue. lost: another run does; wait for it. stale: the winner filed nothing
 * in time and this run took over. gave-up: another waiting run took over; this one files nothing.
 */
export type ClaimState = 'won' | 'lost' | 'stale' | 'gave-up';

export interface GitHubState {
  /** The login the action writes as, when known (see isOwnItem). */
  identity: string | null;
  /** Every issue with the tracking labels, any state; null when GitHub could not be read (dry run). */
  issues: IssueItem[] | null;
  /** Culprit sha (lower case) → what GitHub says about its author and pull requests. */
  authors: Record<string, AuthorInfo>;
  /** PR number → its comments, for the PRs read so far. */
  prComments: Record<number, CommentItem[]>;
  /** Claim label → outcome, for the claims tried so far. */
  claims: Record<string, ClaimState>;
  /** Milliseconds since the epoch. */
  now: number;
}

export type Action =
  | { kind: 'create-issue'; title: string; body: string; labels: string[]; reason: string }
  | { kind: 'update-issue'; number: number; title?: string; body: string; reason: string }
  | { kind: 'reopen-issue'; number: number; title?: string; body: string; reason: string }
  | { kind: 'close-issue'; number: number; stateReason: 'completed' | 'duplicate'; reason: string }
  | { kind: 'comment'; number: number; body: string; mention: string | null; reason: string }
  | { kind: 'create-pr-comment'; pr: number; body: string; reason: string }
  | { kind: 'update-pr-comment'; pr: number; commentId: number; body: string; reason: string };

/** What the plan needs to know before it can decide (publish.ts fetches it and asks again). */
export interface Needs {
  /** PR numbers whose comments must be read. */
  prComments: number[];
  /** Claim labels to create (first creator files the issue). */
  claims: string[];
  /** Claims lost: wait for the winner's issue to appear. */
  waitFor: string[];
}

export interface GroupPlan {
  key: FailureKey;
  direction: 'cause' | 'fix';
  primary: Report;
  claimLabel: string;
  outcome: IssueOutcome;
  actions: Action[];
}

export interface Plan {
  groups: GroupPlan[];
  needs: Needs;
  /** Lines for the log (why something is not done). */
  info: string[];
}

const STATUS_RANK: Partial<Record<Status, number>> = {
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
const FILED: ReadonlySet<Status> = new Set(['found', 'ambiguous', 'range']);
const TRUST_RANK: Record<TrustLabel, number> = {
  verified: 0,
  likely: 1,
  range: 2,
  unreliable: 3,
  contradicted: 4,
};
/** Older open duplicates than this are closed by any run; younger ones may be a run still in flight. */
export const STALE_DUPLICATE_MS = 10 * 60 * 1000;

const TRUSTED: ReadonlySet<TrustLabel> = new Set(['verified', 'likely']);

export function isTrusted(report: Report): boolean {
  return report.trust !== null && TRUSTED.has(report.trust.label);
}

export interface MentionDecision {
  mention: boolean;
  /** Why not, in words, when a login is known but not pinged. */
  why: string | null;
}

export function mentionDecision(
  mode: MentionMode,
  report: Report,
  login: string | null,
  blocked: Readonly<Record<string, string>> | null = null,
): MentionDecision {
  if (!login) return { mention: false, why: null };
  if (mode === 'never') return { mention: false, why: 'mention-author is set to never' };
  const why = blocked?.[report.culprit?.sha.toLowerCase() ?? ''];
  if (why) return { mention: false, why };
  if (mode === 'always' || isTrusted(report)) return { mention: true, why: null };
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
export function claimLabelFor(key: FailureKey, filed: number): string {
  return `${claimPrefix(key)}${filed}`;
}

function claimPrefix(key: FailureKey): string {
  return `bisect-report:${key.hash.slice(0, 24)}:`;
}

function conclusionOf(r: Report): Conclusion {
  return { status: r.status, culprit: r.culprit?.sha.toLowerCase() ?? null, trust: r.trust?.label ?? null };
}

function sameConclusion(a: Conclusion, b: Conclusion): boolean {
  return a.status === b.status && (a.culprit ?? '') === (b.culprit ?? '') && a.trust === b.trust;
}

function stateOf(c: Conclusion): IssueState {
  return { status: c.status, culprit: c.culprit, label: c.trust, probability: null };
}

function better(a: Report, b: Report): boolean {
  const sa = STATUS_RANK[a.status] ?? 9;
  const sb = STATUS_RANK[b.status] ?? 9;
  if (sa !== sb) return sa < sb;
  return (a.trust ? TRUST_RANK[a.trust.label] : 5) < (b.trust ? TRUST_RANK[b.trust.label] : 5);
}

/** Whether a report can lead to an issue. */
export function mayFileIssue(r: Report): boolean {
  return r.direction === 'cause' ? STATUS_RANK[r.status] !== undefined : r.status === 'found' && !!r.culprit;
}

interface Group {
  key: FailureKey;
  direction: 'cause' | 'fix';
  reports: Report[];
  primary: Report;
}

export function groupReports(reports: Report[], issueKey: string, info: string[]): Group[] {
  const groups = new Map<string, Group>();
  for (const r of reports) {
    if (!mayFileIssue(r)) continue;
    const key = failureKey(r, issueKey);
    if (!key) {
      info.push(
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
    } else groups.set(id, { key, direction: r.direction, reports: [r], primary: r });
  }
  for (const g of groups.values()) g.reports = [g.primary, ...g.reports.filter((x) => x !== g.primary)];
  return [...groups.values()];
}

interface Tracked {
  issue: IssueItem;
  marker: IssueMarker;
}

/** The action's own issues per key, oldest first. */
function tracked(state: GitHubState): Map<string, Tracked[]> {
  const byKey = new Map<string, Tracked[]>();
  for (const issue of state.issues ?? []) {
    if (issue.isPull || !isOwnItem(issue.user, state.identity)) continue;
    const marker = parseIssueMarker(issue.body);
    if (!marker) continue;
    const list = byKey.get(marker.key) ?? [];
    list.push({ issue, marker });
    byKey.set(marker.key, list);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.issue.number - b.issue.number);
  return byKey;
}

const MARKER_START = '<!-- bisect-report v1 ';

function labelPage(ctx: RenderContext, label: string): string | null {
  if (!ctx.repository) return null;
  return `${ctx.serverUrl.replace(/\/+$/, '')}/${ctx.repository}/labels/${encodeURIComponent(label)}`;
}

export function plan(reports: Report[], state: GitHubState, opts: PlanOptions, runCtx: RenderContext): Plan {
  const info: string[] = [];
  const needs: Needs = { prComments: [], claims: [], waitFor: [] };
  const ctx: RenderContext = { ...runCtx, authorLogins: { ...runCtx.authorLogins } };
  for (const [sha, a] of Object.entries(state.authors)) if (a.login) ctx.authorLogins![sha] = a.login;
  const byKey = tracked(state);
  const groups = groupReports(reports, opts.issueKey, info);
  const out: GroupPlan[] = [];
  const authorOf = (r: Report): AuthorInfo | null =>
    r.culprit ? (state.authors[r.culprit.sha.toLowerCase()] ?? state.authors[r.culprit.sha] ?? null) : null;
  const decide = (r: Report): MentionDecision =>
    mentionDecision(opts.mentionAuthor, r, authorOf(r)?.login ?? null, opts.mentionBlocked ?? null);

  /** A `cc @login` under a change comment: only for a new or newly trusted culprit. */
  const ccLine = (r: Report, before: Conclusion | null): string => {
    const login = authorOf(r)?.login;
    if (!decide(r).mention || !login) return '';
    const wasTrusted = before?.trust === 'verified' || before?.trust === 'likely';
    const newCulprit = (before?.culprit ?? '') !== (r.culprit?.sha.toLowerCase() ?? '');
    return newCulprit || !wasTrusted ? `cc @${login}` : '';
  };

  for (const g of groups) {
    const matches = byKey.get(g.key.hash) ?? [];
    const claimLabel = claimLabelFor(g.key, matches.length);
    const gp: GroupPlan = {
      key: g.key,
      direction: g.direction,
      primary: g.primary,
      claimLabel,
      outcome: { key: g.key.text, source: g.primary.source, number: null, url: null, action: 'none' },
      actions: [],
    };
    out.push(gp);
    const set = (action: string, issue: IssueItem | null): void => {
      gp.outcome = { ...gp.outcome, action, number: issue?.number ?? null, url: issue?.url ?? null };
    };
    const r = g.primary;
    const claim = state.claims[claimLabel];
    /** The link the PR comment gives: the claim label's page lists the issue before its number is known. */
    let issueLink: string | null = null;
    const lostClaim = Object.entries(state.claims).some(
      ([label, c]) => (c === 'lost' || c === 'gave-up') && label.startsWith(claimPrefix(g.key)),
    );
    let prCommentAllowed = !lostClaim;

    if (g.direction === 'fix') {
      const open = matches.find((m) => m.issue.open);
      const last = open ?? matches[matches.length - 1];
      if (!open) {
        set(last ? 'closed' : 'none', last?.issue ?? null);
        continue;
      }
      set('open', open.issue);
      if (!opts.createIssue || !opts.closeOnFix) continue;
      gp.actions.push(
        {
          kind: 'comment',
          number: open.issue.number,
          body: renderChangeComment(null, r, ctx),
          mention: null,
          reason: 'a fix bisection found the commit that fixes this failure',
        },
        {
          kind: 'close-issue',
          number: open.issue.number,
          stateReason: 'completed',
          reason: 'fixed (fix bisection)',
        },
      );
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
        } else if (state.issues !== null && claim === undefined) {
          needs.claims.push(claimLabel);
          set('create', null);
        } else if (claim === 'lost') {
          needs.waitFor.push(claimLabel);
          set('wait', null);
        } else if (claim === 'gave-up') {
          info.push(
            'Another run claimed this failure and filed no issue in time; a third run took its filing over. Not filing it here.',
          );
          set('none', null);
        } else {
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
            reason:
              claim === 'stale'
                ? 'no issue for this failure yet (an earlier run claimed it but filed nothing)'
                : 'no issue for this failure yet',
          });
          set('created', null);
          issueLink = labelPage(ctx, claimLabel);
        }
      } else {
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
          if (state.now - dup.issue.createdAt <= STALE_DUPLICATE_MS) continue;
          gp.actions.push(
            {
              kind: 'comment',
              number: dup.issue.number,
              body: renderDuplicateComment(c.number),
              mention: null,
              reason: `duplicate of #${c.number}`,
            },
            {
              kind: 'close-issue',
              number: dup.issue.number,
              stateReason: 'duplicate',
              reason: `duplicate of #${c.number}, left by an interrupted run`,
            },
          );
        }

        if (!c.open) {
          if (!canFile) set('closed', c);
          else if (c.stateReason === 'not_planned') {
            info.push(`Issue #${c.number} was closed as not planned; leaving it closed.`);
            set('left-closed', c);
          } else if (!changed) {
            info.push(
              `Issue #${c.number} was closed and this bisection shows the same evidence; leaving it closed.`,
            );
            set('left-closed', c);
          } else {
            gp.actions.push(
              {
                kind: 'reopen-issue',
                number: c.number,
                ...(newTitle ? { title: newTitle } : {}),
                body: finalBody,
                reason: 'the failure is back with different evidence',
              },
              {
                kind: 'comment',
                number: c.number,
                body: renderReopenComment(stateOf(canonical.marker), r, ctx, ccLine(r, canonical.marker)),
                mention: ccLine(r, canonical.marker) ? (authorOf(r)?.login ?? null) : null,
                reason: 'say why the issue is reopened',
              },
            );
            set('reopened', c);
          }
        } else if (!changed) {
          set('unchanged', c);
        } else {
          gp.actions.push({
            kind: 'update-issue',
            number: c.number,
            ...(newTitle ? { title: newTitle } : {}),
            body: finalBody,
            reason: 'the evidence changed (digest)',
          });
          if (sameConclusion(canonical.marker, conclusion)) set('updated', c);
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
    if (!opts.commentOnPr || r.status !== 'found' || !r.culprit) continue;
    const author = authorOf(r);
    if (!author || author.pulls.length === 0) continue;
    if (gp.outcome.action === 'create' || gp.outcome.action === 'wait') {
      // Decided once the claim is settled.
      for (const pr of author.pulls) if (!state.prComments[pr.number]) needs.prComments.push(pr.number);
      continue;
    }
    const stableComment = renderPrComment(r, { ...ctx, runUrl: null }, issueLink);
    const dig = digest(stableComment);
    const body = renderPrComment(r, ctx, issueLink, { marker: commentMarker(g.key.hash, dig) });
    // Commenting on a PR notifies its author: only for culprits the trust analysis stands behind.
    const blockedWhy = opts.mentionBlocked?.[r.culprit.sha.toLowerCase()] ?? null;
    const mayCreate =
      (opts.mentionAuthor === 'always' || isTrusted(r)) && prCommentAllowed && blockedWhy === null;
    for (const pr of author.pulls) {
      const comments = state.prComments[pr.number];
      if (!comments) {
        needs.prComments.push(pr.number);
        continue;
      }
      const existing = comments.find(
        (c) => parseCommentMarker(c.body)?.key === g.key.hash && isOwnItem(c.user, state.identity),
      );
      if (existing) {
        if (parseCommentMarker(existing.body)?.digest === dig) continue;
        gp.actions.push({
          kind: 'update-pr-comment',
          pr: pr.number,
          commentId: existing.id,
          body: mergeBotBlock(existing.body, body, MARKER_START),
          reason: 'the evidence changed',
        });
      } else if (mayCreate) {
        gp.actions.push({
          kind: 'create-pr-comment',
          pr: pr.number,
          body,
          reason: 'this pull request brought in the culprit',
        });
      } else if (claim !== 'lost') {
        info.push(
          `Not commenting on pull request #${pr.number}: ${blockedWhy ?? `the trust label is ${r.trust?.label ?? 'not judged'}`}.`,
        );
      }
    }
  }
  needs.prComments = [...new Set(needs.prComments)];
  return { groups: out, needs, info };
}

/** True when nothing more must be known before the plan's actions can be applied. */
export function settled(p: Plan): boolean {
  return p.needs.prComments.length === 0 && p.needs.claims.length === 0 && p.needs.waitFor.length === 0;
}
