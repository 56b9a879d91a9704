export const id = 875;
export const ids = [875];
export const modules = {

/***/ 875:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  planCommand: () => (/* binding */ planCommand)
});

// UNUSED EXPORTS: PLAN_SPEC, formatMatrixLog

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(975);
// EXTERNAL MODULE: ./.tmp/build/formats/git-common/engine.js
var engine = __webpack_require__(458);
// EXTERNAL MODULE: ./.tmp/build/render/escape.js
var render_escape = __webpack_require__(58);
// EXTERNAL MODULE: ./.tmp/build/cli/git/worktrees.js
var worktrees = __webpack_require__(172);
// EXTERNAL MODULE: ./.tmp/build/bisect/logLines.js
var logLines = __webpack_require__(818);
// EXTERNAL MODULE: ./.tmp/build/analyse/posterior.js
var posterior = __webpack_require__(115);
;// CONCATENATED MODULE: ./.tmp/build/bisect/batch.js
/**
 * Which K probes teach the most in one round (docs/matrix.md). A round is K jobs run at once; each
 * job tests one commit with r runs. What a round teaches is the mutual information between the
 * culprit and the round's outcomes, under the current posterior and the posterior-mean repro and
 * false-alarm rates (with the model's drift: a commit with the bug may fail at its own, lower
 * rate). Only which probes lie at or after the culprit matters, so the outcome distribution depends
 * on the posterior mass of the gaps between the probes (plus "older than the window" and "no
 * culprit" at the two ends). The information is summed exactly over every outcome when there are
 * few, else estimated by sampling stratified by gap with a fixed seed: the same evidence always
 * gives the same plan.
 *
 * Probes are chosen greedily (each next job where it adds the most; lazily, since what a probe adds
 * only shrinks as others are added), for each candidate number of runs per job. The runs per job
 * then minimise the expected wall time — rounds × (setup + r runs), rounds ≈ bits still to learn ÷
 * bits per round — among the choices that fit in the rounds left; if none fits, the one that
 * teaches the most per round.
 */
