// `npm run bench`: speed, memory and API economy, as ratios against references measured in the
// same run (machines are shared and noisy). Writes bench/out/results.json (untracked) and prints a table;
// `--write-results` updates the tracked bench/results.json instead, `--out FILE` writes FILE.
// `--smoke` uses tiny inputs so CI can keep this script from rotting (no timing is asserted).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { generateGitConsoleLog, generateSyzkallerLog, pickSyzkallerTemplate } from '../bench/generate.mjs';
import { benchAction } from '../bench/action.mjs';
import { benchBisect, benchJobs } from '../bench/bisect.mjs';

// A bench that cannot run says why in one line (a tool that does not start, a wrong --peers).
process.on('uncaughtException', (err) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const outArg = args.indexOf('--out');
const resultsPath =
  outArg >= 0
    ? args[outArg + 1]
    : args.includes('--write-results')
      ? join(root, 'bench', 'results.json')
      : join(root, 'bench', 'out', 'results.json');
const work = join(root, 'bench', 'out');
const dist = process.env.BISECT_REPORT_DIST || join(root, 'dist');
const cli = join(dist, 'cli', 'index.js');
const node = process.execPath;
const MB = 1 << 20;
const BIG = smoke ? 2 * MB : 200 * MB;
const SMALL = smoke ? MB / 2 : 20 * MB;
const REPEATS = smoke ? 1 : 3;

mkdirSync(work, { recursive: true });

/**
 * `bisect-report bisect` against git_bayesect (runs to a right answer, at the same confidence) and
 * the --jobs speed-up; written to bench/out/bisect.json (untracked). `--bisect-only` runs just this.
 */
async function bisectSection() {
  process.stderr.write('bisect vs git_bayesect…\n');
  // `--peers DIR` for a checkout whose ../shared is elsewhere (a git worktree).
  const peersArg = args.indexOf('--peers');
  // Absolute: the peer runs inside each scratch repository.
  const peerDir = resolve(
    peersArg >= 0 ? args[peersArg + 1] : join(root, '..', 'shared', 'peers'),
    'git_bayesect',
  );
  if (peersArg >= 0 && !existsSync(peerDir)) {
    throw new Error(`--peers ${args[peersArg + 1]}: no git_bayesect folder there (${peerDir})`);
  }
  const seedsArg = args.indexOf('--seeds');
  // `--first-seed K`: seed indices K…K+N−1 (fresh scenarios to judge what was tuned on others).
  const firstSeedArg = args.indexOf('--first-seed');
  // `--peer-confidence C`: git_bayesect stops at C instead of our confidence (equal accuracy).
  const peerConfidenceArg = args.indexOf('--peer-confidence');
  const peerConfidence = peerConfidenceArg >= 0 ? Number(args[peerConfidenceArg + 1]) : undefined;
  if (peerConfidence !== undefined && !(peerConfidence > 0 && peerConfidence < 1)) {
    throw new Error(`--peer-confidence ${args[peerConfidenceArg + 1]}: a number between 0 and 1`);
  }
  const res = await benchBisect({
    root,
    dist,
    smoke,
    seeds: seedsArg >= 0 ? Number(args[seedsArg + 1]) : undefined,
    firstSeed: firstSeedArg >= 0 ? Number(args[firstSeedArg + 1]) : undefined,
    peerDir: existsSync(peerDir) ? peerDir : null,
    peerConfidence,
    log: (line) => process.stderr.write(`  ${line}\n`),
  });
  // `--no-jobs`: leave out the --jobs timing (it needs a quiet machine, the run counts do not).
  res.jobs = smoke || args.includes('--no-jobs') ? null : jobsSection();
  writeFileSync(join(work, 'bisect.json'), JSON.stringify(res, null, 2) + '\n');
  const s = res.summary;
  console.log('\nbisect (runs counted by the test; bound = log2(n) / I(q, f))');
  console.log('    n flake   fa seed   bound    ours  right   git_bayesect  right');
  for (const r of res.rows) {
    const mark = (x) => (!x ? '' : x.right ? 'yes' : x.answered ? 'WRONG' : 'no');
    console.log(
      `${String(r.n).padStart(5)} ${r.flake.toFixed(2).padStart(5)} ${r.falseAlarm.toFixed(2).padStart(4)} ${String(r.seed ?? 0).padStart(4)} ${String(r.bound).padStart(7)} ${String(r.ours.runs).padStart(7)} ${mark(r.ours).padStart(6)} ${String(r.peer?.runs ?? '-').padStart(14)} ${mark(r.peer).padStart(6)}`,
    );
  }
  console.log(
    `right: ours ${s.ours_right}/${s.scenarios} (wrong with exit 0: ${s.ours_wrong_exit0}), git_bayesect ${s.peer_right ?? '-'}/${s.scenarios} (wrong: ${s.peer_wrong ?? '-'}); runs ours/git_bayesect where both right: ${s.runs_ratio_both_solved ?? '-'} (target ≤ 0.8)${s.peer_confidence !== null && s.peer_confidence !== s.confidence ? ` — git_bayesect at confidence ${s.peer_confidence}` : ''}${s.peer_note ? ` — ${s.peer_note}` : ''}`,
  );
  console.log(
    `exit 0: ours ${s.ours_exit0}, right ${s.ours_exit0_right_share ?? '-'} (95 % interval ${s.ours_exit0_right_interval95?.join('–') ?? '-'}; confidence asked ${s.confidence}, mean stated ${s.ours_exit0_mean_stated_p ?? '-'}), read back verified ${s.ours_exit0_read_back_verified}/${s.ours_exit0}; total runs ours ${s.ours_runs_total}, git_bayesect ${s.peer_runs_total ?? '-'}`,
  );
  if (res.jobs) {
    console.log(
      `--jobs 4 / --jobs 1 wall time on a 0.3 s test: median ${res.jobs.ratio.median} (${res.jobs.ratio.min}–${res.jobs.ratio.max}; target ≤ 0.5)`,
    );
  }
  console.log(`written to ${join(work, 'bisect.json')}`);
  return res;
}
/** `--jobs 4` against `--jobs 1` (wall time); `--jobs-only` runs just this, `--jobs-seeds N` sets the repeats. */
function jobsSection() {
  process.stderr.write('--jobs 4 vs --jobs 1…\n');
  const seedsArg = args.indexOf('--jobs-seeds');
  const res = benchJobs({
    dist,
    seeds: seedsArg >= 0 ? Number(args[seedsArg + 1]) : 3,
    log: (line) => process.stderr.write(`  ${line}\n`),
  });
  writeFileSync(join(work, 'jobs.json'), JSON.stringify(res, null, 2) + '\n');
  const fmt = (r) => `${r.median} (${r.min}–${r.max}, ${r.n} pairs)`;
  console.log(`\n--jobs 4 / --jobs 1 wall time on a ${res.sleep} s test (target ≤ 0.5; median (min–max))`);
  for (const sc of res.scenarios)
    console.log(`  n=${String(sc.n).padStart(3)} flake=${sc.flake.toFixed(1)}: ${fmt(sc.ratio)}`);
  console.log(`  all: ${fmt(res.ratio)}; both right in ${res.bothRight}/${res.pairs} pairs`);
  console.log(`written to ${join(work, 'jobs.json')}`);
  return res;
}
if (args.includes('--bisect-only')) {
  await bisectSection();
  process.exit(0);
}
if (args.includes('--jobs-only')) {
  jobsSection();
  process.exit(0);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function timeIt(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}
function timed(cmd, argv, opts = {}) {
  return timeIt(() => {
    // stdout is piped, not discarded: GNU grep stops at the first match when it writes to /dev/null.
    const r = spawnSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26, ...opts });
    if (r.status !== 0 && !(cmd === 'grep' && r.status === 1)) {
      throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
    }
  });
}
/** Peak RSS (MB) of one CLI run, from GNU time when present, else from the child's own rusage. */
function peakRssMb(file) {
  if (existsSync('/usr/bin/time')) {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', node, cli, '--json', file], {
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    const kb = Number(r.stderr.trim().split('\n').pop());
    if (Number.isFinite(kb)) return kb / 1024;
  }
  const probe = `process.on('exit',()=>process.stderr.write('\\nMAXRSS '+process.resourceUsage().maxRSS+'\\n'));process.argv=[process.argv[0],${JSON.stringify(cli)},'--json',${JSON.stringify(file)}];await import(${JSON.stringify(cli)});`;
  const r = spawnSync(node, ['--input-type=module', '-e', probe], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  return Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
}

// The lines each parser acts on; grep -c over them is the floor a streaming parser is compared to.
const GREP = {
  git: '^(Bisecting: |\\[[0-9a-f]{7,40}\\] |[0-9a-f]{40} is the first|running |bisect-report: |commit |Author: |Date: )',
  syzkaller:
    '^(testing commit |testing release |all runs: |run #[0-9]+: |# git bisect |Bisecting: |\\[[0-9a-f]{40}\\] |kernel signature: |first bad commit: |crash: )',
};

function parseBench(kind, file) {
  const parse = [];
  const grep = [];
  for (let i = 0; i < REPEATS; i++) {
    grep.push(timed('grep', ['-c', '-E', GREP[kind], file]));
    parse.push(timed(node, [cli, '--json', file]));
  }
  return { parseSeconds: median(parse), grepSeconds: median(grep), ratio: median(parse) / median(grep) };
}

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? null, node: process.version },
  smoke,
};

