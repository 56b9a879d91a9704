/**
 * The first thing a person reads about one bisection, in words (no Markdown): which commit, how
 * sure in everyday words, and the one thing to do next. The summary, the issue and the CLI's text
 * all lead with it, so they never disagree about what the answer is.
 */
import type { Report } from '../model.js';
import { formatOf } from '../formats/registry.js';
import { isSha } from './escape.js';
import { cliCommand, TEST_PLACEHOLDER } from '../cliCommand.js';
import { fmtP, isMereLead, plural, reportIcon } from './view.js';

export type Sureness = 'sure' | 'probably' | 'lead' | 'range' | 'doubtful' | 'wrong' | 'none';

export interface Verdict {
  icon: string;
  sureness: Sureness;
  /** Which commit (or range) the answer is, as a sentence start: "Caused by", "Somewhere in 6 commits". */
  lead: string;
  /** How sure, in words a person uses, with the probability in parentheses. */
  sure: string;
  /** What to do next, in words. */
  next: string;
  /** The one command to run next, when there is one (commit ids only ever as plain hex). */
  command: string | null;
}

const TEST = TEST_PLACEHOLDER;

/** 12 hex digits: unambiguous in any real repository, and short enough to read in a command. */
function short(sha: string): string {
  return sha.slice(0, 12).toLowerCase();
}

/** The log's commits and test are the user's, which `bisect-report` can re-run (the format says so). */
function ownTest(report: Report): boolean {
  return Boolean(formatOf(report)?.rerunsInGit);
}

/** `bisect-report bisect` over the 95% range: it re-runs the test where it teaches most. */
function rangeCommand(report: Report): string | null {
  const r = report.trust?.range95;
  if (!r || !ownTest(report) || !isSha(r.last)) return null;
  // The commit the range starts after is one the log tested: the good end the log itself had.
  const good = isSha(r.after) ? short(r.after) : isSha(r.first) ? `${short(r.first)}^` : null;
  if (!good) return null;
  return cliCommand(`bisect --good ${good} --bad ${short(r.last)} -- ${TEST}`);
}

/** `bisect-report verify`: the culprit must fail and its parent pass, run after run. */
function verifyCommand(report: Report): string | null {
  const sha = report.culprit?.sha;
  if (!ownTest(report) || !isSha(sha)) return null;
  return cliCommand(`verify --culprit ${short(sha)} -- ${TEST}`);
}

function retestWords(report: Report): string {
  const n = report.retest.length;
  if (n === 0) return 're-run the bisection with more runs per commit';
  const runs = report.retest.reduce((a, r) => a + (Number.isFinite(r.runs) ? r.runs : 0), 0);
  return `follow the re-test plan below (${plural(n, 'commit')}, ${plural(runs, 'run')})`;
}

