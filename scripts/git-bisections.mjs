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
// Every bisection is also read as its `git bisect log` alone (the git-bisect-log format) and as its
// console alone (no verdicts printed by git; read in the repository), and every report must list
// each commit git tested (that its log shows) with git's verdict (the script exits 1 otherwise).
//
// Options: --seeds S1,S2,... (default 11,12,13,14: held out, never looked at while changing the model;
// 1 and 2 are the development seeds), --count K (bisections per mode and seed, default 20),
// --modes plain,runs5,runs10, --commits 40,300 (history lengths, cycled), --max-flake F (default
// 0.6), --max-false-alarm E (default 0.1), --deterministic K (deterministic --runs 10 bisections per
// seed, default 10), --jobs J (default 2), --json [--rows], --json-out FILE (summary and rows, with
// the table), --keep DIR (keep the logs there).
import { spawn, execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
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
n=$(( $(cat ${dir}/runs 2>/dev/null || echo 0) + 1 )); echo $n > ${dir}/runs
s=$(cat "$state" 2>/dev/null || echo ${seed % 2147483647})
s=$(( (s * 1103515245 + 12345) % 2147483648 )); u=$(( (s / 65536) % 10000 ))
s=$(( (s * 1103515245 + 12345) % 2147483648 )); v=$(( (s / 65536) % 10000 ))
echo $s > "$state"
ms=$(( v % 900 + 37 ))
sha=$(git rev-parse --short HEAD)
tmp=/tmp/tok-$$-$(( v % 4096 )).json
echo "test run #$n: tokenizer suite on $sha (pid $$, started at $(( 1700000000 + s % 86400 )))"
if grep -q fast parser.conf; then
  if [ $u -lt ${q} ]; then
    echo "FAIL: run #$n: tokenizer returned a truncated token after \${ms}ms in $tmp (seed $s, commit $sha, pid $$)"
    exit 1
  fi
elif [ $u -lt ${e} ]; then
  if [ $(( v % 2 )) -eq 0 ]; then
    echo "FAIL: run #$n: tokenizer returned a truncated token after \${ms}ms in $tmp (seed $s, commit $sha, pid $$)"
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
  // The same bisection as \`git bisect log\` alone (the git-bisect-log format: verdicts, no runs).
  const logOnly = join(dir, 'git-bisect-log.txt');
  writeFileSync(logOnly, log + '\n');
  // The console alone, as a plain `tee` keeps it: git prints no verdicts there; read in the
  // repository they must still come out as git's.
  const consoleOnly = join(dir, 'console-only.txt');
  writeFileSync(consoleOnly, run.out + '\n');
  writeFileSync(
    join(dir, 'truth.json'),
    JSON.stringify({ truth: shas[culprit], culprit, repro, falseAlarm, runs }) + '\n',
  );
  const marks = [];
  for (const line of log.split('\n')) {
    const m = /^git bisect (good|bad|skip) ([0-9a-f]{40})$/.exec(line);
    if (m) marks.push({ sha: m[2], verdict: m[1] });
  }
  return {
    id,
    repo,
    file,
    logOnly,
    consoleOnly,
    // The commits the console shows tested: git's "[sha] subject" lines, `bisect-report run`'s
    // "commit=sha". git printed the first one at `git bisect start`, before the run.
    consoleMarks: marks.filter((m) => run.out.includes(`[${m.sha}]`) || run.out.includes(`commit=${m.sha}`)),
    shas,
    truth: shas[culprit],
    reported,
    marks,
    culprit,
    repro,
    falseAlarm,
    runs,
    commits,
  };
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

/**
 * Reads one bisection's logs with the CLI run inside its repository, as the action reads logs in a
 * checkout: the history gives exact positions and the culprit's parent. Returns reports by file.
 */
async function readReports(cli, node, files, cwd) {
  const out = await new Promise((resolvePromise) =>
    // Exit 1 flags a problem in a report; its JSON on stdout is still whole.
    execFile(node, [cli, '--json', ...files], { cwd, maxBuffer: 1 << 26 }, (_err, stdout) =>
      resolvePromise(stdout ?? ''),
    ),
  );
  let reports = [];
  try {
    ({ reports = [] } = JSON.parse(out || '{"reports":[]}'));
  } catch {
    reports = [];
  }
  return new Map(reports.map((r) => [r.source, r]));
}

const MODES = { plain: 1, runs5: 5, runs10: 10 };

/**
 * Plans the bisections: for every seed, `count` per mode and `deterministic` deterministic
 * `--runs 10` ones; history lengths cycle through `commits`; flake rates (1 − repro rate), false-alarm
 * rates and culprit positions are drawn from the seed.
 */
export function plan({ count, modes, seeds, commits, maxFlake, maxFalseAlarm, deterministic }) {
  const lengths = Array.isArray(commits) ? commits : [commits];
  const items = [];
  for (const seed of seeds) {
    const rand = seeded(seed);
    let k = 0;
    const next = (mode, runs, repro, falseAlarm) => {
      const n = lengths[k++ % lengths.length];
      items.push({
        seed,
        mode,
        runs,
        commits: n,
        culprit: 1 + Math.floor(rand() * n),
        repro: repro ?? Number((1 - maxFlake * rand()).toFixed(3)),
        falseAlarm: falseAlarm ?? Number((maxFalseAlarm * rand()).toFixed(3)),
        testSeed: Math.floor(rand() * 1e9),
      });
    };
    for (const mode of modes) for (let c = 0; c < count; c++) next(mode, MODES[mode]);
    for (let c = 0; c < deterministic; c++) next('deterministic-runs10', 10, 1, 0);
  }
  return items;
}

const TRUSTED = new Set(['verified', 'likely']);

/** What each label promises (docs/trust.md): the share of right culprits it allows. */
export const PROMISES = {
  verified: { atLeast: 0.9 },
  likely: { atLeast: 0.8 },
  contradicted: { atMost: 0.05 },
  /** For `range`: the share of culprits inside the named range. */
  range: { atLeast: 0.95 },
};

export function wilson(k, n) {
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

/** Expected calibration error of `probability` against rightness, 10 equal-width bins. */
export function ece(rows, bins = 10, key = 'p') {
  const acc = Array.from({ length: bins }, () => ({ n: 0, p: 0, right: 0 }));
  for (const r of rows) {
    const b = acc[Math.min(bins - 1, Math.floor(r[key] * bins))];
    b.n++;
    b.p += r[key];
    b.right += r.right ? 1 : 0;
  }
  return acc.reduce((a, b) => a + Math.abs(b.p - b.right), 0) / Math.max(1, rows.length);
}

/** ECE with a 95 % bootstrap interval (resampling bisections; seeded, so reproducible). */
function eceWithInterval(rows, key = 'p', resamples = 1000) {
  const value = ece(rows, 10, key);
  if (rows.length === 0) return { value, ci95: [NaN, NaN] };
  const rand = seeded(12345);
  const draws = [];
  for (let b = 0; b < resamples; b++) {
    const sample = Array.from({ length: rows.length }, () => rows[Math.floor(rand() * rows.length)]);
    draws.push(ece(sample, 10, key));
  }
  draws.sort((a, b) => a - b);
  return { value, ci95: [draws[Math.floor(0.025 * resamples)], draws[Math.ceil(0.975 * resamples) - 1]] };
}

/**
 * Each label's promise, per format: share of right culprits with its interval. `holds`: the share
 * keeps the promise; `shown`: the whole 95 % interval does (the sample is large enough to show it).
 */
function promises(found) {
  const out = [];
  const judge = (right, promise) => {
    if (!right.n) return { holds: null, shown: false };
    if ('atMost' in promise)
      return { holds: right.rate <= promise.atMost, shown: right.ci95[1] <= promise.atMost };
    return { holds: right.rate >= promise.atLeast, shown: right.ci95[0] >= promise.atLeast };
  };
  for (const format of [...new Set(found.map((r) => r.format))].sort()) {
    for (const [label, promise] of Object.entries(PROMISES)) {
      const right = rate(
        found.filter((r) => r.format === format && r.label === label),
        (r) => (label === 'range' ? r.truthInRange : r.right),
      );
      out.push({ format, label, ...promise, right, ...judge(right, promise) });
    }
  }
  return out;
}

/** Everything the targets of docs/trust.md ask for, overall and per mode. */
export function summarise(allRows) {
  // The console logs (git bisect run output + `git bisect log`) are the README's way; the
  // `git bisect log`-only copies are judged for their format's promises and verdicts only.
  const rows = allRows.filter((r) => !r.logOnly && !r.consoleOnly);
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
      labels,
    };
  }
  // Console-only copies repeat their console + log reading: counted for the verdicts only.
  const allFound = allRows.filter((r) => r.status === 'found' && !r.consoleOnly);
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
    // The bad end is given to git, never tested: no runs there can verify it.
    deterministicVerifiedTestable: rate(
      det.filter((r) => r.culprit !== r.commits),
      (r) => r.label === 'verified',
    ),
    contradictedAtHalf: allFound.filter((r) => r.label === 'contradicted' && r.p >= 0.5).length,
    everyTestedCommit: rate(allRows, (r) => r.stepsMatch),
    stepMismatches: allRows.filter((r) => !r.stepsMatch).map((r) => r.file),
    ece: eceWithInterval(found),
    // The generator's culprits always cause the failure, so the root-cause factor (at most 0.9 for
    // a project's test) is not exercised: the location probability is what it can calibrate.
    eceLocation: eceWithInterval(found, 'location'),
    promises: promises(allFound),
    perMode,
  };
}

