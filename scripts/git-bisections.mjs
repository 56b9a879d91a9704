// Real flaky `git bisect` runs in scratch repositories, made the README's way, and the trust labels
// bisect-report gives them (`npm run bench:git-trust`; test/trust-git-bisections.test.ts runs a few).
//
// Each bisection: a linear history of N commits (real git, fixed authors and dates), a regression in
// one commit, and a test (a shell script outside the work tree) that fails on bad commits with the
// repro rate q and on good commits with the false-alarm rate ε. Its failure line varies from run to
// run the way real test output does (durations, run counter, commit, temp paths, PIDs); a false
// alarm is either the same assertion or an unrelated timeout. Bisected by
//   plain:   git bisect start BAD GOOD; git bisect run ./test.sh | tee log; git bisect log >> log
//   runs N:  ... git bisect run node dist/cli/index.js run --runs N -- ./test.sh ...
// then every log is read by one `bisect-report --json` run and judged against the known culprit.
//
// Options: --count K (bisections per mode, default 40), --modes plain,runs5,runs10, --seed S,
// --commits N (default 40), --max-flake F (default 0.7), --max-false-alarm E (default 0.1),
// --deterministic K (extra deterministic --runs 10 bisections, default 10), --jobs J (default 2),
// --json, --keep DIR (keep the logs there).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** mulberry32: a small seeded generator, so a seed gives the same bisections everywhere. */
export function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIT_ENV = {
  LC_ALL: 'C',
  LANG: 'C',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Alice Dev',
  GIT_AUTHOR_EMAIL: 'alice@example.com',
  GIT_COMMITTER_NAME: 'Alice Dev',
  GIT_COMMITTER_EMAIL: 'alice@example.com',
};

/** The history in one `git fast-import` stream: fast, and the same object ids on every machine. */
function fastImportStream(commits, culprit) {
  const parts = [];
  for (let i = 0; i <= commits; i++) {
    const date = 1700000000 + i * 3600;
    const msg =
      i === 0
        ? 'Initial import'
        : i === culprit
          ? 'parser: switch tokenizer to the fast path'
          : `feature: add option ${i}`;
    const files = [`option ${i}\n`];
    parts.push(`commit refs/heads/main\nmark :${i + 1}\n`);
    parts.push(`author Alice Dev <alice@example.com> ${date} +0000\n`);
    parts.push(`committer Alice Dev <alice@example.com> ${date} +0000\n`);
    parts.push(`data ${Buffer.byteLength(msg)}\n${msg}\n`);
    if (i > 0) parts.push(`from :${i}\n`);
    parts.push(`M 644 inline options/opt${i}.txt\ndata ${Buffer.byteLength(files[0])}\n${files[0]}\n`);
    if (i === 0 || i === culprit) {
      const state = i === culprit ? 'tokenizer=fast\n' : 'tokenizer=slow\n';
      parts.push(`M 644 inline parser.conf\ndata ${state.length}\n${state}\n`);
    }
  }
  return parts.join('');
}

/**
 * The flaky test. Its randomness is a linear congruential generator whose state lives in a file
 * next to it (every invocation differs, a seed replays the same sequence), in shell arithmetic so
 * one run costs few processes. Rates are in 1/10000.
 */
function testScript(dir, seed, repro, falseAlarm) {
  const q = Math.round(repro * 10000);
  const e = Math.round(falseAlarm * 10000);
  return `#!/bin/sh
state=${dir}/rng
s=$(cat "$state" 2>/dev/null || echo ${seed % 2147483647})
s=$(( (s * 1103515245 + 12345) % 2147483648 )); u=$(( (s / 65536) % 10000 ))
s=$(( (s * 1103515245 + 12345) % 2147483648 )); v=$(( (s / 65536) % 10000 ))
echo $s > "$state"
ms=$(( v % 900 + 37 ))
sha=$(git rev-parse --short HEAD)
tmp=/tmp/tok-$$-$(( v % 4096 )).json
echo "test: tokenizer suite on $sha (pid $$)"
if grep -q fast parser.conf; then
  if [ $u -lt ${q} ]; then
    echo "FAIL: tokenizer returned a truncated token after \${ms}ms in $tmp (seed $s, commit $sha, pid $$)"
    exit 1
  fi
elif [ $u -lt ${e} ]; then
  if [ $(( v % 2 )) -eq 0 ]; then
    echo "FAIL: tokenizer returned a truncated token after \${ms}ms in $tmp (seed $s, commit $sha, pid $$)"
  else
    echo "Error: timeout after \${ms}ms waiting for the fixture server on port $(( 30000 + v % 2000 ))"
  fi
  exit 1
fi
echo "ok (\${ms}ms)"
exit 0
`;
}

