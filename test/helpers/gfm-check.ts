/**
 * Reads rendered Markdown the way GitHub does (GFM: tables, autolink literals, footnotes, ...) and
 * lists anything live that log text could have produced: mentions and issue references in text,
 * HTML that is not ours, links and images that are not ours, link definitions, footnotes.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

export interface Node {
  type: string;
  value?: string;
  url?: string;
  depth?: number;
  children?: Node[];
}

export function parseGfm(markdown: string): Node {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as Node;
}

/** Markdown text is parsed; an already parsed tree is used as is (large documents are slow to parse). */
export function asTree(markdown: string | Node): Node {
  return typeof markdown === 'string' ? parseGfm(markdown) : markdown;
}

export function walk(
  node: Node,
  visit: (n: Node, parent: Node | null) => void,
  parent: Node | null = null,
): void {
  visit(node, parent);
  for (const c of node.children ?? []) walk(c, visit, node);
}

export function textOf(node: Node): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map(textOf).join('');
}

/** The HTML we write ourselves; anything else is a leak. */
const OUR_HTML = [
  /^<details><summary>[^<>]*<\/summary>$/,
  /^<\/details>$/,
  /^<\/?sub>$/,
  /^<!-- bisect-report:[A-Za-z0-9:=._/-]+ -->$/,
];

export interface CheckOptions {
  /** URLs our renderer links to (commit pages, the run, profiles); everything else is a leak. */
  ourUrl?: (url: string) => boolean;
  /** Allow live @login mentions for these logins (an issue that deliberately mentions the author). */
  mentions?: string[];
}

const DEFAULT_URL = (url: string) =>
  /^https:\/\/github\.com\/example-org\/kernel\/(commit\/[0-9a-f]{7,64}|actions\/runs\/\d+|issues\/\d+)$/.test(
    url,
  ) || /^https:\/\/github\.com\/[A-Za-z0-9-]+$/.test(url);

/** Every live construct in `markdown` that did not come from us (empty = safe). */
export function liveProblems(markdown: string, opts: CheckOptions = {}): string[] {
  const ourUrl = opts.ourUrl ?? DEFAULT_URL;
  const problems: string[] = [];
  const tree = parseGfm(markdown);
  walk(tree, (n) => {
    switch (n.type) {
      case 'html':
        if (!OUR_HTML.some((re) => re.test((n.value ?? '').trim()))) problems.push(`html: ${n.value}`);
        break;
      case 'link':
      case 'image':
        if (n.type === 'image' || !ourUrl(n.url ?? '')) problems.push(`${n.type}: ${n.url}`);
        break;
      case 'linkReference':
      case 'imageReference':
      case 'definition':
      case 'footnoteReference':
      case 'footnoteDefinition':
        problems.push(`${n.type}`);
        break;
      case 'text': {
        const v = n.value ?? '';
        for (const m of v.matchAll(/(?:^|[^A-Za-z0-9_`])@([A-Za-z0-9][A-Za-z0-9-]*)/g)) {
          if (!(opts.mentions ?? []).includes(m[1])) problems.push(`mention: ${m[0]}`);
        }
        if (/(?:^|[^A-Za-z0-9_&])#\d/.test(v)) problems.push(`issue reference: ${v}`);
        if (/\bGH-\d/i.test(v)) problems.push(`GH reference: ${v}`);
        if (/[A-Za-z][A-Za-z0-9+.-]*:\/\/|\bwww\./i.test(v)) problems.push(`url text: ${v}`);
        break;
      }
    }
  });
  // A raw-text search for our marker must never match log text, even inside code.
  const comments = markdown.match(/<!--/g)?.length ?? 0;
  const markers = markdown.match(/^<!-- bisect-report:[A-Za-z0-9:=._/-]+ -->$/gm)?.length ?? 0;
  if (comments !== markers) problems.push(`raw <!-- outside our marker (${comments} vs ${markers})`);
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/.test(markdown)) {
    problems.push('control or bidi character');
  }
  return problems;
}

/** Tables whose rows do not all have the header's number of cells (a broken table). */
export function brokenTables(markdown: string | Node): string[] {
  const out: string[] = [];
  walk(asTree(markdown), (n) => {
    if (n.type !== 'table') return;
    const rows = n.children ?? [];
    const width = rows[0]?.children?.length ?? 0;
    rows.forEach((r, i) => {
      if ((r.children?.length ?? 0) !== width)
        out.push(`row ${i}: ${r.children?.length} cells, header ${width}`);
    });
  });
  return out;
}

export function tables(markdown: string | Node): Node[] {
  const out: Node[] = [];
  walk(asTree(markdown), (n) => {
    if (n.type === 'table') out.push(n);
  });
  return out;
}

/** GitHub alerts: block quotes whose first line is [!KIND]. */
export function alerts(markdown: string | Node): { kind: string; text: string }[] {
  const out: { kind: string; text: string }[] = [];
  walk(asTree(markdown), (n) => {
    if (n.type !== 'blockquote') return;
    const first = n.children?.[0];
    if (first?.type !== 'paragraph') return;
    const text = textOf(first);
    const m = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\n/.exec(text);
    if (m) out.push({ kind: m[1], text: text.slice(m[0].length) });
  });
  return out;
}
