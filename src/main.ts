import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from './runner.js';
import { collectReports } from './collect.js';
import { windowRevList } from './read/history.js';
import { isNotText } from './read/readLog.js';
import { renderSummary } from './render/summary.js';
import { actionOutputs } from './render/outputs.js';
import { MAX_PER_LEVEL, reportAnnotations } from './render/annotations.js';
import type { RenderContext } from './render/context.js';
import type { MentionMode, PublishOptions } from './github/types.js';
import { SCHEMA_VERSION, type Report } from './model.js';

/** A problem with the action's configuration: reported as one line, the run fails. */
class ConfigError extends Error {}

function boolInput(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim().toLowerCase();
  if (raw === '') return fallback;
  if (['true', 'yes', '1', 'on'].includes(raw)) return true;
  if (['false', 'no', '0', 'off'].includes(raw)) return false;
  throw new ConfigError(`input '${name}' must be true or false, got '${raw}'`);
}

export function parseAuthorMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(\S+@\S+)\s*[=:]\s*@?([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$/.exec(line);
    if (!m) throw new ConfigError(`author-map line ${i + 1} is not 'email = login': ${line}`);
    map[m[1].toLowerCase()] = m[2];
  }
  return map;
}

function repositoryInput(): { owner: string; repo: string } | null {
  const raw = core.getInput('repository').trim() || process.env.GITHUB_REPOSITORY || '';
  if (raw === '') return null;
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(raw);
  if (!m) throw new ConfigError(`input 'repository' must be owner/name, got '${raw}'`);
  return { owner: m[1], repo: m[2] };
}

export async function run(): Promise<void> {
  try {
    await runUnsafe();
  } catch (err) {
    core.setFailed((err as Error)?.message ?? String(err));
  }
}

async function runUnsafe(): Promise<void> {
  const patterns = core.getInput('logs', { required: true }).split(/\r?\n/);
  const dryRun = boolInput('dry-run', false);
  const createIssue = boolInput('create-issue', true);
  const commentOnPr = boolInput('comment-on-pr', true);
  const closeOnFix = boolInput('close-on-fix', true);
  const mention = (core.getInput('mention-author').trim() || 'auto') as MentionMode;
  if (!['auto', 'always', 'never'].includes(mention)) {
    throw new ConfigError(`input 'mention-author' must be auto, always or never, got '${mention}'`);
  }
  const authorMap = parseAuthorMap(core.getInput('author-map'));
  const labels = core
    .getInput('issue-labels')
    .split(/[,\n]/)
    .map((l) => l.trim())
    .filter(Boolean);
  const repo = repositoryInput();
  const token = core.getInput('token');
  if (token) core.setSecret(token);

  // read → detect → parse → analyse
  // Inside a checkout that has the history, window positions come from git rev-list.
  const { reports, errors } = await collectReports(patterns, 'auto', undefined, windowRevList);
  // GitHub shows at most 10 annotations per level; input errors fail the step, so one slot stays
  // free for that failure, and further input errors go to the log only.
  const inputErrorSlots = MAX_PER_LEVEL - 1;
  for (const [i, e] of errors.entries()) {
    if (i < inputErrorSlots - 1 || errors.length === inputErrorSlots) core.error(e.message);
    else core.info(`error: ${e.message}`);
  }
  if (errors.length > inputErrorSlots) {
    core.error(`${errors.length - inputErrorSlots + 1} more input error(s); see the log above.`);
  }

  const serverUrl = process.env.GITHUB_SERVER_URL || 'https://github.com';
  const runUrl =
    process.env.GITHUB_RUN_ID && process.env.GITHUB_REPOSITORY
      ? `${serverUrl}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}`
      : null;
  const ctx: RenderContext = {
    serverUrl,
    repository: repo ? `${repo.owner}/${repo.repo}` : null,
    runUrl,
    authorLogins: {},
  };

  const wantsGitHub = reports.length > 0 && (createIssue || commentOnPr) && repo !== null;
  let publisher: import('./github/types.js').Publisher | null = null;
  if (wantsGitHub && (token || dryRun)) {
    const { createPublisher } = await import('./github/publish.js');
    const opts: PublishOptions = {
      token,
      owner: repo.owner,
      repo: repo.repo,
      apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
      createIssue,
      labels,
      issueKey: core.getInput('issue-key').trim(),
      mentionAuthor: mention,
      commentOnPr,
      authorMap,
      closeOnFix,
      dryRun,
      info: (m) => core.info(m),
      warning: (m) => core.warning(m),
    };
    publisher = createPublisher(opts);
    ctx.authorLogins = await publisher.resolveAuthors(reports);
  } else if (wantsGitHub) {
    core.warning('No token given: skipping issues and pull request comments.');
  }

  // The summary and outputs are written before any write to GitHub, so nothing is lost if it fails.
  await writeSummaryAndOutputs(reports, ctx);
  emitAnnotations(reports, errors.length > 0 ? Math.min(errors.length, inputErrorSlots) + 1 : 0);

  if (publisher) {
    const result = await publisher.apply(reports, ctx);
    const first = result.issues.find((i) => i.number !== null);
    core.setOutput('issue-number', first?.number ?? '');
    core.setOutput('issue-url', first?.url ?? '');
    if (result.requests > 0) {
      core.info(
        `GitHub: ${result.requests} request(s), ${result.reads ?? 0} read(s), ${result.writes ?? 0} write(s).`,
      );
    }
    // Outputs first, then fail: what was filed stays visible to later steps.
    if (result.error) throw new ConfigError(result.error);
  } else {
    core.setOutput('issue-number', '');
    core.setOutput('issue-url', '');
  }
  if (reports.length === 0) {
    throw new ConfigError(
      errors.length > 0
        ? `no bisection log could be read (${errors.length} input error(s) above)`
        : 'no logs given',
    );
  }
  // The CLI's rule too (README, Inputs): every input must be a bisection log that could be read.
  const unreadable = errors.length + reports.filter(isNotText).length;
  if (unreadable > 0) {
    throw new ConfigError(
      `${unreadable} input(s) could not be read as a bisection log (see above); the other logs were reported`,
    );
  }
}

/** Per-report annotations; `errorsUsed` error slots already went to input errors. */
function emitAnnotations(reports: Report[], errorsUsed: number): void {
  const event = process.env.GITHUB_EVENT_NAME ?? '';
  const pullRequest = event === 'pull_request' || event === 'pull_request_target';
  let errorsLeft = MAX_PER_LEVEL - errorsUsed;
  for (const a of reportAnnotations(reports, { pullRequest })) {
    const props = { title: a.title, file: a.file };
    if (a.level === 'notice') core.notice(a.message, props);
    else if (a.level === 'warning') core.warning(a.message, props);
    else if (errorsLeft-- > 0) core.error(a.message, props);
  }
}

async function writeSummaryAndOutputs(reports: Report[], ctx: RenderContext): Promise<void> {
  const markdown = renderSummary(reports, ctx);
  if (!core.appendSummary(markdown)) core.info(markdown);
  const outputs = actionOutputs(reports, ctx.authorLogins);
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
  const dir = process.env.RUNNER_TEMP || process.cwd();
  mkdirSync(dir, { recursive: true });
  const jsonPath = join(dir, `bisect-report-${process.env.GITHUB_RUN_ID ?? 'local'}-${process.pid}.json`);
  writeFileSync(jsonPath, JSON.stringify({ schemaVersion: SCHEMA_VERSION, reports }, null, 2) + '\n');
  core.setOutput('report-json', jsonPath);
}
