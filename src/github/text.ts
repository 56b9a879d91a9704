/**
 * What the GitHub layer writes. The issue title/body, PR comment and change comments come from
 * src/render/issue.ts (all log text goes through src/render/escape.ts); this module adds what only the
 * publisher knows: whether to ping the author (and why not), the other logs that hit the same failure,
 * and the short reopen/duplicate notes. Every function renders twice-safe: called once without the
 * run link to get the stable text we compare between runs, once with it for the text we send.
 */
import type { Report, TrustLabel } from '../model.js';
import type { RenderContext } from '../render/context.js';
import { code, plain } from '../render/escape.js';
import {
  BODY_LIMIT_CHARS,
  renderChangeComment,
  renderIssueBody,
  renderIssueTitle,
  renderPrComment,
  type IssueState,
} from '../render/issue.js';
import type { AuthorInfo } from './authors.js';
import type { Conclusion } from './marker.js';
import type { MentionMode } from './types.js';

const TRUSTED: ReadonlySet<TrustLabel> = new Set(['verified', 'likely']);

export function isTrusted(report: Report): boolean {
  return report.trust !== null && TRUSTED.has(report.trust.label);
}

export interface MentionDecision {
  mention: boolean;
  /** Why not, in words, when a login is known but not pinged. */
  why: string | null;
}

export function mentionDecision(mode: MentionMode, report: Report, login: string | null): MentionDecision {
  if (!login) return { mention: false, why: null };
  if (mode === 'never') return { mention: false, why: 'mention-author is set to never' };
  if (mode === 'always' || isTrusted(report)) return { mention: true, why: null };
  const label = report.trust?.label ?? 'not judged';
  return {
    mention: false,
    why: `the trust label is ${label}; mention-author: auto pings the author only for verified or likely culprits`,
  };
}

export const issueTitle = renderIssueTitle;

function stateOf(c: Conclusion): IssueState {
  return { status: c.status, culprit: c.culprit, label: c.trust, probability: null };
}

/** Publisher notes placed before the body's footer: why the author is not pinged, other logs. */
function notes(report: Report, info: AuthorInfo | null, mode: MentionMode, others: Report[]): string {
  const out: string[] = [];
  const d = mentionDecision(mode, report, info?.login ?? null);
  if (info?.login && d.why) out.push(`The culprit's author is named but not pinged: ${d.why}.`);
  else if (report.culprit && info?.onGitHub === false) {
    out.push('The culprit commit is not on GitHub, so its author is named but not pinged.');
  }
  if (others.length > 0) {
    out.push(`Also seen in ${others.length} other log${others.length === 1 ? '' : 's'}:`, '');
    for (const r of others.slice(0, 20)) {
      const culprit = r.culprit ? ` ${code(r.culprit.sha.slice(0, 12))}` : '';
      out.push(
        `- ${code(r.source, { max: 120 })}: ${plain(r.status, 20)}${culprit}${r.trust ? ` (${r.trust.label})` : ''}`,
      );
    }
    if (others.length > 20) out.push(`- … and ${others.length - 20} more`);
  }
  return out.length > 0 ? out.join('\n') + '\n\n' : '';
}

function beforeFooter(body: string, extra: string): string {
  if (!extra) return body;
  const at = body.lastIndexOf('\n---\n');
  return at < 0 ? body + '\n' + extra : body.slice(0, at + 1) + extra + body.slice(at + 1);
}

/** The issue body for a group of reports about one failure (primary first); under 65,536 characters. */
export function issueBody(
  reports: Report[],
  ctx: RenderContext,
  info: AuthorInfo | null,
  mode: MentionMode,
  marker?: string,
): string {
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

export function changeComment(before: Conclusion, report: Report, ctx: RenderContext, extra: string): string {
  return renderChangeComment(stateOf(before), report, ctx) + (extra ? `\n${extra}\n` : '');
}

export function reopenComment(before: Conclusion, report: Report, ctx: RenderContext, extra: string): string {
  return `Reopening: a new bisection shows the failure again.\n\n${changeComment(before, report, ctx, extra)}`;
}

export function fixedComment(report: Report, ctx: RenderContext): string {
  return renderChangeComment(null, report, ctx);
}

export function duplicateComment(keep: number): string {
  return `Duplicate of #${keep}: another run filed the same failure at the same time. Closing this one.`;
}

export function pullComment(
  report: Report,
  ctx: RenderContext,
  issueUrl: string | null,
  marker?: string,
): string {
  return renderPrComment(report, ctx, issueUrl, { marker, mentionAuthor: false });
}
