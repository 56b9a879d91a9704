/**
 * Streaming state machine for syzkaller bisection logs (syzbot `bisect.txt`), cause and fix,
 * every era (docs/formats/syzkaller.md). State is bounded: one entry per tested
 * commit, capped prefixes of free text (crash report), capped lists.
 */
import {
  emptyReport,
  emptyTally,
  type Candidate,
  type Commit,
  type Crash,
  type Direction,
  type Report,
  type RunKind,
  type Step,
  type Verdict,
} from '../../model.js';
import {
  CommitDisplayReader,
  type DisplayLimits,
  type DisplayedCommit,
} from '../git-common/commitDisplay.js';
import type { LineSink } from '../types.js';
import type { SyzkallerDetails } from './details.js';
import {
  OLDEST_RELEASE,
  RE,
  STILL_ON_HEAD,
  capText,
  isIgnoredLine,
  parseGoDuration,
  parseGoStringList,
  parseRunVerdict,
  startsWithHash,
  type RunVerdict,
} from './lines.js';
import { isHarnessTitle } from './titles.js';

export const MAX_REPORT_BYTES = 64 * 1024;
export const MAX_OUTCOMES_PER_STEP = 64;
const DISPLAY_LIMITS: DisplayLimits = {
  maxLines: Infinity,
  maxFiles: 2000,
  capSubject: (subject) => capText(subject, 500),
};
const MAX_CANDIDATES = 10000;
const MAX_RECIPIENTS = 500;
const MAX_TITLES_PER_STEP = 64;
const MAX_STEPS = 5000;
/** syzkaller ran 10 VMs per test in most eras; 20 on the first test and once flaky (2021-02+). */
const DEFAULT_RUNS = 10;
const FLAKY_ERA_RUNS = 20;

type Mode = 'normal' | 'commit' | 'crash' | 'error' | 'candidates';

interface StepState {
  step: Step;
  /** The kernel build of this test (`details.syzkaller.steps`). */
  build: { signature: string | null; compiler: string | null };
  /**
   * The verdict came from a `# git bisect good|bad|skip` line (else it is inferred at the end).
   * Stored in git's terms; fix bisections invert them (crashing = "good") and end() turns them
   * back into the crash sense every report uses: bad = the failure shows, good = it does not.
   */
  gitVerdict: boolean;
  /** Build-only rebuild of the culprit's parent for the no-op check: never run. */
  buildOnly: boolean;
  /** Header seen, nothing yet about build/run results: unknown lines are build-failure output. */
  awaiting: boolean;
  allRuns: RunVerdict | null;
  unableToDecide: boolean;
  /** Started after syzkaller flagged the reproducer flaky (it then runs more VMs). */
  afterFlaky: boolean;
  explicitRuns: number;
}

class ReportBuilder {
  private mode: Mode = 'normal';
  private sawSyzkallerLine = false;
  private direction: Direction = 'cause';
  private startCommit: string | null = null;
  private rewrittenTitle: string | null = null;
  private readonly steps: StepState[] = [];
  private readonly subjects = new Map<string, string>();
  private pendingLeft: { sha: string | null; revisions: number; steps: number } | null = null;
  private pendingRelease: string | null = null;
  private pendingParent: string | null = null;
  private flakyFlag = false;
  private readonly flakyReasons: string[] = [];
  private window: { good: string[]; bad: string | null } | null = null;
  private gitCulprit: DisplayedCommit | null = null;
  private commitDisplay: CommitDisplayReader | null = null;
  private culpritSignature: string | null = null;
  private parentSignature: string | null = null;
  // Footer.
  private footerSeen = false;
  private justAfterRevisions = false;
  private revisionsTested: number | null = null;
  private timing: Report['timing'] = null;
  private firstCommit: { what: 'bad' | 'good'; sha: string; subject: string } | null = null;
  private inconclusive: { what: 'bad' | 'good'; shas: string[] } | null = null;
  private noCulprit: string | null = null;
  private commitMsg: string | null = null;
  private error: string | null = null;
  private readonly recipients: string[] = [];
  private footerCrashTitle: string | null = null;
  private readonly reportChunks: string[] = [];
  private reportBytes = 0;
  private reportFull = false;

  constructor(private readonly source: string) {}

