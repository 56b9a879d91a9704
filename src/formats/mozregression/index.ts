/**
 * mozregression (docs/formats.md#mozregression): bisects Firefox nightlies, then integration
 * builds (pushes) between the last good and the first bad nightly. The answer is a range of pushes
 * in a Mozilla repository (the pushlog URL names it), never a commit of this repository.
 */
import { emptyReport, type Report, type Step, type Verdict } from '../../model.js';
import { defineFormat, guardedSink, type LogParser } from '../types.js';
import { cap, countedTally, makeCommit, makeStep, MAX_STEPS } from '../common/steps.js';

/** mozlog's line prefix: elapsed "M:SS.ss" and the level (multi-line messages continue without it). */
const PREFIX = /^\s*\d+:\d{2}\.\d{2} (?:DEBUG|INFO|WARNING|ERROR|CRITICAL): /;
const NARROWED =
  /^Narrowed (nightly|integration) (regression|fix) window from \[([^,\]]+), ([^\]]+)\] \((\d+) (?:days?|builds?|revisions?)\) to \[([^,\]]+), ([^\]]+)\] \((\d+) (?:days?|builds?|revisions?)\)(?: \(~(\d+) steps? left\))?/;
const TEST_RESULT = /^Test command result: (-?\d+) \(build is (good|bad)\)/;
const ANSWER = /build good, bad, or broken\?.*:\s*(good|bad|skip|retry|back|exit|g|b|s|r|e)\s*$/;
const RUNNING = /^Running \S+ build (?:for (\S+)|built on .*?, revision (\S+))/;
const CHANGESET = /^application_changeset: ([0-9a-f]{12,40})\s*$/;
const LAST_GOOD = /^Last good revision: (\S+)/;
const FIRST_BAD = /^First bad revision: (\S+)/;
const FIRST_GOOD = /^First good revision: (\S+)/;
const LAST_BAD = /^Last bad revision: (\S+)/;
const NEWEST_GOOD = /^Newest known good (?:nightly|integration revision): (\S+)/;
const OLDEST_BAD = /^Oldest known bad (?:nightly|integration revision): (\S+)/;
const PUSHLOG_URL = /^(https?:\/\/\S+?)\/(?:json-)?pushloghtml\?(\S+)$/;
const SWITCHING = /^Switching bisection method to taskcluster/;
const FINISHED = /^No more integration revisions, bisection finished\./;
const NIGHTLY_DONE = /^Got as far as we can go bisecting nightlies/;
const VERIFYING = /^Testing good and bad builds to ensure that they are really good and bad/;
const VERIFIED = /^Good and bad builds are correct\./;
const GIVE_UP =
  /^(?:Unable to get valid builds within the given range|There are no build artifacts for these changesets|Sorry, but mozregression was unable to get a repository)/;

