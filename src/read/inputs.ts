import { statSync } from 'node:fs';
import { InputError } from './readLog.js';

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
