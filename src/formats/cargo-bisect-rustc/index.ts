/**
 * cargo-bisect-rustc (docs/formats.md#cargo-bisect-rustc): bisects Rust nightlies, then the CI
 * builds (one per bors merge in rust-lang/rust) between the last good and the first bad nightly.
 * The answer is a commit of rust-lang/rust, not of the repository the workflow runs in, or only a
 * nightly when the second phase did not run (a range of one day's merges).
 */
import { emptyReport, type Report, type Step, type Verdict } from '../../model.js';
import { defineFormat, guardedSink, type LogParser } from '../types.js';
import { cap, makeCommit, makeStep, MAX_STEPS, repositoryFromUrl } from '../common/steps.js';

const RUST = repositoryFromUrl('https://github.com/rust-lang/rust');
const TOOLCHAIN = String.raw`(?:nightly-\d{4}-\d\d-\d\d|[0-9a-f]{40})`;
const RESULT = new RegExp(String.raw`^RESULT: (${TOOLCHAIN}), ===> (.+?)\s*$`);
const OLD_RESULT = new RegExp(String.raw`^tested (${TOOLCHAIN}), got (Yes|No|Unknown)\s*$`);
const REGRESSION_IN = new RegExp(String.raw`^[Rr]egression in (${TOOLCHAIN})\s*$`);
const ROLLUP_MEMBER = /^Regression in https:\/\/github\.com\/rust-lang\/rust\/commit\/([0-9a-f]{40})\b/;
const ROLLUP_PR = /^The PR introducing the regression in this rollup is (.+)$/;
const SEARCHED_NIGHTLIES = /^searched nightlies: from (nightly-\S+) to (nightly-\S+)\s*$/;
const REGRESSED_NIGHTLY = /^regressed nightly: (nightly-\S+)\s*$/;
const COMMIT_RANGE =
  /^searched commit range: https:\/\/github\.com\/rust-lang\/rust\/compare\/([0-9a-f]{7,40})\.\.\.([0-9a-f]{7,40})\s*$/;
const REGRESSED_COMMIT =
  /^regressed commit: https:\/\/github\.com\/rust-lang\/rust\/commit\/([0-9a-f]{40})\s*$/;
const NOT_FOUND = /^(?:ERROR|error): The regression was not found\./;
const PROGRESS = /^(\d+) versions? remaining to test after this \(roughly (\d+) steps?\)/;
const REPRODUCE = /^cargo[ -]bisect-rustc (.*)$/;

/** Verdict words: [first (old, baseline) …, new (regressed) …]. Custom --term-old/--term-new are read from the order. */
const OLD_WORDS = new Set([
  'No',
  'Successfully compiled',
  'Script returned success',
  'Did not ICE',
  'Compile error (no ICE)',
]);
const NEW_WORDS = new Set([
  'Yes',
  'Compile error',
  'Script returned error',
  'Found ICE',
  'Successfully compiled or ICE',
]);
const UNKNOWN_WORDS = new Set(['Unknown', 'Unable to figure out if the condition matched']);

const DECISIVE = [RESULT, OLD_RESULT, SEARCHED_NIGHTLIES, REGRESSED_NIGHTLY, COMMIT_RANGE, REGRESSED_COMMIT];

interface Probe {
  toolchain: string;
  words: string;
}

class CargoBisectSink {
  private probes: Probe[] = [];
  /** "Regression in <sha>" (CI phase) and "Regression in nightly-…" (nightly phase). */
  private regressionIn: string | null = null;
  private regressionNightly: string | null = null;
  private regressedNightly: string | null = null;
  private regressedCommit: string | null = null;
  private commitRange: [string, string] | null = null;
  private nightlies: [string, string] | null = null;
  private notFound = false;
  private nonIce = false;
  private rollupMember: string | null = null;
  private rollupPr: string | null = null;
  private progress = new Map<string, [number, number]>();
  private lastProgress: [number, number] | null = null;

  line(raw: string): void {
    const line = raw.trim();
    if (line.length < 8) return;
    let m: RegExpExecArray | null;
    if ((m = RESULT.exec(line)) || (m = OLD_RESULT.exec(line))) {
      if (this.probes.length < MAX_STEPS) this.probes.push({ toolchain: m[1], words: m[2] });
      return;
    }
    if ((m = PROGRESS.exec(line))) {
      this.lastProgress = [Number(m[1]), Number(m[2])];
      const last = this.probes[this.probes.length - 1];
      if (last) this.progress.set(last.toolchain, this.lastProgress);
      return;
    }
    if ((m = ROLLUP_MEMBER.exec(line))) {
      this.rollupMember = m[1];
      return;
    }
    if ((m = REGRESSION_IN.exec(line))) {
      if (m[1].startsWith('nightly-')) this.regressionNightly = m[1];
      else this.regressionIn = m[1];
      return;
    }
    if ((m = ROLLUP_PR.exec(line))) {
      this.rollupPr = cap(m[1]);
      return;
    }
    if ((m = SEARCHED_NIGHTLIES.exec(line))) this.nightlies = [m[1], m[2]];
    else if ((m = REGRESSED_NIGHTLY.exec(line))) this.regressedNightly = m[1];
    else if ((m = COMMIT_RANGE.exec(line))) this.commitRange = [m[1], m[2]];
    else if ((m = REGRESSED_COMMIT.exec(line))) this.regressedCommit = m[1];
    else if (NOT_FOUND.test(line)) this.notFound = true;
    else if ((m = REPRODUCE.exec(line)) && /--regress[= ]non-ice\b/.test(m[1])) this.nonIce = true;
  }

