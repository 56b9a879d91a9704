/**
 * Other tools' bisection logs (docs/formats.md): every fixture under test/fixtures/formats/<format>/
 * parses to what a careful reader sees, is detected as exactly its format, survives being cut
 * short or garbled, and no existing log (fixtures, examples, ../shared/corpus) is detected as one.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { analyse } from '../src/analyse/index.js';
import type { Report } from '../src/model.js';
import { FORMATS } from '../src/formats/registry.js';
import { detectFormat, readLog } from '../src/read/readLog.js';
import { looksQuotedPrintable, QuotedPrintableJoiner } from '../src/read/unwrap.js';
import { AuthorResolver } from '../src/github/authors.js';
import type { GitHubApi } from '../src/github/client.js';
import type { RenderContext } from '../src/render/context.js';
import { renderReportSection } from '../src/render/summary.js';
import { CORPUS, ROOT, describeWithCorpus } from './helpers/paths.js';
import { runCli } from './helpers/run.js';
import { schemaErrors } from './helpers/schema.js';

const FIXTURES = join(ROOT, 'test', 'fixtures');
/** The formats of other tools (docs/formats.md), each with its fixture folder test/fixtures/<format>/. */
const NEW_FORMATS = [
  'cargo-bisect-rustc',
  'mozregression',
  'chromium-bisect-builds',
  'hg-bisect',
  'jj-bisect',
  'lkp',
  'kernelci',
  'git-bayesect',
];

function fixture(format: string, name: string): Report {
  return analyse(readLog(join(FIXTURES, format, name)));
}

function fixtureFiles(): { format: string; file: string }[] {
  return NEW_FORMATS.flatMap((format) =>
    readdirSync(join(FIXTURES, format))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => ({ format, file: join(FIXTURES, format, f) })),
  );
}

const summary = (r: Report) =>
  r.steps.map((s) => `${s.commit}:${s.verdict}:${s.runs.failed}/${s.runs.total}`);

describe('every new format is registered', () => {
  test.each(NEW_FORMATS)('%s has a parser', (format) => {
    expect(FORMATS.some((f) => f.name === format)).toBe(true);
  });
});

describe('cargo-bisect-rustc', () => {
  test('two-phase report: the regressed commit lives in rust-lang/rust; steps are the CI builds', () => {
    const r = fixture('cargo-bisect-rustc', 'two-phase.txt');
    expect(r).toMatchObject({ format: 'cargo-bisect-rustc', status: 'found' });
    expect(r.culprit).toMatchObject({
      sha: '7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f',
      merge: true,
      repository: { url: 'https://github.com/rust-lang/rust', slug: 'rust-lang/rust' },
    });
    expect(r.range).toMatchObject({
      firstGood: '3f1d2b7a9c0e4d5f6a7b8c9d0e1f2a3b4c5d6e7f',
      firstBad: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b',
    });
    expect(summary(r)).toEqual([
      '3f1d2b7a9c0e4d5f6a7b8c9d0e1f2a3b4c5d6e7f:good:0/1',
      '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b:bad:1/1',
      '5c4d3e2f1a0b9a8b7c6d5e4f3a2b1c0d9e8f7a6b:good:0/1',
      '7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f:bad:1/1',
    ]);
    expect(r.revisionsTested).toBe(10);
    expect(r.hints?.join(' ')).toContain('nightly-2025-03-13');
    expect(r.trust).not.toBeNull();
  });

  test('only a nightly: a range between the last good and the regressed nightly', () => {
    const r = fixture('cargo-bisect-rustc', 'nightly-only.txt');
    expect(r.status).toBe('range');
    expect(r.culprit).toBeNull();
    expect(r.range).toMatchObject({ firstGood: 'nightly-2024-11-05', firstBad: 'nightly-2024-11-06' });
    expect(summary(r)).toEqual([
      'nightly-2024-11-02:good:0/1',
      'nightly-2024-11-09:bad:1/1',
      'nightly-2024-11-05:good:0/1',
      'nightly-2024-11-07:bad:1/1',
      'nightly-2024-11-06:bad:1/1',
    ]);
  });

  test('regression not found → failed; cut short → incomplete', () => {
    expect(fixture('cargo-bisect-rustc', 'not-found.txt')).toMatchObject({ status: 'failed' });
    expect(fixture('cargo-bisect-rustc', 'cut-short.txt')).toMatchObject({
      status: 'incomplete',
      culprit: null,
    });
  });
});

