// `npm run preview`: renders example job summaries to preview/index.html, styled like GitHub
// (marked for GFM, github-markdown-css, GitHub-style alerts), so a person can look at them.
//
// It compiles the TypeScript sources on the fly (typescript.transpileModule, no type check) into a
// temporary folder and renders the hand-built reports in test/fixtures/reports.ts, plus every log in
// examples/ when the sources can read it. Nothing is fetched; the page has no external references.
//
//   npm run preview                 # writes preview/index.html and preview/<name>.{md,html}
//                                   # (first the logs `npm run demo` left in examples/out/)
//   node scripts/preview.mjs OUTDIR # writes somewhere else
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { Marked } from 'marked';

const root = resolve(new URL('..', import.meta.url).pathname);
const outDir = resolve(process.argv[2] ?? join(root, 'preview'));

function listTs(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return listTs(p);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Transpiles src/ and test/fixtures/ to plain ESM JavaScript under a temporary folder. */
function compile() {
  const build = mkdtempSync(join(tmpdir(), 'bisect-report-preview-'));
  const files = [...listTs(join(root, 'src')), ...listTs(join(root, 'test', 'fixtures'))];
  for (const file of files) {
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: false,
      },
      fileName: file,
    });
    const out = join(build, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  // Bare imports (@actions/core, ...) resolve from the project's node_modules.
  writeFileSync(join(build, 'package.json'), '{"type":"module"}\n');
  return build;
}

const ICONS = {
  note: '<circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"/><rect x="7.25" y="7" width="1.5" height="4.5" rx=".75"/><circle cx="8" cy="4.9" r=".9"/>',
  tip: '<path d="M8 1.5a4.5 4.5 0 0 0-2.7 8.1c.5.4.7.9.7 1.4v.5h4v-.5c0-.5.2-1 .7-1.4A4.5 4.5 0 0 0 8 1.5Z" fill="none" stroke="currentColor" stroke-width="1.5"/><rect x="6" y="13" width="4" height="1.5" rx=".75"/>',
  important:
    '<rect x="1.75" y="1.75" width="12.5" height="10" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.5"/><rect x="7.25" y="3.8" width="1.5" height="4" rx=".75"/><circle cx="8" cy="9.6" r=".9"/>',
  warning:
    '<path d="M8 1.8 1.3 13.6h13.4Z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/><rect x="7.25" y="5.8" width="1.5" height="4" rx=".75"/><circle cx="8" cy="11.6" r=".9"/>',
  caution:
    '<path d="M5.3 1.5h5.4l3.8 3.8v5.4l-3.8 3.8H5.3l-3.8-3.8V5.3Z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"/><rect x="7.25" y="4.5" width="1.5" height="4.5" rx=".75"/><circle cx="8" cy="11" r=".9"/>',
};

/** marked has no GitHub alerts: turn `> [!KIND]` blockquotes into GitHub's alert markup. */
function githubAlerts(html) {
  return html.replace(
    /<blockquote>\s*<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*(?:<br>)?\s*([\s\S]*?)<\/blockquote>/g,
    (_m, kind, rest) => {
      const k = kind.toLowerCase();
      const title = kind.charAt(0) + kind.slice(1).toLowerCase();
      return (
        `<div class="markdown-alert markdown-alert-${k}"><p class="markdown-alert-title">` +
        `<svg class="octicon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">${ICONS[k]}</svg>${title}</p>` +
        `<p>${rest.trim()}</div>`
      );
    },
  );
}

