export const id = 904;
export const ids = [904];
export const modules = {

/***/ 238:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  _X: () => (/* binding */ BISECT_PARAMS),
  Vw: () => (/* binding */ chooseNext),
  xp: () => (/* binding */ createBisection),
  xR: () => (/* binding */ decision),
  lB: () => (/* binding */ observe),
  BL: () => (/* binding */ totalRuns)
});

// UNUSED EXPORTS: CHOICE_Q_PRIOR, positionOf, readsBackVerified, summary, verification

;// CONCATENATED MODULE: ./.tmp/build/bisect/conjugate.js
/**
 * The trust model's posterior (src/analyse/posterior.ts) in closed form, for the search loop.
 *
 * With hard outcomes (a run fails or passes) and no per-commit drift, the repro rate q ~ Beta(a, b)
 * and the false-alarm rate ε ~ Beta(a′, b′) integrate out exactly (Beta-Binomial), so the marginal
 * likelihood of each hypothesis is a product of two Beta-function ratios. computePosterior gets the
 * same numbers on a logit grid in about 2 ms; choosing a probe evaluates hundreds of "what if this
 * run fails / passes" posteriors, so here one update costs O(tested commits). A test checks that
 * both agree (test/bisect-engine.test.ts).
 *
 * Hypotheses j: 0 = "outside" (the good end fails too), 1..size = position j is the first bad
 * commit, size + 1 = "no culprit". Under j, a position i is bad iff i ≥ j. Hypotheses between two
 * tested positions share one likelihood, so they are kept in blocks.
 */
