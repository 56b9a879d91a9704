/**
 * Mercurial `hg bisect` (docs/formats.md#hg-bisect): "Testing changeset REV:NODE" per step,
 * "changeset REV:NODE: good|bad|skip" per `--command` run, and the result as `hg log` blocks
 * (changeset / user / date / summary) after "The first bad revision is:" or, with skips,
 * "Due to skipped revisions, the first bad revision could be any of:".
 */
import { emptyReport, type Commit, type Report, type Verdict } from '../../model.js';
import { defineFormat, guardedSink, type LogParser } from '../types.js';
import { cap, makeCommit, makeStep, MAX_CANDIDATES, MAX_STEPS, parsePerson } from '../common/steps.js';

const NODE = '([0-9a-f]{12,40})';
const TESTING = new RegExp(
  String.raw`^Testing changeset (\d+):${NODE}(?: "(.*)")? \((\d+) changesets? remaining, ~(\d+) tests?\)$`,
);
const RUN_VERDICT = new RegExp(String.raw`^changeset (\d+):${NODE}(?: "(.*)")?: (good|bad|skip)$`);
const ECHO = /^(?:\$|\++) hg bisect (?:--(good|bad|skip)|-([gbs])|(good|bad|skip))(?:\s+(\S+))?\s*$/;
const RESULT = /^The first (bad|good) revision is:$/;
const AMBIGUOUS = /^Due to skipped revisions, the first (bad|good) revision could be any of:$/;
const FIELD = /^(changeset|user|date|summary|tag|branch|bookmark|parent|phase|files|description):\s*(.*)$/;
const EXTEND = /^the common ancestor, ([0-9a-f]{12,40})\.$/;
const ABORT = /^abort: (.+)$/;

interface HgStep {
  rev: number;
  node: string;
  subject: string | null;
  verdict: Verdict | null;
  revisionsLeft: number;
  stepsLeft: number;
}

class HgBisectSink {
  private steps: HgStep[] = [];
  private results: Commit[] = [];
  private resultKind: 'found' | 'ambiguous' | null = null;
  private fix = false;
  private block: Commit | null = null;
  private reading = false;
  private extendFrom: string | null = null;
  private abort: string | null = null;
  private parents = new Map<Commit, number>();

  private current(): HgStep | null {
    return this.steps[this.steps.length - 1] ?? null;
  }

  line(raw: string): void {
    const line = raw.trimEnd();
    if (this.reading && this.readBlock(line)) return;
    let m: RegExpExecArray | null;
    if ((m = TESTING.exec(line))) {
      if (this.steps.length < MAX_STEPS) {
        this.steps.push({
          rev: Number(m[1]),
          node: m[2],
          subject: m[3] ?? null,
          verdict: null,
          revisionsLeft: Number(m[4]),
          stepsLeft: Number(m[5]),
        });
      }
      return;
    }
    if ((m = RUN_VERDICT.exec(line))) {
      const cur = this.current();
      const v = m[4] as Verdict;
      if (cur && cur.node === m[2] && cur.verdict === null) cur.verdict = v;
      else if (this.steps.length < MAX_STEPS) {
        this.steps.push({
          rev: Number(m[1]),
          node: m[2],
          subject: m[3] ?? null,
          verdict: v,
          revisionsLeft: -1,
          stepsLeft: -1,
        });
      }
      return;
    }
    if ((m = ECHO.exec(line))) {
      const word = m[1] ?? m[3] ?? { g: 'good', b: 'bad', s: 'skip' }[m[2]];
      const cur = this.current();
      // A bare `hg bisect --good` marks the changeset being tested; with a revision it sets a bound.
      if (cur && !m[4] && cur.verdict === null && this.resultKind === null) cur.verdict = word as Verdict;
      return;
    }
    if ((m = RESULT.exec(line))) {
      this.startResult('found', m[1]);
      return;
    }
    if ((m = AMBIGUOUS.exec(line))) {
      this.startResult('ambiguous', m[1]);
      return;
    }
    if ((m = EXTEND.exec(line))) this.extendFrom = m[1];
    else if ((m = ABORT.exec(line))) this.abort ??= cap(m[1]);
  }

