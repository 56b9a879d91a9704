// `npm run demo`: runs the BUILT action (dist/index.js) the way a GitHub runner would, on an example
// log, in dry-run, with no token and no network. Prints the action's log (including the issue it
// would file), then the job summary Markdown and the step outputs.
//
//   npm run demo                      # examples/syzkaller-cause.txt (or the first example log)
//   npm run demo -- path/to/bisect.log
//
// BISECT_REPORT_DIST=/some/dir runs that build instead of dist/ (the tests use it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const distDir = process.env.BISECT_REPORT_DIST ? resolve(process.env.BISECT_REPORT_DIST) : join(root, 'dist');
const action = join(distDir, 'index.js');
const PREFERRED_EXAMPLE = 'examples/syzkaller-cause.txt';

/** The preferred example log, else the first plain file in examples/ that is not a script. */
function defaultExample() {
  if (existsSync(join(root, PREFERRED_EXAMPLE))) return PREFERRED_EXAMPLE;
  const dir = join(root, 'examples');
  const names = existsSync(dir) ? readdirSync(dir).sort() : [];
  const log = names.find(
    (n) => !/\.(sh|mjs|js|ts|md)$/.test(n) && !n.startsWith('.') && statSync(join(dir, n)).isFile(),
  );
  return log ? `examples/${log}` : null;
}

/** Parses $GITHUB_OUTPUT: `name<<DELIMITER\nvalue\nDELIMITER` blocks (and plain `name=value` lines). */
function parseOutputFile(text) {
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]);
      outputs[heredoc[1]] = value.join('\n');
      continue;
    }
    const plain = /^([^=]+)=(.*)$/.exec(lines[i]);
    if (plain) outputs[plain[1]] = plain[2];
  }
  return outputs;
}

/** Turns workflow commands (`::notice title=x::msg`) into readable lines; other lines pass through. */
function readableLog(text) {
  const unescape = (s) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  return text
    .split('\n')
    .filter((line) => !/^::(add-mask|debug|set-output|save-state)/.test(line))
    .map((line) => {
      const cmd = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
      if (!cmd) return line;
      if (cmd[1] === 'group') return `── ${unescape(cmd[2])}`;
      if (cmd[1] === 'endgroup') return '';
      return `${cmd[1]}: ${unescape(cmd[2])}`;
    })
    .join('\n');
}

function main() {
  const arg = process.argv[2];
  const example = arg ?? defaultExample();
  if (!example) {
    console.error('demo: no example log found in examples/ (pass one: npm run demo -- path/to/log)');
    return 2;
  }
  if (!existsSync(action)) {
    console.error(`demo: ${relative(root, action)} is missing: run npm run package first`);
    return 2;
  }
  const temp = mkdtempSync(join(tmpdir(), 'bisect-report-demo-'));
  try {
    const summaryFile = join(temp, 'step-summary.md');
    const outputFile = join(temp, 'github-output.txt');
    writeFileSync(summaryFile, '');
    writeFileSync(outputFile, '');
    // A runner-like environment built from scratch, so nothing from this shell (a real token,
    // GITHUB_* of an enclosing workflow) leaks in.
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'example/repo',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_WORKSPACE: root,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: temp,
      INPUT_LOGS: example,
      'INPUT_DRY-RUN': 'true',
      INPUT_TOKEN: '',
    };
    const shownAction = action.startsWith(root + '/') ? relative(root, action) : action;
    console.log(`$ node ${shownAction}   # logs: ${example}, dry-run, no token\n`);
    const child = spawnSync(process.execPath, [action], { cwd: root, env, encoding: 'utf8' });
    if (child.error) {
      console.error(`demo: could not run the action: ${child.error.message}`);
      return 1;
    }
    console.log('━━━ Action log ━━━');
    console.log(readableLog(child.stdout).trimEnd());
    if (child.stderr.trim()) console.error(child.stderr.trimEnd());
    console.log('\n━━━ Job summary (Markdown written to $GITHUB_STEP_SUMMARY) ━━━');
    console.log(readFileSync(summaryFile, 'utf8').trimEnd() || '(empty)');
    console.log('\n━━━ Outputs ━━━');
    const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
    const width = Math.max(0, ...Object.keys(outputs).map((k) => k.length));
    for (const [name, value] of Object.entries(outputs)) {
      const shown = name === 'report-json' ? `${value}  (temporary, removed after the demo)` : value;
      console.log(`${name.padEnd(width)}  ${shown === '' ? '(empty)' : shown}`);
    }
    console.log(`\nexit code ${child.status}`);
    return child.status ?? 1;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

process.exitCode = main();
