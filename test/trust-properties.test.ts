import fc from 'fast-check';
import { analyse } from '../src/analyse/index.js';
import { computePosterior, massAt } from '../src/analyse/posterior.js';
import { emptyReport, type Report, type RunKind, type Step } from '../src/model.js';

const TITLES = [
  'KASAN: use-after-free Read in foo',
  'general protection fault in foo',
  'WARNING in bar',
  'SYZFAIL: wrong response packet',
  'INFO: task hung in baz',
  '',
];
const KINDS: RunKind[] = [
  'ok',
  'crash',
  'boot-failed',
  'test-failed',
  'build-failed',
  'infra',
  'ignore',
  'error',
];

const arbStep: fc.Arbitrary<Step> = fc
  .record({
    commit: fc.stringMatching(/^[0-9a-f]{7,40}$/),
    verdict: fc.constantFrom('good', 'bad', 'skip', 'untested') as fc.Arbitrary<Step['verdict']>,
    failed: fc.nat(25),
    passed: fc.nat(25),
    other: fc.nat(5),
    estimated: fc.boolean(),
    title: fc.constantFrom(...TITLES),
    left: fc.option(fc.nat(100000)),
    original: fc.boolean(),
    release: fc.option(fc.constantFrom('v5.10', 'v6.1')),
    outcomes: fc.option(
      fc.array(fc.record({ kind: fc.constantFrom(...KINDS), title: fc.constantFrom(...TITLES) }), {
        maxLength: 6,
      }),
    ),
  })
  .map((s) => ({
    commit: s.commit,
    subject: null,
    verdict: s.verdict,
    runs: {
      total: s.failed + s.passed + s.other,
      failed: s.failed,
      passed: s.passed,
      other: s.other,
      estimated: s.estimated,
    },
    titles: s.failed > 0 && s.title ? { [s.title]: s.failed } : {},
    revisionsLeft: s.left,
    original: s.original,
    release: s.release,
    ...(s.outcomes ? { outcomes: s.outcomes } : {}),
  }));

const arbReport: fc.Arbitrary<Report> = fc
  .record({
    steps: fc.array(arbStep, { maxLength: 25 }),
    status: fc.constantFrom('found', 'ambiguous', 'failed', 'no-culprit') as fc.Arbitrary<Report['status']>,
    pick: fc.nat(30),
    format: fc.constantFrom('syzkaller', 'git-bisect-run', 'git-bisect-log') as fc.Arbitrary<
      Report['format']
    >,
    direction: fc.constantFrom('cause', 'fix') as fc.Arbitrary<Report['direction']>,
    title: fc.option(fc.constantFrom(...TITLES)),
    noop: fc.boolean(),
  })
  .map((x) => {
    const culpritSha = x.steps.length > 0 ? x.steps[x.pick % x.steps.length].commit : 'abcdef1';
    return {
      ...emptyReport('prop.log', x.format),
      direction: x.direction,
      status: x.status,
      culprit:
        x.status === 'found'
          ? {
              sha: culpritSha,
              subject: 'x',
              author: null,
              date: null,
              files: [{ path: 'a/b.c' }],
              merge: false,
              release: false,
            }
          : null,
      details: { syzkaller: { culprit: { signature: 's1', parentSignature: x.noop ? 's1' : 's2' } } },
      candidates: x.status === 'ambiguous' ? [{ sha: culpritSha, subject: '' }] : [],
      crash: x.title === null ? null : { title: x.title, report: ' foo+0x1 a/b.c:1\n' },
      steps: x.steps,
    };
  });

