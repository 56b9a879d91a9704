// `node scripts/jobs-sim.mjs`: `bisect --jobs N` against `--jobs 1` in virtual time — the engine in
// process, each run taking one time unit (times a random jitter), the driver's rules of
// src/cli/bisectCommand.ts (every run that has ended counts before a choice; a choice for the free
// slots given the runs going; once the leader holds the confidence, runs elsewhere are ended and
// dropped). No processes, no git, no load: the wall-time ratio the engine's choices allow, apart from
// the fixed start and the machine (`npm run bench -- --jobs-only` measures the real thing).
// The k-th run at a commit has the same outcome in both settings (common random numbers).
//
//   node scripts/jobs-sim.mjs [--n 40,300] [--flake 0,0.3] [--seeds 3] [--jobs 4] [--jitter 0.1]
//     [--round-wait 0] [--confidence 0.95] [--build DIR] [--verbose]
//
// --round-wait W: when a run ends, runs started within 0.1 units of it are waited for up to W units,
// so one choice serves the slots they free (a driver rule under study, not the CLI's).
// DIR is a `tsc -p tsconfig.build.json --outDir DIR` of src/; without --build the current src/ is
// compiled into .tmp/sim-build.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { engineBuild, list, uniform } from './sim-common.mjs';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '40,300' },
    flake: { type: 'string', default: '0,0.3' },
    seeds: { type: 'string', default: '3' },
    jobs: { type: 'string', default: '4' },
    jitter: { type: 'string', default: '0.1' },
    'round-wait': { type: 'string', default: '0' },
    confidence: { type: 'string', default: '0.95' },
    build: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const build = engineBuild(values.build);
const engine = await import(pathToFileURL(join(resolve(build), 'bisect', 'engine.js')).href);
const confidence = Number(values.confidence);
const jitter = Number(values.jitter);
const roundWait = Number(values['round-wait']);
const CAP = 400;

/** Engine time (real milliseconds) spent choosing, by phase, to see what the choices cost. */
const cost = { search: { ms: 0, calls: 0 }, verification: { ms: 0, calls: 0 } };

function simulate({ n, flake, culprit, seed, jobs }) {
  const commits = Array.from({ length: n + 1 }, (_, i) => `c${i}`);
  let state = engine.createBisection({ commits });
  const started = new Map();
  const slots = Array.from({ length: jobs }, () => ({ run: null }));
  let now = 0;
  let runs = 0;
  let noise = seed >>> 0;
  const duration = () => {
    noise = (Math.imul(noise, 1664525) + 1013904223) >>> 0;
    return 1 + jitter * (noise / 2 ** 32);
  };
  let d = engine.decision(state, { confidence });
  while (d.kind === 'continue') {
    const free = slots.filter((s) => !s.run);
    const pending = slots.filter((s) => s.run).map((s) => ({ commit: s.run.position, runs: 1 }));
    if (free.length > 0 && runs < CAP) {
      const t = performance.now();
      const probes = engine.chooseNext(state, Math.min(free.length, CAP - runs), pending, { confidence });
      const phase = d.summary.leader.p >= confidence ? cost.verification : cost.search;
      phase.ms += performance.now() - t;
      phase.calls++;
      if (probes.length === 0 && pending.length === 0) break;
      const wanted = probes.flatMap((p) => Array(p.runs).fill(p.position));
      for (const slot of free) {
        if (wanted.length === 0) break;
        const position = wanted.shift();
        const k = started.get(position) ?? 0;
        started.set(position, k + 1);
        const failRate = position >= culprit ? 1 - flake : 0;
        const outcome = uniform(seed, position, k) < failRate ? 'fail' : 'pass';
        slot.run = { position, start: now, end: now + duration(), outcome };
        runs++;
      }
    }
    const busy = slots.filter((s) => s.run);
    if (busy.length === 0) break;
    now = Math.min(...busy.map((s) => s.run.end));
    if (roundWait > 0) {
      const first = busy.find((s) => s.run.end === now);
      const mates = busy.filter((s) => Math.abs(s.run.start - first.run.start) <= 0.1);
      now = Math.min(now + roundWait, Math.max(...mates.map((s) => s.run.end)));
    }
    for (const s of busy) {
      if (s.run.end > now + 1e-9) continue;
      state = engine.observe(state, s.run.position, s.run.outcome);
      s.run = null;
    }
    d = engine.decision(state, { confidence });
    const leader = d.summary.leader;
    if (d.kind === 'continue' && leader.p >= confidence && leader.position >= 1) {
      for (const s of slots) {
        if (s.run && s.run.position !== leader.position && s.run.position !== leader.position - 1)
          s.run = null;
      }
    }
  }
  return { wall: now, runs, right: d.kind === 'culprit' && d.position === culprit };
}

const rows = [];
let scenarioSeed = 20261206;
const rand = () => (scenarioSeed = (Math.imul(scenarioSeed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
for (const n of list(values.n)) {
  for (const flake of list(values.flake)) {
    for (let s = 0; s < Number(values.seeds); s++) {
      const culprit = 1 + Math.floor(rand() * n);
      const seed = Math.floor(rand() * 2 ** 31);
      const one = simulate({ n, flake, culprit, seed, jobs: 1 });
      const many = simulate({ n, flake, culprit, seed, jobs: Number(values.jobs) });
      const ratio = many.wall / one.wall;
      rows.push({ n, flake, ratio, one, many });
      if (values.verbose) {
        console.log(
          `n=${n} flake=${flake} seed=${s}: ${many.wall.toFixed(2)} vs ${one.wall.toFixed(2)} = ${ratio.toFixed(3)}` +
            ` (runs ${many.runs} vs ${one.runs}; right ${many.right}/${one.right})`,
        );
      }
    }
  }
}
const sorted = rows.map((r) => r.ratio).sort((a, b) => a - b);
const runsRatio = rows.map((r) => r.many.runs / r.one.runs).sort((a, b) => a - b);
console.log(
  `--jobs ${values.jobs} / --jobs 1 wall time (virtual): median ${sorted[Math.floor(sorted.length / 2)].toFixed(3)}` +
    ` (${sorted[0].toFixed(3)}–${sorted[sorted.length - 1].toFixed(3)}, ${rows.length} pairs);` +
    ` runs ${runsRatio[0].toFixed(2)}–${runsRatio[runsRatio.length - 1].toFixed(2)}×;` +
    ` right ${rows.filter((r) => r.many.right).length}/${rows.length} and ${rows.filter((r) => r.one.right).length}/${rows.length}`,
);
for (const [phase, c] of Object.entries(cost)) {
  if (c.calls > 0)
    console.log(
      `  chooseNext, ${phase}: ${c.calls} calls, ${(c.ms / c.calls).toFixed(1)} ms each (this machine, now)`,
    );
}
