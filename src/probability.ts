/**
 * How a probability reads to people: one format for every place a number appears (summary, issue,
 * PR comment, CLI text, the analysis' own sentences), so one number never reads two ways.
 * 94%, 99.9%, 3.2%, <0.1%, >99.9%.
 */
export function formatProbability(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p >= 1) return '100%';
  if (p <= 0) return '0%';
  if (p > 0.999) return '>99.9%';
  if (p > 0.99) return `${(p * 100).toFixed(1)}%`;
  if (p >= 0.1) return `${(p * 100).toFixed(0)}%`;
  if (p >= 0.001) return `${(p * 100).toFixed(1)}%`;
  return '<0.1%';
}

/** "P = 63%", "P < 0.1%", "P > 99.9%": the probability that the named commit is the culprit. */
export function formatP(p: number | null | undefined): string {
  const s = formatProbability(p);
  return s.startsWith('<') || s.startsWith('>') ? `P ${s[0]} ${s.slice(1)}` : `P = ${s}`;
}
