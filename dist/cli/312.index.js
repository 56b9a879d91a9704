export const id = 312;
export const ids = [312];
export const modules = {

/***/ 312:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bisectCommand: () => (/* binding */ bisectCommand)
});

// UNUSED EXPORTS: BISECT_SPEC, EXIT, VERIFY_SPEC, assignSlots

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(975);
// EXTERNAL MODULE: ./.tmp/build/bisect/engine.js + 1 modules
var engine = __webpack_require__(238);
// EXTERNAL MODULE: ./.tmp/build/bisect/logLines.js
var logLines = __webpack_require__(818);
// EXTERNAL MODULE: ./.tmp/build/formats/git-common/engine.js
var git_common_engine = __webpack_require__(458);
// EXTERNAL MODULE: ./.tmp/build/render/escape.js
var render_escape = __webpack_require__(58);
// EXTERNAL MODULE: ./.tmp/build/cli/git/worktrees.js
var worktrees = __webpack_require__(172);
;// CONCATENATED MODULE: ./.tmp/build/cli/lookahead.js
/**
 * The engine's work for the next ended run, done while the runs go (docs/bisect.md, "--jobs"). While
 * a run whose outcome can be foreseen goes, the state after that outcome, the decision on it and the
 * choice of the next probes are computed ahead, so when the run ends as foreseen its slot is
 * refilled at once instead of after the engine has solved the posterior again (tens to hundreds of
 * milliseconds each in the verification phase, on a loaded machine). Everything here is a memo of
 * pure engine functions: an answer read from it is the one a direct call gives.
 */

/** A leader at least this likely makes the outcome of a run at it (a failure) or its parent (a pass) foreseeable. */
const LIKELY_LEADER = 0.5;
/** Runs worked ahead for at once (the oldest ones going, which likely end first). */
const AHEAD_RUNS = 2;
class Lookahead {
    confidence;
    observed = new WeakMap();
    decisions = new WeakMap();
    choices = new WeakMap();
    /** Engine calls made (decisions, choices): what the memo saved can be counted. */
    calls = { decisions: 0, choices: 0 };
    /** Bumped whenever the work ahead is no longer wanted (a run ended, the search stopped). */
    generation = 0;
    constructor(confidence) {
        this.confidence = confidence;
    }
    observe(state, position, outcome) {
        let byOutcome = this.observed.get(state);
        if (!byOutcome)
            this.observed.set(state, (byOutcome = new Map()));
        const key = `${position}:${outcome}`;
        let next = byOutcome.get(key);
        if (!next)
            byOutcome.set(key, (next = (0,engine/* observe */.lB)(state, position, outcome)));
        return next;
    }
    decision(state) {
        let d = this.decisions.get(state);
        if (!d) {
            this.calls.decisions++;
            this.decisions.set(state, (d = (0,engine/* decision */.xR)(state, { confidence: this.confidence })));
        }
        return d;
    }
    choose(state, free, pending) {
        let byQuestion = this.choices.get(state);
        if (!byQuestion)
            this.choices.set(state, (byQuestion = new Map()));
        const key = `${free}|${pending.join(',')}`;
        let probes = byQuestion.get(key);
        if (!probes) {
            this.calls.choices++;
            probes = (0,engine/* chooseNext */.Vw)(state, free, pending.map((position) => ({ commit: position, runs: 1 })), { confidence: this.confidence });
            byQuestion.set(key, probes);
        }
        return probes;
    }
    /** Ends the work ahead started before (its finished parts stay in the memo). */
    cancel() {
        this.generation++;
    }
    /**
     * Works ahead for the runs that end next (the oldest first) whose outcome can be foreseen: once
     * one commit is more likely than not the culprit, a run there will likely fail and a run at its
     * parent pass — the verification, where each choice costs the engine the most. For each such
     * run: the state after that outcome, its decision and, while the search goes on, the choice the
     * driver will ask for. Elsewhere a run is as likely to pass as to fail (that is why it was
     * chosen), and working out both would double the engine's work on a machine the tests share.
     * One engine call per turn of the event loop, so a run that ends meanwhile is seen after at most
     * one call; stops at cancel().
     */
    async ahead(state, runs) {
        const generation = ++this.generation;
        const { leader } = this.decision(state).summary;
        if (leader.p < LIKELY_LEADER)
            return;
        const foreseen = runs
            .map((run) => ({
            run,
            outcome: run.position === leader.position ? 'fail' : run.position === leader.position - 1 ? 'pass' : null,
        }))
            .filter((r) => r.outcome !== null)
            .slice(0, AHEAD_RUNS);
        const steps = [];
        for (const { run, outcome } of foreseen) {
            steps.push(() => void this.decision(this.observe(state, run.position, outcome)));
            steps.push(() => {
                const after = this.observe(state, run.position, outcome);
                if (this.decision(after).kind !== 'continue' || run.next.free < 1)
                    return;
                this.choose(after, run.next.free, run.next.pending);
            });
        }
        for (const step of steps) {
            await new Promise((resolve) => setImmediate(resolve));
            if (generation !== this.generation)
                return;
            try {
                step();
            }
            catch {
                // Left for the driver's own call, which reports it.
            }
        }
    }
}

// EXTERNAL MODULE: ./.tmp/build/probability.js
var probability = __webpack_require__(824);
// EXTERNAL MODULE: ./.tmp/build/cli/stdout.js
var stdout = __webpack_require__(422);
// EXTERNAL MODULE: ./.tmp/build/cli/help.js
var help = __webpack_require__(702);
// EXTERNAL MODULE: ./.tmp/build/cli/processGroup.js
var processGroup = __webpack_require__(542);
// EXTERNAL MODULE: ./.tmp/build/cli/failureTitle.js
var failureTitle = __webpack_require__(369);
;// CONCATENATED MODULE: ./.tmp/build/cli/bisectCommand.js
/**
 * `bisect-report bisect` and `bisect-report verify` (docs/bisect.md): run the user's test at the
 * commits the engine (src/bisect/) asks for, in private worktrees, and write a log this project
 * reads back. The decisions are the engine's; this file only runs processes and writes lines.
 */














