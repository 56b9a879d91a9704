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
}

export const DEFAULT_CONTEXT: RenderContext = { serverUrl: 'https://github.com', repository: null };
