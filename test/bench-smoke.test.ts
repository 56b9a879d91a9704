import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/paths.js';
import { runProcess } from './helpers/run.js';

/** Keeps `npm run bench` from rotting: the tiny version runs end to end. No timing is asserted. */
test('bench --smoke writes every field of bench/results.json', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'br-bench-')), 'results.json');
  const r = await runProcess(process.execPath, [join(ROOT, 'scripts', 'bench.mjs'), '--smoke', '--out', out]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(0);
  const res = JSON.parse(readFileSync(out, 'utf8'));
  for (const field of ['parse_vs_grep_ratio', 'parse_peak_rss_mb', 'action_vs_node_ratio', 'bundle_kb']) {
    expect(typeof res[field]).toBe('number');
    expect(res[field]).toBeGreaterThan(0);
  }
  expect(res.machine.cpus).toBeGreaterThan(0);
  expect(res.requests.fresh_failure_with_pr).toBeGreaterThan(0);
  expect(res.requests.identical_rerun_writes).toBe(0);
  expect(res.memory.git_console.small_rss_mb).toBeGreaterThan(0);
}, 240000);
