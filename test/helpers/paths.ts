import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeOrSkip } from './skip.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The bundles under test; BISECT_REPORT_DIST points tests at another build (e.g. a private one). */
export const DIST_DIR = process.env.BISECT_REPORT_DIST
  ? resolve(process.env.BISECT_REPORT_DIST)
  : join(ROOT, 'dist');
export const DIST_ACTION = join(DIST_DIR, 'index.js');
export const DIST_CLI = join(DIST_DIR, 'cli', 'index.js');
export const SHARED = resolve(ROOT, '..', 'shared');
export const CORPUS = join(SHARED, 'corpus');
export const hasCorpus = existsSync(join(CORPUS, 'README.md'));

/** describe() that is skipped, with the reason printed at the end of the run, when ../shared/corpus is absent. */
export function describeWithCorpus(name: string, fn: () => void): void {
  describeOrSkip(name, hasCorpus ? undefined : '../shared/corpus not found next to the repository', fn);
}
