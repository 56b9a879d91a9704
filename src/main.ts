import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from './runner.js';
import { collectReports } from './collect.js';
import { verdictsFromHistory, windowHistory } from './read/history.js';
import { isNotText } from './read/readLog.js';
import { renderSummary } from './render/summary.js';
import { actionOutputs } from './render/outputs.js';
import { MAX_PER_LEVEL, reportAnnotations } from './render/annotations.js';
import type { RenderContext } from './render/context.js';
import type { PublishOptions } from './github/types.js';
import { configFailure, readConfig, type ConfigProblem } from './config.js';
import { renderConfigProblems, renderNotPinged } from './render/runNotes.js';
import { SCHEMA_VERSION, type Report } from './model.js';

/** A problem that fails the run with one line (after the summary and outputs are written). */
class ConfigError extends Error {}

export async function run(): Promise<void> {
  try {
    await runUnsafe();
  } catch (err) {
    core.setFailed((err as Error)?.message ?? String(err));
  }
}

async function runUnsafe(): Promise<void> {
  const { config, problems } = readConfig((name) => core.getInput(name));
  const { patterns, dryRun, createIssue, commentOnPr, closeOnFix, mention, authorMap, labels, repo, token } =
    config;
  if (token) core.setSecret(token);

  // read → detect → parse → analyse
  // Inside a checkout that has the history, window positions come from git rev-list.
  const { reports, errors } = await collectReports(
    patterns,
    'auto',
    undefined,
    windowHistory,
    verdictsFromHistory,
  );
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

  // A run whose configuration is in doubt writes nothing to GitHub (and pings nobody).
  const wantsGitHub =
    problems.length === 0 && reports.length > 0 && (createIssue || commentOnPr) && repo !== null;
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
      issueKey: config.issueKey,
      mentionReachableFrom: config.reachableFrom,
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
  await writeSummaryAndOutputs(reports, ctx, problems, publisher?.notPinged() ?? {});
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
  if (problems.length > 0) throw new ConfigError(configFailure(problems));
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
    const others = reports.length + errors.length - unreadable;
    throw new ConfigError(
      `${unreadable} input(s) could not be read as a bisection log (see above)` +
        (others > 0 ? '; the other logs were reported' : ''),
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

async function writeSummaryAndOutputs(
  reports: Report[],
  ctx: RenderContext,
  problems: ConfigProblem[],
  notPinged: Readonly<Record<string, string>>,
): Promise<void> {
  const markdown =
    renderConfigProblems(problems) + renderSummary(reports, ctx) + renderNotPinged(reports, notPinged);
  if (!core.appendSummary(markdown)) core.info(markdown);
  const outputs = actionOutputs(reports, ctx.authorLogins);
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
  const dir = process.env.RUNNER_TEMP || process.cwd();
  mkdirSync(dir, { recursive: true });
  const jsonPath = join(dir, `bisect-report-${process.env.GITHUB_RUN_ID ?? 'local'}-${process.pid}.json`);
  writeFileSync(jsonPath, JSON.stringify({ schemaVersion: SCHEMA_VERSION, reports }, null, 2) + '\n');
  core.setOutput('report-json', jsonPath);
}
