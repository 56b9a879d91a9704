// `npm run bench:trust`: how well the trust labels separate right from wrong culprits on real syzbot
// bisections with a known true culprit (../shared/corpus/syzbot/labels.csv), using the CLI bundle.
//
// For logs with a single reported culprit it prints:
//   detection    = share of wrong culprits NOT labelled trusted (verified/likely)
//   false alarms = share of right culprits NOT labelled trusted
//   precision    = share of trusted labels that are right
//   calibration  = expected calibration error of trust.probability, and a reliability table
// plus a 5-fold cross-validation of everything fitted on these labels: the root-cause base, the
// likelihood ratios (read back from each report's reason codes, see FITTED_REASONS in
// src/analyse/plausibility.ts) and the "likely" probability threshold are refitted on four folds and
// measured on the fifth; nothing is chosen by looking at the held-out fold. The threshold is chosen
// on out-of-fold probabilities of the four training folds (an inner cross-validation), so it sees
// the spread a fit has on logs it was not fitted on. Folds are grouped by
// culprit and by subsystem at once (logs sharing either are one group; a subsystem is the directory
// most of the culprit's files are in, else the crashing function's prefix), so neither a commit nor
// a subsystem sits on both sides. Held-out detection, false alarms, precision and ECE come with 95%
// intervals from a bootstrap over groups, and the same cross-validation on other splits into folds
// shows how much the split moves them. Labels rest on trust.assuredProbability (docs/trust.md),
// calibration is measured on trust.probability. Also the time one CLI run takes on the whole corpus.
//
// Options: --corpus DIR (default ../shared/corpus), --no-timing, --json (machine-readable summary),
// --cv (also print each fold's fitted ratios), --folds K (default 5), --fold-seed S (another split of
// the groups into folds), --splits N (other splits to run, default 4), --features a,b (refit only
// these reason codes, for ablations; the others are then left out of the model), --l2 X (prior on
// the log ratios, default 1), --threshold-rule out-of-fold|in-sample, --inner-repeats R (default 3),
// --show-misses (list the held-out false alarms and trusted wrong culprits).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const corpus = resolve(opt('--corpus') ?? join(root, '..', 'shared', 'corpus'));
const dist = resolve(process.env.BISECT_REPORT_DIST || join(root, 'dist'));
const cli = join(dist, 'cli', 'index.js');
const labelsPath = join(corpus, 'syzbot', 'labels.csv');
const logsDir = join(corpus, 'syzbot', 'logs');
if (!existsSync(labelsPath)) {
  // A distinct non-zero code: a skipped benchmark must not read as a passed one (bench/README.md).
  console.error(`bench:trust SKIPPED, nothing measured: ${labelsPath} not found (pass --corpus DIR)`);
  process.exit(3);
}
if (!existsSync(cli)) {
  console.error(
    `bench:trust: no CLI bundle at ${cli} (build one: node scripts/package.mjs <dir>, then BISECT_REPORT_DIST=<dir>)`,
  );
  process.exit(2);
}

const TRUSTED = new Set(['verified', 'likely']);
const FOLDS = Math.max(2, Number(opt('--folds') ?? 5));
const FOLD_SEED = opt('--fold-seed') ?? '';
/** Gaussian prior on each log ratio (sd 1/sqrt(L2)): pulls ratios the data barely supports toward 1. */
const L2 = Number(opt('--l2') ?? 1);
/**
 * How the threshold is chosen on the training logs: 'out-of-fold' (default) on probabilities from
 * models that did not see the log (an inner cross-validation), 'in-sample' on the fitted model's own.
 */
const THRESHOLD_RULE = opt('--threshold-rule') ?? 'out-of-fold';
/** Inner splits pooled for the out-of-fold threshold: fewer leave it at the mercy of one split. */
const INNER_REPEATS = Math.max(1, Number(opt('--inner-repeats') ?? 3));

/**
 * Root-cause checks, by reason code. FITTED are refitted here (keep in sync with FITTED_REASONS in
 * src/analyse/plausibility.ts); FIXED are set from what they mean in the code (ROOT_LR.noop, .merge,
 * .release) and enter the fit as fixed offsets.
 */
const ALL_FITTED = [
  'stack-mentions-culprit-files',
  'stack-misses-culprit-files',
  'long-range-bisection',
  'build-config-only-culprit',
  'culprit-touches-build-files',
  'very-long-range-bisection',
  'culprit-adds-detector',
  'precise-crash-report',
];
const FITTED = opt('--features')?.split(',').filter(Boolean) ?? ALL_FITTED;
const FIXED = {
  'no-op-build': 0.01,
  'merge-culprit': 0.01,
  'release-culprit': 0.01,
  'culprit-outside-kernel': 0.01,
};

