/**
 * Everything the action writes on GitHub, in one place: issue title and body (with the publisher's
 * notes: why the author is not pinged, other logs of the same failure), the pull request comment,
 * and the comments for a re-run, a reopen, a fix and a duplicate. Pure functions; all log text goes
 * through ./escape.ts.
 *
 * The action owns only the block from its marker to its footer line: on a re-run it
 * rewrites that block and keeps whatever a person wrote before or after it (mergeBotBlock).
 * Wording changes here change the digest in the marker, so every tracked issue is updated once on
 * its next run (see CONTRIBUTING.md).
 */
import type { Report, TrustLabel } from '../model.js';
import { reportContext, type RenderContext } from './context.js';
import { ZWSP, code, plain } from './escape.js';
import {
  authorText,
  commitRef,
  type Detail,
  isRunUrl,
  ledgerTable,
  renderReportSection,
  verdictAlert,
} from './summary.js';
import { culpritVerb, fmtProb, reportIcon, shortSha, STATUS_WORDS, sameCommit } from './view.js';

/** GitHub rejects issue and comment bodies over 65,536 characters; keep a margin. */
export const BODY_LIMIT_CHARS = 65_000;

/** What the publisher knows that the report does not, said in the issue body. */
export interface IssueNotes {
  /** Why a known author is not @mentioned (null when they are, or no login is known). */
  notPingedWhy?: string | null;
  /** GitHub does not know the culprit commit (bisected in another tree). */
  notOnGitHub?: boolean;
  /** Other logs that hit the same failure, primary first excluded. */
  others?: Report[];
}

/**
 * Ends the block the action owns in an issue body or comment: its footer line, which log text cannot
 * produce outside a code block (`<` is escaped), so the last one is ours. What follows is a person's.
 */
const BOT_BLOCK_END = /<sub>(?:Filed|Posted) by bisect-report[^\n]*<\/sub>/g;

export interface IssueBodyOptions {
  /** Our hidden marker comment (`<!-- … -->`, one line), put first in the body. Trusted text. */
  marker?: string;
  notes?: IssueNotes;
  /** Write the culprit author's login as a live @mention (notifies them); else a profile link. */
  mentionAuthor?: boolean;
  /** Upper bound for the body length (characters); defaults to BODY_LIMIT_CHARS. */
  maxChars?: number;
}

function checkedMarker(marker: string | undefined): string[] {
  if (marker === undefined || marker === '') return [];
  if (!/^<!--[^\n]*-->$/.test(marker) || marker.slice(4, -3).includes('--')) {
    throw new Error('marker must be a one-line HTML comment without "--" inside');
  }
  return [marker, ''];
}