function page(title, cards) {
  const css = readFileSync(
    join(root, 'node_modules', 'github-markdown-css', 'github-markdown-light.css'),
    'utf8',
  );
  const body = cards
    .map(
      (
        c,
      ) => `<section class="card"><header><span class="dot"></span>${escapeHtml(c.name)}<span class="hint">${escapeHtml(c.hint)}</span></header>
<article class="markdown-body">${c.html}</article></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${css}
body { margin: 0; background: #f6f8fa; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
main { max-width: 1012px; margin: 0 auto; padding: 24px 16px 48px; }
h1.page { font-size: 20px; font-weight: 600; color: #1f2328; margin: 0 0 16px; }
.card { background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; margin-bottom: 24px; }
.card > header { padding: 12px 16px; border-bottom: 1px solid #d1d9e0; font-weight: 600; font-size: 14px; color: #1f2328; display: flex; align-items: center; gap: 8px; }
.card > header .dot { width: 10px; height: 10px; border-radius: 50%; background: #1f883d; display: inline-block; }
.card > header .hint { margin-left: auto; font-weight: 400; color: #59636e; font-size: 12px; }
.markdown-body { padding: 16px 24px 24px; font-size: 14px; }
.markdown-body table { font-size: 13px; }
.markdown-body pre { line-height: 1.3; }
.markdown-alert { padding: .5rem 1rem; margin-bottom: 16px; color: inherit; border-left: .25em solid #d1d9e0; }
.markdown-alert > :last-child { margin-bottom: 0; }
.markdown-alert .markdown-alert-title { display: flex; align-items: center; gap: 8px; font-weight: 500; line-height: 1; margin-bottom: 8px; }
.markdown-alert .octicon { fill: currentColor; }
.markdown-alert-note { border-left-color: #0969da; } .markdown-alert-note .markdown-alert-title { color: #0969da; }
.markdown-alert-tip { border-left-color: #1a7f37; } .markdown-alert-tip .markdown-alert-title { color: #1a7f37; }
.markdown-alert-important { border-left-color: #8250df; } .markdown-alert-important .markdown-alert-title { color: #8250df; }
.markdown-alert-warning { border-left-color: #9a6700; } .markdown-alert-warning .markdown-alert-title { color: #9a6700; }
.markdown-alert-caution { border-left-color: #d1242f; } .markdown-alert-caution .markdown-alert-title { color: #d1242f; }
</style></head>
<body><main><h1 class="page">${escapeHtml(title)}</h1>
${body}
</main></body></html>
`;
}

function escapeHtml(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/** The example logs in examples/ read through the sources (skipped with a notice if that fails). */
async function exampleReports(build, dir = join(root, 'examples'), only = () => true) {
  const names = existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => !/\.(sh|mjs|js|ts|md|json|ya?ml)$/.test(n) && !n.startsWith('.'))
        .filter((n) => statSync(join(dir, n)).isFile() && only(n))
        .sort()
    : [];
  if (names.length === 0) return [];
  try {
    const { collectReports } = await import(pathToFileURL(join(build, 'src', 'collect.js')).href);
    const { reports } = await collectReports(names.map((n) => join(dir, n)));
    return reports.map((r) => ({ ...r, source: relative(root, r.source) }));
  } catch (err) {
    console.warn(`preview: examples/ skipped (${err.message.split('\n')[0]})`);
    return [];
  }
}

async function main() {
  const build = compile();
  process.env.NODE_PATH = join(root, 'node_modules');
  try {
    // Modules resolve bare imports relative to themselves; link node_modules into the build.
    const { symlinkSync } = await import('node:fs');
    symlinkSync(join(root, 'node_modules'), join(build, 'node_modules'), 'dir');
    const imp = (p) => import(pathToFileURL(join(build, p)).href);
    const { renderSummary } = await imp('src/render/summary.js');
    const fx = await imp('test/fixtures/reports.js');
    const ctx = {
      serverUrl: 'https://github.com',
      repository: 'example-org/kernel',
      runUrl: 'https://github.com/example-org/kernel/actions/runs/1',
      authorLogins: { [fx.foundTrusted.culprit.sha]: 'ada-example' },
    };
    const scenarios = [
      { name: 'several-logs', hint: 'seven logs in one run, worst trust first', reports: fx.severalLogs() },
      {
        name: 'found-contradicted',
        hint: 'one log: the reported culprit is contradicted by its own runs',
        reports: [fx.foundContradicted],
      },
      { name: 'found-trusted', hint: 'git bisect run, verified', reports: [fx.foundTrusted] },
      {
        name: 'found-range',
        hint: 'git bisect run, a range rather than one commit',
        reports: [fx.foundRange],
      },
      { name: 'found-unreliable', hint: 'git bisect run, one run per commit', reports: [fx.foundUnreliable] },
      { name: 'ambiguous', hint: 'skipped commits leave a range', reports: [fx.ambiguous] },
      { name: 'fix-bisection', hint: 'fix bisection', reports: [fx.fixBisection] },
      {
        name: 'hostile',
        hint: 'log text full of mentions, HTML and links — all inert',
        reports: [fx.hostile()],
      },
    ];
    const examples = await exampleReports(build);
    if (examples.length)
      scenarios.splice(2, 0, { name: 'examples', hint: 'logs in examples/', reports: examples });
    // The two bisections `npm run demo` made (plain git bisect run, and through the wrapper).
    const demo = await exampleReports(build, join(root, 'examples', 'out'), (n) => /^demo-.*\.log$/.test(n));
    if (demo.length)
      scenarios.unshift({
        name: 'demo',
        hint: 'npm run demo: a flaky test, plain and wrapped',
        reports: demo,
      });
    mkdirSync(outDir, { recursive: true });
    const marked = new Marked({ gfm: true });
    const cards = [];
    for (const s of scenarios) {
      const md = renderSummary(s.reports, ctx);
      writeFileSync(join(outDir, `${s.name}.md`), md);
      writeFileSync(join(outDir, `${s.name}.json`), JSON.stringify({ reports: s.reports }, null, 1) + '\n');
      const card = { name: s.name, hint: s.hint, html: githubAlerts(marked.parse(md)) };
      cards.push(card);
      // One page per scenario too, for screenshots of a single summary (docs/first-screen-*.png).
      writeFileSync(join(outDir, `${s.name}.html`), page(`bisect-report — ${s.name}`, [card]));
    }
    const html = page('bisect-report — job summary preview', cards);
    writeFileSync(join(outDir, 'index.html'), html);
    console.log(`preview: wrote ${join(outDir, 'index.html')} (${cards.length} summaries)`);
  } finally {
    rmSync(build, { recursive: true, force: true });
  }
}

await main();
