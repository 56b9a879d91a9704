export const id = 31;
export const ids = [31];
export const modules = {

/***/ 31:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bisectCommand: () => (/* binding */ bisectCommand)
});

// UNUSED EXPORTS: BISECT_USAGE, EXIT, VERIFY_USAGE

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(975);
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
;// CONCATENATED MODULE: ./.tmp/build/bisect/engine.js
/**
 * The engine of `bisect-report bisect` / `verify`: a flake-aware Bayesian search for the first bad
 * commit (docs/bisect.md). Pure functions over an immutable state; the CLI runs the test.
 *
 * Model: the trust analysis' own posterior (src/analyse/posterior.ts, one model, not two). Window
 * positions 0..size, 0 = the good end, size = the bad end; hypotheses "position j is the first bad
 * commit" (j = 1..size), "outside" (the good end fails too: the change is older) and "no culprit"
 * (the bad end does not really fail). The test's repro rate q (bad commits) and false-alarm rate ε
 * (good commits) are unknown and integrated out, with the trust model's priors (q uniform: a
 * reliable test is not presumed).
 *
 * Choice: the probe with the largest expected information gain (reduction of the posterior entropy
 * over the hypotheses) per run, evaluated exactly by Bayes on each possible outcome. Several probes
 * at once (parallel jobs) are chosen greedily, each one given the outcomes the earlier ones may have.
 *
 * Stop: a commit holds `confidence` of the posterior and has direct evidence (its own runs and its
 * parent's own runs each favour their side by a Bayes factor of confidence / (1 − confidence)); or
 * "the failure does not reproduce" (no culprit, or a repro rate below `minRepro`) holds `confidence`;
 * or the good end itself fails (outside); or only untestable commits are left to separate the
 * candidates (a range).
 */


const DEFAULT_MIN_REPRO = 0.05;
/**
 * The search model: the trust analysis' priors, without its per-commit drift mixture. Drift guards
 * a reader of someone else's log against one low-hit commit called good; here every commit that
 * decides the answer is re-run until its own runs settle it (the verification), and drift would
 * only make each "good" cost more runs.
 */
