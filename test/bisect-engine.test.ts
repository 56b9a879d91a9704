import { DEFAULT_PARAMS, computePosterior } from '../src/analyse/posterior.js';
import { TEST_FALSE_ALARM_PRIOR } from '../src/analyse/profile.js';
import { conjugatePosterior, massOf } from '../src/bisect/conjugate.js';
import {
  BISECT_PARAMS,
  chooseNext,
  createBisection,
  decision,
  observe,
  totalRuns,
  type Bisection,
} from '../src/bisect/index.js';

/** Deterministic pseudo-random numbers (tests must not flake themselves). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const commitsOf = (n: number) => Array.from({ length: n + 1 }, (_, i) => `c${i}`);

/** Runs the engine against a simulated test until it decides; returns the decision and runs. */
function simulate(n: number, culprit: number, repro: number, falseAlarm: number, seed: number, jobs = 1) {
  const random = rng(seed);
  let state: Bisection = createBisection({ commits: commitsOf(n) });
  for (let round = 0; round < 1000; round++) {
    const d = decision(state);
    if (d.kind !== 'continue') return { d, runs: totalRuns(state), state };
    const probes = chooseNext(state, jobs);
    expect(probes.reduce((a, p) => a + p.runs, 0)).toBeLessThanOrEqual(jobs);
    expect(probes.length).toBeGreaterThan(0);
    for (const p of probes) {
      for (let r = 0; r < p.runs; r++) {
        const fails = random() < (p.position >= culprit ? repro : falseAlarm);
        state = observe(state, p.commit, fails ? 'fail' : 'pass');
      }
    }
  }
  throw new Error('no decision after 1000 rounds');
}

describe('closed-form posterior', () => {
  test('agrees with the trust model (computePosterior without drift)', () => {
    const counts = [
      { position: 0, fail: 0, pass: 3 },
      { position: 7, fail: 1, pass: 4 },
      { position: 12, fail: 3, pass: 1 },
      { position: 13, fail: 2, pass: 0 },
      { position: 20, fail: 5, pass: 2 },
    ];
    const params = { ...DEFAULT_PARAMS, drift: 0, gridSize: 160 };
    const grid = computePosterior(
      counts.map((c) => ({
        position: c.position,
        crashes: c.fail ? [{ weight: 1, count: c.fail }] : [],
        clean: c.pass,
      })),
      20,
      params,
    );
    const exact = conjugatePosterior(
      20,
      {
        q: params.qPrior,
        eps: params.epsPrior,
        outside: params.priorOutside,
        noCulprit: params.priorNoCulprit,
      },
      counts,
    );
    for (const seg of grid.segments) {
      for (let j = seg.first; j <= seg.last; j++) {
        expect(massOf(exact, j)).toBeCloseTo(seg.mass / (seg.last - seg.first + 1), 3);
      }
    }
    expect(massOf(exact, 0)).toBeCloseTo(grid.outside, 3);
    expect(massOf(exact, 21)).toBeCloseTo(grid.noCulprit, 3);
  });

  test("the search model is the trust model of a project's test without per-commit drift", () => {
    expect(BISECT_PARAMS).toEqual({ ...DEFAULT_PARAMS, drift: 0, epsPrior: TEST_FALSE_ALARM_PRIOR });
  });
});