/** Cost of a round's setup in test runs: queueing, checkout, build (docs/matrix.md, cost model). */
const ROUND_SETUP_RUNS = 1;
/** A job adding less than this (bits) teaches nothing the sampling can tell apart from noise. */
const MIN_GAIN_BITS = 1e-4;
const SAMPLES_PER_GAP = 128;
/** Up to this many joint outcomes the information is summed exactly. */
const EXACT_OUTCOMES = 2048;
const QUADRATURE = 64;
class Planner {
    problem;
    tables = new Map();
    constructor(problem) {
        this.problem = problem;
    }
    table(runs) {
        const hit = this.tables.get(runs);
        if (hit)
            return hit;
        const q = clampRate(this.problem.repro);
        const e = clampRate(this.problem.falseAlarm);
        const drift = this.problem.drift;
        const badLog = new Float64Array(runs + 1);
        const goodLog = new Float64Array(runs + 1);
        for (let f = 0; f <= runs; f++) {
            const choose = logChoose(runs, f);
            const pooled = f * Math.log(q) + (runs - f) * Math.log1p(-q);
            // Drift: the commit's own rate uniform on [0, q], averaged by the midpoint rule.
            let own = 0;
            for (let k = 0; k < QUADRATURE; k++) {
                const r = (q * (k + 0.5)) / QUADRATURE;
                own += Math.exp(f * Math.log(r) + (runs - f) * Math.log1p(-r) - pooled);
            }
            own /= QUADRATURE;
            badLog[f] = choose + pooled + Math.log(1 - drift + drift * own);
            goodLog[f] = choose + f * Math.log(e) + (runs - f) * Math.log1p(-e);
        }
        const cdfOf = (logs) => {
            const cdf = new Float64Array(logs.length);
            let acc = 0;
            logs.forEach((l, f) => (cdf[f] = acc += Math.exp(l)));
            for (let f = 0; f < cdf.length; f++)
                cdf[f] /= acc;
            return cdf;
        };
        const table = { badLog, goodLog, badCdf: cdfOf(badLog), goodCdf: cdfOf(goodLog) };
        this.tables.set(runs, table);
        return table;
    }
    /** Mutual information (bits) between the culprit and the outcomes of these probes. */
    information(entries) {
        const byPos = new Map();
        for (const e of entries)
            byPos.set(e.position, (byPos.get(e.position) ?? 0) + e.runs);
        const positions = [...byPos.keys()].sort((a, b) => a - b);
        const tables = positions.map((p) => this.table(byPos.get(p)));
        const m = positions.length;
        const { cdf } = this.problem;
        // Gap s (0..m): probes 0..s-1 are before the culprit (good), s..m-1 at or after it (bad).
        const gaps = new Float64Array(m + 1);
        let prev = 0;
        for (let s = 0; s < m; s++) {
            const c = cdf[positions[s]];
            gaps[s] = Math.max(0, c - prev);
            prev = Math.max(prev, c);
        }
        gaps[m] = Math.max(0, 1 - prev);
        const logGap = Array.from(gaps, (g) => (g > 0 ? Math.log(g) : -Infinity));
        let prior = 0;
        for (const g of gaps)
            if (g > 0)
                prior -= g * Math.log2(g);
        const fails = new Int32Array(m);
        const logJoint = new Float64Array(m + 1);
        // log P(gap s', y) for every s': Σ_{i<s'} good_i + Σ_{i≥s'} bad_i, as a running sum over s'.
        const joint = () => {
            let ll = 0;
            for (let i = 0; i < m; i++)
                ll += tables[i].badLog[fails[i]];
            logJoint[0] = logGap[0] + ll;
            for (let s = 1; s <= m; s++) {
                const t = tables[s - 1];
                ll += t.goodLog[fails[s - 1]] - t.badLog[fails[s - 1]];
                logJoint[s] = logGap[s] + ll;
            }
        };
        let outcomes = 1;
        for (const t of tables)
            outcomes *= t.badLog.length;
        let posteriorEntropy = 0;
        if (outcomes <= EXACT_OUTCOMES) {
            for (let k = 0; k < outcomes; k++) {
                let rest = k;
                for (let i = 0; i < m; i++) {
                    const base = tables[i].badLog.length;
                    fails[i] = rest % base;
                    rest = Math.floor(rest / base);
                }
                joint();
                const { z, h } = entropyOfLog(logJoint);
                posteriorEntropy += z * h;
            }
        }
        else {
            const rng = mulberry32(0x5eed);
            for (let s = 0; s <= m; s++) {
                if (gaps[s] < 1e-9)
                    continue;
                let acc = 0;
                for (let t = 0; t < SAMPLES_PER_GAP; t++) {
                    for (let i = 0; i < m; i++)
                        fails[i] = sample(i < s ? tables[i].goodCdf : tables[i].badCdf, rng());
                    joint();
                    acc += entropyOfLog(logJoint).h;
                }
                posteriorEntropy += gaps[s] * (acc / SAMPLES_PER_GAP);
            }
        }
        return Math.max(0, prior - posteriorEntropy);
    }
    /** K jobs of `runs` runs each, greedily (lazy evaluation of what each candidate adds). */
    greedy(runs) {
        const entries = [];
        let bits = 0;
        const bound = new Map(this.problem.candidates.map((p) => [p, Infinity]));
        for (let j = 0; j < this.problem.jobs; j++) {
            let chosen = -1;
            let chosenGain = 0;
            for (;;) {
                let top = -1;
                let topBound = -Infinity;
                for (const [p, b] of bound)
                    if (b > topBound || (b === topBound && p < top))
                        [top, topBound] = [p, b];
                if (top < 0 || topBound < MIN_GAIN_BITS)
                    break;
                const gain = this.information([...entries, { position: top, runs }]) - bits;
                bound.set(top, gain);
                let next = -Infinity;
                for (const [p, b] of bound)
                    if (p !== top && b > next)
                        next = b;
                if (gain >= next - 1e-12) {
                    chosen = top;
                    chosenGain = gain;
                    break;
                }
            }
            if (chosen < 0 || chosenGain < MIN_GAIN_BITS)
                break;
            entries.push({ position: chosen, runs });
            bits += chosenGain;
        }
        entries.sort((a, b) => a.position - b.position);
        return { entries, bits };
    }
}
/** The round's probes; entries may repeat a position (more runs there, on more runners). */
function chooseBatch(problem) {
    const planner = new Planner(problem);
    const options = runOptions(problem.maxRuns).map((runs) => ({ runs, ...planner.greedy(runs) }));
    const toLearn = Math.max(problem.bitsToLearn ?? 0, 0);
    const roundsFor = (o) => (o.bits > 0 ? Math.max(1, toLearn / o.bits) : Infinity);
    const wallTime = (o) => o.bits > 0 ? (ROUND_SETUP_RUNS + o.runs) / o.bits : Infinity;
    const left = problem.roundsLeft ?? null;
    const fitting = left === null ? options : options.filter((o) => roundsFor(o) <= left);
    const pool = fitting.length > 0 ? fitting : options;
    let best = pool[0];
    for (const o of pool) {
        const better = fitting.length > 0 ? wallTime(o) < wallTime(best) - 1e-12 : o.bits > best.bits + 1e-9;
        if (better)
            best = o;
    }
    return best
        ? { entries: best.entries, bits: best.bits, runs: best.runs }
        : { entries: [], bits: 0, runs: 1 };
}
function runOptions(maxRuns) {
    const out = new Set();
    for (let r = 1; r <= maxRuns; r = r < 3 ? r + 1 : Math.ceil(r * 1.6))
        out.add(r);
    out.add(maxRuns);
    return [...out].sort((a, b) => a - b);
}
/** Entropy (bits) of the distribution proportional to exp(logw), and its total z. */
function entropyOfLog(logw) {
    let max = -Infinity;
    for (const x of logw)
        if (x > max)
            max = x;
    if (max === -Infinity)
        return { z: 0, h: 0 };
    let sum = 0;
    let weighted = 0;
    for (const x of logw) {
        if (x === -Infinity)
            continue;
        const w = Math.exp(x - max);
        sum += w;
        weighted += w * (x - max);
    }
    // H = log Σw − Σ w·log w / Σw, in bits.
    return { z: Math.exp(max) * sum, h: (Math.log(sum) - weighted / sum) / Math.LN2 };
}
function sample(cdf, u) {
    let f = 0;
    while (f < cdf.length - 1 && cdf[f] < u)
        f++;
    return f;
}
function logChoose(n, k) {
    let s = 0;
    for (let i = 1; i <= k; i++)
        s += Math.log((n - k + i) / i);
    return s;
}
function clampRate(p) {
    return Math.min(1 - 1e-6, Math.max(1e-6, p));
}
/** Small deterministic PRNG (plans must not depend on Math.random). */
function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
/**
 * Positions worth probing: where the posterior CDF crosses a grid of levels (and the commit
 * before), plus the most likely culprits and their parents — the verification LUCI does.
 */
