/** Reads just enough of the workflow event (GITHUB_EVENT_PATH) to know whether the token can write. */
import { readFileSync } from 'node:fs';

const PR_EVENTS = new Set(['pull_request', 'pull_request_review', 'pull_request_review_comment']);

/**
 * Why the token is read-only, or null when it may write. GitHub hands pull_request runs from forks
 * (and Dependabot) a read-only GITHUB_TOKEN whatever the workflow's permissions say.
 */
export function readOnlyReason(env: NodeJS.ProcessEnv = process.env): string | null {
  const name = env.GITHUB_EVENT_NAME ?? '';
  if (!PR_EVENTS.has(name)) return null;
  if (env.GITHUB_ACTOR === 'dependabot[bot]') return 'this run was triggered by Dependabot';
  if (!env.GITHUB_EVENT_PATH) return null;
  try {
    const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
      pull_request?: {
        head?: { repo?: { full_name?: string } | null };
        base?: { repo?: { full_name?: string } };
      };
    };
    const pr = event.pull_request;
    if (!pr) return null;
    const head = pr.head?.repo?.full_name ?? null;
    const base = pr.base?.repo?.full_name ?? null;
    if (head !== base) return `this run is for a pull request from a fork (${head ?? 'deleted repository'})`;
  } catch {
    return null;
  }
  return null;
}

export const WORKFLOW_RUN_HINT =
  'To file issues for fork pull requests, upload the logs as an artifact and run bisect-report from a ' +
  'separate workflow triggered by workflow_run (it runs in the base repository with a writable token).';
