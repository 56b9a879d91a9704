import fc from 'fast-check';
import type { Report } from '../src/model.js';
import type { RenderContext } from '../src/render/context.js';
import { renderReportSection, renderSummary, SUMMARY_BUDGET_BYTES } from '../src/render/summary.js';
import {
  BODY_LIMIT_CHARS,
  issueState,
  renderChangeComment,
  renderIssueBody,
  renderIssueTitle,
  renderPrComment,
} from '../src/render/issue.js';
import { MAX_PER_LEVEL, reportAnnotations } from '../src/render/annotations.js';
import { renderText } from '../src/render/text.js';
import { trustRank } from '../src/render/outputs.js';
import { ledger, posteriorStrip } from '../src/render/view.js';
import * as fx from './fixtures/reports.js';
import { alerts, brokenTables, liveProblems, parseGfm, tables, textOf, walk } from './helpers/gfm-check.js';

/** Property-test runs; FC_SCALE=20 for a long soak. */
const runs = (n: number) => Math.round(n * Number(process.env.FC_SCALE ?? 1));

const ctx: RenderContext = {
  serverUrl: 'https://github.com',
  repository: 'example-org/kernel',
  runUrl: 'https://github.com/example-org/kernel/actions/runs/42',
  authorLogins: {},
};

/** Every rendered text must keep its tables and alerts intact and contain nothing live from logs. */
function expectWellFormed(md: string, opts: { mentions?: string[] } = {}): void {
  expect(brokenTables(md)).toEqual([]);
  expect(liveProblems(md, opts)).toEqual([]);
}

const SCENARIOS: [string, () => Report[], string][] = [
  ['found + verified', () => [fx.foundTrusted], 'TIP'],
  ['found + contradicted', () => [fx.foundContradicted], 'CAUTION'],
  ['ambiguous', () => [fx.ambiguous], 'WARNING'],
  ['not reproduced', () => [fx.notReproduced], 'NOTE'],
  ['failed', () => [fx.failed], 'WARNING'],
  ['fix bisection', () => [fx.fixBisection], 'NOTE'],
  ['incomplete', () => [fx.incomplete], 'WARNING'],
  ['unrecognized', () => [fx.unrecognized], 'WARNING'],
  ['no culprit', () => [fx.noCulprit], 'NOTE'],
];

