/**
 * git bayesect (docs/formats.md#git-bayesect): Bayesian bisection for flaky tests. It observes
 * pass/fail runs at commits until one commit holds enough posterior mass ("Bisection converged to
 * X (97.4%) after N observations") or reports a credible range ("Bisection narrowed to `a^...b`
 * (k commits) with 90% confidence"). `git bayesect log` lists every observation, which become the
 * steps' run counts.
 */
import { emptyReport, type Report, type Step } from '../../model.js';
import { defineFormat, guardedSink, type LogParser } from '../types.js';
import {
  cap,
  countedTally,
  flakyFromSteps,
  makeCommit,
  makeStep,
  MAX_STEPS,
  parsePerson,
} from '../common/steps.js';

const SHA = '([0-9a-f]{7,64})';
const CONVERGED = new RegExp(
  String.raw`^Bisection converged to ${SHA} \((\d+(?:\.\d+)?)%\) after (\d+) observations?$`,
);
const NARROWED = new RegExp(
  String.raw`^Bisection narrowed to \`${SHA}\^\.\.\.${SHA}\` \((\d+) commits?\) with (\d+(?:\.\d+)?)% confidence after (\d+) observations?$`,
);
const MOST_LIKELY = new RegExp(String.raw`^Most likely commit: ${SHA} \((\d+(?:\.\d+)?)%\)$`);
const CHECKOUT = new RegExp(String.raw`^Checking out next commit to test: ${SHA}$`);
const OBSERVATION = new RegExp(String.raw`^git bayesect (pass|fail|skip|success|failure) --commit ${SHA}$`);
const START = new RegExp(String.raw`^git bayesect start --old ${SHA}(?: --new ${SHA})?$`);
const RATES =
  /^Observed subsequent failure rate is (\d+(?:\.\d+)?)%, prior failure rate is (\d+(?:\.\d+)?)%$/;

interface Obs {
  fail: number;
  pass: number;
  skip: number;
  checkouts: number;
}

class BayesectSink {
  private obs = new Map<string, Obs>();
  private order: string[] = [];
  private logged = false;
  private converged: { sha: string; p: string; n: number } | null = null;
  private narrowed: { first: string; last: string; commits: number; confidence: string; n: number } | null =
    null;
  private mostLikely: { sha: string; p: string } | null = null;
  private rates: string | null = null;
  private window: { old: string; new: string | null } | null = null;
  private show: { sha: string; author: string | null; date: string | null; subject: string | null } | null =
    null;
  private afterConverged = false;

  private entry(sha: string): Obs {
    let o = this.obs.get(sha);
    if (!o) {
      o = { fail: 0, pass: 0, skip: 0, checkouts: 0 };
      if (this.order.length < MAX_STEPS) {
        this.obs.set(sha, o);
        this.order.push(sha);
      }
    }
    return o;
  }

  line(raw: string): void {
    const line = raw.trim();
    if (this.afterConverged && this.readShow(line)) return;
    let m: RegExpExecArray | null;
    if ((m = OBSERVATION.exec(line))) {
      if (!this.logged) {
        // The log lists every observation: start counting afresh from it.
        this.logged = true;
        this.obs.clear();
        this.order = [];
      }
      const o = this.entry(m[2]);
      if (m[1] === 'fail' || m[1] === 'failure') o.fail++;
      else if (m[1] === 'pass' || m[1] === 'success') o.pass++;
      else o.skip++;
      return;
    }
    if ((m = CHECKOUT.exec(line))) {
      if (!this.logged) this.entry(m[1]).checkouts++;
      return;
    }
    if ((m = CONVERGED.exec(line))) {
      this.converged = { sha: m[1], p: m[2], n: Number(m[3]) };
      this.afterConverged = true;
      this.show = null;
      return;
    }
    if ((m = NARROWED.exec(line))) {
      this.narrowed = { first: m[1], last: m[2], commits: Number(m[3]), confidence: m[4], n: Number(m[5]) };
      this.mostLikely = null;
      return;
    }
    if ((m = MOST_LIKELY.exec(line))) this.mostLikely = { sha: m[1], p: m[2] };
    else if ((m = RATES.exec(line))) this.rates = `failure rate ${m[1]}% after the change, ${m[2]}% before`;
    else if ((m = START.exec(line))) this.window = { old: m[1], new: m[2] ?? null };
  }

