import type { Report } from '../../model.js';
import type { FormatExtras } from '../types.js';

/** What a syzkaller log tells beyond the core report model (`report.details.syzkaller`). */
export interface SyzkallerDetails {
  /** Kernel build signatures of the culprit and of its parent (equal = a no-op build), when printed. */
  culprit?: { signature: string | null; parentSignature: string | null };
  /** One entry per `report.steps` entry, same order: that test's kernel build signature and compiler. */
  steps?: { signature?: string | null; compiler?: string | null }[];
  /** Who syzbot mails the result to (the `cc:` line). */
  recipients?: string[];
}

/** The format extras renderers and the trust analysis ask for, from `details.syzkaller`. */
export function syzkallerExtras(report: Report): FormatExtras {
  const d = report.details?.syzkaller;
  if (!d) return {};
  return {
    culpritBuild: d.culprit ?? null,
    compilers: (d.steps ?? []).map((s) => s.compiler ?? null),
    recipients: d.recipients ?? [],
  };
}