describe('mozregression', () => {
  test('nightlies then integration builds: a push range in autoland, counted test-command runs', () => {
    const r = fixture('mozregression', 'two-phase.txt');
    expect(r).toMatchObject({ format: 'mozregression', status: 'range', culprit: null });
    expect(r.range).toMatchObject({
      firstGood: '5d6e7f8a9b0c',
      firstBad: '6e7f8a9b0c1d',
      repository: { url: 'https://hg.mozilla.org/integration/autoland' },
    });
    expect(summary(r)).toEqual([
      '2025-04-01:good:0/1', // the ends are tested first
      '2025-04-21:bad:1/1',
      '2025-04-11:bad:1/1',
      '2025-04-06:good:0/1',
      '2025-04-08:good:0/1',
      '2025-04-09:bad:1/1',
      '4c5d6e7f8a9b:good:0/1',
      '6e7f8a9b0c1d:bad:1/1',
      '5d6e7f8a9b0c:good:0/1',
    ]);
    expect(r.steps[2].runs.estimated).toBeUndefined();
    expect(r.hints?.[0]).toContain('fromchange=5d6e7f8a9b0c');
  });

  test('interactive session left with "exit": the narrowest range reached, skips kept', () => {
    const r = fixture('mozregression', 'interactive-exit.txt');
    expect(r.status).toBe('range');
    expect(r.range).toMatchObject({ firstGood: '2025-02-11', firstBad: '2025-02-21' });
    expect(r.steps.map((s) => s.verdict)).toEqual(['good', 'bad', 'good', 'skip']);
  });

  test('--find-fix: direction fix, range between the last bad and the first good push', () => {
    const r = fixture('mozregression', 'find-fix.txt');
    expect(r).toMatchObject({ direction: 'fix', status: 'range' });
    expect(r.range).toMatchObject({ firstGood: '0f1e2d3c4b5a', firstBad: '9e8d7c6b5a41' });
  });

  test('cut short → incomplete', () => {
    expect(fixture('mozregression', 'cut-short.txt').status).toBe('incomplete');
  });
});

describe('Chromium bisect-builds.py', () => {
  test('interactive with -t 3: a range of commit positions; each verdict stands for three runs', () => {
    const r = fixture('chromium-bisect-builds', 'interactive.txt');
    expect(r).toMatchObject({ format: 'chromium-bisect-builds', status: 'range', culprit: null });
    expect(r.range).toMatchObject({ firstGood: '1380267', firstBad: '1380270', commits: 3 });
    expect(r.range?.repository?.url).toBe('https://chromium.googlesource.com/chromium/src');
    expect(summary(r)).toEqual([
      '1380201:good:0/3',
      '1380302:bad:1/3',
      '1380250:good:0/4', // a retry, then good three times
      '1380276:bad:1/3',
      '1380263:skip:0/1',
      '1380264:good:0/3',
      '1380270:bad:1/3',
      '1380267:good:0/3',
    ]);
    expect(r.steps[0].runs.estimated).toBeUndefined();
    expect(r.hints?.[0]).toContain('chromium.googlesource.com/chromium/src/+log/');
  });

  test('older wording with --command verdicts and "Change log:"', () => {
    const r = fixture('chromium-bisect-builds', 'old-command.txt');
    expect(r.status).toBe('range');
    expect(r.range).toMatchObject({ firstGood: '812050', firstBad: '812062', commits: 12 });
    expect(summary(r)).toEqual(['812050:good:0/1', '812075:bad:1/1', '812062:bad:1/1']);
  });

  test('cut short → incomplete, with the last known range', () => {
    const r = fixture('chromium-bisect-builds', 'cut-short.txt');
    expect(r.status).toBe('incomplete');
    expect(r.range).toMatchObject({ firstGood: '1380201', firstBad: '1380400' });
  });
});