/** log Γ(x) for x > 0 (Lanczos, g = 7). */
function logGamma(x) {
    if (x < 0.5)
        return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    const c = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
    x -= 1;
    let a = c[0];
    const t = x + 7.5;
    for (let i = 1; i < 9; i++)
        a += c[i] / (x + i);
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
function logBeta(a, b) {
    return logGamma(a) + logGamma(b) - logGamma(a + b);
}
function logAddAll(xs) {
    let max = -Infinity;
    for (const x of xs)
        if (x > max)
            max = x;
    if (max === -Infinity)
        return -Infinity;
    let s = 0;
    for (const x of xs)
        s += Math.exp(x - max);
    return max + Math.log(s);
}
/** Prior mass of hypotheses lo..hi. */
function priorMass(size, prior, lo, hi) {
    const share = (1 - prior.outside - prior.noCulprit) / Math.max(1, size);
    let m = 0;
    if (lo <= 0 && hi >= 0)
        m += prior.outside;
    if (lo <= size + 1 && hi >= size + 1)
        m += prior.noCulprit;
    const wl = Math.max(1, lo);
    const wh = Math.min(size, hi);
    if (wh >= wl)
        m += share * (wh - wl + 1);
    return m;
}
/** Builds the posterior from runs per position (positions 0..size; duplicates are merged). */
function conjugatePosterior(size, prior, counts) {
    const merged = new Map();
    for (const c of counts) {
        if (c.fail + c.pass <= 0)
            continue;
        const m = merged.get(c.position);
        if (m) {
            m.fail += c.fail;
            m.pass += c.pass;
        }
        else
            merged.set(c.position, { ...c });
    }
    const tested = [...merged.values()].sort((a, b) => a.position - b.position);
    const n = tested.length;
    const goodFail = [0];
    const goodPass = [0];
    for (let i = 0; i < n; i++) {
        goodFail.push(goodFail[i] + tested[i].fail);
        goodPass.push(goodPass[i] + tested[i].pass);
    }
    const badFail = [];
    const badPass = [];
    for (let s = 0; s <= n; s++) {
        badFail.push(goodFail[n] - goodFail[s]);
        badPass.push(goodPass[n] - goodPass[s]);
    }
    const [aq, bq] = prior.q;
    const [ae, be] = prior.eps;
    const base = logBeta(aq, bq) + logBeta(ae, be);
    // Blocks: the special hypotheses 0 and size + 1 alone, window positions between tested ones.
    const raw = [];
    for (let s = 0; s <= n; s++) {
        const lo = s === 0 ? 0 : tested[s - 1].position + 1;
        const hi = s === n ? size + 1 : tested[s].position;
        if (hi < lo)
            continue;
        const logLik = logBeta(aq + badFail[s], bq + badPass[s]) + logBeta(ae + goodFail[s], be + goodPass[s]) - base;
        const parts = [];
        let a = lo;
        if (a === 0) {
            parts.push([0, 0]);
            a = 1;
        }
        const b = Math.min(hi, size);
        if (b >= a)
            parts.push([a, b]);
        if (hi === size + 1)
            parts.push([size + 1, size + 1]);
        for (const [l, h] of parts) {
            const pm = priorMass(size, prior, l, h);
            if (pm > 0)
                raw.push({ lo: l, hi: h, segment: s, logw: Math.log(pm) + logLik });
        }
    }
    const logZ = logAddAll(raw.map((r) => r.logw));
    const blocks = raw.map((r) => ({
        lo: r.lo,
        hi: r.hi,
        segment: r.segment,
        mass: Math.exp(r.logw - logZ),
    }));
    const post = {
        size,
        prior,
        tested,
        blocks,
        logZ,
        entropy: 0,
        badFail,
        badPass,
        goodFail,
        goodPass,
    };
    post.entropy = entropyOf(blocks, size, prior);
    return post;
}
/** Entropy of a block's mass spread over its hypotheses in proportion to their (uniform) prior. */
function blockEntropy(mass, count) {
    return mass > 0 ? -mass * Math.log(mass / count) : 0;
}
function entropyOf(blocks, size, prior) {
    let h = 0;
    for (const b of blocks)
        h += blockEntropy(b.mass, b.hi - b.lo + 1);
    void size;
    void prior;
    return h;
}
/** P(a run at x fails | hypothesis block), from the pooled rate posteriors of its segment. */
function failChance(post, segment, xBad) {
    const [aq, bq] = post.prior.q;
    const [ae, be] = post.prior.eps;
    if (xBad) {
        const f = post.badFail[segment];
        return (aq + f) / (aq + bq + f + post.badPass[segment]);
    }
    const f = post.goodFail[segment];
    return (ae + f) / (ae + be + f + post.goodPass[segment]);
}
/**
 * Expected information (nats) from one run at position x, and the chance it fails.
 * Hypotheses j ≤ x make x bad, j > x good; a block straddling x is split.
 */
function gainOfOneRun(post, x) {
    const masses = [];
    for (const b of post.blocks) {
        if (b.mass <= 0)
            continue;
        if (b.hi <= x)
            masses.push({ mass: b.mass, count: b.hi - b.lo + 1, pf: failChance(post, b.segment, true) });
        else if (b.lo > x)
            masses.push({ mass: b.mass, count: b.hi - b.lo + 1, pf: failChance(post, b.segment, false) });
        else {
            // Only window blocks straddle (the special hypotheses are single); mass splits by count.
            const count = b.hi - b.lo + 1;
            const below = x - b.lo + 1;
            masses.push({ mass: (b.mass * below) / count, count: below, pf: failChance(post, b.segment, true) });
            masses.push({
                mass: (b.mass * (count - below)) / count,
                count: count - below,
                pf: failChance(post, b.segment, false),
            });
        }
    }
    let pFail = 0;
    for (const m of masses)
        pFail += m.mass * m.pf;
    const pPass = 1 - pFail;
    let hFail = 0;
    let hPass = 0;
    for (const m of masses) {
        if (pFail > 0)
            hFail += blockEntropy((m.mass * m.pf) / pFail, m.count);
        if (pPass > 0)
            hPass += blockEntropy((m.mass * (1 - m.pf)) / pPass, m.count);
    }
    return { gain: post.entropy - pFail * hFail - pPass * hPass, pFail };
}
/** Posterior mass of the first-bad-commit hypothesis j (0 = outside, size + 1 = no culprit). */
function massOf(post, j) {
    for (const b of post.blocks)
        if (j >= b.lo && j <= b.hi)
            return b.mass / (b.hi - b.lo + 1);
    return 0;
}

// EXTERNAL MODULE: ./.tmp/build/analyse/posterior.js
var posterior = __webpack_require__(115);
// EXTERNAL MODULE: ./.tmp/build/analyse/verified.js
var verified = __webpack_require__(220);
// EXTERNAL MODULE: ./.tmp/build/analyse/profile.js
var profile = __webpack_require__(371);
;// CONCATENATED MODULE: ./.tmp/build/bisect/engine.js
/**
 * The engine of `bisect-report bisect` / `verify`: a flake-aware Bayesian search for the first bad
 * commit. Pure functions over an immutable state; the CLI runs the test. docs/bisect.md ("How it
 * decides") names every parameter used here.
 *
 * Model: the trust analysis' own posterior (src/analyse/posterior.ts, one model, not two). Window
 * positions 0..size, 0 = the good end, size = the bad end; hypotheses "position j is the first bad
 * commit" (j = 1..size), "outside" (the good end fails too: the change is older) and "no culprit"
 * (the bad end does not really fail). The test's repro rate q (bad commits) and false-alarm rate ε
 * (good commits) are unknown and integrated out, with the trust model's priors (q uniform: a
 * reliable test is not presumed).
 *
 * Choice: the probe with the largest expected information gain (reduction of the posterior entropy
 * over the hypotheses) per run, evaluated exactly by Bayes on each possible outcome, under
 * CHOICE_Q_PRIOR; several probes at once (parallel jobs) are chosen greedily, each one given the
 * outcomes the earlier ones may have. Once the leader holds `confidence`, runs follow the cheapest
 * plan (culprit failures, parent passes) to the stop rule instead.
 *
 * Stop: a commit holds `confidence` of the posterior, has direct evidence (its own runs and its
 * parent's own runs each favour their side by a Bayes factor of confidence / (1 − confidence)) and
 * meets the `verified` rule (src/analyse/verified.ts); or "the failure does not reproduce" (no
 * culprit, or a repro rate below `minRepro`) holds `confidence`; or the good end itself fails
 * (outside); or only untestable commits are left to separate the candidates (a range).
 */




const DEFAULT_MIN_REPRO = 0.05;
/**
 * The search model: the trust analysis' priors for a project's test (its false-alarm prior), without
 * its per-commit drift mixture. Drift guards
 * a reader of someone else's log against one low-hit commit called good; here every commit that
 * decides the answer is re-run until its own runs settle it (the verification), and drift would
 * only make each "good" cost more runs.
 */
const BISECT_PARAMS = { ...posterior/* DEFAULT_PARAMS */.bp, drift: 0, epsPrior: profile/* TEST_FALSE_ALARM_PRIOR */._Y };
function createBisection(options) {
    const { commits } = options;
    if (commits.length < 2)
        throw new Error('a bisection needs a good and a bad commit');
    const base = options.params ?? BISECT_PARAMS;
    const params = {
        ...base,
        priorOutside: options.prior?.outside ?? base.priorOutside,
        priorNoCulprit: options.prior?.noCulprit ?? base.priorNoCulprit,
    };
    if (!(params.priorOutside >= 0 &&
        params.priorNoCulprit >= 0 &&
        params.priorOutside + params.priorNoCulprit < 1)) {
        throw new Error('prior: outside + noCulprit must be in [0, 1)');
    }
    const index = new Map();
    commits.forEach((c, i) => {
        if (!index.has(c))
            index.set(c, i);
    });
    return {
        commits: [...commits],
        size: commits.length - 1,
        tallies: new Map(),
        untestable: new Set(),
        params,
        minRepro: options.minRepro ?? DEFAULT_MIN_REPRO,
        index,
    };
}
/** Position of a commit (sha, or a position number) in the window; throws when it is not in it. */
function positionOf(state, commit) {
    if (typeof commit === 'number') {
        if (!Number.isInteger(commit) || commit < 0 || commit > state.size)
            throw new Error(`no position ${commit}`);
        return commit;
    }
    const exact = state.index.get(commit);
    if (exact !== undefined)
        return exact;
    if (commit.length >= 4) {
        const hits = state.commits.flatMap((c, i) => (c.startsWith(commit) ? [i] : []));
        if (hits.length === 1)
            return hits[0];
    }
    throw new Error(`commit ${commit} is not in the bisection window`);
}
/** Records `count` runs with one outcome at a commit. Returns a new state. */
function observe(state, commit, outcome, count = 1) {
    const position = positionOf(state, commit);
    if (!(count >= 0) || !Number.isInteger(count))
        throw new Error('count must be a non-negative integer');
    const tallies = new Map(state.tallies);
    const cur = tallies.get(position) ?? { fail: 0, pass: 0, skip: 0 };
    tallies.set(position, { ...cur, [outcome]: cur[outcome] + count });
    let untestable = state.untestable;
    const t = tallies.get(position);
    // A commit that only ever answers "cannot test" is left alone; one real run makes it testable.
    if (outcome === 'skip' && t.fail + t.pass === 0)
        untestable = new Set(untestable).add(position);
    else if (outcome !== 'skip' && untestable.has(position)) {
        untestable = new Set(untestable);
        untestable.delete(position);
    }
    return { ...state, tallies, untestable };
}
function totalRuns(state) {
    let n = 0;
    for (const t of state.tallies.values())
        n += t.fail + t.pass + t.skip;
    return n;
}
function evidenceOf(tallies) {
    const out = [];
    for (const [position, t] of tallies) {
        if (t.fail + t.pass === 0)
            continue;
        out.push({ position, crashes: t.fail > 0 ? [{ weight: 1, count: t.fail }] : [], clean: t.pass });
    }
    return out;
}
function solve(state, evidence) {
    const post = (0,posterior/* computePosterior */.hh)(evidence, state.size, state.params, true);
    return { post, logZ: logEvidence(post, state.params), entropy: engine_entropyOf(post) };
}
/**
 * The posterior of a state, computed once: states are immutable, and the decision, the summary and
 * the choice of the next runs all ask for the same one (with --jobs, once per ended run).
 */
const solvedStates = new WeakMap();
function solveState(state) {
    let solved = solvedStates.get(state);
    if (solved === undefined) {
        solved = solve(state, evidenceOf(state.tallies));
        solvedStates.set(state, solved);
    }
    return solved;
}
/**
 * log of the marginal likelihood: the segment priors computePosterior uses (uniform over the window,
 * plus "outside" on the first segment and "no culprit" on the last) times each segment's likelihood.
 */
function logEvidence(post, params) {
    const n = post.segments.length - 1;
    const windowShare = 1 - params.priorOutside - params.priorNoCulprit;
    const terms = [];
    post.segments.forEach((seg, s) => {
        const count = Math.max(0, seg.last - seg.first + 1);
        let prior = (windowShare * count) / Math.max(1, post.size);
        if (s === 0)
            prior += params.priorOutside;
        if (s === n)
            prior += params.priorNoCulprit;
        if (prior > 0)
            terms.push(Math.log(prior) + post.logLik[s]);
    });
    return (0,posterior/* logSumExp */.VZ)(terms);
}
/** Entropy (nats) of the posterior over positions, "outside" and "no culprit". */
function engine_entropyOf(post) {
    let h = 0;
    const add = (p, count) => {
        if (p > 0)
            h -= p * Math.log(p / count);
    };
    for (const seg of post.segments) {
        const count = seg.last - seg.first + 1;
        if (count > 0)
            add(seg.mass, count);
    }
    add(post.outside, 1);
    add(post.noCulprit, 1);
    return h;
}
/** Probability mass per window position, and the position holding the most. */
function leaderOf(post) {
    let best = { position: post.size, p: 0 };
    for (const seg of post.segments) {
        const count = seg.last - seg.first + 1;
        if (count <= 0)
            continue;
        const p = seg.mass / count;
        if (p > best.p)
            best = { position: seg.first, p };
    }
    return best;
}
function massBelow(points, weights, limit) {
    let m = 0;
    for (let k = 0; k < points.length; k++)
        if (points[k] < limit)
            m += weights[k];
    return m;
}
function priorMassBelow(params, limit) {
    // Beta(a, b) prior of q on the same logit grid computePosterior integrates over.
    const [a, b] = params.qPrior;
    const pts = [];
    const logw = [];
    for (let k = 0; k < params.gridSize; k++) {
        const x = -9 + (18 * (k + 0.5)) / params.gridSize;
        const p = 1 / (1 + Math.exp(-x));
        pts.push(p);
        logw.push(a * Math.log(p) + b * Math.log1p(-p));
    }
    const z = (0,posterior/* logSumExp */.VZ)(logw);
    return massBelow(pts, logw.map((w) => Math.exp(w - z)), limit);
}
function credible(post, level) {
    const segs = post.segments.filter((s) => s.last >= s.first);
    const total = segs.reduce((a, s) => a + s.mass, 0);
    if (!(total > 0) || segs.length === 0)
        return { first: 1, last: post.size };
    const target = level * total * (1 - 1e-9);
    let best = { first: 1, last: post.size };
    let j = 0;
    let acc = 0;
    for (let i = 0; i < segs.length; i++) {
        while (j < segs.length && acc < target)
            acc += segs[j++].mass;
        if (acc < target)
            break;
        if (segs[j - 1].last - segs[i].first < best.last - best.first)
            best = { first: segs[i].first, last: segs[j - 1].last };
        acc -= segs[i].mass;
    }
    return best;
}
function rangeOf(state, range) {
    return {
        ...range,
        firstCommit: state.commits[range.first],
        lastCommit: state.commits[range.last],
        commits: range.last - range.first + 1,
    };
}
function summarize(state, solved) {
    const { post } = solved;
    const lead = leaderOf(post);
    const range = credible(post, 0.9);
    const below = massBelow(post.qGrid.points, post.qGrid.weights, state.minRepro);
    const notReproduced = Math.min(1, post.noCulprit + Math.max(0, below - post.noCulprit * priorMassBelow(state.params, state.minRepro)));
    return {
        leader: { commit: state.commits[lead.position], position: lead.position, p: lead.p },
        range: rangeOf(state, range),
        noCulprit: post.noCulprit,
        outside: post.outside,
        notReproduced,
        repro: post.repro,
        falseAlarm: post.falseAlarm,
        entropyBits: solved.entropy / Math.LN2,
        runs: totalRuns(state),
    };
}
/** The posterior as a person reads it (leader, 90 % range, rates, doubts). */
function summary(state) {
    return summarize(state, solveState(state));
}
/** Bayes factor (bad : good) of one position's own runs, under the posterior rates. */
function ownBayesFactor(state, post, position) {
    const t = state.tallies.get(position);
    if (!t || t.fail + t.pass === 0)
        return null;
    return (10 **
        (0,posterior/* log10BayesFactor */.Zr)({ position, crashes: t.fail > 0 ? [{ weight: 1, count: t.fail }] : [], clean: t.pass }, post, state.params));
}
/**
 * Direct evidence for a culprit at `position` (LUCI's culprit-and-parent check, with run counts set
 * by the measured rates): the culprit's own runs favour "bad" and the parent's own runs favour
 * "good", each by at least confidence / (1 − confidence). Returns which side is short, if any.
 */
function verification(state, position, confidence, post = solveState(state).post) {
    const need = confidence / (1 - confidence);
    const culprit = ownBayesFactor(state, post, position);
    const parentBad = position >= 1 ? ownBayesFactor(state, post, position - 1) : null;
    const parent = parentBad === null ? null : 1 / parentBad;
    const culpritOk = culprit !== null && culprit >= need;
    const parentOk = parent !== null && parent >= need;
    let weaker = null;
    if (!culpritOk || !parentOk) {
        if (!culpritOk && !parentOk)
            weaker = (culprit ?? 0) <= (parent ?? 0) ? position : position - 1;
        else
            weaker = culpritOk ? position - 1 : position;
    }
    return { verified: culpritOk && parentOk, culpritFactor: culprit, parentFactor: parent, weaker };
}
/** Whether the search is over, and with which answer. */
function decision(state, options = {}) {
    const confidence = options.confidence ?? 0.95;
    const solved = solveState(state);
    const s = summarize(state, solved);
    if (s.leader.p >= confidence && s.leader.position >= 1) {
        const v = verification(state, s.leader.position, confidence, solved.post);
        if (v.verified && readsBackVerified(state, s.leader.position, solved.post).verified) {
            return {
                kind: 'culprit',
                commit: s.leader.commit,
                position: s.leader.position,
                parent: state.commits[s.leader.position - 1],
                p: s.leader.p,
                summary: s,
            };
        }
    }
    if (s.notReproduced >= confidence)
        return { kind: 'not-reproduced', p: s.notReproduced, summary: s };
    if (s.outside >= confidence)
        return { kind: 'older', p: s.outside, summary: s };
    // A range: the credible range at the confidence holds no testable commit that could split it.
    const r = credible(solved.post, confidence);
    let splittable = false;
    for (let p = r.first; p < r.last && !splittable; p++)
        splittable = !state.untestable.has(p);
    if (r.last > r.first && !splittable)
        return { kind: 'range', summary: { ...s, range: rangeOf(state, r) } };
    return { kind: 'continue', summary: s };
}
/** Information below this (nats per run) is not worth a run (docs/bisect.md, "Where to run next"). */
const MIN_GAIN = 1e-7;
/** Joint outcomes of the runs still going enumerated when choosing for a free job slot. */
const MAX_SCENARIOS = 64;
/** Windows up to this size are searched exhaustively; larger ones on a set of candidates. */
const EXHAUSTIVE = 4096;
/**
 * Prior of the repro rate under which runs are *chosen* (docs/bisect.md, "Where to run next"):
 * Jeffreys' Beta(½, ½). Against the trust model's uniform prior it expects a test to be nearer
 * reliable or nearer useless than halfway, so one pass above a failure counts for more when picking
 * the next commit — the search does not keep re-testing below a pass "in case it missed". It only
 * moves runs: the posterior, the stop rule and every probability reported are the trust model's
 * (BISECT_PARAMS), so it cannot make an answer look surer than the runs make it.
 */
const CHOICE_Q_PRIOR = [0.5, 0.5];
/** The rate priors the probe choice uses: the search model's, with CHOICE_Q_PRIOR for the repro rate. */
function ratePrior(state) {
    const p = state.params;
    return { q: CHOICE_Q_PRIOR, eps: p.epsPrior, outside: p.priorOutside, noCulprit: p.priorNoCulprit };
}
function countsOf(state, extra = [], extraFails = []) {
    const out = [];
    for (const [position, t] of state.tallies)
        out.push({ position, fail: t.fail, pass: t.pass });
    extra.forEach((position, i) => out.push({ position, fail: extraFails[i] ? 1 : 0, pass: extraFails[i] ? 0 : 1 }));
    return out;
}
/**
 * Up to `k` probes (commit, runs) to run next, chosen by expected information gain per run; with
 * `pending` probes already running (their outcomes unknown), the choice accounts for them.
 * Returns [] when no testable commit can still change the answer.
 */
function chooseNext(state, k, pending = [], options = {}) {
    const confidence = options.confidence ?? 0.95;
    const prior = ratePrior(state);
    const base = conjugatePosterior(state.size, prior, countsOf(state));
    const slots = pending.flatMap((p) => Array(p.runs).fill(positionOf(state, p.commit)));
    const chosen = [];
    // Verification first: a leader at the confidence without direct evidence needs runs there. With
    // several slots the plan's runs go out together (less the ones already running), alternating
    // sides; one slot takes its first run only, and the plan is made again after each outcome.
    const plan = verificationNeed(state, confidence);
    if (plan !== null) {
        const running = (position) => slots.filter((s) => s === position).length;
        const need = new Map([
            [plan.culprit, plan.fails - running(plan.culprit)],
            [plan.parent, plan.passes - running(plan.parent)],
        ]);
        while (chosen.length < k) {
            // The culprit's side first while it needs runs (as with one slot), then the side needing more.
            const culpritFirst = chosen.length === 0 && slots.length === 0 && need.get(plan.culprit) > 0;
            const side = culpritFirst || need.get(plan.culprit) >= need.get(plan.parent) ? plan.culprit : plan.parent;
            if (need.get(side) <= 0)
                break;
            need.set(side, need.get(side) - 1);
            chosen.push(side);
        }
    }
    const candidates = candidatePositions(state, base);
    if (candidates.length === 0)
        return [];
    while (chosen.length < k) {
        const scenarios = enumerate(state, prior, [...slots, ...chosen]);
        let best = null;
        for (const x of candidates) {
            let gain = 0;
            for (const sc of scenarios)
                gain += sc.weight * gainOfOneRun(sc.post, x).gain;
            if (!best || gain > best.gain + 1e-12)
                best = { position: x, gain };
        }
        if (!best || best.gain < MIN_GAIN)
            break;
        chosen.push(best.position);
    }
    const byPosition = new Map();
    for (const p of chosen)
        byPosition.set(p, (byPosition.get(p) ?? 0) + 1);
    return [...byPosition].map(([position, runs]) => ({ commit: state.commits[position], position, runs }));
}
/** Longest verification plan considered, in runs at the culprit and at its parent each. */
const PLAN_RUNS = 24;
/**
 * The runs at the culprit and its parent to make when the leader is at the confidence but the stop
 * rule does not hold yet. The plan: the fewest runs — failures at the culprit, passes at its parent, the
 * outcomes expected if the leader is right — after which the stop rule (the engine's Bayes factors
 * and the `verified` rule) holds, each side weighted by the runs one such outcome costs on average
 * (1 / q at the culprit, 1 / (1 − ε) at the parent). Its first run is the next one (all of it with
 * enough free slots); after each real outcome the plan is made again, so an outcome that goes the
 * other way changes it.
 */
function verificationNeed(state, confidence) {
    const post = solveState(state).post;
    const lead = leaderOf(post);
    if (lead.p < confidence || lead.position < 1)
        return null;
    const culprit = lead.position;
    const parent = culprit - 1;
    const canCulprit = !state.untestable.has(culprit);
    const canParent = !state.untestable.has(parent);
    if (!canCulprit && !canParent)
        return null;
    const stops = (fails, passes) => {
        let s = state;
        if (fails > 0)
            s = observe(s, culprit, 'fail', fails);
        if (passes > 0)
            s = observe(s, parent, 'pass', passes);
        const d = decision(s, { confidence });
        return d.kind === 'culprit' && d.position === culprit;
    };
    const costFail = 1 / Math.max(0.05, post.repro.mean);
    const costPass = 1 / Math.max(0.05, 1 - post.falseAlarm.mean);
    // j*(i), the passes needed after i failures, only falls as i grows: walk both ends once.
    let best = null;
    let passes = canParent ? PLAN_RUNS : 0;
    for (let fails = 0; fails <= (canCulprit ? PLAN_RUNS : 0); fails++) {
        if (!stops(fails, passes))
            continue;
        while (passes > 0 && stops(fails, passes - 1))
            passes--;
        const cost = fails * costFail + passes * costPass;
        if (!best || cost < best.cost)
            best = { fails, passes, cost };
        if (passes === 0)
            break;
    }
    if (best === null) {
        // No plan within reach: more runs where the direct evidence is weaker.
        const v = verification(state, culprit, confidence, post);
        const side = v.weaker ?? ((v.culpritFactor ?? 0) <= (v.parentFactor ?? 0) ? culprit : parent);
        if (state.untestable.has(side))
            return null;
        return { culprit, parent, fails: side === culprit ? 1 : 0, passes: side === parent ? 1 : 0 };
    }
    if (best.fails === 0 && best.passes === 0)
        return null;
    return { culprit, parent, fails: best.fails, passes: best.passes };
}
/**
 * The trust analysis' `verified` rule (src/analyse/verified.ts) on this bisection's runs, as a reader
 * of its log will apply it: a culprit is named only when this holds (docs/trust.md, "What each label promises"). The log reads
 * back as a git format, whose root-cause base is a project test's and whose model has no drift.
 */
function readsBackVerified(state, position, post) {
    const readBack = { ...posterior/* DEFAULT_PARAMS */.bp, drift: 0, epsPrior: profile/* TEST_FALSE_ALARM_PRIOR */._Y };
    const evidence = evidenceOf(state.tallies);
    const same = post !== undefined && JSON.stringify(state.params) === JSON.stringify(readBack);
    return (0,verified/* checkVerified */.Xi)(evidence, state.size, position, readBack, profile/* TEST_ROOT_CAUSE_BASE */.EM, same ? post : (0,posterior/* computePosterior */.hh)(evidence, state.size, readBack, true));
}
/**
 * Outcomes of the runs already chosen (or running), with their predictive probabilities: the
 * states the next probe will be evaluated in. Enumerated exactly while small, else the most likely.
 */
function enumerate(state, prior, slots) {
    let scenarios = [{ weight: 1, fails: [] }];
    const postOf = (fails) => conjugatePosterior(state.size, prior, countsOf(state, slots.slice(0, fails.length), fails));
    for (let i = 0; i < slots.length; i++) {
        const next = [];
        for (const sc of scenarios) {
            const { pFail } = gainOfOneRun(postOf(sc.fails), slots[i]);
            next.push({ weight: sc.weight * pFail, fails: [...sc.fails, true] });
            next.push({ weight: sc.weight * (1 - pFail), fails: [...sc.fails, false] });
        }
        next.sort((a, b) => b.weight - a.weight);
        scenarios = next.slice(0, MAX_SCENARIOS);
        const total = scenarios.reduce((a, s) => a + s.weight, 0);
        for (const s of scenarios)
            s.weight /= total;
    }
    return scenarios.map((s) => ({ weight: s.weight, post: postOf(s.fails) }));
}
/**
 * Positions worth evaluating: every testable one in windows up to EXHAUSTIVE commits; in larger
 * ones the ends, tested positions and their neighbours, and evenly spaced points inside each
 * block that holds mass (the posterior is flat inside a block).
 */
function candidatePositions(state, post) {
    if (state.size + 1 <= EXHAUSTIVE) {
        const all = [];
        for (let p = 0; p <= state.size; p++)
            if (!state.untestable.has(p))
                all.push(p);
        return all;
    }
    const out = new Set();
    const add = (p) => {
        if (p >= 0 && p <= state.size && !state.untestable.has(p))
            out.add(p);
    };
    add(0);
    add(state.size);
    for (const t of post.tested) {
        add(t.position - 1);
        add(t.position);
        add(t.position + 1);
    }
    const per = Math.max(8, Math.floor(EXHAUSTIVE / Math.max(1, post.blocks.length)));
    for (const b of post.blocks) {
        if (b.mass < 1e-6)
            continue;
        const lo = Math.max(0, b.lo - 1);
        const hi = Math.min(state.size, b.hi);
        const span = hi - lo;
        const step = Math.max(1, Math.floor(span / per));
        for (let p = lo; p <= hi; p += step)
            add(p);
    }
    return [...out].sort((a, b) => a - b);
}


/***/ }),

