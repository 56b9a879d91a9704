/**
 * The engine behind both git parsers (console output of `git bisect` / `git bisect run`, and the
 * `git bisect log` replay file). Both formats interleave in real CI logs (a workflow prints the
 * console, then `git bisect log`), so one state machine understands every line kind and the two
 * parsers differ only in how they detect their input. See docs/formats/git-bisect.md.
 *
 * Streaming and bounded: one entry per tested commit, capped free text; unrelated lines (test and
 * build output, possibly megabytes) are rejected by their first character before any regex.
 */
import { emptyReport, type Commit, type Report, type RunKind, type Step, type Verdict } from '../../model.js';
import { CommitDisplayReader, type DisplayLimits } from './commitDisplay.js';
import { BISECT_LINE_PREFIX, POSITION_LINE, RESULT_LINE, WINDOW_LINE } from '../../bisect/logLines.js';

const OID = '[0-9a-f]{40}(?:[0-9a-f]{24})?';
const OID_ONLY = new RegExp(`^${OID}$`);
const CHECKOUT = new RegExp(`^\\[(${OID})\\] ?(.*)$`);
const PROGRESS = /^Bisecting: (\d+) revisions? left to test after this \(roughly (\d+) steps?\)$/;
const MERGE_BASE_STEP = 'Bisecting: a merge base must be tested';
/** A translated progress line: a short label without digits/quotes/paths, then ":" (or full-width "："). */
const PROGRESS_ANY = /^[^\s'"/\\.:：[\]0-9]{2,30}(?:[ \u00a0][^\s'"/\\.:：[\]0-9]{1,30})?[ \u00a0]?[:：]/;
const CULPRIT = new RegExp(`^(${OID}) is the first (?:'([^']+)'|(\\S+)) commit$`);
const AMBIG_HEAD = /^The first (?:'([^']+)'|(\S+)) commit could be any of:$/;
const LOG_START = /^git[ -]bisect start((?: '(?:[^']|'\\'')*')*)\s*$/;
const LOG_MARK = new RegExp(`^# ([^\\s':]+): \\[(${OID})\\] ?(.*)$`);
const LOG_CMD = new RegExp(`^git[ -]bisect ([^\\s']+) (${OID})$`);
const LOG_FIRST = new RegExp(`^# first (?:'([^']+)'|(\\S+)) commit: \\[(${OID})\\] ?(.*)$`);
const LOG_POSSIBLE = new RegExp(`^# possible first (?:'([^']+)'|(\\S+)) commit: \\[(${OID})\\] ?(.*)$`);
/** A command echoed by the recording harness (`$ git …`) or by `set -x` (`+ git …`). */
const ECHO = /^(?:\$|\++) git bisect (\S+)(?: (.*))?$/;
const NOT_ANCESTORS = /^Some '?[^\s']+'? revs are not ancestors? of the '?[^\s']+'? rev\.$/;
const MERGE_BASE_BAD = new RegExp(`^The merge base (${OID}) is '?([^'\\s]+)'?\\.$`);
const MERGE_BASE_RANGE =
  /^(?:This means the bug has been fixed|The property has changed|This means the first '?[^\s']+'? commit is) between /;
const WAS_BOTH = new RegExp(`^(${OID}) was both '?[^\\s']+'? and '?[^\\s']+'?$`);
const RUN_RC = /^(?:error: )?(?:bisect run failed: )?exit code (-?\d+) from (.+) is < 0 or >= 128$/;
const RUN_STATE = /^(?:error: )?(?:bisect run failed: )?'([^']+)' exited with error code (-?\d+)$/;
const BOGUS =
  /^error: (?:bogus exit code (\d+) for '?good'? revision|unable to verify (.+) on '?good'? revision)$/;
const TERMS_OLD = /^Your current terms are '?([^\s']+)'? for the old state$/;
const TERMS_NEW = /^and '?([^\s']+)'? for the new state\.$/;
const MISSING_COMMAND = /(?:: not found|: command not found|: Permission denied|No such file or directory)$/;

/** Shape of the lines `bisect-report run` prints (see src/cli/runCommand.ts and docs/run-command.md). */
export const RUN_LINE_PREFIX = 'bisect-report run: ';
const RUN_LINE = new RegExp(
  `^bisect-report run: commit=(${OID}|unknown) run=(\\d+)/(\\d+) result=(pass|fail|skip|error)(?: exit=(\\S+))?(?: title=(.*))?$`,
);
const RUN_VERDICT = new RegExp(
  `^bisect-report run: commit=(${OID}|unknown) verdict=(good|bad|skip|abort) exit=(\\d+) runs=(\\d+) failed=(\\d+) passed=(\\d+) skipped=(\\d+) errors=(\\d+)`,
);

export type RunResult = 'pass' | 'fail' | 'skip' | 'error';

export function formatRunLine(
  commit: string,
  index: number,
  total: number,
  result: RunResult,
  exit: string,
  title: string | null,
): string {
  const t = title ? ` title=${JSON.stringify(title)}` : '';
  return `${RUN_LINE_PREFIX}commit=${commit} run=${index}/${total} result=${result} exit=${exit}${t}`;
}