  line(text: string): void {
    switch (this.mode) {
      case 'crash':
        this.appendReport(text);
        return;
      case 'error':
        return; // error text runs to EOF; its first line is the reason
      case 'candidates':
        if (text.length === 40 && startsWithHash(text) && this.inconclusive!.shas.length < MAX_CANDIDATES) {
          this.inconclusive!.shas.push(text);
        }
        return;
      case 'commit':
        if (this.commitDisplay!.take(text)) return;
        this.commitDisplay = null;
        this.mode = 'normal';
        break;
      case 'normal':
        break;
    }
    if (text.length === 0) return;
    if (this.justAfterRevisions) {
      this.justAfterRevisions = false;
      if (text.startsWith('error: ')) {
        this.error = capText(text.slice(7).trim(), 1000);
        this.mode = 'error';
        // 2019-12…2020-07: a kernel build error aborted the whole bisection right after the header.
        if (!this.error.startsWith('bisection is taking too long')) this.failStep('build-failed', this.error);
        return;
      }
    }
    if (!this.dispatch(text)) this.unknownLine(text);
  }

  /** Handles a known line; false when the line is not part of the grammar. */
  private dispatch(line: string): boolean {
    const c0 = line.charCodeAt(0);
    let m: RegExpExecArray | null;
    switch (c0) {
      case 0x23: // '#'
        if (line.startsWith('# git bisect ')) {
          if ((m = RE.gitStep.exec(line))) return this.onGitVerdict(m[1] as Verdict, m[2]);
          if ((m = RE.gitStart.exec(line))) return this.onGitStart(m[1], m[2]);
        }
        return false;
      case 0x42: // 'B'
        if ((m = RE.bisecting.exec(line))) {
          this.pendingLeft = { sha: null, revisions: Number(m[1]), steps: Number(m[2]) };
          return true;
        }
        return false;
      case 0x5b: // '['
        if ((m = RE.gitCurrent.exec(line))) {
          if (this.subjects.size < MAX_STEPS) this.subjects.set(m[1], capText(m[2], 500));
          if (this.pendingLeft && this.pendingLeft.sha === null) this.pendingLeft.sha = m[1];
          return true;
        }
        return false;
      case 0x52: // 'R'
        if (line === 'Reproducer flagged being flaky') {
          this.addFlaky('syzkaller: Reproducer flagged being flaky');
          return true;
        }
        return false;
      case 0x74: // 't'
        if (line.startsWith('testing ')) return this.onTesting(line);
        break;
      case 0x72: // 'r'
        if (line.startsWith('run #')) return this.onRun(line);
        if (line.startsWith('revisions tested: ')) return this.onRevisions(line);
        if (line.startsWith('recipients (')) {
          const open = line.indexOf('[');
          if (open > 0 && line.endsWith(']')) this.addRecipients(line.slice(open + 1, -1));
          return true;
        }
        if (line.startsWith('reproducer ')) {
          if (line === 'reproducer seems to be flaky') {
            const at = this.current()?.step.commit.slice(0, 12);
            this.addFlaky(`syzkaller: reproducer seems to be flaky${at ? ` (first noticed at ${at})` : ''}`);
            return true;
          }
          if ((m = RE.flakyEstimate.exec(line))) {
            this.addFlaky(`syzkaller: reproducer is flaky (${m[1]} repro chance estimate)`);
            return true;
          }
        }
        if (line.startsWith('repro testing failure: ')) {
          this.failStep('infra', line.slice(23));
          return true;
        }
        if ((m = RE.rewritten.exec(line))) {
          this.rewrittenTitle = capText(m[2], 500);
          this.startCommit = m[1];
          return true;
        }
        break;
      case 0x61: // 'a'
        if (line.startsWith('all runs: ')) return this.onAllRuns(line.slice(10));
        break;
      case 0x6b: // 'k'
        if (line.startsWith('kernel signature: ')) {
          if ((m = RE.oldCulpritSig.exec(line))) {
            this.culpritSignature = m[1] || null;
            return true;
          }
          if ((m = RE.kernelSig.exec(line))) {
            const cur = this.current();
            if (cur) {
              cur.build.signature = m[1];
              cur.awaiting = !cur.buildOnly;
            }
            return true;
          }
        }
        break;
      case 0x63: // 'c'
        if (line.startsWith('compiler: ')) {
          const cur = this.current();
          if (cur) cur.build.compiler = capText(line.slice(10).trim(), 300);
          return true;
        }
        if (line.startsWith('culprit signature: ')) {
          this.culpritSignature = line.slice(19).trim() || null;
          return true;
        }
        if (line.startsWith('cc: [') && line.endsWith(']')) {
          this.addRecipients(line.slice(5, -1));
          return true;
        }
        if (line.startsWith('crash: ') && this.footerSeen) {
          this.footerCrashTitle = capText(line.slice(7).trim(), 500);
          this.mode = 'crash';
          return true;
        }
        if (STILL_ON_HEAD.has(line)) return this.onNoCulprit(line);
        break;
      case 0x70: // 'p'
        if ((m = RE.parentSig.exec(line))) {
          this.parentSignature = m[1] || null;
          return true;
        }
        if ((m = RE.parentUntested.exec(line))) {
          this.pendingParent = m[1];
          return true;
        }
        if ((m = RE.previousSig.exec(line))) {
          this.parentSignature = m[1] || null;
          return true;
        }
        break;
      case 0x62: // 'b'
        if (line.startsWith('bisecting ')) {
          if ((m = RE.startCause.exec(line))) return this.onStart('cause', m[1]);
          if ((m = RE.startFix.exec(line))) return this.onStart('fix', m[1]);
        }
        if (line.startsWith('building syzkaller on ')) return (this.sawSyzkallerLine = true);
        if ((m = RE.inconclusive.exec(line))) {
          this.inconclusive = { what: m[1] as 'bad' | 'good', shas: [] };
          if (m[1] === 'good') this.direction = 'fix';
          this.mode = 'candidates';
          return true;
        }
        break;
      case 0x65: // 'e'
        if ((m = RE.ensuring.exec(line))) {
          this.startCommit ??= m[1];
          return (this.sawSyzkallerLine = true);
        }
        break;
      case 0x66: // 'f'
        if (line.startsWith('first ') && (m = RE.firstCommit.exec(line))) {
          const what = m[1] as 'bad' | 'good';
          this.firstCommit = { what, sha: m[2], subject: capText(m[3], 500) };
          if (what === 'good') this.direction = 'fix';
          return true;
        }
        if (line.startsWith('failed: ')) {
          this.failStep('error', line.slice(8));
          return true;
        }
        if ((m = RE.failedBuilding.exec(line))) {
          this.failStep('build-failed', m[2] || 'kernel build failed', m[1]);
          return true;
        }
        if ((m = RE.failedTestingRepro.exec(line))) {
          this.failStep('error', m[2] || 'failed testing reproducer', m[1]);
          return true;
        }
        break;
      case 0x6f: // 'o'
        if (OLDEST_RELEASE.has(line)) return this.onNoCulprit(line);
        break;
      case 0x75: // 'u'
        if (RE.unableVerdict.test(line)) {
          const cur = this.current();
          if (cur) cur.unableToDecide = true;
          return true;
        }
        break;
      case 0x73: // 's'
        if ((m = RE.startOld.exec(line))) return this.onStart(m[1] === 'fixing' ? 'fix' : 'cause', m[2]);
        break;
    }
    if (line.startsWith('commit msg: ')) {
      this.commitMsg = capText(line.slice(12), 500);
      return true;
    }
    if (c0 === 0x74 && STILL_ON_HEAD.has(line)) return this.onNoCulprit(line);
    if (c0 === 0x74 && OLDEST_RELEASE.has(line)) return this.onNoCulprit(line);
    if (startsWithHash(line)) {
      if ((m = RE.firstBadGit.exec(line))) {
        this.gitCulprit = { sha: m[1], subject: null, author: null, date: null, files: [], merge: false };
        this.commitDisplay = new CommitDisplayReader(this.gitCulprit, DISPLAY_LIMITS);
        this.mode = 'commit';
        return true;
      }
      if (line.length === 40) return true; // git's own "could be any of" list
      if (RE.mergeBaseIs.test(line)) return true;
    }
    if (!this.sawSyzkallerLine && this.steps.length === 0 && RE.hostStart.test(line)) {
      return (this.sawSyzkallerLine = true);
    }
    return false;
  }

