// Jest reporter (jest.config.js): after the run, lists every skipped or todo test with the file and the
// reason in its title (test/helpers/skip.ts puts it there), so a clone without ../shared or Chromium
// sees exactly what was not checked.
import { relative } from 'node:path';

export default class SkipReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const skipped = [];
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        if (t.status !== 'pending' && t.status !== 'skipped' && t.status !== 'todo') continue;
        const name = [...t.ancestorTitles, t.title].join(' › ');
        skipped.push(`  ${relative(this.rootDir, file.testFilePath)}: ${name}`);
      }
    }
    if (skipped.length === 0) return;
    process.stderr.write(`\nSkipped tests (${skipped.length}):\n${skipped.sort().join('\n')}\n\n`);
  }
}