  private startResult(kind: 'found' | 'ambiguous', term: string): void {
    this.resultKind = kind;
    this.results = [];
    this.fix = term === 'good';
    this.reading = true;
    this.block = null;
  }

  /** Reads `hg log` blocks of the result; returns false when the line is not part of them. */
  private readBlock(line: string): boolean {
    if (line === '') {
      this.block = null;
      return true;
    }
    const f = FIELD.exec(line);
    if (!f) {
      this.reading = false;
      this.block = null;
      return false;
    }
    const [, key, value] = f;
    if (key === 'changeset') {
      const node = /^(\d+):([0-9a-f]{12,40})$/.exec(value.trim());
      if (!node) return true;
      const block = makeCommit(node[2]);
      this.block = block;
      if (this.results.length < MAX_CANDIDATES) this.results.push(block);
      return true;
    }
    const c = this.block;
    if (!c) return true;
    if (key === 'user') c.author = parsePerson(value);
    else if (key === 'date') c.date = cap(value.trim(), 80);
    else if (key === 'summary') c.subject = cap(value.trim());
    else if (key === 'parent') {
      // One "parent:" line for a non-linear parent, two for a merge.
      this.parents.set(c, (this.parents.get(c) ?? 0) + 1);
      if ((this.parents.get(c) ?? 0) >= 2) c.merge = true;
    } else if (key === 'tag' && value.trim() !== 'tip') c.release = true;
    return true;
  }

  end(source: string): Report {
    const report = emptyReport(source, 'hg-bisect');
    if (this.fix) report.direction = 'fix';
    const culprit = this.resultKind === 'found' ? (this.results[0] ?? null) : null;
    const n = this.steps.length;
    report.steps = this.steps.map((s, i) => {
      let verdict = s.verdict;
      if (verdict === null) {
        // No verdict printed (manual bisection without echoed commands): on linear history the next
        // changeset tested is newer after a good one and older after a bad one.
        const next = this.steps[i + 1];
        if (culprit && s.node === culprit.sha) verdict = 'bad';
        else if (next) verdict = next.rev > s.rev ? 'good' : 'bad';
        else if (culprit && i === n - 1) verdict = 'good';
      }
      const step = makeStep(s.node, s.subject, verdict ?? 'untested');
      if (s.revisionsLeft >= 0) {
        step.revisionsLeft = s.revisionsLeft;
        step.stepsLeft = s.stepsLeft;
      }
      return step;
    });
    report.revisionsTested = report.steps.filter((s) => s.verdict !== 'untested').length;
    if (culprit) {
      report.status = 'found';
      report.culprit = culprit;
      if (this.extendFrom) {
        report.hints = [
          `hg: not all ancestors of the culprit were checked; \`hg bisect --extend\` continues from ${this.extendFrom}`,
        ];
      }
    } else if (this.resultKind === 'ambiguous' && this.results.length > 0) {
      report.status = 'ambiguous';
      report.candidates = this.results.map((c) => ({ sha: c.sha, subject: c.subject }));
      report.reason = 'skipped changesets left several candidates for the first bad revision';
    } else if (this.abort) {
      report.status = 'failed';
      report.reason = `hg bisect: ${this.abort}`;
    } else if (n > 0) {
      report.status = 'incomplete';
      report.reason = 'the bisection did not finish: no "The first bad revision is:" in the log';
    } else {
      report.status = 'unrecognized';
      report.reason = 'no hg bisect steps or result found';
    }
    return report;
  }
}

export const hgBisectParser: LogParser = {
  detectLine(line: string): boolean {
    const c = line.charCodeAt(0);
    if (c === 84 /* T */) return RESULT.test(line) || TESTING.test(line.trimEnd());
    if (c === 99 /* c */) return RUN_VERDICT.test(line.trimEnd());
    if (c === 68 /* D */) return AMBIGUOUS.test(line);
    return false;
  },
  create: (source) => guardedSink(new HgBisectSink(), source),
};

export const hgBisectFormat = defineFormat({
  name: 'hg-bisect',
  displayName: 'hg bisect',
  aliases: ['hg', 'mercurial'],
  helpText: 'Mercurial hg bisect output',
  parser: hgBisectParser,
  repeatAdvice:
    'Run the test several times per changeset in the `hg bisect --command` script and let it exit 1 only when enough runs fail.',
});
