import { assessCulprit } from '../src/analyse/plausibility.js';
import { profileFor } from '../src/analyse/profile.js';
import { testSignature } from '../src/analyse/signatures.js';
import { emptyReport, type Report, type Step } from '../src/model.js';

// Failure signatures per format (docs/trust.md): a project's test output without what varies from
// run to run; kernel crash titles by family, function and function prefix; documentation is not
// build configuration.

describe('test failure signatures', () => {
  const tests = profileFor({ format: 'git-bisect-run' }).signatures;
  test.each([
    [
      'FAIL: token truncated after 121ms in /tmp/tok-5054-1388.json (run 3, commit 495d89b, pid 5054)',
      'FAIL: token truncated after 7 s in /var/tmp/x/tok-1.json (run 10, commit 0321460, pid 77)',
    ],
    [
      'AssertionError: expected 3 to equal 4 at 2026-12-05T10:00:01Z',
      'AssertionError: expected 5 to equal 4 at 2027-01-01 00:00',
    ],
    [
      'panic: index out of range [5] with length 3 goroutine 0xc000123456',
      'panic: index out of range [9] with length 1 goroutine 0xc0009abcde',
    ],
  ])('%s ~ %s', (a, b) => {
    expect(testSignature(a)).toBe(testSignature(b));
    expect(tests.match(a, b)).toEqual({ match: 'exact', weight: 1 });
  });

  test('another failure weighs as weaker evidence, never as none', () => {
    const m = tests.match(
      'Error: timeout after 55ms waiting for port 31234',
      'FAIL: token truncated after 1ms',
    );
    expect(m.match).toBe('other');
    expect(m.weight).toBeGreaterThan(0.1);
    expect(m.weight).toBeLessThan(0.5);
  });
});

describe('kernel crash titles', () => {
  const kernel = profileFor({ format: 'syzkaller' }).signatures;
  test('functions sharing a prefix are related, not unrelated', () => {
    const m = kernel.match('WARNING in proto_register', 'KASAN: use-after-free Read in proto_unregister');
    expect(m.match).toBe('related');
    expect(m.weight).toBeGreaterThan(0.2);
  });
});

describe("kernel crashes: same bug by stack frames and the culprit's files", () => {
  const crashReport = (frames: string[]) =>
    ['Call Trace:', ' <TASK>', ...frames.map((f) => ` ${f}`), ' </TASK>'].join('\n');
  const culpritChanging = (path: string) => ({
    sha: 'b'.repeat(40),
    subject: 'proto: rework registration',
    author: null,
    date: null,
    files: [{ path }],
    merge: false,
    release: false,
  });
  const inLog = (report: Partial<Report>) =>
    profileFor({ ...emptyReport('x.log', 'syzkaller'), ...report }).signatures;
  const target = 'KASAN: use-after-free Read in proto_unregister';

  test("a crash whose function is on the bisected crash's stack is the same bug", () => {
    const signatures = inLog({
      crash: {
        title: target,
        report: crashReport([
          'proto_unregister+0x1a/0x40 net/core/sock.c:3801',
          'sock_release+0x8c/0x1d0 net/socket.c:660',
        ]),
      },
    });
    const m = signatures.match('WARNING in sock_release', target);
    expect(m.match).toBe('related');
    expect(m.weight).toBeGreaterThanOrEqual(0.5);
    // Without the report, the two titles share nothing.
    expect(
      profileFor({ format: 'syzkaller' }).signatures.match('WARNING in sock_release', target).weight,
    ).toBeLessThan(0.1);
  });

  test("another title of the subsystem, crashing in the culprit's files, is the same bug", () => {
    const atCulprit = 'general protection fault in proto_register';
    const report = crashReport([
      'proto_register+0x2b/0x90 net/core/proto.c:120',
      'inet_init+0x10/0x20 net/ipv4/af_inet.c:1',
    ]);
    const through = inLog({
      crash: { title: target, report: null },
      culpritCrash: { title: atCulprit, report },
      culprit: culpritChanging('net/core/proto.c'),
    });
    const elsewhere = inLog({
      crash: { title: target, report: null },
      culpritCrash: { title: atCulprit, report },
      culprit: culpritChanging('fs/open.c'),
    });
    expect(through.match(atCulprit, target).weight).toBeGreaterThanOrEqual(0.5);
    // A different title weighs as evidence either way, never as a veto.
    const prefixOnly = elsewhere.match(atCulprit, target);
    expect(prefixOnly.match).toBe('related');
    expect(prefixOnly.weight).toBeGreaterThan(0.2);
    expect(prefixOnly.weight).toBeLessThan(0.5);
  });

  test('harness failures stay harness failures, whatever the stacks', () => {
    const signatures = inLog({
      crash: { title: target, report: crashReport(['proto_unregister+0x1a/0x40 net/core/sock.c:3801']) },
    });
    expect(signatures.match('SYZFAIL: wrong response packet', target).match).toBe('infra');
  });
});

