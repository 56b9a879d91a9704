#!/usr/bin/env node
import { runCli } from './main.js';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bisect-report: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