describe('hg bisect (recorded with Mercurial 6.3)', () => {
  test.each(['command.txt', 'manual.txt'])('%s: the changeset, its author and every verdict', (name) => {
    const r = fixture('hg-bisect', name);
    expect(r).toMatchObject({ format: 'hg-bisect', status: 'found' });
    expect(r.culprit).toMatchObject({
      sha: '74643962d098',
      subject: 'change number 15',
      author: { name: 'Grace Hopper', email: 'grace@example.org' },
      date: 'Wed Jan 15 12:00:00 2025 +0000',
    });
    expect(summary(r)).toEqual([
      '43f6a254fc5d:good:0/1',
      '8bafde71bf1c:bad:1/1',
      '74643962d098:bad:1/1',
      'e34cb8fcb572:good:0/1',
      'dc954286ae0f:good:0/1',
    ]);
    expect(r.trust).not.toBeNull(); // the label is the trust model's call, not the parser's
  });

  test('skipped changesets: candidates with their subjects', () => {
    const r = fixture('hg-bisect', 'skipped.txt');
    expect(r.status).toBe('ambiguous');
    expect(r.candidates.map((c) => `${c.sha} ${c.subject}`)).toEqual([
      'dc954286ae0f change number 14',
      '74643962d098 change number 15',
      'd80c27d584bc change number 16',
      '3380bdf7cebf change number 17',
    ]);
    expect(r.steps.filter((s) => s.verdict === 'skip')).toHaveLength(3);
  });
});

describe('jj bisect run', () => {
  test('newer jj (with git-like "Bisecting:" lines) is jj, not git', () => {
    const r = fixture('jj-bisect', 'run.txt');
    expect(r).toMatchObject({ format: 'jj-bisect', status: 'found' });
    expect(r.culprit).toMatchObject({ sha: 'e4d3a210', subject: 'cache: drop the lock around lookups' });
    expect(summary(r)).toEqual([
      '3c9e1a7b:good:0/1',
      '8f02d4c1:bad:1/1',
      '51be07aa:good:0/1',
      'e4d3a210:bad:1/1',
    ]);
    expect(r.steps[1]).toMatchObject({
      subject: 'cache: share the intern table',
      revisionsLeft: 5,
      stepsLeft: 3,
    });
  });

  test('several first bad revisions → candidates; a skipped step stays a skip', () => {
    const r = fixture('jj-bisect', 'older-no-progress.txt');
    expect(r.status).toBe('ambiguous');
    expect(r.candidates.map((c) => c.sha)).toEqual(['5cc0b3e9', '77ad1e02']);
    expect(r.steps.map((s) => s.verdict)).toEqual(['good', 'skip', 'bad']);
  });

  test('aborted → failed; cut short → incomplete', () => {
    expect(fixture('jj-bisect', 'aborted.txt').status).toBe('failed');
    expect(fixture('jj-bisect', 'cut-short.txt').status).toBe('incomplete');
  });
});

describe('kernel test robot (LKP)', () => {
  test('boot failure: run counts at the parent and the commit feed the trust model', () => {
    const r = fixture('lkp', 'boot-failure.txt');
    expect(r).toMatchObject({ format: 'lkp', status: 'found', flaky: true });
    expect(r.crash?.title).toBe('BUG:kernel_NULL_pointer_dereference,address');
    expect(r.culprit).toMatchObject({
      sha: '4b7d2c9e1f0a3b5c6d8e7f9a0b1c2d3e4f5a6b7c',
      subject: 'widget: cache the frobnicator per device',
    });
    expect(r.steps.map((s) => [s.commit, s.verdict, s.runs])).toEqual([
      ['1a2b3c4d5e', 'good', { total: 18, failed: 0, passed: 18, other: 0 }],
      ['4b7d2c9e1f0a3b5c6d8e7f9a0b1c2d3e4f5a6b7c', 'bad', { total: 18, failed: 15, passed: 2, other: 1 }],
    ]);
    expect(r.analysis?.ledger?.every((e) => e.agrees !== false)).toBe(true);
  });

  test('older "FYI" mail without boot rows: a .fail row pairs with its .pass row', () => {
    const r = fixture('lkp', 'fyi-old.txt');
    expect(r.status).toBe('found');
    expect(r.steps.map((s) => [s.verdict, s.runs.failed, s.runs.total])).toEqual([
      ['good', 0, 6],
      ['bad', 4, 6],
    ]);
  });

  test('cut before the commit line → incomplete', () => {
    expect(fixture('lkp', 'cut-short.txt')).toMatchObject({ status: 'incomplete', culprit: null });
  });
});

