// Builds the two committed bundles: dist/index.js (the action) and dist/cli/index.js (the CLI).
// tsc compiles src/ to .tmp/build, then ncc bundles and minifies each entry point.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const out = process.argv[2] ?? join(root, 'dist');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

rmSync(join(root, '.tmp/build'), { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.build.json']);
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
ncc('.tmp/build/index.js', out);
ncc('.tmp/build/cli/index.js', join(out, 'cli'));

const cli = join(out, 'cli', 'index.js');
let text = readFileSync(cli, 'utf8');
if (!text.startsWith('#!')) text = '#!/usr/bin/env node\n' + text;
writeFileSync(cli, text);
chmodSync(cli, 0o755);
for (const d of [out, join(out, 'cli')]) {
  const pkg = join(d, 'package.json');
  if (!existsSync(pkg)) writeFileSync(pkg, '{"type":"module"}\n');
}
