import { emptyReport } from '../model.js';
import type { LogParser } from './types.js';

// Placeholder: the real parser lands with its issue.
export const gitBisectRunParser: LogParser = {
  format: 'git-bisect-run',
  aliases: [],
  detectLine: () => false,
  create(source) {
    return {
      line() {},
      end: () => ({
        ...emptyReport(source, 'git-bisect-run'),
        status: 'incomplete',
        reason: 'parser not implemented',
      }),
    };
  },
};