describe('KernelCI bisection mail', () => {
  const plain = fixture('kernelci', 'plain.txt');

  test('plain: the git bisection log, the culprit with its author and files, verify adds a run', () => {
    expect(plain).toMatchObject({ format: 'kernelci', status: 'found' });
    expect(plain.culprit).toMatchObject({
      sha: '5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7',
      subject: 'arm64: widgets: map the doorbell page lazily',
      author: { name: 'Dana Developer', email: 'dana@example.org' },
      files: [{ path: 'drivers/widgets/doorbell.c' }],
    });
    expect(plain.crash?.title).toBe('baseline.login on qemu_arm64-virt-gicv3');
    expect(plain.steps.find((s) => s.commit === plain.culprit?.sha)?.runs).toEqual({
      total: 2,
      failed: 2,
      passed: 0,
      other: 0,
    });
    expect(plain.hints?.join(' ')).toMatch(/verify: PASS.*revert: PASS/);
  });

  test.each(['quoted-printable.txt', 'quoted-reply.txt'])(
    '%s (quoted-printable, "> "-quoted) parses like the plain mail',
    (name) => {
      const r = fixture('kernelci', name);
      expect(r.status).toBe(plain.status);
      expect(r.culprit).toEqual(plain.culprit);
      expect(summary(r)).toEqual(summary(plain));
    },
  );

  test('cut short → incomplete', () => {
    expect(fixture('kernelci', 'cut-short.txt').status).toBe('incomplete');
  });
});

describe('git bayesect (recorded with the peer tool in a scratch repository)', () => {
  test('converged: the culprit with its author, every logged observation as counted runs', () => {
    const r = fixture('git-bayesect', 'run-converged.txt');
    expect(r).toMatchObject({ format: 'git-bayesect', status: 'found', flaky: true });
    expect(r.culprit).toMatchObject({
      sha: 'c44d51d1615847e04a81ae1a74954e2d495beef0',
      subject: 'change 13',
      author: { name: 'Grace Hopper', email: 'grace@example.org' },
    });
    expect(r.reason).toContain('97.4% posterior after 30 observations');
    const total = r.steps.reduce((n, s) => n + s.runs.total, 0);
    expect(total).toBe(30);
    expect(r.steps.find((s) => s.commit === 'c44d51d161')?.runs).toMatchObject({ failed: 4, passed: 2 });
    expect(r.window).toEqual({ good: ['0a4e897137'], bad: 'f2259b5b0f' });
  });

  test('not converged: the 90% range, the most likely commit as a candidate', () => {
    const r = fixture('git-bayesect', 'manual-narrowed.txt');
    expect(r.status).toBe('range');
    expect(r.range).toEqual({ firstGood: 'cf7f30e140^', firstBad: '7d840cb095', commits: 18 });
    expect(r.candidates).toEqual([{ sha: '020f653c33', subject: '' }]);
    expect(r.steps.reduce((n, s) => n + s.runs.total, 0)).toBe(6);
  });
});

describe('detection', () => {
  test.each(fixtureFiles().map((f) => [relative(FIXTURES, f.file), f.format, f.file]))(
    '%s is detected as %s',
    (_name, format, file) => {
      expect(detectFormat(file)).toBe(format);
    },
  );

  test('no example or fixture of the other formats is detected as a new format', () => {
    const dirs = [
      join(ROOT, 'examples'),
      ...FORMATS.filter((f) => !NEW_FORMATS.includes(f.name)).map((f) => join(FIXTURES, f.name)),
    ];
    const files = dirs
      .flatMap((d) => readdirSync(d).map((f) => join(d, f)))
      .filter((f) => statSync(f).isFile() && /\.(txt|log)$/.test(f));
    expect(files.length).toBeGreaterThan(3);
    const wrong = files.filter((f) => NEW_FORMATS.includes(detectFormat(f) ?? ''));
    expect(wrong).toEqual([]);
  });
});

