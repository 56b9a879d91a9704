/**
 * Evidence gathered by matrix probes (docs/matrix.md): each probe job runs
 * `bisect-report run --runs N -- TEST` at one commit and uploads what it printed. This module reads
 * those files back into per-commit run tallies. Anything it cannot trust — a file from a commit
 * outside the bisection range, the same file twice, a file cut short, a job that never wrote one —
 * is left out with a one-line notice, so it can cost a round but never give a wrong answer.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunOutputLine } from '../formats/git-common/engine.js';

/** Header line a probe writes before the runs, so two probes with identical results stay two files. */
export const PROBE_HEADER_PREFIX = 'bisect-report probe: ';

/** Evidence files are a few lines per run; anything this big is not one. */
const MAX_EVIDENCE_BYTES = 64 << 20;
const MAX_FILES = 10_000;
const MAX_TITLES = 20;

export interface CommitTally {
  commit: string;
  runs: number;
  failed: number;
  passed: number;
  skipped: number;
  /** Runs where the test command could not run at all (exit 126/127, not found). */
  errors: number;
  /** Failure title → runs that showed it. */
  titles: Record<string, number>;
  /** Evidence files that contributed (for messages). */
  files: number;
}

export interface ReadEvidence {
  /** Per commit, in the order first seen. */
  tallies: Map<string, CommitTally>;
  /** One line per file left out or worth mentioning. */
  notices: string[];
  /** Files read and kept. */
  used: number;
}

/**
 * Reads evidence from files and directories (searched recursively; a missing directory is an
 * empty round, not an error). `inRange(sha)` says whether a commit belongs to the bisection.
 */
export function readProbeEvidence(paths: string[], inRange: (sha: string) => boolean): ReadEvidence {
  const tallies = new Map<string, CommitTally>();
  const notices: string[] = [];
  const seenHashes = new Map<string, string>();
  let used = 0;
  for (const file of listFiles(paths, notices)) {
    let text: string;
    try {
      const size = statSync(file).size;
      if (size > MAX_EVIDENCE_BYTES) {
        notices.push(`${file}: ignored: ${size} bytes is too large for an evidence file`);
        continue;
      }
      text = readFileSync(file, 'utf8');
    } catch (err) {
      notices.push(`${file}: ignored: ${(err as NodeJS.ErrnoException).code ?? 'cannot be read'}`);
      continue;
    }
    const hash = createHash('sha256').update(text).digest('hex');
    const earlier = seenHashes.get(hash);
    if (earlier !== undefined) {
      notices.push(`${file}: ignored: same content as ${earlier} (counted once)`);
      continue;
    }
    seenHashes.set(hash, file);
    const parsed = parseEvidenceText(text);
    if ('problem' in parsed) {
      notices.push(`${file}: ignored: ${parsed.problem}`);
      continue;
    }
    if (!inRange(parsed.commit)) {
      notices.push(`${file}: ignored: commit ${parsed.commit.slice(0, 12)} is not in the bisection range`);
      continue;
    }
    used++;
    const cur = tallies.get(parsed.commit);
    if (!cur) {
      tallies.set(parsed.commit, { ...parsed, files: 1 });
      continue;
    }
    cur.runs += parsed.runs;
    cur.failed += parsed.failed;
    cur.passed += parsed.passed;
    cur.skipped += parsed.skipped;
    cur.errors += parsed.errors;
    cur.files++;
    for (const [t, n] of Object.entries(parsed.titles)) {
      if (t in cur.titles || Object.keys(cur.titles).length < MAX_TITLES)
        cur.titles[t] = (cur.titles[t] ?? 0) + n;
    }
  }
  return { tallies, notices, used };
}

type Parsed = Omit<CommitTally, 'files'> | { problem: string };

/**
 * One probe's output: run lines for one commit, then its verdict line whose counts must match the
 * run lines (a file cut short by a cancelled job has no verdict, or fewer runs than it says).
 */
export function parseEvidenceText(text: string): Parsed {
  let commit: string | null = null;
  const tally = { runs: 0, failed: 0, passed: 0, skipped: 0, errors: 0 };
  const titles: Record<string, number> = {};
  let verdict: { runs: number; failed: number; passed: number; skipped: number; errors: number } | null =
    null;
  let sawRunLine = false;
  for (const raw of text.split('\n')) {
    const parsed = parseRunOutputLine(raw.replace(/\r$/, ''));
    if (!parsed) continue;
    sawRunLine = true;
    if (parsed.commit === 'unknown')
      return { problem: 'the probe ran outside a git checkout (commit=unknown)' };
    if (commit === null) commit = parsed.commit;
    else if (parsed.commit !== commit)
      return { problem: 'runs of more than one commit in one evidence file' };
    if (verdict !== null) return { problem: 'run lines after the verdict line' };
    if (parsed.kind === 'verdict') {
      verdict = parsed.counts;
      continue;
    }
    tally.runs++;
    if (parsed.result === 'pass') tally.passed++;
    else if (parsed.result === 'fail') {
      tally.failed++;
      const t = parsed.title ?? `exit ${parsed.exit ?? '?'}`;
      if (t in titles || Object.keys(titles).length < MAX_TITLES) titles[t] = (titles[t] ?? 0) + 1;
    } else if (parsed.result === 'skip') tally.skipped++;
    else tally.errors++;
  }
  if (!sawRunLine || commit === null)
    return { problem: 'no `bisect-report run` lines (the probe never ran?)' };
  if (verdict === null) return { problem: 'truncated: no verdict line after the runs' };
  if (
    verdict.runs !== tally.runs ||
    verdict.failed !== tally.failed ||
    verdict.passed !== tally.passed ||
    verdict.skipped + verdict.errors !== tally.skipped + tally.errors
  ) {
    return { problem: `truncated: the verdict counts ${verdict.runs} runs, the file holds ${tally.runs}` };
  }
  return { commit, ...tally, titles };
}

function listFiles(paths: string[], notices: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string, depth: number): void => {
    if (out.length >= MAX_FILES) return;
    let st;
    try {
      st = statSync(p);
    } catch {
      notices.push(`${p}: no evidence there (not found)`);
      return;
    }
    if (st.isFile()) {
      out.push(p);
      return;
    }
    if (!st.isDirectory() || depth > 8) return;
    for (const name of readdirSync(p).sort()) walk(join(p, name), depth + 1);
  };
  for (const p of paths) walk(p, 0);
  if (out.length >= MAX_FILES) notices.push(`only the first ${MAX_FILES} evidence files were read`);
  return out;
}
