// `npm run bench:trust`: how well the trust labels separate right from wrong culprits on real syzbot
// bisections with a known true culprit (../shared/corpus/syzbot/labels.csv), using the CLI bundle.
//
// For logs with a single reported culprit it prints:
//   detection    = share of wrong culprits NOT labelled trusted (verified/likely)
//   false alarms = share of right culprits NOT labelled trusted
//   precision    = share of trusted labels that are right
//   calibration  = expected calibration error of trust.probability, and a reliability table
// plus a 2-fold check (folds by a hash of the log name) of the one tuned threshold, and the time
// one CLI run takes on the whole corpus (`--no-timing` skips it).
//
// Options: --corpus DIR (default ../shared/corpus), --no-timing, --json (machine-readable summary).
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
  console.log(`bench:trust skipped: ${labelsPath} not found`);
  process.exit(0);
}
if (!existsSync(cli)) {
  console.error(
    `bench:trust: no CLI bundle at ${cli} (build one: node scripts/package.mjs <dir>, then BISECT_REPORT_DIST=<dir>)`,
  );
  process.exit(2);
}

const TRUSTED = new Set(['verified', 'likely']);

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
function tuneThreshold(rows) {
  let best = { tau: 0.5, detection: -1 };
  for (let tau = 0.05; tau < 0.96; tau += 0.01) {
    const m = metrics(rows, (r) => r.label !== 'contradicted' && r.p >= tau);
    if (m.falseAlarms <= 0.1 && m.detection > best.detection) best = { tau, detection: m.detection };
  }
  return best.tau;
}

const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : 'n/a');

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
    fold: fnv1a(l.log) & 1,
  });
}

const m = metrics(rows);
const cal = calibration(rows);
const byLabel = {};
for (const r of rows) {
  byLabel[r.label] ??= { right: 0, wrong: 0 };
  byLabel[r.label][r.right ? 'right' : 'wrong']++;
}
// 2-fold check of the threshold: tune on one half, measure on the other.
const cv = [0, 1].map((fold) => {
  const train = rows.filter((r) => r.fold !== fold);
  const test = rows.filter((r) => r.fold === fold);
  const tau = tuneThreshold(train);
  return { fold, tau, ...metrics(test, (r) => r.label !== 'contradicted' && r.p >= tau) };
});
const cvPooled = (key) =>
  cv.reduce((a, f) => a + f[key] * (key === 'detection' ? f.wrong : f.right), 0) /
  cv.reduce((a, f) => a + (key === 'detection' ? f.wrong : f.right), 0);

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
    JSON.stringify({ ...m, ece: cal.ece, brier: cal.brier, byLabel, cv, corpusSeconds, corpusLogs }, null, 2),
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
  `  detection     ${pct(m.detection).padStart(6)}   (target >= 80%)  wrong culprits not labelled verified/likely`,
);
console.log(
  `  false alarms  ${pct(m.falseAlarms).padStart(6)}   (target <= 10%)  right culprits not labelled verified/likely`,
);
console.log(
  `  precision     ${pct(m.precision).padStart(6)}   (aim >= 85%)     of ${m.trusted} trusted labels`,
);
console.log(
  `  ECE           ${cal.ece.toFixed(3).padStart(6)}   (aim <= 0.10)    Brier ${cal.brier.toFixed(3)}`,
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
console.log(
  '  2-fold check of the probability threshold (tuned on one half for <= 10% false alarms, measured on the other):',
);
for (const f of cv) {
  console.log(
    `    fold ${f.fold}: threshold ${f.tau.toFixed(2)}  detection ${pct(f.detection)}  false alarms ${pct(f.falseAlarms)}  precision ${pct(f.precision)}  (n=${f.n})`,
  );
}
console.log(
  `    pooled: detection ${pct(cvPooled('detection'))}  false alarms ${pct(cvPooled('falseAlarms'))}`,
);
console.log('');
console.log(
  `  time: ${labelledSeconds.toFixed(2)} s for ${files.length} labelled logs (${Math.ceil(files.length / Math.ceil(files.length / 4))} CLI runs)`,
);
if (corpusSeconds !== null)
  console.log(
    `  time: ${corpusSeconds.toFixed(2)} s for the whole corpus (${corpusReports} reports from ${corpusLogs} logs) in one CLI run (target <= 5 s)`,
  );
