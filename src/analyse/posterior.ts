/**
 * Flake-aware posterior over the culprit (trust-model.md §3.3–3.6).
 *
 * Each tested position carries runs: crash runs with a match weight w (probability the crash is the
 * target bug) and clean runs. A commit in the "bad" state shows the target with rate q, a commit in
 * the "good" state with false-alarm rate ε; a crash with weight w has likelihood w·p + (1 − w)·ω
 * (ω: rate of unrelated crashes, the same in both states). q and ε are integrated out on a logit
 * grid. Because the likelihood only depends on which tested positions lie at or after the culprit,
 * the posterior is computed per segment between tested positions: O(tested × grid), independent of
 * the window size. A per-commit mixture (weight λ) lets one commit have its own repro rate in the
 * bad state, so a single low-hit commit is not declared good with absurd certainty (§3.3, drift).
 */

export interface PositionEvidence {
  position: number;
  /** Crash runs grouped by weight. */
  crashes: { weight: number; count: number }[];
  clean: number;
}

export interface ModelParams {
  /** Beta prior of the repro rate q in the bad state. */
  qPrior: [number, number];
  /** Beta prior of the false-alarm rate ε in the good state. */
  epsPrior: [number, number];
  /** Rate of crashes unrelated to the bug (same in both states). */
  omega: number;
  /** Mixture weight of a commit-specific repro rate in the bad state. */
  drift: number;
  /** Prior of "culprit older than the window" and of "no culprit in the window". */
  priorOutside: number;
  priorNoCulprit: number;
  gridSize: number;
}

export const DEFAULT_PARAMS: ModelParams = {
  qPrior: [1, 1],
  // A crash reproducer's; a project's test has its own (profile.ts, TEST_FALSE_ALARM_PRIOR).
  epsPrior: [1, 30],
  omega: 0.2,
  drift: 0.2,
  priorOutside: 0.01,
  priorNoCulprit: 0.01,
  gridSize: 48,
};

export interface Segment {
  /** Window positions first..last (inclusive) share this segment; empty when first > last. */
  first: number;
  last: number;
  /** Posterior mass of the window positions in the segment (excludes outside/no-culprit). */
  mass: number;
}

export interface PosteriorResult {
  size: number;
  segments: Segment[];
  outside: number;
  noCulprit: number;
  /** Log marginal likelihood per segment (for diagnostics and tests). */
  logLik: number[];
  repro: RateSummary;
  falseAlarm: RateSummary;
  /** Posterior rate grids (weights sum to 1) used for per-commit Bayes factors. */
  qGrid: Grid;
  epsGrid: Grid;
}

export interface RateSummary {
  mean: number;
  low: number;
  high: number;
}

interface Grid {
  points: number[];
  weights: number[];
  logWeights: number[];
}

const gridCache = new Map<string, Grid>();

/** Grids are shared between calls (read-only). */
function logitGrid(size: number, prior: [number, number]): Grid {
  const key = `${size}:${prior[0]}:${prior[1]}`;
  let grid = gridCache.get(key);
  if (!grid) {
    grid = makeLogitGrid(size, prior);
    gridCache.set(key, grid);
  }
  return grid;
}

function makeLogitGrid(size: number, prior: [number, number]): Grid {
  const points: number[] = [];
  const logw: number[] = [];
  const [a, b] = prior;
  for (let k = 0; k < size; k++) {
    const x = -9 + (18 * (k + 0.5)) / size;
    const p = 1 / (1 + Math.exp(-x));
    points.push(p);
    // Beta density times the Jacobian of the logit map: p^a (1-p)^b.
    logw.push(a * Math.log(p) + b * Math.log1p(-p));
  }
  const weights = normalizeLog(logw);
  return { points, weights, logWeights: weights.map((w) => Math.log(w)) };
}

/** log Σ_k exp(row[k] + add[k]) without allocating. */
function logSumExpPlus(row: Float64Array, add: number[]): number {
  let max = -Infinity;
  for (let k = 0; k < row.length; k++) if (row[k] + add[k] > max) max = row[k] + add[k];
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let k = 0; k < row.length; k++) sum += Math.exp(row[k] + add[k] - max);
  return max + Math.log(sum);
}

