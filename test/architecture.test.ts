import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { analyse } from '../src/analyse/index.js';
import {
  FORMATS,
  formatByName,
  formatChoices,
  formatsForChoice,
  isHarnessTitle,
} from '../src/formats/registry.js';
import { emptyReport, type Report, type Step } from '../src/model.js';
import { readLog } from '../src/read/readLog.js';
import { ROOT } from './helpers/paths.js';

/**
 * Adding a log format means its folder under src/formats/, one registry line and its fixtures in
 * test/fixtures/<format>/: nothing else in src/ may know a format by name or import its folder.
 */

const SRC = join(ROOT, 'src');
const FORMATS_DIR = join(SRC, 'formats');
const REGISTRY = join(FORMATS_DIR, 'registry.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const inside = (path: string, dir: string) => path === dir || path.startsWith(dir + sep);
const rel = (path: string) => relative(ROOT, path);

/** Every token of a file with its text, comments included as their own kind. */
function tokens(path: string): { kind: 'comment' | 'string' | 'identifier'; text: string; line: number }[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const out: { kind: 'comment' | 'string' | 'identifier'; text: string; line: number }[] = [];
  const lineOf = (pos: number) => file.getLineAndCharacterOfPosition(pos).line + 1;
  const seenComments = new Set<number>();
  const visit = (node: ts.Node): void => {
    for (const range of [
      ...(ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []),
      ...(ts.getTrailingCommentRanges(text, node.getEnd()) ?? []),
    ]) {
      if (seenComments.has(range.pos)) continue;
      seenComments.add(range.pos);
      out.push({ kind: 'comment', text: text.slice(range.pos, range.end), line: lineOf(range.pos) });
    }
    if (
      ts.isStringLiteralLike(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      out.push({ kind: 'string', text: node.text, line: lineOf(node.getStart()) });
    } else if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
      out.push({ kind: 'identifier', text: node.text, line: lineOf(node.getStart()) });
    }
    node.forEachChild(visit);
  };
  visit(file);
  return out;
}

/** Relative import specifiers of a file, resolved to paths. */
function importsOf(path: string): string[] {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const spec = (node.moduleSpecifier as ts.StringLiteral).text;
      if (spec.startsWith('.')) found.push(resolve(dirname(path), spec.replace(/\.js$/, '.ts')));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg) && arg.text.startsWith('.')) {
        found.push(resolve(dirname(path), arg.text.replace(/\.js$/, '.ts')));
      }
    }
    node.forEachChild(visit);
  };
  visit(file);
  return found;
}

const outsideFormats = sourceFiles(SRC).filter((f) => !inside(f, FORMATS_DIR));
const formatFolders = FORMATS.map((f) => join(FORMATS_DIR, f.name));

