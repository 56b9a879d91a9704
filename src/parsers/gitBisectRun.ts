import type { LogParser } from './types.js';
import { GitBisectEngine, isGitConsoleLine } from './gitCommon.js';

/**
 * Console output of `git bisect` / `git bisect run` (any git 2.x, wrapped in a CI job log or not),
 * including `bisect-report run` per-run lines and a `git bisect log` printed after the run.
 */
export const gitBisectRunParser: LogParser = {
  format: 'git-bisect-run',
  aliases: ['git-console', 'console', 'git-bisect'],
  detectLine: isGitConsoleLine,
  create(source) {
    const engine = new GitBisectEngine({ detectedAs: 'git-bisect-run' });
    return {
      line: (text) => engine.line(text),
      end: () => engine.end(source),
    };
  },
};
