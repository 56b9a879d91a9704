/**
 * How one run's outcome relates to the failure being bisected (docs/trust.md, "Failure signatures").
 * `weight` is the probability that the run shows the target failure: 1 for the same signature, in
 * between for related ones, near 0 for unrelated failures. Censored runs carry no evidence. Each
 * format says how its titles compare (its trust profile in src/formats/<format>/); what is here is
 * the default, a project's own test output.
 */
export type MatchClass = 'exact' | 'family' | 'related' | 'other' | 'infra' | 'clean' | 'censored';

export interface RunMatch {
  match: MatchClass;
  weight: number;
}

/**
 * Tells the harness and infrastructure titles of a log's format (`isHarnessTitle` of its
 * definition in src/formats/): they say nothing about the bug unless the bug is one of them.
 */
export type HarnessRule = (title: string) => boolean;

export function isInfraTitle(title: string, isHarness: HarnessRule): boolean {
  return isHarness(title.replace(/\s+/g, ' ').trim());
}

/** A weight at or above this counts as "on signature" for reasons and the ledger. */
export const ON_SIGNATURE = 0.5;

/**
 * A project test's failure line without what varies from run to run: temp paths, hex ids (commits,
 * addresses), durations, ports, PIDs, run counters, any number. Two failures with the same
 * signature are the same failure (docs/trust.md, "Failure signatures").
 */
export function testSignature(title: string): string {
  return (
    title
      .replace(/(?:[A-Za-z]:)?(?:[\w.@+~-]*[/\\])+[\w.@+~-]*/g, '<path>')
      .replace(/\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?/g, '<time>')
      // Hex ids (commits, addresses) and numbers (counters, PIDs, ports, durations) alike: an
      // abbreviated commit id can be all digits.
      .replace(/\b(?:0x)?[0-9a-f]*\d[0-9a-f]*\b/gi, (m) => (m.length >= 6 || /^[\dx]+$/i.test(m) ? '<n>' : m))
      .replace(/\d+(?:[.,:]\d+)*(?:\s?(?:ns|us|µs|ms|s|sec|secs|seconds?|m|min|minutes?|h)\b)?/g, '<n>')
      .replace(/<n>(?:\s?(?:ns|us|µs|ms|s|sec|secs|seconds?|m|min|minutes?|h)\b)/g, '<n>')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * Weight of a test failure whose signature differs from the bisected one: a project's test that
 * fails another way on a bad commit is often the same regression (another assertion, a timeout it
 * causes), so it counts as weaker evidence, never as proof of another cause.
 */
export const OTHER_TEST_FAILURE_WEIGHT = 0.3;

/** Classifies a project test's failure line against the bisected one by normalised signature. */
export function matchTestFailure(title: string, target: string | null): RunMatch {
  if (target === null) return { match: 'family', weight: 1 };
  if (testSignature(title) === testSignature(target)) return { match: 'exact', weight: 1 };
  return { match: 'other', weight: OTHER_TEST_FAILURE_WEIGHT };
}