export function formatVerdictLine(
  commit: string,
  verdict: 'good' | 'bad' | 'skip' | 'abort',
  exit: number,
  counts: { runs: number; failed: number; passed: number; skipped: number; errors: number },
  minFailures: number,
): string {
  return (
    `${RUN_LINE_PREFIX}commit=${commit} verdict=${verdict} exit=${exit} runs=${counts.runs} ` +
    `failed=${counts.failed} passed=${counts.passed} skipped=${counts.skipped} errors=${counts.errors} ` +
    `min-failures=${minFailures}`
  );
}

export type RunOutputLine =
  | {
      kind: 'run';
      commit: string;
      index: number;
      total: number;
      result: RunResult;
      exit: string | null;
      title: string | null;
    }
  | {
      kind: 'verdict';
      commit: string;
      verdict: 'good' | 'bad' | 'skip' | 'abort';
      counts: { runs: number; failed: number; passed: number; skipped: number; errors: number };
    };

/** Reads one line `bisect-report run` prints (the inverse of formatRunLine / formatVerdictLine). */
export function parseRunOutputLine(line: string): RunOutputLine | null {
  if (!line.startsWith(RUN_LINE_PREFIX)) return null;
  const v = RUN_VERDICT.exec(line);
  if (v) {
    const counts = { runs: +v[4], failed: +v[5], passed: +v[6], skipped: +v[7], errors: +v[8] };
    return { kind: 'verdict', commit: v[1], verdict: v[2] as 'good' | 'bad' | 'skip' | 'abort', counts };
  }
  const r = RUN_LINE.exec(line);
  if (!r) return null;
  let title: string | null = null;
  if (r[6]) {
    try {
      const parsed: unknown = JSON.parse(r[6]);
      if (typeof parsed === 'string' && parsed !== '') title = parsed.slice(0, MAX_TITLE);
    } catch {
      title = null;
    }
  }
  return {
    kind: 'run',
    commit: r[1],
    index: +r[2],
    total: +r[3],
    result: r[4] as RunResult,
    exit: r[5] ?? null,
    title,
  };
}

const MAX_OUTCOMES = 200;
const MAX_TITLE = 300;
const MAX_FILES = 500;
const DISPLAY_LIMITS: DisplayLimits = {
  maxLines: 5000,
  maxFiles: MAX_FILES,
  capSubject: (subject) => cap(subject, MAX_TITLE),
};
const MAX_REASON = 600;
const MAX_CANDIDATES = 1000;

type Outcome = NonNullable<Step['outcomes']>[number];

interface GitStep {
  commit: string;
  subject: string | null;
  progress: string | null;
  revisionsLeft: number | null;
  stepsLeft: number | null;
  mergeBase: boolean;
  /** Verdict sources, strongest first at resolution time. Terms are resolved at the end. */
  runVerdict: Verdict | null;
  logTerm: string | null;
  echoTerm: string | null;
  runs: { total: number; failed: number; passed: number; other: number } | null;
  titles: Record<string, number>;
  outcomes: Outcome[];
  ranCommand: boolean;
  commandMissing: boolean;
}

type Outcome2 = 'found' | 'ambiguous' | 'failed' | 'no-culprit' | 'not-reproduced' | 'stopped' | null;

interface Session {
  steps: GitStep[];
  /** The test command of `git bisect run` (its first `running` line), as words. */
  testCommand: string | null;
  /** Steps rebuilt from `# term: [sha]` lines (used when the console showed no checkouts). */
  markSteps: GitStep[];
  /** Distinct non-skip terms marked so far; two of them = the window is known. */
  markTerms: Set<string>;
  windowKnown: boolean;
  windowMarks: { term: string; sha: string }[];
  outcome: Outcome2;
  culprit: Commit | null;
  culpritTerm: string | null;
  candidates: string[];
  reason: string | null;
  termOld: string | null;
  termNew: string | null;
  status: string | null;
  console: boolean;
  content: boolean;
  /** Window positions and size stated by `bisect-report bisect` lines. */
  positions: Map<string, number>;
  windowCommits: number | null;
  /** Titles made up here for failing runs that printed none (`exit 1`): not the failure's name. */
  exitTitles: Set<string>;
}

function newSession(): Session {
  return {
    steps: [],
    testCommand: null,
    markSteps: [],
    markTerms: new Set(),
    windowKnown: false,
    windowMarks: [],
    outcome: null,
    culprit: null,
    culpritTerm: null,
    candidates: [],
    reason: null,
    termOld: null,
    termNew: null,
    status: null,
    console: false,
    content: false,
    positions: new Map(),
    windowCommits: null,
    exitTitles: new Set(),
  };
}

function newStep(commit: string, subject: string | null): GitStep {
  return {
    commit,
    subject,
    progress: null,
    revisionsLeft: null,
    stepsLeft: null,
    mergeBase: false,
    runVerdict: null,
    logTerm: null,
    echoTerm: null,
    runs: null,
    titles: {},
    outcomes: [],
    ranCommand: false,
    commandMissing: false,
  };
}

function cap(s: string, n: number): string {
  return s.length > n ? s.slice(0, n) : s;
}

function isTerminal(s: Session): boolean {
  return s.outcome !== null && s.outcome !== 'stopped';
}

