/**
 * Jujutsu `jj bisect run` (docs/formats.md#jj-bisect): "Now evaluating: <summary>" per step, then
 * "The revision is good." / "…bad." / "It could not be determined…", and "The first bad revision
 * is: <summary>" or "The first bad revisions are:" with one summary per line. A summary is jj's
 * one-line commit template: change id, commit id prefix, bookmarks, " | ", description.
 * Newer jj also prints git's "Bisecting: N revisions left…" line before each step.
 */
import { emptyReport, type Report, type Verdict } from '../../model.js';
import { defineFormat, guardedSink, type LogParser } from '../types.js';
import { cap, makeCommit, makeStep, MAX_CANDIDATES, MAX_STEPS } from '../common/steps.js';

/** change id (k–z "reverse hex"), commit id prefix, the rest of the summary. */
const SUMMARY = /^([k-z]{4,32}) ([0-9a-f]{4,64})(?: (.*))?$/;
const NOW = /^Now evaluating: (.+)$/;
const PROGRESS =
  /^Bisecting: (?:at least )?(\d+) revisions? left to test after this \((?:at least )?roughly (\d+) steps?\)$/;
const VERDICTS: Record<string, Verdict | 'abort'> = {
  'The revision is good.': 'good',
  'The revision is bad.': 'bad',
  'It could not be determined if the revision is good or bad.': 'skip',
  'Evaluation command returned 127 (command not found) - aborting bisection.': 'abort',
};
const FIRST = /^The first (bad|good) revision is: (.+)$/;
const FIRSTS = /^The first (bad|good) revisions are:$/;
const MAYBE = /^These revisions may also be (?:bad|good), but couldn't be evaluated:$/;
const ERROR = /^Error: (.+)$/;

interface Summary {
  sha: string;
  changeId: string;
  subject: string;
}

function parseSummary(text: string): Summary | null {
  const m = SUMMARY.exec(text.trim());
  if (!m) return null;
  let rest = m[3] ?? '';
  // Bookmarks/tags come before " | " and the description after it.
  const bar = rest.indexOf(' | ');
  if (bar >= 0) rest = rest.slice(bar + 3);
  rest = rest.replace(/^\((?:empty|no description set)\)\s*/g, '');
  return { changeId: m[1], sha: m[2], subject: cap(rest.trim()) };
}

interface JjStep {
  summary: Summary;
  verdict: Verdict | null;
  revisionsLeft: number | null;
  stepsLeft: number | null;
}

class JjBisectSink {
  private steps: JjStep[] = [];
  private progress: [number, number] | null = null;
  private first: Summary[] = [];
  private maybe: Summary[] = [];
  private collecting: 'first' | 'maybe' | null = null;
  private fix = false;
  private found = false;
  private aborted = false;
  private error: string | null = null;

  line(raw: string): void {
    const line = raw.trimEnd();
    if (this.collecting) {
      const s = parseSummary(line);
      if (s) {
        const list = this.collecting === 'first' ? this.first : this.maybe;
        if (list.length < MAX_CANDIDATES) list.push(s);
        return;
      }
      this.collecting = null;
    }
    if (line.length < 6) return;
    let m: RegExpExecArray | null;
    if ((m = PROGRESS.exec(line))) {
      this.progress = [Number(m[1]), Number(m[2])];
      return;
    }
    if ((m = NOW.exec(line))) {
      const s = parseSummary(m[1]);
      if (s && this.steps.length < MAX_STEPS) {
        this.steps.push({
          summary: s,
          verdict: null,
          revisionsLeft: this.progress?.[0] ?? null,
          stepsLeft: this.progress?.[1] ?? null,
        });
      }
      this.progress = null;
      return;
    }
    const v = VERDICTS[line.trim()];
    if (v) {
      const cur = this.steps[this.steps.length - 1];
      if (v === 'abort') this.aborted = true;
      else if (cur && cur.verdict === null) cur.verdict = v;
      return;
    }
    if ((m = FIRST.exec(line))) {
      const s = parseSummary(m[2]);
      if (s) {
        this.found = true;
        this.fix = m[1] === 'good';
        this.first = [s];
      }
      return;
    }
    if ((m = FIRSTS.exec(line))) {
      this.found = true;
      this.fix = m[1] === 'good';
      this.first = [];
      this.collecting = 'first';
      return;
    }
    if (MAYBE.test(line)) {
      this.collecting = 'maybe';
      return;
    }
    if ((m = ERROR.exec(line))) this.error ??= cap(m[1]);
  }

  end(source: string): Report {
    const report = emptyReport(source, 'jj-bisect');
    if (this.fix) report.direction = 'fix';
    report.steps = this.steps.map((s) => {
      const step = makeStep(s.summary.sha, s.summary.subject || null, s.verdict ?? 'untested');
      step.revisionsLeft = s.revisionsLeft;
      step.stepsLeft = s.stepsLeft;
      return step;
    });
    report.revisionsTested = report.steps.filter((s) => s.verdict !== 'untested').length;
    const all = [...this.first, ...this.maybe.filter((m) => !this.first.some((f) => f.sha === m.sha))];
    if (this.found && this.first.length === 1 && this.maybe.length === 0) {
      const s = this.first[0];
      report.status = 'found';
      report.culprit = makeCommit(s.sha, s.subject);
      // jj treats the heads of the range as bad without testing them: say so when the culprit was never run.
      if (!this.steps.some((st) => st.summary.sha === s.sha && st.verdict === (this.fix ? 'good' : 'bad'))) {
        report.hints = [
          'jj bisect never ran the test on this revision: it is the head of the range, assumed bad',
        ];
      }
    } else if (this.found && all.length > 0) {
      report.status = 'ambiguous';
      report.candidates = all.map((s) => ({ sha: s.sha, subject: s.subject }));
      report.reason =
        this.maybe.length > 0
          ? 'some revisions could not be evaluated: the first bad revision is one of these'
          : 'the range has several heads: each of these is a first bad revision';
    } else if (this.aborted || this.error) {
      report.status = 'failed';
      report.reason = this.aborted
        ? 'jj bisect aborted: the evaluation command returned 127 (command not found)'
        : `jj bisect: ${this.error}`;
    } else if (this.steps.length > 0) {
      report.status = 'incomplete';
      report.reason = 'the bisection did not finish: no "The first bad revision is" in the log';
    } else {
      report.status = 'unrecognized';
      report.reason = 'no jj bisect steps or result found';
    }
    return report;
  }
}

export const jjBisectParser: LogParser = {
  refines: ['git-bisect-run'],
  detectLine(line: string): boolean {
    const c = line.charCodeAt(0);
    if (c === 78 /* N */) {
      const m = NOW.exec(line);
      return m !== null && parseSummary(m[1]) !== null;
    }
    if (c === 84 /* T */) {
      const m = FIRST.exec(line);
      return (
        (m !== null && parseSummary(m[2]) !== null) ||
        line === 'The revision is good.' ||
        line === 'The revision is bad.'
      );
    }
    if (c === 83 /* S */)
      return line === 'Search complete. To discard any revisions created during search, run:';
    return false;
  },
  create: (source) => guardedSink(new JjBisectSink(), source),
};

export const jjBisectFormat = defineFormat({
  name: 'jj-bisect',
  displayName: 'jj bisect',
  aliases: ['jj', 'jujutsu'],
  helpText: 'Jujutsu jj bisect run output',
  parser: jjBisectParser,
  repeatAdvice:
    'Run the test several times per revision in the `jj bisect run` command and let it exit 1 only when enough runs fail.',
});