/** acc[k] += scale · normalized exp(row[k] + add[k]). */
function addNormalized(acc: number[], row: Float64Array, add: number[], scale: number): void {
  const z = logSumExpPlus(row, add);
  if (z === -Infinity) return;
  for (let k = 0; k < row.length; k++) acc[k] += scale * Math.exp(row[k] + add[k] - z);
}

export function logSumExp(xs: number[]): number {
  let max = -Infinity;
  for (const x of xs) if (x > max) max = x;
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (const x of xs) s += Math.exp(x - max);
  return max + Math.log(s);
}

function normalizeLog(logw: number[]): number[] {
  const z = logSumExp(logw);
  return logw.map((w) => Math.exp(w - z));
}

/**
 * Drift component: the commit's own rate r is uniform on [0, q] (a bug can be harder to trigger at
 * some commits, never easier than the pooled rate), so runs full of hits cannot escape into it
 * when q is small. Returns log E[P(runs | r)] for each q on the grid.
 */
function driftLogLik(ev: PositionEvidence, qGrid: Grid, uniform: Grid, omega: number): Float64Array {
  const out = new Float64Array(qGrid.points.length);
  let acc = -Infinity; // running log of sum of uniform-weighted likelihoods up to q
  let mass = 0;
  let j = 0;
  for (let k = 0; k < qGrid.points.length; k++) {
    const q = qGrid.points[k];
    while (j < uniform.points.length && uniform.points[j] <= q) {
      acc = logAddExp(acc, uniform.logWeights[j] + logLikAt(ev, uniform.points[j], omega));
      mass += uniform.weights[j];
      j++;
    }
    out[k] = mass > 0 ? acc - Math.log(mass) : logLikAt(ev, q, omega);
  }
  return out;
}

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

interface StateRows {
  /** log P(runs | bad) per point of the q grid (drift mixture included). */
  bad: Float64Array;
  /** log P(runs | good) per point of the ε grid. */
  good: Float64Array;
}

// Many commits share the same runs (10 clean, 10 hits): their rows are computed once.
const rowCache = new Map<string, StateRows>();
const ROW_CACHE_LIMIT = 4096;

function stateRows(ev: PositionEvidence, params: ModelParams): StateRows {
  const key = `${params.gridSize}|${params.qPrior}|${params.epsPrior}|${params.omega}|${params.drift}|${ev.clean}|${ev.crashes
    .filter((c) => c.count > 0)
    .map((c) => `${c.weight}x${c.count}`)
    .sort()
    .join(',')}`;
  const hit = rowCache.get(key);
  if (hit) return hit;
  const qGrid = logitGrid(params.gridSize, params.qPrior);
  const eGrid = logitGrid(params.gridSize, params.epsPrior);
  const uniform = logitGrid(params.gridSize, [1, 1]);
  const G = params.gridSize;
  const own = driftLogLik(ev, qGrid, uniform, params.omega);
  const bad = new Float64Array(G);
  const good = new Float64Array(G);
  for (let k = 0; k < G; k++) {
    const pooled = logLikAt(ev, qGrid.points[k], params.omega);
    bad[k] =
      params.drift > 0
        ? logAddExp(Math.log1p(-params.drift) + pooled, Math.log(params.drift) + own[k])
        : pooled;
    good[k] = logLikAt(ev, eGrid.points[k], params.omega);
  }
  const rows = { bad, good };
  if (rowCache.size >= ROW_CACHE_LIMIT) rowCache.clear();
  rowCache.set(key, rows);
  return rows;
}

/** log P(runs | rate p) for one position. */
function logLikAt(ev: PositionEvidence, p: number, omega: number): number {
  let ll = ev.clean > 0 ? ev.clean * Math.log1p(-p) : 0;
  for (const c of ev.crashes) {
    if (c.count > 0) ll += c.count * Math.log(c.weight * p + (1 - c.weight) * omega);
  }
  return ll;
}

