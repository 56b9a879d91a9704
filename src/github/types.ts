import type { Report } from '../model.js';
import type { RenderContext } from '../render/context.js';

export type MentionMode = 'auto' | 'always' | 'never';

export interface PublishOptions {
  token: string;
  owner: string;
  repo: string;
  /** REST base, from GITHUB_API_URL (GHES) or https://api.github.com. */
  apiUrl: string;
  createIssue: boolean;
  labels: string[];
  issueKey: string;
  mentionAuthor: MentionMode;
  commentOnPr: boolean;
  /** e-mail (lower-case) -> login */
  authorMap: Record<string, string>;
  closeOnFix: boolean;
  dryRun: boolean;
  /**
   * mention-only-reachable-from: only authors of culprits reachable from this ref (branch, tag or
   * sha of the repository) are pinged or get a new PR comment; null or absent = any culprit.
   */
  mentionReachableFrom?: string | null;
  /** Where progress and dry-run previews go (core.info in the action). */
  info: (message: string) => void;
  warning: (message: string) => void;
  /** Workflow environment (GITHUB_EVENT_*, BISECT_REPORT_WAIT_SCALE); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface IssueOutcome {
  key: string;
  source: string;
  number: number | null;
  url: string | null;
  /**
   * What happened: created, updated, commented (updated + change comment), unchanged, reopened, closed,
   * duplicate (ours closed in favour of `number`), left-closed, none; prefixed "would-" in dry/read-only runs.
   */
  action: string;
}

export interface PublishResult {
  issues: IssueOutcome[];
  /** Requests sent, for the closing line and the benchmarks. */
  requests: number;
  reads?: number;
  writes?: number;
  /** One-line reason publishing stopped (missing permission, API error); the run should fail with it. */
  error?: string | null;
}

export interface Publisher {
  /** Read-only: resolve culprit authors to GitHub logins (sha -> login). Never throws for unknown commits. */
  resolveAuthors(reports: Report[]): Promise<Record<string, string>>;
  /**
   * Culprit sha (lower case) → why its author will not be pinged though a login may be known
   * (mention-only-reachable-from); filled by resolveAuthors.
   */
  notPinged(): Readonly<Record<string, string>>;
  /** Writes issues and PR comments. Called after the summary has been written. */
  apply(reports: Report[], ctx: RenderContext): Promise<PublishResult>;
}