function sh(cmd, args, opts) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (out += d));
    child.on('close', (code) => resolvePromise({ code, out }));
    child.on('error', () => resolvePromise({ code: -1, out }));
  });
}

/**
 * One bisection. Returns the log file, the true culprit and what git itself recorded (`git bisect
 * log` verdicts, `refs/bisect/bad`), so the report can be checked commit by commit.
 */
export async function makeBisection({
  workDir,
  id,
  commits,
  culprit,
  repro,
  falseAlarm,
  runs,
  seed,
  cli,
  node,
}) {
  const dir = join(workDir, `b${id}`);
  const repo = join(dir, 'repo');
  mkdirSync(repo, { recursive: true });
  const env = { ...process.env, ...GIT_ENV, HOME: dir, PATH: process.env.PATH };
  const git = (...args) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: repo,
    env,
    input: fastImportStream(commits, culprit),
  });
  git('checkout', '-q', 'main');
  const shas = git('rev-list', '--reverse', 'main').split('\n');
  const test = join(dir, 'test.sh');
  writeFileSync(test, testScript(dir, seed, repro, falseAlarm));
  chmodSync(test, 0o755);
  git('bisect', 'start', shas[commits], shas[0]);
  const runArgs = runs > 1 ? [node, cli, 'run', '--runs', String(runs), '--', test] : [test];
  const run = await sh('git', ['bisect', 'run', ...runArgs], { cwd: repo, env });
  const log = git('bisect', 'log');
  let reported = null;
  try {
    reported = run.out.includes('is the first bad commit')
      ? git('rev-parse', '--verify', '-q', 'refs/bisect/bad')
      : null;
  } catch {
    reported = null;
  }
  const file = join(dir, 'bisect.log');
  // git 2.39 ends the run output without a newline: appended as the README says, unchanged.
  writeFileSync(file, run.out + log + '\n');
  writeFileSync(
    join(dir, 'truth.json'),
    JSON.stringify({ truth: shas[culprit], culprit, repro, falseAlarm, runs }) + '\n',
  );
  const marks = [];
  for (const line of log.split('\n')) {
    const m = /^git bisect (good|bad|skip) ([0-9a-f]{40})$/.exec(line);
    if (m) marks.push({ sha: m[2], verdict: m[1] });
  }
  return { id, file, truth: shas[culprit], reported, marks, culprit, repro, falseAlarm, runs, commits };
}

