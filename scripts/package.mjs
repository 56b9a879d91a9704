// Builds the two committed bundles: dist/index.js (the action) and dist/cli/index.js (the CLI).
// tsc compiles src/ to .tmp/build, then ncc bundles and minifies each entry point.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const out = process.argv[2] ?? join(root, 'dist');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

// One fixed build directory (ncc's chunk names depend on module paths, and dist/ must be
// reproducible), guarded by a lock so parallel builds wait for each other instead of clashing.
mkdirSync(join(root, '.tmp'), { recursive: true });
const lock = join(root, '.tmp', 'build.lock');
for (let waited = 0; ; waited += 200) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    if (waited > 180000) rmSync(lock, { recursive: true, force: true }); // stale
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}
process.on('exit', () => rmSync(lock, { recursive: true, force: true }));
const build = join(root, '.tmp', 'build');
rmSync(build, { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.build.json', '--outDir', build]);
rmSync(out, { recursive: true, force: true });
const ncc = (entry, dir) =>
  run(process.execPath, [
    join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
    'build',
    entry,
    '-o',
    dir,
    '-m',
    '-q',
    '--license',
    'licenses.txt',
  ]);
ncc(join(build, 'index.js'), out);
ncc(join(build, 'cli', 'index.js'), join(out, 'cli'));
rmSync(build, { recursive: true, force: true });

const cli = join(out, 'cli', 'index.js');
let text = readFileSync(cli, 'utf8');
if (!text.startsWith('#!')) text = '#!/usr/bin/env node\n' + text;
writeFileSync(cli, text);
chmodSync(cli, 0o755);
for (const d of [out, join(out, 'cli')]) {
  const pkg = join(d, 'package.json');
  if (!existsSync(pkg)) writeFileSync(pkg, '{"type":"module"}\n');
}