  /**
   * A line the parser needs nothing from: build-failure output when it comes right after a test
   * header (pre-2023 logs print the compiler errors bare), else ignored.
   */
  private unknownLine(line: string): void {
    const cur = this.current();
    if (cur && cur.awaiting && !cur.buildOnly && line.trim() !== '' && !isIgnoredLine(line)) {
      this.failStep('build-failed', line.trim());
    }
  }

  private onStart(direction: Direction, sha: string): boolean {
    this.direction = direction;
    this.startCommit = sha;
    this.sawSyzkallerLine = true;
    return true;
  }

  private onTesting(line: string): boolean {
    let m: RegExpExecArray | null;
    if (line.startsWith('testing commit ')) {
      if ((m = RE.testWith.exec(line))) return this.startStep(m[1], capText(m[2].trim(), 300));
      if ((m = RE.testType.exec(line))) return this.startStep(m[1], m[2]);
      if ((m = RE.testPlain.exec(line))) return this.startStep(m[1], null);
      return false;
    }
    if ((m = RE.testRelease.exec(line))) {
      this.pendingRelease = m[1];
      return true;
    }
    return RE.testHead.test(line);
  }

  private startStep(sha: string, compiler: string | null): boolean {
    this.sawSyzkallerLine = true;
    if (this.steps.length >= MAX_STEPS) return true;
    const original = this.steps.length === 0;
    const left = this.pendingLeft && this.pendingLeft.sha === sha ? this.pendingLeft : null;
    if (left) this.pendingLeft = null;
    const step: Step = {
      commit: sha,
      subject: this.subjects.get(sha) ?? (original ? this.rewrittenTitle : null),
      verdict: 'untested',
      runs: emptyTally(),
      titles: {},
      outcomes: [],
      revisionsLeft: left ? left.revisions : null,
      stepsLeft: left ? left.steps : null,
      release: this.pendingRelease,
    };
    if (original) step.original = true;
    this.pendingRelease = null;
    const buildOnly = this.pendingParent === sha;
    if (buildOnly) this.pendingParent = null;
    this.steps.push({
      step,
      build: { signature: null, compiler },
      gitVerdict: false,
      buildOnly,
      awaiting: !buildOnly,
      allRuns: null,
      unableToDecide: false,
      afterFlaky: this.flakyFlag,
      explicitRuns: 0,
    });
    return true;
  }

