import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { THRESHOLDS } from '../src/analyse/index.js';
import { FITTED_REASONS, ROOT_LR } from '../src/analyse/plausibility.js';
import { formatByName } from '../src/formats/registry.js';
import { CORPUS, DIST_DIR, ROOT, describeWithCorpus } from './helpers/paths.js';

interface BenchJson {
  n: number;
  detection: number;
  falseAlarms: number;
  ece: number;
  auc: number;
  fit: { base: number; ratios: Record<string, number>; threshold: number; thresholdOnShipped: number };
  contradictedAtHalf: number;
  byLabel: Record<string, { right: number; wrong: number }>;
  cv: { detection: number; falseAlarms: number; ece: number };
}

// `npm run bench:trust` on the built CLI, as a regression guard: the trust labels against the
// labelled syzbot bisections, and the shipped constants against what the labels fit.
describeWithCorpus('trust labels on labelled syzbot bisections (bench:trust)', () => {
  let bench: BenchJson;
  beforeAll(() => {
    const out = execFileSync(
      process.execPath,
      // One split into folds (the others only show the spread): keeps the fits within the test's time.
      [
        join(ROOT, 'scripts', 'bench-trust.mjs'),
        '--no-timing',
        '--json',
        '--splits',
        '0',
        '--corpus',
        CORPUS,
      ],
      { encoding: 'utf8', env: { ...process.env, BISECT_REPORT_DIST: DIST_DIR }, maxBuffer: 1 << 26 },
    );
    bench = JSON.parse(out) as BenchJson;
    // About 100 model fits (folds x inner folds) plus the CLI on 419 logs: slow on a loaded machine.
  }, 180_000);

  test('catches most wrong culprits, rarely withholds trust from a right one, and is calibrated', () => {
    expect(bench.n).toBeGreaterThan(200);
    // Targets are 80% and 10%; a little slack so one relabelled log does not fail the suite.
    expect(bench.detection).toBeGreaterThanOrEqual(0.78);
    expect(bench.falseAlarms).toBeLessThanOrEqual(0.12);
    expect(bench.ece).toBeLessThanOrEqual(0.1);
    expect(bench.auc).toBeGreaterThan(0.85);
    expect(bench.contradictedAtHalf).toBe(0);
    // What `contradicted` promises (docs/trust.md): at most 5 % of such culprits are right.
    const contradicted = bench.byLabel.contradicted ?? { right: 0, wrong: 0 };
    expect(contradicted.right).toBeLessThanOrEqual(0.05 * (contradicted.right + contradicted.wrong));
    // Refitted on four fifths and measured on the rest, folds grouped by culprit and subsystem: the
    // number to expect on new logs.
    expect(bench.cv.detection).toBeGreaterThanOrEqual(0.74);
    expect(bench.cv.falseAlarms).toBeLessThanOrEqual(0.12);
  });

  test('the shipped ratios and threshold are the ones the labels fit', () => {
    const close = (shipped: number, fitted: number) => Math.abs(Math.log(shipped / fitted)) < 0.1;
    expect(close(formatByName('syzkaller')?.trust?.rootCauseBase ?? 0, bench.fit.base)).toBe(true);
    for (const [code, key] of Object.entries(FITTED_REASONS)) {
      expect([code, close(ROOT_LR[key], bench.fit.ratios[code])]).toEqual([code, true]);
    }
    expect(Math.abs(THRESHOLDS.likely - bench.fit.thresholdOnShipped)).toBeLessThanOrEqual(0.02 + 1e-9);
    // And the one the threshold rule picks: chosen on out-of-fold probabilities of all labelled logs.
    expect(Math.abs(THRESHOLDS.likely - bench.fit.threshold)).toBeLessThanOrEqual(0.02 + 1e-9);
  });
});
