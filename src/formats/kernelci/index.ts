/**
 * KernelCI bisection report mails (docs/formats.md#kernelci): a summary ("Result: <sha12>
 * subject"), verification checks ("verify: PASS" re-tests the culprit, "revert: PASS" reverts it on
 * the bad tip), the culprit's `git show` and the full `git bisect log`, which the git engine reads.
 * Mail transport (quoted-printable, "> " quoting) is undone by the reader (src/read/unwrap.ts).
 */
import { emptyReport, type Report } from '../../model.js';
import { defineFormat, guardedSink, type LogParser } from '../types.js';
import { GitBisectEngine } from '../git-common/engine.js';
import { cap, makeCommit, parsePerson } from '../common/steps.js';

const BANNER = /^\* This automated bisection report was sent to you on the basis\s+\*$/;
const TITLE = /^\S+\/\S+ (\S+) bisection: (.+)$/;
const RESULT = /^Result:\s+([0-9a-f]{7,40})\s+(.*)$/;
const START = /^Start:\s+([0-9a-f]{7,40})\s+(.*)$/;
const CHECK = /^(revert|verify):\s+(PASS|FAIL)\s*$/;
const RULE = /^-{20,}$/;
const FIELD = /^(Tree|URL|Branch|Target|CPU arch|Lab|Compiler|Config|Test suite|Test case):\s+(.+)$/;

type Section = 'head' | 'breaking' | 'breaking-body' | 'log' | 'log-body' | 'done';

class KernelciSink {
  private section: Section = 'head';
  private engine = new GitBisectEngine({ detectedAs: 'git-bisect-log' });
  private sawLog = false;
  private result: { sha: string; subject: string } | null = null;
  private start: string | null = null;
  private checks: Record<string, 'PASS' | 'FAIL'> = {};
  private suite: string | null = null;
  private fields: Record<string, string> = {};
  private show: {
    sha: string | null;
    author: string | null;
    date: string | null;
    subject: string | null;
    files: string[];
  } = {
    sha: null,
    author: null,
    date: null,
    subject: null,
    files: [],
  };

  line(raw: string): void {
    const line = raw.trimEnd();
    const t = line.trim();
    switch (this.section) {
      case 'breaking':
      case 'log':
        if (RULE.test(t)) this.section = this.section === 'log' ? 'log-body' : 'breaking-body';
        return;
      case 'breaking-body':
        if (RULE.test(t)) {
          this.section = 'head';
          return;
        }
        return this.onShow(line);
      case 'log-body':
        if (RULE.test(t)) {
          this.section = 'done';
          return;
        }
        this.sawLog = true;
        this.engine.line(t);
        return;
      case 'done':
        return;
      default:
        break;
    }
    if (t === 'Breaking commit found:') {
      this.section = 'breaking';
      return;
    }
    if (t === 'Git bisection log:') {
      this.section = 'log';
      return;
    }
    let m: RegExpExecArray | null;
    if ((m = RESULT.exec(t))) this.result = { sha: m[1], subject: cap(m[2]) };
    else if ((m = START.exec(t))) this.start = m[1];
    else if ((m = CHECK.exec(t))) this.checks[m[1]] = m[2] as 'PASS' | 'FAIL';
    else if ((m = FIELD.exec(t))) this.fields[m[1]] = cap(m[2], 200);
    else if ((m = TITLE.exec(t)) && !this.suite) this.suite = cap(m[2]);
  }

