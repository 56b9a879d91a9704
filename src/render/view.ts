/**
 * Derived, render-ready facts about a report (no Markdown here): the evidence ledger, words for labels
 * and statuses, number formats, the posterior strip and the trusted-verdict replay.
 */
import {
  sameCommit,
  sameCommitLowerCase,
  type Direction,
  type Report,
  type Status,
  type Step,
  type Trust,
  type Analysis,
  type TrustLabel,
  type Verdict,
} from '../model.js';
import { isSha } from './escape.js';
import { formatP, formatProbability } from '../probability.js';
import { formatOf, isHarnessTitle, runsAreCrashes } from '../formats/registry.js';
import type { ReplayPlan, ReplayVerdict } from '../formats/types.js';

// ---------------------------------------------------------------- words

export const LABEL_ICON: Record<TrustLabel, string> = {
  verified: '✅',
  likely: '🟢',
  range: '🟡',
  unreliable: '🟠',
  contradicted: '⛔',
};

export const STATUS_ICON: Record<Status, string> = {
  found: '🟢',
  ambiguous: '🟡',
  range: '🔎',
  'no-culprit': '⚪',
  'not-reproduced': '⚪',
  failed: '❌',
  incomplete: '⏸️',
  unrecognized: '❔',
};

/** Reasons that mean the runs could not show a flaky test: the answer rests on one run per commit. */
const SINGLE_RUN_CODES = new Set(['plain-bisect-no-repeats', 'single-run-verdict']);

/**
 * A `likely` culprit that is only the best lead: below even-ish odds, or resting on one run per
 * commit (nothing in such a log can reveal a flaky test). It is shown as a lead, never "probably right".
 */
export function isMereLead(trust: Trust): boolean {
  return (
    trust.label === 'likely' &&
    (trust.probability < 0.6 || trust.reasons.some((x) => SINGLE_RUN_CODES.has(x.code)))
  );
}

export function reportIcon(r: Report): string {
  if (r.status === 'found' && r.trust)
    return isMereLead(r.trust) ? LABEL_ICON.range : LABEL_ICON[r.trust.label];
  if (r.status === 'ambiguous' && r.trust) return LABEL_ICON[r.trust.label];
  return STATUS_ICON[r.status] ?? '❔';
}

export const STATUS_WORDS: Record<Status, string> = {
  found: 'culprit found',
  ambiguous: 'several candidates',
  range: 'narrowed to a range',
  'no-culprit': 'no culprit',
  'not-reproduced': 'not reproduced',
  failed: 'bisection failed',
  incomplete: 'incomplete',
  unrecognized: 'not recognised',
};

export function culpritVerb(direction: Direction): string {
  return direction === 'fix' ? 'Fixed by' : 'Caused by';
}

// ---------------------------------------------------------------- numbers

/** A probability for people: the one format (src/probability.ts) every renderer uses. */
export const fmtProb = formatProbability;

/** "P = 63%", "P < 0.1%": the probability that the named commit is the culprit. */
export const fmtP = formatP;

export function fmtRate(r: { mean: number; low: number; high: number } | null | undefined): string | null {
  if (!r || !Number.isFinite(r.mean)) return null;
  return `${fmtProb(r.mean)} (${fmtProb(r.low)}–${fmtProb(r.high)})`;
}

export function fmtDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The short form of a commit id (12 hex digits), or null when the text is not a commit id. */
export function shortSha(sha: string | null | undefined, len = 12): string | null {
  return isSha(sha) ? sha.slice(0, len).toLowerCase() : null;
}

// ---------------------------------------------------------------- words for runs

/**
 * Words for what runs showed. A crash reproducer's runs (the format's trust profile says so) hit the
 * bisected crash, crash otherwise or are censored; a project's test failed, passed or couldn't run.
 */