/** Every option `bisect` and `verify` parse; each command's help lists its own (src/cli/help.ts). */
const BISECT_OPTIONS = {
    options: {
        good: { type: 'string', value: 'REV', help: 'last commit known to pass (required)' },
        bad: { type: 'string', value: 'REV', help: 'first commit known to fail (required)' },
        culprit: { type: 'string', value: 'REV', help: 'the commit to check (required)' },
        parent: {
            type: 'string',
            value: 'REV',
            help: "the commit to check it against (default: the culprit's first parent)",
        },
        confidence: {
            type: 'string',
            value: 'P',
            default: '0.95',
            help: 'probability the answer must reach, between 0.5 and 1 (default 0.95)',
        },
        jobs: {
            type: 'string',
            short: 'j',
            value: 'N',
            default: '1',
            help: 'run N tests at once, each in its own temporary git worktree, 1 to 64 (default 1)',
        },
        'max-runs': {
            type: 'string',
            value: 'N',
            default: '500',
            help: 'stop (exit 3) after N runs without an answer (default 500)',
        },
        timeout: {
            type: 'string',
            value: 'SECONDS',
            help: 'end a run still going after SECONDS (its whole process group) and count it as failing: a hang is the failure for most regressions (default: no limit)',
        },
        'min-repro': {
            type: 'string',
            value: 'R',
            default: '0.05',
            help: 'a failure rarer than R at the bad end counts as "does not reproduce" (default 0.05)',
        },
        log: { type: 'string', value: 'FILE', help: 'write the log (a git bisect log) there (default: stdout)' },
        'title-regex': {
            type: 'string',
            value: 'RE',
            help: 'take the failure title from the first output line matching RE (default: FAIL:, Error:, panic: …)',
        },
        verbose: {
            type: 'boolean',
            short: 'v',
            default: false,
            help: "pass the test's output to stderr, each line prefixed with commit and run",
        },
        help: { type: 'boolean', short: 'h', default: false, help: 'print this help and exit' },
    },
};
const SHARED_NOTES = [
    'COMMAND runs in a temporary worktree of each commit it tests, with BISECT_REPORT_COMMIT, BISECT_REPORT_RUN',
    'and BISECT_REPORT_RUNS set; exit 0 pass, 125 untestable, 1-127 fail, 126/127 or 128+ stop.',
    'Progress goes to stderr. Your HEAD, branch, index and work tree are left as they were.',
];
/** The options `bisect` and `verify` share, in the order their help lists them. */
const SHARED_LISTED = [
    'confidence',
    'jobs',
    'max-runs',
    'timeout',
    'min-repro',
    'log',
    'title-regex',
    'verbose',
    'help',
];
const BISECT_SPEC = {
    ...BISECT_OPTIONS,
    usage: 'bisect-report bisect --good REV --bad REV [--confidence P] [--jobs N] [--max-runs N] [--timeout SECONDS] [--min-repro R] [--log FILE] [--title-regex RE] [--verbose] -- COMMAND [ARGS...]',
    about: 'Find the first bad commit between --good and --bad by running COMMAND where it teaches most, re-running\n' +
        'it as often as a flaky test needs, until one commit holds --confidence and has failed while its parent\n' +
        'passed (docs/bisect.md).',
    listed: ['good', 'bad', ...SHARED_LISTED],
    notes: [
        ...SHARED_NOTES,
        'Exit status: 0 culprit (its sha on stdout with --log), 1 no culprit (does not reproduce, older, range),',
        '2 usage, 3 stopped (--max-runs, the command cannot run, interrupted).',
        'A bisection across a CI matrix: bisect-report bisect --plan --help.',
    ],
};
const VERIFY_SPEC = {
    ...BISECT_OPTIONS,
    usage: 'bisect-report verify --culprit REV [--parent REV] [--confidence P] [--jobs N] [--max-runs N] [--timeout SECONDS] [--min-repro R] [--log FILE] [--title-regex RE] [--verbose] -- COMMAND [ARGS...]',
    about: 'Check a culprit found any other way: run COMMAND at the culprit and its parent until it is settled\n' +
        'either way that the culprit fails and its parent passes (docs/bisect.md).',
    listed: ['culprit', 'parent', ...SHARED_LISTED],
    notes: [
        ...SHARED_NOTES,
        'Exit status: 0 the culprit is verified (its sha on stdout with --log), 1 it is not (does not reproduce',
        'there, or the parent fails too), 2 usage, 3 stopped (--max-runs, the command cannot run, interrupted).',
    ],
};
/** Exit statuses (docs/bisect.md). */
const EXIT = { culprit: 0, none: 1, usage: 2, stopped: 3 };
class UsageError extends Error {
}
function parseTimeout(text) {
    const t = (0,processGroup/* timeoutSeconds */.rv)(text);
    if ('error' in t)
        throw new UsageError(t.error);
    return t.seconds;
}
function parseSettings(mode, argv) {
    const dash = argv.indexOf('--');
    const optionArgs = dash === -1 ? argv : argv.slice(0, dash);
    const command = dash === -1 ? [] : argv.slice(dash + 1);
    const { values, positionals } = (0,external_node_util_.parseArgs)({
        args: optionArgs,
        allowPositionals: true,
        options: (0,help/* parseOptions */.Ac)(BISECT_OPTIONS.options),
    });
    if (values.help)
        return 'help';
    if (positionals.length > 0)
        throw new UsageError(`unexpected argument '${positionals[0]}' (put the command after --)`);
    if (command.length === 0)
        throw new UsageError('no test command given (after --)');
    const confidence = Number(values.confidence);
    if (!(confidence > 0.5 && confidence < 1))
        throw new UsageError('--confidence must be between 0.5 and 1');
    const jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)
        throw new UsageError('--jobs must be an integer from 1 to 64');
    const maxRuns = Number(values['max-runs']);
    if (!Number.isInteger(maxRuns) || maxRuns < 1)
        throw new UsageError('--max-runs must be a positive integer');
    const minRepro = Number(values['min-repro']);
    if (!(minRepro > 0 && minRepro < 1))
        throw new UsageError('--min-repro must be between 0 and 1');
    let titleRegex = failureTitle/* DEFAULT_TITLE */.p;
    if (values['title-regex'] !== undefined) {
        try {
            titleRegex = new RegExp(values['title-regex']);
        }
        catch (err) {
            throw new UsageError(`bad --title-regex: ${err.message}`);
        }
    }
    const timeout = values.timeout === undefined ? null : parseTimeout(values.timeout);
    const settings = {
        mode,
        command,
        givenCommand: command,
        confidence,
        jobs,
        maxRuns,
        minRepro,
        log: values.log ?? null,
        titleRegex,
        verbose: values.verbose,
        timeout,
    };
    if (mode === 'bisect') {
        if (!values.good || !values.bad)
            throw new UsageError('--good and --bad are required');
        if (values.culprit || values.parent)
            throw new UsageError('--culprit/--parent belong to `verify`');
        settings.good = values.good;
        settings.bad = values.bad;
    }
    else {
        if (!values.culprit)
            throw new UsageError('--culprit is required');
        if (values.good || values.bad)
            throw new UsageError('--good/--bad belong to `bisect`');
        settings.culprit = values.culprit;
        settings.parent = values.parent;
    }
    return settings;
}
/**
 * A reader of stderr (the progress) that goes away, as in `bisect-report bisect … 2>&1 | head -1`,
 * stops the search like a reader of stdout does (docs/bisect.md, exit status 141): no stack trace,
 * the worktrees are removed.
 */
