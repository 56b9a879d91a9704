import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readLog } from '../src/read/readLog.js';
import { analyse } from '../src/analyse/index.js';
import { renderSummary } from '../src/render/summary.js';
import { DEFAULT_CONTEXT } from '../src/render/context.js';
import { ROOT } from './helpers/paths.js';
import { FORMATS } from '../src/formats/registry.js';
import { schemaErrors } from './helpers/schema.js';

/**
 * Real-shaped logs of every registered format: the examples and each format's fixtures in
 * `test/fixtures/<format>/` (and `test/fixtures/<family>/`).
 */
function seedLogs(): { name: string; text: string }[] {
  const dirs = [
    join(ROOT, 'examples'),
    ...[...new Set(FORMATS.flatMap((f) => [f.name, ...(f.family ? [f.family] : [])]))].map((d) =>
      join(ROOT, 'test', 'fixtures', d),
    ),
  ];
  const seeds: { name: string; text: string }[] = [];
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)) {
      if (!/\.(txt|log)$/.test(f)) continue;
      const text = readFileSync(join(d, f), 'utf8');
      if (text.length > 0 && text.length < 2_000_000) seeds.push({ name: f, text });
    }
  }
  return seeds;
}

const dir = mkdtempSync(join(tmpdir(), 'br-fuzz-'));
const seeds = seedLogs();
let counter = 0;

function check(text: string): void {
  const file = join(dir, `f${counter++}.log`);
  writeFileSync(file, text);
  const report = analyse(readLog(file));
  expect(schemaErrors({ reports: [report] })).toBeNull();
  expect(typeof renderSummary([report], DEFAULT_CONTEXT)).toBe('string');
}

describe('parsers never throw and always yield a schema-valid report', () => {
  test('truncation at any point', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (i, at) => {
          const t = seeds[i].text;
          check(t.slice(0, Math.floor(t.length * at)));
        },
      ),
      { numRuns: 150 },
    );
  });

  test('random line edits: drop, duplicate, swap, garble', () => {
    const edit = fc.record({
      op: fc.constantFrom('drop', 'dup', 'swap', 'garble', 'insert'),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      junk: fc.string({ maxLength: 80 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(edit, { maxLength: 12 }),
        (i, edits) => {
          const lines = seeds[i].text.split('\n');
          for (const e of edits) {
            const k = Math.min(lines.length - 1, Math.floor(e.at * lines.length));
            if (e.op === 'drop') lines.splice(k, 1);
            else if (e.op === 'dup') lines.splice(k, 0, lines[k] ?? '');
            else if (e.op === 'swap' && k > 0) [lines[k - 1], lines[k]] = [lines[k], lines[k - 1]];
            else if (e.op === 'garble') lines[k] = (lines[k] ?? '').slice(0, e.junk.length) + e.junk;
            else lines.splice(k, 0, e.junk);
          }
          check(lines.join('\n'));
        },
      ),
      { numRuns: 150 },
    );
  });
});
