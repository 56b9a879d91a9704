import { emptyReport } from '../model.js';
import type { LogParser } from './types.js';

// Placeholder: the real parser lands with its issue.
export const syzkallerParser: LogParser = {
  format: 'syzkaller',
  aliases: [],
  detectLine: () => false,
  create(source) {
    return {
      line() {},
      end: () => ({
        ...emptyReport(source, 'syzkaller'),
        status: 'incomplete',
        reason: 'parser not implemented',
      }),
    };
  },
};
