import * as fs from 'node:fs';
import { statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { InputError } from './readLog.js';

type GlobSync = (
  pattern: string,
  options: { withFileTypes: true },
) => { name: string; parentPath: string; isFile(): boolean; isSymbolicLink(): boolean }[];

const GLOB_CHARS = /[*?[\]{}]/;

export interface ExpandedInputs {
  files: string[];
  errors: InputError[];
}

/**
 * Turns newline/argument-separated paths and globs into files, in input order, without
 * duplicates. A literal path is kept even when missing (readLog reports why); a glob that
 * matches nothing is an error naming the pattern.
 */
export async function expandInputs(patterns: string[]): Promise<ExpandedInputs> {
  const files: string[] = [];
  const errors: InputError[] = [];
  const seen = new Set<string>();
  const add = (f: string): void => {
    if (!seen.has(f)) {
      seen.add(f);
      files.push(f);
    }
  };
  for (const raw of patterns) {
    const pattern = raw.trim();
    if (pattern === '' || pattern.startsWith('#')) continue;
    if (!GLOB_CHARS.test(pattern) || existsPlain(pattern)) {
      add(pattern);
      continue;
    }
    // @actions/glob is loaded only when a glob is actually given.
    const matched = await globFiles(pattern);
    if (matched.length === 0) errors.push(new InputError(pattern, 'pattern matched no files'));
    for (const m of matched) add(m);
  }
  return { files, errors };
}

async function globFiles(pattern: string): Promise<string[]> {
  // Node ≥ 22 globs natively (the action runs on Node 24); older Node (CLI users) uses @actions/glob.
  const native = (fs as unknown as { globSync?: GlobSync }).globSync;
  if (typeof native === 'function') {
    return native(pattern, { withFileTypes: true })
      .filter((d) => d.isFile() || d.isSymbolicLink())
      .map((d) => join(d.parentPath, d.name))
      .map((p) => (isAbsolute(pattern) ? p : relative(process.cwd(), p)))
      .sort();
  }
  const glob = await import('@actions/glob');
  // @actions/glob reports progress as ::debug:: workflow commands on stdout. On a runner they
  // are hidden; in the CLI they would corrupt --json output, so they are dropped there.
  const write = process.stdout.write;
  if (!process.env.GITHUB_ACTIONS) {
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
      typeof chunk === 'string' && chunk.startsWith('::debug::')
        ? true
        : (write as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest)) as typeof write;
  }
  try {
    const globber = await glob.create(pattern, { matchDirectories: false, implicitDescendants: false });
    return (await globber.glob()).sort();
  } finally {
    process.stdout.write = write;
  }
}

function existsPlain(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
