/**
 * The job summary: GitHub-flavoured Markdown a person can read in ten seconds (what broke, which
 * commit, who, whether to believe it, what to do next), with the evidence one click away.
 * All log text goes through ./escape.ts.
 */
import type { Report } from '../model.js';
import { ROOT_CAUSE_DOUBTS } from '../analyse/plausibility.js';
import { reportContext, type RenderContext } from './context.js';
import { formatDisplayName, formatExtras, formatOf } from '../formats/registry.js';
import { verdictOf } from './verdict.js';
import { cell, code, codeBlock, inline, isLogin, isSha, richText } from './escape.js';
import { trustRank } from './outputs.js';
import {
  culpritVerb,
  fmtDuration,
  fmtProb,
  fmtP,
  fmtBayes,
  fmtRate,
  isMereLead,
  ledger,
  type LedgerRow,
  plural,
  posteriorStrip,
  reportIcon,
  runVocabulary,
  shortSha,
  STATUS_WORDS,
  type Strip,
  trustedReplay,
  zoomedStrip,
} from './view.js';

/** GitHub rejects step summaries over 1 MiB; keep a margin for what core.summary adds. */
export const SUMMARY_BUDGET_BYTES = 1_000_000;

/**
 * How much of a section to show: 0 everything, 1 without raw steps and with short crash reports,
 * 2 without collapsible extras and with a short ledger, 3 headline and verdict only.
 */
export type Detail = 0 | 1 | 2 | 3;

export interface SectionOptions {
  /** Heading level of the section title (2 = ##). */
  heading?: number;
  detail?: Detail;
  /** How to show a resolved author login: a profile link (no ping), a live @mention, or plain text. */
  author?: 'link' | 'mention' | 'text';
  /** Leave out the title heading (an issue already has its title). */
  noTitle?: boolean;
}

// ------------------------------------------------------------------ small pieces

export function commitUrl(sha: string, ctx: RenderContext): string | null {
  if (ctx.commitRepository) return foreignCommitUrl(sha, ctx.commitRepository);
  if (!isSha(sha) || !ctx.repository || !/^[\w.-]+\/[\w.-]+$/.test(ctx.repository)) return null;
  return `${ctx.serverUrl.replace(/\/+$/, '')}/${ctx.repository}/commit/${sha.toLowerCase()}`;
}