  private current(): StepState | undefined {
    return this.steps[this.steps.length - 1];
  }

  private onRun(line: string): boolean {
    const m = RE.runN.exec(line);
    if (!m) return false;
    const cur = this.current();
    if (!cur) return true;
    cur.awaiting = false;
    const verdict = parseRunVerdict(m[2]) ?? { kind: 'error' as RunKind, title: capText(m[2], 300) };
    cur.explicitRuns++;
    this.countRuns(cur.step, verdict, 1);
    const outcomes = cur.step.outcomes!;
    if (outcomes.length < MAX_OUTCOMES_PER_STEP) {
      outcomes.push(
        verdict.title !== undefined ? { kind: verdict.kind, title: verdict.title } : { kind: verdict.kind },
      );
    }
    return true;
  }

  private onAllRuns(text: string): boolean {
    const verdict = parseRunVerdict(text);
    if (!verdict) return false;
    const cur = this.current();
    if (cur) {
      cur.awaiting = false;
      cur.allRuns = verdict;
    }
    return true;
  }

  private countRuns(step: Step, verdict: RunVerdict, n: number): void {
    step.runs.total += n;
    if (verdict.kind === 'ok') step.runs.passed += n;
    else if (verdict.kind === 'crash') {
      step.runs.failed += n;
      const title = verdict.title ?? '';
      if (title in step.titles || Object.keys(step.titles).length < MAX_TITLES_PER_STEP) {
        step.titles[title] = (step.titles[title] ?? 0) + n;
      }
    } else step.runs.other += n;
  }

