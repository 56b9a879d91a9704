import type { Report } from '../model.js';
import type { FormatExtras, LogFormatDefinition } from './types.js';
import type { SyzkallerDetails } from './syzkaller/details.js';
import { syzkallerFormat } from './syzkaller/index.js';
import { gitBisectRunFormat } from './git-bisect-run/index.js';
import { gitBisectLogFormat } from './git-bisect-log/index.js';
import { cargoBisectRustcFormat } from './cargo-bisect-rustc/index.js';
import { mozregressionFormat } from './mozregression/index.js';
import { chromiumBisectBuildsFormat } from './chromium-bisect-builds/index.js';
import { hgBisectFormat } from './hg-bisect/index.js';
import { jjBisectFormat } from './jj-bisect/index.js';
import { lkpFormat } from './lkp/index.js';
import { kernelciFormat } from './kernelci/index.js';
import { gitBayesectFormat } from './git-bayesect/index.js';

/**
 * Every known log format: adding one is its folder plus one line here (see CONTRIBUTING.md).
 * Order matters only for detection ties: the first format whose parser's detectLine fires wins.
 */
export const FORMATS = [
  syzkallerFormat,
  gitBisectLogFormat,
  gitBisectRunFormat,
  cargoBisectRustcFormat,
  mozregressionFormat,
  chromiumBisectBuildsFormat,
  hgBisectFormat,
  jjBisectFormat,
  lkpFormat,
  kernelciFormat,
  gitBayesectFormat,
] as const;

export type FormatName = (typeof FORMATS)[number]['name'];

/**
 * `report.details`: each format's extras under its name, typed in the format's folder (only
 * formats with extras have a line here).
 */
export interface ReportDetails {
  syzkaller?: SyzkallerDetails;
}

/** What `--format` accepts: `auto`, a format's name or alias, or a family name. */
export type FormatChoice = string;

/** The format a name or alias selects (not families), or undefined. */
export function formatByName(name: string): LogFormatDefinition | undefined {
  return FORMATS.find((f) => f.name === name || f.aliases.includes(name));
}

/** The format a report was read as, or undefined for unrecognised input. */
export function formatOf(report: Pick<Report, 'format'>): LogFormatDefinition | undefined {
  return FORMATS.find((f) => f.name === report.format);
}

/** Family names (`git`), in registry order, each once. */
export function formatFamilies(): string[] {
  return [...new Set(FORMATS.flatMap((f) => (f.family ? [f.family] : [])))];
}

/**
 * The formats a `--format` choice lets detection pick from: all for `auto`, the members of a family,
 * or the one named; undefined when nothing matches.
 */
export function formatsForChoice(choice: string): LogFormatDefinition[] | undefined {
  if (choice === 'auto') return [...FORMATS];
  const named = formatByName(choice);
  if (named) return [named];
  const family = FORMATS.filter((f) => f.family === choice);
  return family.length > 0 ? family : undefined;
}

/** Every word `--format` accepts, `auto` first. */
export function formatChoices(): string[] {
  return ['auto', ...FORMATS.map((f) => f.name), ...formatFamilies(), ...FORMATS.flatMap((f) => f.aliases)];
}

/** Name of a format for people; unrecognised input gets a phrase of its own. */
export function formatDisplayName(format: string): string {
  return (
    FORMATS.find((f) => f.name === format)?.displayName ?? (format === 'unknown' ? 'unknown format' : format)
  );
}

/**
 * Whether the report's runs are a crash reproducer's (the format's trust profile says so): reports
 * then use crash words (hits, other crashes, censored); a test's runs failed, passed or couldn't run.
 */
export function runsAreCrashes(report: Pick<Report, 'format'>): boolean {
  return formatOf(report)?.trust?.crashReproducer === true;
}

/** Harness or infrastructure noise for this report's format (no title is, for unknown formats). */
export function isHarnessTitle(report: Pick<Report, 'format'>, title: string): boolean {
  return formatOf(report)?.isHarnessTitle?.(title) ?? false;
}

/** The format's extras for this report (signatures, compilers, recipients), empty when it has none. */
export function formatExtras(report: Report): FormatExtras {
  return formatOf(report)?.extras?.(report) ?? {};
}
