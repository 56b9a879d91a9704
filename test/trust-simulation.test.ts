import { analyse } from '../src/analyse/index.js';
import { emptyReport, type Report, type Step } from '../src/model.js';

// The trust model judged on bisections whose true culprit we know because we made them: a linear
// history, a culprit after which a flaky test fails with probability q (and before which it fails
// falsely with probability ε), bisected the way `git bisect run` with `bisect-report run --runs K`
// does (bad when any run fails). Nothing here is fitted: it checks that the probabilities and labels
// for project test logs hold up on data the model never saw, and that it knows what it cannot know.

/** Small seeded generator (mulberry32): the same bisections on every run. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const shaOf = (position: number) => (position + 1).toString(16).padStart(8, '0').repeat(5);
const TRUSTED = new Set(['verified', 'likely']);

interface Outcome {
  runs: number;
  right: boolean;
  label: string;
  p: number;
  location: number;
  codes: string[];
}

function simulate(count: number, seed: number): Outcome[] {
  const rand = seeded(seed);
  const out: Outcome[] = [];
  for (let i = 0; i < count; i++) {
    const size = 2 + Math.floor(Math.exp(rand() * Math.log(3000))); // 2 .. 3000 commits, log-uniform
    const culprit = 1 + Math.floor(rand() * size);
    const repro = 0.3 + 0.7 * rand();
    const falseAlarm = [0, 0, 0.02, 0.05][Math.floor(rand() * 4)];
    const runs = [1, 3, 5, 10][Math.floor(rand() * 4)];
    let good = 0;
    let bad = size;
    const steps: Step[] = [];
    while (bad - good > 1) {
      const mid = Math.floor((good + bad) / 2);
      const pFail = mid >= culprit ? repro : falseAlarm;
      let failed = 0;
      for (let k = 0; k < runs; k++) if (rand() < pFail) failed++;
      steps.push({
        commit: shaOf(mid),
        subject: null,
        verdict: failed > 0 ? 'bad' : 'good',
        runs: { total: runs, failed, passed: runs - failed, other: 0 },
        titles: {},
      });
      if (failed > 0) bad = mid;
      else good = mid;
    }
    const report: Report = {
      ...emptyReport('simulated.log', 'git-bisect-run'),
      status: 'found',
      steps,
      culprit: {
        sha: shaOf(bad),
        subject: 'change',
        author: null,
        date: null,
        files: [],
        merge: false,
        release: false,
      },
    };
    // Exact positions and parents, as inside a checkout (`git rev-list --parents good..bad`).
    const revList = Array.from({ length: size }, (_, k) => shaOf(k + 1));
    const parents = new Map(revList.map((sha, k) => [sha, [shaOf(k)]]));
    const judged = analyse(report, { revList, parents });
    const t = judged.trust!;
    out.push({
      runs,
      right: bad === culprit,
      label: t.label,
      p: t.probability,
      location: judged.analysis?.locationProbability ?? 0,
      codes: t.reasons.map((r) => r.code),
    });
  }
  return out;
}

const outcomes = simulate(500, 20261124);
const share = (xs: Outcome[], f: (x: Outcome) => boolean) => xs.filter(f).length / Math.max(1, xs.length);

test('with repeated runs, trusted labels are mostly right and most wrong answers are caught', () => {
  const lines: string[] = [];
  for (const runs of [3, 5, 10]) {
    const group = outcomes.filter((x) => x.runs === runs);
    const trusted = group.filter((x) => TRUSTED.has(x.label));
    const wrong = group.filter((x) => !x.right);
    const precision = share(trusted, (x) => x.right);
    const detection = share(wrong, (x) => !TRUSTED.has(x.label));
    lines.push(
      `${runs} runs/commit: ${group.length} bisections, ${share(group, (x) => x.right).toFixed(2)} right; ` +
        `trusted precision ${precision.toFixed(2)}, wrong ones caught ${detection.toFixed(2)}`,
    );
    expect(trusted.length).toBeGreaterThan(20);
    expect(precision).toBeGreaterThanOrEqual(runs >= 5 ? 0.9 : 0.75);
    expect(detection).toBeGreaterThanOrEqual(runs >= 5 ? 0.9 : 0.6);
  }
  console.log(`simulated flaky bisections:\n  ${lines.join('\n  ')}`);
});

test('the location probability is never overconfident', () => {
  // Per decile of P(the change is at the culprit), with repeated runs: the share of right answers
  // is at least the mean probability (less a margin for sampling noise).
  const repeated = outcomes.filter((x) => x.runs > 1);
  for (let b = 0; b < 10; b++) {
    const bin = repeated.filter((x) => Math.min(9, Math.floor(x.location * 10)) === b);
    if (bin.length < 20) continue;
    const mean = bin.reduce((a, x) => a + x.location, 0) / bin.length;
    expect(share(bin, (x) => x.right)).toBeGreaterThanOrEqual(mean - 0.1);
  }
});

test('one run per commit cannot reveal a flaky test: never verified, and the report says so', () => {
  const single = outcomes.filter((x) => x.runs === 1);
  expect(single.length).toBeGreaterThan(50);
  // A flaky test fools a single-run bisection often; the model cannot see it and must say why.
  expect(share(single, (x) => x.right)).toBeLessThan(0.8);
  for (const x of single) {
    expect(x.label).not.toBe('verified');
    expect(x.codes).toContain('plain-bisect-no-repeats');
  }
});
