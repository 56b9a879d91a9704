import type { LogParser } from '../types.js';
import { GitBisectEngine, isGitLogLine } from '../git-common/engine.js';

/**
 * The `git bisect log` replay format (.git/BISECT_LOG): `# good: [sha] subject` comments,
 * `git bisect good <sha>` commands, `# first bad commit: …` / `# possible first bad commit: …`.
 * Shares the engine with the console parser, because CI logs often mix both.
 */
export const gitBisectLogParser: LogParser = {
  format: 'git-bisect-log',
  aliases: ['bisect-log'],
  detectLine: isGitLogLine,
  create(source) {
    const engine = new GitBisectEngine({ detectedAs: 'git-bisect-log' });
    return {
      line: (text) => engine.line(text),
      end: () => engine.end(source),
    };
  },
};
