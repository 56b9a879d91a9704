import type { Report } from '../model.js';
import type { RenderContext } from './context.js';

// Placeholder renderer; the real one lands with the summary issue.
export function renderSummary(reports: Report[], _ctx: RenderContext): string {
  const lines = ['## Bisection report', ''];
  for (const r of reports) {
    lines.push(`- \`${r.source}\`: ${r.status}${r.culprit ? ` — ${r.culprit.sha.slice(0, 12)}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

export function renderReportSection(report: Report, ctx: RenderContext): string {
  return renderSummary([report], ctx);
}
