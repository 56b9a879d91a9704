/**
 * Skipping with a reason that `npm test` prints at the end (test/helpers/skip-reporter.mjs lists every
 * skipped test). A skipped part registers one skipped test titled `skipped: <reason>` and never runs its
 * body: the body may read what is missing while tests are collected.
 */
export function describeOrSkip(name: string, skipReason: string | undefined, fn: () => void): void {
  if (skipReason === undefined) describe(name, fn);
  else describe(name, () => test.skip(`skipped: ${skipReason}`, () => undefined));
}

/** test() that is skipped with a printed reason when `skipReason` is set. */
export function testOrSkip(
  name: string,
  skipReason: string | undefined,
  fn: () => Promise<void>,
  timeout?: number,
): void {
  if (skipReason === undefined) test(name, fn, timeout);
  else test.skip(`${name} — skipped: ${skipReason}`, () => undefined);
}
