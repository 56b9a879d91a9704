import type { LogParser } from './types.js';
import { syzkallerParser } from './syzkaller/index.js';
import { gitBisectRunParser } from './git-bisect-run/index.js';
import { gitBisectLogParser } from './git-bisect-log/index.js';

/**
 * Every known log format. Adding a format = one parser file + its tests + one line here.
 * Order matters only for detection ties: the first parser whose detectLine fires wins.
 */
export const PARSERS: readonly LogParser[] = [syzkallerParser, gitBisectLogParser, gitBisectRunParser];

export function parserByName(name: string): LogParser | undefined {
  return PARSERS.find((p) => p.format === name || p.aliases.includes(name));
}