const stderrState = { closed: false, onClose: null };
function writeStderr(text) {
    if (stderrState.closed)
        return;
    try {
        // Progress and --verbose echo carry the test's text: inert for a runner, which reads stderr too.
        process.stderr.write((0,render_escape/* neutraliseWorkflowCommands */.WM)(text));
    }
    catch (err) {
        onStderrError(err);
    }
}
function onStderrError(err) {
    if (err.code !== 'EPIPE')
        return;
    stderrState.closed = true;
    stderrState.onClose?.();
}
async function bisectCommand(mode, argv) {
    // Kept for the life of the process: the error of a failed write may come after we are done.
    process.stderr.on('error', onStderrError);
    // A Ctrl-C while git is asked about the revisions ends with the documented "stopped" (exit 3),
    // not Node's default death, nor a git that died of it read as "unknown revision".
    const early = (signal) => (earlySignal ??= signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals)
        process.on(signal, early);
    try {
        const code = await bisectCommandInner(mode, argv);
        return stderrState.closed ? stdout/* EXIT_STDOUT_CLOSED */.Wp : code;
    }
    finally {
        for (const signal of signals)
            process.off(signal, early);
    }
}
let earlySignal = null;
function stoppedEarly(name, signal) {
    writeStderr(`${name}: stopped: interrupted by ${signal} (0 runs)\n`);
    return EXIT.stopped;
}
async function bisectCommandInner(mode, argv) {
    const name = `bisect-report ${mode}`;
    let settings;
    let repo;
    let commits;
    try {
        const parsed = parseSettings(mode, argv);
        if (parsed === 'help') {
            process.stdout.write((0,help/* commandHelp */.bD)(mode === 'bisect' ? BISECT_SPEC : VERIFY_SPEC));
            return 0;
        }
        settings = parsed;
        repo = (0,worktrees/* openRepo */.B8)();
        if (mode === 'bisect') {
            const good = (0,worktrees/* resolveCommit */.WL)(repo, settings.good);
            const bad = (0,worktrees/* resolveCommit */.WL)(repo, settings.bad);
            commits = (0,worktrees/* windowCommits */.$N)(repo, good, bad);
        }
        else {
            const culprit = (0,worktrees/* resolveCommit */.WL)(repo, settings.culprit);
            const parent = settings.parent ? (0,worktrees/* resolveCommit */.WL)(repo, settings.parent) : (0,worktrees/* firstParent */.v1)(repo, culprit);
            if (parent === culprit)
                throw new UsageError('the culprit and its parent are the same commit');
            commits = [parent, culprit];
        }
    }
    catch (err) {
        // git died of the signal before our handler ran (it runs once the event loop turns).
        const signal = earlySignal ?? (err instanceof worktrees/* GitError */.XS ? err.signal : null);
        if (signal)
            return stoppedEarly(name, signal);
        if (err instanceof UsageError ||
            err instanceof worktrees/* GitError */.XS ||
            err.code?.startsWith('ERR_PARSE_ARGS')) {
            // One line: what is wrong, and where the options are.
            const see = err instanceof worktrees/* GitError */.XS ? '' : ' (see --help)';
            writeStderr(`${name}: ${err.message}${see}\n`);
            return EXIT.usage;
        }
        throw err;
    }
    if (earlySignal)
        return stoppedEarly(name, earlySignal);
    const { command, pinned } = (0,worktrees/* pinUntracked */.vi)(repo, settings.command);
    if (pinned.length > 0) {
        settings = { ...settings, command };
        const names = pinned.map((p) => JSON.stringify(p)).join(', ');
        writeStderr((0,render_escape/* neutraliseWorkflowCommands */.WM)(`${name}: not tracked by git, so every run uses your copy (as git bisect run would): ${names}\n`));
    }
    let logFd;
    try {
        logFd = settings.log ? (0,external_node_fs_.openSync)(settings.log, 'w') : 1;
    }
    catch (err) {
        writeStderr(`${name}: cannot write the log: ${err.code ?? err.message}\n`);
        return EXIT.usage;
    }
    const driver = new Driver(settings, repo, commits, logFd, name);
    try {
        return await driver.run();
    }
    finally {
        if (logFd !== 1)
            (0,external_node_fs_.closeSync)(logFd);
    }
}
class Driver {
    settings;
    repo;
    commits;
    logFd;
    name;
    state;
    worktrees;
    slots;
    announced = new Set();
    /** Runs started / planned per position, for BISECT_REPORT_RUN(S) and the run lines. */
    started = new Map();
    inFlight = new Map();
    runsStarted = 0;
    /** Choices that started runs so far (each one a round). */
    rounds = 0;
    interrupted = null;
    wake = null;
    subjects = new Map();
    /** Runs that ended and are not recorded yet (several may end while the posterior is updated). */
    ended = [];
    running = new Set();
    /** Slots whose run was ended to make room for the verification (their result is dropped). */
    preempted = new Set();
    lookahead;
    constructor(settings, repo, commits, logFd, name) {
        this.settings = settings;
        this.repo = repo;
        this.commits = commits;
        this.logFd = logFd;
        this.name = name;
        this.state = (0,engine/* createBisection */.xp)({
            commits,
            minRepro: settings.minRepro,
            // verify: the culprit is in doubt, so "it is older" and "it does not fail" start as likely as "it is the culprit".
            prior: settings.mode === 'verify' ? { outside: 1 / 3, noCulprit: 1 / 3 } : undefined,
        });
        this.lookahead = new Lookahead(settings.confidence);
        this.worktrees = new worktrees/* Worktrees */.pE(repo);
        this.slots = Array.from({ length: settings.jobs }, () => ({
            dir: null,
            commit: null,
            child: null,
            creating: null,
            round: 0,
            startedAt: 0,
        }));
    }
    /** The engine's decision on the current state, computed once per state (maybe ahead of time). */
    decision() {
        return this.lookahead.decision(this.state);
    }
    async run() {
        const onSignal = (signal) => {
            this.interrupted = `interrupted by ${signal}`;
            this.killAll();
            this.wake?.();
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
        process.on('SIGHUP', onSignal);
        stderrState.onClose = () => {
            this.interrupted ??= 'the progress reader (stderr) went away';
            this.killAll();
            this.wake?.();
        };
        try {
            if (CHECKOUT_IN_RUN) {
                // Empty worktrees are made while the first choice is computed; each run fills its own.
                const bad = this.commits[this.commits.length - 1];
                for (const slot of this.slots) {
                    slot.creating = this.worktrees.add(bad, false);
                    slot.creating.catch(() => undefined);
                }
            }
            const subjects = (0,worktrees/* subjectsOf */.Z6)(this.repo, this.commits);
            // The first choice is made while git reads the subjects and makes the first worktree (once
            // its `git worktree add` has started, a turn of the event loop away).
            await new Promise((resolve) => setImmediate(resolve));
            if (this.decision().kind === 'continue' && !this.interrupted)
                this.lookahead.choose(this.state, Math.min(this.slots.length, this.settings.maxRuns), []);
            for (const [commit, subject] of await subjects)
                this.subjects.set(commit, subject.replace(/[\r\n]+/g, ' '));
            this.writeHeader();
            const end = await this.loop();
            return this.finish(end);
        }
        catch (err) {
            this.killAll();
            const message = err instanceof worktrees/* GitError */.XS ? err.message : (err?.message ?? String(err));
            return this.finish({ kind: 'stopped', reason: `stopped: ${message}` });
        }
        finally {
            this.lookahead.cancel();
            this.killAll();
            await this.settle();
            await this.worktrees.close();
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
            process.off('SIGHUP', onSignal);
            stderrState.onClose = null;
        }
    }
    log(line) {
        if (this.logFd === 1 && (0,stdout/* stdoutClosed */._R)())
            return;
        try {
            // Commit subjects and failure titles are other people's text: inert on a runner's stdout.
            (0,external_node_fs_.writeSync)(this.logFd, (this.logFd === 1 ? (0,render_escape/* neutraliseWorkflowCommands */.WM)(line) : line) + '\n');
        }
        catch (err) {
            if (this.logFd !== 1 || !(0,stdout/* noteStdoutError */.mI)(err))
                throw err;
            // Nobody reads the log any more: stop like an interrupt (the worktrees are still removed).
            this.interrupted = 'the log reader (stdout) went away';
            this.killAll();
            this.wake?.();
        }
    }
    subject(commit) {
        let s = this.subjects.get(commit);
        if (s === undefined) {
            s = (0,worktrees/* subjectOf */.et)(this.repo, commit).replace(/[\r\n]+/g, ' ');
            this.subjects.set(commit, s);
        }
        return s;
    }
    writeHeader() {
        const good = this.commits[0];
        const bad = this.commits[this.commits.length - 1];
        this.log('git bisect start');
        this.log(`# bad: [${bad}] ${this.subject(bad)}`);
        this.log(`git bisect bad ${bad}`);
        this.log(`# good: [${good}] ${this.subject(good)}`);
        this.log(`git bisect good ${good}`);
        this.log((0,logLines/* formatWindowLine */.kJ)(good, bad, this.state.size, this.settings.givenCommand));
        const what = this.settings.mode === 'verify'
            ? `verifying ${bisectCommand_short(bad)} against its parent ${bisectCommand_short(good)}`
            : `bisecting ${this.state.size} commit${this.state.size === 1 ? '' : 's'} (${bisectCommand_short(good)}..${bisectCommand_short(bad)})`;
        const { confidence, jobs, timeout } = this.settings;
        this.progress(`${what} at confidence ${confidence}, ${jobs} job${jobs > 1 ? 's' : ''}` +
            (timeout !== null ? `, a run taking over ${timeout} s fails` : ''));
    }
    progress(text) {
        writeStderr(`${this.name}: ${text}\n`);
    }
    async loop() {
        const { confidence } = this.settings;
        let last = this.decision();
        for (;;) {
            if (this.interrupted)
                return { kind: 'stopped', reason: `stopped: ${this.interrupted}` };
            if (last.kind !== 'continue') {
                // Answered while other runs were going: they are not needed any more.
                this.killAll();
                await this.settle();
                return { kind: 'decided', decision: last };
            }
            const free = this.slots.filter((s) => !this.inFlight.has(s));
            const budget = this.settings.maxRuns - this.runsStarted;
            if (free.length > 0 && budget > 0) {
                const probes = this.lookahead.choose(this.state, Math.min(free.length, budget), [
                    ...this.inFlight.values(),
                ]);
                if (probes.length === 0 && this.inFlight.size === 0) {
                    return { kind: 'stopped', reason: 'stopped: no commit left to test could change the answer' };
                }
                this.rounds++;
                for (const [slot, position] of assignSlots(free, probes, (p) => this.commits[p])) {
                    slot.round = this.rounds;
                    slot.startedAt = performance.now();
                    this.launch(slot, position);
                }
            }
            if (this.inFlight.size === 0) {
                return {
                    kind: 'stopped',
                    reason: `stopped: --max-runs ${this.settings.maxRuns} reached before an answer at confidence ${confidence}`,
                };
            }
            this.workAhead();
            // Every run that has ended by now counts before the next choice (a batch that ends together
            // is one posterior update, one choice for all the slots it frees).
            const ended = await this.next();
            this.lookahead.cancel();
            for (const done of ended) {
                if (this.interrupted)
                    break;
                // A run we ended ourselves is no evidence (its test may even say "fail" to a SIGTERM).
                if (this.preempted.delete(done.slot))
                    continue;
                this.record(done);
                if (done.result === 'error') {
                    this.killAll();
                    await this.settle();
                    return {
                        kind: 'stopped',
                        reason: done.exit === '126' || done.exit === '127'
                            ? `stopped: the test command cannot run (exit ${done.exit})`
                            : `stopped: the test command exited ${done.exit} (128 or more, or a signal: git bisect run aborts too)`,
                    };
                }
            }
            last = this.decision();
            if (last.kind === 'continue')
                this.preemptForVerification(last);
        }
    }
    /**
     * While the runs go, the engine works out what follows the oldest runs whose outcome it can
     * foresee: the state after it, its decision and the probes for the slot that run frees
     * (src/cli/lookahead.ts). The oldest first: they likely end first.
     */
    workAhead() {
        const free = this.slots.length - this.inFlight.size;
        const budget = this.settings.maxRuns - this.runsStarted;
        const running = [...this.inFlight.values()];
        const runs = running.map((position, i) => ({
            position,
            next: { free: Math.min(free + 1, budget), pending: running.filter((_, j) => j !== i) },
        }));
        void this.lookahead.ahead(this.state, runs);
    }
    /**
     * Once the leader holds the confidence, only runs at it and at its parent decide the answer (the
     * verification plan): runs still going elsewhere are ended, so their slots take the plan's runs
     * now instead of one at a time as those runs end.
     */
    preemptForVerification(last) {
        const { leader } = last.summary;
        if (leader.p < this.settings.confidence || leader.position < 1)
            return;
        for (const [slot, position] of this.inFlight) {
            if (position === leader.position || position === leader.position - 1)
                continue;
            const child = slot.child;
            if (!child || child.pid === undefined || child.exitCode !== null || this.preempted.has(slot))
                continue;
            this.preempted.add(slot);
            (0,processGroup/* endGroup */.N4)(child.pid);
        }
    }
    record(done) {
        const { position } = done;
        const commit = this.commits[position];
        const outcome = done.result === 'pass'
            ? 'pass'
            : done.result === 'fail'
                ? 'fail'
                : done.result === 'skip'
                    ? 'skip'
                    : null;
        if (outcome)
            this.state = this.lookahead.observe(this.state, position, outcome);
        const t = this.state.tallies.get(position);
        const index = t ? t.fail + t.pass + t.skip : 1;
        this.log((0,git_common_engine/* formatRunLine */.Df)(commit, index, Math.max(index, this.started.get(position) ?? index), done.result, done.exit, done.title));
        const s = this.decision().summary;
        const r = s.range;
        this.progress(`run ${(0,engine/* totalRuns */.BL)(this.state)}: ${bisectCommand_short(commit)} ${done.result}` +
            (done.exit === processGroup/* TIMEOUT_EXIT */.H9 ? ` (timed out after ${this.settings.timeout} s)` : '') +
            ` · range ${bisectCommand_short(this.commits[Math.max(0, r.first - 1)])}..${bisectCommand_short(r.lastCommit)} (${r.commits} commit${r.commits === 1 ? '' : 's'})` +
            ` · leader ${bisectCommand_short(s.leader.commit)} ${(0,probability/* formatP */.M)(s.leader.p)}` +
            (s.notReproduced > 0.05 ? ` · P(does not reproduce) ${(0,probability/* formatProbability */.t)(s.notReproduced)}` : ''));
    }
    launch(slot, position) {
        const commit = this.commits[position];
        if (!this.announced.has(position)) {
            this.announced.add(position);
            this.log((0,logLines/* formatPositionLine */.$S)(commit, position, this.state.size));
        }
        const runIndex = (this.started.get(position) ?? 0) + 1;
        this.started.set(position, runIndex);
        this.runsStarted++;
        this.inFlight.set(slot, position);
        const run = this.prepare(slot, commit)
            .then(() => this.execute(slot, position, runIndex), (err) => ({ slot, position, result: 'error', exit: 'checkout', title: err.message }))
            .then((finished) => {
            this.running.delete(run);
            this.ended.push(finished);
            this.wake?.();
        });
        this.running.add(run);
    }
    /** The runs that have ended, waiting for at least one (none when woken by a signal). */
    async next() {
        if (this.ended.length === 0 && !this.interrupted) {
            await new Promise((resolve) => (this.wake = resolve));
            this.wake = null;
        }
        await this.roundMates();
        const ended = this.ended.splice(0);
        for (const f of ended) {
            this.inFlight.delete(f.slot);
            if (f.exit === 'checkout')
                throw new worktrees/* GitError */.XS(`cannot check out ${bisectCommand_short(this.commits[f.position])}: ${f.title}`);
        }
        return ended;
    }
    /**
     * Runs started by the same choice as one that just ended likely end about now too: they are
     * waited for a short while (ROUND_WAIT of that run's time), so one choice, knowing their
     * outcomes, serves all the slots they free, instead of one choice per slot each guessing the
     * others' outcomes (scripts/jobs-sim.mjs --round-wait).
     */
    async roundMates() {
        if (this.ended.length === 0)
            return;
        const now = performance.now();
        const rounds = new Set(this.ended.map((f) => f.slot.round));
        const took = Math.min(...this.ended.map((f) => now - f.slot.startedAt));
        const deadline = now + ROUND_WAIT * took;
        const endedSlots = () => new Set(this.ended.map((f) => f.slot));
        for (;;) {
            if (this.interrupted)
                return;
            const done = endedSlots();
            const mates = [...this.inFlight.keys()].filter((s) => rounds.has(s.round) && !done.has(s) && !this.preempted.has(s));
            const left = deadline - performance.now();
            if (mates.length === 0 || left <= 0)
                return;
            await new Promise((resolve) => {
                const timer = setTimeout(resolve, left);
                this.wake = () => {
                    clearTimeout(timer);
                    resolve();
                };
            });
            this.wake = null;
        }
    }
    /** Waits for every launched run to end (after killAll). */
    async settle() {
        await Promise.allSettled([...this.running]);
        this.ended.length = 0;
        this.inFlight.clear();
    }
    /** Creates the slot's worktree at `commit`; moving an existing one is part of the run (execute). */
    async prepare(slot, commit) {
        if (slot.dir === null) {
            // Where the run checks out itself, the worktree is created empty (its run fills it).
            slot.dir = await (slot.creating ?? this.worktrees.add(commit));
            slot.commit = slot.creating ? null : commit;
        }
        else if (slot.commit !== commit && !CHECKOUT_IN_RUN) {
            await this.worktrees.checkout(slot.dir, commit);
            slot.commit = commit;
        }
    }
    execute(slot, position, runIndex) {
        const commit = this.commits[position];
        const { command, titleRegex, verbose } = this.settings;
        return new Promise((resolve) => {
            if (this.interrupted) {
                resolve({ slot, position, result: 'error', exit: 'interrupted', title: null });
                return;
            }
            const failure = new failureTitle/* FailureTitle */.z(titleRegex);
            const scan = (key, chunk) => {
                if (verbose)
                    writeStderr(prefixLines(chunk, `[${bisectCommand_short(commit)} #${runIndex}] `));
                failure.feed(key, chunk);
            };
            // Moving the worktree to the commit and the run are one process (one spawn, which blocks our
            // event loop until the child starts, instead of two, with a round trip between).
            const move = CHECKOUT_IN_RUN && slot.commit !== commit;
            let child;
            try {
                child = (0,external_node_child_process_.spawn)(move ? 'sh' : command[0], move
                    ? ['-c', CHECKOUT_THEN_RUN, 'bisect-report', commit, this.repo.prefix, ...command]
                    : command.slice(1), {
                    cwd: move ? slot.dir : this.worktrees.cwdFor(slot.dir, external_node_fs_.existsSync),
                    stdio: move ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
                    // Own process group: a signal for us does not reach it unasked, and killAll() ends it whole.
                    detached: true,
                    env: {
                        ...process.env,
                        BISECT_REPORT_COMMIT: commit,
                        BISECT_REPORT_RUN: String(runIndex),
                        BISECT_REPORT_RUNS: String(Math.max(runIndex, this.started.get(position) ?? runIndex)),
                    },
                });
            }
            catch {
                resolve({ slot, position, result: 'error', exit: '127', title: null });
                return;
            }
            slot.child = child;
            // Until the checkout is known to have worked, the worktree holds no known commit.
            slot.commit = move ? null : commit;
            let checkoutError = '';
            // --timeout: the clock starts with the test itself, once the checkout before it is done.
            let timedOut = false;
            let clock = null;
            const startClock = () => {
                if (this.settings.timeout === null || clock !== null || child.pid === undefined)
                    return;
                const pid = child.pid;
                clock = setTimeout(() => {
                    if (child.exitCode !== null || child.signalCode !== null)
                        return;
                    timedOut = true;
                    (0,processGroup/* endGroup */.N4)(pid);
                }, this.settings.timeout * 1000);
            };
            if (move) {
                // The script closes fd 3 when the checkout worked, just before it starts the test.
                child.stdio[3]
                    .setEncoding('utf8')
                    .on('data', (d) => (checkoutError = (checkoutError + d).slice(0, 4000)))
                    .on('end', startClock);
            }
            else
                startClock();
            let settled = false;
            const finish = (f) => {
                if (settled)
                    return;
                settled = true;
                if (clock !== null)
                    clearTimeout(clock);
                slot.child = null;
                resolve({ slot, position, ...f });
            };
            child.stdout.setEncoding('utf8').on('data', (d) => scan('out', d));
            child.stderr.setEncoding('utf8').on('data', (d) => scan('err', d));
            child.on('error', (err) => finish({ result: 'error', exit: err.code === 'ENOENT' ? '127' : '126', title: null }));
            child.on('close', (code, signal) => {
                if (clock !== null)
                    clearTimeout(clock);
                if (move && checkoutError.includes(CHECKOUT_FAILED)) {
                    const why = checkoutError.split('\n').find((l) => l && l !== CHECKOUT_FAILED) ?? 'git checkout failed';
                    finish({ result: 'error', exit: 'checkout', title: why.replace(/^(?:fatal|error): /, '') });
                    return;
                }
                if (move && !signal)
                    slot.commit = commit;
                const title = failure.end();
                if (timedOut) {
                    // The clock started after the checkout: the worktree holds the commit.
                    slot.commit = commit;
                    // A hang is a failure (for most regressions it is the failure), once nothing of it is left.
                    const failed = { result: 'fail', exit: processGroup/* TIMEOUT_EXIT */.H9, title };
                    void (0,processGroup/* groupGone */.lz)(child.pid).then(() => finish(failed));
                }
                else if (signal)
                    finish({ result: 'error', exit: signal, title: null });
                else if (code === 0)
                    finish({ result: 'pass', exit: '0', title: null });
                else if (code === 125)
                    finish({ result: 'skip', exit: '125', title: null });
                else if (code === 126 || code === 127 || code === null || code >= 128)
                    finish({ result: 'error', exit: String(code), title: null });
                else
                    finish({ result: 'fail', exit: String(code), title });
            });
        });
    }
    killAll() {
        for (const slot of this.slots) {
            const child = slot.child;
            if (!child || child.pid === undefined || child.exitCode !== null)
                continue;
            (0,processGroup/* endGroup */.N4)(child.pid);
        }
    }
    finish(end) {
        const runs = (0,engine/* totalRuns */.BL)(this.state);
        if (end.kind === 'stopped') {
            const s = this.decision().summary;
            this.log((0,logLines/* formatResultLine */.vf)('stopped', runs, s.leader.p, end.reason));
            this.progress(`${end.reason} (${runs} runs; leader ${bisectCommand_short(s.leader.commit)} at ${(0,probability/* formatP */.M)(s.leader.p)})`);
            return EXIT.stopped;
        }
        const d = end.decision;
        const s = d.summary;
        const marks = (below, from) => {
            for (const [position] of [...this.state.tallies].sort((a, b) => a[0] - b[0])) {
                const t = this.state.tallies.get(position);
                if (t.fail + t.pass === 0)
                    continue;
                const term = position < below ? 'good' : position >= from ? 'bad' : null;
                if (!term)
                    continue;
                const c = this.commits[position];
                this.log(`# ${term}: [${c}] ${this.subject(c)}`);
                this.log(`git bisect ${term} ${c}`);
            }
        };
        let kind;
        let reason;
        let p;
        switch (d.kind) {
            case 'culprit': {
                kind = 'culprit';
                p = d.p;
                reason = `${bisectCommand_short(d.commit)} is the first bad commit (${(0,probability/* formatP */.M)(d.p)}), verified against its parent ${bisectCommand_short(d.parent)}`;
                marks(d.position, d.position);
                this.log((0,logLines/* formatResultLine */.vf)(kind, runs, p, reason, { commit: d.commit, parent: d.parent }));
                this.log(`# first bad commit: [${d.commit}] ${this.subject(d.commit)}`);
                break;
            }
            case 'not-reproduced':
                kind = 'not-reproduced';
                p = d.p;
                reason =
                    this.settings.mode === 'verify'
                        ? `the failure does not reproduce at ${bisectCommand_short(this.commits[1])} (${(0,probability/* formatP */.M)(d.p)}): it is not the culprit`
                        : `the failure does not reproduce at ${bisectCommand_short(this.commits[this.commits.length - 1])} (${(0,probability/* formatP */.M)(d.p)} that it fails in fewer than ${pct(this.settings.minRepro)} of runs, or not at all): no culprit, it was a flake`;
                this.log((0,logLines/* formatResultLine */.vf)(kind, runs, p, reason));
                break;
            case 'older':
                kind = 'older';
                p = d.p;
                reason = `the good commit ${bisectCommand_short(this.commits[0])} fails too (${(0,probability/* formatP */.M)(d.p)}): the change is older than the window`;
                this.log((0,logLines/* formatResultLine */.vf)(kind, runs, p, reason));
                break;
            case 'range': {
                kind = 'range';
                p = s.leader.p;
                const r = s.range;
                reason = `the first bad commit is one of ${r.commits} commits ${bisectCommand_short(this.commits[r.first - 1])}..${bisectCommand_short(r.lastCommit)}: the commits between cannot be tested`;
                marks(r.first, r.last + 1);
                this.log((0,logLines/* formatResultLine */.vf)(kind, runs, p, reason));
                for (let q = r.first; q <= r.last && q < r.first + 1000; q++) {
                    this.log(`# possible first bad commit: [${this.commits[q]}] ${this.subject(this.commits[q])}`);
                }
                break;
            }
            default:
                kind = 'stopped';
                p = s.leader.p;
                reason = 'stopped';
                this.log((0,logLines/* formatResultLine */.vf)(kind, runs, p, reason));
        }
        this.progress(`${reason}; ${runs} runs`);
        if (this.logFd !== 1 && kind === 'culprit')
            process.stdout.write(`${d.kind === 'culprit' ? d.commit : ''}\n`);
        return kind === 'culprit' ? EXIT.culprit : EXIT.none;
    }
}
/**
 * Which free slot runs which probe: a slot whose worktree already holds the commit first (no
 * checkout), then the others, slots not yet created last.
 */
function assignSlots(free, probes, commitAt) {
    const wanted = probes.flatMap((p) => Array(p.runs).fill(p.position));
    const left = [...free];
    const out = [];
    const rest = [];
    for (const position of wanted) {
        const i = left.findIndex((s) => s.commit === commitAt(position));
        if (i === -1)
            rest.push(position);
        else
            out.push([left.splice(i, 1)[0], position]);
    }
    left.sort((a, b) => Number(a.dir === null) - Number(b.dir === null));
    for (const position of rest) {
        const slot = left.shift();
        if (slot)
            out.push([slot, position]);
    }
    return out;
}
/** Share of a run's time its round mates are waited for once it has ended (Driver.roundMates). */
const ROUND_WAIT = 0.2;
const CHECKOUT_FAILED = 'bisect-report: checkout failed';
/**
 * Moves the worktree (the cwd) to $1 and runs the test ("$@" after $2) in subdirectory $2 when it
 * exists there. git's errors and the failure marker go to fd 3, closed before the test starts.
 */
const CHECKOUT_THEN_RUN = `LC_ALL=C GIT_TERMINAL_PROMPT=0 git checkout --detach --force --quiet "$1" >/dev/null 2>&3 || { echo '${CHECKOUT_FAILED}' >&3; exit 1; }
exec 3>&-
[ -n "$2" ] && [ -d "$2" ] && cd "$2"
shift 2
exec "$@"`;
/** Windows has no sh to count on: there the checkout stays a step of its own. */
const CHECKOUT_IN_RUN = process.platform !== 'win32';
function bisectCommand_short(sha) {
    return sha.slice(0, 10);
}
const pct = probability/* formatProbability */.t;
function prefixLines(chunk, prefix) {
    return chunk.replace(/^(?=.)/gm, prefix);
}


/***/ }),

