import type { Report } from '../model.js';

/** What renderers need to know about where they run; built by main from the runner environment. */
export interface RenderContext {
  /** e.g. https://github.com */
  serverUrl: string;
  /** owner/repo the culprit commits live in, for links; null when unknown. */
  repository: string | null;
  /** Link to the workflow run, when running in Actions. */
  runUrl?: string | null;
  /** Resolved GitHub logins by culprit sha (filled by the GitHub layer when known). */
  authorLogins?: Record<string, string>;
  /**
   * The repository the current report's commits live in when it is not `repository` (a Rust
   * toolchain's culprit in rust-lang/rust, a Firefox push range): links go there. Set by
   * `reportContext`, never by hand.
   */
  commitRepository?: { url: string; slug?: string | null } | null;
}

/** The repository a report's commits live in, when the log names one (culprit first, then its range). */
export function reportRepository(report: Report): { url: string; slug?: string | null } | null {
  return report.culprit?.repository ?? report.range?.repository ?? null;
}

/** The context to render one report in: commit links point at the repository its commits live in. */
export function reportContext(report: Report, ctx: RenderContext): RenderContext {
  const repo = reportRepository(report);
  if (!repo || (repo.slug && ctx.repository && repo.slug.toLowerCase() === ctx.repository.toLowerCase())) {
    return ctx.commitRepository ? { ...ctx, commitRepository: null } : ctx;
  }
  return { ...ctx, commitRepository: repo };
}

export const DEFAULT_CONTEXT: RenderContext = { serverUrl: 'https://github.com', repository: null };