describe('trust analysis properties', () => {
  test('analyse never throws; probabilities are in [0, 1] and the posterior sums to 1', () => {
    fc.assert(
      fc.property(arbReport, (report) => {
        const r = analyse(report);
        if (!r.trust) return;
        const t = r.trust;
        const a = r.analysis ?? {};
        for (const p of [
          t.probability,
          a.outside ?? 0,
          a.noCulprit ?? 0,
          a.locationProbability ?? 0,
          a.rootCauseProbability ?? 0,
        ]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        const total =
          (a.posterior ?? []).reduce((sum, e) => sum + e.p, 0) + (a.outside ?? 0) + (a.noCulprit ?? 0);
        expect(Math.abs(total - 1)).toBeLessThan(1e-4);
        for (const r2 of [t.reproRate, t.falseAlarmRate]) {
          if (!r2) continue;
          expect(r2.low).toBeLessThanOrEqual(r2.mean + 1e-9);
          expect(r2.mean).toBeLessThanOrEqual(r2.high + 1e-9);
        }
        expect(['verified', 'likely', 'range', 'unreliable', 'contradicted']).toContain(t.label);
        expect(JSON.parse(JSON.stringify(r.trust))).toEqual(r.trust); // JSON-safe: no NaN/Infinity
        if (t.weakestLink?.fragility != null) expect(t.weakestLink.fragility).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  test('the segment posterior is a distribution for any evidence and window size', () => {
    const arbEv = fc.array(
      fc.record({
        position: fc.nat(1000),
        clean: fc.nat(20),
        crashes: fc.array(
          fc.record({ weight: fc.double({ min: 0, max: 1, noNaN: true }), count: fc.nat(20) }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arbEv, fc.integer({ min: 1, max: 100000 }), (ev, size) => {
        const inWindow = ev.map((e) => ({ ...e, position: Math.min(e.position, size) }));
        const post = computePosterior(inWindow, size);
        const total = post.segments.reduce((a, s) => a + s.mass, 0) + post.outside + post.noCulprit;
        expect(total).toBeCloseTo(1, 6);
        const p = massAt(post, Math.max(1, Math.floor(size / 2)));
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  test('stays fast on huge windows and long logs', () => {
    const steps: Step[] = Array.from({ length: 400 }, (_, i) => ({
      commit: i.toString(16).padStart(40, '0'),
      subject: null,
      verdict: i % 2 ? 'good' : 'bad',
      runs: { total: 20, failed: i % 2 ? 0 : 20, passed: i % 2 ? 20 : 0, other: 0 },
      titles: (i % 2 ? {} : { 'WARNING in x': 20 }) as Record<string, number>,
      revisionsLeft: Math.max(0, 100000 >> Math.min(30, i)),
    }));
    const report: Report = {
      ...emptyReport('big.log', 'syzkaller'),
      status: 'found',
      culprit: {
        sha: steps[398].commit,
        subject: 'x',
        author: null,
        date: null,
        files: [],
        merge: false,
        release: false,
      },
      crash: { title: 'WARNING in x' },
      steps,
    };
    const t = Date.now();
    const r = analyse(report);
    expect(r.trust).not.toBeNull();
    expect(Date.now() - t).toBeLessThan(2000);
  });
});

test('rate intervals contain their mean even when the posterior is narrower than the grid', () => {
  // Shrunk counterexample from the property above (seed 514034897).
  const step = (
    commit: string,
    verdict: Step['verdict'],
    failed: number,
    passed: number,
    release: string | null,
  ) => ({
    commit,
    subject: null,
    verdict,
    runs: { total: failed + passed, failed, passed, other: 0, estimated: false },
    titles: (failed > 0 ? { 'KASAN: use-after-free Read in foo': failed } : {}) as Record<string, number>,
    revisionsLeft: null,
    original: false,
    release,
  });
  const report: Report = {
    ...emptyReport('prop.log', 'syzkaller'),
    status: 'found',
    culprit: {
      sha: 'aa00000',
      subject: 'x',
      author: null,
      date: null,
      files: [{ path: 'a/b.c' }],
      merge: false,
      release: false,
    },
    details: { syzkaller: { culprit: { signature: 's1', parentSignature: 's2' } } },
    steps: [
      step('aa00000', 'bad', 0, 22, 'v5.10'),
      step('0aaa000', 'good', 12, 16, 'v5.10'),
      step('aaa0aa0', 'good', 12, 22, null),
      { ...step('0aaa0aa', 'good', 1, 5, null), revisionsLeft: 0 },
      step('00a0aaa', 'untested', 25, 25, null),
      step('000a00a', 'good', 5, 21, 'v5.10'),
      step('000a00a', 'untested', 16, 19, null),
    ],
  };
  const t = analyse(report).trust!;
  for (const r of [t.reproRate, t.falseAlarmRate]) {
    if (!r) continue;
    expect(r.low).toBeLessThanOrEqual(r.mean);
    expect(r.mean).toBeLessThanOrEqual(r.high);
  }
});