/***/ 369:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ DEFAULT_TITLE),
/* harmony export */   z: () => (/* binding */ FailureTitle)
/* harmony export */ });
/**
 * The failure title of one run of the test (`bisect-report run`, `bisect`, `verify`): the first
 * line of its stdout or stderr that matches the title pattern (docs/run-command.md).
 */
/** The default title pattern: the lines common test output opens a failure with. */
const DEFAULT_TITLE = /^(?:FAIL(?:ED)?:|Error:|panic:|AssertionError)/;
const MAX_TITLE = 200;
/** Bytes of an unfinished line kept per stream (a line longer than this is judged by its tail). */
const MAX_CARRY = 65536;
class FailureTitle {
    pattern;
    title = null;
    carry = { out: '', err: '' };
    constructor(pattern) {
        this.pattern = pattern;
    }
    /** Reads a chunk of one stream's output. */
    feed(stream, chunk) {
        if (this.title !== null)
            return;
        let text = this.carry[stream] + chunk;
        let nl;
        while (this.title === null && (nl = text.indexOf('\n')) !== -1) {
            const line = text.slice(0, nl).replace(/\r$/, '');
            text = text.slice(nl + 1);
            if (this.pattern.test(line))
                this.title = line.trim().slice(0, MAX_TITLE);
        }
        this.carry[stream] = text.length > MAX_CARRY ? text.slice(-MAX_CARRY) : text;
    }
    /** The title, once the run has ended (a last line without a newline counts too), or null. */
    end() {
        for (const stream of ['out', 'err']) {
            const rest = this.carry[stream];
            if (this.title === null && rest !== '' && this.pattern.test(rest))
                this.title = rest.trim().slice(0, MAX_TITLE);
        }
        return this.title;
    }
}


