import type { Report } from '../model.js';

/**
 * Judges how far a report's answer can be trusted (trust-model.md §3) and plans re-tests.
 * Pure: returns a new report with `trust` and `retest` filled in.
 */
export function analyse(report: Report): Report {
  // Placeholder until the trust issue lands: no judgement rather than a made-up one.
  return { ...report, trust: null, retest: [] };
}