  private nightlyRegression(): string | null {
    return this.regressionNightly;
  }

  private verdictOf(words: string): Verdict | null {
    if (UNKNOWN_WORDS.has(words)) return 'skip';
    // --regress=non-ice inverts the ICE words: an ICE is the old state there.
    if (this.nonIce && words === 'Found ICE') return 'good';
    if (this.nonIce && words === 'Did not ICE') return 'bad';
    if (NEW_WORDS.has(words)) return 'bad';
    if (OLD_WORDS.has(words)) return 'good';
    return null;
  }

  end(source: string): Report {
    const report = emptyReport(source, 'cargo-bisect-rustc');
    const culpritToolchain = this.regressedCommit ?? this.regressionIn ?? this.regressionNightly;
    const steps: Step[] = this.probes.map((p) => {
      let verdict = this.verdictOf(p.words);
      if (verdict === null) {
        // Custom terms: the regressed toolchain carries the "new" word.
        const newWords = this.probes.find((q) => q.toolchain === culpritToolchain)?.words;
        verdict = newWords === undefined ? 'untested' : p.words === newWords ? 'bad' : 'good';
      }
      const step = makeStep(p.toolchain, null, verdict);
      const progress = this.progress.get(p.toolchain);
      if (progress) {
        step.revisionsLeft = progress[0];
        step.stepsLeft = progress[1];
      }
      return step;
    });
    // Nightlies and CI builds are two searches over different windows: with a commit answer the
    // steps are the CI builds (the window of the culprit), the nightly search is summarised.
    const ciSteps = steps.filter((s) => !s.commit.startsWith('nightly-'));
    const commitPhase = this.regressedCommit !== null || ciSteps.length > 0;
    report.steps = commitPhase && ciSteps.length > 0 ? ciSteps : steps;
    report.revisionsTested = steps.length;
    const hints: string[] = [];
    const nightlies = steps.length - ciSteps.length;
    if (report.steps === ciSteps && nightlies > 0) {
      hints.push(
        `${nightlies} nightlies were tested before the CI builds; regressed nightly: ${this.regressedNightly ?? this.nightlyRegression() ?? 'unknown'}`,
      );
    }
    if (this.rollupPr)
      hints.push(`cargo-bisect-rustc: the PR introducing the regression in this rollup is ${this.rollupPr}`);
    if (this.rollupMember && this.rollupMember !== this.regressedCommit)
      hints.push(`cargo-bisect-rustc unrolled the rollup to rust-lang/rust commit ${this.rollupMember}`);

    const culpritSha =
      this.regressedCommit ??
      (this.regressionIn && !this.regressionIn.startsWith('nightly-') ? this.regressionIn : null);
    if (this.commitRange) report.range = { firstGood: this.commitRange[0], firstBad: this.commitRange[1] };
    if (culpritSha) {
      report.status = 'found';
      // Every CI build of rust-lang/rust is a bors merge (often a rollup of several pull requests).
      report.culprit = makeCommit(culpritSha, '', { merge: true, repository: { ...RUST } });
      report.reason = 'a merge commit of rust-lang/rust (bors); a rollup can hold several pull requests';
    } else {
      const nightly = this.regressedNightly ?? this.regressionNightly;
      if (nightly) {
        report.status = 'range';
        const lastGood = lastGoodBefore(steps, nightly) ?? (this.nightlies ? this.nightlies[0] : null);
        report.range = { firstGood: lastGood, firstBad: nightly };
        report.culprit = null;
        report.reason = `regressed in ${nightly}: the change is one of the merges between ${lastGood ?? 'the previous nightly'} and ${nightly}`;
      } else if (this.notFound) {
        report.status = 'failed';
        report.reason =
          'cargo-bisect-rustc: the regression was not found in the searched toolchains (expanding the bounds may help)';
      } else {
        report.status = steps.length > 0 ? 'incomplete' : 'unrecognized';
        report.reason =
          steps.length > 0
            ? 'the bisection did not finish: no "Regression in" or "regressed commit" line in the log'
            : 'no cargo-bisect-rustc probes or result found';
      }
    }
    if (report.range && report.range.commits === undefined) report.range.commits = null;
    if (hints.length) report.hints = hints;
    return report;
  }
}

/** The newest good nightly older than `nightly` (dates sort as text). */
function lastGoodBefore(steps: Step[], nightly: string): string | null {
  let best: string | null = null;
  for (const s of steps) {
    if (s.verdict !== 'good' || !s.commit.startsWith('nightly-') || s.commit >= nightly) continue;
    if (best === null || s.commit > best) best = s.commit;
  }
  return best;
}

export const cargoBisectRustcParser: LogParser = {
  detectLine(line: string): boolean {
    const c = line.charCodeAt(0);
    // r(egressed / RESULT), s(earched), t(ested), R(ESULT)
    if (c !== 114 && c !== 115 && c !== 116 && c !== 82) return false;
    return DECISIVE.some((re) => re.test(line.trimEnd()));
  },
  create: (source) => guardedSink(new CargoBisectSink(), source),
};

export const cargoBisectRustcFormat = defineFormat({
  name: 'cargo-bisect-rustc',
  displayName: 'cargo-bisect-rustc',
  aliases: ['cargo-bisect', 'rustc'],
  helpText: 'cargo-bisect-rustc output or its regression report',
  parser: cargoBisectRustcParser,
  repeatAdvice:
    'Loop the test inside `--script` so each toolchain is tried several times (cargo-bisect-rustc has no retry of its own).',
});
