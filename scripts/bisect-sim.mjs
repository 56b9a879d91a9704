// `node scripts/bisect-sim.mjs`: the engine of `bisect-report bisect` on simulated histories, in
// process — a development loop for the search and stop rules (seconds per scenario instead of a
// real git repository and a process per run; `npm run bench` stays the measure of record).
// With `--against DIR` it runs a second build of the engine on the same scenarios with the same
// luck: the k-th run at a commit has the same outcome for both, so a difference in runs comes from
// the choices, not from drawing other random numbers (common random numbers, a paired comparison).
//
//   node scripts/bisect-sim.mjs [--n 40,300] [--flake 0,0.3,0.5,0.7] [--fa 0,0.05,0.1]
//     [--seeds 2] [--first-seed 0] [--confidence 0.95] [--cap 800] [--build DIR] [--against DIR] [--verbose]
//
// DIR is a `tsc -p tsconfig.build.json --outDir DIR` of some version of src/; without --build the
// current src/ is compiled into .tmp/sim-build.
import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { engineBuild, list, uniform } from './sim-common.mjs';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '40,300' },
    flake: { type: 'string', default: '0,0.3,0.5,0.7' },
    fa: { type: 'string', default: '0,0.05,0.1' },
    seeds: { type: 'string', default: '2' },
    'first-seed': { type: 'string', default: '0' },
    confidence: { type: 'string', default: '0.95' },
    cap: { type: 'string', default: '800' },
    build: { type: 'string' },
    against: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const build = engineBuild(values.build);
const engines = [build, values.against].filter(Boolean).map((d) => resolve(d));
const loaded = await Promise.all(
  engines.map((d) => import(pathToFileURL(join(d, 'bisect', 'engine.js')).href)),
);

/** One bisection the way the CLI drives it with --jobs 1: choose, run, observe, decide. */
function simulate(engine, { n, flake, fa, culprit, seed, confidence, cap }) {
  const commits = Array.from({ length: n + 1 }, (_, i) => `c${i}`);
  let state = engine.createBisection({ commits });
  let runs = 0;
  let decision = engine.decision(state, { confidence });
  // Runs until the leader first held the confidence: what a stop on the posterior alone would
  // spend; the rest is the price of the direct evidence and the `verified` rule.
  let leaderRuns = null;
  while (decision.kind === 'continue' && runs < cap) {
    const probes = engine.chooseNext(state, 1, [], { confidence });
    if (probes.length === 0) break;
    for (const probe of probes) {
      for (let r = 0; r < probe.runs && runs < cap; r++) {
        const t = state.tallies.get(probe.position);
        const k = t ? t.fail + t.pass : 0;
        const failRate = probe.position >= culprit ? 1 - flake : fa;
        state = engine.observe(
          state,
          probe.position,
          uniform(seed, probe.position, k) < failRate ? 'fail' : 'pass',
        );
        runs++;
      }
    }
    decision = engine.decision(state, { confidence });
    if (leaderRuns === null && decision.summary.leader.p >= confidence) leaderRuns = runs;
  }
  const answered = decision.kind === 'culprit';
  return { runs, leaderRuns: leaderRuns ?? runs, answered, right: answered && decision.position === culprit };
}

const confidence = Number(values.confidence);
const cap = Number(values.cap);
const cells = list(values.n).flatMap((n) =>
  list(values.flake).flatMap((flake) => list(values.fa).map((fa) => ({ n, flake, fa }))),
);
const firstSeed = Number(values['first-seed']);
const rows = [];
for (let s = firstSeed; s < firstSeed + Number(values.seeds); s++) {
  // Each seed index draws its own scenarios, whichever others run with it.
  let state = (0x5eed + s * 7919) >>> 0;
  const rand = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (const cell of cells) {
    const culprit = 1 + Math.floor(rand() * cell.n);
    const seed = Math.floor(rand() * 2 ** 31);
    const results = loaded.map((engine) => simulate(engine, { ...cell, culprit, seed, confidence, cap }));
    rows.push({ ...cell, seed: s, results });
    if (values.verbose) {
      const mark = (r) => (r.right ? 'right' : r.answered ? 'WRONG' : 'none');
      console.log(
        `n=${cell.n} flake=${cell.flake} fa=${cell.fa} seed=${s}: ${results.map((r) => `${r.runs} ${mark(r)}`).join(' | ')}`,
      );
    }
  }
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);
console.log(`engines: ${engines.map((d, i) => `[${i}] ${d}`).join('  ')}`);
console.log('    n flake  ' + engines.map((_, i) => `runs[${i}]`.padStart(9)).join(' '));
for (const n of list(values.n)) {
  for (const flake of list(values.flake)) {
    const bucket = rows.filter((r) => r.n === n && r.flake === flake);
    const cols = engines.map((_, i) => String(sum(bucket.map((r) => r.results[i].runs))).padStart(9));
    console.log(`${String(n).padStart(5)} ${flake.toFixed(2).padStart(5)}  ${cols.join(' ')}`);
  }
}
engines.forEach((_, i) => {
  const rs = rows.map((r) => r.results[i]);
  const runs = sum(rs.map((r) => r.runs));
  const leaderRuns = sum(rs.map((r) => r.leaderRuns));
  console.log(
    `[${i}] runs ${runs} (${leaderRuns} until the leader first held the confidence, ${((100 * (runs - leaderRuns)) / runs).toFixed(1)} % after), right ${rs.filter((r) => r.right).length}/${rs.length}, wrong with exit 0 ${rs.filter((r) => r.answered && !r.right).length}, no answer ${rs.filter((r) => !r.answered).length}`,
  );
});
if (engines.length === 2) {
  // Paired: per-scenario differences, their mean and standard error.
  const d = rows.map((r) => r.results[1].runs - r.results[0].runs);
  const mean = sum(d) / d.length;
  const se = Math.sqrt(sum(d.map((x) => (x - mean) ** 2)) / Math.max(1, d.length - 1) / d.length);
  const ratio = sum(rows.map((r) => r.results[1].runs)) / sum(rows.map((r) => r.results[0].runs));
  console.log(
    `[1] − [0] per scenario: ${mean.toFixed(2)} ± ${se.toFixed(2)} runs (standard error); [1] / [0] = ${ratio.toFixed(3)}`,
  );
}
