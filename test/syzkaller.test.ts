import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../src/model.js';
import { syzkallerFormat, syzkallerParser } from '../src/formats/syzkaller/index.js';
import { formatByName } from '../src/formats/registry.js';
import { MAX_REPORT_BYTES } from '../src/formats/syzkaller/sink.js';
import { parseGoDuration, parseGoStringList } from '../src/formats/syzkaller/lines.js';
import { readLog } from '../src/read/readLog.js';
import { ROOT } from './helpers/paths.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'syzkaller');
const EXAMPLES = join(ROOT, 'examples');
const fixture = (name: string): string => join(FIXTURES, name);

/** Parses text directly with the parser (no reader), line by line. */
function parseText(text: string): Report {
  const sink = syzkallerParser.create('mem');
  for (const line of text.split('\n')) sink.line(line);
  return sink.end();
}

function withoutSource(r: Report): Omit<Report, 'source'> {
  const { source: _source, ...rest } = r;
  return rest;
}

const scratch = mkdtempSync(join(tmpdir(), 'syz-test-'));
function writeScratch(name: string, content: string | Buffer): string {
  const p = join(scratch, name);
  writeFileSync(p, content);
  return p;
}

describe('syzkaller parser: worked cause example (flaky reproducer, off-signature culprit verdict)', () => {
  const r = readLog(join(EXAMPLES, 'syzkaller-cause.txt'));
  const text = readFileSync(join(EXAMPLES, 'syzkaller-cause.txt'), 'utf8');
  const footerSha = /^first bad commit: ([0-9a-f]{40}) /m.exec(text)![1];

  test('is detected and found with the footer culprit, its author, date and files', () => {
    expect(r.format).toBe('syzkaller');
    expect(r.direction).toBe('cause');
    expect(r.status).toBe('found');
    expect(r.culprit).toMatchObject({
      sha: footerSha,
      subject: 'ringbuf: let consumers drain pending pages lazily',
      author: { name: 'Mira Kovalenko', email: 'mira.kovalenko@example.org' },
      date: 'Thu Feb 11 09:42:17 2021 +0100',
      merge: false,
      release: false,
    });
    expect(r.culprit!.files.map((f) => f.path)).toEqual([
      'kernel/ringbuf/consumer.c',
      'kernel/ringbuf/internal.h',
    ]);
    const build = r.details!.syzkaller!.culprit!;
    expect(build.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(build.parentSignature).toMatch(/^[0-9a-f]{64}$/);
    expect(build.signature).not.toBe(build.parentSignature);
  });

  test('crash is the original commit crash; the footer crash (with its report) is kept apart', () => {
    expect(r.crash).toEqual({ title: 'general protection fault in ringbuf_wake_waiters', report: null });
    expect(r.culpritCrash?.title).toBe('SYZFAIL: executor hung on close');
    expect(r.culpritCrash?.report).toMatch(/^2021\/02\/27 11:04:52 executed programs: 3\n/);
    expect(r.culpritCrash?.report).toMatch(/executed programs: 41$/);
  });

  test('steps: original, release, then every bisection step in order with git verdicts', () => {
    const testing = [...text.matchAll(/^testing commit ([0-9a-f]{40})/gm)].map((m) => m[1]);
    expect(r.steps.map((s) => s.commit)).toEqual(testing);
    expect(r.steps[0]).toMatchObject({ original: true, verdict: 'bad', release: null });
    expect(r.steps[1]).toMatchObject({ release: 'v5.11', verdict: 'good' });
    for (const m of text.matchAll(/^# git bisect (good|bad|skip) ([0-9a-f]{40})$/gm)) {
      expect(r.steps.find((s) => s.commit === m[2])?.verdict).toBe(m[1]);
    }
    expect(r.steps[2]).toMatchObject({
      revisionsLeft: 7012,
      stepsLeft: 13,
      subject: "Merge tag 'net-next-5.12' of git://git.kernel.org/pub/scm/linux/kernel/git/netdev/net-next",
    });
    expect(r.window).toEqual({ good: [r.steps[1].commit], bad: r.steps[0].commit });
  });

  test('run tallies: explicit per-run lines are counted, "all runs" lines are estimated', () => {
    const culpritStep = r.steps.find((s) => s.commit === footerSha)!;
    expect(culpritStep.runs).toEqual({ total: 10, failed: 1, passed: 9, other: 0 });
    expect(culpritStep.titles).toEqual({ 'SYZFAIL: executor hung on close': 1 });
    expect(culpritStep.outcomes).toHaveLength(10);
    expect(culpritStep.outcomes![4]).toEqual({ kind: 'crash', title: 'SYZFAIL: executor hung on close' });
    expect(r.steps[0].runs).toEqual({ total: 10, failed: 10, passed: 0, other: 0, estimated: true });
    expect(r.steps[0].outcomes).toBeUndefined();
    expect(r.details!.syzkaller!.steps).toHaveLength(r.steps.length);
    expect(r.details!.syzkaller!.steps![0].compiler).toBe('gcc (GCC) 10.2.1 20210217');
    expect(r.details!.syzkaller!.steps![0].signature).toMatch(/^[0-9a-f]{64}$/);
  });

  test('flaky from both syzkaller flags and from mixed steps; footer facts kept', () => {
    expect(r.flaky).toBe(true);
    expect(r.flakyReasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/reproducer seems to be flaky/),
        expect.stringMatching(/Reproducer flagged being flaky/),
        expect.stringMatching(/^mixed runs at /),
      ]),
    );
    expect(r.revisionsTested).toBe(15);
    expect(r.timing).toEqual({ totalSeconds: 11525.417, buildSeconds: 5512.094, testSeconds: 5801.86 });
    expect(r.details!.syzkaller!.recipients).toEqual([
      'mira.kovalenko@example.org',
      'ringbuf@lists.example.org',
      'tw@example.net',
      'linux-kernel@vger.kernel.org',
    ]);
  });
});

