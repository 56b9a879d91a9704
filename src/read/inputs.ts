// A namespace import: on Node < 22 (no fs.globSync) the CLI can still start and say which Node it needs.
import * as fs from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
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
    // Taken literally, `#name` included: comment lines are the action's `logs` input's (config.ts).
    if (pattern === '') continue;
    if (!GLOB_CHARS.test(pattern) || existsPlain(pattern)) {
      add(pattern);
      continue;
    }
    const matched = globFiles(pattern);
    if (matched.length === 0) errors.push(new InputError(pattern, 'pattern matched no files'));
    for (const m of matched) add(m);
  }
  return { files, errors };
}

function globFiles(pattern: string): string[] {
  return (
    fs
      .globSync(pattern, { withFileTypes: true })
      // FIFOs are kept so readLog can say why it skips them (it never opens one).
      .filter((d) => d.isFile() || d.isSymbolicLink() || d.isFIFO())
      .map((d) => join(d.parentPath, d.name))
      .map((p) => (isAbsolute(pattern) ? p : relative(process.cwd(), p)))
      .sort()
  );
}

function existsPlain(path: string): boolean {
  try {
    fs.statSync(path);
    return true;
  } catch {
    return false;
  }
}
