// What the in-process simulators (scripts/bisect-sim.mjs, scripts/jobs-sim.mjs) share: a build of
// the engine to load, and the outcome draw that gives every tool the same luck.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** DIR when given; else the current src/ compiled into .tmp/sim-build (returns the folder). */
export function engineBuild(dir) {
  if (dir) return dir;
  const build = join(root, '.tmp', 'sim-build');
  process.stderr.write('compiling src/ into .tmp/sim-build…\n');
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--outDir', build], {
    cwd: root,
    stdio: 'inherit',
  });
  return build;
}

/**
 * A uniform number in [0, 1) for the k-th run at a position of one scenario: a 32-bit mix (murmur3's
 * finaliser) of the scenario seed, the position and k — common random numbers, so two ways of
 * choosing meet the same outcome wherever they run the same thing.
 */
export function uniform(seed, position, k) {
  let h = (seed ^ Math.imul(position + 1, 0x9e3779b1) ^ Math.imul(k + 7, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 2 ** 32;
}

export const list = (s) => s.split(',').map(Number);
