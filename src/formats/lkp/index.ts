/**
 * Linux kernel test robot (LKP / 0-day) report mails (docs/formats.md#lkp): the robot bisects a
 * failure to one commit and prints a table of run counts at the commit's parent and at the commit
 * (`| boot_successes | 18 | 0 |`). Those counts are direct evidence for the trust model.
 */
import { emptyReport, type Report, type RunTally, type Step } from '../../model.js';
import { defineFormat, guardedSink, type LogParser } from '../types.js';
import { cap, makeCommit, makeStep } from '../common/steps.js';

const NOTICED =
  /^kernel test robot noticed (?:"(.+)"|(an? [-+]?\d+(?:\.\d+)?% (?:regression|improvement) of \S+)) on:?\s*$/;
const FYI =
  /^FYI, we noticed (?:the following commit|a [-+]?\d+(?:\.\d+)?% (?:regression|improvement) of (\S+))/;
const COMMIT = /^commit:\s+([0-9a-f]{40}) \("(.*)"\)\s*$/;
const TABLE_ROW = /^\|(.*)\|\s*$/;
const TESTCASE = /^in testcase: (\S+)/;
const MAX_ROWS = 200;

interface Table {
  columns: string[];
  rows: Map<string, (number | null)[]>;
}

class LkpSink {
  private title: string | null = null;
  private culprit: { sha: string; subject: string } | null = null;
  private tables: Table[] = [];
  private table: Table | null = null;
  private testcase: string | null = null;
  private performance = false;

  line(raw: string): void {
    const line = raw.trim();
    if (line.startsWith('|')) return this.onRow(line);
    if (line.startsWith('+-')) return;
    this.table = null;
    let m: RegExpExecArray | null;
    if ((m = NOTICED.exec(line))) {
      this.title = cap(m[1] ?? m[2]);
      if (m[2]) this.performance = true;
      return;
    }
    if ((m = FYI.exec(line))) {
      if (m[1]) this.performance = true;
      return;
    }
    if ((m = COMMIT.exec(line))) {
      this.culprit ??= { sha: m[1], subject: cap(m[2]) };
      return;
    }
    if ((m = TESTCASE.exec(line))) this.testcase ??= cap(m[1], 80);
  }

  private onRow(line: string): void {
    const m = TABLE_ROW.exec(line);
    if (!m) return;
    const cells = m[1].split('|').map((c) => c.trim());
    if (cells.length < 3) return;
    const [name, ...values] = cells;
    if (name === '' && values.every((v) => /^[0-9a-f]{7,40}$/.test(v))) {
      // Header: short shas of the compared commits (parent first).
      this.table = { columns: values, rows: new Map() };
      if (this.tables.length < 10) this.tables.push(this.table);
      return;
    }
    const t = this.table;
    if (!t || t.rows.size >= MAX_ROWS || values.length !== t.columns.length) return;
    t.rows.set(
      name,
      values.map((v) => (/^\d+$/.test(v) ? Number(v) : null)),
    );
  }

  end(source: string): Report {
    const report = emptyReport(source, 'lkp');
    if (this.title) report.crash = { title: this.title };
    if (!this.culprit) {
      report.reason = this.title
        ? 'the report is cut short: no "commit:" line names the culprit'
        : 'no kernel test robot report found';
      report.status = this.title ? 'incomplete' : 'unrecognized';
      return report;
    }
    const culprit = this.culprit;
    report.status = 'found';
    report.culprit = makeCommit(culprit.sha, culprit.subject);
    const table = this.tables.find((t) => t.columns.some((c) => culprit.sha.startsWith(c)));
    if (table) report.steps = this.steps(table, culprit.sha, culprit.subject);
    report.revisionsTested = report.steps.length;
    if (this.performance) {
      report.reason = 'a performance change: the mail compares measurements, not pass/fail runs';
    } else if (report.steps.length === 0) {
      report.reason = 'no run-count table in the report (cut short?)';
    }
    const mixed = report.steps.filter((s) => s.runs.failed > 0 && s.runs.passed > 0);
    if (mixed.length > 0) {
      report.flaky = true;
      report.flakyReasons = mixed.map(
        (s) => `${s.commit.slice(0, 12)} failed ${s.runs.failed} of ${s.runs.total} runs`,
      );
    }
    if (this.testcase) report.hints = [`testcase: ${this.testcase}`];
    return report;
  }

