import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { DIST_DIR, ROOT } from './helpers/paths.js';

/**
 * Trust labels on real flaky `git bisect` runs (scripts/git-bisections.mjs, `npm run
 * bench:git-trust` for the full sweep): scratch repositories, a regression in one commit, a test
 * whose failure line names its run, commit, duration, temp file and PID, flake rates 0–70 % and false
 * alarms 0–10 %, bisected the README's way — plain `git bisect run ./test.sh` and through the built
 * CLI's `run --runs 5|10` — and read by the built CLI as a process. Targets (docs/trust.md) with
 * slack for a small sample.
 */
interface Rate {
  k: number;
  n: number;
  rate: number;
}
interface Summary {
  bisections: number;
  found: number;
  wrongTrusted: Rate;
  rightContradicted: Rate;
  deterministicVerified: Rate;
  contradictedAtHalf: number;
  everyTestedCommit: Rate;
  perMode: Record<string, { found: number; labels: Record<string, number> }>;
}

describe('trust labels on real flaky git bisections', () => {
  let summary: Summary;
  beforeAll(async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          join(ROOT, 'scripts', 'git-bisections.mjs'),
          '--json',
          '--count',
          '5',
          '--deterministic',
          '7',
          '--seed',
          '4242',
          '--max-flake',
          '0.6',
        ],
        { env: { ...process.env, BISECT_REPORT_DIST: DIST_DIR }, maxBuffer: 1 << 26 },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      ),
    );
    summary = (JSON.parse(out) as { summary: Summary }).summary;
  }, 170_000);

  test('every commit git tested appears with git verdict', () => {
    expect(summary.everyTestedCommit.k).toBe(summary.bisections);
  });

  test('wrong culprits are rarely trusted, right ones rarely contradicted, never at P >= 0.5', () => {
    expect(summary.found).toBeGreaterThanOrEqual(14);
    expect(summary.wrongTrusted.k).toBeLessThanOrEqual(1);
    expect(summary.rightContradicted.k).toBeLessThanOrEqual(1);
    expect(summary.contradictedAtHalf).toBe(0);
  });

  test('one run per commit is never trusted; a deterministic test with --runs 10 is verified', () => {
    const plain = summary.perMode.plain.labels;
    expect((plain.verified ?? 0) + (plain.likely ?? 0)).toBe(0);
    expect(summary.deterministicVerified.k).toBeGreaterThanOrEqual(summary.deterministicVerified.n - 1);
  });
});
