// Fails when the committed dist/ differs from a fresh build of src/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const fresh = mkdtempSync(join(tmpdir(), 'bisect-report-dist-'));
execFileSync(process.execPath, [join(root, 'scripts/package.mjs'), fresh], { cwd: root, stdio: 'inherit' });

function list(dir, base = dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) files.push(...list(p, base));
    else files.push(relative(base, p));
  }
  return files.sort();
}
const committed = join(root, 'dist');
const a = list(fresh);
let b = [];
try {
  b = list(committed);
} catch {
  b = [];
}
const diffs = [];
for (const f of new Set([...a, ...b])) {
  if (!a.includes(f)) diffs.push(`only in dist/: ${f}`);
  else if (!b.includes(f)) diffs.push(`missing from dist/: ${f}`);
  else if (!readFileSync(join(fresh, f)).equals(readFileSync(join(committed, f))))
    diffs.push(`differs: ${f}`);
}
rmSync(fresh, { recursive: true, force: true });
if (diffs.length > 0) {
  console.error(diffs.join('\n'));
  console.error('dist/ is out of date: run npm run package and commit dist/');
  process.exit(1);
}
console.log('dist/ matches a fresh build');