function candidatePositions(cdf, leaders, levels = 32) {
    const size = cdf.length - 1;
    const out = new Set();
    let p = 0;
    for (let k = 1; k < levels; k++) {
        const u = (k / levels) * cdf[size];
        while (p < size && cdf[p] < u)
            p++;
        out.add(p);
        if (p > 0)
            out.add(p - 1);
    }
    for (const l of leaders) {
        if (l >= 0 && l <= size)
            out.add(l);
        if (l - 1 >= 0)
            out.add(l - 1);
    }
    return [...out].sort((a, b) => a - b);
}

// EXTERNAL MODULE: ./.tmp/build/bisect/engine.js + 1 modules
var bisect_engine = __webpack_require__(238);
;// CONCATENATED MODULE: ./.tmp/build/bisect/matrixPlan.js
/**
 * The decision behind `bisect-report bisect --plan` (docs/matrix.md), pure: from the bisection
 * window and the probe evidence so far, either the answer or the next round's probes. Same engine
 * as `bisect-report bisect` (src/bisect/engine.ts): its model, its stopping rule (a commit at the
 * confidence with direct evidence at it and its parent), its log lines; only the choice of probes
 * differs, since a round is K jobs of r runs each started together (src/bisect/batch.ts).
 */



/** The engine's state after every run the probes reported. */
function stateOf(commits, tallies) {
    let state = (0,bisect_engine/* createBisection */.xp)({ commits });
    const index = new Set(commits);
    for (const t of tallies.values()) {
        if (!index.has(t.commit))
            continue;
        if (t.failed > 0)
            state = (0,bisect_engine/* observe */.lB)(state, t.commit, 'fail', t.failed);
        if (t.passed > 0)
            state = (0,bisect_engine/* observe */.lB)(state, t.commit, 'pass', t.passed);
        if (t.skipped > 0)
            state = (0,bisect_engine/* observe */.lB)(state, t.commit, 'skip', t.skipped);
    }
    return state;
}
/** Leader mass from which a round is spent verifying it (culprit and parent) rather than searching. */
const VERIFY_FROM = 0.5;
function planRound(input) {
    const { commits, confidence } = input;
    const state = stateOf(commits, input.tallies);
    const d = (0,bisect_engine/* decision */.xR)(state, { confidence });
    const broken = [...input.tallies.values()].find((t) => t.errors > 0 && commits.includes(t.commit));
    if (broken) {
        const error = `the test command could not run at ${broken.commit.slice(0, 12)} (exit 126/127): fix the command and start again`;
        return { done: true, decision: d, state, error };
    }
    if (d.kind !== 'continue')
        return { done: true, decision: d, state };
    const post = posteriorOf(state);
    const cdf = cumulative(post);
    const leader = d.summary.leader;
    let batch = null;
    if (leader.p >= VERIFY_FROM && leader.position >= 1)
        batch = verificationRound(input, state, leader.position);
    batch ??= chooseBatch({
        cdf,
        repro: post.repro.mean,
        falseAlarm: post.falseAlarm.mean,
        drift: bisect_engine/* BISECT_PARAMS */._X.drift,
        bitsToLearn: d.summary.entropyBits,
        roundsLeft: input.roundsLeft ?? null,
        jobs: input.jobs,
        maxRuns: input.maxRuns,
        candidates: candidatePositions(cdf, [leader.position]),
    });
    const entries = batch.entries.map((e) => ({ commit: commits[e.position], runs: e.runs }));
    return { done: false, entries, decision: d, state, bits: batch.bits };
}
/**
 * The round LUCI calls verification: runs at the likely culprit and at its parent, as few per job as
 * would end the bisection if the leader is right and the runs come out as expected (the parent
 * clean, the culprit failing at the estimated rate), judged by the engine's own stopping rule. When
 * no round can, the most runs per job, split where they would move the leader most.
 */