/** Cheap pre-check: does this line start with a full 40/64-hex object id (alone or followed by a space)? */
function startsWithHex(line: string): boolean {
  if (line.length < 40) return false;
  const c = line.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  let end: number;
  if (line.length === 40 || line.charCodeAt(40) === 32) end = 40;
  else if (line.length === 64 || line.charCodeAt(64) === 32) end = 64;
  else return false;
  for (let i = 1; i < end; i++) {
    const d = line.charCodeAt(i);
    if (!((d >= 48 && d <= 57) || (d >= 97 && d <= 102))) return false;
  }
  return true;
}

export interface GitEngineOptions {
  /** 'git-bisect-log' when the input was detected as a bisect log file. */
  detectedAs: 'git-bisect-run' | 'git-bisect-log';
}

/** One streaming parser for every line kind of git bisect output. */
export class GitBisectEngine {
  private session: Session = newSession();
  /** The last session that reached a result, and how many sessions the log held. */
  private lastTerminal: Session | null = null;
  private lastWithContent: Session | null = null;
  private sessions = 0;
  private prev = '';
  private display: CommitDisplayReader | null = null;
  private displayPending = false;
  private collectingCandidates = false;
  private pendingRunFailed = false;
  private runningCommand: string | null = null;
  private linesSinceRunning = 0;
  private nonEnglish = false;
  private afterEcho = false;
  private subjects = new Map<string, string>();
  private misuse: string | null = null;

  constructor(private readonly options: GitEngineOptions) {}

  line(raw: string): void {
    try {
      this.take(raw);
    } catch {
      // A parser never throws: an unexpected shape is ignored.
    }
    this.prev = raw;
  }

  private take(line: string): void {
    if (this.display) {
      if (this.display.take(line)) {
        this.displayPending = false;
        return;
      }
      this.display = null;
    }
    if (this.displayPending) {
      this.displayPending = false;
      // ≤2.21 prints nothing at all after the culprit line when the culprit is a merge.
      const c = this.session.culprit;
      if (c && (line.startsWith('bisect run success') || line.startsWith('[exit code:') || ECHO.test(line))) {
        c.merge = true;
      }
    }
    if (this.collectingCandidates) {
      if (startsWithHex(line) && OID_ONLY.test(line)) {
        if (this.session.candidates.length < MAX_CANDIDATES) this.session.candidates.push(line);
        return;
      }
      this.collectingCandidates = false;
    }
    if (this.runningCommand !== null && ++this.linesSinceRunning <= 3) {
      if (MISSING_COMMAND.test(line) && line.includes(this.runningCommand)) {
        const step = this.current();
        if (step) step.commandMissing = true;
      }
    }
    if (this.afterEcho) {
      this.afterEcho = false;
      if (/[^\x00-\x7f]/.test(line) && !line.startsWith('[')) this.nonEnglish = true;
    }
    if (line.length === 0) return;
    if (startsWithHex(line)) return this.onHexLine(line);
    switch (line.charCodeAt(0)) {
      case 66 /* B */:
        return; // progress lines are read when their "[sha] subject" line follows
      case 91 /* [ */:
        return this.onCheckout(line);
      case 35 /* # */:
        return this.onHashLine(line);
      case 103 /* g */:
        if (line.startsWith('git bisect ') || line.startsWith('git-bisect ')) return this.onLogCommand(line);
        return;
      case 36 /* $ */:
      case 43 /* + */:
        return this.onEcho(line);
      case 114 /* r */:
        if (line.startsWith('running ')) {
          const step = this.current();
          if (step) step.ranCommand = true;
          this.session.testCommand ??= commandWords(line.slice(8));
          const cmd = line
            .slice(8)
            .trim()
            .replace(/^'+|'+$/g, '')
            .split(/'? '?/)[0];
          this.runningCommand = cmd || null;
          this.linesSinceRunning = 0;
        }
        return;
      case 98 /* b */:
        return this.onB(line);
      case 84 /* T */:
        return this.onT(line);
      case 83 /* S */:
        if (NOT_ANCESTORS.test(line)) {
          this.result(
            'failed',
            `${line} git bisect cannot work when a good commit is not an ancestor of the bad one.`,
          );
        }
        return;
      case 78 /* N */:
        if (line === 'No testable commit found.') {
          this.result(
            'failed',
            'No testable commit found: the path arguments given to git bisect start match no commit.',
          );
        }
        return;
      case 89 /* Y */: {
        const m = TERMS_OLD.exec(line);
        if (m) this.session.termOld = m[1];
        return;
      }
      case 97 /* a */: {
        const m = TERMS_NEW.exec(line);
        if (m) this.session.termNew = m[1];
        return;
      }
      case 101 /* e */:
      case 87 /* W */:
      case 121 /* y */:
        return this.onError(line);
      default:
        if (line.startsWith('exit code ')) return this.onError(line);
        if (line.charCodeAt(0) === 39 /* ' */ && this.pendingRunFailed) return this.onError(line);
    }
  }

  private current(): GitStep | null {
    const s = this.session.steps;
    return s.length > 0 ? s[s.length - 1] : null;
  }

  private touchForResult(): void {
    if (isTerminal(this.session)) this.newSession();
    this.session.content = true;
  }

  private newSession(): void {
    this.archive();
    this.session = newSession();
  }

  private archive(): void {
    const s = this.session;
    if (!s.content) return;
    this.sessions++;
    if (isTerminal(s)) this.lastTerminal = s;
    if (s.steps.length > 0 || s.markSteps.length > 0 || s.windowMarks.length > 0 || s.outcome) {
      this.lastWithContent = s;
    }
  }