const DECISIVE_BARE = [
  /^Narrowed (?:nightly|integration) (?:regression|fix) window from \[/,
  /^Testing good and bad builds to ensure that they are really good and bad/,
  /^Got as far as we can go bisecting nightlies/,
  /^No more integration revisions, bisection finished\./,
];
const DECISIVE_PREFIXED = [
  LAST_GOOD,
  FIRST_BAD,
  /^Test command result: -?\d+ \(build is (?:good|bad)\)/,
  /^Switching bisection method to taskcluster/,
];

interface MozStep {
  build: string;
  verdict: Verdict;
  good: number;
  bad: number;
  other: number;
  counted: boolean;
}

class MozregressionSink {
  private steps: MozStep[] = [];
  private fix = false;
  private phase: 'nightly' | 'integration' | null = null;
  private current: string | null = null;
  private pending = { good: 0, bad: 0, other: 0 };
  private lastGood: string | null = null;
  private firstBad: string | null = null;
  private known: { good: string | null; bad: string | null } = { good: null, bad: null };
  private pushlog: { repo: string; query: string } | null = null;
  private expectPushlog = false;
  private switched = false;
  private finished = false;
  private nightlyDone = false;
  private gaveUp: string | null = null;
  private rangePhase: 'nightly' | 'integration' | null = null;
  private verifying = false;

  line(raw: string): void {
    const prefixed = PREFIX.exec(raw);
    const line = (prefixed ? raw.slice(prefixed[0].length) : raw).trim();
    if (this.expectPushlog) {
      this.expectPushlog = false;
      const u = PUSHLOG_URL.exec(line);
      if (u) {
        this.pushlog = { repo: u[1], query: u[2] };
        return;
      }
    }
    if (line.length < 6) return;
    let m: RegExpExecArray | null;
    if ((m = NARROWED.exec(line))) return this.onNarrowed(m);
    if ((m = TEST_RESULT.exec(line))) return this.onResult(m[2] === 'bad' ? 'b' : 'g', true);
    if ((m = ANSWER.exec(line))) return this.onResult(m[1][0], false);
    if (VERIFYING.test(line)) {
      this.verifying = true;
      return;
    }
    if (VERIFIED.test(line)) {
      this.verifying = false;
      return;
    }
    if ((m = RUNNING.exec(line))) {
      this.current = m[1] ?? m[2];
      return;
    }
    if ((m = CHANGESET.exec(line))) {
      if (this.phase === 'integration' || !this.current) this.current = m[1];
      return;
    }
    if (line === 'Pushlog:' || line.startsWith('Pushlog: ')) {
      const rest = line.slice(8).trim();
      const u = PUSHLOG_URL.exec(rest);
      if (u) this.pushlog = { repo: u[1], query: u[2] };
      else this.expectPushlog = true;
      return;
    }
    if ((m = LAST_GOOD.exec(line)) || (m = FIRST_GOOD.exec(line))) {
      if (line.startsWith('First good')) this.fix = true;
      this.lastGood = m[1];
      this.rangePhase = this.phase;
      return;
    }
    if ((m = FIRST_BAD.exec(line)) || (m = LAST_BAD.exec(line))) {
      if (line.startsWith('Last bad')) this.fix = true;
      this.firstBad = m[1];
      this.rangePhase = this.phase;
      return;
    }
    if ((m = NEWEST_GOOD.exec(line))) this.known.good = m[1];
    else if ((m = OLDEST_BAD.exec(line))) this.known.bad = m[1];
    else if (SWITCHING.test(line)) {
      this.switched = true;
      this.phase = 'integration';
    } else if (FINISHED.test(line)) this.finished = true;
    else if (NIGHTLY_DONE.test(line)) this.nightlyDone = true;
    else if (GIVE_UP.test(line)) this.gaveUp = cap(line);
  }

  /** g/b/s/r/e from a test command (counted) or the interactive prompt. */
  private onResult(answer: string, counted: boolean): void {
    if (answer === 's') return this.pushStep(this.current ?? 'unknown', 'skip', false);
    if (answer === 'r') {
      this.pending.other++;
      return;
    }
    if (answer !== 'g' && answer !== 'b') return;
    const bad = answer === 'b';
    if (this.verifying) {
      // The two ends are tested first; each result is its own step.
      const runs = counted ? countedTally(bad ? 1 : 0, bad ? 0 : 1) : undefined;
      const verdict: Verdict = bad ? 'bad' : 'good';
      if (this.steps.length < MAX_STEPS) {
        this.steps.push({
          build: this.current ?? 'unknown',
          verdict,
          good: bad ? 0 : 1,
          bad: bad ? 1 : 0,
          other: 0,
          counted: !!runs,
        });
      }
      this.current = null;
      return;
    }
    if (bad) this.pending.bad++;
    else this.pending.good++;
  }

  private onNarrowed(m: RegExpExecArray): void {
    const [, phase, kind, a, b, , c, d] = m;
    this.phase = phase as 'nightly' | 'integration';
    if (kind === 'fix') this.fix = true;
    // The window is [old side, new side]; the tested build became the bound that moved.
    const oldMoved = c.trim() !== a.trim();
    const newMoved = d.trim() !== b.trim();
    const oldSideVerdict: Verdict = this.fix ? 'bad' : 'good';
    const newSideVerdict: Verdict = this.fix ? 'good' : 'bad';
    if (oldMoved && !newMoved) this.pushStep(c.trim(), oldSideVerdict, true);
    else if (newMoved && !oldMoved) this.pushStep(d.trim(), newSideVerdict, true);
  }

  private pushStep(build: string, verdict: Verdict, fromWindow: boolean): void {
    const p = this.pending;
    const counted = p.good + p.bad > 0;
    if (this.steps.length < MAX_STEPS) {
      this.steps.push({
        build,
        verdict,
        good: p.good,
        bad: p.bad,
        other: p.other,
        counted: counted && fromWindow,
      });
    }
    this.pending = { good: 0, bad: 0, other: 0 };
    this.current = null;
  }

  end(source: string): Report {
    const report = emptyReport(source, 'mozregression');
    if (this.fix) report.direction = 'fix';
    report.steps = this.steps.map((s): Step => {
      // Test command results are counted runs; "build is bad" means the failure shows, also with
      // --find-fix (the words describe the build, not the search).
      const runs = s.counted ? countedTally(s.bad, s.good, s.other) : undefined;
      return makeStep(s.build, null, s.verdict, runs);
    });
    report.revisionsTested = report.steps.length;
    const repository = this.pushlog ? { url: this.pushlog.repo, slug: null } : null;
    const good = this.lastGood ?? this.known.good;
    const bad = this.firstBad ?? this.known.bad;
    if (good || bad) {
      // Normalised like steps: firstGood is the old side (last good; with --find-fix the last bad).
      report.range = { firstGood: good, firstBad: bad, commits: null };
      if (repository) report.range.repository = repository;
    }
    const single = this.pushlog && /^changeset=([0-9a-f]{12,40})$/.exec(this.pushlog.query);
    const integrationDone =
      this.finished || (this.rangePhase === 'integration' && this.lastGood && this.firstBad);
    const nightlyOnly = !this.switched && this.nightlyDone && this.lastGood && this.firstBad;
    if (single && integrationDone) {
      report.status = 'found';
      report.culprit = makeCommit(single[1], '', repository ? { repository } : {});
      report.reason = 'the pushlog holds a single push';
    } else if (
      report.range &&
      (integrationDone || nightlyOnly || (!this.switched && this.lastGood && this.firstBad))
    ) {
      report.status = 'range';
      report.reason = nightlyOnly
        ? 'mozregression stopped after the nightly builds: the change is in one of the pushes between these two nightlies'
        : 'mozregression narrows to a range of pushes (see the pushlog), not a single commit';
    } else if (report.range && (this.known.good || this.known.bad) && !this.lastGood) {
      report.status = 'range';
      report.reason = 'mozregression stopped before the end: this is the narrowest range it reached';
    } else if (this.gaveUp) {
      report.status = 'failed';
      report.reason = this.gaveUp;
    } else if (report.steps.length > 0 || report.range) {
      report.status = 'incomplete';
      report.reason = this.switched
        ? 'the integration bisection did not finish (the log ends before "No more integration revisions")'
        : 'the bisection did not finish: no last good / first bad revision in the log';
    } else {
      report.status = 'unrecognized';
      report.reason = 'no mozregression steps or result found';
    }
    if (this.pushlog) {
      report.hints = [`pushlog: ${cap(`${this.pushlog.repo}/pushloghtml?${this.pushlog.query}`, 400)}`];
    }
    return report;
  }
}

export const mozregressionParser: LogParser = {
  detectLine(line: string): boolean {
    const prefixed = PREFIX.exec(line);
    const body = prefixed ? line.slice(prefixed[0].length) : line.trimStart();
    if (DECISIVE_BARE.some((re) => re.test(body))) return true;
    return prefixed !== null && DECISIVE_PREFIXED.some((re) => re.test(body));
  },
  create: (source) => guardedSink(new MozregressionSink(), source),
};

export const mozregressionFormat = defineFormat({
  name: 'mozregression',
  displayName: 'mozregression',
  aliases: ['mozreg'],
  helpText: 'mozregression console output',
  parser: mozregressionParser,
  repeatAdvice:
    'Test each build several times in the `--command` script and exit 1 only when enough runs fail.',
});
