import type { Report, TrustLabel } from '../model.js';
import { plain } from './escape.js';

const TRUST_ORDER: Record<TrustLabel, number> = {
  contradicted: 0,
  unreliable: 1,
  range: 2,
  likely: 3,
  verified: 4,
};

/** Orders reports worst-trust first: found culprits by label, then the rest by status. */
export function trustRank(r: Report): number {
  if (r.trust) return TRUST_ORDER[r.trust.label];
  return 5;
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