  /** The whole test of the current commit failed (build, infra): one non-informative outcome. */
  private failStep(kind: RunKind, why: string, sha?: string): void {
    let cur = this.current();
    if (sha && (!cur || cur.step.commit !== sha)) {
      this.startStep(sha, null);
      cur = this.current();
    }
    if (!cur || !cur.awaiting) return;
    cur.awaiting = false;
    cur.step.runs.total += 1;
    cur.step.runs.other += 1;
    cur.step.outcomes!.push({ kind, title: capText(why.trim(), 300) });
  }

  private onGitStart(bad: string, good: string): boolean {
    this.sawSyzkallerLine = true;
    // Git's terms; end() swaps them for fix bisections (there git's "bad" is the fixed HEAD).
    this.window = { good: [this.resolveRef(good)], bad: this.resolveRef(bad) };
    return true;
  }

  /** `# git bisect start` used release tags before 2019-11: map them to the tested commit. */
  private resolveRef(ref: string): string {
    if (/^[0-9a-f]{40}$/.test(ref)) return ref;
    for (const s of this.steps) if (s.step.release === ref) return s.step.commit;
    return ref;
  }

  private onGitVerdict(verdict: Verdict, sha: string): boolean {
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const s = this.steps[i];
      if (s.step.commit === sha && !s.gitVerdict && !s.buildOnly) {
        s.step.verdict = verdict;
        s.gitVerdict = true;
        s.awaiting = false;
        return true;
      }
    }
    // A verdict without a test block (fix bisection: "pretend that kernel crashed").
    this.startStep(sha, null);
    const s = this.current()!;
    s.step.verdict = verdict;
    s.gitVerdict = true;
    s.awaiting = false;
    return true;
  }

  private onRevisions(line: string): boolean {
    const m = RE.revisions.exec(line);
    if (!m) return false;
    this.footerSeen = true;
    this.justAfterRevisions = true;
    this.revisionsTested = Number(m[1]);
    this.timing = {
      totalSeconds: parseGoDuration(m[2]),
      buildSeconds: parseGoDuration(m[3]),
      testSeconds: parseGoDuration(m[4]),
    };
    return true;
  }

  private onNoCulprit(line: string): boolean {
    // Also printed before `revisions tested` (2023-05+ "crash still not fixed/happens…"); the footer wins.
    this.noCulprit = line;
    if (
      line.includes('HEAD') ||
      line.includes('unfixed') ||
      line === 'crash still not fixed or there were kernel test errors'
    ) {
      this.direction = 'fix';
    }
    return true;
  }

  private addFlaky(reason: string): void {
    this.flakyFlag = true;
    if (!this.flakyReasons.includes(reason)) this.flakyReasons.push(reason);
  }

  private addRecipients(inner: string): void {
    for (const r of parseGoStringList(inner)) {
      if (this.recipients.length < MAX_RECIPIENTS && !this.recipients.includes(r)) this.recipients.push(r);
    }
  }

  private appendReport(text: string): void {
    if (this.reportFull) return;
    const bytes = Buffer.byteLength(text, 'utf8') + 1;
    if (this.reportBytes + bytes > MAX_REPORT_BYTES) {
      this.reportFull = true;
      const room = MAX_REPORT_BYTES - this.reportBytes - 1;
      if (room > 0) {
        // Cut by characters, then make sure the UTF-8 size fits.
        let cut = text.slice(0, room);
        while (Buffer.byteLength(cut, 'utf8') > room) cut = cut.slice(0, Math.floor(cut.length * 0.9));
        this.reportChunks.push(cut);
      }
      return;
    }
    this.reportBytes += bytes;
    this.reportChunks.push(text);
  }

  end(): Report {
    const report = emptyReport(this.source, 'syzkaller');
    report.direction = this.direction;
    const steps = this.finishSteps();
    report.steps = steps;
    report.window = this.window && this.direction === 'fix' ? fixWindow(this.window) : this.window;
    report.revisionsTested = this.revisionsTested;
    report.timing = this.timing;
    const details: SyzkallerDetails = { steps: this.steps.map((s) => ({ ...s.build })) };
    if (this.recipients.length > 0) details.recipients = [...this.recipients];
    report.details = { syzkaller: details };

    const originalTitle = bisectedTitle(steps);
    const reportText = this.reportChunks.length > 0 ? this.reportChunks.join('\n').trimEnd() || null : null;
    if (originalTitle !== null) report.crash = { title: originalTitle, report: null };
    if (this.footerCrashTitle !== null) {
      const footerCrash: Crash = { title: this.footerCrashTitle, report: reportText };
      if (!report.crash) report.crash = footerCrash;
      else if (report.crash.title === footerCrash.title) report.crash.report = reportText;
      else report.culpritCrash = footerCrash;
    }

    const flakyReasons = [...this.flakyReasons];
    for (const s of steps) {
      if (s.runs.failed > 0 && s.runs.passed > 0) {
        flakyReasons.push(
          `mixed runs at ${s.commit.slice(0, 12)}: ${s.runs.failed} crashed, ${s.runs.passed} OK`,
        );
      }
    }
    report.flaky = flakyReasons.length > 0;
    if (report.flaky) report.flakyReasons = flakyReasons;

    this.decideStatus(report, steps);
    return report;
  }

  private decideStatus(report: Report, steps: Step[]): void {
    if (this.firstCommit) {
      report.status = 'found';
      report.culprit = this.culprit(report, this.firstCommit.sha, this.firstCommit.subject, steps);
      return;
    }
    if (this.inconclusive) {
      report.status = 'ambiguous';
      const seen = new Set<string>();
      const candidates: Candidate[] = [];
      for (const sha of this.inconclusive.shas) {
        if (seen.has(sha)) continue;
        seen.add(sha);
        candidates.push({ sha, subject: this.subjects.get(sha) ?? '' });
      }
      report.candidates = candidates;
      report.reason = `bisection is inconclusive: the first ${this.inconclusive.what} commit could be any of ${candidates.length} commits`;
      if (candidates.length === 0) {
        report.status = 'incomplete';
        report.reason = 'the log ends right after "bisection is inconclusive", before the candidate list';
      }
      return;
    }
    if (this.error !== null) {
      report.status = /^the crash wasn't reproduced on the original commit/.test(this.error)
        ? 'not-reproduced'
        : 'failed';
      report.reason = this.error || 'syzkaller reported an error';
      return;
    }
    if (this.noCulprit !== null && this.footerSeen) {
      report.status = 'no-culprit';
      report.reason = this.noCulpritReason(steps);
      return;
    }
    report.status = 'incomplete';
    if (this.gitCulprit) {
      report.culprit = this.culprit(report, this.gitCulprit.sha, this.gitCulprit.subject ?? '', steps);
      report.reason = `the log is cut off after git named ${this.gitCulprit.sha.slice(0, 12)} the first bad commit, before syzkaller's result`;
    } else if (this.footerSeen) {
      report.reason = 'the log ends after "revisions tested" without a result';
    } else if (!this.sawSyzkallerLine && steps.length === 0) {
      report.reason = 'no syzkaller bisection lines found';
    } else {
      report.reason = `the log is cut off before the bisection finished (${steps.length} test block(s) read)`;
    }
  }

  private noCulpritReason(steps: Step[]): string {
    const line = this.noCulprit!;
    if (this.direction === 'fix' || line.includes('HEAD') || line.includes('unfixed')) {
      return `the crash still happens on HEAD${this.commitMsg ? ` (${this.commitMsg})` : ''}`;
    }
    const releases = steps.filter((s) => s.release);
    const last = releases[releases.length - 1];
    let reason = `the crash already happened on the oldest tested release${this.commitMsg ? ` (${this.commitMsg})` : ''}`;
    if (last && last.verdict === 'skip') {
      reason += `; older releases down to ${last.release} could not be tested (build/boot/test failures)`;
    }
    return reason;
  }

  /** The culprit commit; its build signatures go to `report.details.syzkaller`. */
  private culprit(report: Report, sha: string, subject: string, steps: Step[]): Commit {
    const g = this.gitCulprit && this.gitCulprit.sha === sha ? this.gitCulprit : null;
    const title = subject || g?.subject || '';
    const testedAsRelease = steps.some((s) => s.commit === sha && s.release);
    const commit: Commit = {
      sha,
      subject: title,
      author: g?.author ?? null,
      date: g?.date ?? null,
      files: g ? [...g.files] : [],
      merge: (g?.merge ?? false) || title.startsWith('Merge '),
      release: testedAsRelease || RE.releaseSubject.test(title),
    };
    if (report.details?.syzkaller) {
      report.details.syzkaller.culprit = {
        signature: this.culpritSignature,
        parentSignature: this.parentSignature,
      };
    }
    for (const s of steps) if (s.commit === sha && !s.subject) s.subject = title || null;
    return commit;
  }

  /** Run counts for `all runs:` lines, verdicts for blocks git never judged, outcome lists. */
  private finishSteps(): Step[] {
    let maxExplicit = 0;
    for (const s of this.steps) maxExplicit = Math.max(maxExplicit, s.explicitRuns);
    const out: Step[] = [];
    for (const s of this.steps) {
      const step = s.step;
      if (s.allRuns) {
        let n = DEFAULT_RUNS;
        if (maxExplicit >= FLAKY_ERA_RUNS) n = step.original || s.afterFlaky ? FLAKY_ERA_RUNS : DEFAULT_RUNS;
        else if (maxExplicit > 0 && maxExplicit < DEFAULT_RUNS) n = maxExplicit;
        this.countRuns(step, s.allRuns, n);
        step.runs.estimated = true;
      }
      if (!s.gitVerdict && !s.buildOnly) step.verdict = this.inferVerdict(s);
      else if (s.gitVerdict && this.direction === 'fix') step.verdict = invertGitVerdict(step.verdict);
      if (step.outcomes && step.outcomes.length === 0) delete step.outcomes;
      out.push(step);
    }
    return out;
  }

  /** Verdict (crash sense) of a block git never judged: original, releases, HEAD, config tests. */
  private inferVerdict(s: StepState): Verdict {
    const { failed, passed, total } = s.step.runs;
    if (total === 0) return 'untested'; // aborted (timeout) before any result
    if (s.unableToDecide || (failed === 0 && passed === 0)) return 'skip';
    return failed > 0 ? 'bad' : 'good';
  }
}