/***/ 172:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $N: () => (/* binding */ windowCommits),
/* harmony export */   B8: () => (/* binding */ openRepo),
/* harmony export */   WL: () => (/* binding */ resolveCommit),
/* harmony export */   XS: () => (/* binding */ GitError),
/* harmony export */   Z6: () => (/* binding */ subjectsOf),
/* harmony export */   et: () => (/* binding */ subjectOf),
/* harmony export */   pE: () => (/* binding */ Worktrees),
/* harmony export */   v1: () => (/* binding */ firstParent),
/* harmony export */   vi: () => (/* binding */ pinUntracked)
/* harmony export */ });
/* unused harmony export git */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(421);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(24);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(161);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(760);
/**
 * Git plumbing for `bisect-report bisect` / `verify`: resolving revisions, listing the window, and
 * private worktrees the test runs in. The user's HEAD, branch, index, work tree and worktree list
 * are never touched: every checkout happens in a worktree under a temporary directory, removed
 * again (`git worktree remove --force`, once more after its folder is deleted if that failed; never
 * `git worktree prune`, which would touch the user's own entries).
 */




class GitError extends Error {
    signal;
    /** Set when git was ended by a signal (a Ctrl-C reaches it too): an interrupt, not a git answer. */
    constructor(message, signal = null) {
        super(message);
        this.signal = signal;
    }
}
const gitEnv = () => ({ ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' });
/** Runs git synchronously; returns trimmed stdout or throws GitError with git's first error line. */
function git(cwd, args) {
    const r = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', args, { cwd, encoding: 'utf8', env: gitEnv(), maxBuffer: 1 << 28 });
    if (r.error)
        throw new GitError(`cannot run git: ${r.error.message}`);
    if (r.signal)
        throw new GitError(`git ${args[0]} was ended by ${r.signal}`, r.signal);
    if (r.status !== 0) {
        const msg = (r.stderr || '').trim().split('\n').find(Boolean) ?? `git ${args[0]} failed`;
        throw new GitError(msg.replace(/^(?:fatal|error): /, ''));
    }
    return r.stdout.trim();
}
/** Async git (worktree checkouts while other tests run). */
function gitAsync(cwd, args) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('git', args, { cwd, env: gitEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.setEncoding('utf8').on('data', (d) => (err += d.slice(0, 4000)));
        child.on('error', (e) => reject(new GitError(e.message)));
        child.on('close', (code) => code === 0 ? resolve() : reject(new GitError(err.trim().split('\n')[0] || `git ${args[0]} failed`)));
    });
}
function openRepo(cwd = process.cwd()) {
    // One git call for both (each spawn costs milliseconds on a loaded machine); the prefix line is
    // empty at the top.
    const [top, prefix = ''] = git(cwd, ['rev-parse', '--show-toplevel', '--show-prefix']).split('\n');
    return { top, prefix };
}
/**
 * The test command as `git bisect run` would run it from the user's directory: an argument naming a
 * file or folder there that git does not track (an untracked or ignored `./test.sh`, a script beside
 * the repository) stays put across checkouts, so it becomes an absolute path to the user's copy —
 * a private worktree does not have it. A tracked one keeps its relative name, so each run uses the
 * version of the commit it tests. The command name itself counts only when it is a path (has a /).
 */
function pinUntracked(repo, command, cwd = process.cwd()) {
    const candidates = command.flatMap((arg, i) => arg !== '' &&
        !arg.startsWith('-') &&
        !(0,node_path__WEBPACK_IMPORTED_MODULE_3__.isAbsolute)(arg) &&
        (i > 0 || arg.includes('/')) &&
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.resolve)(cwd, arg))
        ? [i]
        : []);
    if (candidates.length === 0)
        return { command: [...command], pinned: [] };
    // Relative to the top through git's own prefix for this directory: a symlinked path to the
    // repository (macOS's /tmp) would otherwise look outside it.
    const relOf = (arg) => (0,node_path__WEBPACK_IMPORTED_MODULE_3__.normalize)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(repo.prefix, arg)).split('\\').join('/').replace(/\/$/, '');
    const inside = candidates.filter((i) => {
        const rel = relOf(command[i]);
        return rel !== '..' && !rel.startsWith('../');
    });
    // Paths git tracks, relative to the top (one call for all of them).
    const tracked = new Set();
    if (inside.length > 0) {
        const listed = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', ['ls-files', '-z', '--full-name', '--', ...inside.map((i) => relOf(command[i]))], { cwd: repo.top, encoding: 'utf8', env: gitEnv(), maxBuffer: 1 << 26 });
        if (listed.status !== 0)
            return { command: [...command], pinned: [] };
        for (const f of listed.stdout.split('\0'))
            if (f)
                tracked.add(f);
    }
    // A folder counts as tracked when git tracks something in it (`.` at the top: anything at all).
    const isTracked = (rel) => rel === '.' ? tracked.size > 0 : tracked.has(rel) || [...tracked].some((f) => f.startsWith(`${rel}/`));
    const out = [...command];
    const pinned = [];
    for (const i of candidates) {
        if (inside.includes(i) && isTracked(relOf(command[i])))
            continue;
        out[i] = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.resolve)(cwd, command[i]);
        pinned.push(command[i]);
    }
    return { command: out, pinned };
}
/** Full commit id of a revision, or GitError. */
function resolveCommit(repo, rev) {
    if (rev.startsWith('-'))
        throw new GitError(`not a revision: ${rev}`);
    try {
        return git(repo.top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
    }
    catch (err) {
        if (err.signal)
            throw err;
        throw new GitError(`unknown revision '${rev}'`);
    }
}
/**
 * The window oldest first: the good commit, then the first-parent chain up to the bad commit.
 * Merges count as one commit each (a merge that brings the bug in is the culprit).
 */
function windowCommits(repo, good, bad) {
    const isAncestor = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', ['merge-base', '--is-ancestor', good, bad], {
        cwd: repo.top,
        env: gitEnv(),
    });
    if (isAncestor.signal)
        throw new GitError(`git merge-base was ended by ${isAncestor.signal}`, isAncestor.signal);
    if (isAncestor.status !== 0)
        throw new GitError(`the good commit ${good.slice(0, 12)} is not an ancestor of the bad one`);
    const list = git(repo.top, ['rev-list', '--reverse', '--first-parent', bad, `^${good}`, '--'])
        .split('\n')
        .filter(Boolean);
    if (list.length === 0)
        throw new GitError('the good and the bad commit are the same');
    return [good, ...list];
}
function firstParent(repo, commit) {
    try {
        return git(repo.top, ['rev-parse', '--verify', '--quiet', `${commit}^1`]);
    }
    catch (err) {
        if (err.signal)
            throw err;
        throw new GitError(`${commit.slice(0, 12)} has no parent: give --parent`);
    }
}
/**
 * Subjects of many commits in one git call (one process, not one per commit, and asynchronous: it
 * runs while the worktrees are made); commits git cannot show are left out.
 */
