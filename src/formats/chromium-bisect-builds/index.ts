/**
 * Chromium's tools/bisect-builds.py (docs/formats.md#chromium-bisect-builds): bisects prebuilt
 * Chromium snapshots by commit position (or release version). The answer is always a range
 * ("after A, no later than B") in chromium/src, never a single confirmed commit.
 */
import { emptyReport, type Report, type RunTally, type Step, type Verdict } from '../../model.js';
import { defineFormat, guardedSink, type LogParser } from '../types.js';
import { cap, countedTally, makeStep, MAX_STEPS, singleVerdictTally } from '../common/steps.js';

const REV = String.raw`(\d+(?:\.\d+){0,3})`;
const DONE = new RegExp(
  String.raw`^You are probably looking for a change made after ${REV}(.*?) \(known (good|bad)\), but no later than ${REV}(.*?) \(first known (bad|good)\)\.?\s*$`,
);
const RANGE = new RegExp(String.raw`^Bisecting range \[${REV} \((good|bad)\), ${REV} \((good|bad)\)\]`);
const ROUGHLY = /roughly (\d+) steps? left/;
const HAVE_LEFT = /^You have (\d+) revisions with about (\d+) steps left\./;
const TRYING = new RegExp(String.raw`^Trying revision ${REV}(?:\.\.\.|:)`);
const ASKED = new RegExp(
  String.raw`^Revision ${REV} is \[\(g\)ood/\(b\)ad/\(r\)etry/\(u\)nknown(?:/\(s\)tdout)?/\(q\)uit\]:\s*([gbruq])?\s*$`,
);
const COMMAND_VERDICT = new RegExp(String.raw`^(Good|Bad) revision: ${REV}\s*$`);
const DETERMINED_BAD = new RegExp(String.raw`^Revision ${REV} determined to be bad\.`);
const EXPECTING = new RegExp(String.raw`^Expecting revision ${REV} to be (good|bad) but got (\w+)\.`);
const CHANGELOG_URL =
  /^(https:\/\/(?:chromium\.googlesource\.com\/chromium\/src\/\+log\/|crrev\.com\/)\S+)\s*$/;
const TIMES = /(?:^|\s)(?:-t|--times)[= ](\d+)\b/;
const SCRIPT = /bisect[-_]builds(?:\.py)?\s/;

const CHROMIUM_SRC = { url: 'https://chromium.googlesource.com/chromium/src', slug: null };

interface ChromeStep {
  rev: string;
  attempts: number;
  good: number;
  bad: number;
  other: number;
  verdict: Verdict | null;
}

class ChromiumSink {
  private steps: ChromeStep[] = [];
  private done: RegExpExecArray | null = null;
  private expectChangelog = false;
  private changelog: string | null = null;
  private times: number | null = null;
  private expecting: string | null = null;
  private firstRange: { good: string; bad: string } | null = null;
  private lastRange: { good: string; bad: string } | null = null;
  private stepsLeft: number | null = null;
  private revisionsLeft: number | null = null;

  private step(rev: string): ChromeStep {
    const last = this.steps[this.steps.length - 1];
    if (last && last.rev === rev && last.verdict === null) return last;
    const s: ChromeStep = { rev, attempts: 0, good: 0, bad: 0, other: 0, verdict: null };
    if (this.steps.length < MAX_STEPS) this.steps.push(s);
    return s;
  }

  line(raw: string): void {
    const line = raw.trim();
    if (this.expectChangelog) {
      const u = CHANGELOG_URL.exec(line);
      if (u) {
        this.changelog = u[1];
        this.expectChangelog = false;
        return;
      }
      if (line !== '') this.expectChangelog = false;
    }
    if (line.length < 8) return;
    let m: RegExpExecArray | null;
    if (SCRIPT.test(line) && (m = TIMES.exec(line))) this.times = Math.min(1000, Number(m[1]));
    if ((m = TRYING.exec(line))) {
      const s = this.step(m[1]);
      s.attempts++;
      return;
    }
    if ((m = ASKED.exec(line))) {
      const answer = m[2];
      if (answer) this.answer(m[1], answer);
      return;
    }
    if ((m = COMMAND_VERDICT.exec(line))) return this.answer(m[2], m[1] === 'Good' ? 'g' : 'b');
    if ((m = DETERMINED_BAD.exec(line))) return this.answer(m[1], 'b');
    if ((m = HAVE_LEFT.exec(line))) {
      this.revisionsLeft = Number(m[1]);
      this.stepsLeft = Number(m[2]);
      return;
    }
    if ((m = RANGE.exec(line))) {
      const good = m[2] === 'good' ? m[1] : m[3];
      const bad = m[2] === 'good' ? m[3] : m[1];
      this.firstRange ??= { good, bad };
      this.lastRange = { good, bad };
      const r = ROUGHLY.exec(line);
      if (r) this.stepsLeft = Number(r[1]);
      return;
    }
    if ((m = DONE.exec(line))) {
      this.done = m;
      return;
    }
    if (line === 'CHANGELOG URL:' || line === 'Change log:' || line.startsWith('CHANGELOG URL: ')) {
      const u = CHANGELOG_URL.exec(line.slice(line.indexOf(':') + 1).trim());
      if (u) this.changelog = u[1];
      else this.expectChangelog = true;
      return;
    }
    if ((m = EXPECTING.exec(line))) this.expecting = cap(line);
  }