/** Issue titles are plain text (max 256): one line, no mentions or references that could link. */
export function renderIssueTitle(report: Report, failure?: string): string {
  // `failure` names the failure instead of the report's own text (its signature, to compare titles).
  const subject = plain(failure ?? (report.crash?.title || report.testCommand || report.source), 150);
  let tail: string;
  const c = report.culprit;
  if (report.status === 'found' && c) {
    const id = shortSha(c.sha) ?? plain(c.sha, 16);
    const what = plain(c.subject, 80);
    tail = `${culpritVerb(report.direction).toLowerCase()} ${id}${what ? ` ${what}` : ''}${report.trust ? ` (${report.trust.label})` : ''}`;
  } else {
    tail = STATUS_WORDS[report.status] ?? report.status;
  }
  const title = `Bisection: ${subject} — ${tail}`;
  // Break @ and # after shortening, then cut again: GitHub rejects titles over 256 characters.
  return Array.from(plain(title, 256).replace(/[@#]/g, (ch) => ch + ZWSP))
    .slice(0, 256)
    .join('');
}

function footer(ctx: RenderContext, what: string): string[] {
  const run = isRunUrl(ctx.runUrl) ? ` in [this workflow run](${ctx.runUrl})` : '';
  return ['---', '', `<sub>${what} by bisect-report${run}.</sub>`, ''];
}

function notesText(notes: IssueNotes | undefined): string[] {
  if (!notes) return [];
  const out: string[] = [];
  if (notes.notPingedWhy)
    out.push(`The culprit's author is named but not pinged: ${notes.notPingedWhy}.`, '');
  else if (notes.notOnGitHub) {
    out.push('The culprit commit is not on GitHub, so its author is named but not pinged.', '');
  }
  const others = notes.others ?? [];
  if (others.length > 0) {
    out.push(`Also seen in ${others.length} other log${others.length === 1 ? '' : 's'}:`, '');
    for (const r of others.slice(0, 20)) {
      const culprit = r.culprit ? ` ${code(r.culprit.sha.slice(0, 12))}` : '';
      out.push(
        `- ${code(r.source, { max: 120 })}: ${plain(r.status, 20)}${culprit}${r.trust ? ` (${r.trust.label})` : ''}`,
      );
    }
    if (others.length > 20) out.push(`- … and ${others.length - 20} more`);
    out.push('');
  }
  return out;
}

/**
 * The new text of an issue body or comment the action owns: `fresh` (marker first, footer
 * last) replaces the action's block in `existing`; a person's text before and after it stays.
 * Bodies from before the end marker existed are replaced whole.
 */
export function mergeBotBlock(existing: string, fresh: string, markerStart: string): string {
  const start = existing.indexOf(markerStart);
  const last = [...existing.matchAll(BOT_BLOCK_END)].at(-1);
  if (start < 0 || !last || last.index < start) return fresh;
  const before = existing.slice(0, start);
  const after = existing.slice(last.index + last[0].length).replace(/^\n\n?/, '');
  const freshBlock = fresh.endsWith('\n') ? fresh : fresh + '\n';
  return before + freshBlock + after;
}

function fit(build: (detail: Detail) => string, maxChars: number): string {
  for (const detail of [0, 1, 2, 3] as Detail[]) {
    const text = build(detail);
    if (text.length <= maxChars) return text;
  }
  // Only pathological input gets here; cut on a line boundary and say so.
  const text = build(3);
  const cut = text.lastIndexOf('\n', maxChars - 200);
  return text.slice(0, Math.max(0, cut)) + "\n\n> [!NOTE]\n> Cut to fit GitHub's size limit.\n";
}

/** The body of the issue filed for one bisection (< 65,536 characters). */
export function renderIssueBody(report: Report, ctx: RenderContext, opts: IssueBodyOptions = {}): string {
  const marker = checkedMarker(opts.marker);
  const max = opts.maxChars ?? BODY_LIMIT_CHARS;
  return fit((detail) => {
    const section = renderReportSection(report, ctx, {
      heading: 2,
      detail,
      noTitle: true,
      author: opts.mentionAuthor ? 'mention' : 'link',
    });
    const note =
      detail > 0
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
export function renderPrComment(
  report: Report,
  outerCtx: RenderContext,
  issueUrl: string | null,
  opts: IssueBodyOptions = {},
): string {
  const ctx = reportContext(report, outerCtx);
  const marker = checkedMarker(opts.marker);
  const max = opts.maxChars ?? BODY_LIMIT_CHARS;
  const c = report.culprit;
  const what = report.direction === 'fix' ? 'the fix' : 'the first bad commit';
  return fit((detail) => {
    const out: string[] = [...marker];
    out.push(
      `### ${reportIcon(report)} bisect-report: this pull request contains ${what} of a bisected failure`,
      '',
    );
    if (c) {
      const trust = report.trust
        ? ` · trust **${report.trust.label}** (${fmtProb(report.trust.probability)})`
        : '';
      out.push(
        `**${culpritVerb(report.direction)}** ${commitRef(c.sha, ctx)} by ${authorText(report, ctx, opts.mentionAuthor ? 'mention' : 'link')}${trust}`,
        '',
      );
    }
    out.push(...verdictAlert(report, ctx));
    const links: string[] = [];
    if (issueUrl && isRunUrl(issueUrl)) links.push(`[the issue](${issueUrl})`);
    if (isRunUrl(ctx.runUrl)) links.push(`[the job summary](${ctx.runUrl})`);
    if (links.length) out.push(`Evidence, crash report and re-test plan: ${links.join(' · ')}.`, '');
    if (detail < 2) {
      const table = ledgerTable(report, ctx, detail === 0 ? 1 : 2);
      if (table.length)
        out.push('<details><summary>Evidence per tested commit</summary>', '', ...table, '</details>', '');
    }
    out.push(...footer(ctx, 'Posted'));
    return out.join('\n');
  }, max);
}

/** What an issue said last time, so a re-run can say what changed. */
export interface IssueState {
  status: string;
  culprit: string | null;
  label: TrustLabel | null;
  probability: number | null;
}

export function issueState(report: Report): IssueState {
  return {
    status: report.status,
    culprit: report.culprit?.sha ?? null,
    label: report.trust?.label ?? null,
    probability: report.trust?.probability ?? null,
  };
}

function stateWords(s: IssueState): string {
  const trust = s.label ? ` (${s.label}${s.probability !== null ? ` ${fmtProb(s.probability)}` : ''})` : '';
  return `${STATUS_WORDS[s.status as Report['status']] ?? plain(s.status, 30)}${trust}`;
}

/**
 * A comment for an existing issue when the bisection was re-run: what changed (culprit, trust,
 * status), or that a fix bisection found the fix. `previous` may be null when unknown.
 */
export function renderChangeComment(
  previous: IssueState | null,
  report: Report,
  outerCtx: RenderContext,
): string {
  const ctx = reportContext(report, outerCtx);
  const now = issueState(report);
  const c = report.culprit;
  const out: string[] = [];
  if (report.direction === 'fix' && report.status === 'found' && c) {
    out.push(`### ✅ Fixed by ${commitRef(c.sha, ctx)}`, '');
  } else if (!previous) {
    out.push(`### 🔄 Bisection re-run: ${stateWords(now)}`, '');
  } else {
    const changes: string[] = [];
    if (!sameCommit(previous.culprit, now.culprit)) {
      changes.push(`culprit ${commitRef(previous.culprit, ctx)} → ${commitRef(now.culprit, ctx)}`);
    }
    if (previous.label !== now.label) {
      changes.push(
        `trust ${previous.label ?? '—'} → **${now.label ?? '—'}**${now.probability !== null ? ` (${fmtProb(now.probability)})` : ''}`,
      );
    }
    if (previous.status !== now.status) changes.push(`status ${stateWords(previous)} → ${stateWords(now)}`);
    out.push(
      changes.length
        ? `### 🔄 Bisection re-run changed the answer: ${changes.join('; ')}`
        : `### 🔄 Bisection re-run: same answer, ${stateWords(now)}`,
      '',
    );
  }
  out.push(...verdictAlert(report, ctx));
  out.push(...footer(ctx, 'Posted'));
  const text = out.join('\n');
  return text.length <= BODY_LIMIT_CHARS ? text : text.slice(0, BODY_LIMIT_CHARS);
}

/** The comment on a closed issue the action reopens: only when the evidence changed, and it says so. */
export function renderReopenComment(
  previous: IssueState | null,
  report: Report,
  ctx: RenderContext,
  extra: string,
): string {
  return `Reopening: a new bisection shows the failure again, with different evidence than when this issue was closed.\n\n${renderChangeComment(previous, report, ctx)}${extra ? `\n${extra}\n` : ''}`;
}

/** A change comment with an optional trailing line (a `cc @login` the publisher decided on). */
export function renderUpdateComment(
  previous: IssueState | null,
  report: Report,
  ctx: RenderContext,
  extra: string,
): string {
  return renderChangeComment(previous, report, ctx) + (extra ? `\n${extra}\n` : '');
}

export function renderDuplicateComment(keep: number): string {
  return `Duplicate of #${keep}: another run filed the same failure. Closing this one.`;
}