describeWithCorpus('no corpus log is detected as a new format', () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? walk(join(dir, d.name)) : d.isFile() ? [join(dir, d.name)] : [],
    );
  test('../shared/corpus/**', () => {
    const files = walk(CORPUS).filter((f) => /\.(txt|log)$/.test(f));
    expect(files.length).toBeGreaterThan(1000);
    const wrong = files
      .filter((f) => NEW_FORMATS.includes(detectFormat(f) ?? ''))
      .map((f) => relative(CORPUS, f));
    expect(wrong).toEqual([]);
  });
});

describe('cut short or garbled, every fixture still gives a report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'br-formats-'));
  test.each(fixtureFiles().map((f) => [relative(FIXTURES, f.file), f.file]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    let n = 0;
    for (const cut of [0.1, 0.33, 0.5, 0.77, 0.95]) {
      const variants = [
        text.slice(0, Math.floor(text.length * cut)),
        // A line torn in the middle and bytes of noise where the rest was.
        text.slice(0, Math.floor(text.length * cut)) +
          '\u0000\uFFFD=\n> =3\n|||\n' +
          text.slice(Math.floor(text.length * cut) + 7, Math.floor(text.length * cut) + 40),
      ];
      for (const v of variants) {
        const path = join(dir, `${n++}-${cut}.txt`);
        writeFileSync(path, v);
        const r = analyse(readLog(path));
        expect(schemaErrors({ reports: [r] })).toBeNull();
        expect(typeof r.status).toBe('string');
      }
    }
  });
});