function readLabels() {
  const lines = readFileSync(labelsPath, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, i) => [h.trim(), (cells[i] ?? '').trim()]));
  });
}

/** Runs the CLI on many logs in a few invocations; returns reports by log file name. */
function runCli(files, batches = 4) {
  const byName = new Map();
  const size = Math.ceil(files.length / batches);
  for (let i = 0; i < files.length; i += size) {
    const chunk = files.slice(i, i + size);
    let out;
    try {
      out = execFileSync(process.execPath, [cli, '--json', '--format', 'syzkaller', ...chunk], {
        maxBuffer: 1 << 30,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (err) {
      // Exit code 2 still prints the reports that could be read.
      out = err.stdout ?? '';
    }
    const { reports = [] } = JSON.parse(out || '{"reports":[]}');
    for (const r of reports) byName.set(basename(r.source), r);
  }
  return byName;
}

/** The subsystem a culprit belongs to: its files' most common directory (two levels), else the title's function prefix. */
function subsystemOf(report, label) {
  const dirs = new Map();
  for (const f of report.culprit?.files ?? []) {
    const parts = f.path.split('/');
    if (parts.length < 2) continue;
    const dir = parts.slice(0, Math.min(2, parts.length - 1)).join('/');
    dirs.set(dir, (dirs.get(dir) ?? 0) + 1);
  }
  let best = null;
  for (const [d, n] of dirs) if (!best || n > dirs.get(best)) best = d;
  if (best) return best;
  const fn = / in ([A-Za-z0-9_]+)/.exec(label.title ?? '')?.[1] ?? '';
  return `fn:${fn.replace(/^_+/, '').split('_')[0] || label.reported_culprit.slice(0, 12)}`;
}

function fnv1a(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function metrics(rows, isTrusted = (r) => TRUSTED.has(r.label)) {
  const right = rows.filter((r) => r.right);
  const wrong = rows.filter((r) => !r.right);
  const trusted = rows.filter(isTrusted);
  return {
    n: rows.length,
    right: right.length,
    wrong: wrong.length,
    detection: wrong.length ? wrong.filter((r) => !isTrusted(r)).length / wrong.length : NaN,
    falseAlarms: right.length ? right.filter((r) => !isTrusted(r)).length / right.length : NaN,
    precision: trusted.length ? trusted.filter((r) => r.right).length / trusted.length : NaN,
    trusted: trusted.length,
  };
}

function calibration(rows, bins = 10) {
  const table = Array.from({ length: bins }, (_, i) => ({
    lo: i / bins,
    hi: (i + 1) / bins,
    n: 0,
    p: 0,
    right: 0,
  }));
  for (const r of rows) {
    const b = table[Math.min(bins - 1, Math.floor(r.p * bins))];
    b.n++;
    b.p += r.p;
    b.right += r.right ? 1 : 0;
  }
  const ece = table.reduce((a, b) => a + (b.n ? Math.abs(b.p - b.right) : 0), 0) / Math.max(1, rows.length);
  const brier = rows.reduce((a, r) => a + (r.p - (r.right ? 1 : 0)) ** 2, 0) / Math.max(1, rows.length);
  return { ece, brier, table };
}

/** Picks the probability threshold with the best detection at <= 10% false alarms. */
function tuneThreshold(rows, prob = (r) => r.p * r.assuredRatio) {
  // Labels rest on the assured probability, so the threshold is chosen on it.
  let best = { tau: 0.5, detection: -1 };
  for (let tau = 0.05; tau < 0.96; tau += 0.01) {
    const m = metrics(rows, (r) => r.label !== 'contradicted' && prob(r) >= tau);
    if (m.falseAlarms <= 0.1 && m.detection > best.detection) best = { tau, detection: m.detection };
  }
  return Math.round(best.tau * 100) / 100;
}

const sigmoid = (z) => 1 / (1 + Math.exp(-z));
const featuresOf = (r) => FITTED.map((c) => (r.codes.has(c) ? 1 : 0));
const offsetOf = (r) =>
  Object.entries(FIXED).reduce((a, [c, lr]) => a + (r.codes.has(c) ? Math.log(lr) : 0), 0);

/**
 * Maximum-likelihood fit of P(right) = location × sigmoid(b + w·x + offset), the form the analysis
 * uses (probability = location probability × root-cause probability), with a small L2 penalty on w.
 * Contradicted reports are left out: their label does not depend on these ratios.
 */
function fitRootModel(train, l2 = L2, iterations = 4000) {
  const data = train
    .filter((r) => r.label !== 'contradicted')
    .map((r) => ({
      x: featuresOf(r),
      off: offsetOf(r),
      L: Math.min(1, Math.max(0, r.location)),
      y: r.right,
    }));
  const w = new Array(FITTED.length + 1).fill(0);
  w[0] = 1;
  const step = 2 / Math.max(1, data.length);
  const g = new Float64Array(w.length);
  // Plain loops: the bench fits this model a few hundred times (folds, inner folds, splits).
  for (let it = 0; it < iterations; it++) {
    g.fill(0);
    for (const d of data) {
      let z = w[0] + d.off;
      for (let k = 0; k < d.x.length; k++) z += d.x[k] * w[k + 1];
      const s = sigmoid(z);
      const p = Math.min(1 - 1e-9, Math.max(1e-9, d.L * s));
      const dz = d.y ? 1 - s : -(d.L * s * (1 - s)) / (1 - p);
      g[0] += dz;
      for (let k = 0; k < d.x.length; k++) g[k + 1] += dz * d.x[k];
    }
    for (let k = 1; k < w.length; k++) g[k] -= l2 * w[k];
    for (let k = 0; k < w.length; k++) w[k] += step * g[k];
  }
  return {
    base: sigmoid(w[0]),
    ratios: Object.fromEntries(FITTED.map((c, k) => [c, Math.exp(w[k + 1])])),
    predict: (r) =>
      r.label === 'contradicted'
        ? r.p
        : Math.min(1, Math.max(0, r.location)) *
          sigmoid(w[0] + offsetOf(r) + featuresOf(r).reduce((a, x, k) => a + x * w[k + 1], 0)),
  };
}

/** Area under the ROC curve of "trusted" scores (contradicted = 0): threshold-free ranking quality. */
function auc(rows) {
  const score = (r) => (r.label === 'contradicted' ? 0 : r.p);
  const right = rows.filter((r) => r.right).map(score);
  const wrong = rows.filter((r) => !r.right).map(score);
  let sum = 0;
  for (const a of right) for (const b of wrong) sum += a > b ? 1 : a === b ? 0.5 : 0;
  return sum / Math.max(1, right.length * wrong.length);
}

/**
 * Out-of-fold probabilities of `rows`: each group's from a model fitted without it (inner K-fold
 * split of the groups). A threshold chosen on these sees the spread a fit has on logs it was not
 * fitted on; one chosen on in-sample probabilities sits too close to the training logs' own scores.
 */
function outOfFold(rows, salt) {
  const scored = [];
  for (let repeat = 0; repeat < INNER_REPEATS; repeat++)
    for (let fold = 0; fold < FOLDS; fold++) {
      const inFold = (r) => fnv1a(`${salt}inner${repeat}${r.cluster}`) % FOLDS === fold;
      const model = fitRootModel(rows.filter((r) => !inFold(r)));
      for (const r of rows.filter(inFold)) scored.push({ ...r, p: model.predict(r) });
    }
  return scored;
}

/** The `likely` threshold for a model fitted on `train`, by THRESHOLD_RULE. */
function chooseThreshold(train, model, salt) {
  if (THRESHOLD_RULE === 'in-sample') return tuneThreshold(train, (r) => model.predict(r) * r.assuredRatio);
  return tuneThreshold(outOfFold(train, salt));
}

/** K-fold cross-validation of the fitted ratios and the threshold. */
function crossValidate(rows) {
  const folds = [];
  const held = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = rows.filter((r) => r.fold !== fold);
    const test = rows.filter((r) => r.fold === fold);
    const model = fitRootModel(train);
    const tau = chooseThreshold(train, model, `${FOLD_SEED}|${fold}`);
    const scored = test.map((r) => ({ ...r, p: model.predict(r), tau }));
    for (const r of scored) r.assured = r.p * r.assuredRatio;
    held.push(...scored);
    folds.push({
      fold,
      tau,
      base: model.base,
      ratios: model.ratios,
      ...metrics(scored, (r) => r.label !== 'contradicted' && r.assured >= r.tau),
    });
  }
  const isTrusted = (r) => r.label !== 'contradicted' && r.assured >= r.tau;
  const pooled = metrics(held, isTrusted);
  const interval = (key) => clusterBootstrap(held, (sample) => metrics(sample, isTrusted)[key]);
  return {
    folds,
    pooled,
    intervals: {
      detection: interval('detection'),
      falseAlarms: interval('falseAlarms'),
      precision: interval('precision'),
    },
    calibration: calibration(held),
    eceInterval: eceInterval(held),
    auc: auc(held),
    held,
  };
}

const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');

const fmtInterval = ([lo, hi]) => `[${lo.toFixed(3)}–${hi.toFixed(3)}]`;

/**
 * Bootstrap 95% interval of a statistic, resampling whole groups (culprit/subsystem clusters), so
 * logs that share a culprit or subsystem do not pass for independent evidence. Seeded, 400 resamples.
 */
function clusterBootstrap(rows, statistic, resamples = 400) {
  let seed = 12345;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const byCluster = new Map();
  for (const r of rows) {
    const key = r.cluster ?? r.log;
    if (!byCluster.has(key)) byCluster.set(key, []);
    byCluster.get(key).push(r);
  }
  const clusters = [...byCluster.values()];
  const values = [];
  for (let k = 0; k < resamples; k++) {
    const sample = [];
    for (let i = 0; i < clusters.length; i++) sample.push(...clusters[Math.floor(rand() * clusters.length)]);
    const v = statistic(sample);
    if (Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  if (values.length === 0) return [NaN, NaN];
  return [
    values[Math.floor(0.025 * values.length)],
    values[Math.min(values.length - 1, Math.floor(0.975 * values.length))],
  ];
}

function eceInterval(rows) {
  return clusterBootstrap(rows, (sample) => calibration(sample).ece);
}

/** 95% Wilson score interval of a proportion k/n: how far these few hundred logs pin a rate down. */
function wilson(p, n) {
  if (!n || !Number.isFinite(p)) return '';
  const z = 1.96;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return `[${((centre - half) * 100).toFixed(0)}–${((centre + half) * 100).toFixed(0)}%]`;
}

const labels = readLabels();
const single = labels.filter(
  (l) => l.reported_culprit && !l.inconclusive_candidates && /^(yes|no)$/.test(l.reported_is_correct),
);
const files = labels.map((l) => join(logsDir, l.log)).filter(existsSync);
const t0 = process.hrtime.bigint();
const reports = runCli(files);
const labelledSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

const rows = [];
let missing = 0;
let culpritMismatch = 0;
let noTrust = 0;
for (const l of single) {
  const r = reports.get(l.log);
  if (!r) {
    missing++;
    continue;
  }
  if (!r.culprit || !l.reported_culprit.startsWith(r.culprit.sha.slice(0, 12))) culpritMismatch++;
  if (!r.trust) noTrust++;
  rows.push({
    log: l.log,
    right: l.reported_is_correct === 'yes',
    label: r.trust?.label ?? 'none',
    p: r.trust?.probability ?? 0,
    // What the label rests on: the probability at the test's pessimistic reliability.
    assuredRatio: r.trust?.probability
      ? (r.trust.assuredProbability ?? r.trust.probability) / r.trust.probability
      : 1,
    location: r.analysis?.locationProbability ?? 0,
    group: subsystemOf(r, l),
    culprit: l.reported_culprit.slice(0, 12),
    codes: new Set((r.trust?.reasons ?? []).map((x) => x.code)),
  });
}
// Held-out folds keep whole culprits and whole subsystems out of training at once: logs that share
// either are one group (connected components), and each group sits in one fold.
const parent = new Map();
const find = (x) => {
  while (parent.get(x) !== x) {
    parent.set(x, parent.get(parent.get(x)));
    x = parent.get(x);
  }
  return x;
};
const union = (a, b) => {
  for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x);
  const [ra, rb] = [find(a), find(b)].sort();
  parent.set(rb, ra);
};
for (const r of rows) union(`sub:${r.group}`, `sha:${r.culprit}`);
for (const r of rows) r.cluster = find(`sub:${r.group}`);
const assignFolds = (seed) => {
  for (const r of rows) r.fold = fnv1a(seed + r.cluster) % FOLDS;
};
assignFolds(FOLD_SEED);
const groups = new Set(rows.map((r) => r.cluster)).size;
const clusterSizes = new Map();
for (const r of rows) clusterSizes.set(r.cluster, (clusterSizes.get(r.cluster) ?? 0) + 1);
const largestGroup = Math.max(...clusterSizes.values());

const m = metrics(rows);
const cal = calibration(rows);
const byLabel = {};
for (const r of rows) {
  byLabel[r.label] ??= { right: 0, wrong: 0 };
  byLabel[r.label][r.right ? 'right' : 'wrong']++;
}
const fullFit = fitRootModel(rows);
const fullTau = chooseThreshold(rows, fullFit, `${FOLD_SEED}|all`);
// Other splits of the same groups into folds: how much the held-out numbers move with the split.
const SPLITS = Math.max(0, Number(opt('--splits') ?? 4));
const splits = [];
for (let k = 1; k <= SPLITS; k++) {
  assignFolds(`${FOLD_SEED}split${k}`);
  const { pooled, calibration: heldCalibration } = crossValidate(rows);
  splits.push({ ...pooled, brier: heldCalibration.brier });
}
assignFolds(FOLD_SEED);
const cv = crossValidate(rows);
// The shipped threshold as the labels show it: the lowest probability labelled trusted.
const shippedTau = Math.min(...rows.filter((r) => TRUSTED.has(r.label)).map((r) => r.p));
// The threshold the tuner picks on the shipped probabilities (rounded ratios): what THRESHOLDS.likely holds.
const tunedOnShipped = tuneThreshold(rows);

let corpusSeconds = null;
let corpusLogs = 0;
let corpusReports = 0;
if (!args.includes('--no-timing') && existsSync(logsDir)) {
  const all = readdirSync(logsDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => join(logsDir, f));
  corpusLogs = all.length;
  const t = process.hrtime.bigint();
  let out = '';
  try {
    out = execFileSync(process.execPath, [cli, '--json', '--format', 'syzkaller', ...all], {
      maxBuffer: 1 << 30,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (err) {
    out = err.stdout ?? ''; // exit code 2 for unreadable inputs still prints the rest
  }
  corpusSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  try {
    corpusReports = JSON.parse(out).reports.length;
  } catch {
    corpusReports = 0;
  }
}

if (args.includes('--json')) {
  console.log(
    JSON.stringify(
      {
        ...m,
        ece: cal.ece,
        brier: cal.brier,
        byLabel,
        fit: {
          base: fullFit.base,
          ratios: fullFit.ratios,
          threshold: fullTau,
          thresholdOnShipped: tunedOnShipped,
        },
        auc: auc(rows),
        eceInterval: eceInterval(rows),
        groups,
        largestGroup,
        contradictedAtHalf: rows.filter((r) => r.label === 'contradicted' && r.p >= 0.5).length,
        cv: {
          folds: cv.folds.map(({ held: _held, ...f }) => f),
          ...cv.pooled,
          intervals: cv.intervals,
          splits: splits.map(({ detection, falseAlarms, precision }) => ({
            detection,
            falseAlarms,
            precision,
          })),
          ece: cv.calibration.ece,
          eceInterval: cv.eceInterval,
          auc: cv.auc,
        },
        corpusSeconds,
        corpusLogs,
      },
      null,
      2,
    ),
  );
  process.exit(0);
}

console.log(
  `bench:trust — ${rows.length} labelled single-culprit logs (${m.right} right, ${m.wrong} wrong), bundle ${dist}`,
);
if (missing || culpritMismatch || noTrust) {
  console.log(
    `  note: ${missing} without a report, ${culpritMismatch} whose parsed culprit differs from the label, ${noTrust} without trust`,
  );
}
console.log('');
console.log(
  `  detection     ${pct(m.detection).padStart(6)} ${wilson(m.detection, m.wrong).padEnd(9)}  (target >= 80%)  wrong culprits not labelled verified/likely`,
);
console.log(
  `  false alarms  ${pct(m.falseAlarms).padStart(6)} ${wilson(m.falseAlarms, m.right).padEnd(9)}  (target <= 10%)  right culprits not labelled verified/likely`,
);
console.log(
  `  precision     ${pct(m.precision).padStart(6)} ${wilson(m.precision, m.trusted).padEnd(9)}  (aim >= 85%)     of ${m.trusted} trusted labels`,
);
console.log(
  `  ECE           ${cal.ece.toFixed(3).padStart(6)} ${fmtInterval(eceInterval(rows)).padEnd(9)}  (aim <= 0.10)    Brier ${cal.brier.toFixed(3)}, AUC ${auc(rows).toFixed(3)}; contradicted at P >= 0.5: ${rows.filter((r) => r.label === 'contradicted' && r.p >= 0.5).length}`,
);
console.log('');
console.log('  labels:');
for (const [label, c] of Object.entries(byLabel).sort())
  console.log(
    `    ${label.padEnd(13)} right ${String(c.right).padStart(4)}   wrong ${String(c.wrong).padStart(4)}`,
  );
console.log('');
console.log('  reliability (probability bin: logs, mean probability, share right):');
for (const b of cal.table) {
  if (!b.n) continue;
  const bar = '#'.repeat(Math.round((b.right / b.n) * 20)).padEnd(20);
  console.log(
    `    [${b.lo.toFixed(1)}, ${b.hi.toFixed(1)})  n=${String(b.n).padStart(3)}  p=${(b.p / b.n).toFixed(2)}  right=${(b.right / b.n).toFixed(2)}  ${bar}`,
  );
}
console.log('');
const fmtRatios = (ratios) =>
  Object.entries(ratios)
    .map(([c, lr]) => `${c} ${lr.toFixed(2)}`)
    .join(', ');
const fmtRate = (x, [lo, hi]) =>
  `${pct(x)} [${Number.isFinite(lo) ? (lo * 100).toFixed(0) : '?'}–${Number.isFinite(hi) ? (hi * 100).toFixed(0) : '?'}%]`;
// Every split's value, not only the best or the range: the reader sees how the split moves them.
const span = (key) => {
  const v = splits.map((x) => x[key]).filter(Number.isFinite);
  return v.length ? v.map(pct).join(', ') : 'n/a';
};
console.log(
  `  ${FOLDS}-fold cross-validation, grouped by culprit and subsystem (${groups} groups, largest ${largestGroup} logs); base, root-cause ratios and threshold refitted on the other folds:`,
);
for (const f of cv.folds) {
  console.log(
    `    fold ${f.fold}: threshold ${f.tau.toFixed(2)}  detection ${pct(f.detection)}  false alarms ${pct(f.falseAlarms)}  precision ${pct(f.precision)}  (n=${f.n})`,
  );
  if (args.includes('--cv')) console.log(`      base ${f.base.toFixed(2)}; ${fmtRatios(f.ratios)}`);
}
console.log(
  `    held out: detection ${fmtRate(cv.pooled.detection, cv.intervals.detection)}  false alarms ${fmtRate(cv.pooled.falseAlarms, cv.intervals.falseAlarms)}  precision ${fmtRate(cv.pooled.precision, cv.intervals.precision)}  ECE ${cv.calibration.ece.toFixed(3)} ${fmtInterval(cv.eceInterval)}  Brier ${cv.calibration.brier.toFixed(4)}  AUC ${cv.auc.toFixed(3)}`,
);
console.log('      (95% intervals: bootstrap over groups)');
if (args.includes('--show-misses')) {
  // The held-out mistakes one by one, with the evidence the model saw: what a new check must explain.
  const heldTrusted = (r) => r.label !== 'contradicted' && r.assured >= r.tau;
  const show = (title, list) => {
    console.log(`    ${title} (${list.length}):`);
    for (const r of list)
      console.log(
        `      ${r.log}  ${r.label}  P ${r.p.toFixed(2)} assured ${r.assured.toFixed(2)} threshold ${r.tau.toFixed(2)} location ${r.location.toFixed(2)}  ${[...r.codes].join(' ')}`,
      );
  };
  show(
    'held-out false alarms (right, not trusted)',
    cv.held.filter((r) => r.right && !heldTrusted(r)),
  );
  show(
    'held-out wrong culprits trusted',
    cv.held.filter((r) => !r.right && heldTrusted(r)),
  );
}
if (splits.length)
  console.log(
    `    ${splits.length} other splits into folds: detection ${span('detection')}, false alarms ${span('falseAlarms')}, precision ${span('precision')}, Brier ${splits.map((x) => x.brier.toFixed(4)).join(', ')}`,
  );
console.log(
  `  fit on all logs: base ${fullFit.base.toFixed(2)}; ${fmtRatios(fullFit.ratios)}; threshold ${fullTau.toFixed(2)} (${THRESHOLD_RULE}); on the shipped probabilities ${tunedOnShipped.toFixed(2)} (lowest trusted ${shippedTau.toFixed(2)})`,
);
console.log('');
console.log(
  `  time: ${labelledSeconds.toFixed(2)} s for ${files.length} labelled logs (${Math.ceil(files.length / Math.ceil(files.length / 4))} CLI runs)`,
);
if (corpusSeconds !== null)
  console.log(
    `  time: ${corpusSeconds.toFixed(2)} s for the whole corpus (${corpusReports} reports from ${corpusLogs} logs) in one CLI run (target <= 5 s)`,
  );