/** Did the report list every commit git tested, with git's verdict, in git's order? */
function stepsMatch(report, marks) {
  if (!report) return false;
  const steps = report.steps ?? [];
  if (steps.length !== marks.length) return false;
  return marks.every((m, i) => steps[i].commit === m.sha && steps[i].verdict === m.verdict);
}

/** Is the true culprit inside the reported 95 % range? */
function truthInRange(report, shas, culprit) {
  const range = report?.trust?.range95;
  if (!range) return false;
  const first = range.first ? shas.indexOf(range.first) : range.after ? shas.indexOf(range.after) + 1 : -1;
  const last = range.last ? shas.indexOf(range.last) : -1;
  return first > 0 && last >= first && culprit >= first && culprit <= last;
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
    const made = await pool(items, options.jobs ?? 2, async (it, i) => {
      const b = await makeBisection({ ...it, seed: it.testSeed, workDir, id: i, cli, node });
      return { ...b, reports: await readReports(cli, node, [b.file, b.logOnly, b.consoleOnly], b.repo) };
    });
    const rows = made.flatMap((b, i) =>
      [b.file, b.logOnly, b.consoleOnly].map((file) => {
        const r = b.reports.get(file);
        return {
          seed: items[i].seed,
          mode: items[i].mode,
          commits: b.commits,
          repro: b.repro,
          falseAlarm: b.falseAlarm,
          culprit: b.culprit,
          file,
          logOnly: file === b.logOnly,
          consoleOnly: file === b.consoleOnly,
          format: r?.format ?? 'missing',
          status: r?.status ?? 'missing',
          gitFound: b.reported !== null,
          right: Boolean(r?.culprit && r.culprit.sha === b.truth),
          label: r?.trust?.label ?? 'none',
          p: r?.trust?.probability ?? 0,
          assured: r?.trust?.assuredProbability ?? 0,
          // schemaVersion 2 keeps the analysis' internals under `analysis`.
          location: r?.analysis?.locationProbability ?? r?.trust?.locationProbability ?? 0,
          stepsMatch: stepsMatch(r, file === b.consoleOnly ? b.consoleMarks : b.marks),
          truthInRange: truthInRange(r, b.shas, b.culprit),
        };
      }),
    );
    return { rows, summary: summarise(rows) };
  } finally {
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  }
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;
function fmt(r) {
  if (!r.n) return 'n/a (none)';
  return `${pct(r.rate)} (${r.k}/${r.n}) [95% CI ${pct(r.ci95[0])}–${pct(r.ci95[1])}]`;
}