  private steps(t: Table, sha: string, subject: string): Step[] {
    const at = t.columns.findIndex((c) => sha.startsWith(c));
    if (at < 1) return [];
    const rowName = this.failureRow(t, at);
    const tally = (col: number): RunTally | null => {
      const ok = t.rows.get('boot_successes')?.[col] ?? null;
      const bad = t.rows.get('boot_failures')?.[col] ?? null;
      const hits = rowName ? (t.rows.get(rowName)?.[col] ?? 0) : (bad ?? 0);
      if (ok !== null || bad !== null) {
        const passed = ok ?? 0;
        const other = Math.max(0, (bad ?? 0) - hits);
        return { total: passed + hits + other, failed: hits, passed, other };
      }
      // No boot rows: a "<test>.fail" row pairs with "<test>.pass"; else the largest count in the
      // column is taken as the number of runs (estimated).
      const pass = rowName?.endsWith('.fail') ? t.rows.get(`${rowName.slice(0, -5)}.pass`)?.[col] : undefined;
      if (pass !== undefined && pass !== null)
        return { total: hits + pass, failed: hits, passed: pass, other: 0 };
      let total = 0;
      for (const v of t.rows.values()) total = Math.max(total, v[col] ?? 0);
      if (total === 0) return null;
      return { total, failed: hits, passed: total - hits, other: 0, estimated: true };
    };
    const steps: Step[] = [];
    const parentRuns = tally(at - 1);
    const culpritRuns = tally(at);
    if (parentRuns) {
      const s = makeStep(t.columns[at - 1], null, 'good', parentRuns);
      if (rowName && parentRuns.failed > 0) s.titles = { [rowName]: parentRuns.failed };
      steps.push(s);
    }
    if (culpritRuns) {
      const s = makeStep(sha, subject, 'bad', culpritRuns);
      if (rowName && culpritRuns.failed > 0) s.titles = { [rowName]: culpritRuns.failed };
      steps.push(s);
    }
    return steps;
  }

  /** The row of the failure the mail is about: its title, else the row that rose most at the commit. */
  private failureRow(t: Table, at: number): string | null {
    if (this.title && t.rows.has(this.title)) return this.title;
    let best: string | null = null;
    let bestRise = 0;
    for (const [name, v] of t.rows) {
      if (name === 'boot_successes' || name === 'boot_failures') continue;
      const rise = (v[at] ?? 0) - (v[at - 1] ?? 0);
      if (rise > bestRise) {
        best = name;
        bestRise = rise;
      }
    }
    return best;
  }
}

export const lkpParser: LogParser = {
  detectLine(line: string): boolean {
    const c = line.charCodeAt(0);
    if (c === 107 /* k */)
      return line.startsWith('kernel test robot noticed ') && NOTICED.test(line.trimEnd());
    if (c === 70 /* F */) return FYI.test(line);
    if (c === 99 /* c */) return COMMIT.test(line);
    if (c === 124 /* | */) return /^\| boot_(?:successes|failures) +\| +\d+ +\| +\d+ +\|/.test(line);
    return false;
  },
  create: (source) => guardedSink(new LkpSink(), source),
};

export const lkpFormat = defineFormat({
  name: 'lkp',
  displayName: 'kernel test robot (LKP)',
  aliases: ['0day', 'kernel-test-robot'],
  helpText: 'a Linux kernel test robot (LKP / 0-day) report mail',
  parser: lkpParser,
  trust: { kernel: true, crashReproducer: true },
});
