import { TRUST_LABELS, trustLevel, type Report } from '../model.js';
import { plain } from './escape.js';

/** Orders reports worst-trust first: judged reports by label, then the rest. */
export function trustRank(r: Report): number {
  if (r.trust) return TRUST_LABELS.length - 1 - trustLevel(r.trust.label);
  return TRUST_LABELS.length;
}

/** The report the action's outputs describe: the least trustworthy found culprit, else the first. */
export function headlineReport(reports: Report[]): Report | undefined {
  const found = reports.filter((r) => r.status === 'found' && r.culprit);
  if (found.length > 0) return [...found].sort((a, b) => trustRank(a) - trustRank(b))[0];
  return reports[0];
}

export interface ActionOutputs {
  status: string;
  culprit: string;
  'culprit-subject': string;
  'culprit-author': string;
  trust: string;
  'trust-probability': string;
  flaky: string;
}

export function actionOutputs(reports: Report[], logins: Record<string, string> = {}): ActionOutputs {
  const r = headlineReport(reports);
  const c = r?.culprit ?? null;
  return {
    status: r?.status ?? 'unrecognized',
    culprit: c?.sha ?? '',
    'culprit-subject': c ? plain(c.subject, 1000) : '',
    'culprit-author': c ? (logins[c.sha] ?? c.author?.email ?? '') : '',
    trust: r?.trust?.label ?? '',
    'trust-probability': r?.trust ? r.trust.probability.toFixed(3) : '',
    flaky: String(reports.some((x) => x.flaky)),
  };
}
