/**
 * A reader that closes our stdout early (`bisect-report --json LOG | head -1`) is not an error:
 * like a Unix tool killed by SIGPIPE, the CLI stops writing, says nothing and exits 141 (128 +
 * SIGPIPE, what a shell reports for such a tool; above 127, so `git bisect run` aborts rather than
 * reading it as good or bad). Node ignores SIGPIPE, so the EPIPE arrives as an error instead.
 */
export const EXIT_STDOUT_CLOSED = 141;

let closed = false;

/** True once a write to stdout failed because its reader went away. */
export function stdoutClosed(): boolean {
  return closed;
}

/** Records a failed write to stdout; true when it was EPIPE (the caller stops quietly). */
export function noteStdoutError(err: unknown): boolean {
  if ((err as NodeJS.ErrnoException)?.code !== 'EPIPE') return false;
  closed = true;
  return true;
}

/** Turns stream errors on stdout into a quiet stop instead of an uncaught exception. */
export function watchStdout(): void {
  process.stdout.on('error', (err) => {
    if (noteStdoutError(err)) {
      // May come after the command has already set its own exit code.
      process.exitCode = EXIT_STDOUT_CLOSED;
      return;
    }
    process.stderr.write(`bisect-report: cannot write to stdout: ${err.message}\n`);
    process.exit(1);
  });
}
