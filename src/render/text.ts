/**
 * Plain text for terminals (the CLI's default output). Log text is stripped of control characters
 * and bidi overrides (./escape.ts), so a log cannot move the cursor, recolour or reorder the terminal.
 */
import type { Report } from '../model.js';
import { plain } from './escape.js';
import { formatDisplayName } from '../formats/registry.js';
import { verdictOf } from './verdict.js';
import { ledger, runVocabulary, shortSha, STATUS_WORDS, trustedReplay } from './view.js';

function sha(s: string | null | undefined): string {
  return shortSha(s) ?? plain(s ?? '?', 90);
}

/** One block per report: verdict, trust, why, what to re-test. */
export function renderText(reports: Report[]): string {
  const out: string[] = [];
  for (const r of reports) {
    if (out.length) out.push('');
    const fmt = formatDisplayName(r.format);
    out.push(`${plain(r.source, 300)} (${fmt}${r.direction === 'fix' ? ', fix bisection' : ''})`);
    // First: which commit, how sure, what to do next (./verdict.ts); then the details.
    const v = verdictOf(r);
    const c = r.culprit;
    const commitWords = c
      ? `${sha(c.sha)} ${plain(c.subject, 200)}${c.author?.name ? ` — ${plain(c.author.name, 80)}` : ''}`
      : '';
    const r95 = r.trust?.range95;
    const rangeEnds = r95
      ? r95.gitRange
        ? plain(r95.gitRange, 90)
        : r95.first && r95.last
          ? `${sha(r95.first)}..${sha(r95.last)}`
          : ''
      : '';
    if (v.sureness === 'range' && c && r.status === 'found') {
      out.push(`  ${v.lead}${rangeEnds ? ` ${rangeEnds}` : ''} (the log names ${commitWords})`);
    } else if (c && v.lead) {
      out.push(`  ${v.lead} ${commitWords}`);
    } else if (r.crash?.title) {
      out.push(`  ${STATUS_WORDS[r.status] ?? r.status}: ${plain(r.crash.title, 200)}`);
    }
    out.push(`  ${v.sure}${r.flaky ? ' The test is flaky.' : ''}`);
    out.push(`  Next: ${v.next}${v.command ? ':' : '.'}`);
    if (v.command) out.push(`    ${v.command}`);
    if (r.reason) out.push(`  ${plain(r.reason, 400)}`);
    const weakest = r.trust?.weakestLink?.message;
    if (weakest) out.push(`  weakest link: ${plain(weakest, 400)}`);
    // Counts rebuilt from the log (no git history at hand) are estimates.
    const about = r.analysis?.positionsExact === false ? 'about ' : '';
    if (r95 && r95.commits > 1 && v.sureness !== 'range') {
      out.push(
        runVocabulary(r).crashes
          ? `  95% range: ${about}${r95.commits} commits${rangeEnds ? ` ${rangeEnds}` : ''}`
          : `  95% sure the culprit is one of ${about}${r95.commits} commits${rangeEnds ? ` ${rangeEnds}` : ''}`,
      );
    }
    for (const cand of r.candidates.slice(0, 20))
      out.push(`  candidate ${sha(cand.sha)} ${plain(cand.subject, 200)}`);
    if (r.candidates.length > 20) out.push(`  … ${r.candidates.length - 20} more candidates`);
    const rows = ledger(r);
    const disagreeing = rows.filter((x) => x.agreement === 'disagrees');
    const words = runVocabulary(r);
    for (const x of disagreeing.slice(0, 5)) {
      const runs = [
        words.hit(x.hits),
        ...(x.otherCrashes || words.crashes ? [words.other(x.otherCrashes)] : []),
        words.clean(x.clean),
      ];
      out.push(
        `  ! ${sha(x.step.commit)}: ${words.crashes ? 'tool' : 'the bisection'} said ${x.step.verdict}, runs say ${x.evidence} (${runs.join(', ')})`,
      );
    }
    for (const w of (r.trust?.reasons ?? []).slice(0, 8)) out.push(`  - ${plain(w.message, 300)}`);
    for (const t of r.retest.slice(0, 10)) {
      out.push(`  re-test ${sha(t.commit)} × ${t.runs}${t.why ? ` — ${plain(t.why, 200)}` : ''}`);
    }
    if (r.trust && r.trust.label !== 'verified') {
      const replay = trustedReplay(r, rows);
      if (replay) {
        out.push('  resume with the trusted verdicts:');
        out.push(`    ${replay.start}`);
        for (const l of replay.lines) out.push(`    ${l.command}`);
      }
    }
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