  private result(outcome: Exclude<Outcome2, null>, reason: string | null): void {
    if (outcome !== 'found' && outcome !== 'stopped' && isTerminal(this.session)) {
      // A run error right after the merge-base message belongs to it; keep the first cause.
      if (this.session.outcome === 'no-culprit' || this.session.outcome === 'ambiguous') return;
    }
    if (outcome !== 'stopped') this.touchForResult();
    this.session.content = true;
    this.session.console = true;
    this.session.outcome = outcome;
    if (reason !== null) this.session.reason = cap(reason, MAX_REASON);
  }

  private onCheckout(line: string): void {
    const m = CHECKOUT.exec(line);
    if (!m) return;
    const prev = this.prev;
    const english = PROGRESS.exec(prev);
    const mergeBase = prev === MERGE_BASE_STEP;
    let translated = false;
    if (!english && !mergeBase) {
      if (prev.startsWith('Bisecting') || !PROGRESS_ANY.test(prev) || prev.startsWith('error')) return;
      translated = true;
      this.nonEnglish = true;
    }
    if (isTerminal(this.session)) this.newSession();
    const s = this.session;
    s.content = true;
    s.console = true;
    const step = newStep(m[1], m[2]);
    step.progress = prev;
    step.mergeBase = mergeBase || (translated && !/\d/.test(prev));
    if (english) {
      step.revisionsLeft = Number(english[1]);
      step.stepsLeft = Number(english[2]);
    }
    if (s.steps.length < 100000) s.steps.push(step);
    this.subjects.set(m[1], m[2]);
    this.runningCommand = null;
    if (s.outcome === 'stopped') s.outcome = null;
  }