/** The verdict in words for one report. */
export function verdictOf(report: Report): Verdict {
  const t = report.trust;
  const fix = report.direction === 'fix';
  const verb = fix ? 'Fixed by' : 'Caused by';
  const named = fix ? 'the log names the fix' : 'the log names';
  const p = t ? fmtP(t.probability) : '';
  const r95 = t?.range95;
  const rangeLead = r95 && r95.commits > 1 ? `Somewhere in ${plural(r95.commits, 'commit')}` : null;
  const nextVerify = (): Pick<Verdict, 'next' | 'command'> => {
    const command = verifyCommand(report);
    return command
      ? {
          next: 'check that the culprit fails and its parent passes, run after run (replace ./test.sh with your test; ~/bisect-report is a clone of bisect-report)',
          command,
        }
      : { next: retestWords(report), command: null };
  };
  const nextRange = (): Pick<Verdict, 'next' | 'command'> => {
    const command = rangeCommand(report);
    return command
      ? {
          next: `bisect again the ${plural(report.trust?.range95?.commits ?? 0, 'commit')} most likely to hold the culprit, re-running the test where it tells most (replace ./test.sh with your test; ~/bisect-report is a clone of bisect-report)`,
          command,
        }
      : { next: retestWords(report), command: null };
  };

  if (report.status === 'found' && t) {
    const singleRun = t.reasons.some(
      (x) => x.code === 'plain-bisect-no-repeats' || x.code === 'single-run-verdict',
    );
    // Repeated runs that still leave the test's reliability open (not "each commit ran once").
    const reliabilityOpen = !singleRun && t.reasons.some((x) => x.code === 'test-reliability-unknown');
    switch (t.label) {
      case 'verified':
        return {
          icon: reportIcon(report),
          sureness: 'sure',
          lead: verb,
          sure: `Sure (${p}): the culprit ${fix ? 'passed' : 'failed'} and its parent ${fix ? 'failed' : 'passed'}, run after run.`,
          next: fix ? 'close the failure once the fix is in your branch' : 'fix or revert this commit',
          command: null,
        };
      case 'likely':
        if (!isMereLead(t))
          return {
            icon: reportIcon(report),
            sureness: 'probably',
            lead: verb,
            sure: `Probably right (${p}), not yet verified.`,
            ...nextVerify(),
          };
        return {
          icon: reportIcon(report),
          sureness: 'lead',
          lead: `Best lead: ${fix ? 'fixed' : 'caused'} by`,
          sure: singleRun
            ? `Not proven (${p}): each commit ran the test once, so a flaky test could have sent the search anywhere.`
            : reliabilityOpen
              ? `Not proven (${p}): the runs do not pin down how often the test fails with and without the bug.`
              : `Not proven (${p}): the best lead, no more.`,
          ...nextVerify(),
        };
      case 'range':
        return {
          icon: reportIcon(report),
          sureness: 'range',
          lead: rangeLead ?? 'Somewhere near',
          sure: `No single commit is certain: the culprit is in this range with 95% probability; the one the log names has ${p}.`,
          ...nextRange(),
        };
      case 'unreliable':
        return {
          icon: reportIcon(report),
          sureness: 'doubtful',
          lead: `Unconfirmed: ${named}`,
          sure: singleRun
            ? `Not verified (${p}): each commit ran the test once, so a flaky test could have sent the search anywhere; re-run to confirm.`
            : reliabilityOpen
              ? `Not verified (${p}): the runs do not pin down how often the test fails with and without the bug; re-run to confirm.`
              : `Unreliable (${p}): the evidence is too weak or inconsistent to point at one commit.`,
          ...(rangeCommand(report) ? nextRange() : nextVerify()),
        };
      case 'contradicted':
        return {
          icon: reportIcon(report),
          sureness: 'wrong',
          lead: `Not this commit: ${named}`,
          sure: `Almost certainly wrong (${p}): the runs contradict it.${rangeLead ? ` ${rangeLead.replace('Somewhere', 'The culprit is most likely somewhere')}.` : ''}`,
          ...nextRange(),
        };
    }
  }
  const none = (sure: string, next: string): Verdict => ({
    icon: reportIcon(report),
    sureness: 'none',
    lead: '',
    sure,
    next,
    command: null,
  });
  switch (report.status) {
    case 'ambiguous':
      return {
        ...none(
          `No single culprit: the bisection ended with ${plural(report.candidates.length, 'candidate')}${t ? ` (${p} that it is one of them)` : ''}.`,
          'test the candidates one by one',
        ),
        sureness: 'range',
        ...(rangeCommand(report) ? nextRange() : {}),
      };
    case 'no-culprit':
      // What every format means by it: the bad end fails, and so does the good end (or, in a fix
      // bisection, the newest commit still fails).
      return none(
        'No culprit: the bisection found no first bad commit.',
        report.direction === 'fix'
          ? 'nothing in the range fixed it: look for the fix in newer commits'
          : 'the good end fails too, so the change is older: bisect again from an older good commit',
      );
    case 'not-reproduced':
      return none(
        'Not reproduced: the failure did not show up on the starting commit.',
        'check that the test fails on the bad end',
      );
    case 'failed':
      return none('The bisection failed before it found a culprit.', 'read the reason below and start again');
    case 'incomplete':
      return none('The bisection did not finish.', 'let it finish, or resume it with the commands below');
    case 'unrecognized':
      return none(
        'Not a bisection log this tool understands.',
        'pass the output of `git bisect run` itself, with 2>&1',
      );
    default:
      return none('Culprit found, but its trust was not assessed.', 'treat it as an unchecked lead');
  }
}
