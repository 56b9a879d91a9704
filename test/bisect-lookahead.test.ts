import { chooseNext, createBisection, decision, observe, type Bisection } from '../src/bisect/index.js';
import { Lookahead } from '../src/cli/lookahead.js';

/**
 * The work `bisect --jobs` does ahead while runs go (src/cli/lookahead.ts) is a memo of the engine:
 * a search driven through it asks the same probes and reaches the same answer as one calling the
 * engine directly, whichever outcomes came.
 */

const CONFIDENCE = 0.95;
const commitsOf = (n: number) => Array.from({ length: n + 1 }, (_, i) => `c${i}`);

/** Deterministic pseudo-random numbers (the test must not flake itself). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * A search with `jobs` slots, runs ending oldest first: each step records one outcome and refills
 * the freed slot. With `lookahead`, the driver's work ahead runs to its end before each outcome.
 */
async function search(
  n: number,
  culprit: number,
  repro: number,
  seed: number,
  jobs: number,
  lookahead?: Lookahead,
) {
  const random = rng(seed);
  let state: Bisection = createBisection({ commits: commitsOf(n) });
  const running: number[] = [];
  const asked: string[] = [];
  const decide = (s: Bisection) =>
    lookahead ? lookahead.decision(s) : decision(s, { confidence: CONFIDENCE });
  const choose = (s: Bisection, free: number, pending: number[]) =>
    lookahead
      ? lookahead.choose(s, free, pending)
      : chooseNext(
          s,
          free,
          pending.map((position) => ({ commit: position, runs: 1 })),
          { confidence: CONFIDENCE },
        );
  for (let step = 0; step < 300; step++) {
    const d = decide(state);
    if (d.kind !== 'continue') return { answer: d.kind === 'culprit' ? d.position : d.kind, asked };
    const probes = choose(state, jobs - running.length, running);
    asked.push(JSON.stringify(probes.map((p) => [p.position, p.runs])));
    for (const p of probes) for (let r = 0; r < p.runs; r++) running.push(p.position);
    if (running.length === 0) return { answer: 'stuck', asked };
    if (lookahead) {
      await lookahead.ahead(
        state,
        running.slice(0, 2).map((position, i) => ({
          position,
          next: { free: jobs - running.length + 1, pending: running.filter((_, j) => j !== i) },
        })),
      );
    }
    const position = running.shift()!;
    const fails = position >= culprit ? random() < repro : false;
    state = lookahead
      ? lookahead.observe(state, position, fails ? 'fail' : 'pass')
      : observe(state, position, fails ? 'fail' : 'pass');
  }
  return { answer: 'too long', asked };
}

test.each([
  [40, 23, 1, 1],
  [40, 23, 1, 4],
  [40, 9, 0.7, 4],
])(
  'n=%i culprit %i repro %f, %i jobs: the same probes and answer as the engine called directly',
  async (n, culprit, repro, jobs) => {
    const direct = await search(n, culprit, repro, 7, jobs);
    const ahead = await search(n, culprit, repro, 7, jobs, new Lookahead(CONFIDENCE));
    expect(ahead.asked).toEqual(direct.asked);
    expect(ahead.answer).toBe(direct.answer);
    expect(direct.answer).toBe(culprit);
  },
  120000,
);

test('the states worked out ahead are the ones the driver then reads (computed once)', async () => {
  const lookahead = new Lookahead(CONFIDENCE);
  const state = observe(observe(createBisection({ commits: commitsOf(40) }), 20, 'pass'), 30, 'fail');
  await lookahead.ahead(state, [{ position: 25, next: { free: 1, pending: [27] } }]);
  // The state's own decision, then each outcome's decision and choice.
  expect(lookahead.calls).toEqual({ decisions: 3, choices: 2 });
  const failed = lookahead.observe(state, 25, 'fail');
  expect(lookahead.observe(state, 25, 'fail')).toBe(failed);
  expect(lookahead.observe(state, 25, 'pass')).not.toBe(failed);
  expect(lookahead.decision(failed)).toBe(lookahead.decision(failed));
  expect(lookahead.choose(failed, 1, [27])).toBe(lookahead.choose(failed, 1, [27]));
  expect(lookahead.calls).toEqual({ decisions: 3, choices: 2 });
  expect(lookahead.choose(failed, 1, [27])).toEqual(
    chooseNext(observe(state, 25, 'fail'), 1, [{ commit: 27, runs: 1 }], { confidence: CONFIDENCE }),
  );
});

test('cancel() ends the work ahead at the next turn of the event loop', async () => {
  const lookahead = new Lookahead(CONFIDENCE);
  const state = createBisection({ commits: commitsOf(40) });
  const work = lookahead.ahead(state, [{ position: 20, next: { free: 1, pending: [] } }]);
  lookahead.cancel();
  await work;
  // Only the state's own decision (which outcome is likely) was made before the first turn.
  expect(lookahead.calls).toEqual({ decisions: 1, choices: 0 });
});
