/**
 * The action's inputs, read and checked in one place. Every problem is collected (not just the first)
 * with what to change, so a run with a broken configuration still writes a summary that says all of
 * it, and fails with one line.
 */
import type { MentionMode } from './github/types.js';

export interface ActionConfig {
  patterns: string[];
  dryRun: boolean;
  createIssue: boolean;
  commentOnPr: boolean;
  closeOnFix: boolean;
  mention: MentionMode;
  /** e-mail (lower case) → login */
  authorMap: Record<string, string>;
  labels: string[];
  repo: { owner: string; repo: string } | null;
  token: string;
  issueKey: string;
  /** mention-only-reachable-from: ping only authors of culprits reachable from this ref; null = any. */
  reachableFrom: string | null;
}

export interface ConfigProblem {
  /** The input's name, as written under `with:`. */
  input: string;
  /** What is wrong, one line (the value is quoted as given). */
  message: string;
  /** What to change, one sentence. */
  fix: string;
}

type Get = (name: string) => string;

// The YAML 1.2 core schema's booleans, exactly what the Actions toolkit's getBooleanInput accepts
// (test/runner-contract.test.ts compares): `yes`, `on` or `1` would be true in YAML 1.1, not here.
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/** A value quoted for a one-line message: clipped, control characters shown as spaces. */
function quoted(value: string): string {
  const oneLine = value.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return `'${oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine}'`;
}

/**
 * A ref as git accepts it (git check-ref-format, plus a bare sha or branch name): no spaces, no
 * control characters, none of `~^:?*[\`, no `..`, `@{` or `//`, no leading `-` or `/`, no
 * trailing `/`, `.` or `.lock`.
 */
export function isRefName(ref: string): boolean {
  if (ref === '' || ref.length > 255 || ref === '@') return false;
  if (/[\s\u0000-\u001f\u007f~^:?*[\\]/.test(ref)) return false;
  if (/\.\.|@\{|\/\/|(^|\/)\./.test(ref)) return false;
  return !/^[-/]|[/.]$|\.lock$/.test(ref);
}

export function parseAuthorMap(text: string, problems: ConfigProblem[] = []): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(\S+@\S+)\s*[=:]\s*@?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$/.exec(line);
    if (!m) {
      problems.push({
        input: 'author-map',
        message: `author-map line ${i + 1} is not 'email = login': ${quoted(line)}`,
        fix: "write one 'email = login' per line, e.g. 'alice@example.org = alice' (lines starting with # are comments)",
      });
      continue;
    }
    map[m[1].toLowerCase()] = m[2];
  }
  return map;
}

/** Reads every input; problems are collected and the defaults used in their place. */
export function readConfig(
  get: Get,
  env: NodeJS.ProcessEnv = process.env,
): { config: ActionConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];

  const bool = (name: string, fallback: boolean): boolean => {
    const raw = get(name).trim();
    // Unlike getBooleanInput, an empty value (`dry-run: ''`, an unset expression) means the default.
    if (raw === '') return fallback;
    if (TRUE.includes(raw)) return true;
    if (FALSE.includes(raw)) return false;
    problems.push({
      input: name,
      message: `input '${name}' must be true or false, got ${quoted(raw)}`,
      fix: `set '${name}' to true or false (True, TRUE, False and FALSE also do, as in the Actions toolkit; yes, no, on, off, 1 and 0 do not), or leave it out (default: ${fallback})`,
    });
    return fallback;
  };

  const lines = get('logs')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  // A line starting with # is a comment (one log commented out); a log whose name starts with #
  // is written with its directory, `./#name`.
  const patterns = lines.filter((line) => !line.startsWith('#'));
  if (patterns.length === 0) {
    problems.push({
      input: 'logs',
      message:
        lines.length === 0
          ? "input 'logs' is required and was not given"
          : "input 'logs' names no log: every line starts with # (a comment)",
      fix: "set 'logs' to the path or glob of the bisection log(s), one per line, e.g. 'logs: bisect.txt' (a log named #name is written ./#name)",
    });
  }

  const dryRun = bool('dry-run', false);
  const createIssue = bool('create-issue', true);
  const commentOnPr = bool('comment-on-pr', true);
  const closeOnFix = bool('close-on-fix', true);

  let mention = (get('mention-author').trim() || 'auto') as MentionMode;
  if (!['auto', 'always', 'never'].includes(mention)) {
    problems.push({
      input: 'mention-author',
      message: `input 'mention-author' must be auto, always or never, got ${quoted(mention)}`,
      fix: "set 'mention-author' to auto, always or never, or leave it out (default: auto)",
    });
    mention = 'never'; // nobody is pinged by a run whose configuration is in doubt
  }

  const authorMap = parseAuthorMap(get('author-map'), problems);

  const labels = get('issue-labels')
    .split(/[,\n]/)
    .map((l) => l.trim())
    .filter(Boolean);

  let repo: ActionConfig['repo'] = null;
  const rawRepo = get('repository').trim() || env.GITHUB_REPOSITORY || '';
  if (rawRepo !== '') {
    const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(rawRepo);
    if (m) repo = { owner: m[1], repo: m[2] };
    else {
      problems.push({
        input: 'repository',
        message: `input 'repository' must be owner/name, got ${quoted(rawRepo)}`,
        fix: "set 'repository' to owner/name (e.g. acme/widget), or leave it out for the workflow's repository",
      });
    }
  }

  const rawRef = get('mention-only-reachable-from').trim();
  let reachableFrom: string | null = null;
  if (rawRef !== '') {
    if (isRefName(rawRef)) reachableFrom = rawRef;
    else {
      problems.push({
        input: 'mention-only-reachable-from',
        message: `input 'mention-only-reachable-from' is not a branch, tag or commit: ${quoted(rawRef)}`,
        fix: "set 'mention-only-reachable-from' to a branch, tag or sha of this repository, e.g. ${{ github.event.repository.default_branch }}",
      });
    }
  }

  return {
    config: {
      patterns,
      dryRun,
      createIssue,
      commentOnPr,
      closeOnFix,
      mention,
      authorMap,
      labels,
      repo,
      token: get('token'),
      issueKey: get('issue-key').trim(),
      reachableFrom,
    },
    problems,
  };
}

/** The run's one-line failure for a broken configuration. */
export function configFailure(problems: ConfigProblem[]): string {
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more; see the job summary)` : '';
  return `${first.message}: ${first.fix}${more}`;
}