/** Fix bisections tell git "good" for crashing commits; reports use the crash sense. */
function invertGitVerdict(v: Verdict): Verdict {
  return v === 'good' ? 'bad' : v === 'bad' ? 'good' : v;
}

/** `# git bisect start <HEAD> <original>` in a fix bisection: HEAD is the clean end. */
function fixWindow(w: { good: string[]; bad: string | null }): { good: string[]; bad: string | null } {
  return { good: w.bad ? [w.bad] : [], bad: w.good[0] ?? null };
}

function commonestTitle(titles: Record<string, number>, skip: (title: string) => boolean): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [title, count] of Object.entries(titles)) {
    if (count > bestCount && !skip(title)) {
      best = title;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The failure being bisected: the commonest crash of the original commit's test. Harness failures
 * (a machine that stopped answering) say nothing about the bug, so when the original commit shows
 * only those, the bug is the commonest real crash of the commits that crashed; a harness title is
 * the bug only when nothing else ever crashed.
 */
function bisectedTitle(steps: Step[]): string | null {
  const original = steps.find((s) => s.original);
  if (!original) return null;
  const own = commonestTitle(original.titles, isHarnessTitle);
  if (own !== null) return own;
  const crashed: Record<string, number> = {};
  for (const s of steps) {
    if (s.verdict !== 'bad') continue;
    for (const [title, n] of Object.entries(s.titles)) crashed[title] = (crashed[title] ?? 0) + n;
  }
  return commonestTitle(crashed, isHarnessTitle) ?? commonestTitle(original.titles, () => false);
}

/** A sink that never throws: a bug on one odd line costs that line, not the report. */
export function createSyzkallerSink(source: string): LineSink {
  const builder = new ReportBuilder(source);
  let lineErrors = 0;
  return {
    line(text: string): void {
      try {
        builder.line(text);
      } catch {
        lineErrors++;
      }
    },
    end(): Report {
      try {
        const report = builder.end();
        if (lineErrors > 0) {
          report.hints = [...(report.hints ?? []), `${lineErrors} line(s) could not be interpreted`];
        }
        return report;
      } catch (err) {
        return {
          ...emptyReport(source, 'syzkaller'),
          status: 'incomplete',
          reason: `the syzkaller log could not be read: ${(err as Error)?.message ?? String(err)}`,
        };
      }
    },
  };
}