  private onHashLine(line: string): void {
    if (line.length < 4) return;
    if (line.startsWith('# first ')) {
      const m = LOG_FIRST.exec(line);
      if (!m) return;
      const s = this.session;
      if (s.outcome === 'found' && s.culprit?.sha === m[3]) return;
      this.touchForResult();
      this.session.outcome = 'found';
      this.session.culpritTerm = m[1] ?? m[2];
      this.session.culprit = this.commit(m[3], m[4]);
      this.session.reason = null;
      return;
    }
    if (line.startsWith('# possible first ')) {
      const m = LOG_POSSIBLE.exec(line);
      if (!m) return;
      const s = this.session;
      if (s.outcome !== 'ambiguous') {
        this.touchForResult();
        this.session.outcome = 'ambiguous';
        this.session.candidates = [];
      }
      this.session.culpritTerm = m[1] ?? m[2];
      this.subjects.set(m[3], m[4]);
      if (!this.session.candidates.includes(m[3]) && this.session.candidates.length < MAX_CANDIDATES) {
        this.session.candidates.push(m[3]);
      }
      return;
    }
    if (line === '# only skipped commits left to test') return;
    if (line.startsWith('# status')) {
      this.session.status = cap(line.replace(/^# status\s*[:：]\s*/i, ''), MAX_REASON);
      return;
    }
    const m = LOG_MARK.exec(line);
    if (!m) return;
    const [, term, sha, subject] = m;
    if (term === 'git' || term === 'first' || term === 'possible') return;
    const s = this.session;
    s.content = true;
    s.status = null; // a later mark makes an earlier "# status:" stale
    this.subjects.set(sha, subject);
    if (term !== 'skip' && !s.windowKnown) {
      // Marks until both a good and a bad commit are known are the window's bounds, not tests.
      s.windowMarks.push({ term, sha });
      s.markTerms.add(term);
      if (s.markTerms.size >= 2) s.windowKnown = true;
      return;
    }
    const step = newStep(sha, subject);
    step.logTerm = term;
    s.markSteps.push(step);
    // Console steps of this session learn their verdict from the log (last mark wins).
    for (let i = s.steps.length - 1; i >= 0; i--) {
      if (s.steps[i].commit === sha) {
        s.steps[i].logTerm = term;
        break;
      }
    }
  }

  private onLogCommand(line: string): void {
    const start = LOG_START.exec(line);
    if (start) {
      const args = start[1];
      const s = this.session;
      s.content = true;
      // Revs given to `start` are logged as marks just before it: all of them are bounds.
      for (const st of s.markSteps) if (st.logTerm) s.windowMarks.push({ term: st.logTerm, sha: st.commit });
      s.markSteps = [];
      for (const w of s.windowMarks) if (w.term !== 'skip') s.markTerms.add(w.term);
      s.windowKnown = s.markTerms.size >= 2;
      const old = /'--term-(?:old|good)=([^']+)'/.exec(args);
      const nw = /'--term-(?:new|bad)=([^']+)'/.exec(args);
      if (old) s.termOld = old[1];
      if (nw) s.termNew = nw[1];
      return;
    }
    const m = LOG_CMD.exec(line);
    if (!m) return;
    const [, term, sha] = m;
    const s = this.session;
    const last = s.markSteps[s.markSteps.length - 1];
    const lastWindow = s.windowMarks[s.windowMarks.length - 1];
    if ((last && last.commit === sha) || (lastWindow && lastWindow.sha === sha)) return;
    if (term === 'start' || term === 'reset' || term === 'replay') return;
    // A hand-written log without the "# term: [sha]" comments.
    this.onHashLine(`# ${term}: [${sha}] `);
    const added = s.markSteps[s.markSteps.length - 1];
    if (added && added.commit === sha) added.subject = this.subjects.get(sha) || null;
  }

  private onEcho(line: string): void {
    const m = ECHO.exec(line);
    if (!m) return;
    this.afterEcho = true;
    const [, cmd, args = ''] = m;
    if (cmd === 'start') {
      this.newSession();
      const s = this.session;
      const old = /--term-(?:old|good)[= ](\S+)/.exec(args);
      const nw = /--term-(?:new|bad)[= ](\S+)/.exec(args);
      if (old) s.termOld = old[1];
      if (nw) s.termNew = nw[1];
      return;
    }
    if (['run', 'log', 'reset', 'replay', 'terms', 'visualize', 'view', 'next', 'help'].includes(cmd)) return;
    // `git bisect good|bad|skip|<term> [rev]`: a verdict for the checked-out commit.
    const step = this.current();
    if (!step || isTerminal(this.session)) return;
    const rev = args.trim();
    if (rev === '' || (/^[0-9a-f]{7,64}$/.test(rev) && step.commit.startsWith(rev))) step.echoTerm = cmd;
  }

  private onB(line: string): void {
    if (line.startsWith(RUN_LINE_PREFIX)) return this.onRunLine(line);
    if (line.startsWith(FOUND_NO_NEWLINE) && line.length > FOUND_NO_NEWLINE.length) {
      // git 2.39 ends `git bisect run` without a newline, so an appended `git bisect log` starts on
      // this line: read both halves.
      this.onB(FOUND_NO_NEWLINE);
      this.prev = FOUND_NO_NEWLINE;
      return this.take(line.slice(FOUND_NO_NEWLINE.length));
    }
    if (line.startsWith(BISECT_LINE_PREFIX)) return this.onBisectLine(line);
    if (line.startsWith('bisect run success') || line.startsWith('bisect found first')) {
      // "bisect run success" without a culprit: run stopped at a second merge base (docs/formats/git-bisect.md).
      if (this.session.outcome === null) {
        this.result(
          'stopped',
          'git bisect run stopped after checking out a merge base; run it again to continue',
        );
      }
      return;
    }
    if (line.startsWith('bisect run failed') || line.startsWith('bisect run cannot continue')) {
      return this.onError(line);
    }
  }

  private onT(line: string): void {
    if (line === "There are only 'skip'ped commits left to test.") {
      this.touchForResult();
      this.session.outcome = 'ambiguous';
      this.session.candidates = [];
      this.session.reason =
        'only skipped commits are left to test: the first bad commit could be any of the candidates';
      return;
    }
    const ah = AMBIG_HEAD.exec(line);
    if (ah) {
      if (this.session.outcome !== 'ambiguous') {
        this.touchForResult();
        this.session.outcome = 'ambiguous';
      }
      this.session.candidates = [];
      this.session.culpritTerm = ah[1] ?? ah[2];
      this.collectingCandidates = true;
      return;
    }
    const mb = MERGE_BASE_BAD.exec(line);
    if (mb) {
      this.result(
        'no-culprit',
        `The merge base ${mb[1]} is ${mb[2]}: the good commits are not ancestors of the first bad one.`,
      );
      return;
    }
    if (MERGE_BASE_RANGE.test(line) && this.session.outcome === 'no-culprit') {
      this.session.reason = cap(`${this.session.reason ?? ''} ${line}`.trim(), MAX_REASON);
    }
  }

  private onError(line: string): void {
    if (this.pendingRunFailed) {
      this.pendingRunFailed = false;
      const rc = RUN_RC.exec(line);
      if (rc) return this.runAborted(rc[1], rc[2]);
      const st = RUN_STATE.exec(line);
      if (st)
        return this.result('failed', `git bisect run failed: '${st[1]}' exited with error code ${st[2]}`);
    }
    if (line === 'bisect run failed:' || line === 'error: bisect run failed:') {
      this.pendingRunFailed = true;
      return;
    }
    const rc = RUN_RC.exec(line);
    if (rc) return this.runAborted(rc[1], rc[2]);
    const st = RUN_STATE.exec(line);
    if (st) return this.result('failed', `git bisect run failed: '${st[1]}' exited with error code ${st[2]}`);
    const bogus = BOGUS.exec(line);
    if (bogus) {
      return this.result(
        'failed',
        bogus[1]
          ? `the test command exited ${bogus[1]} (command not found / not executable) even on the good commit`
          : `git could not verify the test command ${bogus[2]} on the good commit`,
      );
    }
    if (/^(?:error: )?bisect run cannot continue any more$/.test(line)) {
      if (this.session.outcome !== 'ambiguous')
        this.result('failed', 'git bisect run cannot continue any more');
      return;
    }
    if (/^(?:error: )?bisect run failed: no command provided\.$/.test(line)) {
      return this.result('failed', 'git bisect run failed: no command provided');
    }
    if (line.startsWith('We cannot bisect more')) return;
    const w = WAS_BOTH.exec(line);
    if (w) return this.result('failed', line);
    if (/^(?:error: )?You need to (?:start by|give me at least one)/.test(line)) {
      this.misuse = cap(line.replace(/^error: /, ''), MAX_REASON);
    }
  }

  private runAborted(rc: string, cmd: string): void {
    this.result(
      'failed',
      `git bisect run aborted: the test command ${cmd.trim()} exited with ${rc} (< 0 or >= 128: a crash, timeout or kill)`,
    );
  }

  private onHexLine(line: string): void {
    const m = CULPRIT.exec(line);
    if (!m) return;
    const s = this.session;
    if (s.outcome === 'found' && s.culprit?.sha === m[1]) {
      // `git bisect replay` or a re-print of the same result: read the display again.
      this.display = new CommitDisplayReader(s.culprit, DISPLAY_LIMITS);
      return;
    }
    this.touchForResult();
    this.session.console = true;
    this.session.outcome = 'found';
    this.session.culpritTerm = m[2] ?? m[3];
    this.session.reason = null;
    this.session.culprit = this.commit(m[1], null);
    this.display = new CommitDisplayReader(this.session.culprit, DISPLAY_LIMITS);
    this.displayPending = true;
  }

  private onRunLine(line: string): void {
    const v = RUN_VERDICT.exec(line);
    if (v) {
      const step = this.stepFor(v[1]);
      if (!step) return;
      const verdict = v[2];
      step.runVerdict = verdict === 'abort' ? null : (verdict as Verdict);
      const skipped = Number(v[7]) + Number(v[8]);
      step.runs = { total: Number(v[4]), failed: Number(v[5]), passed: Number(v[6]), other: skipped };
      return;
    }
    const r = RUN_LINE.exec(line);
    if (!r) return;
    const step = this.stepFor(r[1]);
    if (!step) return;
    const result = r[4] as RunResult;
    let title: string | undefined;
    if (r[6]) {
      try {
        const parsed: unknown = JSON.parse(r[6]);
        if (typeof parsed === 'string' && parsed !== '') title = cap(parsed, MAX_TITLE);
      } catch {
        title = undefined;
      }
    }
    const runs = (step.runs ??= { total: 0, failed: 0, passed: 0, other: 0 });
    runs.total++;
    if (result === 'pass') runs.passed++;
    else if (result === 'fail') runs.failed++;
    else runs.other++;
    const kind: RunKind =
      result === 'pass' ? 'ok' : result === 'fail' ? 'crash' : result === 'skip' ? 'ignore' : 'error';
    if (result === 'fail') {
      const t = title ?? `exit ${r[5] ?? '?'}`;
      if (title === undefined) this.session.exitTitles.add(t);
      step.titles[t] = (step.titles[t] ?? 0) + 1;
    }
    if (step.outcomes.length < MAX_OUTCOMES) step.outcomes.push(title ? { kind, title } : { kind });
  }

  /** Window, positions and result lines of `bisect-report bisect` / `verify` (src/bisect/logLines.ts). */
  private onBisectLine(line: string): void {
    const w = WINDOW_LINE.exec(line);
    if (w) {
      if (isTerminal(this.session)) this.newSession();
      this.session.windowCommits = Number(w[3]);
      if (w[4]) {
        try {
          const command: unknown = JSON.parse(w[4]);
          if (typeof command === 'string') this.session.testCommand ??= commandWords(command);
        } catch {
          // not a command: the log says nothing about it
        }
      }
      this.session.content = true;
      return;
    }
    const p = POSITION_LINE.exec(line);
    if (p) {
      const step = this.stepFor(p[1]);
      if (step) this.session.positions.set(p[1], Number(p[2]));
      return;
    }
    const r = RESULT_LINE.exec(line);
    if (!r) return;
    let reason: string | null = null;
    try {
      const parsed: unknown = r[4] ? JSON.parse(r[4]) : null;
      if (typeof parsed === 'string') reason = parsed;
    } catch {
      reason = null;
    }
    switch (r[1]) {
      case 'not-reproduced':
        return this.result('not-reproduced', reason ?? 'the failure does not reproduce at the bad commit');
      case 'older':
        return this.result('no-culprit', reason ?? 'the good commit fails too: the change is older');
      case 'range':
        this.touchForResult();
        this.session.outcome = 'ambiguous';
        this.session.candidates = [];
        this.session.reason = reason ?? 'the first bad commit lies in a range of untestable commits';
        return;
      case 'stopped':
        return this.result('stopped', reason ?? 'bisect-report bisect stopped before an answer');
      default:
        return; // culprit: the "# first bad commit:" line that follows names it
    }
  }

  private stepFor(sha: string): GitStep | null {
    const s = this.session;
    if (sha === 'unknown') return this.current();
    for (let i = s.steps.length - 1; i >= 0; i--) if (s.steps[i].commit === sha) return s.steps[i];
    if (isTerminal(s)) this.newSession();
    const step = newStep(sha, this.subjects.get(sha) ?? null);
    this.session.steps.push(step);
    this.session.content = true;
    this.session.console = true;
    return step;
  }

  private commit(sha: string, subject: string | null): Commit {
    return {
      sha,
      subject: subject ?? this.subjects.get(sha) ?? '',
      author: null,
      date: null,
      files: [],
      merge: false,
      release: false,
    };
  }

  end(source: string): Report {
    this.display = null;
    this.archive();
    // Report the last bisection that reached a result; an unfinished one only if nothing finished.
    const s = this.lastTerminal ?? this.lastWithContent;
    const format = s ? (s.console ? 'git-bisect-run' : 'git-bisect-log') : this.options.detectedAs;
    const report = emptyReport(source, format);
    const hints: string[] = [];
    if (this.nonEnglish) {
      hints.push(
        'git printed some messages in another language: run git with LC_ALL=C so every line can be read.',
      );
    }
    if (this.sessions > 1)
      hints.push(`this log holds ${this.sessions} bisections; the last one that finished is reported`);
    if (!s) {
      report.reason = this.misuse ?? 'no git bisect steps or result found';
      if (this.misuse) report.status = 'failed';
      if (hints.length) report.hints = hints;
      return report;
    }
    this.fill(report, s);
    if (hints.length) report.hints = [...(report.hints ?? []), ...hints];
    return report;
  }

  private fill(report: Report, s: Session): void {
    // Terms: start args / `git bisect terms` / the culprit line; builtin pairs otherwise.
    let termNew = s.termNew;
    let termOld = s.termOld;
    const used = new Set<string>();
    for (const st of [...s.steps, ...s.markSteps]) {
      if (st.logTerm) used.add(st.logTerm);
      if (st.echoTerm) used.add(st.echoTerm);
    }
    for (const w of s.windowMarks) used.add(w.term);
    if (!termNew && s.culpritTerm) termNew = s.culpritTerm;
    if (!termNew && (used.has('new') || used.has('old'))) termNew = 'new';
    if (!termOld && termNew === 'new') termOld = 'old';
    if (!termNew) termNew = 'bad';
    if (!termOld) {
      termOld = 'good';
      if (termNew !== 'bad' && termNew !== 'new') {
        const others = [...used].filter((t) => t !== termNew && t !== 'skip' && t !== 'good' && t !== 'bad');
        if (others.length === 1) termOld = others[0];
      }
    }
    const custom = !(termOld === 'good' && termNew === 'bad');
    if (custom) report.terms = { old: termOld, new: termNew };
    if (/fix/i.test(termNew)) report.direction = 'fix';
    const toVerdict = (t: string | null): Verdict | null => {
      if (!t) return null;
      if (t === 'skip') return 'skip';
      if (t === termNew || (t === 'bad' && !custom) || (t === 'new' && termNew === 'new')) return 'bad';
      if (t === termOld || (t === 'good' && !custom) || (t === 'old' && termOld === 'old')) return 'good';
      return null;
    };

    const fromConsole = s.steps.length > 0;
    const steps = fromConsole ? withLoggedSteps(s.steps, s.markSteps) : s.markSteps;
    const culpritSha = s.outcome === 'found' ? (s.culprit?.sha ?? null) : null;
    const lastCandidate = s.candidates.length > 0 ? s.candidates[s.candidates.length - 1] : null;
    report.steps = steps.map((st, i): Step => {
      let verdict: Verdict | null = st.runVerdict ?? toVerdict(st.logTerm) ?? toVerdict(st.echoTerm);
      if (!verdict && fromConsole) {
        const next = steps[i + 1];
        if (
          next &&
          next.progress !== null &&
          next.progress === st.progress &&
          !st.mergeBase &&
          !next.mergeBase
        ) {
          verdict = 'skip'; // git prints the same count again after a skip (docs/formats/git-bisect.md)
        } else if (culpritSha && st.commit === culpritSha) {
          verdict = 'bad';
        } else if (culpritSha && i === steps.length - 1) {
          verdict = 'good'; // the culprit followed this step and it is not the culprit
        } else if (s.outcome === 'ambiguous' && s.candidates.includes(st.commit)) {
          verdict = st.commit === lastCandidate ? 'bad' : 'skip';
        }
      }
      const v: Verdict = verdict ?? 'untested';
      const runs = st.runs
        ? { ...st.runs }
        : {
            total: v === 'untested' ? 0 : 1,
            failed: v === 'bad' ? 1 : 0,
            passed: v === 'good' ? 1 : 0,
            other: v === 'skip' ? 1 : 0,
            estimated: true,
          };
      const out: Step = {
        commit: st.commit,
        subject: st.subject ?? this.subjects.get(st.commit) ?? null,
        verdict: v,
        runs,
        titles: { ...st.titles },
      };
      if (st.outcomes.length > 0) out.outcomes = st.outcomes.slice();
      if (fromConsole) {
        out.revisionsLeft = st.revisionsLeft;
        out.stepsLeft = st.stepsLeft;
      }
      const position = s.positions.get(st.commit);
      if (position !== undefined) out.position = position;
      return out;
    });
    report.revisionsTested = report.steps.length;
    if (s.testCommand) report.testCommand = s.testCommand;

    const windowGood = s.windowMarks.filter((w) => toVerdict(w.term) === 'good').map((w) => w.sha);
    const windowBad = s.windowMarks.filter((w) => toVerdict(w.term) === 'bad').map((w) => w.sha);
    if (windowGood.length > 0 || windowBad.length > 0) {
      report.window = { good: windowGood, bad: windowBad[windowBad.length - 1] ?? null };
      if (s.windowCommits !== null) report.window.commits = s.windowCommits;
    }

    // A test command that could not even start at every step makes git's answer meaningless
    // (before git 2.36, exit 126/127 counted as "bad").
    const ran = s.steps.filter((st) => st.ranCommand);
    const broken = ran.length > 0 && ran.every((st) => st.commandMissing);

    switch (s.outcome) {
      case 'found':
        if (broken) {
          report.status = 'failed';
          report.reason =
            `the test command could not be run at any step (not found / not executable), so git's ` +
            `answer ${s.culprit?.sha ?? ''} is meaningless`;
          break;
        }
        report.status = 'found';
        report.culprit = s.culprit;
        break;
      case 'ambiguous':
        report.status = 'ambiguous';
        report.candidates = s.candidates.map((sha) => ({ sha, subject: this.subjects.get(sha) ?? '' }));
        report.reason = s.reason ?? 'only skipped commits are left to test';
        break;
      case 'failed':
      case 'no-culprit':
      case 'not-reproduced':
        report.status = s.outcome;
        report.reason = s.reason;
        break;
      default:
        if (report.steps.length === 0 && s.windowMarks.length === 0) {
          report.status = 'unrecognized';
          report.reason = 'no git bisect steps or result found';
        } else {
          report.status = 'incomplete';
          report.reason =
            s.outcome === 'stopped'
              ? s.reason
              : s.status
                ? `the bisection did not finish (last status: ${s.status})`
                : 'the bisection did not finish: no first bad commit in the log';
        }
    }

    // Failure titles and flakiness from `bisect-report run` tallies.
    const badTitles = new Map<string, number>();
    const flakyReasons: string[] = [];
    for (const st of report.steps) {
      if (st.verdict === 'bad')
        for (const [t, n] of Object.entries(st.titles)) badTitles.set(t, (badTitles.get(t) ?? 0) + n);
      if (!st.runs.estimated && st.runs.failed > 0 && st.runs.passed > 0 && flakyReasons.length < 20) {
        flakyReasons.push(
          `${st.commit.slice(0, 12)} failed ${st.runs.failed} of ${st.runs.total} runs (verdict: ${st.verdict})`,
        );
      }
    }
    if (flakyReasons.length > 0) {
      report.flaky = true;
      report.flakyReasons = flakyReasons;
    }
    // The failure is named by a line the test printed; runs that printed none (`exit 1`) leave it
    // to the test command, so unrelated tests without failure lines do not share one name (or issue).
    let best: string | null = null;
    for (const [t, n] of badTitles) {
      if (s.exitTitles.has(t)) continue;
      if (best === null || n > (badTitles.get(best) ?? 0)) best = t;
    }
    if (best) report.crash = { title: best };
  }
}

