// `npm run bench:matrix`: matrix bisections (K jobs per round) run locally as the reusable workflow
// runs them, on scratch repositories with a known culprit, against `bisect-report bisect --jobs 1`
// on the same repository and test. Prints rounds, runs and the wall time both would take on GitHub
// for a 10-minute test (docs/matrix.md, cost model); writes bench/out/matrix-results.json (untracked).
//   --seeds N   scenarios per kind (default 3)   --smoke   one tiny scenario (CI keeps this alive)
//   --write-results   update the tracked bench/matrix-results.json instead   --out FILE   write FILE
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { runScenario } from '../bench/matrix-rounds.mjs';

const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '3' },
    jobs: { type: 'string', default: '8' },
    smoke: { type: 'boolean', default: false },
    'write-results': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const root = new URL('..', import.meta.url).pathname;
const jobs = Number(values.jobs);
const seeds = values.smoke ? 1 : Number(values.seeds);

/** Cost model (minutes): one test run, a probe job's setup (queue, checkout, build), a plan job. */
const TEST_MIN = 10;
const SETUP_MIN = 2;
const PLAN_MIN = 1;

const kinds = values.smoke
  ? [{ name: 'deterministic, 30 commits', commits: 30, repro: 1, falseAlarm: 0, maxRounds: 6 }]
  : [
      { name: 'deterministic, 300 commits', commits: 300, repro: 1, falseAlarm: 0, maxRounds: 5, limit: 5 },
      {
        name: '70 % repro, 5 % false alarms, 300 commits',
        commits: 300,
        repro: 0.7,
        falseAlarm: 0.05,
        maxRounds: 10,
        limit: 10,
      },
      { name: '50 % repro, 40 commits', commits: 40, repro: 0.5, falseAlarm: 0, maxRounds: 10, limit: 10 },
    ];

const rows = [];
for (const kind of kinds) {
  for (let seed = 1; seed <= seeds; seed++) {
    // Culprits spread over the window, the same for every run of this script.
    const culprit = 1 + ((seed * 7919 + kind.commits * 31) % kind.commits);
    const r = await runScenario({ ...kind, culprit, jobs, runs: 5, seed, compare: true });
    const matrixMinutes =
      r.roundRuns.reduce((t, runs) => t + PLAN_MIN + SETUP_MIN + runs * TEST_MIN, 0) + PLAN_MIN;
    const localMinutes = SETUP_MIN + r.jobs1.runs * TEST_MIN;
    rows.push({ kind: kind.name, limit: kind.limit ?? null, ...r, matrixMinutes, localMinutes });
    process.stderr.write(
      `${kind.name} seed ${seed}: ${r.rounds} rounds, ${r.runs} runs, ${r.status} ${r.right ? 'right' : 'WRONG'} (${r.readBack.label}); ` +
        `--jobs 1: ${r.jobs1.runs} runs ${r.jobs1.right ? 'right' : 'WRONG'}\n`,
    );
  }
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const summary = kinds.map((kind) => {
  const rs = rows.filter((r) => r.kind === kind.name);
  return {
    kind: kind.name,
    scenarios: rs.length,
    right: rs.filter((r) => r.right).length,
    doneWithinLimit: rs.filter((r) => r.done && (kind.limit === undefined || r.rounds <= kind.limit)).length,
    roundsMax: Math.max(...rs.map((r) => r.rounds)),
    roundsMean: mean(rs.map((r) => r.rounds)),
    runsMean: mean(rs.map((r) => r.runs)),
    maxEntries: Math.max(...rs.map((r) => r.maxEntries)),
    labels: rs.map((r) => r.readBack.label),
    jobs1RunsMean: mean(rs.map((r) => r.jobs1.runs)),
    jobs1Right: rs.filter((r) => r.jobs1.right).length,
    matrixHours: mean(rs.map((r) => r.matrixMinutes)) / 60,
    jobs1Hours: mean(rs.map((r) => r.localMinutes)) / 60,
  };
});

const pad = (s, n) => String(s).padEnd(n);
process.stdout.write(
  `K = ${jobs} jobs per round; wall time for a ${TEST_MIN}-minute test (${SETUP_MIN} min job setup, ${PLAN_MIN} min per plan job)\n\n` +
    `${pad('scenario', 44)}${pad('right', 7)}${pad('rounds (max)', 14)}${pad('runs', 7)}${pad('≤K', 4)}${pad('--jobs 1 runs', 15)}${pad('matrix h', 10)}--jobs 1 h\n`,
);
for (const s of summary) {
  process.stdout.write(
    `${pad(s.kind, 44)}${pad(`${s.right}/${s.scenarios}`, 7)}${pad(`${s.roundsMean.toFixed(1)} (${s.roundsMax})`, 14)}` +
      `${pad(s.runsMean.toFixed(0), 7)}${pad(s.maxEntries <= jobs ? 'yes' : 'NO', 4)}${pad(`${s.jobs1RunsMean.toFixed(0)} (${s.jobs1Right}/${s.scenarios} right)`, 15)}` +
      `${pad(s.matrixHours.toFixed(1), 10)}${s.jobs1Hours.toFixed(1)}\n`,
  );
}
// The tracked reference changes only when asked: a plain run must not leave the work tree dirty.
const out =
  values.out ??
  (values.smoke
    ? join(root, 'bench', 'out', 'matrix-smoke.json')
    : values['write-results']
      ? join(root, 'bench', 'matrix-results.json')
      : join(root, 'bench', 'out', 'matrix-results.json'));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  JSON.stringify({ jobs, costModel: { TEST_MIN, SETUP_MIN, PLAN_MIN }, summary, rows }, null, 2) + '\n',
);