  private onShow(line: string): void {
    const s = this.show;
    let m: RegExpExecArray | null;
    if (!s.sha && (m = /^commit ([0-9a-f]{40})/.exec(line))) s.sha = m[1];
    else if (!s.author && (m = /^Author:\s+(.+)$/.exec(line))) s.author = m[1];
    else if (!s.date && (m = /^(?:Author)?Date:\s+(.+)$/.exec(line))) s.date = m[1].trim();
    else if (!s.subject && s.sha && /^ {4}\S/.test(line)) s.subject = cap(line.trim());
    else if ((m = /^diff --git a\/(\S+) b\//.exec(line)) && s.files.length < 500) s.files.push(m[1]);
  }

  end(source: string): Report {
    const fromLog = this.sawLog ? this.engine.end(source) : null;
    const report: Report = fromLog ? { ...fromLog, format: 'kernelci' } : emptyReport(source, 'kernelci');
    if (report.hints) report.hints = report.hints.filter((h) => !h.includes('bisections'));
    const title = this.fields['Test case'] ?? this.fields['Test suite'] ?? this.suite;
    if (title)
      report.crash = { title: cap(`${title}${this.fields.Target ? ` on ${this.fields.Target}` : ''}`) };
    if (!fromLog || (report.status !== 'found' && this.result && report.status !== 'ambiguous')) {
      if (this.result) {
        report.status = 'found';
        report.culprit = makeCommit(this.result.sha, this.result.subject);
        report.reason = fromLog
          ? report.reason
          : 'the git bisection log is missing from this copy of the mail';
      } else if (!fromLog) {
        report.status = this.start || Object.keys(this.fields).length > 0 ? 'incomplete' : 'unrecognized';
        report.reason =
          report.status === 'incomplete'
            ? 'the report is cut short: no "Result:" line and no git bisection log'
            : 'no KernelCI bisection report found';
      }
    }
    const c = report.culprit;
    const s = this.show;
    if (c && s.sha && (s.sha.startsWith(c.sha) || c.sha.startsWith(s.sha))) {
      if (s.sha.length > c.sha.length) c.sha = s.sha;
      if (s.author) c.author = parsePerson(s.author);
      if (s.date) c.date = cap(s.date, 80);
      if (!c.subject && s.subject) c.subject = s.subject;
      if (c.files.length === 0) c.files = s.files.map((path) => ({ path }));
    }
    this.applyChecks(report);
    return report;
  }

  /** verify = the culprit re-tested: one more run at the culprit. revert = a hint (a tree not in the window). */
  private applyChecks(report: Report): void {
    const hints: string[] = [];
    const { verify, revert } = this.checks;
    const c = report.culprit;
    if (verify && c) {
      const step = [...report.steps].reverse().find((st) => st.commit === c.sha);
      if (step && step.verdict === 'bad') {
        const failed = step.runs.failed + (verify === 'PASS' ? 1 : 0);
        const passed = step.runs.passed + (verify === 'FAIL' ? 1 : 0);
        step.runs = { total: failed + passed + step.runs.other, failed, passed, other: step.runs.other };
      }
      hints.push(
        verify === 'PASS'
          ? 'KernelCI verify: PASS (the culprit failed again when re-tested)'
          : 'KernelCI verify: FAIL (the culprit did not fail again when re-tested)',
      );
      if (verify === 'FAIL') {
        report.flaky = true;
        report.flakyReasons = [
          ...(report.flakyReasons ?? []),
          'KernelCI could not reproduce the failure on the culprit (verify: FAIL)',
        ];
      }
    }
    if (revert) {
      hints.push(
        revert === 'PASS'
          ? 'KernelCI revert: PASS (reverting the culprit on the bad commit made the test pass)'
          : 'KernelCI revert: FAIL (reverting the culprit did not make the test pass)',
      );
    }
    if (hints.length) report.hints = [...(report.hints ?? []), ...hints];
  }
}

export const kernelciParser: LogParser = {
  detectLine(line: string): boolean {
    const t = line.trim();
    return (
      BANNER.test(t) ||
      (t.includes(' bisection: ') && TITLE.test(t) && /^\S+\/\S+ (?:boot|baseline|kselftest|ltp)/.test(t))
    );
  },
  create: (source) => guardedSink(new KernelciSink(), source),
};

export const kernelciFormat = defineFormat({
  name: 'kernelci',
  displayName: 'KernelCI bisection',
  aliases: ['kci'],
  helpText: 'a KernelCI bisection report mail',
  parser: kernelciParser,
  trust: { kernel: true, crashReproducer: true },
});
