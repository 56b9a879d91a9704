import { emptyReport } from '../model.js';
import type { LogParser } from './types.js';

// Placeholder: the real parser lands with its issue.
export const gitBisectLogParser: LogParser = {
  format: 'git-bisect-log',
  aliases: [],
  detectLine: () => false,
  create(source) {
    return {
      line() {},
      end: () => ({
        ...emptyReport(source, 'git-bisect-log'),
        status: 'incomplete',
        reason: 'parser not implemented',
      }),
    };
  },
};
