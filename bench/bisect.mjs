// `npm run bench` part: runs-to-answer of `bisect-report bisect` against git_bayesect (when
// ../shared/peers/git_bayesect is there) on scratch repositories with a known culprit, at the
// same confidence. Runs are counted by the test itself (it appends to a counter file), not by
// either tool. Beside them: the information bound log2(n) / I(q, f), I = the mutual information
// of one run at the best split (a binary channel with repro rate q and false-alarm rate f).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const H = (p) => (p <= 0 || p >= 1 ? 0 : -p * Math.log2(p) - (1 - p) * Math.log2(1 - p));
/** Capacity-like bound: max over the split share w of I = H(w q + (1-w) f) − w H(q) − (1-w) H(f). */
export function infoPerRun(q, f) {
  let best = 0;
  for (let w = 0.01; w < 1; w += 0.01)
    best = Math.max(best, H(w * q + (1 - w) * f) - w * H(q) - (1 - w) * H(f));
  return best;
}

// The outcome of the k-th run at a commit is drawn from (scenario seed, k, commit): whichever tool
// asks for that run gets the same outcome, so the tools are compared with the same luck at every
// commit (common random numbers), and a difference in runs comes from where they chose to run.
// k is the rank of this run's own counter line (commit, pid) among the commit's: runs started at
// once (--jobs) append one line each, so each gets its own k.
const TEST = `#!/bin/sh
app=$(cat app.txt)
echo "$app $$" >> "$COUNTER"
n=$(($(wc -l < "$COUNTER") - 1))
k=$(grep "^$app " "$COUNTER" | grep -n " $$$" | tail -1 | cut -d: -f1)
if [ "$n" -ge "$CAP" ]; then kill -INT $PPID 2>/dev/null; exit 255; fi
h=$(printf '%s' "$SEED:$((k - 1)):$app" | cksum | cut -d' ' -f1)
r=$((h % 1000))
if grep -q BUG state.txt; then
  [ "$r" -lt "$REPRO" ] && { echo "FAIL: broken"; exit 1; }
else
  [ "$r" -lt "$FALSE_ALARM" ] && { echo "FAIL: broken"; exit 1; }
fi
exit 0
`;

function gitEnv(dir) {
  return {
    PATH: process.env.PATH,
    HOME: dir,
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
  };
}

/** A linear history of n commits after the first; commit `culprit` writes BUG into state.txt. */
function makeHistory(dir, n, culprit) {
  const env = gitEnv(dir);
  const git = (...args) => {
    const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  git('init', '-q', '-b', 'main');
  // fast-import keeps 300-commit histories quick to build.
  let stream = '';
  for (let i = 0; i <= n; i++) {
    const app = `v${i}\n`;
    const state = i >= culprit ? 'BUG\n' : 'ok\n';
    const msg = `commit ${i}\n`;
    stream += `commit refs/heads/main\ncommitter Bench <bench@example.com> ${1700000000 + i * 60} +0000\n`;
    stream += `data ${Buffer.byteLength(msg)}\n${msg}`;
    stream += `M 100644 inline app.txt\ndata ${Buffer.byteLength(app)}\n${app}`;
    stream += `M 100644 inline state.txt\ndata ${Buffer.byteLength(state)}\n${state}\n`;
  }
  const r = spawnSync('git', ['fast-import', '--quiet'], { cwd: dir, env, input: stream });
  if (r.status !== 0) throw new Error(`fast-import: ${r.stderr}`);
  git('checkout', '-q', '-f', 'main');
  return git('rev-list', '--reverse', 'main').split('\n');
}

function countRuns(file) {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0;
}

/**
 * The caller's python3, resolved once with the caller's environment: the scenarios run with a
 * scratch HOME, under which version-manager shims (pyenv) cannot find their interpreter.
 */
function pythonExecutable() {
  const r = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : 'python3';
}

/** What the report says about a log `bisect` wrote: the trust label a reader of it gets. */
/** Throws a one-line error when `command` does not start and exit 0 (wrong Node, missing dist or python). */
function mustStart(name, command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status === 0) return;
  const why = (r.error?.message ?? r.stderr ?? '').trim().split('\n')[0] || `exit ${r.status}`;
  throw new Error(`${name} does not start (${[command, ...args].join(' ')}): ${why}`);
}