const FOUND_NO_NEWLINE = 'bisect found first bad commit';

/** Longest test command kept: enough for any real one, bounded for a hostile log. */
const MAX_COMMAND = 500;

/**
 * The words of a `running …` line: git ≥ 2.37 quotes each argument (`'./test.sh' '--fast'`), older
 * git prints them bare. Quotes are undone so both spell the command the same way.
 */
export function commandWords(text: string): string | null {
  const words: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]);
    if (words.join(' ').length > MAX_COMMAND) break;
  }
  const command = words.join(' ').replace(/\s+/g, ' ').trim().slice(0, MAX_COMMAND);
  return command || null;
}

/**
 * Console steps plus the commits only the appended `git bisect log` names, in test order. With
 * `git bisect start` run before the console was captured (the README's way), the first tested
 * commit's checkout is not in the console; the log still lists it with git's verdict.
 */
function withLoggedSteps(consoleSteps: GitStep[], logged: GitStep[]): GitStep[] {
  if (logged.length === 0) return consoleSteps;
  const out: GitStep[] = [];
  let next = 0;
  for (const mark of logged) {
    let found = -1;
    for (let j = next; j < consoleSteps.length; j++) {
      if (consoleSteps[j].commit === mark.commit) {
        found = j;
        break;
      }
    }
    if (found < 0) {
      if (consoleSteps.some((st) => st.commit === mark.commit)) continue; // a re-mark of an earlier step
      out.push(mark);
      continue;
    }
    for (; next < found; next++) out.push(consoleSteps[next]);
    out.push(consoleSteps[next++]);
  }
  for (; next < consoleSteps.length; next++) out.push(consoleSteps[next]);
  return out;
}