/***/ }),

/***/ 542:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H9: () => (/* binding */ TIMEOUT_EXIT),
/* harmony export */   N4: () => (/* binding */ endGroup),
/* harmony export */   lz: () => (/* binding */ groupGone),
/* harmony export */   rv: () => (/* binding */ timeoutSeconds)
/* harmony export */ });
/* unused harmony exports KILL_GRACE_MS, MAX_TIMEOUT_SECONDS */
/**
 * Ending a test run that takes too long (`--timeout`): each run is a process group of its own, so a
 * run is ended whole — SIGTERM to the group, SIGKILL to what is left of it after a grace — and
 * counted only once nothing of it is left (docs/bisect.md, "A test that hangs").
 */
/** How long a process group ended by us has between SIGTERM and SIGKILL. */
const KILL_GRACE_MS = 2000;
/** `exit=` of a run that --timeout ended (docs/bisect.md). */
const TIMEOUT_EXIT = 'timeout';
/** Node's timers hold at most 2^31 - 1 ms (about 24.8 days); a longer one would fire at once. */
const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);
/** Seconds of a `--timeout` value, or null with the one-line reason it is not one. */
function timeoutSeconds(text) {
    const seconds = Number(text);
    if (text.trim() === '' || !(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS)
        return {
            error: `--timeout must be a positive number of seconds (at most ${MAX_TIMEOUT_SECONDS}), not '${text.slice(0, 40)}'`,
        };
    return { seconds };
}
/** Group ids being ended (SIGTERM sent), with the time their SIGKILL is due. */
const ending = new Map();
/** SIGTERM to the whole group now, SIGKILL to what is left of it after the grace. */
function endGroup(pid) {
    ending.set(pid, Date.now() + KILL_GRACE_MS);
    killGroup(pid, 'SIGTERM');
    setTimeout(() => {
        killGroup(pid, 'SIGKILL');
        ending.delete(pid);
    }, KILL_GRACE_MS).unref();
}
function groupAlive(pid) {
    try {
        process.kill(-pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
/**
 * Resolves once no process of the group ended by endGroup() is left: a child that ignores SIGTERM
 * and does not hold our pipes would otherwise outlive the run (and this command). Bounded: a
 * process that even SIGKILL does not end at once (a zombie nobody reaps) is not waited for long.
 */
async function groupGone(pid) {
    const killAt = ending.get(pid) ?? Date.now();
    const giveUpAt = killAt + 1000;
    for (let killed = false; groupAlive(pid) && Date.now() < giveUpAt;) {
        if (!killed && Date.now() >= killAt) {
            killGroup(pid, 'SIGKILL');
            killed = true;
        }
        await new Promise((r) => setTimeout(r, 50));
    }
    ending.delete(pid);
}
function killGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
    }
    catch {
        try {
            process.kill(pid, signal);
        }
        catch {
            // already gone
        }
    }
}


/***/ })

};