const BISECT_PARAMS = { ...posterior/* DEFAULT_PARAMS */.bp, drift: 0 };
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
    return summarize(state, solve(state, evidenceOf(state.tallies)));
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
function verification(state, position, confidence, post = solve(state, evidenceOf(state.tallies)).post) {
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
    const solved = solve(state, evidenceOf(state.tallies));
    const s = summarize(state, solved);
    if (s.leader.p >= confidence && s.leader.position >= 1) {
        const v = verification(state, s.leader.position, confidence, solved.post);
        if (v.verified) {
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
/** Information below this (nats per run) is not worth a run. */
const MIN_GAIN = 1e-7;
/** Joint outcomes enumerated when choosing several probes at once. */
const MAX_SCENARIOS = 64;
/** Windows up to this size are searched exhaustively; larger ones on a set of candidates. */
const EXHAUSTIVE = 4096;
/** Parameters of the search model (the trust model without drift, §docs/bisect.md). */
function ratePrior(state) {
    const p = state.params;
    return { q: p.qPrior, eps: p.epsPrior, outside: p.priorOutside, noCulprit: p.priorNoCulprit };
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
    // Verification first: a leader at the confidence without direct evidence needs runs there.
    if (slots.length === 0) {
        const check = verificationNeed(state, confidence);
        if (check !== null)
            chosen.push(check);
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
/** The side (culprit or parent) that still lacks direct evidence when the leader is at the confidence. */
function verificationNeed(state, confidence) {
    const post = (0,posterior/* computePosterior */.hh)(evidenceOf(state.tallies), state.size, state.params, true);
    const lead = leaderOf(post);
    if (lead.p < confidence || lead.position < 1)
        return null;
    const v = verification(state, lead.position, confidence, post);
    if (v.verified || v.weaker === null || state.untestable.has(v.weaker))
        return null;
    return v.weaker;
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

// EXTERNAL MODULE: ./.tmp/build/bisect/logLines.js
var logLines = __webpack_require__(818);
// EXTERNAL MODULE: ./.tmp/build/formats/git-common/engine.js
var engine = __webpack_require__(458);
// EXTERNAL MODULE: ./.tmp/build/render/escape.js
var render_escape = __webpack_require__(58);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
;// CONCATENATED MODULE: ./.tmp/build/cli/worktrees.js
/**
 * Git plumbing for `bisect-report bisect` / `verify`: resolving revisions, listing the window, and
 * private worktrees the test runs in. The user's HEAD, branch, index, work tree and worktree list
 * are never touched: every checkout happens in a worktree under a temporary directory, removed
 * again (`git worktree remove --force`, then `git worktree prune` if one could not be removed).
 */




class GitError extends Error {
}
const gitEnv = () => ({ ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' });
/** Runs git synchronously; returns trimmed stdout or throws GitError with git's first error line. */
function git(cwd, args) {
    const r = (0,external_node_child_process_.spawnSync)('git', args, { cwd, encoding: 'utf8', env: gitEnv(), maxBuffer: 1 << 28 });
    if (r.error)
        throw new GitError(`cannot run git: ${r.error.message}`);
    if (r.status !== 0) {
        const msg = (r.stderr || '').trim().split('\n').find(Boolean) ?? `git ${args[0]} failed`;
        throw new GitError(msg.replace(/^(?:fatal|error): /, ''));
    }
    return r.stdout.trim();
}
/** Async git (worktree checkouts while other tests run). */
function gitAsync(cwd, args) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)('git', args, { cwd, env: gitEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.setEncoding('utf8').on('data', (d) => (err += d.slice(0, 4000)));
        child.on('error', (e) => reject(new GitError(e.message)));
        child.on('close', (code) => code === 0 ? resolve() : reject(new GitError(err.trim().split('\n')[0] || `git ${args[0]} failed`)));
    });
}
function openRepo(cwd = process.cwd()) {
    const top = git(cwd, ['rev-parse', '--show-toplevel']);
    const prefix = git(cwd, ['rev-parse', '--show-prefix']);
    return { top, prefix };
}
/** Full commit id of a revision, or GitError. */
function resolveCommit(repo, rev) {
    if (rev.startsWith('-'))
        throw new GitError(`not a revision: ${rev}`);
    try {
        return git(repo.top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
    }
    catch {
        throw new GitError(`unknown revision '${rev}'`);
    }
}
/**
 * The window oldest first: the good commit, then the first-parent chain up to the bad commit.
 * Merges count as one commit each (a merge that brings the bug in is the culprit).
 */
function windowCommits(repo, good, bad) {
    const isAncestor = (0,external_node_child_process_.spawnSync)('git', ['merge-base', '--is-ancestor', good, bad], {
        cwd: repo.top,
        env: gitEnv(),
    });
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
    catch {
        throw new GitError(`${commit.slice(0, 12)} has no parent: give --parent`);
    }
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
    constructor(repo) {
        this.repo = repo;
        this.root = (0,external_node_fs_.realpathSync)((0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'bisect-report-')));
    }
    /** Creates slot i's worktree at `commit` (detached; no branch is created). */
    async add(commit) {
        const dir = (0,external_node_path_.join)(this.root, `job-${this.dirs.length + 1}`);
        this.dirs.push(dir);
        await gitAsync(this.repo.top, ['worktree', 'add', '--detach', '--force', '--quiet', dir, commit]);
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
        const sub = (0,external_node_path_.join)(dir, this.repo.prefix);
        return exists(sub) ? sub : dir;
    }
    /** Removes every worktree and the temporary directory; safe to call more than once. */
    close() {
        if (this.closed)
            return;
        this.closed = true;
        let leftover = false;
        for (const dir of this.dirs) {
            const r = (0,external_node_child_process_.spawnSync)('git', ['worktree', 'remove', '--force', '--force', dir], {
                cwd: this.repo.top,
                env: gitEnv(),
                stdio: 'ignore',
            });
            if (r.status !== 0)
                leftover = true;
        }
        (0,external_node_fs_.rmSync)(this.root, { recursive: true, force: true });
        if (leftover || this.listed()) {
            (0,external_node_child_process_.spawnSync)('git', ['worktree', 'prune'], { cwd: this.repo.top, env: gitEnv(), stdio: 'ignore' });
        }
    }
    listed() {
        const r = (0,external_node_child_process_.spawnSync)('git', ['worktree', 'list', '--porcelain'], {
            cwd: this.repo.top,
            env: gitEnv(),
            encoding: 'utf8',
        });
        return (r.stdout ?? '')
            .split('\n')
            .some((l) => l.startsWith('worktree ') && l.slice(9).startsWith(this.root));
    }
}

;// CONCATENATED MODULE: ./.tmp/build/cli/bisectCommand.js
/**
 * `bisect-report bisect` and `bisect-report verify` (docs/bisect.md): run the user's test at the
 * commits the engine (src/bisect/) asks for, in private worktrees, and write a log this project
 * reads back. The decisions are the engine's; this file only runs processes and writes lines.
 */








const BISECT_USAGE = 'usage: bisect-report bisect --good REV --bad REV [--confidence P] [--jobs N] [--max-runs N] [--log FILE] [--min-repro R] [--title-regex RE] [--verbose] -- COMMAND [ARGS...]\n';
const VERIFY_USAGE = 'usage: bisect-report verify --culprit REV [--parent REV] [--confidence P] [--jobs N] [--max-runs N] [--log FILE] [--title-regex RE] [--verbose] -- COMMAND [ARGS...]\n';
const DEFAULT_TITLE = /^(?:FAIL(?:ED)?:|Error:|panic:|AssertionError)/;
const MAX_TITLE = 200;
/** Exit statuses (docs/bisect.md). */
const EXIT = { culprit: 0, none: 1, usage: 2, stopped: 3 };
class UsageError extends Error {
}
function parseSettings(mode, argv) {
    const dash = argv.indexOf('--');
    const optionArgs = dash === -1 ? argv : argv.slice(0, dash);
    const command = dash === -1 ? [] : argv.slice(dash + 1);
    const { values, positionals } = (0,external_node_util_.parseArgs)({
        args: optionArgs,
        allowPositionals: true,
        options: {
            good: { type: 'string' },
            bad: { type: 'string' },
            culprit: { type: 'string' },
            parent: { type: 'string' },
            confidence: { type: 'string', default: '0.95' },
            jobs: { type: 'string', short: 'j', default: '1' },
            'max-runs': { type: 'string', default: '500' },
            'min-repro': { type: 'string', default: '0.05' },
            log: { type: 'string' },
            'title-regex': { type: 'string' },
            verbose: { type: 'boolean', short: 'v', default: false },
            help: { type: 'boolean', short: 'h', default: false },
        },
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
    let titleRegex = DEFAULT_TITLE;
    if (values['title-regex'] !== undefined) {
        try {
            titleRegex = new RegExp(values['title-regex']);
        }
        catch (err) {
            throw new UsageError(`bad --title-regex: ${err.message}`);
        }
    }
    const settings = {
        mode,
        command,
        confidence,
        jobs,
        maxRuns,
        minRepro,
        log: values.log ?? null,
        titleRegex,
        verbose: values.verbose,
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
async function bisectCommand(mode, argv) {
    const name = `bisect-report ${mode}`;
    const usage = mode === 'bisect' ? BISECT_USAGE : VERIFY_USAGE;
    let settings;
    let repo;
    let commits;
    try {
        const parsed = parseSettings(mode, argv);
        if (parsed === 'help') {
            process.stdout.write(usage);
            return 0;
        }
        settings = parsed;
        repo = openRepo();
        if (mode === 'bisect') {
            const good = resolveCommit(repo, settings.good);
            const bad = resolveCommit(repo, settings.bad);
            commits = windowCommits(repo, good, bad);
        }
        else {
            const culprit = resolveCommit(repo, settings.culprit);
            const parent = settings.parent ? resolveCommit(repo, settings.parent) : firstParent(repo, culprit);
            if (parent === culprit)
                throw new UsageError('the culprit and its parent are the same commit');
            commits = [parent, culprit];
        }
    }
    catch (err) {
        if (err instanceof UsageError ||
            err instanceof GitError ||
            err.code?.startsWith('ERR_PARSE_ARGS')) {
            process.stderr.write(`${name}: ${err.message}\n${err instanceof UsageError ? usage : ''}`);
            return EXIT.usage;
        }
        throw err;
    }
    let logFd;
    try {
        logFd = settings.log ? (0,external_node_fs_.openSync)(settings.log, 'w') : 1;
    }
    catch (err) {
        process.stderr.write(`${name}: cannot write the log: ${err.code ?? err.message}\n`);
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
    interrupted = null;
    wake = null;
    subjects = new Map();
    constructor(settings, repo, commits, logFd, name) {
        this.settings = settings;
        this.repo = repo;
        this.commits = commits;
        this.logFd = logFd;
        this.name = name;
        this.state = createBisection({
            commits,
            minRepro: settings.minRepro,
            // verify: the culprit is in doubt, so "it is older" and "it does not fail" start as likely as "it is the culprit".
            prior: settings.mode === 'verify' ? { outside: 1 / 3, noCulprit: 1 / 3 } : undefined,
        });
        this.worktrees = new Worktrees(repo);
        this.slots = Array.from({ length: settings.jobs }, () => ({ dir: null, commit: null, child: null }));
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
        try {
            this.writeHeader();
            const end = await this.loop();
            return this.finish(end);
        }
        catch (err) {
            this.killAll();
            const message = err instanceof GitError ? err.message : (err?.message ?? String(err));
            return this.finish({ kind: 'stopped', reason: `stopped: ${message}` });
        }
        finally {
            this.killAll();
            await this.settle();
            this.worktrees.close();
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
            process.off('SIGHUP', onSignal);
        }
    }
    log(line) {
        // Commit subjects and failure titles are other people's text: inert on a runner's stdout.
        (0,external_node_fs_.writeSync)(this.logFd, (this.logFd === 1 ? (0,render_escape/* neutraliseWorkflowCommands */.WM)(line) : line) + '\n');
    }
    subject(commit) {
        let s = this.subjects.get(commit);
        if (s === undefined) {
            s = subjectOf(this.repo, commit).replace(/[\r\n]+/g, ' ');
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
        this.log((0,logLines/* formatWindowLine */.kJ)(good, bad, this.state.size));
        const what = this.settings.mode === 'verify'
            ? `verifying ${bisectCommand_short(bad)} against its parent ${bisectCommand_short(good)}`
            : `bisecting ${this.state.size} commit${this.state.size === 1 ? '' : 's'} (${bisectCommand_short(good)}..${bisectCommand_short(bad)})`;
        this.progress(`${what} at confidence ${this.settings.confidence}, ${this.settings.jobs} job${this.settings.jobs > 1 ? 's' : ''}`);
    }
    progress(text) {
        process.stderr.write(`${this.name}: ${text}\n`);
    }
    async loop() {
        const { confidence } = this.settings;
        let last = decision(this.state, { confidence });
        for (;;) {
            if (this.interrupted)
                return { kind: 'stopped', reason: `stopped: ${this.interrupted}` };
            if (last.kind !== 'continue' && this.inFlight.size === 0)
                return { kind: 'decided', decision: last };
            if (last.kind !== 'continue') {
                // Answered while other runs were going: they are not needed any more.
                this.killAll();
                await this.settle();
                return { kind: 'decided', decision: last };
            }
            const free = this.slots.filter((s) => !this.inFlight.has(s));
            const budget = this.settings.maxRuns - this.runsStarted;
            if (free.length > 0 && budget > 0) {
                const pending = [...this.inFlight.values()].map((position) => ({ commit: position, runs: 1 }));
                const probes = chooseNext(this.state, Math.min(free.length, budget), pending, { confidence });
                if (probes.length === 0 && this.inFlight.size === 0) {
                    return { kind: 'stopped', reason: 'stopped: no commit left to test could change the answer' };
                }
                let i = 0;
                for (const probe of probes) {
                    for (let r = 0; r < probe.runs && i < free.length; r++)
                        this.launch(free[i++], probe.position);
                }
            }
            if (this.inFlight.size === 0) {
                return {
                    kind: 'stopped',
                    reason: `stopped: --max-runs ${this.settings.maxRuns} reached before an answer at confidence ${confidence}`,
                };
            }
            const done = await this.next();
            if (!done || this.interrupted)
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
            last = decision(this.state, { confidence });
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
            this.state = observe(this.state, position, outcome);
        const t = this.state.tallies.get(position);
        const index = t ? t.fail + t.pass + t.skip : 1;
        this.log((0,engine/* formatRunLine */.Df)(commit, index, Math.max(index, this.started.get(position) ?? index), done.result, done.exit, done.title));
        const s = decision(this.state, { confidence: this.settings.confidence }).summary;
        const r = s.range;
        this.progress(`run ${totalRuns(this.state)}: ${bisectCommand_short(commit)} ${done.result}` +
            ` · range ${bisectCommand_short(this.commits[Math.max(0, r.first - 1)])}..${bisectCommand_short(r.lastCommit)} (${r.commits} commit${r.commits === 1 ? '' : 's'})` +
            ` · leader ${bisectCommand_short(s.leader.commit)} P=${s.leader.p.toFixed(3)}` +
            (s.notReproduced > 0.05 ? ` · P(does not reproduce)=${s.notReproduced.toFixed(3)}` : ''));
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
        const promise = this.prepare(slot, commit).then(() => this.execute(slot, position, runIndex), (err) => ({ slot, position, result: 'error', exit: 'checkout', title: err.message }));
        this.running.push(promise);
    }
    running = [];
    /** Resolves with the next finished run (or null when woken by a signal). */
    async next() {
        const wakeUp = new Promise((resolve) => (this.wake = () => resolve(null)));
        const tagged = this.running.map((p, i) => p.then((f) => ({ f, i })));
        const first = await Promise.race([...tagged, wakeUp]);
        this.wake = null;
        if (first === null)
            return null;
        this.running.splice(first.i, 1);
        this.inFlight.delete(first.f.slot);
        if (first.f.exit === 'checkout')
            throw new GitError(`cannot check out ${bisectCommand_short(this.commits[first.f.position])}: ${first.f.title}`);
        return first.f;
    }
    /** Waits for every launched run to end (after killAll). */
    async settle() {
        await Promise.allSettled(this.running);
        this.running.length = 0;
        this.inFlight.clear();
    }
    async prepare(slot, commit) {
        if (slot.dir === null) {
            slot.dir = await this.worktrees.add(commit);
            slot.commit = commit;
        }
        else if (slot.commit !== commit) {
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
            let title = null;
            const carry = { out: '', err: '' };
            const scan = (key, chunk) => {
                if (verbose)
                    process.stderr.write(prefixLines(chunk, `[${bisectCommand_short(commit)} #${runIndex}] `));
                if (title !== null)
                    return;
                carry[key] += chunk;
                let nl;
                while (title === null && (nl = carry[key].indexOf('\n')) !== -1) {
                    const line = carry[key].slice(0, nl).replace(/\r$/, '');
                    carry[key] = carry[key].slice(nl + 1);
                    if (titleRegex.test(line))
                        title = line.trim().slice(0, MAX_TITLE);
                }
                if (carry[key].length > 65536)
                    carry[key] = carry[key].slice(-65536);
            };
            let child;
            try {
                child = (0,external_node_child_process_.spawn)(command[0], command.slice(1), {
                    cwd: this.worktrees.cwdFor(slot.dir, external_node_fs_.existsSync),
                    stdio: ['ignore', 'pipe', 'pipe'],
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
            let settled = false;
            const finish = (f) => {
                if (settled)
                    return;
                settled = true;
                slot.child = null;
                resolve({ slot, position, ...f });
            };
            child.stdout.setEncoding('utf8').on('data', (d) => scan('out', d));
            child.stderr.setEncoding('utf8').on('data', (d) => scan('err', d));
            child.on('error', (err) => finish({ result: 'error', exit: err.code === 'ENOENT' ? '127' : '126', title: null }));
            child.on('close', (code, signal) => {
                for (const key of ['out', 'err']) {
                    if (title === null && carry[key] !== '' && titleRegex.test(carry[key]))
                        title = carry[key].trim().slice(0, MAX_TITLE);
                }
                if (signal)
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
            killGroup(child.pid, 'SIGTERM');
            const pid = child.pid;
            setTimeout(() => killGroup(pid, 'SIGKILL'), 2000).unref();
        }
    }
    finish(end) {
        const runs = totalRuns(this.state);
        if (end.kind === 'stopped') {
            const s = decision(this.state, { confidence: this.settings.confidence }).summary;
            this.log((0,logLines/* formatResultLine */.vf)('stopped', runs, s.leader.p, end.reason));
            this.progress(`${end.reason} (${runs} runs; leader ${bisectCommand_short(s.leader.commit)} at P=${s.leader.p.toFixed(3)})`);
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
                reason = `${bisectCommand_short(d.commit)} is the first bad commit (P=${d.p.toFixed(3)}), verified against its parent ${bisectCommand_short(d.parent)}`;
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
                        ? `the failure does not reproduce at ${bisectCommand_short(this.commits[1])} (P=${d.p.toFixed(3)}): it is not the culprit`
                        : `the failure does not reproduce at ${bisectCommand_short(this.commits[this.commits.length - 1])} (P=${d.p.toFixed(3)} that it fails in fewer than ${pct(this.settings.minRepro)} of runs, or not at all): no culprit, it was a flake`;
                this.log((0,logLines/* formatResultLine */.vf)(kind, runs, p, reason));
                break;
            case 'older':
                kind = 'older';
                p = d.p;
                reason = `the good commit ${bisectCommand_short(this.commits[0])} fails too (P=${d.p.toFixed(3)}): the change is older than the window`;
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
function bisectCommand_short(sha) {
    return sha.slice(0, 10);
}
function pct(x) {
    return `${Math.round(x * 1000) / 10}%`;
}
function prefixLines(chunk, prefix) {
    return chunk.replace(/^(?=.)/gm, prefix);
}


/***/ })

};