// 1. Big logs: parse + analyse vs grep, and peak memory at two sizes.
const gitBig = join(work, 'git-console-big.log');
const gitSmall = join(work, 'git-console-small.log');
const syzBig = join(work, 'syzkaller-big.log');
const syzSmall = join(work, 'syzkaller-small.log');
const template = pickSyzkallerTemplate(root);
process.stderr.write('generating logs…\n');
generateGitConsoleLog(gitBig, BIG, smoke ? 64 : 1024);
generateGitConsoleLog(gitSmall, SMALL, smoke ? 64 : 1024);
generateSyzkallerLog(syzBig, BIG, template);
generateSyzkallerLog(syzSmall, SMALL, template);
const size = (f) => +(statSync(f).size / MB).toFixed(1);

process.stderr.write('timing parse vs grep…\n');
const gitRes = parseBench('git', gitBig);
const syzRes = parseBench('syzkaller', syzBig);
results.parse = {
  git_console: { mb: size(gitBig), ...gitRes },
  syzkaller: { mb: size(syzBig), ...syzRes },
};
results.parse_vs_grep_ratio = Math.max(gitRes.ratio, syzRes.ratio);

process.stderr.write('measuring memory…\n');
results.memory = {
  git_console: {
    small_mb: size(gitSmall),
    small_rss_mb: peakRssMb(gitSmall),
    big_mb: size(gitBig),
    big_rss_mb: peakRssMb(gitBig),
  },
  syzkaller: {
    small_mb: size(syzSmall),
    small_rss_mb: peakRssMb(syzSmall),
    big_mb: size(syzBig),
    big_rss_mb: peakRssMb(syzBig),
  },
};
results.parse_peak_rss_mb = Math.max(
  results.memory.git_console.big_rss_mb,
  results.memory.syzkaller.big_rss_mb,
);

