import { parseArgs } from 'node:util';
import { collectReports } from '../collect.js';
import type { FormatChoice } from '../read/index.js';
import { SCHEMA_VERSION } from '../model.js';
import { renderSummary } from '../render/summary.js';
import { renderText } from '../render/text.js';
import { DEFAULT_CONTEXT } from '../render/context.js';
import { neutraliseWorkflowCommands } from '../render/escape.js';
import { FORMATS, formatChoices, formatFamilies } from '../formats/registry.js';

/** `--format` words for the usage line: auto, each family, then formats outside any family. */
const USAGE_FORMATS = ['auto', ...FORMATS.filter((f) => !f.family).map((f) => f.name), ...formatFamilies()];

/** One help line per format and per family. */
function formatHelp(): string {
  const rows: [string, string][] = [['auto', 'detect the format (default)']];
  for (const family of formatFamilies()) {
    const members = FORMATS.filter((f) => f.family === family).map((f) => f.name);
    rows.push([family, `detect among ${members.join(', ')}`]);
  }
  for (const f of FORMATS) {
    const aliases = f.aliases.length > 0 ? ` (also: ${f.aliases.join(', ')})` : '';
    rows.push([f.name, `${f.helpText}${aliases}`]);
  }
  const width = Math.max(...rows.map(([word]) => word.length)) + 2;
  return rows.map(([word, text]) => `    ${word.padEnd(width)}${text}`).join('\n');
}

export const HELP = `bisect-report — read bisection logs and say how far to trust the culprit

Usage:
  bisect-report [--format ${USAGE_FORMATS.join('|')}] [--json | --markdown] FILE_OR_GLOB...
  bisect-report run [--runs N] [--min-failures K] [--title-regex RE] [--quiet] -- COMMAND [ARGS...]
  bisect-report bisect --good REV --bad REV [--confidence P] [--jobs N] [--max-runs N] [--log FILE] -- COMMAND [ARGS...]
  bisect-report verify --culprit REV [--parent REV] [--confidence P] [--jobs N] [--max-runs N] [--log FILE] -- COMMAND [ARGS...]
  bisect-report --help | --version

Report (default command):
  --format F     log format, one of:
${formatHelp()}
  --json         print {"schemaVersion": 1, "reports": [...]} (schema/report.schema.json)
  --markdown     print the GitHub job-summary Markdown
  (neither)      print a short plain-text verdict per log
  Exit code: 0 when every input was read, 2 when an input could not be read (the rest are still reported).

Flaky-aware bisection (use as the \`git bisect run\` script):
  run            run COMMAND N times on the checked-out commit, print one line per run, and exit
                 0 (good), 1 (bad), 125 (skip) or 128 (abort) — see docs/run-command.md
  --runs N       runs per commit (default 10)
  --min-failures K   failures needed to call the commit bad (default 2)
  --title-regex RE   take the failure title from the first output line matching RE
  --quiet        capture COMMAND's output instead of passing it through (still scanned for the title)

Bisect by running the test itself (flake-aware, Bayesian; see docs/bisect.md):
  bisect         find the first bad commit between --good and --bad, re-running COMMAND where it
                 teaches most, until one commit holds --confidence (default 0.95) and has failed
                 itself while its parent passed; the log (--log FILE, else stdout) reads back as a
                 git bisect log. Exit 0 culprit, 1 no culprit (does not reproduce / older / range),
                 2 usage, 3 stopped (--max-runs, command cannot run, interrupted)
  verify         the culprit-and-parent check alone, for a culprit found any other way
  --jobs N       test N commits or runs at once, each in its own temporary git worktree

Examples:
  bisect-report bisect.txt
  bisect-report --json 'logs/**/*.txt' > reports.json
  git bisect run bisect-report run --runs 10 -- ./test.sh 2>&1 | tee bisect.log
`;

export async function runCli(argv: string[]): Promise<number> {
  if (argv[0] === 'bisect' && argv.includes('--plan')) {
    // One planning step of a bisection spread over a CI matrix (docs/matrix.md).
    const { planCommand } = await import('../bisect/plan.js');
    return planCommand(argv.slice(1));
  }
  if (argv[0] === 'run') {
    const { runCommand } = await import('./runCommand.js');
    return runCommand(argv.slice(1));
  }
  if (argv[0] === 'bisect' || argv[0] === 'verify') {
    const { bisectCommand } = await import('./bisectCommand.js');
    return bisectCommand(argv[0], argv.slice(1));
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'auto' },
        json: { type: 'boolean', default: false },
        markdown: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'V', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`bisect-report: ${(err as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const format = values.format as string;
  if (!formatChoices().includes(format)) {
    process.stderr.write(`bisect-report: unknown --format '${format}' (use ${USAGE_FORMATS.join(', ')})\n`);
    return 2;
  }
  if (positionals.length === 0) {
    process.stderr.write('bisect-report: no log files given (see --help)\n');
    return 2;
  }
  if (values.json) {
    const errors = await writeJsonStream(positionals, format as FormatChoice);
    for (const e of errors) process.stderr.write(`bisect-report: ${e.message}\n`);
    return errors.length > 0 ? 2 : 0;
  }
  const { reports, errors } = await collectReports(positionals, format as FormatChoice);
  for (const e of errors) process.stderr.write(`bisect-report: ${e.message}\n`);
  if (values.markdown) {
    process.stdout.write(neutraliseWorkflowCommands(renderSummary(reports, DEFAULT_CONTEXT)));
  } else {
    process.stdout.write(neutraliseWorkflowCommands(renderText(reports)));
  }
  return errors.length > 0 ? 2 : 0;
}

/**
 * `{"reports": [...]}` written report by report as each is ready, so thousands of logs never
 * sit in memory or in one giant string. Indented for a terminal, one report per line otherwise.
 */
async function writeJsonStream(patterns: string[], format: FormatChoice) {
  const pretty = process.stdout.isTTY === true;
  let count = 0;
  process.stdout.write(`{"schemaVersion": ${SCHEMA_VERSION}, "reports": [`);
  const { errors } = await collectReports(patterns, format, (report) => {
    // `##[` only occurs inside JSON strings, where \u0023 is the same character: still valid JSON.
    const text = (pretty ? JSON.stringify(report, null, 2) : JSON.stringify(report)).replace(
      /##\[/g,
      '#\\u0023[',
    );
    process.stdout.write((count++ === 0 ? '\n' : ',\n') + text);
  });
  process.stdout.write(count > 0 ? '\n]}\n' : ']}\n');
  return errors;
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.1.0';
