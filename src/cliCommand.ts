/**
 * How reports spell a command of this CLI, so it runs as written. The CLI is not on PATH (it is not
 * published to npm): it is the committed bundle of a clone of bisect-report, which the README
 * ("Command line") clones to ~/bisect-report and runs with Node 22 or later.
 */
export const CLI_INVOCATION = 'node ~/bisect-report/dist/cli/index.js';

/** The user's test in a suggested command; the words around the command say to replace it. */
export const TEST_PLACEHOLDER = './test.sh';

/** `node ~/bisect-report/dist/cli/index.js <args>`: args are ours (flags, plain commit ids) only. */
export function cliCommand(args: string): string {
  return `${CLI_INVOCATION} ${args}`;
}
