#!/usr/bin/env node
import { runCli } from './main.js';
import { EXIT_STDOUT_CLOSED, noteStdoutError, stdoutClosed, watchStdout } from './stdout.js';

const MIN_NODE_MAJOR = 22;
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < MIN_NODE_MAJOR) {
  process.stderr.write(
    `bisect-report: needs Node ${MIN_NODE_MAJOR} or later (this is Node ${process.versions.node})\n`,
  );
  // As a `git bisect run` script, 128 stops the bisection instead of marking the commit bad.
  process.exit(process.argv[2] === 'run' ? 128 : 2);
}

watchStdout();
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = stdoutClosed() ? EXIT_STDOUT_CLOSED : code;
  },
  (err: unknown) => {
    if (noteStdoutError(err) || stdoutClosed()) {
      process.exitCode = EXIT_STDOUT_CLOSED;
      return;
    }
    process.stderr.write(`bisect-report: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
