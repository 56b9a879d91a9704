import type { Report } from '../model.js';

/** One short plain-text block per report, for terminals. */
export function renderText(reports: Report[]): string {
  const out: string[] = [];
  for (const r of reports) {
    const head = `${r.source}: ${r.status}`;
    const culprit = r.culprit
      ? ` ${r.direction === 'fix' ? 'fixed by' : 'caused by'} ${r.culprit.sha.slice(0, 12)} ${r.culprit.subject}`
      : '';
    const trust = r.trust ? ` [${r.trust.label} ${(r.trust.probability * 100).toFixed(0)}%]` : '';
    out.push(head + culprit + trust + (r.flaky ? ' (flaky)' : ''));
    if (r.reason) out.push(`  ${r.reason}`);
    for (const c of r.candidates.slice(0, 20)) out.push(`  candidate ${c.sha.slice(0, 12)} ${c.subject}`);
    for (const w of r.trust?.reasons ?? []) out.push(`  - ${w.message}`);
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