// 2. The whole syzbot corpus in one CLI run.
const corpusDir = join(root, '..', 'shared', 'corpus', 'syzbot', 'logs');
if (existsSync(corpusDir)) {
  const files = readdirSync(corpusDir).filter((f) => f.endsWith('.txt'));
  const pick = smoke ? files.slice(0, 50) : files;
  results.corpus_logs = pick.length;
  results.corpus_seconds = timeIt(() => {
    execFileSync(node, [cli, '--json', ...pick.map((f) => join(corpusDir, f))], {
      stdio: ['ignore', 'ignore', 'inherit'],
      maxBuffer: 1 << 30,
    });
  });
} else {
  results.corpus_seconds = null;
  results.corpus_note = '../shared/corpus absent';
}

// 3. A complete action run against the loopback fake GitHub, vs `node -e 0`; request counts.
process.stderr.write('timing the action…\n');
Object.assign(results, await benchAction({ root, dist, repeats: smoke ? 3 : 15, smoke }));

const bisectResults = await bisectSection();
results.bisect = bisectResults.summary;

for (const f of [gitBig, gitSmall, syzBig, syzSmall]) rmSync(f, { force: true });
mkdirSync(join(resultsPath, '..'), { recursive: true });
writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');

const row = (name, value, target) => `${name.padEnd(28)} ${String(value).padStart(12)}   ${target}`;
const f2 = (x) => (typeof x === 'number' ? x.toFixed(2) : String(x));
console.log(row('metric', 'measured', 'target'));
console.log(row('parse_vs_grep_ratio (git)', f2(gitRes.ratio), '≤ 3.0'));
console.log(row('parse_vs_grep_ratio (syz)', f2(syzRes.ratio), '≤ 3.0'));
console.log(row('parse_peak_rss_mb (big)', f2(results.parse_peak_rss_mb), '≤ 100'));
console.log(
  row(
    'rss git small→big',
    `${f2(results.memory.git_console.small_rss_mb)}→${f2(results.memory.git_console.big_rss_mb)}`,
    'flat',
  ),
);
console.log(
  row(
    'rss syz small→big',
    `${f2(results.memory.syzkaller.small_rss_mb)}→${f2(results.memory.syzkaller.big_rss_mb)}`,
    'flat',
  ),
);
console.log(row('corpus_seconds', f2(results.corpus_seconds), '≤ 5'));
console.log(row('action_vs_node_ratio', f2(results.action_vs_node_ratio), '≤ 3.0'));
console.log(row('bundle_kb (dist/index.js)', f2(results.bundle_kb), ''));
for (const [k, v] of Object.entries(results.requests ?? {})) console.log(row(`requests: ${k}`, v, ''));
console.log(`\nwritten to ${resultsPath}`);
