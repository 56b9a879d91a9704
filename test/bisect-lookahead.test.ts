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
        running.map((position, i) => ({
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

/** 40 commits, 25 more likely than not the culprit (a pass at 10, a failure at 30, three each at 24 and 25). */
function leaderAt25(): Bisection {
  let state = observe(observe(createBisection({ commits: commitsOf(40) }), 10, 'pass'), 30, 'fail');
  for (let i = 0; i < 3; i++) state = observe(observe(state, 24, 'pass'), 25, 'fail');
  return state;
}

test('a run at a likely culprit: its failure is worked out ahead, and read back without engine calls', async () => {
  const lookahead = new Lookahead(CONFIDENCE);
  const state = leaderAt25();
  expect(lookahead.decision(state).summary.leader).toMatchObject({ position: 25, p: expect.any(Number) });
  expect(lookahead.decision(state).summary.leader.p).toBeGreaterThan(0.5);
  await lookahead.ahead(state, [{ position: 25, next: { free: 1, pending: [24] } }]);
  // The state's own decision, then the foreseen outcome's decision and choice.
  expect(lookahead.calls).toEqual({ decisions: 2, choices: 1 });
  const failed = lookahead.observe(state, 25, 'fail');
  expect(lookahead.observe(state, 25, 'fail')).toBe(failed);
  expect(lookahead.decision(failed)).toBe(lookahead.decision(failed));
  const probes = lookahead.choose(failed, 1, [24]);
  expect(lookahead.calls).toEqual({ decisions: 2, choices: 1 });
  expect(probes).toEqual(
    chooseNext(observe(state, 25, 'fail'), 1, [{ commit: 24, runs: 1 }], { confidence: CONFIDENCE }),
  );
});

test('a run at the likely parent: its pass is worked out ahead; a run elsewhere is not', async () => {
  const lookahead = new Lookahead(CONFIDENCE);
  const state = leaderAt25();
  await lookahead.ahead(state, [
    { position: 10, next: { free: 1, pending: [24] } },
    { position: 24, next: { free: 1, pending: [10] } },
  ]);
  expect(lookahead.calls).toEqual({ decisions: 2, choices: 1 });
  lookahead.choose(lookahead.observe(state, 24, 'pass'), 1, [10]);
  expect(lookahead.calls).toEqual({ decisions: 2, choices: 1 });
});

test('no likely culprit yet: nothing is worked out ahead (each outcome is as likely)', async () => {
  const lookahead = new Lookahead(CONFIDENCE);
  await lookahead.ahead(createBisection({ commits: commitsOf(40) }), [
    { position: 20, next: { free: 1, pending: [] } },
  ]);
  expect(lookahead.calls).toEqual({ decisions: 1, choices: 0 });
});

test('cancel() ends the work ahead at the next turn of the event loop', async () => {
  const lookahead = new Lookahead(CONFIDENCE);
  const work = lookahead.ahead(leaderAt25(), [{ position: 25, next: { free: 1, pending: [] } }]);
  lookahead.cancel();
  await work;
  // Only the state's own decision (is there a likely culprit?) was made before the first turn.
  expect(lookahead.calls).toEqual({ decisions: 1, choices: 0 });
});
