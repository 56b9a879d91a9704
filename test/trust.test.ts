import { join } from 'node:path';
import { analyse, cleanNeeded, hitsNeeded, syzbotConfidence } from '../src/analyse/index.js';
import { stepEvidence } from '../src/analyse/evidence.js';
import { assessCulprit, FITTED_REASONS, ROOT_LR, stackFilesOf } from '../src/analyse/plausibility.js';
import {
  computePosterior,
  credibleRange,
  DEFAULT_PARAMS,
  massAt,
  type PositionEvidence,
} from '../src/analyse/posterior.js';
import { runsPerTest } from '../src/analyse/retest.js';
import { profileFor } from '../src/analyse/profile.js';

// These titles are syzkaller's: classify them the way its format profile does.
const KERNEL_SIGNATURES_FOR_TEST = profileFor({ format: 'syzkaller' }).signatures;
const matchTitle = (title: string, target: string | null) => KERNEL_SIGNATURES_FOR_TEST.match(title, target);
import { layoutWindow } from '../src/analyse/window.js';
import { emptyReport, type Commit, type Report, type Step, type Verdict } from '../src/model.js';
import { readLog } from '../src/read/readLog.js';
import { CORPUS, describeWithCorpus } from './helpers/paths.js';

// ---------------------------------------------------------------- helpers

const sha = (n: number) => n.toString(16).padStart(8, '0').repeat(5);

interface StepSpec {
  commit: string;
  verdict: Verdict;
  /** Crash titles per run, 'OK' for a clean run, 'SKIP' for a censored (boot/test-failed) one. */
  runs?: string[];
  left?: number;
  original?: boolean;
  release?: string;
}

function step(spec: StepSpec): Step {
  const runs = spec.runs ?? [];
  const titles: Record<string, number> = {};
  let failed = 0;
  let passed = 0;
  let other = 0;
  for (const r of runs) {
    if (r === 'OK') passed++;
    else if (r === 'SKIP') other++;
    else {
      failed++;
      titles[r] = (titles[r] ?? 0) + 1;
    }
  }
  return {
    commit: spec.commit,
    subject: null,
    verdict: spec.verdict,
    runs: { total: runs.length, failed, passed, other },
    titles,
    revisionsLeft: spec.left ?? null,
    original: spec.original ?? false,
    release: spec.release ?? null,
  };
}

const times = (n: number, what: string) => Array.from({ length: n }, () => what);

function commit(s: string, extra: Partial<Commit> = {}): Commit {
  return {
    sha: s,
    subject: 'subsystem: change',
    author: null,
    date: null,
    files: [],
    merge: false,
    release: false,
    ...extra,
  };
}

function report(steps: StepSpec[], culprit: string | null, extra: Partial<Report> = {}): Report {
  return {
    ...emptyReport('test.log', 'syzkaller'),
    status: culprit ? 'found' : 'failed',
    culprit: culprit ? commit(culprit) : null,
    crash: { title: 'KASAN: use-after-free Read in foo_bar' },
    steps: steps.map(step),
    ...extra,
  };
}

const BUG = 'KASAN: use-after-free Read in foo_bar';