function verificationRound(input, state, c) {
    const { jobs, confidence, commits } = input;
    if (jobs < 2)
        return null;
    const q = posteriorOf(state).repro.mean;
    // Splits of the jobs between parent and culprit, the most even first.
    const splits = Array.from({ length: jobs - 1 }, (_, i) => i + 1).sort((x, y) => Math.abs(x - jobs / 2) - Math.abs(y - jobs / 2) || y - x);
    let best = { score: -1, atParent: 0, runs: input.maxRuns };
    for (let runs = 1; runs <= input.maxRuns; runs++) {
        for (const atParent of splits) {
            const culpritRuns = (jobs - atParent) * runs;
            const fails = Math.round(q * culpritRuns);
            let next = (0,bisect_engine/* observe */.lB)(state, c - 1, 'pass', atParent * runs);
            if (fails > 0)
                next = (0,bisect_engine/* observe */.lB)(next, c, 'fail', fails);
            if (culpritRuns > fails)
                next = (0,bisect_engine/* observe */.lB)(next, c, 'pass', culpritRuns - fails);
            const d = (0,bisect_engine/* decision */.xR)(next, { confidence });
            if (d.kind === 'culprit' && d.commit === commits[c])
                return split(atParent, runs);
            const score = d.summary.leader.position === c ? d.summary.leader.p : 0;
            if (score > best.score)
                best = { score, atParent, runs };
        }
    }
    return best.atParent > 0 ? split(best.atParent, best.runs) : null;
    function split(atParent, runs) {
        const entries = [
            ...Array.from({ length: atParent }, () => ({ position: c - 1, runs })),
            ...Array.from({ length: jobs - atParent }, () => ({ position: c, runs })),
        ];
        return { entries, bits: 0 };
    }
}
/** The engine's posterior (the trust model with the engine's parameters) over the same evidence. */
function posteriorOf(state) {
    const evidence = [];
    for (const [position, t] of state.tallies) {
        if (t.fail + t.pass === 0)
            continue;
        evidence.push({ position, crashes: t.fail > 0 ? [{ weight: 1, count: t.fail }] : [], clean: t.pass });
    }
    return (0,posterior/* computePosterior */.hh)(evidence, state.size, state.params, true);
}
/** cdf[p] = P(culprit ≤ p) for p = 0..size ("older than the window" counts at 0). */
function cumulative(post) {
    const cdf = new Float64Array(post.size + 1);
    const perPosition = new Float64Array(post.size + 1);
    for (const seg of post.segments) {
        const count = seg.last - seg.first + 1;
        if (count <= 0)
            continue;
        for (let p = seg.first; p <= seg.last; p++)
            perPosition[p] = seg.mass / count;
    }
    let acc = post.outside;
    cdf[0] = acc;
    for (let p = 1; p <= post.size; p++) {
        acc += perPosition[p];
        cdf[p] = acc;
    }
    return cdf;
}


// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
;// CONCATENATED MODULE: ./.tmp/build/bisect/probeEvidence.js
/**
 * Evidence gathered by matrix probes (docs/matrix.md): each probe job runs
 * `bisect-report run --runs N -- TEST` at one commit and uploads what it printed. This module reads
 * those files back into per-commit run tallies. Anything it cannot trust — a file from a commit
 * outside the bisection range, the same file twice, a file cut short, a job that never wrote one —
 * is left out with a one-line notice, so it can cost a round but never give a wrong answer.
 */




/** Header line a probe writes before the runs, so two probes with identical results stay two files. */
const PROBE_HEADER_PREFIX = 'bisect-report probe: ';
/** Evidence files are a few lines per run; anything this big is not one. */
const MAX_EVIDENCE_BYTES = 64 << 20;
const MAX_FILES = 10_000;
const MAX_TITLES = 20;
/**
 * Reads evidence from files and directories (searched recursively; a missing directory is an
 * empty round, not an error). `inRange(sha)` says whether a commit belongs to the bisection.
 */
function readProbeEvidence(paths, inRange) {
    const tallies = new Map();
    const notices = [];
    const seenHashes = new Map();
    let used = 0;
    for (const file of listFiles(paths, notices)) {
        let text;
        try {
            const size = (0,external_node_fs_.statSync)(file).size;
            if (size > MAX_EVIDENCE_BYTES) {
                notices.push(`${file}: ignored: ${size} bytes is too large for an evidence file`);
                continue;
            }
            text = (0,external_node_fs_.readFileSync)(file, 'utf8');
        }
        catch (err) {
            notices.push(`${file}: ignored: ${err.code ?? 'cannot be read'}`);
            continue;
        }
        const hash = (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
        const earlier = seenHashes.get(hash);
        if (earlier !== undefined) {
            notices.push(`${file}: ignored: same content as ${earlier} (counted once)`);
            continue;
        }
        seenHashes.set(hash, file);
        const parsed = parseEvidenceText(text);
        if ('problem' in parsed) {
            notices.push(`${file}: ignored: ${parsed.problem}`);
            continue;
        }
        if (!inRange(parsed.commit)) {
            notices.push(`${file}: ignored: commit ${parsed.commit.slice(0, 12)} is not in the bisection range`);
            continue;
        }
        used++;
        const cur = tallies.get(parsed.commit);
        if (!cur) {
            tallies.set(parsed.commit, { ...parsed, files: 1 });
            continue;
        }
        cur.runs += parsed.runs;
        cur.failed += parsed.failed;
        cur.passed += parsed.passed;
        cur.skipped += parsed.skipped;
        cur.errors += parsed.errors;
        cur.files++;
        for (const [t, n] of Object.entries(parsed.titles)) {
            if (t in cur.titles || Object.keys(cur.titles).length < MAX_TITLES)
                cur.titles[t] = (cur.titles[t] ?? 0) + n;
        }
    }
    return { tallies, notices, used };
}
/**
 * One probe's output: run lines for one commit, then its verdict line whose counts must match the
 * run lines (a file cut short by a cancelled job has no verdict, or fewer runs than it says).
 */
function parseEvidenceText(text) {
    let commit = null;
    const tally = { runs: 0, failed: 0, passed: 0, skipped: 0, errors: 0 };
    const titles = {};
    let verdict = null;
    let sawRunLine = false;
    for (const raw of text.split('\n')) {
        const parsed = (0,engine/* parseRunOutputLine */.GT)(raw.replace(/\r$/, ''));
        if (!parsed)
            continue;
        sawRunLine = true;
        if (parsed.commit === 'unknown')
            return { problem: 'the probe ran outside a git checkout (commit=unknown)' };
        if (commit === null)
            commit = parsed.commit;
        else if (parsed.commit !== commit)
            return { problem: 'runs of more than one commit in one evidence file' };
        if (verdict !== null)
            return { problem: 'run lines after the verdict line' };
        if (parsed.kind === 'verdict') {
            verdict = parsed.counts;
            continue;
        }
        tally.runs++;
        if (parsed.result === 'pass')
            tally.passed++;
        else if (parsed.result === 'fail') {
            tally.failed++;
            const t = parsed.title ?? `exit ${parsed.exit ?? '?'}`;
            if (t in titles || Object.keys(titles).length < MAX_TITLES)
                titles[t] = (titles[t] ?? 0) + 1;
        }
        else if (parsed.result === 'skip')
            tally.skipped++;
        else
            tally.errors++;
    }
    if (!sawRunLine || commit === null)
        return { problem: 'no `bisect-report run` lines (the probe never ran?)' };
    if (verdict === null)
        return { problem: 'truncated: no verdict line after the runs' };
    if (verdict.runs !== tally.runs ||
        verdict.failed !== tally.failed ||
        verdict.passed !== tally.passed ||
        verdict.skipped + verdict.errors !== tally.skipped + tally.errors) {
        return { problem: `truncated: the verdict counts ${verdict.runs} runs, the file holds ${tally.runs}` };
    }
    return { commit, ...tally, titles };
}
function listFiles(paths, notices) {
    const out = [];
    const walk = (p, depth) => {
        if (out.length >= MAX_FILES)
            return;
        let st;
        try {
            st = (0,external_node_fs_.statSync)(p);
        }
        catch {
            notices.push(`${p}: no evidence there (not found)`);
            return;
        }
        if (st.isFile()) {
            out.push(p);
            return;
        }
        if (!st.isDirectory() || depth > 8)
            return;
        for (const name of (0,external_node_fs_.readdirSync)(p).sort())
            walk((0,external_node_path_.join)(p, name), depth + 1);
    };
    for (const p of paths)
        walk(p, 0);
    if (out.length >= MAX_FILES)
        notices.push(`only the first ${MAX_FILES} evidence files were read`);
    return out;
}

// EXTERNAL MODULE: ./.tmp/build/probability.js
var probability = __webpack_require__(824);
// EXTERNAL MODULE: ./.tmp/build/cli/help.js
var help = __webpack_require__(702);
;// CONCATENATED MODULE: ./.tmp/build/cli/planCommand.js
/**
 * `bisect-report bisect --plan --good G --bad B --jobs K [--runs N] [--rounds-left R]
 *   [--confidence C] [--evidence PATH …] [--log FINAL]`
 *
 * One planning step of a bisection spread over a CI matrix (docs/matrix.md). Reads the probe
 * evidence gathered so far and prints exactly one JSON object on stdout:
 *   {"done": false, "matrix": {"include": [{"commit": "<sha>", "runs": <n>, "slot": <i>}, …]}, …}
 * with at most K entries, or {"done": true, "status": …, "culprit": …, …} with the answer.
 * With --log, writes the log of the evidence so far in the format of `bisect-report bisect`'s log
 * (docs/bisect.md), which the CLI and the action read back. Notices go to stderr.
 *
 * Exit status: 0 a plan or an answer was printed; 2 usage, or a window git cannot give.
 */










const MAX_JOBS = 256;
const MAX_RUNS = 1000;
const PLAN_SPEC = {
    usage: 'bisect-report bisect --plan --good REV --bad REV --jobs K [--runs N] [--rounds-left R] [--confidence C] [--evidence PATH]... [--log FILE]',
    about: 'One round of a bisection across a CI matrix (docs/matrix.md): read the evidence of the `bisect-report run`\n' +
        'probes so far and print one JSON object, the next K jobs {"done": false, "matrix": {"include": [...]}}\n' +
        'or the answer {"done": true, ...}.',
    options: {
        plan: { type: 'boolean', default: false, help: 'plan one round instead of running the test (required)' },
        good: { type: 'string', value: 'REV', help: 'last commit known to pass (required)' },
        bad: { type: 'string', value: 'REV', help: 'first commit known to fail (required)' },
        jobs: {
            type: 'string',
            value: 'K',
            default: '8',
            help: `jobs (commits) in the next round, 1 to ${MAX_JOBS} (default 8)`,
        },
        runs: {
            type: 'string',
            value: 'N',
            default: '5',
            help: `at most N runs per job, 1 to ${MAX_RUNS} (default 5)`,
        },
        confidence: {
            type: 'string',
            value: 'C',
            default: '0.95',
            help: 'probability the answer must reach, between 0.5 and 1 (default 0.95)',
        },
        evidence: {
            type: 'string',
            value: 'PATH',
            multiple: true,
            default: [],
            help: 'evidence files of the probes so far, or directories of them (repeatable)',
        },
        'rounds-left': {
            type: 'string',
            value: 'R',
            help: 'rounds left after this one: runs per job are fitted to them (default: no limit)',
        },
        log: { type: 'string', value: 'FILE', help: 'write the bisect log of the evidence so far there' },
        help: { type: 'boolean', short: 'h', default: false, help: 'print this help and exit' },
    },
    notes: ['Exit status: 0 a plan or an answer was printed, 2 usage or a window git cannot give.'],
};
const PLAN_USAGE = (0,help/* usageLine */.U0)(PLAN_SPEC);
async function planCommand(argv) {
    let values;
    try {
        ({ values } = (0,external_node_util_.parseArgs)({
            args: argv,
            allowPositionals: false,
            options: (0,help/* parseOptions */.Ac)(PLAN_SPEC.options),
        }));
    }
    catch (err) {
        return usage(err.message);
    }
    if (values.help) {
        process.stdout.write((0,help/* commandHelp */.bD)(PLAN_SPEC));
        return 0;
    }
    const jobs = Number(values.jobs);
    const runs = Number(values.runs);
    const confidence = Number(values.confidence);
    const roundsLeft = values['rounds-left'] === undefined ? null : Number(values['rounds-left']);
    if (!values.good || !values.bad)
        return usage('--good and --bad are required');
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > MAX_JOBS)
        return usage(`--jobs must be a whole number 1..${MAX_JOBS}`);
    if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS)
        return usage(`--runs must be a whole number 1..${MAX_RUNS}`);
    if (!(confidence > 0.5 && confidence < 1))
        return usage('--confidence must be between 0.5 and 1');
    if (roundsLeft !== null && !(Number.isInteger(roundsLeft) && roundsLeft >= 0))
        return usage('--rounds-left must be a whole number');
    let repo;
    let commits;
    try {
        repo = (0,worktrees/* openRepo */.B8)();
        commits = (0,worktrees/* windowCommits */.$N)(repo, (0,worktrees/* resolveCommit */.WL)(repo, values.good), (0,worktrees/* resolveCommit */.WL)(repo, values.bad));
    }
    catch (err) {
        process.stderr.write(`bisect-report bisect: ${oneLine(err.message)}\n`);
        return 2;
    }
    const inWindow = new Set(commits);
    const evidence = readProbeEvidence(values.evidence, (sha) => inWindow.has(sha));
    for (const n of evidence.notices)
        process.stderr.write(`bisect-report bisect: notice: ${inert(n)}\n`);
    const plan = planRound({ commits, tallies: evidence.tallies, jobs, maxRuns: runs, confidence, roundsLeft });
    if (values.log) {
        try {
            (0,external_node_fs_.writeFileSync)(values.log, formatMatrixLog(plan, commits, evidence.tallies, (c) => (0,worktrees/* subjectOf */.et)(repo, c)));
        }
        catch (err) {
            const e = err;
            process.stderr.write(`bisect-report bisect: cannot write ${inert(values.log)}: ${e.code ?? e.message}\n`);
            return 2;
        }
    }
    const json = planJson(plan, commits, values.log ?? null);
    process.stdout.write(JSON.stringify(json) + '\n');
    const leader = plan.decision.summary.leader;
    process.stderr.write(`bisect-report bisect: ${commits.length - 1} commits, ${evidence.used} evidence files, ${(0,bisect_engine/* totalRuns */.BL)(plan.state)} runs; ` +
        (plan.done
            ? `done: ${String(json.status)} (${inert(String(json.reason))})\n`
            : `leader ${leader.commit.slice(0, 12)} ${(0,probability/* formatP */.M)(leader.p)}; next round: ${plan.entries.length} jobs × ${plan.entries[0]?.runs ?? 0} runs\n`));
    return 0;
}
/** What the plan ended with, in the words of the `bisect` log's result line. */
function answerOf(plan, commits) {
    const d = plan.decision;
    const short = (s) => s.slice(0, 10);
    const leader = d.summary.leader;
    if (plan.done && plan.error)
        return { status: 'stopped', culprit: null, parent: null, p: leader.p, reason: plan.error };
    switch (d.kind) {
        case 'culprit':
            return {
                status: 'culprit',
                culprit: d.commit,
                parent: d.parent,
                p: d.p,
                reason: `${short(d.commit)} is the first bad commit (${(0,probability/* formatP */.M)(d.p)}), verified against its parent ${short(d.parent)}`,
            };
        case 'not-reproduced':
            return {
                status: 'not-reproduced',
                culprit: null,
                parent: null,
                p: d.p,
                reason: `the failure does not reproduce at ${short(commits[commits.length - 1])} (${(0,probability/* formatP */.M)(d.p)}): no culprit, it was a flake`,
            };
        case 'older':
            return {
                status: 'older',
                culprit: null,
                parent: null,
                p: d.p,
                reason: `the good commit ${short(commits[0])} fails too (${(0,probability/* formatP */.M)(d.p)}): the change is older than the window`,
            };
        case 'range':
            return {
                status: 'range',
                culprit: null,
                parent: null,
                p: leader.p,
                reason: `the first bad commit is one of ${d.summary.range.commits} commits: the commits between cannot be tested`,
            };
        default:
            return {
                status: 'stopped',
                culprit: null,
                parent: null,
                p: leader.p,
                reason: `not settled: the leader ${short(leader.commit)} has ${(0,probability/* formatP */.M)(leader.p)} after ${(0,bisect_engine/* totalRuns */.BL)(plan.state)} runs`,
            };
    }
}
function planJson(plan, commits, log) {
    const leader = plan.decision.summary.leader;
    const runs = (0,bisect_engine/* totalRuns */.BL)(plan.state);
    if (!plan.done) {
        return {
            done: false,
            matrix: { include: plan.entries.map((e, i) => ({ commit: e.commit, runs: e.runs, slot: i + 1 })) },
            leader: { commit: leader.commit, p: round(leader.p) },
            runs,
        };
    }
    const a = answerOf(plan, commits);
    return {
        done: true,
        status: a.status,
        culprit: a.culprit,
        parent: a.parent,
        p: round(a.p),
        reason: a.reason,
        runs,
        log,
    };
}
const round = (p) => Math.round(p * 1e6) / 1e6;
/**
 * The evidence as the log `bisect-report bisect` writes (docs/bisect.md): the window, each tested
 * commit's position and runs, the verdicts the answer implies and the result line.
 */
