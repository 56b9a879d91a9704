import { matchTitle, matchTitleInLog, normalizeTitle } from './titles.js';
import type { FormatTrustProfile } from '../types.js';

/**
 * How the trust analysis reads syzkaller logs: the culprit is a kernel commit under a fixed
 * reproducer (kernel checks on the culprit, a lower root-cause base fitted on labelled syzbot
 * bisections by scripts/bench-trust.mjs, repro rates that drift across commits), crash titles are
 * compared by crash family, function, function prefix and the log's crash stacks and culprit files,
 * and syzbot's own rules can be replayed.
 */
export const syzkallerTrust: FormatTrustProfile = {
  kernel: true,
  crashReproducer: true,
  syzbotRules: true,
  rootCauseBase: 0.79,
  drift: 0.2,
  signatures: { key: normalizeTitle, match: matchTitle, inLog: matchTitleInLog },
};