describe('format knowledge lives in src/formats/', () => {
  test('no format name appears in src/ outside src/formats/, in code or comments', () => {
    const offending: string[] = [];
    for (const format of FORMATS) {
      const asWord = new RegExp(`(?<![\\w-])${format.name.replace(/[-]/g, '\\-')}(?![\\w-])`, 'i');
      const asIdentifier = format.name.replace(/-/g, '').toLowerCase();
      for (const file of outsideFormats) {
        for (const t of tokens(file)) {
          const hit =
            t.kind === 'identifier' ? t.text.toLowerCase().includes(asIdentifier) : asWord.test(t.text);
          if (hit) offending.push(`${rel(file)}:${t.line} (${t.kind}) mentions ${format.name}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  test('the scan sees names in strings, identifiers and comments', () => {
    // Guards the test above against silently matching nothing.
    const seen = tokens(join(FORMATS_DIR, 'syzkaller', 'index.ts'));
    expect(seen.some((t) => t.kind === 'string' && t.text === 'syzkaller')).toBe(true);
    expect(seen.some((t) => t.kind === 'identifier' && /syzkaller/i.test(t.text))).toBe(true);
    expect(seen.some((t) => t.kind === 'comment' && /syzkaller/.test(t.text))).toBe(true);
  });

  test('each format folder is imported only by the registry, once', () => {
    for (const folder of formatFolders) {
      const importers = sourceFiles(SRC)
        .filter((f) => !inside(f, folder))
        .filter((f) => importsOf(f).some((target) => inside(target, folder)));
      expect({ folder: rel(folder), importers: importers.map(rel) }).toEqual({
        folder: rel(folder),
        importers: [rel(REGISTRY)],
      });
    }
  });

  test('format folders do not reach into each other (shared code lives in folders of its own)', () => {
    for (const folder of formatFolders) {
      for (const file of sourceFiles(folder)) {
        for (const target of importsOf(file)) {
          const other = formatFolders.find((f) => f !== folder && inside(target, f));
          expect({ file: rel(file), imports: other ? rel(other) : null }).toEqual({
            file: rel(file),
            imports: null,
          });
        }
      }
    }
  });

  test('every registered format has a folder named after it, and every format folder is registered', () => {
    for (const folder of formatFolders) expect(existsSync(join(folder, 'index.ts'))).toBe(true);
    const registered = new Set(FORMATS.map((f) => f.name));
    const withDefinition = readdirSync(FORMATS_DIR).filter((name) => {
      const index = join(FORMATS_DIR, name, 'index.ts');
      return existsSync(index) && /\bdefineFormat\(/.test(readFileSync(index, 'utf8'));
    });
    expect(withDefinition.sort()).toEqual([...registered].sort());
  });

  test('source comments cite docs inside the repository, never ../shared', () => {
    const citing = sourceFiles(SRC).filter((f) =>
      /\.\.\/shared\/|shared\/docs\//.test(readFileSync(f, 'utf8')),
    );
    expect(citing.map(rel)).toEqual([]);
  });

  test('names, aliases and families never collide', () => {
    const words = formatChoices();
    expect(new Set(words).size).toBe(words.length);
  });

  test('every name and alias selects its format; `syz` selects syzkaller', () => {
    for (const f of FORMATS) {
      expect(formatByName(f.name)).toBe(f);
      for (const alias of f.aliases) expect(formatsForChoice(alias)).toEqual([f]);
    }
    expect(formatByName('syz')?.name).toBe('syzkaller');
  });

  test('each format has fixtures in test/fixtures/<format>/, read as that format', () => {
    for (const f of FORMATS) {
      const dir = join(ROOT, 'test', 'fixtures', f.name);
      const logs = existsSync(dir) ? readdirSync(dir).filter((n) => /\.(txt|log)$/.test(n)) : [];
      expect({ format: f.name, fixtures: logs.length > 0 }).toEqual({ format: f.name, fixtures: true });
      // The first fixture is recognised by detection alone.
      expect(readLog(join(dir, logs.sort()[0])).format).toBe(f.name);
    }
  });

  test("the schema's format enum is the registry's names plus unknown", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8'));
    const found: unknown[][] = [];
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return;
      const props = (node as { properties?: Record<string, { enum?: unknown[] }> }).properties;
      if (props?.format?.enum) found.push(props.format.enum);
      for (const v of Object.values(node)) walk(v);
    };
    walk(schema);
    expect(found.length).toBeGreaterThan(0);
    for (const e of found) expect([...e].sort()).toEqual([...FORMATS.map((f) => f.name), 'unknown'].sort());
  });
});

describe('format rules stay with their format', () => {
  const step = (
    commit: string,
    verdict: 'good' | 'bad',
    titles: Record<string, number>,
    passed = 0,
  ): Step => {
    const failed = Object.values(titles).reduce((a, b) => a + b, 0);
    return {
      commit,
      subject: null,
      verdict,
      runs: { total: failed + passed, failed, passed, other: 0 },
      titles,
    };
  };
  const sha = (n: number) => n.toString(16).padStart(8, '0').repeat(5);

  test('harness titles are syzkaller noise, a real failure elsewhere', () => {
    expect(isHarnessTitle({ format: 'syzkaller' }, 'timed out waiting for the executor')).toBe(true);
    for (const f of FORMATS.filter((x) => x.name !== 'syzkaller')) {
      expect(isHarnessTitle({ format: f.name }, 'timed out waiting for the server')).toBe(false);
    }
    expect(isHarnessTitle({ format: 'unknown' }, 'SYZFAIL: x')).toBe(false);
  });

  test('the re-run advice is given only by formats that have one', () => {
    const plain = (format: Report['format']): Report => ({
      ...emptyReport('plain.log', format),
      status: 'found',
      culprit: {
        sha: sha(4),
        subject: 's',
        author: null,
        date: null,
        files: [],
        merge: false,
        release: false,
      },
      steps: [
        { ...step(sha(4), 'bad', {}), runs: { total: 0, failed: 0, passed: 0, other: 0 } },
        { ...step(sha(2), 'good', {}), runs: { total: 0, failed: 0, passed: 0, other: 0 } },
      ],
    });
    for (const f of FORMATS) {
      const reason = analyse(plain(f.name)).trust?.reasons.find((r) => r.code === 'plain-bisect-no-repeats');
      expect(reason).toBeDefined();
      // The format's own advice, word for word; none from formats without one.
      if (f.repeatAdvice) expect(reason!.message).toContain(f.repeatAdvice);
      else expect(reason!.message).not.toMatch(/Re-run|bisect-report run/);
    }
  });
});
