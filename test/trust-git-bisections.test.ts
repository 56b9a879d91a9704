import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { analyse } from '../src/analyse/index.js';
import { readLog } from '../src/read/readLog.js';
import { DIST_DIR, ROOT } from './helpers/paths.js';

/**
 * Trust labels on real flaky `git bisect` runs (scripts/git-bisections.mjs; `npm run
 * bench:git-trust` is the full sweep with intervals): scratch repositories, a regression in one
 * commit, a test whose failure line names its run number, commit, duration, temp file and PID, flake
 * rates 0–60 % and false alarms 0–10 %, bisected the README's way — plain `git bisect run ./test.sh`
 * and through the built CLI's `run --runs 5|10` — and read by the built CLI as a process inside each
 * scratch repository, as the action reads logs in a checkout (the history names the culprit's parent).
 *
 * The sample is fixed and held out: seed 21 was not used to develop the model (development seeds:
 * 1, 2; docs/trust.md lists the bench's held-out seeds). It is CI-sized, so it checks the targets of docs/trust.md as counts on
 * this sample; the bench shows them with intervals on a large one.
 */
interface Rate {
  k: number;
  n: number;
  rate: number;
}
interface Promise {
  format: string;
  label: string;
  right: Rate;
  holds: boolean | null;
}
interface Summary {
  bisections: number;
  found: number;
  wrongTrusted: Rate;
  rightContradicted: Rate;
  deterministicVerifiedTestable: Rate;
  contradictedAtHalf: number;
  everyTestedCommit: Rate;
  stepMismatches: string[];
  promises: Promise[];
  perMode: Record<string, { found: number; labels: Record<string, number> }>;
}

describe('trust labels on real flaky git bisections (held-out seed 21)', () => {
  let summary: Summary;
  beforeAll(async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          join(ROOT, 'scripts', 'git-bisections.mjs'),
          '--json',
          '--seeds',
          '21',
          '--count',
          '4',
          '--deterministic',
          '5',
          '--commits',
          '40',
        ],
        { env: { ...process.env, BISECT_REPORT_DIST: DIST_DIR }, maxBuffer: 1 << 26 },
        // Exit 1 means a report missed a tested commit: the JSON on stdout says which.
        (err, stdout) => (stdout ? resolve(stdout) : reject(err ?? new Error('no output'))),
      ),
    );
    summary = (JSON.parse(out) as { summary: Summary }).summary;
  }, 300_000); // ~30 s of CPU (about 20 s on 2 idle cores); far slower on a loaded machine

  test("every commit git tested appears with git's verdict: console + log, log alone, console alone", () => {
    expect(summary.stepMismatches).toEqual([]);
    expect(summary.everyTestedCommit.n).toBe(3 * summary.bisections);
  });

  test('no wrong culprit trusted, no right culprit contradicted, never contradicted at P >= 0.5', () => {
    expect(summary.found).toBeGreaterThanOrEqual(12);
    expect(summary.wrongTrusted.n).toBeGreaterThan(0);
    expect(summary.wrongTrusted.k).toBe(0);
    expect(summary.rightContradicted.k).toBe(0);
    expect(summary.contradictedAtHalf).toBe(0);
  });

  test('one run per commit is never trusted; a deterministic test with --runs 10 is verified', () => {
    const plain = summary.perMode.plain.labels;
    expect((plain.verified ?? 0) + (plain.likely ?? 0)).toBe(0);
    const det = summary.deterministicVerifiedTestable;
    expect(det.n).toBeGreaterThanOrEqual(4);
    expect(det.k).toBe(det.n);
  });

  test('each label keeps its written promise on this sample, per format', () => {
    const broken = summary.promises.filter((p) => p.holds === false);
    expect(broken).toEqual([]);
  });
});

describe('a log with one run per commit is never contradicted by those runs alone', () => {
  // `git bisect log` of a generated bisection (300 commits, culprit 188, bisect-report run --runs 5):
  // git skipped the first checkout, tested 73 and 187 good, then only bad commits down to the true
  // culprit 188. Read alone, each verdict is one run: a flaky pass at 187 would put the culprit
  // among the 114 commits below it (P 4 %), but a reliable test — which the log cannot rule out —
  // makes 188 certain. `contradicted` needs the runs to contradict it either way.
  test('the right culprit after a skip and a wide gap is unreliable, not contradicted', () => {
    const report = analyse(
      readLog(join(ROOT, 'test', 'fixtures', 'git-bisect-log', 'skip-then-wide-gap.log')),
    );
    expect(report.culprit?.sha).toBe('251d626021ea12872e8822fe64a33cf7edbddeeb');
    expect(report.trust?.probability).toBeLessThan(0.05);
    expect(report.trust?.label).toBe('unreliable');
  });
});