function summarize(grid: Grid, weights: number[]): RateSummary {
  let mean = 0;
  for (let k = 0; k < grid.points.length; k++) mean += weights[k] * grid.points[k];
  const quantile = (q: number) => {
    let acc = 0;
    for (let k = 0; k < grid.points.length; k++) {
      acc += weights[k];
      if (acc >= q) return grid.points[k];
    }
    return grid.points[grid.points.length - 1];
  };
  // Quantiles are grid points; on a posterior narrower than the grid step the mean can fall
  // outside them, so the interval is widened to contain it.
  return { mean, low: Math.min(quantile(0.05), mean), high: Math.max(quantile(0.95), mean) };
}

/**
 * Posterior over the culprit. `evidence` positions must lie in 0..size (0 = good end, size = bad
 * end); `newIsBad` is false for fix bisections (commits at/after the fix stop crashing).
 */
export function computePosterior(
  evidence: PositionEvidence[],
  size: number,
  params: ModelParams = DEFAULT_PARAMS,
  newIsBad = true,
): PosteriorResult {
  const merged = mergeByPosition(evidence);
  const n = merged.length;
  const qGrid = logitGrid(params.gridSize, params.qPrior);
  const eGrid = logitGrid(params.gridSize, params.epsPrior);
  const G = params.gridSize;

  // Per position, per grid point: log-likelihood in the bad (crashing) and good state.
  const badLL: Float64Array[] = [];
  const goodLL: Float64Array[] = [];
  for (const ev of merged) {
    const rows = stateRows(ev, params);
    badLL.push(rows.bad);
    goodLL.push(rows.good);
  }
  // State of position i under segment s: "new" (after the culprit) when i >= s.
  const crashLL = newIsBad ? badLL : goodLL;
  const quietLL = newIsBad ? goodLL : badLL;
  const crashGrid = newIsBad ? qGrid : eGrid;
  const quietGrid = newIsBad ? eGrid : qGrid;
  // prefix[s][k] = sum_{i<s} quiet; suffix[s][k] = sum_{i>=s} crash (states for "new" = crash when cause).
  const prefix: Float64Array[] = [new Float64Array(G)];
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(G);
    for (let k = 0; k < G; k++) row[k] = prefix[i][k] + quietLL[i][k];
    prefix.push(row);
  }
  const suffix: Float64Array[] = new Array(n + 1);
  suffix[n] = new Float64Array(G);
  for (let i = n - 1; i >= 0; i--) {
    const row = new Float64Array(G);
    for (let k = 0; k < G; k++) row[k] = suffix[i + 1][k] + crashLL[i][k];
    suffix[i] = row;
  }
  const logQuietPrior = quietGrid.logWeights;
  const logCrashPrior = crashGrid.logWeights;
  const logLik: number[] = [];
  for (let s = 0; s <= n; s++)
    logLik.push(logSumExpPlus(prefix[s], logQuietPrior) + logSumExpPlus(suffix[s], logCrashPrior));

  // Segments: s covers window positions (p_{s-1}, p_s] ∩ [1, size]; s = 0 also holds "outside",
  // s = n also holds "no culprit".
  const positions = merged.map((e) => e.position);
  const windowShare = 1 - params.priorOutside - params.priorNoCulprit;
  const segments: Segment[] = [];
  const logPost: number[] = [];
  for (let s = 0; s <= n; s++) {
    const first = s === 0 ? 1 : Math.max(1, positions[s - 1] + 1);
    const last = s === n ? size : Math.min(size, positions[s]);
    const count = Math.max(0, last - first + 1);
    let prior = (windowShare * count) / Math.max(1, size);
    if (s === 0) prior += params.priorOutside;
    if (s === n) prior += params.priorNoCulprit;
    segments.push({ first, last, mass: 0 });
    logPost.push(prior > 0 ? Math.log(prior) + logLik[s] : -Infinity);
  }
  const z = logSumExp(logPost);
  let outside = 0;
  let noCulprit = 0;
  const segPost = logPost.map((l) => (z === -Infinity ? 0 : Math.exp(l - z)));
  segments.forEach((seg, s) => {
    const count = Math.max(0, seg.last - seg.first + 1);
    const windowPrior = (windowShare * count) / Math.max(1, size);
    let prior = windowPrior;
    if (s === 0) prior += params.priorOutside;
    if (s === n) prior += params.priorNoCulprit;
    if (prior <= 0) return;
    seg.mass = (segPost[s] * windowPrior) / prior;
    if (s === 0) outside += (segPost[s] * params.priorOutside) / prior;
    if (s === n) noCulprit += (segPost[s] * params.priorNoCulprit) / prior;
  });

  // Rate posteriors: mixtures over segments of the per-segment conditional grids.
  const qW = new Array(G).fill(0);
  const eW = new Array(G).fill(0);
  const qAcc = newIsBad ? qW : eW;
  const eAcc = newIsBad ? eW : qW;
  for (let s = 0; s <= n; s++) {
    if (segPost[s] < 1e-12) continue;
    addNormalized(qAcc, suffix[s], logCrashPrior, segPost[s]);
    addNormalized(eAcc, prefix[s], logQuietPrior, segPost[s]);
  }
  const totalQ = qW.reduce((a, b) => a + b, 0) || 1;
  const totalE = eW.reduce((a, b) => a + b, 0) || 1;
  const qPost = posteriorGrid(
    qGrid.points,
    qW.map((w) => w / totalQ),
  );
  const ePost = posteriorGrid(
    eGrid.points,
    eW.map((w) => w / totalE),
  );
  return {
    size,
    segments,
    outside,
    noCulprit,
    logLik,
    repro: summarize(qGrid, qPost.weights),
    falseAlarm: summarize(eGrid, ePost.weights),
    qGrid: qPost,
    epsGrid: ePost,
  };
}

