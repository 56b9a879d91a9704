import { defineFormat, type LogParser } from '../types.js';
import { gitBisectReplay } from '../git-common/replay.js';
import { createSyzkallerSink } from './sink.js';
import { syzkallerTrust } from './trust.js';
import { syzkallerExtras } from './details.js';
import { isHarnessTitle } from './titles.js';

/**
 * Lines only syzkaller's bisection prints (docs/formats/syzkaller.md). Each needs a 40-hex sha or an exact
 * syzkaller phrase, so git console output and ordinary text never match.
 */
const DECISIVE =
  /^(?:bisecting (?:cause commit starting from|fixing commit since) [0-9a-f]{40}$|building syzkaller on [0-9a-f]{40}$|ensuring issue is reproducible on original commit [0-9a-f]{40}$|testing commit [0-9a-f]{40}(?: with .+| gcc| clang)?$|# git bisect start (?:[0-9a-f]{40}|v\d\S*) (?:[0-9a-f]{40}|v\d\S*)$|kernel signature: [0-9a-f]{40,64}$|(?:run #\d+|all runs): (?:OK$|crashed: |boot failed: |basic kernel testing failed: |infra problem: |ignore: )|revisions tested: \d+, total time: |first (?:bad|good) commit: [0-9a-f]{40} |bisection is inconclusive, the first (?:bad|good) commit could be any of:$)/;
const HOST_START = /^\S+ starts bisection \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/;
// First characters of the decisive lines above: a cheap reject before any regex.
const FIRST_CHARS = new Set(['b', 'e', 't', '#', 'k', 'r', 'a', 'f']);

export const syzkallerParser: LogParser = {
  detectLine(line: string): boolean {
    if (line.length < 10) return false;
    if (FIRST_CHARS.has(line[0]) && DECISIVE.test(line)) return true;
    return line.includes(' starts bisection ') && HOST_START.test(line);
  },
  create: createSyzkallerSink,
};

export const syzkallerFormat = defineFormat({
  name: 'syzkaller',
  displayName: 'syzkaller',
  aliases: ['syz', 'syzbot'],
  helpText: 'syzkaller bisection log (bisect.txt)',
  parser: syzkallerParser,
  isHarnessTitle,
  // syzkaller drives `git bisect` on the kernel tree, so the same commands resume it.
  replay: gitBisectReplay,
  trust: syzkallerTrust,
  extras: syzkallerExtras,
});