describe('syzkaller parser: fix bisection example (2023 era)', () => {
  const r = readLog(join(EXAMPLES, 'syzkaller-fix.txt'));
  const text = readFileSync(join(EXAMPLES, 'syzkaller-fix.txt'), 'utf8');

  test('found fix commit from "first good commit"', () => {
    const sha = /^first good commit: ([0-9a-f]{40}) /m.exec(text)![1];
    expect(r).toMatchObject({ format: 'syzkaller', direction: 'fix', status: 'found' });
    expect(r.culprit).toMatchObject({ sha, subject: 'ringbuf: do not warn on a commit racing with reset' });
    expect(r.culprit!.author).toEqual({ name: 'Ines Duarte', email: 'ines.duarte@example.com' });
    expect(r.culprit!.files).toEqual([{ path: 'kernel/ringbuf/commit.c' }]);
    expect(r.crash?.title).toBe('WARNING in ringbuf_commit');
    expect(r.culpritCrash ?? null).toBeNull();
  });

  test('verdicts are in the crash sense (git was told the inverse) and post-2023 run kinds are kept', () => {
    expect(r.steps[0]).toMatchObject({ original: true, verdict: 'bad' });
    expect(r.details!.syzkaller!.steps![0].compiler).toMatch(/^gcc \(Debian/);
    expect(r.steps[0].runs).toEqual({ total: 20, failed: 16, passed: 4, other: 0 });
    const head = /^testing current HEAD ([0-9a-f]{40})$/m.exec(text)![1];
    expect(r.steps.find((s) => s.commit === head)?.verdict).toBe('good');
    const inverse: Record<string, string> = { good: 'bad', bad: 'good', skip: 'skip' };
    for (const m of text.matchAll(/^# git bisect (good|bad|skip) ([0-9a-f]{40})$/gm)) {
      expect(r.steps.find((s) => s.commit === m[2])?.verdict).toBe(inverse[m[1]]);
    }
    const mixed = r.steps.find((s) => s.outcomes?.some((o) => o.kind === 'infra'))!;
    expect(mixed.runs).toEqual({ total: 10, failed: 7, passed: 1, other: 2 });
    expect(mixed.outcomes!.map((o) => o.kind)).toContain('ignore');
    const buildFailed = r.steps.find((s) => s.outcomes?.[0]?.kind === 'build-failed')!;
    expect(buildFailed.verdict).toBe('skip');
    expect(buildFailed.outcomes![0].title).toMatch(/implicit declaration of function/);
    // "the bug was not introduced yet; pretend that kernel crashed": a git verdict without runs.
    const pretend = r.steps.find((s) => s.runs.total === 0)!;
    expect(pretend.verdict).toBe('bad');
    expect(r.window).toEqual({ good: [head], bad: r.steps[0].commit });
  });

  test('flaky from the 2023 estimate line', () => {
    expect(r.flaky).toBe(true);
    expect(r.flakyReasons).toContain('syzkaller: reproducer is flaky (0.62 repro chance estimate)');
  });
});

describe('syzkaller parser: fixtures for every era and outcome', () => {
  test('2019: tags in "git bisect start", small VM pool, raw diff-tree files, cc footer', () => {
    const r = readLog(fixture('cause-2019-tags-raw.txt'));
    expect(r.status).toBe('found');
    expect(r.culprit?.files).toEqual([{ path: 'include' }, { path: 'net' }]);
    expect(r.details?.syzkaller?.culprit?.signature ?? null).toBeNull();
    const v52 = r.steps.find((s) => s.release === 'v5.2')!;
    const v51 = r.steps.find((s) => s.release === 'v5.1')!;
    expect(r.window).toEqual({ good: [v51.commit], bad: v52.commit });
    expect(v52).toMatchObject({ verdict: 'bad', runs: { total: 8, failed: 1, passed: 7, other: 0 } });
    // No count in "all runs" lines: assumed as many VMs as the explicit listings show (8).
    expect(r.steps[0].runs).toEqual({ total: 8, failed: 8, passed: 0, other: 0, estimated: true });
    const skipped = r.steps.find((s) => s.verdict === 'skip')!;
    expect(skipped.outcomes).toEqual([{ kind: 'build-failed', title: expect.stringMatching(/bar_reset/) }]);
    expect(r.details!.syzkaller!.recipients).toEqual([
      'davem@example.org',
      'jf@example.net',
      'netdev@vger.kernel.org',
    ]);
    expect(r.crash?.report).toMatch(/^=+\nBUG: KASAN/);
  });

  test('2021: "testing commit H" + compiler line, multi-line run verdicts, inconclusive', () => {
    const r = readLog(fixture('cause-2021-inconclusive.txt'));
    expect(r.status).toBe('ambiguous');
    expect(r.candidates).toHaveLength(3);
    expect(r.candidates[0].subject).toBe('ringbuf: flush under the queue lock');
    expect(r.candidates[2].subject).toBe('');
    expect(r.details!.syzkaller!.steps![0].compiler).toMatch(/^gcc \(GCC\) 10\.2\.1/);
    expect(r.steps[0].runs).toEqual({ total: 20, failed: 8, passed: 12, other: 0 });
    const scp = r.steps[2];
    expect(scp.runs).toEqual({ total: 20, failed: 0, passed: 0, other: 20 });
    expect(scp.outcomes!.every((o) => o.kind === 'test-failed')).toBe(true);
    expect(r.steps.map((s) => s.verdict)).toEqual(['bad', 'good', 'skip', 'skip']);
    expect(r.flaky).toBe(true);
  });

  test('2022: host line, "ensuring", "testing commit H gcc" with clang, oldest release not testable', () => {
    const r = readLog(fixture('cause-2022-oldest.txt'));
    expect(r.status).toBe('no-culprit');
    expect(r.reason).toMatch(
      /oldest tested release \(Linux 5\.19\); older releases down to v5\.17 could not be tested/,
    );
    expect(r.details!.syzkaller!.steps![0].compiler).toBe(
      'Debian clang version 15.0.7, GNU ld (GNU Binutils for Debian) 2.35.2',
    );
    expect(r.steps.map((s) => [s.release, s.verdict])).toEqual([
      [null, 'bad'],
      ['v6.0', 'bad'],
      ['v5.19', 'bad'],
      ['v5.18', 'skip'],
      ['v5.17', 'skip'],
    ]);
    expect(r.steps[4].runs.other).toBe(10);
    expect(r.crash).toEqual({
      title: 'INFO: task hung in ringbuf_release',
      report:
        'INFO: task syz-executor.0:5123 blocked for more than 143 seconds.\n      Not tainted 5.19.0-syzkaller #0',
    });
  });

  test('2023: representative crash, infra problem and ignore runs, failed building, new wording', () => {
    const r = readLog(fixture('cause-2023-oldest-new-wording.txt'));
    expect(r.status).toBe('no-culprit');
    expect(r.steps[0].runs).toEqual({ total: 20, failed: 15, passed: 3, other: 2 });
    expect(r.steps[0].outcomes!.filter((o) => o.kind === 'ignore')).toEqual([
      { kind: 'ignore', title: 'SYZFAIL: executor hung on close' },
    ]);
    expect(r.steps[0].outcomes!.filter((o) => o.kind === 'infra')).toHaveLength(1);
    expect(r.steps[1]).toMatchObject({ release: 'v6.5', verdict: 'skip' });
    expect(r.steps[1].outcomes![0].kind).toBe('build-failed');
    expect(r.steps[2]).toMatchObject({ release: 'v6.4', verdict: 'bad' });
  });

  test('fix bisection whose crash still happens on HEAD', () => {
    const r = readLog(fixture('fix-2023-head-still-crashes.txt'));
    expect(r).toMatchObject({ direction: 'fix', status: 'no-culprit', culprit: null });
    expect(r.steps.map((s) => s.verdict)).toEqual(['bad', 'bad']);
    expect(r.reason).toMatch(/still happens on HEAD/);
    expect(r.crash?.title).toBe('KMSAN: uninit-value in ringbuf_parse');
  });

  test('errors: not reproduced, timeout with a whole-test infra failure', () => {
    const nr = readLog(fixture('error-not-reproduced.txt'));
    expect(nr).toMatchObject({ status: 'not-reproduced', crash: null });
    expect(nr.reason).toBe("the crash wasn't reproduced on the original commit");
    const to = readLog(fixture('error-timeout.txt'));
    expect(to.status).toBe('failed');
    expect(to.reason).toMatch(/taking too long/);
    expect(to.steps[1].outcomes).toEqual([
      { kind: 'error', title: expect.stringMatching(/^failed to create VM pool/) },
    ]);
    expect(to.steps[1].verdict).toBe('skip');
  });
});

describe('syzkaller parser: cut-off and hostile input', () => {
  const text = readFileSync(join(EXAMPLES, 'syzkaller-cause.txt'), 'utf8');
  const lines = text.split('\n');
  const footerAt = lines.findIndex((l) => l.startsWith('revisions tested: '));

  test('every cut before the footer is incomplete with a reason, never a throw', () => {
    for (let n = 0; n < footerAt; n++) {
      const r = parseText(lines.slice(0, n).join('\n'));
      expect(r.status).toBe('incomplete');
      expect(r.reason).toBeTruthy();
    }
  });

  test('cut after git named the culprit: incomplete but the culprit is kept', () => {
    const at = lines.findIndex((l) => l.endsWith(' is the first bad commit'));
    const r = parseText(lines.slice(0, at + 3).join('\n'));
    expect(r.status).toBe('incomplete');
    expect(r.culprit?.sha).toBe(lines[at].slice(0, 40));
    expect(r.reason).toMatch(/cut off after git named/);
  });

  test('a stray NUL byte in an early crash report does not make the log "binary"', () => {
    const small = readFileSync(fixture('cause-2022-oldest.txt'), 'utf8').replace(
      'blocked for more than',
      'blocked \u0000\u0000 for more than',
    );
    const r = readLog(writeScratch('nul.txt', small));
    expect(r).toMatchObject({ format: 'syzkaller', status: 'no-culprit' });
    expect(r.crash?.report).toContain('\u0000');
  });

  test('random text is not syzkaller and parses to incomplete', () => {
    const r = parseText('hello\nworld\n# comment\nrun #1 something\n');
    expect(r.status).toBe('incomplete');
    expect(r.reason).toBe('no syzkaller bisection lines found');
  });

  test('garbage lines of every shape never throw', () => {
    let seed = 7;
    const rand = (n: number): number => (((seed = (seed * 1103515245 + 12345) % 2147483648) % n) + n) % n;
    const pieces = [
      ...lines,
      '',
      'crash: x',
      'error: y',
      'run #',
      'all runs: ',
      '\u0000\uFFFD',
      'x'.repeat(5000),
    ];
    for (let round = 0; round < 200; round++) {
      const sink = syzkallerParser.create('fuzz');
      for (let i = 0; i < 60; i++) {
        const p = pieces[rand(pieces.length)];
        sink.line(rand(4) === 0 ? p.slice(0, rand(p.length + 1)) : p);
      }
      const r = sink.end();
      expect(typeof r.status).toBe('string');
    }
  });

  test('crash report is a capped prefix; memory does not grow with the report', () => {
    const big = [
      ...lines,
      ...Array.from({ length: 20000 }, (_, i) => `[ ${i}.000000] Call Trace: ✓ frame ${i}`),
    ];
    const r = parseText(big.join('\n'));
    const report = r.culpritCrash!.report!;
    expect(Buffer.byteLength(report, 'utf8')).toBeLessThanOrEqual(MAX_REPORT_BYTES);
    expect(Buffer.byteLength(report, 'utf8')).toBeGreaterThan(MAX_REPORT_BYTES - 200);
    expect(report.startsWith('2021/02/27 11:04:52')).toBe(true);
  });

  test('outcomes are capped per step, tallies are not', () => {
    const head = lines.slice(0, 4).join('\n');
    const runs = Array.from({ length: 200 }, (_, i) => `run #${i}: ${i % 2 ? 'OK' : 'crashed: X'}`).join(
      '\n',
    );
    const r = parseText(`${head}\n${runs}\n`);
    expect(r.steps[0].outcomes!.length).toBe(64);
    expect(r.steps[0].runs).toEqual({ total: 200, failed: 100, passed: 100, other: 0 });
  });
});

describe('syzkaller parser: the bisected failure', () => {
  const H = (n: number) => n.toString(16).padStart(40, 'a');
  const log = (originalRuns: string[]) =>
    [
      `bisecting cause commit starting from ${H(1)}`,
      `building syzkaller on ${H(9)}`,
      `testing commit ${H(1)} with gcc (GCC) 8.1.0`,
      ...originalRuns,
      'testing release v5.7',
      `testing commit ${H(2)} with gcc (GCC) 8.1.0`,
      'all runs: OK',
      `# git bisect start ${H(1)} ${H(2)}`,
      `testing commit ${H(3)} with gcc (GCC) 8.1.0`,
      'all runs: crashed: KASAN: use-after-free Read in delete_partition',
      `# git bisect bad ${H(3)}`,
    ].join('\n');

  test('is the commonest crash of the original commit', () => {
    const r = parseText(
      log(['run #0: crashed: WARNING in foo', 'run #1: crashed: WARNING in foo', 'run #2: OK']),
    );
    expect(r.crash?.title).toBe('WARNING in foo');
  });

  test('skips harness failures: a machine that stopped answering says nothing about the bug', () => {
    const r = parseText(log(['all runs: crashed: no output from test machine']));
    expect(r.crash?.title).toBe('KASAN: use-after-free Read in delete_partition');
    const mixed = parseText(
      log([
        'run #0: crashed: SYZFAIL: wrong response packet',
        'run #1: crashed: SYZFAIL: wrong response packet',
        'run #2: crashed: WARNING in foo',
      ]),
    );
    expect(mixed.crash?.title).toBe('WARNING in foo');
  });
});

describe('syzkaller detection', () => {
  const decisive = [
    'bisecting cause commit starting from 7f206cf3ec2bee4621325cfacb2588e5085c07f5',
    'bisecting fixing commit since 7f206cf3ec2bee4621325cfacb2588e5085c07f5',
    'ci2 starts bisection 2022-11-04 06:26:02.691434573 +0000 UTC m=+34504.047862472',
    'building syzkaller on 76f7fc952d5c6a94c61aa2628568ffddb533272a',
    'testing commit 7f206cf3ec2bee4621325cfacb2588e5085c07f5 with gcc (GCC) 10.2.1 20210217',
    'testing commit 7f206cf3ec2bee4621325cfacb2588e5085c07f5 clang',
    'testing commit 7f206cf3ec2bee4621325cfacb2588e5085c07f5',
    '# git bisect start 7f206cf3ec2bee4621325cfacb2588e5085c07f5 f40ddce88593482919761f74910f42f4b84c004b',
    '# git bisect start v5.2 v5.1',
    'run #0: crashed: SYZFAIL: wrong response packet',
    'all runs: OK',
    'revisions tested: 15, total time: 3h39m47.627194865s (build: 1h42m34.080969219s, test: 1h55m45.463534163s)',
    'first bad commit: 7c25c0d16ef3c37e49c593ac92f69fa3884d4bb9 io_uring: remove the need',
  ];
  const notDecisive = [
    'Bisecting: 6695 revisions left to test after this (roughly 13 steps)',
    '[10e2ec8edece2566b40f69bae035a555ece71ab4] Merge tag sound',
    '7c25c0d16ef3c37e49c593ac92f69fa3884d4bb9 is the first bad commit',
    '# bad: [7c25c0d16ef3c37e49c593ac92f69fa3884d4bb9] io_uring: remove',
    '# first bad commit: [7c25c0d16ef3c37e49c593ac92f69fa3884d4bb9] io_uring: remove',
    'git bisect start 7f206cf3ec2bee4621325cfacb2588e5085c07f5 f40ddce88593482919761f74910f42f4b84c004b',
    '# git bisect start HEAD v1.0',
    '$ git bisect run ./test.sh',
    'running ./test.sh',
    'testing commit abc',
    'all runs are fine',
    'run #1 something',
    'bisect found first bad commit',
    '',
  ];
  test.each(decisive)('decisive: %s', (line) => expect(syzkallerParser.detectLine(line)).toBe(true));
  test.each(notDecisive)('not decisive: %s', (line) => expect(syzkallerParser.detectLine(line)).toBe(false));
  test('aliases select the parser', () => {
    expect(syzkallerFormat.aliases).toEqual(expect.arrayContaining(['syz']));
    expect(formatByName('syz')).toBe(syzkallerFormat);
  });
});

describe('syzkaller logs wrapped in Actions logs, CRLF and mail quoting parse identically', () => {
  const sources = [
    join(EXAMPLES, 'syzkaller-cause.txt'),
    join(EXAMPLES, 'syzkaller-fix.txt'),
    ...readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.txt'))
      .map(fixture),
  ];
  const wrappers: Record<string, (lines: string[]) => string> = {
    actions: (lines) => {
      const stamp = (i: number): string =>
        `2021-02-26T01:${String(40 + (Math.floor(i / 60) % 20)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(1234567 + i).slice(0, 7)}Z `;
      const out = [
        `${stamp(0)}##[group]Run ./bisect.sh`,
        `${stamp(0)}\x1b[36;1m./bisect.sh\x1b[0m`,
        `${stamp(0)}##[endgroup]`,
      ];
      lines.forEach((l, i) => out.push(stamp(i + 1) + (i % 3 === 0 && l ? `\x1b[32m${l}\x1b[0m` : l)));
      return out.join('\n');
    },
    crlf: (lines) => lines.join('\r\n'),
    mail: (lines) =>
      ['On Fri, 26 Feb 2021 at 02:11, syzbot wrote:', ...lines.map((l) => (l ? `> ${l}` : '>'))].join('\n'),
    'actions+crlf': (lines) => wrappers.actions(lines).split('\n').join('\r\n'),
  };
  for (const src of sources) {
    const plainText = readFileSync(src, 'utf8');
    const lines = plainText.replace(/\n$/, '').split('\n');
    const plain = readLog(src);
    for (const [name, wrap] of Object.entries(wrappers)) {
      test(`${name}: ${src.slice(ROOT.length + 1)}`, () => {
        const wrapped = readLog(writeScratch(`${name}-${src.split('/').pop()}`, wrap(lines) + '\n'));
        expect(wrapped.format).toBe('syzkaller');
        expect(withoutSource(wrapped)).toEqual(withoutSource(plain));
      });
    }
  }
});

describe('syzkaller value parsers', () => {
  test('Go durations', () => {
    expect(parseGoDuration('3h39m47.627194865s')).toBe(13187.627);
    expect(parseGoDuration('0s')).toBe(0);
    expect(parseGoDuration('6.304198ms')).toBe(0.006);
    expect(parseGoDuration('1m30s')).toBe(90);
    expect(parseGoDuration('soon')).toBeNull();
  });
  test('Go %q string lists', () => {
    expect(parseGoStringList('"a@b" "c\\"d@e"')).toEqual(['a@b', 'c"d@e']);
    expect(parseGoStringList('')).toEqual([]);
  });
});