export interface RunVocabulary {
  crashes: boolean;
  /** Runs that showed the bisected failure. */
  hit: (n: number) => string;
  /** Failing runs with another failure. */
  other: (n: number) => string;
  /** Runs without the failure. */
  clean: (n: number) => string;
  /** Column headers of the evidence table. */
  columns: {
    verdict: string;
    hits: string;
    other: string;
    clean: string;
    censored: string;
    weight: string;
    agrees: string;
  };
  /** The legend under the evidence table, one sentence per column (each starting with its header). */
  legend: string[];
  weightLegend: string;
  /** How the strip's good and bad ends read. */
  ends: (direction: Direction) => [string, string];
}

const CRASH_WORDS: RunVocabulary = {
  crashes: true,
  hit: (n) => plural(n, 'hit'),
  other: (n) => plural(n, 'other crash', 'other crashes'),
  clean: (n) => `${n} clean`,
  columns: {
    verdict: 'Tool',
    hits: 'Hits',
    other: 'Other crashes',
    clean: 'Clean',
    censored: 'Censored',
    weight: 'Bayes factor',
    agrees: 'Runs vs tool',
  },
  legend: [
    'Hits: runs that showed the bisected failure (same title or same crashing function).',
    'Other crashes: different titles, harness failures included.',
    'Censored: runs that could not say anything (build, boot, infrastructure).',
    '~: counts assumed from "all runs" lines.',
  ],
  weightLegend: 'Bayes factor: how much more likely the runs are if the bug is present than if not.',
  ends: (direction) => (direction === 'fix' ? ['has bug', 'fixed'] : ['good', 'bad']),
};

const TEST_WORDS: RunVocabulary = {
  crashes: false,
  hit: (n) => `${n} failed`,
  other: (n) => `${n} failed otherwise`,
  clean: (n) => `${n} passed`,
  columns: {
    verdict: 'Marked',
    hits: 'Failed',
    other: 'Failed otherwise',
    clean: 'Passed',
    censored: "Couldn't run",
    weight: 'Odds bad : good',
    agrees: 'Runs agree?',
  },
  legend: [
    'Marked: what the bisection called the commit.',
    "Failed: runs where the test failed (with the bisected failure's message, when the log names one).",
    'Failed otherwise: runs that failed with another message.',
    'Passed: runs where the test passed.',
    "Couldn't run: runs that told nothing (the build broke, the test was skipped).",
    '~: one run assumed from the verdict (the log shows no run counts).',
  ],
  weightLegend:
    'Odds bad : good: how many times likelier these runs are on a commit that has the bug than on one that does not.',
  ends: (direction) => (direction === 'fix' ? ['(fails)', '(passes)'] : ['(passes)', '(fails)']),
};

export function runVocabulary(report: Pick<Report, 'format'>): RunVocabulary {
  return runsAreCrashes(report) ? CRASH_WORDS : TEST_WORDS;
}

// ---------------------------------------------------------------- evidence ledger

export type Evidence = 'bad' | 'good' | 'none';
export type Agreement = 'agrees' | 'disagrees' | 'weak' | 'n/a';

export interface LedgerRow {
  step: Step;
  index: number;
  /** Runs that showed the bisected failure (same title or same family). */
  hits: number;
  otherCrashes: number;
  clean: number;
  censored: number;
  estimated: boolean;
  /** What the runs say about the bug being present, in the tool's good/bad terms. */
  evidence: Evidence;
  agreement: Agreement;
  isCulprit: boolean;
  isWeakest: boolean;
  /** log10 Bayes factor bad:good from the trust analysis, when it computed one. */
  log10BayesFactor: number | null;
}

function titleKey(t: string): string {
  return t
    .replace(/\s*\(\d+\)\s*$/, '')
    .trim()
    .toLowerCase();
}

function crashedFunction(t: string): string | null {
  const m = / in ([A-Za-z0-9_.$]+)$/.exec(titleKey(t));
  return m ? m[1] : null;
}

/**
 * Whether a crash title is the bisected failure (the same title, or the same crashing function).
 * `isHarness` tells the format's harness noise, which only matches a target of its own kind.
 */
export function isTargetTitle(title: string, target: string, isHarness: (t: string) => boolean): boolean {
  if (titleKey(title) === titleKey(target)) return true;
  if (isHarness(title) && !isHarness(target)) return false;
  const f = crashedFunction(title);
  return f !== null && f === crashedFunction(target);
}