function subjectsOf(repo, commits) {
    const out = new Map();
    if (commits.length === 0)
        return Promise.resolve(out);
    return new Promise((resolve) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('git', ['log', '--no-walk=unsorted', '--stdin', '--format=%H%x09%s'], {
            cwd: repo.top,
            env: gitEnv(),
            stdio: ['pipe', 'pipe', 'ignore'],
        });
        let text = '';
        child.stdout.setEncoding('utf8').on('data', (d) => (text += d));
        child.stdin.on('error', () => undefined);
        child.stdin.end(commits.join('\n') + '\n');
        child.on('error', () => resolve(out));
        child.on('close', () => {
            for (const line of text.split('\n')) {
                const tab = line.indexOf('\t');
                if (tab > 0)
                    out.set(line.slice(0, tab), line.slice(tab + 1));
            }
            resolve(out);
        });
    });
}
function subjectOf(repo, commit) {
    try {
        return git(repo.top, ['show', '-s', '--format=%s', commit]);
    }
    catch {
        return '';
    }
}
/** Private worktrees, one per job slot, under one temporary directory. */
class Worktrees {
    repo;
    root;
    dirs = [];
    closed = false;
    queue = Promise.resolve();
    constructor(repo) {
        this.repo = repo;
        this.root = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync)((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_os__WEBPACK_IMPORTED_MODULE_2__.tmpdir)(), 'bisect-report-')));
    }
    /**
     * `git worktree add` and `remove` read every worktree's admin files: two at once can find one
     * half made ("failed to read .git/worktrees/…/commondir"), so they run one at a time.
     */
    serial(task) {
        const next = this.queue.then(task, task);
        this.queue = next.catch(() => undefined);
        return next;
    }
    /**
     * Creates slot i's worktree at `commit` (detached; no branch is created). Without `checkout` its
     * files are left for the first run to check out (quick to create, so one at a time costs little).
     */
    async add(commit, checkout = true) {
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.root, `job-${this.dirs.length + 1}`);
        this.dirs.push(dir);
        const args = ['worktree', 'add', '--detach', '--force', '--quiet'];
        if (!checkout)
            args.push('--no-checkout');
        await this.serial(() => gitAsync(this.repo.top, [...args, dir, commit]));
        return dir;
    }
    /** Moves a worktree to another commit, discarding changes a test made to tracked files. */
    async checkout(dir, commit) {
        await gitAsync(dir, ['checkout', '--detach', '--force', '--quiet', commit]);
    }
    /** Directory the test runs in: the same place relative to the top as the user's, if it exists there. */
    cwdFor(dir, exists) {
        if (!this.repo.prefix)
            return dir;
        const sub = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(dir, this.repo.prefix);
        return exists(sub) ? sub : dir;
    }
    /** Removes every worktree and the temporary directory; safe to call more than once. */
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        // All at once first (quick); one that met another half removed is tried again alone.
        const remove = (dir) => gitAsync(this.repo.top, ['worktree', 'remove', '--force', '--force', dir]);
        await this.queue;
        const first = await Promise.allSettled(this.dirs.map(remove));
        const again = this.dirs.filter((_, i) => first[i].status === 'rejected');
        let leftover = false;
        for (const dir of again) {
            if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(dir) && !this.listed())
                continue;
            await remove(dir).catch(() => (leftover = true));
        }
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(this.root, { recursive: true, force: true });
        // Every removal git reported done needs no listing to check (one git process less at the end).
        if (leftover || (again.length > 0 && this.listed())) {
            // With its folder gone git removes the entry too; `git worktree prune` would also prune the
            // user's own worktrees whose folders are missing (an unmounted disk), which are not ours to touch.
            for (const dir of this.dirs) {
                (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', ['worktree', 'remove', '--force', '--force', dir], {
                    cwd: this.repo.top,
                    env: gitEnv(),
                    stdio: 'ignore',
                });
            }
        }
    }
    listed() {
        const r = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawnSync)('git', ['worktree', 'list', '--porcelain'], {
            cwd: this.repo.top,
            env: gitEnv(),
            encoding: 'utf8',
        });
        return (r.stdout ?? '')
            .split('\n')
            .some((l) => l.startsWith('worktree ') && l.slice(9).startsWith(this.root));
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


/***/ })

};
