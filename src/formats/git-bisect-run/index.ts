import { defineFormat, type LogParser } from '../types.js';
import { GitBisectEngine, isGitConsoleLine } from '../git-common/engine.js';
import { GIT_FAMILY, GIT_REPEAT_ADVICE, gitBisectReplay } from '../git-common/replay.js';

/**
 * Console output of `git bisect` / `git bisect run` (any git 2.x, wrapped in a CI job log or not),
 * including `bisect-report run` per-run lines and a `git bisect log` printed after the run.
 */
/** Words of git's bisect messages in the translations git ships (de, fr, zh, …). */
const TRANSLATED_BISECT =
  /(Halbierungssuche|bissection|二分|erste schlechte|premier mauvais|premier commit|第一个坏)/i;

export const gitBisectRunParser: LogParser = {
  detectLine: isGitConsoleLine,
  unrecognizedHint: (lines) =>
    lines.some((l) => TRANSLATED_BISECT.test(l))
      ? 'This looks like git output in another language: run git with LC_ALL=C so it can be read.'
      : null,
  create(source) {
    const engine = new GitBisectEngine({ detectedAs: 'git-bisect-run' });
    return {
      line: (text) => engine.line(text),
      end: () => engine.end(source),
    };
  },
};

export const gitBisectRunFormat = defineFormat({
  name: 'git-bisect-run',
  displayName: 'git bisect run',
  aliases: ['git-console', 'console', 'git-bisect'],
  family: GIT_FAMILY,
  helpText: 'console output of git bisect / git bisect run',
  parser: gitBisectRunParser,
  replay: gitBisectReplay,
  repeatAdvice: GIT_REPEAT_ADVICE,
  rerunsInGit: true,
  unshownVerdicts: {
    followCulprit: true,
    advice:
      'Append `git bisect log` to the log (before `git bisect reset`), or read it inside the repository, to show them.',
  },
});
