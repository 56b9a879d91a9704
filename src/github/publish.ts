import type { Report } from '../model.js';
import type { RenderContext } from '../render/context.js';
import type { PublishOptions, Publisher, PublishResult } from './types.js';

// Placeholder until the GitHub issue lands: reads nothing, writes nothing.
export function createPublisher(opts: PublishOptions): Publisher {
  return {
    async resolveAuthors() {
      return {};
    },
    async apply(reports: Report[], _ctx: RenderContext): Promise<PublishResult> {
      opts.info(`(GitHub publishing not implemented yet; ${reports.length} report(s) not filed)`);
      return { issues: [], requests: 0 };
    },
  };
}
