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
    const glob = await import('@actions/glob');
    const globber = await glob.create(pattern, { matchDirectories: false, implicitDescendants: false });
    const matched = (await globber.glob()).sort();
    if (matched.length === 0) errors.push(new InputError(pattern, 'pattern matched no files'));
    for (const m of matched) add(m);
  }
  return { files, errors };
}

function existsPlain(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
