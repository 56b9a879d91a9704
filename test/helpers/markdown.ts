import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/** The few mdast fields the README tests read. */
export interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  lang?: string | null;
  url?: string;
  children?: MdNode[];
  position?: { start: { line: number } };
}

export function parseMarkdown(text: string): MdNode {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as MdNode;
}

/** Plain text of a node: text and inline code values, concatenated. */
export function textOf(node: MdNode): string {
  if (typeof node.value === 'string') return node.value;
  return (node.children ?? []).map(textOf).join('');
}

export function walk(node: MdNode, visit: (n: MdNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** The top-level nodes from the heading titled `title` up to the next heading of the same or a higher level. */
export function section(root: MdNode, title: string): MdNode[] {
  const nodes = root.children ?? [];
  const start = nodes.findIndex((n) => n.type === 'heading' && textOf(n).trim() === title);
  if (start < 0) return [];
  const depth = nodes[start].depth ?? 1;
  const out: MdNode[] = [];
  for (const n of nodes.slice(start + 1)) {
    if (n.type === 'heading' && (n.depth ?? 1) <= depth) break;
    out.push(n);
  }
  return out;
}

/** A GFM table as rows of cells; each cell keeps its nodes so callers can tell code from text. */
export function tableRows(table: MdNode): MdNode[][] {
  return (table.children ?? []).map((row) => row.children ?? []);
}
