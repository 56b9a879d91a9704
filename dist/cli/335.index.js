export const id = 335;
export const ids = [335];
export const modules = {

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

/***/ 702:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ac: () => (/* binding */ parseOptions),
/* harmony export */   U0: () => (/* binding */ usageLine),
/* harmony export */   bD: () => (/* binding */ commandHelp)
/* harmony export */ });
/* unused harmony export optionLabel */
/**
 * One table per subcommand: the options `parseArgs` reads and the `--help` line each gets, so an
 * option cannot be parsed without being documented (`bisect-report COMMAND --help`).
 */
/** The `options` of `parseArgs` from a table (without the help texts). */
function parseOptions(options) {
    const out = {};
    for (const [name, spec] of Object.entries(options)) {
        const { help: _help, value: _value, ...parse } = spec;
        out[name] = parse;
    }
    return out;
}
function usageLine(spec) {
    return `usage: ${spec.usage}\n`;
}
/** `--flag VALUE` or `-x, --flag VALUE`, as the help shows it. */
function optionLabel(name, spec) {
    const value = spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : '';
    return `${spec.short ? `-${spec.short}, ` : ''}--${name}${value}`;
}
/** The full help of one subcommand: usage, what it does, one line per option, notes. */
function commandHelp(spec) {
    const names = spec.listed ?? Object.keys(spec.options);
    const rows = names.map((name) => {
        const option = spec.options[name];
        if (!option)
            throw new Error(`help lists --${name}, which the command does not parse`);
        return [optionLabel(name, option), option.help];
    });
    const width = Math.max(...rows.map(([label]) => label.length)) + 2;
    return [
        usageLine(spec),
        `\n${spec.about}\n`,
        '\nOptions:\n',
        ...rows.map(([label, help]) => `  ${label.padEnd(width)}${help}\n`),
        ...(spec.notes && spec.notes.length > 0 ? ['\n', ...spec.notes.map((l) => `${l}\n`)] : []),
    ].join('');
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


/***/ }),

/***/ 335:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runCommand: () => (/* binding */ runCommand)
/* harmony export */ });
/* unused harmony export RUN_SPEC */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(421);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(975);
/* harmony import */ var _render_escape_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(58);
/* harmony import */ var _formats_git_common_engine_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(458);
/* harmony import */ var _help_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(702);
/* harmony import */ var _processGroup_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(542);
/* harmony import */ var _failureTitle_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(369);
/**
 * `bisect-report run [--runs N] [--min-failures K] [--timeout SECONDS] [--title-regex RE] [--quiet] -- COMMAND [ARGS...]`
 *
 * Meant as the script of `git bisect run`: runs COMMAND N times on the checked-out commit and
 * tells git good / bad / skip by a rule that tolerates flaky tests. Documented in docs/run-command.md.
 *
 * Output (stdout), one line per run, then one verdict line — a stable shape the git console
 * parser reads (src/formats/git-common/engine.ts, RUN_LINE / RUN_VERDICT):
 *
 *   bisect-report run: commit=<sha> run=<i>/<N> result=<pass|fail|skip|error> exit=<code|SIGNAME>[ title="<json string>"]
 *   bisect-report run: commit=<sha> verdict=<good|bad|skip|abort> exit=<0|1|125|128> runs=<N> failed=<F> passed=<P> skipped=<S> errors=<E> min-failures=<K>
 *
 * <sha> is `git rev-parse HEAD` (or "unknown" outside a git work tree). The title is the first
 * output line of that run matching --title-regex, else the first line starting with
 * "FAIL:"/"FAILED:"/"Error:"/"panic:"/"AssertionError", else none.
 *
 * Per-run result: exit 0 → pass; 125 → skip; 126/127 or a command that cannot be started → error;
 * any other exit code or a signal (crash, timeout kill) → fail; a run still going after --timeout is
 * ended with its whole process group and fails (`exit=timeout`).
 * Verdict (K = min(--min-failures, N)):
 *   - any error run                → abort, exit 128 (git bisect run stops: the command is broken);
 *   - failed ≥ K                   → bad,  exit 1;
 *   - failed = 0 and passed ≥ 1    → good, exit 0;
 *   - otherwise (0 < failed < K, or every run skipped) → skip, exit 125.
 * The command's own stdout/stderr are passed through unchanged (to our stdout/stderr) unless
 * --quiet is given, in which case they are only scanned for the title.
 */