/** ln Beta(a, b) via a Lanczos log-gamma, for closed-form checks of the grid integration. */
function lgamma(x: number): number {
  const g = 7;
  const c = [
    0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
    12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
const lbeta = (a: number, b: number) => lgamma(a) + lgamma(b) - lgamma(a + b);

// ---------------------------------------------------------------- the maths

describe('posterior over the culprit', () => {
  const noDrift = { ...DEFAULT_PARAMS, drift: 0, gridSize: 200 };

  test('matches the closed-form Beta–Binomial marginal (drift off, exact-title runs)', () => {
    // good end: 10 clean; position 2: 3 hits 7 clean; bad end (4): 10 hits.
    const ev: PositionEvidence[] = [
      { position: 0, crashes: [], clean: 10 },
      { position: 2, crashes: [{ weight: 1, count: 3 }], clean: 7 },
      { position: 4, crashes: [{ weight: 1, count: 10 }], clean: 0 },
    ];
    const post = computePosterior(ev, 4, noDrift);
    const [aq, bq] = noDrift.qPrior;
    const [ae, be] = noDrift.epsPrior;
    const marginal = (tb: number, kb: number, tg: number, kg: number) =>
      lbeta(aq + tb, bq + kb) - lbeta(aq, bq) + (lbeta(ae + tg, be + kg) - lbeta(ae, be));
    // Segment s: positions at index >= s are bad.
    const expected = [
      marginal(13, 17, 0, 0),
      marginal(13, 7, 0, 10),
      marginal(10, 0, 3, 17),
      marginal(0, 0, 13, 17),
    ];
    post.logLik.forEach((ll, s) => expect(ll).toBeCloseTo(expected[s], 1));
  });

  test('a symmetric window with no evidence inside spreads mass evenly', () => {
    const ev: PositionEvidence[] = [
      { position: 0, crashes: [], clean: 10 },
      { position: 6, crashes: [{ weight: 1, count: 10 }], clean: 0 },
    ];
    const post = computePosterior(ev, 6);
    const masses = [1, 2, 3, 4, 5, 6].map((p) => massAt(post, p));
    for (const m of masses) expect(m).toBeCloseTo(masses[0], 10);
    const total = masses.reduce((a, b) => a + b, 0) + post.outside + post.noCulprit;
    expect(total).toBeCloseTo(1, 9);
    // Mirror: a "clean" midpoint and a "hit" midpoint move the same mass in opposite directions.
    const up = computePosterior([...ev, { position: 3, crashes: [], clean: 10 }], 6);
    const down = computePosterior([...ev, { position: 3, crashes: [{ weight: 1, count: 10 }], clean: 0 }], 6);
    expect(massAt(up, 5)).toBeGreaterThan(massAt(up, 2) * 20);
    expect(massAt(down, 2)).toBeGreaterThan(massAt(down, 5) * 20);
  });

  test('a clean deterministic bisection puts most mass on the culprit, the rest next to it', () => {
    // 8 commits; tested 4 (bad), 2 (good), 3 (good): culprit 4.
    const ev: PositionEvidence[] = [
      { position: 0, crashes: [], clean: 10 },
      { position: 8, crashes: [{ weight: 1, count: 10 }], clean: 0 },
      { position: 4, crashes: [{ weight: 1, count: 10 }], clean: 0 },
      { position: 2, crashes: [], clean: 10 },
      { position: 3, crashes: [], clean: 10 },
    ];
    const post = computePosterior(ev, 8);
    expect(massAt(post, 4)).toBeGreaterThan(0.9);
    // The runner-up is the tested parent (one false "good" away), not anything above the culprit.
    expect(massAt(post, 3)).toBeGreaterThan(massAt(post, 5) * 1000);
    const range = credibleRange(post)!;
    expect(range.last).toBe(4);
    expect(range.first).toBeGreaterThanOrEqual(3);
    expect(post.repro.mean).toBeGreaterThan(0.9);
    expect(post.falseAlarm.mean).toBeLessThan(0.05);
  });

  test('a single off-signature run cannot make a commit bad', () => {
    // Position 4 "bad" on one harness crash (censored) and 9 clean: the culprit is above it.
    const steps: StepSpec[] = [
      { commit: sha(100), verdict: 'bad', runs: times(10, BUG), original: true },
      { commit: sha(1), verdict: 'good', runs: times(10, 'OK'), release: 'v1.0' },
      { commit: sha(8), verdict: 'bad', runs: times(10, BUG), left: 3 },
      {
        commit: sha(4),
        verdict: 'bad',
        runs: ['SYZFAIL: wrong response packet', ...times(9, 'OK')],
        left: 1,
      },
      { commit: sha(2), verdict: 'good', runs: times(10, 'OK'), left: 0 },
      { commit: sha(3), verdict: 'good', runs: times(10, 'OK'), left: 0 },
    ];
    const r = analyse(report(steps, sha(4)));
    expect(r.trust?.label).toBe('contradicted');
    expect(r.trust?.weakestLink).toMatchObject({ commit: sha(4), fragility: 1 });
    expect(r.trust?.weakestLink?.message).toMatch(/SYZFAIL/);
    expect(r.trust?.reasons.map((x) => x.code)).toContain('off-signature-verdict');
    expect(r.analysis!.locationProbability!).toBeLessThan(0.05);
    expect(r.trust?.range95?.after).toBe(sha(4));
    expect(r.trust?.range95?.last).toBe(sha(8));
    expect(r.retest.some((t) => t.commit === `${sha(4)}..${sha(8)}`)).toBe(true);
    // Flip that one run to a clean one and the log agrees with itself again.
    const flipped = steps.map((s) =>
      s.commit === sha(4) ? { ...s, verdict: 'good' as const, runs: times(10, 'OK') } : s,
    );
    const again = analyse(report(flipped, sha(8)));
    expect(again.trust?.label).not.toBe('contradicted');
  });

  test('a reproducer too flaky to place the change anywhere leaves the culprit unreliable, not contradicted', () => {
    // 2 crashes in 20 runs at the culprit, 1 in 20 at the original, every other commit clean: the
    // runs favour the culprit over any single other commit, yet spread the mass over the window.
    const steps: StepSpec[] = [
      { commit: sha(4000), verdict: 'bad', runs: [BUG, ...times(19, 'OK')], original: true },
      { commit: sha(1), verdict: 'good', runs: times(20, 'OK'), release: 'v1.0' },
      { commit: sha(2000), verdict: 'good', runs: times(20, 'OK'), left: 1000 },
      { commit: sha(3000), verdict: 'good', runs: times(20, 'OK'), left: 500 },
      { commit: sha(3500), verdict: 'good', runs: times(20, 'OK'), left: 250 },
      { commit: sha(3998), verdict: 'good', runs: times(20, 'OK'), left: 1 },
      { commit: sha(3999), verdict: 'bad', runs: [BUG, BUG, ...times(18, 'OK')], left: 0 },
    ];
    const r = analyse(report(steps, sha(3999)));
    expect(r.analysis!.locationProbability!).toBeLessThan(0.05);
    expect(r.trust?.label).toBe('unreliable');
    expect(r.trust!.probability).toBeLessThan(0.5);
  });

  test('run counts for decisive re-tests follow §3.8', () => {
    expect(cleanNeeded(0.9)).toBe(2);
    expect(cleanNeeded(0.5)).toBe(7);
    expect(cleanNeeded(0.1)).toBe(44);
    expect(hitsNeeded(10, 0.01)).toBe(2);
    expect(hitsNeeded(10, 0.1)).toBe(5);
    expect(runsPerTest(0.9, 0.01)).toBeGreaterThanOrEqual(5);
    expect(runsPerTest(0.1, 0.01)).toBeGreaterThan(runsPerTest(0.5, 0.01));
  });
});

// ---------------------------------------------------------------- window reconstruction

describe('window layout from "revisions left"', () => {
  // The worked example's shape: verdicts and counts as printed by git.
  const seq: [number, Verdict, number][] = [
    [1, 'good', 6695],
    [2, 'good', 3349],
    [3, 'good', 1698],
    [4, 'good', 850],
    [5, 'bad', 430],
    [6, 'bad', 180],
    [7, 'good', 94],
    [8, 'bad', 47],
    [9, 'bad', 23],
    [10, 'good', 11],
    [11, 'good', 5],
    [12, 'good', 2],
    [13, 'good', 0],
  ];
  const steps: StepSpec[] = [
    { commit: sha(100), verdict: 'bad', runs: times(10, BUG), original: true },
    ...seq.map(([n, verdict, left]) => ({
      commit: sha(n),
      verdict,
      left,
      runs: times(10, verdict === 'bad' ? BUG : 'OK'),
    })),
  ];
  const r = report(steps, sha(9));

  test('puts the culprit at the end of the last window and counts the commits above it', () => {
    const layout = layoutWindow(r);
    const pos = (n: number) => layout.stepPositions[steps.findIndex((s) => s.commit === sha(n))]!;
    expect(layout.culpritPosition).toBe(pos(9));
    expect(pos(13)).toBe(pos(9) - 1); // the last good is the culprit's parent
    expect(pos(8) - pos(9)).toBe(24);
    expect(pos(7)).toBeLessThan(pos(9));
    expect(layout.exact).toBe(false);
  });

  test('takes exact positions from git rev-list when given', () => {
    const revList = Array.from({ length: 50 }, (_, i) => sha(1000 + i));
    revList[20] = sha(13);
    revList[21] = sha(9);
    revList[45] = sha(8);
    const layout = layoutWindow(r, { revList });
    expect(layout.exact).toBe(true);
    expect(layout.size).toBe(50);
    expect(layout.culpritPosition).toBe(22);
    expect(layout.commitAt(23)).toBe(sha(1022));
    const judged = analyse(r, { revList });
    expect(judged.analysis?.positionsExact).toBe(true);
  });
});

// ---------------------------------------------------------------- run classification

describe('run classification against the bisected crash', () => {
  const target = 'general protection fault in try_to_wake_up';
  test.each([
    ['general protection fault in try_to_wake_up', 'exact'],
    ['general protection fault in try_to_wake_up (2)', 'exact'],
    ['KASAN: use-after-free Read in try_to_wake_up', 'family'],
    ['BUG: unable to handle kernel paging request in try_to_wake_up', 'family'],
    ['WARNING in try_to_wake_up', 'related'],
    ['SYZFAIL: wrong response packet', 'infra'],
    ['lost connection to test machine', 'infra'],
    ['no output from test machine', 'infra'],
    ['WARNING in netdev_run_todo', 'other'],
  ])('%s → %s', (title, match) => {
    expect(matchTitle(title, target).match).toBe(match);
  });

  test('a title that only adds the function it happened in is the same failure', () => {
    const bare = 'BUG: sleeping function called from invalid context';
    expect(matchTitle(`${bare} in foo_bar`, bare).match).toBe('family');
    expect(matchTitle(bare, `${bare} in foo_bar`).match).toBe('family');
    // Both naming (different) functions is not this case.
    expect(matchTitle(`${bare} in foo_bar`, `${bare} in baz_qux`).match).toBe('other');
  });

  test('a harness failure counts when it is the bisected failure itself', () => {
    expect(matchTitle('SYZFAIL: wrong response packet', 'SYZFAIL: wrong response packet').match).toBe(
      'exact',
    );
    expect(matchTitle('SYZFAIL: tun read failed', 'SYZFAIL: wrong response packet').weight).toBe(1);
  });

  test('hangs cluster together, other classes of the same function are related', () => {
    expect(matchTitle('INFO: task hung in rtnl_lock', 'INFO: rcu detected stall in ip_set_uadd').match).toBe(
      'related',
    );
    expect(
      matchTitle('BUG: corrupted list in nf_abort', 'KASAN: use-after-free Read in nf_abort').match,
    ).toBe('related');
  });

  test('evidence counts hits, other crashes, clean and censored runs', () => {
    const ev = stepEvidence(
      step({
        commit: sha(1),
        verdict: 'bad',
        runs: [BUG, BUG, 'WARNING in other_fn', 'SYZFAIL: x', 'SKIP', 'OK'],
      }),
      BUG,
      KERNEL_SIGNATURES_FOR_TEST,
    );
    expect(ev).toMatchObject({ hits: 2, otherCrashes: 1, clean: 1, censored: 2 });
  });
});

// ---------------------------------------------------------------- culprit checks and labels

describe('labels and reasons', () => {
  const clean: StepSpec[] = [
    { commit: sha(100), verdict: 'bad', runs: times(10, BUG), original: true },
    { commit: sha(1), verdict: 'good', runs: times(10, 'OK'), release: 'v1.0' },
    { commit: sha(4), verdict: 'bad', runs: times(10, BUG), left: 3 },
    { commit: sha(2), verdict: 'good', runs: times(10, 'OK'), left: 1 },
    { commit: sha(3), verdict: 'good', runs: times(10, 'OK'), left: 0 },
  ];
  const stack =
    'Call Trace:\n foo_bar+0x1/0x2 net/foo/bar.c:123\n do_syscall_64+0x1 arch/x86/entry/common.c:46\n';

  test('a clean bisection whose culprit touches the crash stack is trusted', () => {
    const r = analyse(
      report(clean, sha(4), {
        culprit: commit(sha(4), { files: [{ path: 'net/foo/bar.c' }] }),
        details: { syzkaller: { culprit: { signature: 'aa', parentSignature: 'bb' } } },
        culpritCrash: { title: BUG, report: stack },
      }),
    );
    expect(['verified', 'likely']).toContain(r.trust?.label);
    expect(r.trust?.reasons.map((x) => x.code)).toContain('stack-mentions-culprit-files');
    expect(r.analysis?.toolConfidence).toBeGreaterThan(0.99);
  });

  test('a no-op culprit (same kernel signature as its parent) is not trusted', () => {
    const r = analyse(
      report(clean, sha(4), {
        details: { syzkaller: { culprit: { signature: 'aa', parentSignature: 'aa' } } },
      }),
    );
    expect(['verified', 'likely']).not.toContain(r.trust?.label);
    expect(r.trust?.reasons.map((x) => x.code)).toContain('no-op-build');
  });

  test('merge and release culprits are flagged', () => {
    const merge = assessCulprit(report(clean, sha(4), { culprit: commit(sha(4), { merge: true }) }), BUG);
    const rel = assessCulprit(
      report(clean, sha(4), { culprit: commit(sha(4), { subject: 'Linux 5.10' }) }),
      BUG,
    );
    expect(merge.reasons.map((x) => x.code)).toContain('merge-culprit');
    expect(rel.reasons.map((x) => x.code)).toContain('release-culprit');
    expect(merge.probability).toBeLessThan(0.2);
  });

  test('a culprit that also wires files into the build is less likely the root cause', () => {
    const plain = assessCulprit(
      report(clean, sha(4), { culprit: commit(sha(4), { files: [{ path: 'net/foo/new.c' }] }) }),
      BUG,
    );
    const wired = assessCulprit(
      report(clean, sha(4), {
        culprit: commit(sha(4), { files: [{ path: 'net/foo/new.c' }, { path: 'net/foo/Kconfig' }] }),
      }),
      BUG,
    );
    const onlyBuild = assessCulprit(
      report(clean, sha(4), {
        culprit: commit(sha(4), { files: [{ path: 'net/foo/Makefile' }, { path: 'net/foo/Kconfig' }] }),
      }),
      BUG,
    );
    expect(wired.reasons.map((x) => x.code)).toContain('culprit-touches-build-files');
    expect(wired.reasons.map((x) => x.code)).not.toContain('build-config-only-culprit');
    expect(plain.reasons.map((x) => x.code)).not.toContain('culprit-touches-build-files');
    expect(onlyBuild.reasons.map((x) => x.code)).toEqual([
      'build-config-only-culprit',
      'precise-crash-report',
    ]);
    expect(wired.probability).toBeLessThan(plain.probability);
    // Both ratios are fitted on few logs (since documentation stopped counting as build
    // configuration they come out about equal): only both being doubts is meant.
    expect(onlyBuild.probability).toBeLessThan(plain.probability);
  });

  test('builds with more than one compiler are shown, and weigh nothing (they did not separate right from wrong culprits)', () => {
    const withCompilers = (names: (string | null)[]): Report => {
      const r = report(clean, sha(4));
      const steps = r.steps.map((_, i) => ({ compiler: names[i % names.length] }));
      return { ...r, details: { syzkaller: { steps } } };
    };
    const one = assessCulprit(withCompilers(['gcc 10.2.1']), BUG);
    const unknown = assessCulprit(withCompilers([null, 'gcc 10.2.1']), BUG);
    const two = assessCulprit(withCompilers(['gcc 10.2.1', 'gcc 8.4.1']), BUG);
    expect(one.reasons.map((x) => x.code)).not.toContain('several-compilers');
    expect(unknown.reasons.map((x) => x.code)).not.toContain('several-compilers');
    expect(two.reasons.map((x) => x.code)).toContain('several-compilers');
    expect(two.reasons.find((x) => x.code === 'several-compilers')?.message).toContain(
      '2 different compilers',
    );
    expect(two.probability).toBe(one.probability);
  });

  test('a kernel culprit that only changes tools or selftests cannot be the root cause', () => {
    const withFiles = (paths: string[], format: Report['format'] = 'syzkaller') =>
      assessCulprit(
        {
          ...report(clean, sha(4), { culprit: commit(sha(4), { files: paths.map((path) => ({ path })) }) }),
          format,
        },
        BUG,
      );
    const tools = withFiles(['tools/testing/selftests/net/foo.c', 'tools/bpf/bpftool/main.c']);
    expect(tools.reasons.map((x) => x.code)).toContain('culprit-outside-kernel');
    expect(tools.probability).toBeLessThan(0.2);
    // Old syzkaller logs list only top-level directories.
    expect(withFiles(['tools']).reasons.map((x) => x.code)).toContain('culprit-outside-kernel');
    // One kernel file among them, or a project that is not a kernel: no such claim.
    expect(withFiles(['tools/foo.c', 'net/foo/bar.c']).reasons.map((x) => x.code)).not.toContain(
      'culprit-outside-kernel',
    );
    expect(withFiles(['tools/foo.c'], 'git-bisect-log').reasons.map((x) => x.code)).not.toContain(
      'culprit-outside-kernel',
    );
  });

  test("a project's own test blames the merge, build change or new assertion that broke it", () => {
    const asGit = (extra: Partial<Commit>) =>
      assessCulprit(
        { ...report(clean, sha(4), { culprit: commit(sha(4), extra) }), format: 'git-bisect-run' },
        null,
      );
    const plain = asGit({ files: [{ path: 'src/app.c' }] });
    for (const extra of [
      { merge: true, subject: "Merge branch 'feature'" },
      { files: [{ path: 'Makefile' }] },
      { files: [{ path: 'src/app.c' }, { path: 'Makefile' }] },
      { subject: 'parser: assert the header is complete', files: [{ path: 'src/app.c' }] },
    ]) {
      const r = asGit(extra);
      expect(r.reasons).toEqual([]);
      expect(r.probability).toBeCloseTo(plain.probability, 10);
    }
    // The same culprits in a kernel bisection are suspects.
    const kernelMerge = assessCulprit(
      report(clean, sha(4), { culprit: commit(sha(4), { merge: true, subject: "Merge branch 'x'" }) }),
      BUG,
    );
    expect(kernelMerge.reasons.map((x) => x.code)).toContain('merge-culprit');
  });

  test('a culprit that adds a detector or a check is less likely the root cause', () => {
    const codes = (subject: string) =>
      assessCulprit(report(clean, sha(4), { culprit: commit(sha(4), { subject }) }), BUG);
    const plain = codes('net: foo: handle short frames');
    for (const subject of [
      'net: warn if mac header was not set',
      'mm: add VM_BUG_ON_PAGE to split path',
      'x86/kasan: support vmalloc',
      'locking: more accurate annotations for read_lock()',
      'netlink: add net device refcount tracker',
    ]) {
      const flagged = codes(subject);
      expect(flagged.reasons.map((x) => x.code)).toContain('culprit-adds-detector');
      expect(flagged.probability).toBeLessThan(plain.probability);
    }
    // Words that merely contain a detector word do not count.
    for (const subject of [
      'net: foo: handle short frames',
      'hsr: rename debugfs file',
      'tracing: fix a typo',
    ]) {
      expect(codes(subject).reasons.map((x) => x.code)).not.toContain('culprit-adds-detector');
    }
  });

  test('a sanitizer report raises, a bug that crashed many releases lowers the root-cause probability', () => {
    const kasan = assessCulprit(report(clean, sha(4)), 'KASAN: use-after-free Read in foo_bar');
    const warning = assessCulprit(report(clean, sha(4)), 'WARNING in foo_bar');
    expect(kasan.reasons.map((x) => x.code)).toContain('precise-crash-report');
    expect(warning.reasons.map((x) => x.code)).not.toContain('precise-crash-report');
    expect(kasan.probability).toBeGreaterThan(warning.probability);
    // Not when the culprit brought that sanitizer: then the report says nothing for it.
    const bringsKasan = assessCulprit(
      report(clean, sha(4), { culprit: commit(sha(4), { subject: 'x86/kasan: support vmalloc' }) }),
      'KASAN: vmalloc-out-of-bounds Read in foo_bar',
    );
    expect(bringsKasan.reasons.map((x) => x.code)).toContain('culprit-adds-detector');
    expect(bringsKasan.reasons.map((x) => x.code)).not.toContain('precise-crash-report');

    const crashedReleases = (n: number): StepSpec[] => [
      clean[0],
      ...Array.from({ length: n }, (_, i) => ({
        commit: sha(200 + i),
        verdict: 'bad' as const,
        runs: times(10, BUG),
        release: `v0.${9 - i}`,
      })),
      ...clean.slice(1),
    ];
    const codesFor = (n: number) =>
      assessCulprit(report(crashedReleases(n), sha(4)), 'WARNING in foo_bar').reasons.map((x) => x.code);
    expect(codesFor(1)).not.toContain('long-range-bisection');
    expect(codesFor(2)).toContain('long-range-bisection');
    expect(codesFor(2)).not.toContain('very-long-range-bisection');
    expect(codesFor(3)).toEqual(
      expect.arrayContaining(['long-range-bisection', 'very-long-range-bisection']),
    );
    const p = (n: number) =>
      assessCulprit(report(crashedReleases(n), sha(4)), 'WARNING in foo_bar').probability;
    expect(p(3)).toBeLessThan(p(2));
    expect(p(2)).toBeLessThan(p(1));
  });

  test('every fitted ratio has a reason code the bench can read back', () => {
    const codes = Object.keys(FITTED_REASONS);
    expect(new Set(Object.values(FITTED_REASONS)).size).toBe(codes.length);
    for (const key of Object.values(FITTED_REASONS)) expect(ROOT_LR[key]).toBeGreaterThan(0);
  });

  test('stack files exclude the reporting machinery', () => {
    const files = stackFilesOf(stack);
    expect(files.has('net/foo/bar.c')).toBe(true);
    const r = assessCulprit(
      report(clean, sha(4), {
        culprit: commit(sha(4), { files: [{ path: 'arch/x86/entry/common.c' }] }),
        culpritCrash: { title: BUG, report: stack },
      }),
      BUG,
    );
    expect(r.stackFiles).toEqual([]);
  });

  test('a plain git bisection (one verdict per commit) is never verified, and says why', () => {
    const plain: Report = {
      ...emptyReport('plain.log', 'git-bisect-log'),
      status: 'found',
      culprit: commit(sha(4)),
      steps: [
        {
          commit: sha(4),
          subject: null,
          verdict: 'bad',
          runs: { total: 0, failed: 0, passed: 0, other: 0 },
          titles: {},
        },
        {
          commit: sha(2),
          subject: null,
          verdict: 'good',
          runs: { total: 0, failed: 0, passed: 0, other: 0 },
          titles: {},
        },
        {
          commit: sha(3),
          subject: null,
          verdict: 'good',
          runs: { total: 0, failed: 0, passed: 0, other: 0 },
          titles: {},
        },
      ],
    };
    const r = analyse(plain);
    expect(r.trust).not.toBeNull();
    expect(r.trust?.label).not.toBe('verified');
    expect(r.trust?.reasons.map((x) => x.code)).toContain('plain-bisect-no-repeats');
    expect(r.trust?.weakestLink?.fragility).toBe(1);
  });

  test('reports without an answer get no trust', () => {
    for (const status of ['failed', 'no-culprit', 'not-reproduced', 'incomplete', 'unrecognized'] as const) {
      const r = analyse({ ...report(clean, null), status });
      expect(r.trust).toBeNull();
      expect(r.retest).toEqual([]);
    }
  });

  test("syzbot's 2023 confidence only sees false GOODs", () => {
    // Original crashes 10/10; a bad on 1/10 halves the repro chance; later goods barely dent it.
    const steps = [
      step({ commit: sha(100), verdict: 'bad', runs: times(10, BUG), original: true }),
      step({ commit: sha(4), verdict: 'bad', runs: ['SYZFAIL: x', ...times(9, 'OK')] }),
      step({ commit: sha(2), verdict: 'good', runs: times(10, 'OK') }),
    ];
    const evs = steps.map((s) => stepEvidence(s, BUG, KERNEL_SIGNATURES_FOR_TEST));
    expect(syzbotConfidence(steps, evs)).toBeCloseTo(1 - Math.pow(0.45, 10), 4);
  });
});

// ---------------------------------------------------------------- the worked example

describeWithCorpus('worked example Log_14269b96d00000 (culprit decided by one SYZFAIL run)', () => {
  const r = analyse(readLog(join(CORPUS, 'syzbot', 'logs', 'Log_14269b96d00000.txt'), 'syzkaller'));
  const culprit = '7c25c0d16ef3c37e49c593ac92f69fa3884d4bb9';
  const above = 'a1639a434b2045d7f9f90df6b651b99b2f0d5c8a';

  test('is contradicted, with the single SYZFAIL run as the weakest link', () => {
    expect(r.culprit?.sha).toBe(culprit);
    expect(r.trust?.label).toBe('contradicted');
    expect(r.trust?.weakestLink?.commit).toBe(culprit);
    expect(r.trust?.weakestLink?.fragility).toBe(1);
    expect(r.trust?.weakestLink?.message).toMatch(/SYZFAIL/);
  });

  test('puts 95% of the mass on the commits after 7c25c0d1 up to a1639a43 and plans their re-test', () => {
    expect(r.trust?.range95).toMatchObject({ after: culprit, last: above });
    expect(r.trust?.range95?.commits).toBeGreaterThanOrEqual(20);
    expect(r.trust?.range95?.commits).toBeLessThanOrEqual(28);
    expect(r.retest.map((t) => t.commit)).toContain(`${culprit}..${above}`);
    expect(r.analysis?.toolConfidence).toBeCloseTo(0.9986, 3);
    expect(r.analysis?.counterfactual?.join(' ')).toMatch(/7c25c0d1 GOOD/);
  });
});