const list = (v) => String(v).split(',').filter(Boolean);

async function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  const options = {
    count: Number(opt('--count', 20)),
    modes: list(opt('--modes', 'plain,runs5,runs10')),
    seeds: list(opt('--seeds', opt('--seed', '11,12,13,14'))).map(Number),
    commits: list(opt('--commits', '40,300')).map(Number),
    maxFlake: Number(opt('--max-flake', 0.6)),
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
  const s = summary;
  const jsonOut = opt('--json-out');
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ options, summary, rows }, null, 2) + '\n');
  if (args.includes('--json')) {
    console.log(
      JSON.stringify({ options, summary, rows: args.includes('--rows') ? rows : undefined }, null, 2),
    );
  } else {
    const seconds = ((Date.now() - t0) / 1000).toFixed(0);
    console.log(
      `bench:git-trust — ${s.bisections} real git bisections, seeds ${options.seeds.join(',')}, ${options.commits.join('/')} commits, flake 0–${pct(options.maxFlake)}, false alarms 0–${pct(options.maxFalseAlarm)}, ${seconds} s`,
    );
    const line = (name, value, target = '') =>
      console.log(`  ${name.padEnd(40)} ${value}${target ? `   (${target})` : ''}`);
    line('wrong culprits trusted', fmt(s.wrongTrusted), 'target <= 5%');
    line('right culprits contradicted', fmt(s.rightContradicted), 'target <= 5%');
    line('deterministic --runs 10 verified', fmt(s.deterministicVerified), 'target >= 90%');
    line('  … culprit not the untested bad end', fmt(s.deterministicVerifiedTestable));
    line('precision of trusted (verified+likely)', fmt(s.trustedPrecision));
    line('contradicted at P >= 0.5', String(s.contradictedAtHalf), 'target 0');
    line("every tested commit with git's verdict", fmt(s.everyTestedCommit), 'target 100%');
    line(
      'ECE of the location probability',
      `${s.eceLocation.value.toFixed(3)} [95% CI ${s.eceLocation.ci95.map((x) => x.toFixed(3)).join('–')}]`,
    );
    line(
      'ECE (probability vs right)',
      `${s.ece.value.toFixed(3)} [95% CI ${s.ece.ci95.map((x) => x.toFixed(3)).join('–')}]`,
    );
    console.log('  per mode:');
    for (const [mode, m] of Object.entries(s.perMode)) {
      console.log(
        `    ${mode.padEnd(21)} found ${m.found}/${m.bisections}, right ${m.right}; wrong trusted ${fmt(m.wrongTrusted)}; right contradicted ${fmt(m.rightContradicted)}; labels ${JSON.stringify(m.labels)}`,
      );
    }
    console.log('  label promises per format (share of right culprits; range: culprit inside the range):');
    for (const p of s.promises) {
      const promise = p.atMost !== undefined ? `<= ${pct(p.atMost)}` : `>= ${pct(p.atLeast)}`;
      const verdict =
        p.holds === null
          ? 'no such labels'
          : !p.holds
            ? 'BROKEN'
            : p.shown
              ? 'holds (whole interval)'
              : 'holds (interval still wide)';
      console.log(
        `    ${p.format.padEnd(15)} ${p.label.padEnd(13)} ${fmt(p.right).padEnd(44)} promise ${promise}: ${verdict}`,
      );
    }
  }
  if (s.stepMismatches.length > 0) {
    console.error(
      `bench:git-trust: ${s.stepMismatches.length} report(s) miss a commit git tested or its verdict:`,
    );
    for (const f of s.stepMismatches.slice(0, 10)) console.error(`  ${f}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(`bench:git-trust: ${err.message}`);
    process.exit(1);
  });
}
