// Turns the one JSON object `bisect-report bisect --plan` printed into step outputs (name=value
// lines for $GITHUB_OUTPUT). Every value is a sha, a number, a known word or JSON: nothing from the
// evidence's free text reaches the outputs.
import { readFileSync } from 'node:fs';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const include = plan.done ? [] : (plan.matrix?.include ?? []);
const sha = (s) => (typeof s === 'string' && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(s) ? s : '');
const entries = include.map((e) => ({ commit: sha(e.commit), runs: Number(e.runs), slot: Number(e.slot) }));
const done = plan.done === true || entries.length === 0;
const status = ['culprit', 'not-reproduced', 'older', 'range', 'stopped'].includes(plan.status)
  ? plan.status
  : '';
process.stdout.write(
  `done=${done}\nmatrix=${JSON.stringify({ include: entries })}\nstatus=${status}\nculprit=${sha(plan.culprit)}\n`,
);
