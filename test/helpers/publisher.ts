import { createPublisher } from '../../src/github/publish.js';
import type { PublishOptions, PublishResult } from '../../src/github/types.js';
import type { Report } from '../../src/model.js';
import type { RenderContext } from '../../src/render/context.js';

/**
 * The publisher as the action sets it up for acme/widget, talking to the fake GitHub at `apiUrl`;
 * info and warnings go to `logs`, retries wait a thousandth of their real time.
 */
export function publisherOptions(
  apiUrl: string,
  logs: string[],
  over: Partial<PublishOptions> = {},
): PublishOptions {
  return {
    token: 'ghs_faketoken',
    owner: 'acme',
    repo: 'widget',
    apiUrl,
    createIssue: true,
    labels: ['bisection'],
    issueKey: '',
    mentionAuthor: 'auto',
    commentOnPr: true,
    authorMap: {},
    closeOnFix: true,
    dryRun: false,
    info: (m) => logs.push(m),
    warning: (m) => logs.push(`warning: ${m}`),
    env: { BISECT_REPORT_WAIT_SCALE: '0.001' },
    ...over,
  };
}

/** The render context of workflow run `run` in acme/widget on the fake server. */
export function publisherContext(serverUrl: string, run = 1): RenderContext {
  return {
    serverUrl,
    repository: 'acme/widget',
    runUrl: `${serverUrl}/acme/widget/actions/runs/${run}`,
    authorLogins: {},
  };
}

/** What main does: resolve authors (reads), then apply (writes). */
export async function publishWith(
  options: PublishOptions,
  reports: Report[],
  run = 1,
): Promise<PublishResult> {
  const pub = createPublisher(options);
  const ctx = publisherContext(options.apiUrl, run);
  ctx.authorLogins = await pub.resolveAuthors(reports);
  return pub.apply(reports, ctx);
}