describe('search', () => {
  test('a deterministic test: the right culprit in about log2(n) + verification runs', () => {
    for (const [n, culprit] of [
      [40, 23],
      [40, 1],
      [40, 40],
      [300, 117],
    ]) {
      const { d, runs, state } = simulate(n, culprit, 1, 0, culprit);
      expect(d.kind).toBe('culprit');
      if (d.kind !== 'culprit') continue;
      expect(d.position).toBe(culprit);
      expect(d.p).toBeGreaterThanOrEqual(0.95);
      // Direct evidence: the culprit failed and its parent passed, both tested.
      expect(state.tallies.get(culprit)?.fail).toBeGreaterThan(0);
      expect(state.tallies.get(culprit - 1)?.pass).toBeGreaterThan(0);
      expect(runs).toBeLessThanOrEqual(Math.ceil(Math.log2(n)) + 10);
    }
  });

  test('a flaky test (60 % repro, 5 % false alarms): right culprits at the confidence', () => {
    let right = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const { d } = simulate(40, 10 + seed * 4, 0.6, 0.05, seed);
      if (d.kind === 'culprit' && d.position === 10 + seed * 4) right++;
    }
    expect(right).toBeGreaterThanOrEqual(5);
  });

  test('a failure that does not reproduce ends "not-reproduced", not with a culprit', () => {
    const { d } = simulate(40, 41 /* nothing is bad */, 1, 0, 3);
    expect(d.kind).toBe('not-reproduced');
  });

  test('a good end that fails too ends "older"', () => {
    const { d } = simulate(20, 0, 0.9, 0, 5);
    expect(d.kind).toBe('older');
  });

  test('untestable commits around the change end with a range', () => {
    let state = createBisection({ commits: commitsOf(20) });
    for (let p = 8; p <= 11; p++) state = observe(state, p, 'skip');
    for (let p = 0; p <= 7; p++) state = observe(state, p, 'pass', 3);
    for (let p = 12; p <= 20; p++) state = observe(state, p, 'fail', 3);
    const d = decision(state);
    expect(d.kind).toBe('range');
    expect(d.summary.range).toMatchObject({ first: 8, last: 12 });
    expect(chooseNext(state, 1).every((p) => p.position < 8 || p.position > 11)).toBe(true);
  });

  test('parallel probes: at most k runs, spread over the window', () => {
    const state = createBisection({ commits: commitsOf(100) });
    const probes = chooseNext(state, 4);
    expect(probes.reduce((a, p) => a + p.runs, 0)).toBe(4);
    expect(new Set(probes.map((p) => p.position)).size).toBeGreaterThanOrEqual(3);
    // With runs already going, the next choice differs from them.
    const next = chooseNext(state, 1, probes);
    expect(probes.map((p) => p.position)).not.toContain(next[0].position);
  });

  test('parallel search still finds the culprit', () => {
    const { d } = simulate(100, 63, 0.8, 0.02, 11, 4);
    expect(d.kind === 'culprit' && d.position).toBe(63);
  });

  test('verification: a leader without runs at its parent is not a culprit yet', () => {
    // The good end (position 0) is never assumed: culprit 1 needs runs at position 0.
    let state = createBisection({ commits: commitsOf(4) });
    for (let p = 1; p <= 4; p++) state = observe(state, p, 'fail', 4);
    const d = decision(state);
    expect(d.kind).toBe('continue');
    expect(d.summary.leader.position).toBe(1);
    expect(chooseNext(state, 1)[0].position).toBe(0);
    state = observe(state, 0, 'pass', 4);
    expect(decision(state).kind).toBe('culprit');
  });

  test('verification runs go where the stop rule is short, not to a side already settled', () => {
    // The parent is settled (many passes): the plan asks for more failures at the culprit.
    let settledParent = createBisection({ commits: commitsOf(10) });
    for (let p = 0; p <= 4; p++) settledParent = observe(settledParent, p, 'pass', p === 4 ? 30 : 2);
    for (let p = 5; p <= 10; p++) settledParent = observe(settledParent, p, 'fail', p === 5 ? 1 : 2);
    const d1 = decision(settledParent);
    expect(d1.kind).toBe('continue');
    expect(d1.summary.leader).toMatchObject({ position: 5 });
    expect(d1.summary.leader.p).toBeGreaterThanOrEqual(0.95);
    expect(chooseNext(settledParent, 1)[0].position).toBe(5);
    // The culprit is settled (many failures): the plan asks for passes at the parent.
    let settledCulprit = createBisection({ commits: commitsOf(10) });
    for (let p = 0; p <= 4; p++) settledCulprit = observe(settledCulprit, p, 'pass', p === 4 ? 1 : 2);
    for (let p = 5; p <= 10; p++) settledCulprit = observe(settledCulprit, p, 'fail', p === 5 ? 30 : 2);
    const d2 = decision(settledCulprit);
    expect(d2.kind).toBe('continue');
    expect(d2.summary.leader.p).toBeGreaterThanOrEqual(0.95);
    expect(chooseNext(settledCulprit, 1)[0].position).toBe(4);
  });

  test('bad input: commits outside the window and tiny windows are refused', () => {
    const state = createBisection({ commits: commitsOf(3) });
    expect(() => observe(state, 'nope', 'pass')).toThrow(/not in the bisection window/);
    expect(() => createBisection({ commits: ['only'] })).toThrow();
  });
});
