import { assessCulprit } from '../src/analyse/plausibility.js';
import { profileFor } from '../src/analyse/profile.js';
import { pathCovers, pathInDirectory, pathMayCover } from '../src/analyse/stacks.js';
import { emptyReport, type Report } from '../src/model.js';
import { reportAnnotations } from '../src/render/annotations.js';

// git's diffstat shortens a long path of a modified file to ".../tail" (or "...tail" when no '/'
// fits); no create/delete-mode line gives its full form. Such a path only says how the real one
// ends: it is never a known file, and matches a stack file only by a suffix that still names a
// directory and a file.

const culprit = (paths: string[]): NonNullable<Report['culprit']> => ({
  sha: 'c'.repeat(40),
  subject: 'net: rework the thing',
  author: null,
  date: null,
  files: paths.map((path) => ({ path })),
  merge: false,
  release: false,
});

describe('how a shortened path relates to a stack file', () => {
  test.each([
    // [culprit path, stack file, covers, may cover]
    ['.../netrom/af_netrom.c', 'net/netrom/af_netrom.c', true, false],
    ['.../netrom/af_netrom.c', 'net/other/af_netrom.c', false, false],
    // The real path is longer than its shown end: the shown end itself is another file.
    ['.../netrom/af_netrom.c', 'netrom/af_netrom.c', false, false],
    // A bare file name could be any file of that name.
    ['.../af_netrom.c', 'net/netrom/af_netrom.c', false, true],
    ['...ong_file_name.c', 'drivers/x/a_very_long_file_name.c', false, true],
    ['...ong_file_name.c', 'drivers/x/other.c', false, false],
    // Paths shown whole keep their meaning.
    ['net/netrom/af_netrom.c', 'net/netrom/af_netrom.c', true, false],
    ['net', 'net/netrom/af_netrom.c', true, false],
  ])('%s vs %s', (path, file, covers, mayCover) => {
    expect(pathCovers(path, file)).toBe(covers);
    expect(pathMayCover(path, file)).toBe(mayCover);
  });

  test('the directory of a shortened path is known only as far as it is shown', () => {
    expect(pathInDirectory('.../dc/dce110/dce110_resource.c', 'drivers/gpu/drm/amd/display/dc/dce110')).toBe(
      true,
    );
    expect(pathInDirectory('.../dc/dce110/dce110_resource.c', 'drivers/gpu/drm/amd/display/dc/dce100')).toBe(
      false,
    );
    expect(pathInDirectory('.../dce110_resource.c', 'drivers/gpu/drm/amd/display/dc/dce110')).toBeNull();
    expect(pathInDirectory('...110_resource.c', 'drivers/gpu/drm/amd/display/dc/dce110')).toBeNull();
    expect(pathInDirectory('net/netrom/af_netrom.c', 'net/netrom')).toBe(true);
  });
});

describe("a shortened path in the culprit's files, against the crash stack", () => {
  const target = 'WARNING in dce110_resource_construct';
  const withStack = (paths: string[], frames: string[]): Report => ({
    ...emptyReport('x.log', 'syzkaller'),
    status: 'found',
    crash: { title: target, report: ['Call Trace:', ...frames.map((f) => ` ${f}`)].join('\n') },
    culprit: culprit(paths),
  });
  const codes = (paths: string[], frames: string[]) =>
    assessCulprit(withStack(paths, frames), target).reasons.map((r) => r.code);
  const frame =
    'dce110_resource_construct+0x1/0x2 drivers/gpu/drm/amd/display/dc/dce110/dce110_resource.c:10';

  test('a shown end with a directory that the stack ends with is a hit', () => {
    expect(codes(['.../dc/dce110/dce110_resource.c'], [frame])).toEqual(['stack-mentions-culprit-files']);
  });

  test('another file in the shown directory is near, not a miss', () => {
    expect(codes(['.../dc/dce110/dce110_hwseq.c'], [frame])).toEqual(['stack-near-culprit-files']);
  });

  test('a bare file name the stack may run through is neither a hit nor a miss', () => {
    const assessed = assessCulprit(withStack(['.../dce110_resource.c'], [frame]), target);
    expect(assessed.reasons.map((r) => r.code)).toEqual([]);
    expect(assessed.stackFiles).toEqual([]);
  });

  test('a bare file name whose directory is not shown cannot be called a miss', () => {
    expect(codes(['.../dce100_resource.c'], [frame])).toEqual([]);
  });

  test('a shown directory the stack does not reach is a miss', () => {
    expect(codes(['.../fs/ext4/inode.c'], [frame])).toEqual(['stack-misses-culprit-files']);
  });

  test('a whole path next to it still decides', () => {
    expect(
      codes(['.../dce110_resource.c', 'drivers/gpu/drm/amd/display/dc/dce110/dce110_resource.c'], [frame]),
    ).toEqual(['stack-mentions-culprit-files']);
  });
});

describe('a shortened path in the build checks', () => {
  const codes = (paths: string[]) =>
    assessCulprit(
      { ...emptyReport('x.log', 'syzkaller'), status: 'found', culprit: culprit(paths) },
      null,
    ).reasons.map((r) => r.code);
  test('its top-level directory is not shown: not known to be outside the kernel', () => {
    expect(codes(['.../selftests/arm64/mte/check_buffer_fill.c'])).toEqual([]);
    expect(codes(['tools/testing/selftests/arm64/mte/check_buffer_fill.c'])).toEqual([
      'culprit-outside-kernel',
    ]);
  });
  test('a file of unknown kind next to a Kconfig: not build configuration only', () => {
    expect(codes(['.../bindings/usb/generic-ehci.yaml', 'drivers/usb/Kconfig'])).not.toContain(
      'build-config-only-culprit',
    );
  });
  test('what the shown end does tell (file name, extension) still counts', () => {
    expect(codes(['.../drivers/usb/host/Kconfig'])).toContain('build-config-only-culprit');
    expect(codes(['.../networking/device_drivers/foo.rst'])).toContain('culprit-outside-kernel');
  });
});

describe('same-bug matching through the culprit files (syzkaller)', () => {
  const stackReport = (frames: string[]) => ['Call Trace:', ...frames.map((f) => ` ${f}`)].join('\n');
  const target = 'KASAN: use-after-free Read in proto_unregister';
  const atCulprit = 'general protection fault in proto_register';
  const weight = (path: string) =>
    profileFor({
      ...emptyReport('x.log', 'syzkaller'),
      crash: { title: target, report: null },
      culpritCrash: {
        title: atCulprit,
        report: stackReport(['proto_register+0x2b/0x90 net/core/proto.c:120']),
      },
      culprit: culprit([path]),
    }).signatures.match(atCulprit, target).weight;
  test('a bare shortened file name does not put the crash in the culprit', () => {
    expect(weight('.../proto.c')).toBeLessThan(weight('.../core/proto.c'));
    expect(weight('.../proto.c')).toBe(weight('fs/open.c'));
  });
});

describe('annotations on a pull request', () => {
  test('no file-level warning on a path that names no file in the checkout', () => {
    const report: Report = {
      ...emptyReport('x.log', 'git-bisect-run'),
      status: 'found',
      culprit: culprit(['.../deeply/nested/state.txt', 'src/state.txt']),
      trust: { label: 'verified', probability: 0.99 } as Report['trust'],
    };
    const files = reportAnnotations([report], { pullRequest: true })
      .map((a) => a.file)
      .filter(Boolean);
    expect(files).toEqual(['src/state.txt']);
  });
});