/** Runs `fn` over items with at most `jobs` at a time. */
async function pool(items, jobs, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(jobs, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** Reads all logs with one CLI run; returns the reports by file. */
function readReports(cli, node, files) {
  let out;
  try {
    out = execFileSync(node, [cli, '--json', ...files], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    out = err.stdout ?? '';
  }
  const { reports = [] } = JSON.parse(out || '{"reports":[]}');
  return new Map(reports.map((r) => [r.source, r]));
}

const MODES = { plain: 1, runs5: 5, runs10: 10 };

/** Plans the bisections: flake rates, false-alarm rates and culprit positions drawn from a seed. */
export function plan({ count, modes, seed, commits, maxFlake, maxFalseAlarm, deterministic }) {
  const rand = seeded(seed);
  const items = [];
  for (const mode of modes) {
    for (let k = 0; k < count; k++) {
      items.push({
        mode,
        runs: MODES[mode],
        commits,
        culprit: 1 + Math.floor(rand() * commits),
        repro: Number((1 - maxFlake * rand()).toFixed(3)),
        falseAlarm: Number((maxFalseAlarm * rand()).toFixed(3)),
        seed: Math.floor(rand() * 1e9),
      });
    }
  }
  for (let k = 0; k < deterministic; k++) {
    items.push({
      mode: 'deterministic-runs10',
      runs: 10,
      commits,
      culprit: 1 + Math.floor(rand() * commits),
      repro: 1,
      falseAlarm: 0,
      seed: Math.floor(rand() * 1e9),
    });
  }
  return items;
}

const TRUSTED = new Set(['verified', 'likely']);

function wilson(k, n) {
  if (!n) return [NaN, NaN];
  const z = 1.96;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function rate(rows, pred) {
  const k = rows.filter(pred).length;
  return { k, n: rows.length, rate: rows.length ? k / rows.length : NaN, ci95: wilson(k, rows.length) };
}

function ece(rows, bins = 10) {
  const acc = Array.from({ length: bins }, () => ({ n: 0, p: 0, right: 0 }));
  for (const r of rows) {
    const b = acc[Math.min(bins - 1, Math.floor(r.p * bins))];
    b.n++;
    b.p += r.p;
    b.right += r.right ? 1 : 0;
  }
  return acc.reduce((a, b) => a + Math.abs(b.p - b.right), 0) / Math.max(1, rows.length);
}

/** Everything the targets of docs/trust.md ask for, overall and per mode. */
export function summarise(rows) {
  const found = rows.filter((r) => r.status === 'found');
  const right = found.filter((r) => r.right);
  const wrong = found.filter((r) => !r.right);
  const det = rows.filter((r) => r.mode === 'deterministic-runs10' && r.status === 'found');
  const perMode = {};
  for (const mode of [...new Set(rows.map((r) => r.mode))]) {
    const m = found.filter((r) => r.mode === mode);
    const labels = {};
    for (const r of m) labels[r.label] = (labels[r.label] ?? 0) + 1;
    perMode[mode] = {
      bisections: rows.filter((r) => r.mode === mode).length,
      found: m.length,
      right: m.filter((r) => r.right).length,
      wrongTrusted: rate(
        m.filter((r) => !r.right),
        (r) => TRUSTED.has(r.label),
      ),
      rightContradicted: rate(
        m.filter((r) => r.right),
        (r) => r.label === 'contradicted',
      ),
      likelyPrecision: rate(
        m.filter((r) => TRUSTED.has(r.label)),
        (r) => r.right,
      ),
      labels,
    };
  }
  return {
    bisections: rows.length,
    found: found.length,
    wrongTrusted: rate(wrong, (r) => TRUSTED.has(r.label)),
    rightContradicted: rate(right, (r) => r.label === 'contradicted'),
    trustedPrecision: rate(
      found.filter((r) => TRUSTED.has(r.label)),
      (r) => r.right,
    ),
    verifiedPrecision: rate(
      found.filter((r) => r.label === 'verified'),
      (r) => r.right,
    ),
    deterministicVerified: rate(det, (r) => r.label === 'verified'),
    contradictedAtHalf: found.filter((r) => r.label === 'contradicted' && r.p >= 0.5).length,
    everyTestedCommit: rate(rows, (r) => r.stepsMatch),
    ece: ece(found),
    perMode,
  };
}

/** Did the report list every commit git tested, with git's verdict? */
function stepsMatch(report, marks) {
  if (!report) return false;
  const steps = report.steps ?? [];
  if (steps.length !== marks.length) return false;
  return marks.every(
    (m, i) => steps[i].commit === m.sha && steps[i].verdict === (m.verdict === 'skip' ? 'skip' : m.verdict),
  );
}

export async function runGenerator(options) {
  const cli = resolve(
    options.cli ?? join(process.env.BISECT_REPORT_DIST || join(root, 'dist'), 'cli', 'index.js'),
  );
  const node = options.node ?? process.execPath;
  const workDir = options.keep ? resolve(options.keep) : mkdtempSync(join(tmpdir(), 'br-flaky-'));
  mkdirSync(workDir, { recursive: true });
  try {
    const items = plan(options);
    const made = await pool(items, options.jobs ?? 2, (it, i) =>
      makeBisection({ ...it, workDir, id: i, cli, node }),
    );
    const reports = readReports(
      cli,
      node,
      made.map((b) => b.file),
    );
    const rows = made.map((b, i) => {
      const r = reports.get(b.file);
      return {
        mode: items[i].mode,
        repro: b.repro,
        falseAlarm: b.falseAlarm,
        culprit: b.culprit,
        file: b.file,
        status: r?.status ?? 'missing',
        gitFound: b.reported !== null,
        right: Boolean(r?.culprit && r.culprit.sha === b.truth),
        label: r?.trust?.label ?? 'none',
        p: r?.trust?.probability ?? 0,
        stepsMatch: stepsMatch(r, b.marks),
      };
    });
    return { rows, summary: summarise(rows) };
  } finally {
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  }
}

function fmt(r) {
  if (!r.n) return 'n/a (none)';
  return `${(r.rate * 100).toFixed(1)}% (${r.k}/${r.n}) [${(r.ci95[0] * 100).toFixed(0)}–${(r.ci95[1] * 100).toFixed(0)}%]`;
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const options = {
    count: Number(opt('--count', 40)),
    modes: opt('--modes', 'plain,runs5,runs10').split(',').filter(Boolean),
    seed: Number(opt('--seed', 20261205)),
    commits: Number(opt('--commits', 40)),
    maxFlake: Number(opt('--max-flake', 0.7)),
    maxFalseAlarm: Number(opt('--max-false-alarm', 0.1)),
    deterministic: Number(opt('--deterministic', 10)),
    jobs: Number(opt('--jobs', 2)),
    keep: opt('--keep'),
  };
  const cli = join(process.env.BISECT_REPORT_DIST || join(root, 'dist'), 'cli', 'index.js');
  if (!existsSync(cli)) {
    console.error(`bench:git-trust: no CLI bundle at ${cli} (npm run package)`);
    process.exit(2);
  }
  const t0 = Date.now();
  const { rows, summary } = await runGenerator(options);
  if (args.includes('--json')) {
    console.log(
      JSON.stringify({ options, summary, rows: args.includes('--rows') ? rows : undefined }, null, 2),
    );
    return;
  }
  const s = summary;
  console.log(
    `bench:git-trust — ${s.bisections} real git bisections (${options.commits} commits, flake 0–${options.maxFlake * 100}%, false alarms 0–${options.maxFalseAlarm * 100}%, seed ${options.seed}), ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  console.log(`  wrong culprits trusted     ${fmt(s.wrongTrusted)}   (target <= 5%)`);
  console.log(`  right culprits contradicted ${fmt(s.rightContradicted)}   (target <= 5%)`);
  console.log(`  deterministic --runs 10 verified ${fmt(s.deterministicVerified)}   (target >= 90%)`);
  console.log(`  precision of trusted       ${fmt(s.trustedPrecision)}`);
  console.log(`  precision of verified      ${fmt(s.verifiedPrecision)}`);
  console.log(`  contradicted at P >= 0.5   ${s.contradictedAtHalf}`);
  console.log(`  every tested commit with git's verdict ${fmt(s.everyTestedCommit)}`);
  console.log(`  ECE ${s.ece.toFixed(3)}`);
  for (const [mode, m] of Object.entries(s.perMode)) {
    console.log(
      `  ${mode.padEnd(21)} found ${m.found}/${m.bisections}, right ${m.right}; wrong trusted ${fmt(m.wrongTrusted)}; right contradicted ${fmt(m.rightContradicted)}; labels ${JSON.stringify(m.labels)}`,
    );
  }
  void readFileSync;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(`bench:git-trust: ${err.message}`);
    process.exit(1);
  });
}