  /** The `git show --stat` printed after convergence: author, date, subject of the culprit. */
  private readShow(line: string): boolean {
    let m: RegExpExecArray | null;
    if ((m = /^commit ([0-9a-f]{40})/.exec(line))) {
      if (this.converged && m[1].startsWith(this.converged.sha)) {
        this.show = { sha: m[1], author: null, date: null, subject: null };
        return true;
      }
      this.afterConverged = false;
      return false;
    }
    const s = this.show;
    if (!s) return false;
    if ((m = /^Author:\s+(.+)$/.exec(line))) s.author = m[1];
    else if ((m = /^Date:\s+(.+)$/.exec(line))) s.date = m[1];
    else if (line !== '' && s.date && !s.subject && !line.startsWith('=')) s.subject = cap(line);
    else if (line.startsWith('=')) this.afterConverged = false;
    return true;
  }

  end(source: string): Report {
    const report = emptyReport(source, 'git-bayesect');
    report.steps = this.order.map((sha): Step => {
      const o = this.obs.get(sha)!;
      if (!this.logged) {
        // Run output without `git bayesect log`: the runs happened, their outcomes are not printed.
        return makeStep(sha, null, 'untested', { ...countedTally(0, 0, o.checkouts), estimated: true });
      }
      // Any failure marks the commit bad, as git bayesect's model expects few failures before the change.
      const verdict = o.fail > 0 ? 'bad' : o.pass > 0 ? 'good' : 'skip';
      return makeStep(sha, null, verdict, countedTally(o.fail, o.pass, o.skip));
    });
    report.revisionsTested = report.steps.length;
    const flaky = flakyFromSteps(report.steps);
    if (flaky.length > 0) {
      report.flaky = true;
      report.flakyReasons = flaky;
    }
    if (this.window) report.window = { good: [this.window.old], bad: this.window.new };
    const hints: string[] = [];
    if (this.rates) hints.push(`git bayesect: ${this.rates}`);
    if (this.converged) {
      const c = this.converged;
      report.status = 'found';
      const s = this.show;
      report.culprit = s
        ? makeCommit(s.sha, s.subject ?? '', {
            author: s.author ? parsePerson(s.author) : null,
            date: s.date ? cap(s.date, 80) : null,
          })
        : makeCommit(c.sha);
      report.reason = `git bayesect: ${c.p}% posterior after ${c.n} observations`;
    } else if (this.narrowed) {
      const n = this.narrowed;
      report.status = 'range';
      report.range = { firstGood: `${n.first}^`, firstBad: n.last, commits: n.commits };
      report.reason = `git bayesect: ${n.commits} commits hold ${n.confidence}% of the posterior after ${n.n} observations (not converged)`;
      if (this.mostLikely) {
        report.candidates = [{ sha: this.mostLikely.sha, subject: '' }];
        hints.push(`most likely commit ${this.mostLikely.sha} (${this.mostLikely.p}%)`);
      }
    } else if (report.steps.length > 0) {
      report.status = 'incomplete';
      report.reason = 'no "Bisection converged" or "Bisection narrowed" status in the log';
    } else {
      report.status = 'unrecognized';
      report.reason = 'no git bayesect output found';
    }
    if (hints.length) report.hints = hints;
    return report;
  }
}

export const gitBayesectParser: LogParser = {
  detectLine(line: string): boolean {
    const c = line.charCodeAt(0);
    if (c === 66 /* B */) return CONVERGED.test(line.trimEnd()) || NARROWED.test(line.trimEnd());
    if (c === 103 /* g */)
      return (
        line.startsWith('git bayesect ') && (OBSERVATION.test(line.trimEnd()) || START.test(line.trimEnd()))
      );
    if (c === 67 /* C */) return CHECKOUT.test(line.trimEnd());
    return false;
  },
  create: (source) => guardedSink(new BayesectSink(), source),
};

export const gitBayesectFormat = defineFormat({
  rerunsInGit: true,
  name: 'git-bayesect',
  displayName: 'git bayesect',
  aliases: ['bayesect'],
  helpText: 'git bayesect output and git bayesect log',
  parser: gitBayesectParser,
});