function posteriorGrid(points: number[], weights: number[]): Grid {
  return { points, weights, logWeights: weights.map((w) => Math.log(w || 1e-300)) };
}

function mergeByPosition(evidence: PositionEvidence[]): PositionEvidence[] {
  const byPos = new Map<number, PositionEvidence>();
  for (const ev of evidence) {
    const cur = byPos.get(ev.position);
    if (!cur) byPos.set(ev.position, { position: ev.position, crashes: [...ev.crashes], clean: ev.clean });
    else {
      cur.crashes.push(...ev.crashes);
      cur.clean += ev.clean;
    }
  }
  return [...byPos.values()].sort((a, b) => a.position - b.position);
}

/**
 * log10 Bayes factor, bad : good, for one commit's runs under the posterior rates (§3.6).
 * Positive: the runs look like the bug is present.
 */
export function log10BayesFactor(
  ev: PositionEvidence,
  post: PosteriorResult,
  params: ModelParams = DEFAULT_PARAMS,
): number {
  // The posterior grids share their points with the prior grids, so the cached rows apply.
  const rows = stateRows(ev, params);
  return (
    (logSumExpPlus(rows.bad, post.qGrid.logWeights) - logSumExpPlus(rows.good, post.epsGrid.logWeights)) /
    Math.LN10
  );
}

/** Posterior mass at one window position (0 outside 1..size). */
export function massAt(post: PosteriorResult, position: number): number {
  for (const seg of post.segments) {
    if (position >= seg.first && position <= seg.last) return seg.mass / (seg.last - seg.first + 1);
  }
  return 0;
}

/**
 * Shortest contiguous run of whole segments holding >= level of the window mass. Segments end at
 * tested commits, so the range's ends are commits the log names (trust-model.md §3.7, R95).
 */
export function credibleRange(post: PosteriorResult, level = 0.95): { first: number; last: number } | null {
  const segs = post.segments.filter((s) => s.last >= s.first);
  if (segs.length === 0) return null;
  const total = segs.reduce((a, s) => a + s.mass, 0);
  if (!(total > 0)) return null;
  const target = level * total * (1 - 1e-9);
  let best: { first: number; last: number; width: number } | null = null;
  let j = 0;
  let acc = 0;
  // Two pointers over segments: for each start, the first end reaching the target mass.
  for (let i = 0; i < segs.length; i++) {
    while (j < segs.length && acc < target) acc += segs[j++].mass;
    if (acc < target) break;
    const first = segs[i].first;
    const last = segs[j - 1].last;
    const width = last - first + 1;
    if (!best || width < best.width) best = { first, last, width };
    acc -= segs[i].mass;
  }
  return best ? { first: best.first, last: best.last } : null;
}
