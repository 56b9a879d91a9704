import fc from 'fast-check';
import {
  cell,
  code,
  codeBlock,
  htmlText,
  inline,
  plain,
  richText,
  sanitize,
  ZWSP,
} from '../src/render/escape.js';
import { brokenTables, liveProblems, parseGfm, textOf, walk, type Node } from './helpers/gfm-check.js';

/** Property-test runs; FC_SCALE=20 for a long soak. */
const runs = (n: number) => Math.round(n * Number(process.env.FC_SCALE ?? 1));

/** Strings built from the pieces that make Markdown, HTML, mentions and references live. */
const DANGEROUS = [
  '@',
  '#',
  '1',
  '23',
  'a',
  'Z',
  '<',
  '>',
  '/',
  '!',
  '[',
  ']',
  '(',
  ')',
  '`',
  '``',
  '```',
  '~~~',
  '|',
  '\\',
  '-',
  '*',
  '_',
  '~',
  ':',
  '.',
  'www.',
  'http://',
  'https://x.y',
  'mailto:',
  '<!--',
  '-->',
  '&',
  '&#64;',
  ';',
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\t',
  '\r',
  '\u202E',
  '\u2066',
  '\u200B',
  '\u0000',
  '\u001b[31m',
  '\uD800',
  'everyone',
  'torvalds',
  'org/team',
  'owner/repo#12',
  'GH-7',
  'img',
  ' src=x ',
  '"',
  "'",
  '$',
  '^',
  '=',
  '+',
  '{',
  '}',
  '>',
  '> ',
  '# ',
  '- ',
  '1. ',
  '<img src=x>',
  '<script>',
  '</details>',
  '<details>',
  '[^1]',
  '[x]: http://e.x',
  '![i](http://e.x)',
  'a@b.co',
  '<http://e.x>',
  ':smile:',
  '\u0085',
  '\u2028',
];
const hostileString = fc
  .array(
    fc.oneof(
      fc.constantFrom(...DANGEROUS),
      fc.string({ maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    {
      maxLength: 30,
    },
  )
  .map((parts) => parts.join(''));

const noZw = (s: string) => s.split(ZWSP).join('');

function only<T extends Node>(tree: Node, type: string): T[] {
  const out: T[] = [];
  walk(tree, (n) => {
    if (n.type === type) out.push(n as T);
  });
  return out;
}

describe('escape: sanitize and plain', () => {
  test('removes controls, bidi overrides and zero-width characters, repairs lone surrogates', () => {
    expect(sanitize('a\u0000b\u001b[31mc\u202Ed\u2066e\u200Bf\uFEFFg')).toBe('ab[31mcdefg');
    expect(sanitize('x\uD800y')).toBe('x\uFFFDy');
    expect(sanitize('a\r\nb\rc\u2028d')).toBe('a\nb\nc\nd');
    expect(plain('  a \n\t b  ')).toBe('a b');
    expect(plain('abcdef', 4)).toBe('abc…');
  });
});

describe('escape: inline text', () => {
  test.each([
    ['@everyone please', '@'],
    ['see #123 and owner/repo#45', '#'],
    ['<img src=x onerror=alert(1)>', '<img'],
    ['[click](https://evil.example)', 'link'],
    ['![x](https://evil.example/x.png)', 'image'],
    ['<!-- bisect-report:key=x -->', '<!--'],
    ['https://evil.example and www.evil.example', 'url'],
  ])('%s is shown as text, not live', (input) => {
    const md = `Subject: ${inline(input)}\n`;
    expect(liveProblems(md)).toEqual([]);
    const para = parseGfm(md).children![0];
    expect(noZw(textOf(para))).toBe(`Subject: ${input}`);
  });

  test('property: any string reads back exactly and nothing is live (paragraph)', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        const md = `Text: ${inline(s, 10_000)} end\n`;
        expect(liveProblems(md)).toEqual([]);
        const tree = parseGfm(md);
        expect(tree.children).toHaveLength(1);
        expect(noZw(textOf(tree.children![0]))).toBe(noZw(`Text: ${plain(s, 10_000)} end`));
      }),
      { numRuns: runs(400) },
    );
  });

  test('property: a table cell stays one cell and reads back exactly', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (a, b) => {
        const md = `| A | B | C |\n|---|---|---|\n| ${inline(a, 10_000)} | ${cell(b, 10_000)} | ${code(a, { table: true, max: 10_000 })} |\n`;
        expect(liveProblems(md)).toEqual([]);
        expect(brokenTables(md)).toEqual([]);
        const cells = only(parseGfm(md), 'tableCell');
        expect(cells).toHaveLength(6);
        expect(noZw(textOf(cells[3]))).toBe(noZw(plain(a, 10_000)));
        const codes = only(cells[5], 'inlineCode');
        if (plain(a, 10_000) !== '') {
          expect(codes).toHaveLength(1);
          expect(noZw(codes[0].value!)).toBe(noZw(plain(a, 10_000)));
        }
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('escape: code spans and fences', () => {
  test.each(['a`b', '``', '`start', 'end`', ' x ', 'a ``` b', '````'])('code span holds %j exactly', (s) => {
    const md = `x ${code(s)} y\n`;
    const codes = only(parseGfm(md), 'inlineCode');
    expect(codes).toHaveLength(1);
    expect(codes[0].value).toBe(plain(s));
  });

  test('property: a code span holds any text and is one inline code node', () => {
    fc.assert(
      fc.property(
        hostileString.filter((s) => plain(s) !== ''),
        (s) => {
          const md = `x ${code(s, { max: 10_000 })} y\n`;
          expect(liveProblems(md)).toEqual([]);
          const codes = only(parseGfm(md), 'inlineCode');
          expect(codes).toHaveLength(1);
          expect(noZw(codes[0].value!)).toBe(noZw(plain(s, 10_000)));
        },
      ),
      { numRuns: runs(300) },
    );
  });

  test('property: a fence holds any multi-line text and cannot be closed from inside', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (a, b) => {
        const text = `${a}\n${b}`;
        const md = `before\n\n${codeBlock(text)}\n\nafter ${inline(b)}\n`;
        expect(liveProblems(md)).toEqual([]);
        const tree = parseGfm(md);
        const blocks = only(tree, 'code');
        expect(blocks).toHaveLength(1);
        expect(noZw(blocks[0].value!)).toBe(noZw(sanitize(text)).replace(/\n+$/, ''));
        expect(textOf(tree.children![tree.children!.length - 1]).startsWith('after')).toBe(true);
      }),
      { numRuns: runs(300) },
    );
  });

  test('the hidden marker cannot be forged from code either', () => {
    const md =
      codeBlock('<!-- bisect-report:key=abc -->') + '\n' + code('<!-- bisect-report:key=abc -->') + '\n';
    expect(md).not.toContain('<!--');
    expect(liveProblems(md)).toEqual([]);
  });
});

describe('escape: richText and htmlText', () => {
  test('backtick-quoted parts become code spans, the rest stays text', () => {
    const md = richText('rests on `SYZFAIL: x` at `abc` @x') + '\n';
    const tree = parseGfm(md);
    expect(only(tree, 'inlineCode').map((n) => n.value)).toEqual(['SYZFAIL: x', 'abc']);
    expect(noZw(textOf(tree))).toBe('rests on SYZFAIL: x at abc @x');
    expect(liveProblems(md)).toEqual([]);
  });

  test('property: richText and htmlText never produce live constructs', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        expect(liveProblems(`x ${richText(s, 10_000)}\n`)).toEqual([]);
        const html = htmlText(s);
        expect(html).not.toMatch(/[<>"]/);
      }),
      { numRuns: runs(300) },
    );
  });
});
