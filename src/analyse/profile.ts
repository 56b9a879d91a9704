import type { Report } from '../model.js';
import { formatOf, isHarnessTitle } from '../formats/registry.js';
import type { FailureSignatures } from './evidence.js';
import { isInfraTitle, matchTestFailure, testSignature } from './signatures.js';

/**
 * What the trust analysis needs to know about a log's format (docs/trust.md), from the format's
 * trust profile in src/formats/<format>/. The defaults fit a project's own test run by a bisection
 * script: failure lines compared by normalised signature, no kernel checks on the culprit.
 */
export interface TrustProfile {
  signatures: FailureSignatures;
  /** Prior probability that a correctly located change point is the bug's root cause. */
  rootCauseBase: number;
  /** Kernel-style checks on the culprit (merges, build files, detectors, long ranges). */
  kernelChecks: boolean;
  /** Prior weight of a tested commit having its own, lower repro rate (posterior.ts). */
  drift: number;
  /** Beta prior of the false-alarm rate ε: how often a commit without the bug shows its failure. */
  falseAlarmPrior: [number, number];
}

/** Root-cause base of a project's own test: it rarely finds a commit that only exposed the bug. */
export const TEST_ROOT_CAUSE_BASE = 0.9;

/**
 * The false-alarm prior of a project's test, Beta(1, 9): mean 10 % (FACF's flake-rate floor), 39 %
 * of its mass above 10 % (docs/trust.md). A flaky test fails on commits without the bug as it
 * fails on the others — with the same assertion — so nothing presumes it rarely does.
 */
export const TEST_FALSE_ALARM_PRIOR: [number, number] = [1, 9];

/**
 * The false-alarm prior of a crash reproducer, Beta(1, 30): a kernel without the bug rarely shows a
 * crash of the bisected family; unrelated crashes are modelled apart (match weights, ω).
 */
export const CRASH_FALSE_ALARM_PRIOR: [number, number] = [1, 30];

/** A project's test failure lines, compared by normalised signature (no harness titles). */
export function testSignatures(isHarness: (title: string) => boolean = () => false): FailureSignatures {
  return {
    key: testSignature,
    match: (title, target) =>
      isInfraTitle(title, isHarness) ? { match: 'infra', weight: 0 } : matchTestFailure(title, target),
    isInfra: (title) => isInfraTitle(title, isHarness),
  };
}

/**
 * The trust profile of a report's format. Given the whole report, failure titles are compared with
 * what the log shows beyond them (the format's `inLog` signatures: crash stacks, culprit files).
 */
export function profileFor(
  report: Pick<Report, 'format'> & Partial<Pick<Report, 'crash' | 'culpritCrash' | 'culprit' | 'steps'>>,
): TrustProfile {
  const trust = formatOf(report)?.trust;
  const isHarness = (title: string) => isHarnessTitle(report, title);
  const own = trust?.signatures;
  const match =
    own?.inLog && (report.crash || report.culpritCrash)
      ? own.inLog({
          crash: report.crash ?? null,
          culpritCrash: report.culpritCrash,
          culprit: report.culprit ?? null,
          steps: report.steps ?? [],
        })
      : own?.match;
  return {
    signatures: own
      ? {
          key: own.key,
          match: (title, target) => match!(title, target, isHarness),
          isInfra: (title) => isInfraTitle(title, isHarness),
        }
      : testSignatures(isHarness),
    rootCauseBase: trust?.rootCauseBase ?? TEST_ROOT_CAUSE_BASE,
    kernelChecks: trust?.kernel === true,
    drift: trust?.drift ?? 0,
    falseAlarmPrior: trust?.crashReproducer ? CRASH_FALSE_ALARM_PRIOR : TEST_FALSE_ALARM_PRIOR,
  };
}