describe('kernel crashes: a title that shows together with the bisected one is the same bug', () => {
  const target = 'INFO: task hung in synchronize_rcu';
  const other = 'general protection fault in kvm_coalesced_mmio_init';
  const step = (commit: string, titles: Record<string, number>): Step => {
    const failed = Object.values(titles).reduce((a, n) => a + n, 0);
    return {
      commit: commit.repeat(40),
      subject: null,
      verdict: failed > 0 ? 'bad' : 'good',
      runs: { total: 10, failed, passed: 10 - failed, other: 0 },
      titles,
    };
  };
  const signaturesFor = (steps: Step[]) =>
    profileFor({ ...emptyReport('x.log', 'syzkaller'), crash: { title: target, report: null }, steps })
      .signatures;

  test('seen with it at two commits and alone only at the one judged: same bug, one crash first', () => {
    const signatures = signaturesFor([
      step('a', { [target]: 5, [other]: 2 }),
      step('b', { [target]: 4, [other]: 1 }),
      step('c', {}),
      step('d', { [other]: 7 }),
    ]);
    expect(signatures.match(other, target)).toEqual({ match: 'related', weight: 0.6 });
  });

  test('alone at two commits: another bug that was there first, it stays unrelated', () => {
    const signatures = signaturesFor([
      step('a', { [target]: 5, [other]: 2 }),
      step('b', { [target]: 4, [other]: 1 }),
      step('d', { [other]: 7 }),
      step('e', { [other]: 6 }),
    ]);
    expect(signatures.match(other, target).weight).toBeLessThan(0.1);
  });

  test('seen with it once is not enough, and harness failures never count', () => {
    const once = signaturesFor([step('a', { [target]: 5, [other]: 2 }), step('d', { [other]: 7 })]);
    expect(once.match(other, target).weight).toBeLessThan(0.1);
    const harness = 'SYZFAIL: wrong response packet';
    const withHarness = signaturesFor([
      step('a', { [target]: 5, [harness]: 1 }),
      step('b', { [target]: 4, [harness]: 1 }),
      step('d', { [harness]: 1 }),
    ]);
    expect(withHarness.match(harness, target).match).toBe('infra');
  });
});

describe('a directory entry of the culprit (raw diff-tree) names no file', () => {
  const withCrash = (paths: string[], frames: string[]): Report => ({
    ...emptyReport('x.log', 'syzkaller'),
    status: 'found',
    crash: { title: 'WARNING in nr_insert_socket', report: frames.map((f) => ` ${f}`).join('\n') },
    culprit: {
      sha: 'a'.repeat(40),
      subject: 'netrom: fix a leak',
      author: null,
      date: null,
      files: paths.map((path) => ({ path })),
      merge: false,
      release: false,
    },
  });
  const codes = (paths: string[], frames: string[]) =>
    assessCulprit(withCrash(paths, frames), 'WARNING in nr_insert_socket').reasons.map((r) => r.code);
  test('a stack under the directory is near the culprit, neither a hit nor a miss', () => {
    expect(codes(['net'], ['nr_insert_socket+0x1/0x2 net/netrom/af_netrom.c:10'])).toEqual([
      'stack-near-culprit-files',
    ]);
  });
  test('a stack outside the directory misses it', () => {
    expect(codes(['drivers'], ['nr_insert_socket+0x1/0x2 net/netrom/af_netrom.c:10'])).toEqual([
      'stack-misses-culprit-files',
    ]);
  });
  test('an abbreviated diffstat path still matches its file', () => {
    expect(codes(['.../netrom/af_netrom.c'], ['nr_insert_socket+0x1/0x2 net/netrom/af_netrom.c:10'])).toEqual(
      ['stack-mentions-culprit-files'],
    );
  });
});

describe('documentation is not build configuration', () => {
  const withFiles = (paths: string[]): Report => ({
    ...emptyReport('x.log', 'syzkaller'),
    status: 'found',
    culprit: {
      sha: 'a'.repeat(40),
      subject: 'net: fix a thing',
      author: null,
      date: null,
      files: paths.map((path) => ({ path })),
      merge: false,
      release: false,
    },
  });
  const codes = (paths: string[]) => assessCulprit(withFiles(paths), null).reasons.map((r) => r.code);
  test('code plus its .rst documentation is plain code', () => {
    expect(codes(['net/foo/core.c', 'Documentation/networking/foo.rst'])).toEqual([]);
  });
  test('Kconfig plus documentation is build configuration only', () => {
    expect(codes(['net/foo/Kconfig', 'Documentation/networking/foo.rst'])).toContain(
      'build-config-only-culprit',
    );
  });
  test('a Documentation directory entry (raw diff-tree) is documentation too', () => {
    expect(codes(['Documentation', 'Makefile'])).toContain('build-config-only-culprit');
    expect(codes(['Documentation', 'net'])).toEqual([]);
  });
  test('scripts/Makefile.* are build rules', () => {
    expect(codes(['scripts/Makefile.kasan'])).toContain('build-config-only-culprit');
  });
  test('documentation alone cannot change the kernel', () => {
    expect(codes(['Documentation/networking/foo.rst', 'net/foo/README.md'])).toContain(
      'culprit-outside-kernel',
    );
  });
});
