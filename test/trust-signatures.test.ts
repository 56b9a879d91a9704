import { assessCulprit } from '../src/analyse/plausibility.js';
import { profileFor } from '../src/analyse/profile.js';
import { testSignature } from '../src/analyse/signatures.js';
import { emptyReport, type Report } from '../src/model.js';

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
  test('documentation alone cannot change the kernel', () => {
    expect(codes(['Documentation/networking/foo.rst', 'net/foo/README.md'])).toContain(
      'culprit-outside-kernel',
    );
  });
});
