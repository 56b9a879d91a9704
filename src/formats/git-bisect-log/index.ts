import { defineFormat, type LogParser } from '../types.js';
import { GitBisectEngine, isGitLogLine } from '../git-common/engine.js';
import { GIT_FAMILY, GIT_REPEAT_ADVICE, gitBisectReplay } from '../git-common/replay.js';

/**
 * The `git bisect log` replay format (.git/BISECT_LOG): `# good: [sha] subject` comments,
 * `git bisect good <sha>` commands, `# first bad commit: …` / `# possible first bad commit: …`.
 * Shares the engine with the console parser, because CI logs often mix both.
 */
export const gitBisectLogParser: LogParser = {
  detectLine: isGitLogLine,
  create(source) {
    const engine = new GitBisectEngine({ detectedAs: 'git-bisect-log' });
    return {
      line: (text) => engine.line(text),
      end: () => engine.end(source),
    };
  },
};

export const gitBisectLogFormat = defineFormat({
  name: 'git-bisect-log',
  displayName: 'git bisect log',
  aliases: ['bisect-log'],
  family: GIT_FAMILY,
  helpText: 'the output of git bisect log',
  parser: gitBisectLogParser,
  replay: gitBisectReplay,
  repeatAdvice: GIT_REPEAT_ADVICE,
  rerunsInGit: true,
});