describe('CLI --json on every fixture', () => {
  test('prints schema-valid reports, each in its own format', async () => {
    const files = fixtureFiles();
    const r = await runCli(['--json', ...files.map((f) => f.file)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { reports: Report[] };
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.reports.map((x) => x.format)).toEqual(files.map((f) => f.format));
  });

  test('--format forces a new format by name or alias; an unknown name is a one-line error', async () => {
    const file = join(FIXTURES, 'hg-bisect', 'command.txt');
    const byName = await runCli(['--json', '--format', 'hg-bisect', file]);
    expect(JSON.parse(byName.stdout).reports[0].format).toBe('hg-bisect');
    const byAlias = await runCli(['--json', '--format', 'mercurial', file]);
    expect(JSON.parse(byAlias.stdout).reports[0].format).toBe('hg-bisect');
    const bad = await runCli(['--format', 'svn-bisect', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('cargo-bisect-rustc');
  });
});

describe('commits of another repository', () => {
  const ctx: RenderContext = { serverUrl: 'https://github.com', repository: 'octo/widgets' };

  test('a rust-lang/rust culprit links to rust-lang/rust, never to this repository', () => {
    const md = renderReportSection(fixture('cargo-bisect-rustc', 'two-phase.txt'), ctx);
    expect(md).toContain('https://github.com/rust-lang/rust/commit/7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f');
    expect(md).not.toContain('octo/widgets/commit');
  });

  test('in rust-lang/rust itself the links are the usual ones', () => {
    const md = renderReportSection(fixture('cargo-bisect-rustc', 'two-phase.txt'), {
      ...ctx,
      repository: 'rust-lang/rust',
    });
    expect(md).toContain('https://github.com/rust-lang/rust/commit/7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f');
  });

  test('a Firefox push range is a result: "narrowed to a range", links to hg.mozilla.org', () => {
    const md = renderReportSection(fixture('mozregression', 'two-phase.txt'), ctx);
    expect(md).toContain('**Narrowed to a range**');
    expect(md).toContain('https://hg.mozilla.org/integration/autoland/rev/5d6e7f8a9b0c');
    expect(md).not.toContain('octo/widgets/commit');
  });

  test('Chromium commit positions are shown, not linked to this repository', () => {
    const md = renderReportSection(fixture('chromium-bisect-builds', 'interactive.txt'), ctx);
    expect(md).toMatch(/after `1380267`, no later than `1380270` \(3 commits\)/);
    expect(md).not.toContain('octo/widgets/commit');
  });

  test('the GitHub layer neither asks about nor maps an author for a foreign culprit', async () => {
    const asked: string[] = [];
    const client = {
      commitAuthor: async (sha: string) => {
        asked.push(`commit ${sha}`);
        return { login: 'someone' };
      },
      pullsForCommit: async (sha: string) => {
        asked.push(`pulls ${sha}`);
        return [];
      },
    } as unknown as GitHubApi;
    const culprit = fixture('cargo-bisect-rustc', 'two-phase.txt').culprit!;
    culprit.author = { name: 'R. Dev', email: 'rdev@example.org' };
    const map = { 'rdev@example.org': 'rdev' };
    const foreign = await new AuthorResolver(client, { owner: 'octo', repo: 'widgets' }, map, true).resolve(
      culprit,
    );
    expect(foreign).toEqual({ login: null, via: null, onGitHub: null, pulls: [] });
    expect(asked).toEqual([]);
    // The same commit, read by a workflow of rust-lang/rust, is looked up as usual.
    const own = await new AuthorResolver(client, { owner: 'rust-lang', repo: 'rust' }, map, true).resolve(
      culprit,
    );
    expect(own.login).toBe('someone');
    expect(asked.length).toBeGreaterThan(0);
  });
});

describe('docs list exactly the registered formats', () => {
  const registered = FORMATS.map((f) => f.name).sort();

  test("README's Log formats table", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('### Log formats');
    const section = readme.slice(start, readme.indexOf('\n### ', start + 1));
    const listed = [...section.matchAll(/^\| `([\w-]+)` +\|/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(registered);
  });

  test('docs/formats.md has a section with a sample for every format not described in the README', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'formats.md'), 'utf8');
    for (const format of NEW_FORMATS) {
      const at = doc.indexOf(`\n## ${format}\n`);
      expect(at).toBeGreaterThan(0);
      const next = doc.indexOf('\n## ', at + 1);
      expect(doc.slice(at, next === -1 ? undefined : next)).toContain('```text');
    }
  });
});

describe('quoted-printable unwrapping stays off for plain logs', () => {
  test('kernel configs, base64 and "=" at line ends are not mail', () => {
    const plain = [
      'CONFIG_CMDLINE="console=ttyS0 root=/dev/sda1"',
      'CONFIG_LOCALVERSION=',
      'CONFIG_DEFAULT_HOSTNAME=',
      'dGhpcyBpcyBiYXNlNjQgdGV4dCB0aGF0IGVuZHMgd2l0aCBwYWRkaW5nIGFuZCBpcyBzaG9ydA==',
      'a=b',
    ];
    expect(looksQuotedPrintable(plain, false)).toBe(false);
  });

  test('soft breaks at the encoder width, or escapes, are', () => {
    const wrapped = ['x'.repeat(75) + '=', 'rest of the line', 'y'.repeat(72) + '=', 'tail'];
    expect(looksQuotedPrintable(wrapped, false)).toBe(true);
    const joiner = new QuotedPrintableJoiner();
    expect(joiner.push('a=3Db=')).toBeNull();
    expect(joiner.push('c =C3=A9')).toBe('a=bc é');
  });
});

describe('suggested re-runs only where bisect-report can run them', () => {
  const rendered = (r: Report) =>
    JSON.stringify(r.trust) +
    renderReportSection(r, { serverUrl: 'https://github.com', repo: null } as never);
  // Their commits are not the user's git commits (builds, nightlies, Mercurial or jj revisions).
  test.each(['cargo-bisect-rustc', 'mozregression', 'chromium-bisect-builds', 'hg-bisect', 'jj-bisect'])(
    '%s: no `bisect-report verify` / `bisect` suggestion',
    (format) => {
      for (const { file } of fixtureFiles().filter((f) => f.format === format)) {
        const text = rendered(analyse(readLog(file)));
        expect(text).not.toMatch(/index\.js (?:verify|bisect) /);
      }
    },
  );
  test('a plain git bisect log of a flaky test does get one', () => {
    const texts = ['git-bisect-log', 'git-bisect-run'].flatMap((format) =>
      readdirSync(join(FIXTURES, format)).map((f) => rendered(analyse(readLog(join(FIXTURES, format, f))))),
    );
    expect(texts.some((t) => /index\.js verify --culprit [0-9a-f]+ -- \.\/test\.sh/.test(t))).toBe(true);
  });
});