/** Lines that are a decisive sign of `git bisect` console output (cheap checks first). */
export function isGitConsoleLine(line: string): boolean {
  if (startsWithHex(line)) return CULPRIT.test(line);
  switch (line.charCodeAt(0)) {
    case 66 /* B */:
      return line === MERGE_BASE_STEP || (line.startsWith('Bisecting: ') && PROGRESS.test(line));
    case 84 /* T */:
      return line === "There are only 'skip'ped commits left to test.";
    case 98 /* b */:
      return (
        line.startsWith(RUN_LINE_PREFIX) ||
        line.startsWith('bisect found first ') ||
        line === 'bisect run success'
      );
    case 36 /* $ */:
    case 43 /* + */:
      return /^(?:\$|\++) git bisect (?:start|run)\b/.test(line);
    default:
      return false;
  }
}

/** Lines that are a decisive sign of a `git bisect log` file (never syzkaller's "# git bisect …"). */
export function isGitLogLine(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c === 35 /* # */) {
    if (line.startsWith('# git ')) return false;
    return LOG_MARK.test(line) || LOG_FIRST.test(line) || LOG_POSSIBLE.test(line);
  }
  if (c === 103 /* g */) {
    if (!line.startsWith('git bisect ') && !line.startsWith('git-bisect ')) return false;
    return (LOG_START.test(line) && line.includes("'")) || LOG_CMD.test(line);
  }
  return false;
}