function evidenceOf(hits: number, clean: number, direction: Direction): Evidence {
  // Bug present means "bad" for a cause bisection and "good" (old state) for a fix bisection.
  const present: Evidence = direction === 'fix' ? 'good' : 'bad';
  const absent: Evidence = direction === 'fix' ? 'bad' : 'good';
  if (hits > 0) return present;
  if (clean > 0) return absent;
  return 'none';
}

function agreementOf(verdict: Verdict, evidence: Evidence, hits: number, clean: number): Agreement {
  if (verdict !== 'good' && verdict !== 'bad') return 'n/a';
  if (evidence === 'none') return 'weak';
  if (evidence !== verdict) return 'disagrees';
  // A verdict held up by a single run is fragile even when it agrees.
  if (hits + clean < 2) return 'weak';
  return 'agrees';
}

export function ledger(report: Report): LedgerRow[] {
  const target = report.crash?.title ?? null;
  const culprit = report.culprit?.sha ?? null;
  const weakest = report.trust?.weakestLink?.commit ?? null;
  // The trust analysis' own ledger (title families, censoring) wins over our title heuristics.
  const entries = [...(report.analysis?.ledger ?? [])];
  const takeEntry = (commit: string) => {
    const i = entries.findIndex((e) => sameCommit(e.commit, commit));
    return i >= 0 ? entries.splice(i, 1)[0] : null;
  };
  return report.steps.map((step, index) => {
    const runs = step.runs;
    const entry = takeEntry(step.commit);
    let hits: number;
    let otherCrashes: number;
    let censored = runs.other;
    let clean = runs.passed;
    if (entry) {
      hits = entry.hits;
      otherCrashes = entry.otherCrashes;
      censored = entry.censored;
      clean = entry.clean;
    } else {
      const titles = Object.entries(step.titles ?? {});
      if (!target || titles.length === 0) {
        hits = runs.failed;
      } else {
        hits = 0;
        const isHarness = (t: string) => isHarnessTitle(report, t);
        for (const [t, n] of titles) if (isTargetTitle(t, target, isHarness)) hits += n;
        hits = Math.min(hits, runs.failed || hits);
      }
      otherCrashes = Math.max(0, runs.failed - hits);
    }
    const evidence = evidenceOf(hits, clean, report.direction);
    let agreement = agreementOf(step.verdict, evidence, hits, clean);
    if (entry && entry.agrees !== undefined && (step.verdict === 'good' || step.verdict === 'bad')) {
      // The analysis weighed these runs: too weak either way (null) is "weak", not a contradiction.
      if (entry.agrees === null) agreement = 'weak';
      else agreement = entry.agrees ? (agreement === 'weak' ? 'weak' : 'agrees') : 'disagrees';
    }
    return {
      step,
      index,
      hits,
      otherCrashes,
      clean,
      censored,
      estimated: entry?.estimated ?? runs.estimated === true,
      evidence,
      agreement,
      isCulprit: culprit !== null && sameCommit(step.commit, culprit),
      isWeakest: weakest !== null && sameCommit(step.commit, weakest),
      log10BayesFactor: entry && Number.isFinite(entry.log10BayesFactor) ? entry.log10BayesFactor : null,
    };
  });
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** A Bayes factor for a table: 3.2, 0.41, 10⁻¹¹, 10⁴. */
export function fmtBayes(log10: number | null): string {
  if (log10 === null || !Number.isFinite(log10)) return '—';
  if (Math.abs(log10) < 2) {
    const bf = 10 ** log10;
    return bf >= 10 ? bf.toFixed(0) : bf >= 0.1 ? bf.toFixed(1) : bf.toFixed(2);
  }
  const e = String(Math.round(log10));
  return `10${e.replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;
}

export { sameCommit } from '../model.js';

// ---------------------------------------------------------------- posterior strip

const BARS = '▁▂▃▄▅▆▇█';

export interface Strip {
  bars: string;
  /** Inclusive bin range of the 95% credible range, when known. */
  range: [number, number] | null;
  /** Bin of the reported culprit, when it is in the window. */
  culpritBin: number | null;
  bins: number;
  positions: number;
  first: string | null;
  last: string | null;
}

/** The posterior laid out on a position axis: mass per position, and the commit ids we know. */
interface Axis {
  mass: Float64Array;
  commitAt: Map<number, string>;
  /** commitAt's entries in insertion order, lower-cased once (indexOf runs several times per render). */
  commits: { at: number; lower: string }[];
  /** Answers already computed for this axis. */
  indexCache: Map<string, number>;
  /** 95% ranges placed on this axis, by the analysis' range ends. */
  ranges: Map<string, [number, number] | null>;
}

const MAX_AXIS = 2_000_000;

/**
 * One axis per posterior: the summary, the issue body (twice: digest and text) and the PR comment all
 * draw the same strips, and a window of ten thousand positions is slow to lay out in a short-lived
 * process that never gets its code optimised. Keyed by the posterior array and checked against a
 * fingerprint of its entries (cheap: entries, not positions), so a changed posterior is laid out again.
 */
const axisCache = new WeakMap<object, { fingerprint: string; axis: Axis | null }>();

function fingerprintOf(post: NonNullable<Analysis['posterior']>): string {
  let h = 0;
  for (let i = 0; i < post.length; i++) {
    const x = post[i];
    h = (h * 31 + x.p * 1e9 + (x.position ?? 0) * 7 + (x.span ?? 1) * 13 + (x.commit?.length ?? 0)) % 1e15;
  }
  return `${post.length}:${h}:${post[0]?.commit ?? ''}:${post[post.length - 1]?.commit ?? ''}`;
}

function axisOf(analysis: Analysis | undefined): Axis | null {
  const source = analysis?.posterior ?? [];
  const fingerprint = fingerprintOf(source);
  const hit = axisCache.get(source);
  if (hit && hit.fingerprint === fingerprint) return hit.axis;
  const axis = buildAxis(source);
  axisCache.set(source, { fingerprint, axis });
  return axis;
}

function buildAxis(source: NonNullable<Analysis['posterior']>): Axis | null {
  const post = source.filter((x) => Number.isFinite(x.p) && x.p >= 0);
  if (post.length < 2) return null;
  // Entries may cover several positions (`span`); use their positions when they increase.
  const usePositions = post.every(
    (x, i) => Number.isFinite(x.position) && (i === 0 || x.position > post[i - 1].position),
  );
  const base = usePositions ? post[0].position : 0;
  // First pass: where each entry lands, and how long the axis is.
  const starts = new Array<number>(post.length);
  const spans = new Array<number>(post.length);
  let length = 0;
  let cursor = 0;
  for (let j = 0; j < post.length; j++) {
    const x = post[j];
    const span = Math.max(1, Math.floor(x.span ?? 1));
    const start = usePositions ? x.position - base : cursor;
    if (start + span > MAX_AXIS) return null;
    starts[j] = start;
    spans[j] = span;
    length = Math.max(length, start + span);
    cursor = start + span;
  }
  // Zero-filled: adding to 0 gives the same doubles as the sparse number[] this replaced.
  const mass = new Float64Array(length);
  const commitAt = new Map<number, string>();
  for (let j = 0; j < post.length; j++) {
    const x = post[j];
    const start = starts[j];
    const span = spans[j];
    const share = x.p / span;
    for (let k = start, end = start + span; k < end; k++) mass[k] += share;
    if (x.commit && span === 1) commitAt.set(start, x.commit);
  }
  const commits = [...commitAt].map(([at, c]) => ({ at, lower: c.toLowerCase() }));
  return { mass, commitAt, commits, indexCache: new Map(), ranges: new Map() };
}

/** The first known position whose commit is `commit` (sameCommit's rules: case, abbreviations). */
function indexOf(axis: Axis, commit: string | null | undefined): number {
  if (!commit) return -1;
  const cached = axis.indexCache.get(commit);
  if (cached !== undefined) return cached;
  const y = commit.toLowerCase();
  let found = -1;
  for (const { at, lower: x } of axis.commits) {
    if (sameCommitLowerCase(x, y)) {
      found = at;
      break;
    }
  }
  axis.indexCache.set(commit, found);
  return found;
}

/** The 95% range as axis indices: from the analysis' commits when we can place them, else computed. */
function rangeOnAxis(trust: Trust, axis: Axis): [number, number] | null {
  const r = trust.range95;
  const key = rangeKey(trust);
  const cached = axis.ranges.get(key);
  if (cached !== undefined) return cached;
  let first = indexOf(axis, r?.first);
  if (first < 0 && r?.after) {
    const a = indexOf(axis, r.after);
    if (a >= 0) first = a + 1;
  }
  const last = indexOf(axis, r?.last);
  const range =
    first >= 0 && last >= first ? ([first, last] as [number, number]) : shortestMassWindow(axis.mass, 0.95);
  axis.ranges.set(key, range);
  return range;
}

function rangeKey(trust: Trust): string {
  const r = trust.range95;
  return `${r?.first ?? ''} ${r?.after ?? ''} ${r?.last ?? ''}`;
}

function drawStrip(
  axis: Axis,
  lo: number,
  hi: number,
  range: [number, number] | null,
  culpritAt: number,
  width: number,
): Strip {
  const n = hi - lo + 1;
  const bins = Math.min(n, width);
  // Short windows get several characters per commit so the strip stays readable.
  const cell = n < 30 ? Math.max(1, Math.min(4, Math.floor(40 / n))) : 1;
  const binOf = (pos: number) => Math.min(bins - 1, Math.floor(((pos - lo) * bins) / n));
  const mass = new Array<number>(bins).fill(0);
  const axisMass = axis.mass;
  const axisEnd = axisMass.length;
  // Each bin sums its positions in order, as adding position by position into mass[binOf(i)] did. Bin b
  // holds the offsets a with floor(a·bins/n) = b, i.e. a < ceil((b+1)·n/bins): exact in doubles here.
  for (let b = 0, i = lo; b < bins; b++) {
    const end = b === bins - 1 ? hi + 1 : lo + Math.ceil(((b + 1) * n) / bins);
    let sum = 0;
    for (; i < end; i++) sum += i < axisEnd ? axisMass[i] : 0;
    mass[b] = sum;
  }
  const max = Math.max(...mass);
  const bars = mass
    .map((m) => {
      const ch =
        max <= 0 || m <= max * 1e-3 ? '·' : BARS[Math.min(7, Math.max(0, Math.ceil((m / max) * 8) - 1))];
      return ch.repeat(cell);
    })
    .join('');
  const clampedRange: [number, number] | null =
    range && range[1] >= lo && range[0] <= hi
      ? [binOf(Math.max(lo, range[0])) * cell, binOf(Math.min(hi, range[1])) * cell + cell - 1]
      : null;
  return {
    bars,
    range: clampedRange,
    culpritBin:
      culpritAt >= lo && culpritAt <= hi ? binOf(culpritAt) * cell + Math.floor((cell - 1) / 2) : null,
    bins: bins * cell,
    positions: n,
    first: axis.commitAt.get(lo) ?? null,
    last: axis.commitAt.get(hi) ?? null,
  };
}

/** Strips already drawn for an axis, by kind, culprit and width (renderers draw the same ones often). */
const stripCache = new WeakMap<Axis, Map<string, Strip | null>>();

function cachedStrip(axis: Axis, key: string, draw: () => Strip | null): Strip | null {
  let byKey = stripCache.get(axis);
  if (!byKey) stripCache.set(axis, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, draw());
  const strip = byKey.get(key)!;
  // A copy: callers may adjust their strip.
  return strip && { ...strip, range: strip.range && [strip.range[0], strip.range[1]] };
}

/** Coarsens the posterior to at most `width` bins and draws one bar per bin. */
export function posteriorStrip(
  trust: Trust,
  analysis: Analysis | undefined,
  culprit: string | null,
  width = 60,
): Strip | null {
  const axis = axisOf(analysis);
  if (!axis) return null;
  const strip = cachedStrip(axis, `full ${width} ${culprit ?? ''} ${rangeKey(trust)}`, () =>
    drawStrip(axis, 0, axis.mass.length - 1, rangeOnAxis(trust, axis), indexOf(axis, culprit), width),
  )!;
  if (analysis?.windowSize && analysis.windowSize > 0) strip.positions = analysis.windowSize;
  return strip;
}

/**
 * When the 95% range is a sliver of a long window: the strip over the range and a margin either side,
 * so the reader sees where inside the range the mass sits.
 */
export function zoomedStrip(
  trust: Trust,
  analysis: Analysis | undefined,
  culprit: string | null,
  width = 60,
): Strip | null {
  const axis = axisOf(analysis);
  if (!axis) return null;
  return cachedStrip(axis, `zoom ${width} ${culprit ?? ''} ${rangeKey(trust)}`, () => {
    const range = rangeOnAxis(trust, axis);
    if (!range) return null;
    const inRange = range[1] - range[0] + 1;
    // Only when the full strip had to merge commits into bins and the range is a small part of it.
    if (axis.mass.length <= width || inRange < 2 || inRange * 4 > axis.mass.length) return null;
    const pad = Math.max(2, Math.ceil(inRange / 4));
    const lo = Math.max(0, range[0] - pad);
    const hi = Math.min(axis.mass.length - 1, range[1] + pad);
    return drawStrip(axis, lo, hi, range, indexOf(axis, culprit), width);
  });
}

/** The shortest contiguous index window holding at least `target` of the total mass. */
export function shortestMassWindow(ps: ArrayLike<number>, target: number): [number, number] | null {
  // Written for the interpreter (a render runs once, in a fresh process): no repeated work per step,
  // and the same sequence of additions and subtractions as the plain version, so the same doubles.
  const n = ps.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += ps[i];
  if (!(total > 0)) return null;
  const goal = target * total;
  const enough = goal - 1e-12;
  let bestLo = -1;
  let bestHi = -1;
  let lo = 0;
  let sum = 0;
  for (let hi = 0; hi < n; hi++) {
    sum += ps[hi];
    while (lo < hi) {
      const without = sum - ps[lo];
      if (!(without >= goal)) break;
      sum = without;
      lo++;
    }
    if (sum >= enough && (bestLo < 0 || hi - lo < bestHi - bestLo)) {
      bestLo = lo;
      bestHi = hi;
    }
  }
  return bestLo < 0 ? null : [bestLo, bestHi];
}

// ---------------------------------------------------------------- re-test plan

function runWords(row: LedgerRow, words: RunVocabulary): string {
  const parts: string[] = [];
  const approx = row.estimated ? '~' : '';
  if (row.hits) parts.push(approx + words.hit(row.hits));
  if (row.clean) parts.push(approx + words.clean(row.clean));
  if (row.otherCrashes) parts.push(words.other(row.otherCrashes));
  return parts.join(', ') || 'no usable runs';
}

/**
 * The format's commands to resume the bisection from its bounds with the verdicts the evidence
 * supports (the rest listed as dropped), or null when the format has none or the log lacks bounds.
 */
export function trustedReplay(report: Report, rows: LedgerRow[]): ReplayPlan | null {
  const replay = formatOf(report)?.replay;
  if (!replay) return null;
  const bad = report.window?.bad ?? null;
  const goods = report.window?.good ?? [];
  const words = runVocabulary(report);
  const verdicts: ReplayVerdict[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const { step } = row;
    if (step.verdict !== 'good' && step.verdict !== 'bad') continue;
    if (seen.has(step.commit.toLowerCase())) continue;
    // The bounds are replayed by the start command; the original commit is not part of the bisection.
    if (step.original || sameCommit(step.commit, bad) || goods.some((g) => sameCommit(g, step.commit)))
      continue;
    seen.add(step.commit.toLowerCase());
    verdicts.push({
      commit: step.commit,
      verdict: step.verdict,
      trusted: row.agreement === 'agrees' && !row.isWeakest,
      doubt:
        row.agreement === 'disagrees'
          ? `tool said ${step.verdict}, runs say ${row.evidence}`
          : row.isWeakest
            ? 'weakest link'
            : 'too few runs',
      note: runWords(row, words),
    });
  }
  return replay(report, verdicts);
}