const RUN_SPEC = {
    usage: 'bisect-report run [--runs N] [--min-failures K] [--timeout SECONDS] [--title-regex RE] [--quiet] -- COMMAND [ARGS...]',
    about: 'Run COMMAND several times on the checked-out commit and answer git by a rule that tolerates a flaky\n' +
        'test: use it as the script of `git bisect run` (docs/run-command.md).',
    options: {
        runs: { type: 'string', value: 'N', default: '10', help: 'runs per commit (default 10)' },
        'min-failures': {
            type: 'string',
            value: 'K',
            default: '2',
            help: 'failed runs needed to call the commit bad (default 2)',
        },
        timeout: {
            type: 'string',
            value: 'SECONDS',
            help: 'end a run still going after SECONDS (its whole process group) and count it as failing: a hang is the failure for most regressions (default: no limit)',
        },
        'title-regex': {
            type: 'string',
            value: 'RE',
            help: 'take the failure title from the first output line matching RE (default: FAIL:, Error:, panic: …)',
        },
        quiet: {
            type: 'boolean',
            default: false,
            help: "capture COMMAND's output instead of passing it through (still scanned for the title)",
        },
        help: { type: 'boolean', short: 'h', default: false, help: 'print this help and exit' },
    },
    notes: [
        'Prints one line per run, then the verdict, and exits 0 good (no run failed), 1 bad (K or more failed),',
        '125 skip (1 to K-1 failed, or every run exited 125), 128 abort (COMMAND cannot run, or a usage error).',
        'Each run gets BISECT_REPORT_RUN, BISECT_REPORT_RUNS and BISECT_REPORT_COMMIT.',
    ],
};
const RUN_USAGE = (0,_help_js__WEBPACK_IMPORTED_MODULE_4__/* .usageLine */ .U0)(RUN_SPEC);
async function runCommand(argv) {
    const dash = argv.indexOf('--');
    const optionArgs = dash === -1 ? argv : argv.slice(0, dash);
    let command = dash === -1 ? [] : argv.slice(dash + 1);
    let parsed;
    try {
        parsed = (0,node_util__WEBPACK_IMPORTED_MODULE_1__.parseArgs)({
            args: optionArgs,
            allowPositionals: true,
            options: (0,_help_js__WEBPACK_IMPORTED_MODULE_4__/* .parseOptions */ .Ac)(RUN_SPEC.options),
        });
    }
    catch (err) {
        process.stderr.write(`bisect-report run: ${err.message}\n${RUN_USAGE}`);
        return 128;
    }
    const { values, positionals } = parsed;
    if (values.help) {
        process.stdout.write((0,_help_js__WEBPACK_IMPORTED_MODULE_4__/* .commandHelp */ .bD)(RUN_SPEC));
        return 0;
    }
    if (command.length === 0)
        command = positionals;
    const runs = Number(values.runs);
    const minFailuresAsked = Number(values['min-failures']);
    if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(minFailuresAsked) || minFailuresAsked < 1) {
        process.stderr.write(`bisect-report run: --runs and --min-failures must be positive integers\n`);
        return 128;
    }
    if (command.length === 0) {
        process.stderr.write(`bisect-report run: no command given\n${RUN_USAGE}`);
        return 128;
    }
    let timeout = null;
    if (values.timeout !== undefined) {
        const t = (0,_processGroup_js__WEBPACK_IMPORTED_MODULE_3__/* .timeoutSeconds */ .rv)(values.timeout);
        if ('error' in t) {
            process.stderr.write(`bisect-report run: ${t.error}\n`);
            return 128;
        }
        timeout = t.seconds;
    }
    let titleRegex = _failureTitle_js__WEBPACK_IMPORTED_MODULE_5__/* .DEFAULT_TITLE */ .p;
    if (values['title-regex'] !== undefined) {
        try {
            titleRegex = new RegExp(values['title-regex']);
        }
        catch (err) {
            process.stderr.write(`bisect-report run: bad --title-regex: ${err.message}\n`);
            return 128;
        }
    }
    // git bisect run treats ≥128 as "abort", so every way this command can fail says 128.
    const minFailures = Math.min(minFailuresAsked, runs);
    const commit = headCommit();
    const counts = { runs: 0, failed: 0, passed: 0, skipped: 0, errors: 0 };
    for (let i = 1; i <= runs; i++) {
        const one = await runOnce(command, titleRegex, values.quiet, { i, runs, commit, timeout });
        counts.runs++;
        if (one.result === 'pass')
            counts.passed++;
        else if (one.result === 'fail')
            counts.failed++;
        else if (one.result === 'skip')
            counts.skipped++;
        else
            counts.errors++;
        process.stdout.write((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_6__/* .neutraliseWorkflowCommands */ .WM)((0,_formats_git_common_engine_js__WEBPACK_IMPORTED_MODULE_2__/* .formatRunLine */ .Df)(commit, i, runs, one.result, one.exit, one.title)) + '\n');
        if (one.result === 'error')
            break; // the command cannot run: more runs tell nothing
    }
    let verdict;
    let exit;
    if (counts.errors > 0)
        [verdict, exit] = ['abort', 128];
    else if (counts.failed >= minFailures)
        [verdict, exit] = ['bad', 1];
    else if (counts.failed === 0 && counts.passed > 0)
        [verdict, exit] = ['good', 0];
    else
        [verdict, exit] = ['skip', 125];
    process.stdout.write((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_6__/* .neutraliseWorkflowCommands */ .WM)((0,_formats_git_common_engine_js__WEBPACK_IMPORTED_MODULE_2__/* .formatVerdictLine */ .nb)(commit, verdict, exit, counts, minFailures)) + '\n');
    return exit;
}
function headCommit() {
    const r = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' });
    const sha = (r.stdout ?? '').trim();
    return r.status === 0 && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha) ? sha : 'unknown';
}
function runOnce(command, titleRegex, quiet, ctx) {
    return new Promise((resolve) => {
        let title = null;
        const failure = new _failureTitle_js__WEBPACK_IMPORTED_MODULE_5__/* .FailureTitle */ .z(titleRegex);
        let child;
        try {
            child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(command[0], command.slice(1), {
                stdio: ['inherit', 'pipe', 'pipe'],
                // With a time limit the run is a process group of its own, so it can be ended whole.
                detached: ctx.timeout !== null,
                env: {
                    ...process.env,
                    BISECT_REPORT_RUN: String(ctx.i),
                    BISECT_REPORT_RUNS: String(ctx.runs),
                    BISECT_REPORT_COMMIT: ctx.commit,
                },
            });
        }
        catch (err) {
            process.stderr.write(`bisect-report run: cannot start ${command[0]}: ${err.message}\n`);
            resolve({ result: 'error', exit: 'spawn', title: null });
            return;
        }
        let settled = false;
        let timedOut = false;
        let clock = null;
        const pid = child.pid;
        // A detached run does not get the terminal's Ctrl-C: pass ours on, end the group, then stop.
        const onSignal = (signal) => {
            if (pid === undefined)
                process.exit(128);
            (0,_processGroup_js__WEBPACK_IMPORTED_MODULE_3__/* .endGroup */ .N4)(pid);
            void (0,_processGroup_js__WEBPACK_IMPORTED_MODULE_3__/* .groupGone */ .lz)(pid).then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
        };
        if (ctx.timeout !== null && pid !== undefined) {
            clock = setTimeout(() => {
                timedOut = true;
                (0,_processGroup_js__WEBPACK_IMPORTED_MODULE_3__/* .endGroup */ .N4)(pid);
            }, ctx.timeout * 1000);
            process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
        }
        const finish = (r) => {
            if (settled)
                return;
            settled = true;
            if (clock)
                clearTimeout(clock);
            process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
            if (timedOut && pid !== undefined) {
                const seconds = ctx.timeout;
                void (0,_processGroup_js__WEBPACK_IMPORTED_MODULE_3__/* .groupGone */ .lz)(pid).then(() => resolve({ result: 'fail', exit: _processGroup_js__WEBPACK_IMPORTED_MODULE_3__/* .TIMEOUT_EXIT */ .H9, title: title ?? `timed out after ${seconds} s` }));
                return;
            }
            resolve(r);
        };
        child.stdout.setEncoding('utf8').on('data', (d) => {
            if (!quiet)
                process.stdout.write(d);
            failure.feed('out', d);
        });
        child.stderr.setEncoding('utf8').on('data', (d) => {
            if (!quiet)
                process.stderr.write(d);
            failure.feed('err', d);
        });
        child.on('error', (err) => {
            process.stderr.write(`bisect-report run: cannot start ${command[0]}: ${err.code ?? err.message}\n`);
            finish({ result: 'error', exit: err.code === 'ENOENT' ? '127' : '126', title: null });
        });
        child.on('close', (code, signal) => {
            title = failure.end();
            if (signal) {
                finish({ result: 'fail', exit: signal, title: title ?? `killed by ${signal}` });
            }
            else if (code === 0) {
                finish({ result: 'pass', exit: '0', title: null });
            }
            else if (code === 125) {
                finish({ result: 'skip', exit: '125', title: null });
            }
            else if (code === 126 || code === 127) {
                finish({ result: 'error', exit: String(code), title: null });
            }
            else {
                finish({ result: 'fail', exit: String(code), title });
            }
        });
    });
}


/***/ })

};