function readBackLabel({ node, cli, log }) {
  const r = spawnSync(node, [cli, '--json', log], { encoding: 'utf8', maxBuffer: 1 << 26 });
  try {
    const report = JSON.parse(r.stdout).reports[0];
    return report.trust?.label ?? null;
  } catch {
    return null;
  }
}

/** Probability the tool stated at its answer (the result line's p=). */
function statedProbability(log) {
  if (!existsSync(log)) return null;
  const m = /^bisect-report bisect: result=culprit runs=\d+ p=([0-9.]+)/m.exec(readFileSync(log, 'utf8'));
  return m ? Number(m[1]) : null;
}

/** 95 % Wilson interval of k successes in n. */
export function wilson(k, n) {
  if (n === 0) return null;
  const z = 1.96;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [+Math.max(0, c - h).toFixed(3), +Math.min(1, c + h).toFixed(3)];
}

function runOurs({ node, cli, dir, shas, env, jobs = 1, confidence }) {
  const r = spawnSync(
    node,
    [
      cli,
      'bisect',
      '--good',
      shas[0],
      '--bad',
      'main',
      '--confidence',
      String(confidence),
      '--jobs',
      String(jobs),
      '--max-runs',
      String(env.CAP),
      '--log',
      join(dir, '..', 'ours.log'),
      '--',
      env.TEST,
    ],
    { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  return { code: r.status, answer: r.status === 0 ? r.stdout.trim() : null };
}

function runPeer({ python, peer, dir, shas, env, confidence }) {
  const start = spawnSync(python, [peer, 'start', '--old', shas[0], '--new', 'main'], {
    cwd: dir,
    env,
    encoding: 'utf8',
  });
  if (start.status !== 0) return { code: start.status, answer: null, error: start.stderr.slice(-300) };
  const r = spawnSync(python, [peer, 'run', '--confidence', String(confidence), env.TEST], {
    cwd: dir,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const m = /Bisection converged to ([0-9a-f]{7,40})/.exec(r.stdout);
  const answer = m ? (shas.find((s) => s.startsWith(m[1])) ?? null) : null;
  return { code: r.status, answer };
}

/**
 * Scenarios: 40 and 300 commits × miss rates (flake) 0–70 % × false alarms 0–10 %, `seeds` times
 * over (seed indices firstSeed…firstSeed + seeds − 1), each with a culprit and a test seed drawn
 * from a fixed seed. `smoke`: two tiny scenarios,
 * ours only.
 */
export async function benchBisect({
  root,
  dist,
  smoke = false,
  peerDir,
  confidence = 0.95,
  // The peer's own stop threshold; by default the same as ours. A higher one compares the two at
  // the accuracy our exit-0 answers reach (ours stop on the `verified` rule, stricter than 0.95).
  peerConfidence = confidence,
  seeds = 3,
  firstSeed = 0,
  log = () => {},
}) {
  const node = process.execPath;
  const cli = join(dist, 'cli', 'index.js');
  const peer = peerDir ? join(peerDir, 'git_bayesect.py') : null;
  const hasPeer = Boolean(peer && existsSync(peer) && !smoke);
  // A tool that cannot start would otherwise be recorded as "0 runs, no answer" in every scenario.
  mustStart('bisect-report', node, [cli, '--version']);
  const work = mkdtempSync(join(tmpdir(), 'br-bench-bisect-'));
  const testPath = join(work, 'test.sh');
  writeFileSync(testPath, TEST);
  chmodSync(testPath, 0o755);
  let seed = 20261205;
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const python = hasPeer ? pythonExecutable() : null;
  if (hasPeer) mustStart('git_bayesect', python, [peer, '--help']);
  const cells = smoke
    ? [
        [20, 0, 0],
        [20, 0.3, 0.05],
      ]
    : [40, 300].flatMap((n) =>
        [0, 0.3, 0.5, 0.7].flatMap((flake) => [0, 0.05, 0.1].map((fa) => [n, flake, fa])),
      );
  const first = smoke ? 0 : firstSeed;
  // Seed s draws the same culprits and test seeds whichever seeds run with it: skip the draws of
  // seeds 0..first-1 (two per scenario), so fresh seeds can be judged apart from the ones tuned on.
  for (let i = 0; i < 2 * cells.length * first; i++) rand();
  const grid = Array.from({ length: smoke ? 1 : seeds }, (_, s) =>
    cells.map((c) => [...c, first + s]),
  ).flat();
  const cap = smoke ? 200 : 800;
  const rows = [];
  for (const [n, flake, fa, seedIndex] of grid) {
    const culprit = 1 + Math.floor(rand() * n);
    const scenarioSeed = String(Math.floor(rand() * 1e9));
    const q = 1 - flake;
    const row = {
      n,
      flake,
      falseAlarm: fa,
      seed: seedIndex,
      culprit,
      bound: +(Math.log2(n) / infoPerRun(q, fa)).toFixed(1),
    };
    for (const tool of hasPeer ? ['ours', 'peer'] : ['ours']) {
      const dir = join(work, `${tool}-${rows.length}`, 'repo');
      spawnSync('mkdir', ['-p', dir]);
      const shas = makeHistory(dir, n, culprit);
      const counter = join(dir, '..', 'counter');
      const env = {
        ...gitEnv(dir),
        TMPDIR: work,
        TEST: testPath,
        COUNTER: counter,
        CAP: String(cap),
        SEED: scenarioSeed,
        REPRO: String(Math.round(q * 1000)),
        FALSE_ALARM: String(Math.round(fa * 1000)),
      };
      const t = Date.now();
      const res =
        tool === 'ours'
          ? runOurs({ node, cli, dir, shas, env, confidence })
          : runPeer({ python, peer, dir, shas, env, confidence: peerConfidence });
      row[tool] = {
        runs: countRuns(counter),
        answered: res.answer !== null,
        right: res.answer === shas[culprit],
        exit: res.code,
        seconds: +((Date.now() - t) / 1000).toFixed(1),
      };
      if (tool === 'ours' && res.answer !== null) {
        const logFile = join(dir, '..', 'ours.log');
        row.ours.p = statedProbability(logFile);
        row.ours.readBack = readBackLabel({ node, cli, log: logFile });
      }
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
    rows.push(row);
    log(
      `n=${n} flake=${flake} fa=${fa} seed=${seedIndex}: ours ${row.ours.runs} ${row.ours.right ? 'right' : row.ours.answered ? 'WRONG' : 'none'}` +
        (row.peer
          ? ` · git_bayesect ${row.peer.runs} ${row.peer.right ? 'right' : row.peer.answered ? 'WRONG' : 'none'}`
          : '') +
        ` · bound ${row.bound}`,
    );
  }
  rmSync(work, { recursive: true, force: true });
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const both = rows.filter((r) => r.peer && r.ours.right && r.peer.right);
  const answered = rows.filter((r) => r.ours.answered);
  const answeredRight = answered.filter((r) => r.ours.right).length;
  const summary = {
    scenarios: rows.length,
    seeds: smoke ? 1 : seeds,
    first_seed: first,
    confidence,
    peer_confidence: hasPeer ? peerConfidence : null,
    ours_right: rows.filter((r) => r.ours.right).length,
    ours_wrong_exit0: rows.filter((r) => r.ours.answered && !r.ours.right).length,
    // Calibration of exit-0 answers: the share right, against the confidence asked and stated.
    ours_exit0: answered.length,
    ours_exit0_right_share: answered.length ? +(answeredRight / answered.length).toFixed(3) : null,
    ours_exit0_right_interval95: wilson(answeredRight, answered.length),
    ours_exit0_mean_stated_p: answered.length
      ? +(sum(answered.map((r) => r.ours.p ?? 0)) / answered.length).toFixed(4)
      : null,
    ours_exit0_read_back_verified: answered.filter((r) => r.ours.readBack === 'verified').length,
    ours_runs_total: sum(rows.map((r) => r.ours.runs)),
    peer_runs_total: hasPeer ? sum(rows.map((r) => r.peer.runs)) : null,
    peer_right: hasPeer ? rows.filter((r) => r.peer.right).length : null,
    peer_wrong: hasPeer ? rows.filter((r) => r.peer.answered && !r.peer.right).length : null,
    peer_answered: hasPeer ? rows.filter((r) => r.peer.answered).length : null,
    both_solved: both.length,
    runs_ratio_both_solved: both.length
      ? +(sum(both.map((r) => r.ours.runs)) / sum(both.map((r) => r.peer.runs))).toFixed(3)
      : null,
    peer_note: hasPeer ? null : smoke ? 'smoke: peer not run' : 'git_bayesect absent (../shared/peers)',
  };
  void root;
  return { summary, rows };
}

/**
 * Wall time of `--jobs 1` against `--jobs 4` on a test that takes `sleep` seconds, as a user feels
 * it (the whole command, start to exit), over 40 and 300 commits, a deterministic test and one that
 * misses 30 % of the time, `seeds` culprits and test seeds each. The two runs of a pair alternate
 * which goes first, so a load that changes over time falls on both. Ratio = jobs 4 / jobs 1 per
 * pair; the summary gives their median and spread.
 */
export function benchJobs({
  dist,
  sleep = 0.3,
  seeds = 3,
  sizes = [40, 300],
  flakes = [0, 0.3],
  log = () => {},
}) {
  const node = process.execPath;
  const cli = join(dist, 'cli', 'index.js');
  const work = mkdtempSync(join(tmpdir(), 'br-bench-jobs-'));
  const testPath = join(work, 'test.sh');
  // The shared test (its outcomes drawn per commit and run there, so both settings meet the same
  // flakes), each run taking `sleep` seconds first. Checked: a bench of a test that does not sleep
  // would measure nothing.
  const slow = TEST.replace('#!/bin/sh\n', `#!/bin/sh\nsleep ${sleep}\n`);
  if (!slow.includes(`sleep ${sleep}`)) throw new Error('benchJobs: the test script has no #!/bin/sh line');
  writeFileSync(testPath, slow);
  chmodSync(testPath, 0o755);
  let seed = 20261206;
  const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const rows = [];
  for (const n of sizes) {
    for (const flake of flakes) {
      for (let s = 0; s < seeds; s++) {
        const culprit = 1 + Math.floor(rand() * n);
        const scenarioSeed = String(Math.floor(rand() * 1e9));
        const dir = join(work, `repo-${rows.length}`);
        spawnSync('mkdir', ['-p', dir]);
        const shas = makeHistory(dir, n, culprit);
        const row = { n, flake, seed: s, culprit };
        const order = s % 2 === 0 ? [1, 4] : [4, 1];
        for (const jobs of order) {
          const counter = join(work, `counter-${rows.length}-${jobs}`);
          const env = {
            ...gitEnv(dir),
            TMPDIR: work,
            TEST: testPath,
            COUNTER: counter,
            CAP: '400',
            SEED: scenarioSeed,
            REPRO: String(Math.round((1 - flake) * 1000)),
            FALSE_ALARM: '0',
          };
          const t = process.hrtime.bigint();
          const r = runOurs({ node, cli, dir, shas, env, jobs, confidence: 0.95 });
          row[`jobs${jobs}`] = {
            seconds: +(Number(process.hrtime.bigint() - t) / 1e9).toFixed(2),
            runs: countRuns(counter),
            right: r.answer === shas[culprit],
            exit: r.code,
          };
        }
        row.ratio = +(row.jobs4.seconds / row.jobs1.seconds).toFixed(3);
        rows.push(row);
        rmSync(dir, { recursive: true, force: true });
        log(
          `--jobs n=${n} flake=${flake} seed=${s}: ${row.jobs4.seconds} s vs ${row.jobs1.seconds} s = ${row.ratio}` +
            ` (runs ${row.jobs4.runs} vs ${row.jobs1.runs}; right ${row.jobs4.right}/${row.jobs1.right})`,
        );
      }
    }
  }
  rmSync(work, { recursive: true, force: true });
  const spread = (xs) => {
    const v = [...xs].sort((a, b) => a - b);
    const at = (q) => v[Math.min(v.length - 1, Math.floor(q * v.length))];
    return { median: at(0.5), min: v[0], max: v[v.length - 1], n: v.length };
  };
  const scenarios = [];
  for (const n of sizes) {
    for (const flake of flakes) {
      const mine = rows.filter((r) => r.n === n && r.flake === flake);
      scenarios.push({ n, flake, ratio: spread(mine.map((r) => r.ratio)) });
    }
  }
  return {
    sleep,
    rows,
    scenarios,
    ratio: spread(rows.map((r) => r.ratio)),
    // "Same answer": both right (a flaky test's runs differ between the two, so their logs do too).
    bothRight: rows.filter((r) => r.jobs1.right && r.jobs4.right).length,
    pairs: rows.length,
  };
}
