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
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Report, Status, TrustLabel } from '../model.js';

export interface FailureKey {
  /** Human-readable key (shown in logs and outputs). */
  text: string;
  /** 32 hex chars: what the marker carries. */
  hash: string;
}

function hash(text: string, length: number): string {
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, length);
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The key of the failure a report is about: the issue-key input, else the failure's title, else the
 * culprit sha. Direction-aware: a fix bisection of the same crash yields the same key as the cause
 * bisection, so it finds the cause issue; a fix bisection without a title has no key of its own
 * (its culprit is the fix, not the cause) unless issue-key is set.
 */
export function failureKey(report: Report, issueKeyInput: string): FailureKey | null {
  let text: string | null = null;
  if (normalize(issueKeyInput) !== '') text = `key:${normalize(issueKeyInput)}`;
  else if (report.crash?.title && normalize(report.crash.title) !== '')
    text = `title:${normalize(report.crash.title)}`;
  else if (report.direction === 'cause' && report.culprit) text = `sha:${report.culprit.sha.toLowerCase()}`;
  if (text === null) return null;
  return { text: text.slice(text.indexOf(':') + 1), hash: hash(text, 32) };
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
}

const ISSUE_MARKER =
  /^<!-- bisect-report v1 issue key=([0-9a-f]{32}) digest=([0-9a-f]{16}) status=([a-z-]+) culprit=([0-9a-f]{7,64}|-) trust=([a-z]+|-) -->/;
const COMMENT_MARKER = /^<!-- bisect-report v1 pr key=([0-9a-f]{32}) digest=([0-9a-f]{16}) -->/;

export function issueMarker(m: IssueMarker): string {
  return `<!-- bisect-report v1 issue key=${m.key} digest=${m.digest} status=${m.status} culprit=${m.culprit ?? '-'} trust=${m.trust ?? '-'} -->`;
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
  };
}

export function commentMarker(key: string, contentDigest: string): string {
  return `<!-- bisect-report v1 pr key=${key} digest=${contentDigest} -->`;
}

export function parseCommentMarker(body: string | null | undefined): { key: string; digest: string } | null {
  const m = COMMENT_MARKER.exec(body ?? '');
  return m ? { key: m[1], digest: m[2] } : null;
}

export interface Author {
  login?: string;
  type?: string;
}

/** See the module comment: whose issues and comments we act on. */
export function isTrustedAuthor(
  user: Author | null | undefined,
  association: string | null | undefined,
  identity: string | null,
): boolean {
  if (!user?.login) return false;
  if (identity !== null && user.login === identity) return true;
  if (user.type === 'Bot') return true;
  return association === 'OWNER' || association === 'MEMBER' || association === 'COLLABORATOR';
}