describe('job summary', () => {
  test.each(SCENARIOS)('%s: snapshot, tables and alert intact', (_name, reports, alertKind) => {
    const md = renderSummary(reports(), ctx);
    expect(md).toMatchSnapshot();
    expectWellFormed(md);
    const found = alerts(md);
    expect(found.map((a) => a.kind)).toEqual([alertKind]);
    expect(found[0].text.length).toBeGreaterThan(20);
  });

  test('found + contradicted shows the disagreement, the weakest link and a replay without it', () => {
    const md = renderSummary([fx.foundContradicted], ctx);
    const culprit = fx.foundContradicted.culprit!.sha;
    // Headline links the culprit commit.
    expect(md).toContain(`(https://github.com/example-org/kernel/commit/${culprit})`);
    // The alert says why in words, quoting the off-signature title in code.
    const [a] = alerts(md);
    expect(a.text).toMatch(/Almost certainly wrong \(P < 0\.1%\): the runs contradict/);
    expect(a.text).toContain('SYZFAIL: wrong response packet');
    // Ledger: the culprit row has 0 hits, 1 other crash, 9 clean, and disagrees with the tool.
    const ledgerTable = tables(md).find((t) => textOf(t.children![0]).includes('Hits'))!;
    const rows = ledgerTable.children!.map((r) => r.children!.map(textOf));
    const header = rows[0];
    const row = rows.find((r) => r[1].startsWith(culprit.slice(0, 8)))!;
    const col = (name: string) => row[header.indexOf(name)];
    // The analysis' ledger censors the SYZFAIL run: no hits, 9 clean, 1 censored.
    expect([col('Hits'), col('Other crashes'), col('Clean'), col('Censored'), col('Tool')]).toEqual([
      '·',
      '·',
      '9',
      '1',
      'bad',
    ]);
    expect(col('Runs vs tool')).toMatch(/runs say good/);
    expect(col('Bayes factor')).toMatch(/^10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
    // The step before it: 8 family hits (KASAN ... in try_to_wake_up), 2 censored harness crashes.
    const b8 = rows.find((r) => r[3] === 'bad' && r[header.indexOf('Hits')] === '8');
    expect(b8?.[header.indexOf('Censored')]).toBe('2');
    // The tool's own confidence and the counterfactual are shown next to ours.
    expect(md).toContain("The tool's own confidence formula gives 99.9%");
    expect(md).toMatch(/Today's syzbot rules would have called [0-9a-f]{8} GOOD/);
    // Re-test commands: start from the bounds, never replay the contradicted verdict.
    const sh = collectCode(md).find((c) => c.lang === 'sh')!.value;
    expect(sh).toMatch(/^git bisect start [0-9a-f]{40} [0-9a-f]{40}$/m);
    expect(sh).not.toMatch(new RegExp(`^git bisect (good|bad) ${culprit}`, 'm'));
    expect(sh).toMatch(new RegExp(`^# not replayed: ${culprit}`, 'm'));
    // Collapsed extras exist.
    for (const label of ['Crash report', 'Timings', 'Recipients the tool named (4)', 'Raw step list (15)']) {
      expect(md).toContain(`<details><summary>${label}</summary>`);
    }
  });

  test('fix bisections say "fixed by"', () => {
    const md = renderSummary([fx.fixBisection], ctx);
    expect(md).toMatch(/\*\*Fixed by\*\* \[`[0-9a-f]{12}`\]/);
    expect(md).not.toMatch(/Caused by/);
    expect(renderIssueTitle(fx.fixBisection)).toMatch(/fixed by [0-9a-f]{12}/);
  });

  test('author: login link when known, else the name; no link without a repository', () => {
    const sha = fx.foundTrusted.culprit!.sha;
    const withLogin = renderSummary([fx.foundTrusted], { ...ctx, authorLogins: { [sha]: 'ada-example' } });
    expect(withLogin).toContain('[@ada-example](https://github.com/ada-example)');
    const noRepo = renderSummary([fx.foundTrusted], { serverUrl: 'https://github.com', repository: null });
    expect(noRepo).toContain('by **Ada Example**');
    expect(noRepo).not.toContain('/commit/');
  });

  test('several logs: one overview row per log, worst trust first, then a section each', () => {
    const reports = fx.severalLogs();
    const md = renderSummary(reports, ctx);
    expect(md).toMatchSnapshot();
    expectWellFormed(md);
    const overview = tables(md)[0];
    const rows = overview.children!.slice(1).map((r) => r.children!.map(textOf));
    expect(rows).toHaveLength(reports.length);
    const bySource = new Map(reports.map((r) => [r.source, r]));
    const ranks = rows.map((r) => trustRank(bySource.get(r[1])!));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(rows[0][1]).toBe(fx.foundContradicted.source);
    // Sections in the same order as the overview.
    const headings: string[] = [];
    walk(parseGfm(md), (n) => {
      if (n.type === 'heading' && n.depth === 3) headings.push(textOf(n));
    });
    expect(headings).toHaveLength(reports.length);
    expect(alerts(md)).toHaveLength(reports.length);
  });

  test('oversized input stays under 1 MiB with a visible note, tables intact', () => {
    const reports = fx.oversized();
    const md = renderSummary(reports, ctx);
    const bytes = Buffer.byteLength(md, 'utf8');
    expect(bytes).toBeLessThan(1024 * 1024);
    expect(bytes).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES);
    expect(bytes).toBeGreaterThan(100_000);
    const tree = parseGfm(md);
    const [note] = alerts(tree);
    expect(note.kind).toBe('NOTE');
    expect(note.text).toMatch(/Shortened to fit GitHub's 1 MiB/);
    expect(brokenTables(tree)).toEqual([]);
    expect(tables(tree)[0].children!.length).toBeGreaterThan(100);
    // Deterministic shape: snapshot the head and the size class.
    expect({ head: md.slice(0, 1500), sections: md.split('\n---\n').length - 1 }).toMatchSnapshot();
  });

  test('a long ledger is cut to the rows that matter', () => {
    const r = structuredClone(fx.foundContradicted);
    const many = fx.oversized(1)[0].steps;
    r.steps = [...many, ...many, ...many, ...many, ...many, ...many, ...r.steps];
    const md = renderReportSection(r, ctx, { detail: 1 });
    expect(brokenTables(md)).toEqual([]);
    expect(md).toMatch(/\d+ more steps in the raw step list/);
    expect(md).toContain(r.culprit!.sha.slice(0, 8));
  });
});

describe('issue and pull request text', () => {
  const marker = '<!-- bisect-report:key=abc123 -->';

  test('issue title is one plain line without live references', () => {
    expect(renderIssueTitle(fx.foundContradicted)).toMatchSnapshot();
    const t = renderIssueTitle(fx.hostile());
    expect(t.length).toBeLessThanOrEqual(256);
    expect(t).not.toMatch(/[\n\r\u202E]/);
    expect(t).not.toMatch(/@[a-z]|#\d/i);
  });

  test('issue body: snapshot, marker first, well formed, mentions only when asked', () => {
    const sha = fx.foundTrusted.culprit!.sha;
    const c = { ...ctx, authorLogins: { [sha]: 'ada-example' } };
    const body = renderIssueBody(fx.foundTrusted, c, { marker, mentionAuthor: true });
    expect(body.startsWith(marker + '\n')).toBe(true);
    expect(body).toMatchSnapshot();
    expectWellFormed(body, { mentions: ['ada-example'] });
    expect(body).toMatch(/by \*\*@ada-example\*\*/);
    const quiet = renderIssueBody(fx.foundTrusted, c, { marker });
    expect(quiet).not.toMatch(/(^|[^[])@ada-example/m);
    expect(() => renderIssueBody(fx.foundTrusted, c, { marker: '<!-- a -- b -->' })).toThrow();
  });

  test('issue and comment bodies stay under 65,536 characters', () => {
    const r = structuredClone(fx.foundContradicted);
    r.steps = Array.from({ length: 40 }, () => fx.oversized(1)[0].steps).flat();
    r.crash = { title: 'x', report: 'y'.repeat(64 * 1024) };
    const body = renderIssueBody(r, ctx, { marker });
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT_CHARS);
    expect(body).toMatch(/Shortened to fit GitHub's 65,536-character limit/);
    expectWellFormed(body);
    const comment = renderPrComment(r, ctx, 'https://github.com/example-org/kernel/issues/7', { marker });
    expect(comment.length).toBeLessThanOrEqual(BODY_LIMIT_CHARS);
    expectWellFormed(comment);
  });

  test('pull request comment: snapshot and links', () => {
    const md = renderPrComment(fx.foundContradicted, ctx, 'https://github.com/example-org/kernel/issues/7', {
      marker,
    });
    expect(md).toMatchSnapshot();
    expectWellFormed(md);
    expect(md).toContain('[the issue](https://github.com/example-org/kernel/issues/7)');
    expect(alerts(md).map((a) => a.kind)).toEqual(['CAUTION']);
  });

  test('change comment says what changed', () => {
    const before = issueState(fx.foundTrusted);
    const md = renderChangeComment(before, fx.foundContradicted, ctx);
    expect(md).toMatchSnapshot();
    expectWellFormed(md);
    expect(md).toMatch(/changed the answer: culprit .* → .*; trust verified → \*\*contradicted\*\*/);
    expect(renderChangeComment(issueState(fx.foundContradicted), fx.foundContradicted, ctx)).toMatch(
      /same answer/,
    );
    expect(renderChangeComment(null, fx.fixBisection, ctx)).toMatch(/^### ✅ Fixed by/);
  });
});

describe('hostile log text', () => {
  test('the hostile fixture renders with nothing live anywhere', () => {
    const r = fx.hostile();
    const all = [
      renderSummary([r, fx.foundTrusted], ctx),
      renderIssueBody(r, ctx, { marker: '<!-- bisect-report:key=k -->' }),
      renderPrComment(r, ctx, null),
      renderChangeComment(issueState(fx.foundTrusted), r, ctx),
    ];
    for (const md of all) expectWellFormed(md);
    expect(renderText([r])).not.toMatch(/[\u0000-\u0008\u001b\u202E]/);
  });

  const arbitraryText = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(fx.HOSTILE, '@everyone', '<!-- bisect-report:key=x -->', '```', '|', 'a\nb', '#1'),
    fc
      .array(
        fc.constantFrom(
          '@',
          'x',
          '#',
          '1',
          '<',
          '!--',
          '`',
          '|',
          '[',
          ']',
          '(',
          ')',
          ':',
          '//',
          ' ',
          '\n',
          '\\',
        ),
        { maxLength: 25 },
      )
      .map((a) => a.join('')),
  );

  test('property: random log text in every field never produces live Markdown', () => {
    fc.assert(
      fc.property(fc.array(arbitraryText, { minLength: 12, maxLength: 12 }), (t) => {
        const r = structuredClone(fx.foundContradicted);
        r.source = t[0];
        r.crash = { title: t[1], report: t[2] };
        r.culpritCrash = { title: t[3], report: t[2] };
        r.culprit = {
          ...r.culprit!,
          subject: t[4],
          author: { name: t[5], email: t[6] },
          date: t[7],
          files: [{ path: t[8] }],
        };
        r.steps = r.steps.map((s, i) => ({ ...s, subject: t[(i % 4) + 4], titles: { [t[9]]: 1 } }));
        r.trust!.reasons = [{ code: t[10], message: t[11] }];
        r.trust!.weakestLink = { commit: t[0], message: t[9], fragility: 1 };
        r.reason = t[10];
        r.hints = [t[11]];
        r.flakyReasons = [t[8]];
        r.details!.syzkaller!.recipients = [t[6], t[5]];
        r.candidates = [{ sha: t[1], subject: t[4] }];
        r.retest = [{ commit: t[7], runs: 3, why: t[11] }];
        expectWellFormed(renderSummary([r], ctx));
        expectWellFormed(renderIssueBody(r, ctx, { marker: '<!-- bisect-report:key=k -->' }));
        const title = renderIssueTitle(r);
        expect(title).not.toMatch(/[@#][A-Za-z0-9]/);
      }),
      { numRuns: runs(20) },
    );
  });
});

describe('annotations, text, view', () => {
  test('at most 10 annotations per level; file warnings only for trusted culprits on pull requests', () => {
    const many = Array.from({ length: 25 }, () => fx.foundTrusted);
    const a = reportAnnotations([...many, fx.foundContradicted], { pullRequest: true });
    for (const level of ['notice', 'warning', 'error']) {
      expect(a.filter((x) => x.level === level).length).toBeLessThanOrEqual(MAX_PER_LEVEL);
    }
    const files = reportAnnotations([fx.foundTrusted], { pullRequest: true }).filter((x) => x.file);
    expect(files.map((f) => f.file)).toEqual(fx.foundTrusted.culprit!.files.map((f) => f.path));
    expect(reportAnnotations([fx.foundTrusted]).some((x) => x.file)).toBe(false);
    expect(reportAnnotations([fx.foundContradicted], { pullRequest: true }).some((x) => x.file)).toBe(false);
    const warn = reportAnnotations([fx.foundContradicted]).find((x) => x.level === 'warning');
    expect(warn?.title).toBe('Culprit contradicted');
  });

  test('CLI text: snapshot', () => {
    expect(renderText([fx.foundContradicted, fx.ambiguous, fx.failed])).toMatchSnapshot();
  });

  test('ledger counts family hits, other crashes and censored runs', () => {
    // Without the analysis' ledger, titles are matched by family and SYZFAIL counts as another crash.
    const bare = structuredClone(fx.foundContradicted);
    delete bare.analysis!.ledger;
    const rows = ledger(bare);
    const culprit = rows.find((r) => r.isCulprit)!;
    expect([culprit.hits, culprit.otherCrashes, culprit.clean, culprit.agreement]).toEqual([
      0,
      1,
      9,
      'disagrees',
    ]);
    const b8 = rows[culprit.index - 1];
    expect([b8.hits, b8.otherCrashes, b8.agreement]).toEqual([8, 2, 'agrees']);
    // With it, the analysis' counts win.
    const withLedger = ledger(fx.foundContradicted).find((r) => r.isCulprit)!;
    expect([withLedger.hits, withLedger.otherCrashes, withLedger.censored, withLedger.clean]).toEqual([
      0, 0, 1, 9,
    ]);
    expect(ledger(fx.failed).map((r) => r.censored)).toEqual([0, 10, 10]);
  });

  test('posterior strip marks the 95% range and the reported culprit', () => {
    const s = posteriorStrip(
      fx.foundContradicted.trust!,
      fx.foundContradicted.analysis,
      fx.foundContradicted.culprit!.sha,
    )!;
    expect(s.bars).toHaveLength(48);
    expect(s.range).toEqual([24, 47]);
    expect(s.culpritBin).toBe(23);
    expect(s.bars.slice(0, 24)).toBe('·'.repeat(24));
  });
});

function collectCode(md: string): { lang: string | null; value: string }[] {
  const out: { lang: string | null; value: string }[] = [];
  walk(parseGfm(md), (n) => {
    if (n.type === 'code')
      out.push({ lang: (n as { lang?: string | null }).lang ?? null, value: n.value ?? '' });
  });
  return out;
}

describe('the verdict alert of a trusted culprit below even odds', () => {
  const lowLikely = (location: number, root: number): Report => ({
    ...fx.foundTrusted,
    analysis: { ...fx.foundTrusted.analysis, locationProbability: location, rootCauseProbability: root },
    trust: {
      ...fx.foundTrusted.trust!,
      label: 'likely',
      probability: location * root,
      reasons: [
        { code: 'stack-mentions-culprit-files', message: 'The crash stack runs through net/foo.c.' },
        { code: 'long-range-bisection', message: 'The failure already reproduced on 3 older releases.' },
      ],
    },
  });

  test('says the runs place the change here but the root cause is in doubt, and why', () => {
    const md = renderReportSection(lowLikely(0.98, 0.43), ctx);
    expect(md).not.toContain('Probably right');
    expect(md).toContain('Best lead, not yet proven');
    expect(md).toContain('the runs place the change here (98%)');
    expect(md).toMatch(
      /only exposed an older bug is less sure \(43%\)\. The failure already reproduced on 3 older releases/,
    );
  });

  test('a likely culprit at good odds is "probably right"', () => {
    expect(renderReportSection(lowLikely(0.98, 0.9), ctx)).toContain('**Probably right**');
  });

  test('when the runs themselves are the doubt, it does not blame the root cause', () => {
    const md = renderReportSection(lowLikely(0.5, 0.9), ctx);
    expect(md).toContain('Best lead, not yet proven');
    expect(md).not.toContain('exposed an older bug');
  });
});