/** A commit of another repository: GitHub, hg.mozilla.org and googlesource links; none for other hosts. */
function foreignCommitUrl(sha: string, repo: { url: string; slug?: string | null }): string | null {
  // Short all-digit ids are build numbers (commit positions), not commit hashes.
  if (!isSha(sha) || (/^\d+$/.test(sha) && sha.length < 12)) return null;
  const id = sha.toLowerCase();
  if (repo.slug && /^[\w.-]+\/[\w.-]+$/.test(repo.slug))
    return `https://github.com/${repo.slug}/commit/${id}`;
  const url = repo.url.replace(/\/+$/, '');
  if (!/^https:\/\/[\w.-]+(?:\/[\w.~+-]+)*$/.test(url)) return null;
  if (/^https:\/\/hg\.mozilla\.org\//.test(url)) return `${url}/rev/${id}`;
  if (/^https:\/\/[\w-]+\.googlesource\.com\//.test(url)) return `${url}/+/${id}`;
  return null;
}

/** A commit id as a code span, linked to the commit on the server when the repository is known. */
export function commitRef(
  sha: string | null | undefined,
  ctx: RenderContext,
  len = 12,
  table = false,
): string {
  if (!sha) return '—';
  const short = shortSha(sha, len);
  if (!short) return code(sha, { max: 90, table });
  const url = commitUrl(sha, ctx);
  return url ? `[\`${short}\`](${url})` : `\`${short}\``;
}

export function authorText(
  report: Report,
  ctx: RenderContext,
  mode: SectionOptions['author'] = 'link',
): string {
  const c = report.culprit;
  if (!c) return '';
  const login = ctx.authorLogins?.[c.sha];
  if (isLogin(login)) {
    if (mode === 'mention') return `@${login}`;
    if (mode === 'link') return `[@${login}](${ctx.serverUrl.replace(/\/+$/, '')}/${login})`;
    return inline(login, 40);
  }
  if (c.author?.name) return inline(c.author.name, 80);
  return 'unknown author';
}

function heading(level: number, text: string): string {
  return `${'#'.repeat(Math.min(6, Math.max(1, level)))} ${text}`;
}

/** A collapsible block; `label` is our own text (never log text). */
function details(label: string, body: string[]): string[] {
  return [`<details><summary>${label}</summary>`, '', ...body, '', '</details>', ''];
}

function trustWords(report: Report): string {
  const t = report.trust;
  if (!t) return '';
  return `**${t.label}** (${fmtProb(t.probability)})`;
}

// ------------------------------------------------------------------ the verdict

type AlertKind = 'TIP' | 'NOTE' | 'WARNING' | 'CAUTION';

function alert(kind: AlertKind, sentences: string[]): string[] {
  // A log's own reason ("the good commit … fails too: …") reads as a sentence of its own here.
  const text = sentences
    .filter(Boolean)
    // A sentence that opens with a commit id keeps it as written.
    .map((s) => (/^[0-9a-f]{7,40}\b/.test(s) ? s : s.replace(/^[a-z]/, (c) => c.toUpperCase())))
    .map((s) => s.replace(/([^.!?:])$/, '$1.'))
    .join(' ');
  return [`> [!${kind}]`, `> ${text}`, ''];
}

type Range95 = NonNullable<NonNullable<Report['trust']>['range95']>;

/** The ends of the 95% range: git range notation when the analysis gives one, else first … last. */
function rangeEnds(r: Range95, ctx: RenderContext): string {
  if (r.gitRange) return ` ${code(r.gitRange, { max: 90 })}`;
  if (r.first && r.last) {
    return r.first.toLowerCase() === r.last.toLowerCase()
      ? ` ${commitRef(r.first, ctx, 8)}`
      : ` ${commitRef(r.first, ctx, 8)} … ${commitRef(r.last, ctx, 8)}`;
  }
  return '';
}

function rangeWords(report: Report, ctx: RenderContext): string {
  const r = report.trust?.range95;
  if (!r || r.commits < 2) return '';
  return `${plural(r.commits, 'commit')}${rangeEnds(r, ctx)}`;
}

/** A tool's own range result (Report.range) in words: "after A, no later than B (N commits)". */
export function rangeResultWords(report: Report, ctx: RenderContext): string {
  const r = report.range;
  if (!r) return 'the tool reported a range without its ends';
  const fix = report.direction === 'fix';
  const ref = (rev: string | null): string =>
    rev ? (isSha(rev) ? commitRef(rev, ctx) : code(rev, { max: 60 })) : '?';
  const n = r.commits ? ` (${plural(r.commits, 'commit')})` : '';
  return `the ${fix ? 'fix' : 'change'} was made after ${ref(r.firstGood)}, no later than ${ref(r.firstBad)}${n}`;
}

/** The alert: one or two sentences saying why this answer is or isn't trustworthy. */
export function verdictAlert(report: Report, ctx: RenderContext): string[] {
  const t = report.trust;
  const weakest = t?.weakestLink?.message ? richText(t.weakestLink.message, 400) : '';
  const firstReason = t?.reasons?.[0]?.message ? richText(t.reasons[0].message, 400) : '';
  const why = weakest || firstReason;
  const reason = report.reason ? richText(report.reason, 400) : '';
  const p = t ? fmtP(t.probability) : '';

  if (report.status === 'found' && t) {
    const range = rangeWords(report, ctx);
    switch (t.label) {
      case 'verified':
        return alert('TIP', [`**Trust this culprit** (${p}): it is verified on both sides.`, why]);
      case 'likely': {
        if (!isMereLead(t)) return alert('NOTE', [`**Probably right** (${p}), but not verified.`, why]);
        const single = t.reasons.find(
          (x) => x.code === 'plain-bisect-no-repeats' || x.code === 'single-run-verdict',
        );
        if (single)
          return alert('WARNING', [
            `**Best lead, not proven** (${p}): each commit ran the test once, so a flaky test could have sent the search anywhere.`,
            why,
          ]);
        // Trusted yet below even odds: say which half of the judgement holds it back.
        const location = report.analysis?.locationProbability ?? 1;
        const root = report.analysis?.rootCauseProbability ?? 1;
        if (location >= 0.9 && root < 0.6) {
          const doubt = t.reasons.find((x) => ROOT_CAUSE_DOUBTS.has(x.code));
          return alert('NOTE', [
            `**Best lead, not yet proven** (${p}): the runs place the change here (${fmtProb(location)}), ` +
              `but whether this commit caused the failure or only exposed an older bug is less sure (${fmtProb(root)}).`,
            doubt ? richText(doubt.message, 400) : why,
          ]);
        }
        return alert('NOTE', [`**Best lead, not yet proven** (${p}).`, why]);
      }
      case 'range':
        return alert('WARNING', [
          `**The answer is a range, not one commit**${range ? `: ${range}` : ''}; the commit the log names has ${p}.`,
          why,
        ]);
      case 'unreliable':
        return alert('WARNING', [`**Do not rely on this culprit** (${p}).`, why]);
      case 'contradicted':
        return alert('CAUTION', [
          `**Almost certainly wrong** (${p}): the runs contradict the commit the log names.`,
          why || (range ? `The culprit most likely lies in ${range}.` : ''),
        ]);
    }
  }
  switch (report.status) {
    case 'range':
      return alert('NOTE', [`**Narrowed to a range**: ${rangeResultWords(report, ctx)}.`, reason]);
    case 'ambiguous': {
      const n = report.candidates.length;
      return alert('WARNING', [
        `**No single culprit**: the bisection ended with ${plural(n, 'candidate')}${t ? ` (${p} that it is one of them)` : ''}.`,
        reason || why,
      ]);
    }
    case 'no-culprit':
      return alert('NOTE', ['**No culprit**: the bisection found no first bad commit.', reason || why]);
    case 'not-reproduced':
      return alert('NOTE', [
        '**Not reproduced**: the failure did not show up on the starting commit.',
        reason,
      ]);
    case 'failed':
      return alert('WARNING', ['**The bisection failed** before it found a culprit.', reason]);
    case 'incomplete':
      return alert('WARNING', ['**The log is incomplete**: the bisection did not finish.', reason]);
    case 'unrecognized':
      return alert('WARNING', ['**Not a bisection log** this action understands.', reason]);
    default:
      return alert('WARNING', [
        `**Culprit found, but its trust was not assessed.**`,
        reason || 'Treat it as an unchecked lead.',
      ]);
  }
}

// ------------------------------------------------------------------ headline

function titleText(report: Report): string {
  if (report.crash?.title) return code(report.crash.title, { max: 160 });
  return code(report.source, { max: 160 });
}

function headline(report: Report, ctx: RenderContext, opts: SectionOptions): string[] {
  const out: string[] = [];
  const level = opts.heading ?? 3;
  const v = verdictOf(report);
  if (!opts.noTitle) {
    const fix = report.direction === 'fix' ? 'Fix for ' : '';
    out.push(heading(level, `${v.icon} ${fix}${titleText(report)}`), '');
  }
  const c = report.culprit;
  const facts: string[] = [];
  if (c && (report.status === 'found' || report.status === 'ambiguous')) {
    const commit = `${commitRef(c.sha, ctx)} ${inline(c.subject, 160)}`;
    const who = `by **${authorText(report, ctx, opts.author)}**`;
    const range = rangeWords(report, ctx);
    const verb = culpritVerb(report.direction);
    switch (report.status === 'found' ? v.sureness : 'range') {
      case 'range':
        facts.push(
          range
            ? `**Somewhere in ${range}** · the log names ${commit} ${who}`
            : `**${verb}** ${commit} · ${who} (one of several)`,
        );
        break;
      case 'wrong':
        facts.push(
          `**Not this commit**: the log names ${commit} ${who}` +
            (range ? ` · the culprit is most likely in ${range}` : ''),
        );
        break;
      case 'doubtful':
        facts.push(`**Unconfirmed**: the log names ${commit} ${who}`);
        break;
      case 'lead':
        facts.push(`**Best lead: ${verb.toLowerCase()}** ${commit} · ${who}`);
        break;
      default: {
        const bits = [`**${verb}** ${commit}`, who];
        if (c.date) bits.push(inline(c.date, 60));
        facts.push(bits.join(' · '));
      }
    }
  } else {
    facts.push(`**${capitalise(STATUS_WORDS[report.status] ?? report.status)}**`);
  }
  out.push(facts.join(''), '');
  return out;
}

/** The one thing to do next, with its command when there is one. */
function nextStep(report: Report): string[] {
  const v = verdictOf(report);
  const out = [`**Next:** ${v.next}${v.command ? ':' : '.'}`, ''];
  if (v.command) out.push(codeBlock(v.command, 'sh'), '');
  return out;
}

/** Label, source, format, size: a line of facts under the verdict. */
function metaLine(report: Report): string[] {
  const meta: string[] = [];
  if (report.trust) meta.push(`Trust ${trustWords(report)}`);
  if (report.flaky) meta.push('🎲 flaky test');
  meta.push(
    `${code(report.source, { max: 120 })} (${formatOf(report) || report.format === 'unknown' ? formatDisplayName(report.format) : inline(report.format)})`,
  );
  const tested = report.revisionsTested ?? report.steps.length;
  if (tested) meta.push(`${plural(tested, 'commit')} tested`);
  if (report.timing?.totalSeconds) meta.push(`⏱ ${fmtDuration(report.timing.totalSeconds)}`);
  return [meta.join(' · '), ''];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ------------------------------------------------------------------ culprit checks worth seeing

function culpritNotes(report: Report, ctx: RenderContext): string[] {
  const c = report.culprit;
  const out: string[] = [];
  const cc = report.culpritCrash;
  if (cc?.title && cc.title !== report.crash?.title) {
    out.push(`- Crash seen at the culprit: ${code(cc.title, { max: 160 })} (not the bisected failure)`);
  }
  const build = formatExtras(report).culpritBuild;
  if (c && build?.signature && build.parentSignature && build.signature === build.parentSignature) {
    out.push('- ⚠️ The culprit builds to the same binary as its parent: it cannot change behaviour.');
  }
  if (c?.merge) out.push('- ⚠️ The culprit is a merge commit: the cause is inside the merged branch.');
  if (c?.release) out.push('- ⚠️ The culprit is a release commit, not an ordinary change.');
  for (const c of (report.analysis?.counterfactual ?? []).slice(0, 2)) out.push(`- 🔁 ${richText(c, 300)}`);
  for (const h of (report.hints ?? []).slice(0, 3)) out.push(`- 💡 ${richText(h, 300)}`);
  if (ctx && out.length) out.push('');
  return out;
}

// ------------------------------------------------------------------ posterior

function posteriorBlock(report: Report, ctx: RenderContext): string[] {
  const t = report.trust;
  if (!t) return [];
  const words = runVocabulary(report);
  const out: string[] = [];
  const strip = posteriorStrip(t, report.analysis, report.culprit?.sha ?? null);
  // Counts rebuilt from the log (no git history at hand) are estimates: say so.
  const about = report.analysis?.positionsExact === false ? 'about ' : '';
  const facts: string[] = [];
  const named = report.direction === 'fix' ? 'fix' : 'culprit';
  if (t.range95)
    facts.push(
      words.crashes
        ? `95% range: **${about}${plural(t.range95.commits, 'commit')}**${rangeEnds(t.range95, ctx)}`
        : t.range95.commits === 1
          ? `95% sure it is${rangeEnds(t.range95, ctx) || ' one commit'}`
          : `95% sure it is one of **${about}${plural(t.range95.commits, 'commit')}**${rangeEnds(t.range95, ctx)}`,
    );
  if (report.culprit && report.status === 'found')
    facts.push(
      words.crashes
        ? fmtP(t.probability).replace('P', `P(reported ${named})`)
        : `chance it is the one the log names: ${fmtProb(t.probability)}`,
    );
  if (!strip && facts.length === 0) return [];
  out.push(`**Where the ${named} is**${facts.length ? ' — ' + facts.join(' · ') : ''}`, '');
  if (strip) {
    const lines = stripLines(strip, report);
    const zs = zoomedStrip(t, report.analysis, report.culprit?.sha ?? null);
    if (zs)
      lines.push(
        '',
        `zoom: the 95% range and ${zs.positions - (t.range95?.commits ?? 0)} commits around it`,
        ...stripLines(zs, report, true),
      );
    out.push(codeBlock(lines.join('\n')), '');
    const first = report.direction === 'fix' ? 'fixed' : 'bad';
    out.push(
      words.crashes
        ? `<sub>Posterior probability that each commit of ${about ? `a window of about ${strip.positions} commits` : `the ${strip.positions}-commit window`} (oldest → newest) is the first ${first} one.</sub>`
        : `<sub>How likely each of ${about ? 'about ' : 'the '}${plural(strip.positions, 'commit')} between the last passing and the first failing commit (oldest → newest) is the first one that ${report.direction === 'fix' ? 'passes' : 'fails'}.</sub>`,
      '',
    );
  }
  return out;
}

/** The analysis' numbers behind the verdict, for the evidence block (one click away). */
function numbersLines(report: Report): string[] {
  const t = report.trust;
  if (!t) return [];
  const crashes = runVocabulary(report).crashes;
  const a = report.analysis ?? {};
  const rates: string[] = [];
  const q = fmtRate(t.reproRate);
  const e = fmtRate(t.falseAlarmRate);
  if (crashes) {
    if (q) rates.push(`repro rate ${q}`);
    if (e) rates.push(`false alarms ${e}`);
    if (a.locationProbability !== undefined && a.rootCauseProbability !== undefined) {
      rates.push(`P(behaviour changes here) ${fmtProb(a.locationProbability)}`);
      rates.push(`P(root cause, given the checks on the commit) ${fmtProb(a.rootCauseProbability)}`);
    }
    if (a.outside !== undefined) rates.push(`P(outside the window) ${fmtProb(a.outside)}`);
    if (a.noCulprit !== undefined) rates.push(`P(no real culprit) ${fmtProb(a.noCulprit)}`);
  } else {
    if (q)
      rates.push(
        `the test fails in ${q} of runs on a commit with the bug${e ? `, in ${e} on one without it` : ''}`,
      );
    if (a.locationProbability !== undefined && a.rootCauseProbability !== undefined) {
      rates.push(`chance the test's behaviour changes at the named commit ${fmtProb(a.locationProbability)}`);
      rates.push(
        `chance that change is the cause, not just where it shows ${fmtProb(a.rootCauseProbability)}`,
      );
    }
    if (a.outside !== undefined)
      rates.push(`chance the culprit is older than the bisected range ${fmtProb(a.outside)}`);
    if (a.noCulprit !== undefined)
      rates.push(`chance there is no culprit (every failure a flake) ${fmtProb(a.noCulprit)}`);
  }
  const out: string[] = [];
  if (rates.length) out.push(rates.map(capitalise).join(' · '), '');
  if (a.toolConfidence !== undefined && a.toolConfidence !== null && Number.isFinite(a.toolConfidence)) {
    out.push(
      `The tool's own confidence formula gives ${fmtProb(a.toolConfidence)} for this answer; it only accounts for false "good" verdicts.`,
      '',
    );
  }
  return out;
}

function stripLines(strip: Strip, report: Report, zoom = false): string[] {
  const lines = [strip.bars];
  if (strip.range) {
    const [a, b] = strip.range;
    const w = b - a + 1;
    const label = w >= 9 ? '95%' : '';
    let bracket = w === 1 ? '↑' : '└' + '─'.repeat(w - 2) + '┘';
    if (label) {
      const mid = Math.floor((w - label.length) / 2);
      bracket = bracket.slice(0, mid) + label + bracket.slice(mid + label.length);
    }
    lines.push(' '.repeat(a) + bracket + (w < 9 ? ' 95%' : ''));
  }
  if (strip.culpritBin !== null && report.culprit) {
    const word = report.direction === 'fix' ? 'reported fix' : 'reported culprit';
    const at = strip.culpritBin;
    // The word goes right of the marker unless that runs past the strip and there is room on the left.
    const left = at >= word.length + 2 && at + word.length + 2 > strip.bins;
    lines.push(left ? ' '.repeat(at - word.length - 1) + word + ' ▲' : ' '.repeat(at) + '▲ ' + word);
  }
  const [oldWord, newWord] = runVocabulary(report).ends(report.direction);
  const leftEnd = shortSha(strip.first, 8) ?? (zoom ? '…' : 'oldest');
  const rightEnd = shortSha(strip.last, 8) ?? (zoom ? '…' : 'newest');
  const l = zoom ? leftEnd : `${leftEnd} ${oldWord}`;
  const r = zoom ? rightEnd : `${newWord} ${rightEnd}`;
  lines.push(l + ' '.repeat(Math.max(1, strip.bins - l.length - r.length)) + r);
  return lines;
}

// ------------------------------------------------------------------ evidence ledger

const MAX_ROWS: Record<Detail, number> = { 0: 300, 1: 80, 2: 25, 3: 0 };

function num(n: number, estimated: boolean): string {
  if (!n) return '·';
  return estimated ? `~${n}` : String(n);
}

function agreementCell(row: LedgerRow, crashes: boolean): string {
  switch (row.agreement) {
    case 'agrees':
      return '✅';
    case 'disagrees':
      return `❌ **runs say ${row.evidence}**`;
    case 'weak':
      return row.evidence === 'none' ? (crashes ? '⚠️ no usable runs' : "⚠️ couldn't run") : '⚠️ 1 run';
    default:
      return '—';
  }
}

function stepLabel(row: LedgerRow): string {
  if (row.step.original) return 'start';
  if (row.step.release) return 'release';
  return String(row.index);
}

/** Picks which rows to show when there are too many: every row that matters, then the latest steps. */
function pickRows(rows: LedgerRow[], max: number): { shown: LedgerRow[]; hidden: number } {
  if (rows.length <= max) return { shown: rows, hidden: 0 };
  const keep = new Set<number>();
  for (const r of rows) if (r.isCulprit || r.isWeakest || r.agreement === 'disagrees') keep.add(r.index);
  for (let i = rows.length - 1; i >= 0 && keep.size < max; i--) keep.add(rows[i].index);
  const shown = rows.filter((r) => keep.has(r.index)).slice(-max);
  return { shown, hidden: rows.length - shown.length };
}

/** The evidence per tested commit as a table with its legend (no heading: callers wrap it). */
export function ledgerTable(report: Report, ctx: RenderContext, detail: Detail): string[] {
  const rows = ledger(report);
  const max = MAX_ROWS[detail];
  if (rows.length === 0 || max === 0) return [];
  const words = runVocabulary(report);
  const col = words.columns;
  const { shown, hidden } = pickRows(rows, max);
  const withBf = rows.some((r) => r.log10BayesFactor !== null);
  // A test's runs rarely fail another way: that column only when some did.
  const withOther = words.crashes || rows.some((r) => r.otherCrashes > 0);
  const columns: [string, string][] = [
    ['Step', ':--'],
    ['Commit', ':--'],
    ['Subject', ':--'],
    [col.verdict, ':--'],
    [col.hits, '--:'],
    ...(withOther ? [[col.other, '--:'] as [string, string]] : []),
    [col.clean, '--:'],
    [col.censored, '--:'],
    ...(withBf ? [[col.weight, '--:'] as [string, string]] : []),
    [col.agrees, ':--'],
  ];
  const headers = columns.map((c) => c[0]);
  const align = columns.map((c) => c[1]);
  const out = [`| ${headers.join(' | ')} |`, `|${align.join('|')}|`];
  for (const row of shown) {
    const s = row.step;
    const mark = row.isCulprit ? ' ◀' : row.isWeakest ? ' ⚠️' : '';
    const commitCell = row.isCulprit
      ? `**${commitRef(s.commit, ctx, 8, true)}**${mark}`
      : commitRef(s.commit, ctx, 8, true) + mark;
    const verdict = row.agreement === 'disagrees' ? `**${s.verdict}**` : s.verdict;
    const cells = [
      stepLabel(row),
      commitCell,
      cell(s.subject ?? '', 70),
      verdict,
      num(row.hits, row.estimated),
    ];
    if (withOther) cells.push(num(row.otherCrashes, false));
    cells.push(num(row.clean, row.estimated), num(row.censored, false));
    if (withBf) cells.push(fmtBayes(row.log10BayesFactor));
    cells.push(agreementCell(row, words.crashes));
    out.push(`| ${cells.join(' | ')} |`);
  }
  if (hidden) {
    const filler = headers.map(() => '');
    filler[0] = '…';
    filler[2] = `${plural(hidden, 'more step')} in the raw step list`;
    out.push(`| ${filler.join(' | ')} |`);
  }
  out.push('');
  const legend = words.legend.filter((l) => withOther || !l.startsWith(col.other));
  out.push(`<sub>${[...legend, ...(withBf ? [words.weightLegend] : [])].join(' ')}</sub>`, '');
  return out;
}

/** The ledger and the numbers behind the verdict, folded: the first screen is the verdict. */
function evidenceDetails(report: Report, ctx: RenderContext, detail: Detail): string[] {
  const table = ledgerTable(report, ctx, detail);
  const numbers = detail < 2 ? numbersLines(report) : [];
  if (table.length === 0 && numbers.length === 0) return [];
  const tested = ledger(report).length;
  const label = runVocabulary(report).crashes
    ? `Evidence: the runs at each of the ${plural(tested, 'tested commit')}, and the numbers`
    : `Evidence: what the test did at each of the ${plural(tested, 'tested commit')}, and the numbers`;
  return details(label, [...numbers, ...table]);
}

// ------------------------------------------------------------------ re-test plan

export function retestPlan(report: Report, ctx: RenderContext, level: number): string[] {
  const label = report.trust?.label;
  const wantsPlan = report.retest.length > 0 || (label !== undefined && label !== 'verified');
  if (!wantsPlan) return [];
  const out = [heading(level, 'Re-test plan'), ''];
  if (report.retest.length) {
    const total = report.retest.reduce((a, r) => a + (Number.isFinite(r.runs) ? r.runs : 0), 0);
    out.push(`${plural(report.retest.length, 'commit')}, ${plural(total, 'run')} in all:`, '');
    out.push('| Commit | Runs | Why |', '|:--|--:|:--|');
    for (const r of report.retest.slice(0, 30)) {
      out.push(
        `| ${commitRef(r.commit, ctx, 12, true)} | ${Number.isFinite(r.runs) ? r.runs : '—'} | ${cell(r.why ?? '', 200)} |`,
      );
    }
    out.push('');
  }
  const replay = trustedReplay(report, ledger(report));
  if (replay) {
    const runs = Math.max(10, ...report.retest.map((r) => (Number.isFinite(r.runs) ? r.runs : 0)));
    const repeat = replay.repeat(runs);
    const lines = [
      '# start again from the same bounds, replaying only the verdicts the runs support',
      replay.start,
      ...replay.lines.map((l) => `${l.command}   # ${l.note}`),
      ...replay.dropped.map((d) => `# not replayed: ${d.commit} (${d.note})`),
      ...(repeat
        ? [`# then let ${runs} runs per commit decide (replace ./test.sh with your test)`, repeat]
        : []),
    ];
    out.push('Resume the bisection from the trusted verdicts:', '', codeBlock(lines.join('\n'), 'sh'), '');
  }
  return out.length > 2 ? out : [];
}

// ------------------------------------------------------------------ collapsible extras

function reasonsDetails(report: Report): string[] {
  const t = report.trust;
  const items: string[] = [];
  for (const r of t?.reasons ?? []) items.push(`- ${code(r.code, { max: 60 })} ${richText(r.message, 500)}`);
  if (t?.weakestLink) {
    const f = t.weakestLink.fragility;
    items.push(
      `- Weakest link${f !== null && f !== undefined ? ` (flipping ${plural(f, 'run')} changes the answer)` : ''}: ${richText(t.weakestLink.message, 500)}`,
    );
  }
  for (const f of report.flakyReasons ?? []) items.push(`- 🎲 ${richText(f, 300)}`);
  if (items.length === 0) return [];
  return details(`Why ${t ? `“${t.label}”` : 'this result'} (${plural(items.length, 'check')})`, items);
}

function candidatesTable(report: Report, ctx: RenderContext, detail: Detail, level: number): string[] {
  if (report.candidates.length === 0) return [];
  const max = detail >= 2 ? 10 : 50;
  const out = [heading(level, 'Candidates'), '', '| Commit | Subject |', '|:--|:--|'];
  for (const c of report.candidates.slice(0, max))
    out.push(`| ${commitRef(c.sha, ctx, 12, true)} | ${cell(c.subject, 120)} |`);
  if (report.candidates.length > max)
    out.push(`| … | ${plural(report.candidates.length - max, 'more candidate')} |`);
  out.push('');
  return out;
}

function crashDetails(report: Report, detail: Detail): string[] {
  const max = detail === 0 ? 20_000 : 3_000;
  const out: string[] = [];
  const blocks: { label: string; title: string; text: string }[] = [];
  if (report.crash?.report)
    blocks.push({ label: 'Crash report', title: report.crash.title, text: report.crash.report });
  if (report.culpritCrash?.report && report.culpritCrash.report !== report.crash?.report) {
    blocks.push({
      label: 'Crash at the culprit',
      title: report.culpritCrash.title,
      text: report.culpritCrash.report,
    });
  }
  for (const b of blocks) {
    const clipped =
      b.text.length > max ? b.text.slice(0, max) + `\n… (${b.text.length - max} more characters)` : b.text;
    out.push(...details(b.label, [code(b.title, { max: 200 }), '', codeBlock(clipped)]));
  }
  return out;
}

function commitDetails(report: Report, detail: Detail): string[] {
  const c = report.culprit;
  if (!c) return [];
  const items: string[] = [];
  if (c.author) items.push(`- Author: ${inline(c.author.name, 100)} ${code(c.author.email, { max: 100 })}`);
  if (c.date) items.push(`- Date: ${inline(c.date, 60)}`);
  const build = formatExtras(report).culpritBuild;
  if (build?.signature || build?.parentSignature) {
    const same = build.signature && build.signature === build.parentSignature;
    items.push(
      `- Build signature: ${code(build.signature ?? '?', { max: 70 })}, parent ${code(build.parentSignature ?? '?', { max: 70 })}${same ? ' — **identical (no-op change)**' : ''}`,
    );
  }
  const maxFiles = detail === 0 ? 100 : 20;
  for (const f of c.files.slice(0, maxFiles)) items.push(`- ${code(f.path, { max: 200 })}`);
  if (c.files.length > maxFiles) items.push(`- … ${plural(c.files.length - maxFiles, 'more file')}`);
  if (items.length === 0) return [];
  return details(`Culprit commit (${plural(c.files.length, 'file')} touched)`, items);
}

function timingDetails(report: Report): string[] {
  const t = report.timing;
  const perStep = report.steps.filter((s) => s.buildSeconds != null || s.testSeconds != null);
  if (!t && perStep.length === 0) return [];
  const body: string[] = [];
  if (t) {
    body.push(
      `Total ${fmtDuration(t.totalSeconds)} · building ${fmtDuration(t.buildSeconds)} · testing ${fmtDuration(t.testSeconds)}`,
      '',
    );
  }
  if (perStep.length) {
    body.push('| Commit | Build | Test |', '|:--|--:|--:|');
    for (const s of perStep.slice(0, 200)) {
      body.push(
        `| ${code(shortSha(s.commit, 8) ?? s.commit, { max: 16, table: true })} | ${fmtDuration(s.buildSeconds)} | ${fmtDuration(s.testSeconds)} |`,
      );
    }
  }
  return details('Timings', body);
}

function recipientsDetails(report: Report): string[] {
  const list = formatExtras(report).recipients ?? [];
  if (list.length === 0) return [];
  const shown = list.slice(0, 100).map((r) => code(r, { max: 120 }));
  if (list.length > 100) shown.push(`… ${list.length - 100} more`);
  return details(`Recipients the tool named (${list.length})`, [shown.join(', ')]);
}

function rawSteps(report: Report, detail: Detail): string[] {
  if (report.steps.length === 0) return [];
  const max = detail === 0 ? 500 : 100;
  const lines = report.steps.slice(0, max).map((s, i) => {
    const runs = s.runs;
    const titles = Object.entries(s.titles ?? {})
      .map(([t, n]) => `${n}× ${t}`)
      .join('; ');
    const flags = [
      s.original ? 'original' : '',
      s.release ? `release ${s.release}` : '',
      runs.estimated ? 'counts assumed' : '',
    ]
      .filter(Boolean)
      .join(', ');
    return (
      `${String(i).padStart(3)}  ${(shortSha(s.commit, 12) ?? s.commit).padEnd(12)}  ${s.verdict.padEnd(8)}  ` +
      `${runs.failed} failed / ${runs.passed} ok / ${runs.other} other` +
      (flags ? `  [${flags}]` : '') +
      (titles ? `  ${titles}` : '') +
      (s.subject ? `  — ${s.subject}` : '')
    ).slice(0, 600);
  });
  if (report.steps.length > max) lines.push(`… ${report.steps.length - max} more steps`);
  return details(`Raw step list (${report.steps.length})`, [codeBlock(lines.join('\n'), 'text')]);
}

// ------------------------------------------------------------------ one section

export function renderReportSection(
  report: Report,
  outerCtx: RenderContext,
  opts: SectionOptions = {},
): string {
  const ctx = reportContext(report, outerCtx);
  const detail: Detail = opts.detail ?? 0;
  const level = opts.heading ?? 3;
  const sub = level + 1;
  const out: string[] = [];
  // The first screen: which commit, how sure, what to do next; then the facts and the evidence.
  out.push(...headline(report, ctx, opts));
  out.push(...verdictAlert(report, ctx));
  out.push(...nextStep(report));
  out.push(...metaLine(report));
  out.push(...culpritNotes(report, ctx));
  if (detail < 3) {
    out.push(...candidatesTable(report, ctx, detail, sub));
    out.push(...posteriorBlock(report, ctx));
    out.push(...evidenceDetails(report, ctx, detail));
    out.push(...retestPlan(report, ctx, sub));
  }
  if (detail < 2) {
    out.push(...reasonsDetails(report));
    out.push(...crashDetails(report, detail));
    out.push(...commitDetails(report, detail));
    out.push(...timingDetails(report));
    out.push(...recipientsDetails(report));
  }
  if (detail < 1) out.push(...rawSteps(report, detail));
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

// ------------------------------------------------------------------ several logs

/** Reports in display order: worst trust first, input order otherwise. */
export function orderReports(reports: Report[]): Report[] {
  return reports
    .map((r, i) => ({ r, i }))
    .sort((a, b) => trustRank(a.r) - trustRank(b.r) || a.i - b.i)
    .map((x) => x.r);
}

export function overviewTable(ordered: Report[], ctx: RenderContext, maxRows: number): string[] {
  const out = ['| | Log | Result | Culprit | Trust |', '|:-:|:--|:--|:--|:--|'];
  for (const r of ordered.slice(0, maxRows)) {
    const c = r.culprit;
    const culprit = c
      ? `${r.direction === 'fix' ? 'fixed by ' : ''}${commitRef(c.sha, reportContext(r, ctx), 12, true)} ${cell(c.subject, 60)}`
      : r.candidates.length
        ? plural(r.candidates.length, 'candidate')
        : '—';
    const trust = r.trust ? `**${r.trust.label}** ${fmtProb(r.trust.probability)}` : '—';
    const result = (STATUS_WORDS[r.status] ?? r.status) + (r.flaky ? ' 🎲' : '');
    out.push(
      `| ${reportIcon(r)} | ${code(r.source, { max: 80, table: true })} | ${result} | ${culprit} | ${trust} |`,
    );
  }
  if (ordered.length > maxRows) out.push(`| | … | ${plural(ordered.length - maxRows, 'more log')} | | |`);
  out.push('');
  return out;
}

export function isRunUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/[^\s()<>[\]]+$/.test(url);
}

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

const TRUNCATION_WHAT: Record<Detail, string> = {
  0: '',
  1: 'raw step lists left out and crash reports shortened',
  2: 'collapsible details left out and evidence tables shortened',
  3: 'only the verdict of each bisection is shown',
};

/** The job summary for all reports, under GitHub's 1 MiB limit (least important parts dropped first). */
export function renderSummary(
  reports: Report[],
  ctx: RenderContext,
  budgetBytes = SUMMARY_BUDGET_BYTES,
): string {
  const ordered = orderReports(reports);
  const title = '## 🔎 Bisection report';
  if (ordered.length === 0) {
    return `${title}\n\n> [!WARNING]\n> No bisection log could be read.\n`;
  }
  const several = ordered.length > 1;
  const headingLevel = 3;
  for (const detail of [0, 1, 2, 3] as Detail[]) {
    const rows = detail <= 1 ? 1000 : 300;
    const head = [title, ''];
    if (several) head.push(...overviewTable(ordered, ctx, rows));
    const parts: string[] = [];
    let size = byteLength(head.join('\n')) + 2000;
    let fits = true;
    let shown = 0;
    for (const r of ordered) {
      const section =
        renderReportSection(r, ctx, { heading: headingLevel, detail, author: 'link' }) + '\n---\n\n';
      size += byteLength(section);
      if (size > budgetBytes) {
        fits = false;
        break;
      }
      parts.push(section);
      shown++;
    }
    if (fits || detail === 3) {
      const note: string[] = [];
      if (detail > 0 || shown < ordered.length) {
        const what = [TRUNCATION_WHAT[detail]];
        if (shown < ordered.length)
          what.push(`${plural(ordered.length - shown, 'more bisection')} not shown`);
        note.push(
          '> [!NOTE]',
          `> Shortened to fit GitHub's 1 MiB job summary limit: ${what.filter(Boolean).join('; ')}. The \`report-json\` output has everything.`,
          '',
        );
      }
      const footer = isRunUrl(ctx.runUrl)
        ? [`<sub>Generated by bisect-report in [this workflow run](${ctx.runUrl}).</sub>`, '']
        : [];
      return [...head.slice(0, 2), ...note, ...head.slice(2), ...parts, ...footer]
        .join('\n')
        .replace(/\n{3,}/g, '\n\n');
    }
  }
  /* c8 ignore next */
  return title + '\n';
}
