/**
 * Small pieces the parsers of other tools' logs share: commits, run tallies and steps in the one
 * report model (src/model.ts), and caps that keep a parser's state bounded.
 */
import { emptyTally, type Commit, type RunTally, type Step, type Verdict } from '../../model.js';

export const MAX_STEPS = 10_000;
export const MAX_SUBJECT = 300;
export const MAX_CANDIDATES = 1000;

export function cap(s: string, n = MAX_SUBJECT): string {
  return s.length > n ? s.slice(0, n) : s;
}

export function makeCommit(sha: string, subject = '', extra: Partial<Commit> = {}): Commit {
  return {
    sha,
    subject: cap(subject),
    author: null,
    date: null,
    files: [],
    merge: false,
    release: false,
    ...extra,
  };
}

/** "Name <email>" (or just a name) as the tools print it. */
export function parsePerson(text: string): { name: string; email: string } | null {
  const t = text.trim();
  if (!t) return null;
  const m = /^(.*?)\s*<([^>]*)>$/.exec(t);
  if (m) return { name: cap(m[1] || m[2], 200), email: cap(m[2], 200) };
  return { name: cap(t, 200), email: '' };
}

/** One run per verdict, marked `estimated`: the tool printed a verdict, not counts. */
export function singleVerdictTally(verdict: Verdict): RunTally {
  return {
    total: verdict === 'untested' ? 0 : 1,
    failed: verdict === 'bad' ? 1 : 0,
    passed: verdict === 'good' ? 1 : 0,
    other: verdict === 'skip' ? 1 : 0,
    estimated: true,
  };
}

export function countedTally(failed: number, passed: number, other = 0): RunTally {
  return { ...emptyTally(), total: failed + passed + other, failed, passed, other };
}

export function makeStep(commit: string, subject: string | null, verdict: Verdict, runs?: RunTally): Step {
  return {
    commit,
    subject: subject === null ? null : cap(subject),
    verdict,
    runs: runs ?? singleVerdictTally(verdict),
    titles: {},
  };
}

/** Derives `flaky` from counted steps whose runs disagree with each other. */
export function flakyFromSteps(steps: Step[]): string[] {
  const reasons: string[] = [];
  for (const st of steps) {
    if (st.runs.estimated || st.runs.failed === 0 || st.runs.passed === 0) continue;
    if (reasons.length >= 20) break;
    reasons.push(
      `${st.commit.slice(0, 16)} failed ${st.runs.failed} of ${st.runs.total} runs (verdict: ${st.verdict})`,
    );
  }
  return reasons;
}

const GITHUB_REPO = /^https?:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:[/?#]|$)/;

/** A repository reference from a URL that names one (GitHub URLs also give owner/name). */
export function repositoryFromUrl(url: string): { url: string; slug: string | null } {
  const gh = GITHUB_REPO.exec(url);
  if (gh) return { url: `https://github.com/${gh[1]}/${gh[2]}`, slug: `${gh[1]}/${gh[2]}` };
  return { url, slug: null };
}
