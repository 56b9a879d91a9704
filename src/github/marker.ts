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
import { createHash } from 'node:crypto';
import type { Report, Status, TrustLabel } from '../model.js';
import type { Actor } from './client.js';
import { testSignature } from '../analyse/signatures.js';
import { formatOf } from '../formats/registry.js';

export interface FailureKey {
  /** Human-readable key (shown in logs and outputs). */
  text: string;
  /** 32 hex chars: what the marker carries. */
  hash: string;
}

function hash(text: string, length: number): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The part of a test command that names the test: what follows a wrapper's `--` (`bisect-report run
 * --runs 10 -- ./test.sh` is the test `./test.sh`, whatever the runs), else the whole command.
 */
export function testOfCommand(command: string): string {
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
export function failureKey(report: Report, issueKeyInput: string): FailureKey | null {
  let text: string | null = null;
  if (normalize(issueKeyInput) !== '') text = `key:${normalize(issueKeyInput)}`;
  else if (report.crash?.title && normalize(report.crash.title) !== '')
    text = `title:${titleKey(report, report.crash.title)}`;
  else if (report.testCommand && normalize(report.testCommand) !== '')
    text = `test:${testOfCommand(report.testCommand)}`;
  else if (report.direction === 'cause' && report.culprit) text = `sha:${report.culprit.sha.toLowerCase()}`;
  if (text === null) return null;
  return { text: text.slice(text.indexOf(':') + 1), hash: hash(text, 32) };
}

/**
 * A project's test prints what varies from run to run (durations, temporary paths, PIDs, run
 * numbers) in its failure line: the key is the line without them (docs/trust.md, failure
 * signatures), so every run of one failure finds one issue. Crash titles of a format with its own
 * signatures (kernel crash titles) are stable already and keep their exact text.
 */
function titleKey(report: Report, title: string): string {
  return formatOf(report)?.trust?.signatures ? normalize(title) : testSignature(title);
}

/**
 * What the issue title names the failure by, without what varies from run to run (the same
 * normalisation as the key): two runs of one failure give the same text, so the title a run wrote
 * is kept when a later run differs only in a duration, a path or a run number.
 */
export function titleSubjectSignature(report: Report): string {
  if (report.crash?.title && normalize(report.crash.title) !== '')
    return titleKey(report, report.crash.title);
  return testSignature(report.testCommand || report.source);
}

export function digest(text: string): string {
  return hash(text, 16);
}

/** What a reader would call "the conclusion": a change in any of these deserves a comment. */
export interface Conclusion {
  status: Status;
  culprit: string | null;
  trust: TrustLabel | null;
}

export interface IssueMarker extends Conclusion {
  key: string;
  digest: string;
  /** Hash of the title the action last set (absent in older markers): a different title is a person's. */
  title?: string | null;
  /**
   * Hash of the title rendered from the failure's signature (titleSubjectSignature; absent in older
   * markers): the same hash means the same failure and conclusion, so the title the action set stays.
   */
  titleSignature?: string | null;
}

// Anywhere in the body (a person may write above it); log text can never contain `<!--` (escape.ts).
const ISSUE_MARKER =
  /<!-- bisect-report v1 issue key=([0-9a-f]{32}) digest=([0-9a-f]{16}) status=([a-z-]+) culprit=([0-9a-f]{7,64}|-) trust=([a-z]+|-)(?: title=([0-9a-f]{8}))?(?: titlesig=([0-9a-f]{8}))? -->/;
const COMMENT_MARKER = /<!-- bisect-report v1 pr key=([0-9a-f]{32}) digest=([0-9a-f]{16}) -->/;

export function titleHash(title: string): string {
  return hash(title, 8);
}

export function issueMarker(m: IssueMarker): string {
  const title = m.title ? ` title=${m.title}` : '';
  const signature = m.title && m.titleSignature ? ` titlesig=${m.titleSignature}` : '';
  return `<!-- bisect-report v1 issue key=${m.key} digest=${m.digest} status=${m.status} culprit=${m.culprit ?? '-'} trust=${m.trust ?? '-'}${title}${signature} -->`;
}

export function parseIssueMarker(body: string | null | undefined): IssueMarker | null {
  const m = ISSUE_MARKER.exec(body ?? '');
  if (!m) return null;
  return {
    key: m[1],
    digest: m[2],
    status: m[3] as Status,
    culprit: m[4] === '-' ? null : m[4],
    trust: m[5] === '-' ? null : (m[5] as TrustLabel),
    title: m[6] ?? null,
    titleSignature: m[7] ?? null,
  };
}

export function commentMarker(key: string, contentDigest: string): string {
  return `<!-- bisect-report v1 pr key=${key} digest=${contentDigest} -->`;
}

export function parseCommentMarker(body: string | null | undefined): { key: string; digest: string } | null {
  const m = COMMENT_MARKER.exec(body ?? '');
  return m ? { key: m[1], digest: m[2] } : null;
}

/** The login GitHub Actions' GITHUB_TOKEN writes as. */
export const ACTIONS_BOT = 'github-actions[bot]';

/**
 * Whether an issue or comment is the action's own. `identity` is the login we write as when known
 * (a personal token's GET /user, or the author of something this run created); otherwise only a Bot
 * acting for an app (GITHUB_TOKEN or a GitHub App token) counts. Membership never does.
 */
export function isOwnItem(user: Actor, identity: string | null): boolean {
  if (!user.login) return false;
  if (identity !== null) return user.login === identity;
  return user.type === 'Bot' && (user.viaApp || user.login === ACTIONS_BOT);
}