function formatMatrixLog(plan, commits, tallies, subjectOf) {
    const subject = (sha) => oneLine(subjectOf(sha));
    const good = commits[0];
    const bad = commits[commits.length - 1];
    const size = commits.length - 1;
    const lines = [
        'git bisect start',
        `# bad: [${bad}] ${subject(bad)}`,
        `git bisect bad ${bad}`,
        `# good: [${good}] ${subject(good)}`,
        `git bisect good ${good}`,
        (0,logLines/* formatWindowLine */.kJ)(good, bad, size),
    ];
    const tested = commits
        .map((commit, position) => ({ commit, position, t: tallies.get(commit) }))
        .filter((x) => x.t !== undefined);
    for (const { commit, position, t } of tested) {
        lines.push((0,logLines/* formatPositionLine */.$S)(commit, position, size));
        let i = 0;
        for (const [title, n] of Object.entries(t.titles)) {
            const exit = /^exit (\S+)$/.exec(title)?.[1] ?? '1';
            const shown = /^exit \S+$/.test(title) ? null : title;
            for (let k = 0; k < n; k++)
                lines.push((0,engine/* formatRunLine */.Df)(commit, ++i, t.runs, 'fail', exit, shown));
        }
        for (let k = i; k < t.failed; k++)
            lines.push((0,engine/* formatRunLine */.Df)(commit, ++i, t.runs, 'fail', '1', null));
        for (let k = 0; k < t.passed; k++)
            lines.push((0,engine/* formatRunLine */.Df)(commit, ++i, t.runs, 'pass', '0', null));
        for (let k = 0; k < t.skipped; k++)
            lines.push((0,engine/* formatRunLine */.Df)(commit, ++i, t.runs, 'skip', '125', null));
        for (let k = 0; k < t.errors; k++)
            lines.push((0,engine/* formatRunLine */.Df)(commit, ++i, t.runs, 'error', '127', null));
    }
    const a = answerOf(plan, commits);
    const culpritAt = a.culprit ? commits.indexOf(a.culprit) : -1;
    if (culpritAt > 0) {
        for (const { commit, position, t } of tested) {
            if (t.failed + t.passed === 0)
                continue;
            const term = position < culpritAt ? 'good' : 'bad';
            lines.push(`# ${term}: [${commit}] ${subject(commit)}`, `git bisect ${term} ${commit}`);
        }
    }
    const kind = a.status;
    const culprit = a.culprit && a.parent ? { commit: a.culprit, parent: a.parent } : undefined;
    lines.push((0,logLines/* formatResultLine */.vf)(kind, (0,bisect_engine/* totalRuns */.BL)(plan.state), a.p, a.reason, culprit));
    if (a.culprit)
        lines.push(`# first bad commit: [${a.culprit}] ${subject(a.culprit)}`);
    return lines.join('\n') + '\n';
}
function usage(message) {
    process.stderr.write(`bisect-report bisect: ${message}\n${PLAN_USAGE}`);
    return 2;
}
const oneLine = (s) => s.replace(/[\r\n\u2028\u2029]+/g, ' ').slice(0, 300);
/** Notices quote file names: keep them inert on a runner. */
const inert = (s) => (0,render_escape/* neutraliseWorkflowCommands */.WM)(oneLine(s).replace(/[\x00-\x1f\x7f]/g, '?'));


/***/ })

};
