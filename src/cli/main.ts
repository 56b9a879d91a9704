import { parseArgs } from 'node:util';
import { collectReports } from '../collect.js';
import { verdictsFromHistory, windowHistory } from '../read/history.js';
import type { FormatChoice } from '../read/index.js';
import { isNotText } from '../read/readLog.js';
import { SCHEMA_VERSION, type Report } from '../model.js';
import { renderSummary } from '../render/summary.js';
import { renderText } from '../render/text.js';
import { DEFAULT_CONTEXT } from '../render/context.js';
import { neutraliseWorkflowCommands, plain } from '../render/escape.js';
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
  bisect-report bisect --good REV --bad REV [--confidence P] [--jobs N] [--max-runs N] [--timeout S] [--log FILE] -- COMMAND [ARGS...]
  bisect-report verify --culprit REV [--parent REV] [--confidence P] [--jobs N] [--max-runs N] [--timeout S] [--log FILE] -- COMMAND [ARGS...]
  bisect-report bisect --plan --good REV --bad REV --jobs K [--runs N] [--rounds-left R] [--evidence PATH]... [--log FILE]
  bisect-report --help | --version
  bisect-report run|bisect|verify --help     the options of one command, one line each
  bisect-report bisect --plan --help

Report (default command):
  --format F     log format, one of:
${formatHelp()}
  --json         print {"schemaVersion": ${SCHEMA_VERSION}, "reports": [...]} (schema/report.schema.json)
  --markdown     print the GitHub job-summary Markdown
  (neither)      print a short plain-text verdict per log
  --json and --markdown exclude each other.
  Exit code: 0 when every input is a bisection log that could be read; 2 when one is missing, a
  directory, a glob matching nothing, empty or binary (the rest are still reported; a text file
  that holds no bisection is reported as such), or the command line is wrong. The action fails its step in the same cases.
  Every command exits 141 (like a tool ended by SIGPIPE), quietly, when the reader of its stdout
  goes away early (\`bisect-report --json LOG | head -1\`).

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
  bisect --plan  one round of a bisection across a CI matrix (docs/matrix.md): read the evidence
                 files of \`bisect-report run\` probes so far (--evidence, files or directories) and
                 print one JSON object, the next K jobs {"done": false, "matrix": {"include": [...]}}
                 (at most --runs runs each, fitted to --rounds-left) or the answer {"done": true, ...};
                 --log FILE writes the bisect log of the evidence so far
  --jobs N       test N commits or runs at once, each in its own temporary git worktree
  --timeout S    a run taking over S seconds is ended (its whole process group) and counts as a
                 failing run: for most regressions a hang is the failure (default: no limit)
  --min-repro R  a failure rarer than R at the bad end counts as "does not reproduce" (default 0.05)
  --verbose      pass the test's output through to stderr, each line prefixed with commit and run

Examples:
  bisect-report bisect.txt
  bisect-report --json 'logs/**/*.txt' > reports.json
  git bisect run bisect-report run --runs 10 -- ./test.sh 2>&1 | tee bisect.log
  bisect-report bisect --plan --good v1.0 --bad main --jobs 8 --evidence evidence/ > plan.json
  bisect-report bisect --good v1.0 --bad main --jobs 4 --log bisect.log -- ./test.sh
  bisect-report verify --culprit 1a2b3c4d --log verify.log -- ./test.sh
`;

export async function runCli(argv: string[]): Promise<number> {
  if (argv[0] === 'bisect' && argv.includes('--plan')) {
    // One planning step of a bisection spread over a CI matrix (docs/matrix.md).
    const { planCommand } = await import('./planCommand.js');
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
  if (values.json && values.markdown) {
    process.stderr.write('bisect-report: --json and --markdown exclude each other (pick one)\n');
    return 2;
  }
  if (positionals.length === 0) {
    process.stderr.write('bisect-report: no log files given (see --help)\n');
    return 2;
  }
  if (values.json) {
    const { errors, unrecognized } = await writeJsonStream(positionals, format as FormatChoice);
    return exitCode(errors, unrecognized);
  }
  // Inside a checkout that has the log's commits, window positions come from git rev-list (as in the action).
  const { reports, errors } = await collectReports(
    positionals,
    format as FormatChoice,
    undefined,
    windowHistory,
    verdictsFromHistory,
  );
  if (values.markdown) {
    process.stdout.write(neutraliseWorkflowCommands(renderSummary(reports, DEFAULT_CONTEXT)));
  } else {
    process.stdout.write(neutraliseWorkflowCommands(renderText(reports)));
  }
  return exitCode(errors, reports.filter(isNotText));
}

/**
 * One rule, the action's too (README, Inputs): every input must be a bisection log that could be
 * read. A missing file, a directory, a glob matching nothing, an empty or binary file
 * is named on stderr and makes the exit code 2; the other logs are still reported.
 */
function exitCode(errors: { message: string }[], unrecognized: Report[]): number {
  for (const e of errors) process.stderr.write(`bisect-report: ${e.message}\n`);
  for (const r of unrecognized)
    process.stderr.write(
      `bisect-report: ${plain(r.source, 300)}: ${plain(r.reason ?? 'not a text log', 200)}\n`,
    );
  return errors.length > 0 || unrecognized.length > 0 ? 2 : 0;
}

/**
 * `{"reports": [...]}` written report by report as each is ready, so thousands of logs never
 * sit in memory or in one giant string. Indented for a terminal, one report per line otherwise.
 */
async function writeJsonStream(patterns: string[], format: FormatChoice) {
  const pretty = process.stdout.isTTY === true;
  let count = 0;
  const unrecognized: Report[] = [];
  process.stdout.write(`{"schemaVersion": ${SCHEMA_VERSION}, "reports": [`);
  const { errors } = await collectReports(
    patterns,
    format,
    (report) => {
      if (isNotText(report)) unrecognized.push(report);
      // `##[` only occurs inside JSON strings, where \u0023 is the same character: still valid JSON.
      const text = (pretty ? JSON.stringify(report, null, 2) : JSON.stringify(report)).replace(
        /##\[/g,
        '#\\u0023[',
      );
      process.stdout.write((count++ === 0 ? '\n' : ',\n') + text);
    },
    windowHistory,
    verdictsFromHistory,
  );
  process.stdout.write(count > 0 ? '\n]}\n' : ']}\n');
  return { errors, unrecognized };
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.1.0';
