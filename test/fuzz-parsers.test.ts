import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readLog } from '../src/read/readLog.js';
import { analyse } from '../src/analyse/index.js';
import { renderSummary } from '../src/render/summary.js';
import { DEFAULT_CONTEXT } from '../src/render/context.js';
import { ROOT } from './helpers/paths.js';
import { schemaErrors } from './helpers/schema.js';

/** Real-shaped logs of every format we ship as examples or fixtures. */
function seedLogs(): { name: string; text: string }[] {
  const dirs = [
    join(ROOT, 'examples'),
    join(ROOT, 'test', 'fixtures', 'syzkaller'),
    join(ROOT, 'test', 'fixtures', 'git'),
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
  // Always at least one hand-written seed so the property runs on a fresh checkout.
  seeds.push({
    name: 'inline-git.log',
    text: [
      'Bisecting: 3 revisions left to test after this (roughly 2 steps)',
      '[1111111111111111111111111111111111111111] second change',
      'running ./test.sh',
      'Bisecting: 1 revision left to test after this (roughly 1 step)',
      '[2222222222222222222222222222222222222222] third change',
      '3333333333333333333333333333333333333333 is the first bad commit',
      'commit 3333333333333333333333333333333333333333',
      'Author: A U Thor <author@example.com>',
      'Date:   Mon Jan 1 00:00:00 2024 +0000',
      '',
      '    break things',
      '',
      ' src/a.c | 2 +-',
      ' 1 file changed, 1 insertion(+), 1 deletion(-)',
      'bisect found first bad commit',
    ].join('\n'),
  });
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