  private answer(rev: string, a: string): void {
    const s = this.step(rev);
    if (s.attempts === 0) s.attempts = 1;
    if (a === 'g') {
      s.good++;
      s.verdict = 'good';
    } else if (a === 'b') {
      s.bad++;
      s.verdict = 'bad';
    } else if (a === 'u') {
      s.other++;
      s.verdict = 'skip';
    } else if (a === 'r') {
      // Retry: the same build runs again; this run told nothing.
      s.other++;
    }
  }

  private tally(s: ChromeStep, verdict: Verdict): RunTally {
    const times = this.times ?? 1;
    if (times > 1 && (verdict === 'good' || verdict === 'bad')) {
      // -t N runs each build N times before the verdict: "good" = no failure in any run, "bad" = at
      // least one failing run (how many is not printed).
      const rounds = s.good + s.bad;
      const runs = times * rounds + s.other;
      return verdict === 'good'
        ? countedTally(0, runs - s.other, s.other)
        : countedTally(s.bad, s.good * times, runs - s.bad - s.good * times);
    }
    if (s.good + s.bad + s.other > 1) return countedTally(s.bad, s.good, s.other);
    return singleVerdictTally(verdict);
  }

  end(source: string): Report {
    const report = emptyReport(source, 'chromium-bisect-builds');
    report.steps = this.steps.map((s): Step => {
      const verdict: Verdict = s.verdict ?? (s.other > 0 ? 'skip' : 'untested');
      return makeStep(s.rev, null, verdict, this.tally(s, verdict));
    });
    report.revisionsTested = report.steps.filter((s) => s.verdict !== 'untested').length;
    const hints: string[] = [];
    if (this.changelog) hints.push(`changelog: ${cap(this.changelog, 400)}`);
    if (this.done) {
      const [, after, , afterState, noLater] = this.done;
      const fix = afterState === 'bad';
      if (fix) report.direction = 'fix';
      report.status = 'range';
      report.range = {
        firstGood: after,
        firstBad: noLater,
        commits: positionsBetween(after, noLater),
        repository: { ...CHROMIUM_SRC },
      };
      report.reason = `a change made after ${after}, no later than ${noLater} (bisect-builds.py stops at a range of builds)`;
    } else if (this.expecting) {
      report.status = 'failed';
      report.reason = this.expecting;
    } else if (report.steps.length > 0 || this.lastRange) {
      report.status = 'incomplete';
      report.reason =
        'the bisection did not finish: no "You are probably looking for a change made after" line';
      if (this.lastRange) {
        report.range = {
          firstGood: this.lastRange.good,
          firstBad: this.lastRange.bad,
          commits: positionsBetween(this.lastRange.good, this.lastRange.bad),
          repository: { ...CHROMIUM_SRC },
        };
      }
    } else {
      report.status = 'unrecognized';
      report.reason = 'no bisect-builds.py steps or result found';
    }
    if (this.firstRange) report.window = { good: [this.firstRange.good], bad: this.firstRange.bad };
    if (report.steps.some((s) => !s.runs.estimated && s.runs.total > 1)) {
      const mixed = report.steps.filter((s) => s.runs.failed > 0 && s.runs.passed > 0);
      if (mixed.length > 0) {
        report.flaky = true;
        report.flakyReasons = mixed
          .slice(0, 20)
          .map((s) => `revision ${s.commit}: ${s.runs.failed} failing of ${s.runs.total} runs`);
      }
    }
    if (this.revisionsLeft !== null && report.steps.length === 0)
      hints.push(`${this.revisionsLeft} revisions were left to test`);
    if (hints.length) report.hints = hints;
    return report;
  }
}

/** Commit positions are consecutive integers: the range holds b - a commits (versions: unknown). */
function positionsBetween(a: string, b: string): number | null {
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return null;
  return Math.abs(Number(b) - Number(a));
}

export const chromiumBisectBuildsParser: LogParser = {
  detectLine(line: string): boolean {
    const c = line.charCodeAt(0);
    if (c !== 89 && c !== 66 && c !== 82) return false; // Y(ou are probably), B(isecting range), R(evision)
    return DONE.test(line) || RANGE.test(line) || ASKED.test(line);
  },
  create: (source) => guardedSink(new ChromiumSink(), source),
};

export const chromiumBisectBuildsFormat = defineFormat({
  name: 'chromium-bisect-builds',
  displayName: 'Chromium bisect-builds.py',
  aliases: ['bisect-builds', 'chromium'],
  helpText: "Chromium's tools/bisect-builds.py output",
  parser: chromiumBisectBuildsParser,
  repeatAdvice: 'Pass `-t N` (`--times N`) so bisect-builds.py runs each build N times before asking.',
});
