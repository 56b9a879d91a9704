/** Sections main puts around the summary: configuration problems first, who is not pinged and why. */
import type { ConfigProblem } from '../config.js';
import type { Report } from '../model.js';
import { code, inline } from './escape.js';

/** The job summary's first section when the action's inputs are wrong: each problem and what to change. */
export function renderConfigProblems(problems: ConfigProblem[]): string {
  if (problems.length === 0) return '';
  const lines = [
    '## ⚠️ Bisect report: configuration error',
    '',
    '> [!CAUTION]',
    `> ${problems.length === 1 ? 'An input of the action is' : `${problems.length} inputs of the action are`} not usable, so nothing was filed on GitHub and the step fails. The logs are reported below as far as they could be read.`,
    '',
    '| Input | Problem | What to change |',
    '| --- | --- | --- |',
  ];
  // Values may come from workflow expressions (a branch name, an event field): escaped like log text.
  for (const p of problems) {
    lines.push(`| ${inline(p.input, 60)} | ${inline(p.message, 300)} | ${inline(p.fix, 300)} |`);
  }
  lines.push('', '');
  return lines.join('\n');
}

/**
 * Why culprits' authors are not pinged on GitHub though the log names them (mention-only-reachable-from).
 * `why` is the publisher's own sentence with any input text already shown as code.
 */
export function renderNotPinged(reports: Report[], why: Readonly<Record<string, string>>): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const r of reports) {
    const sha = r.culprit?.sha.toLowerCase();
    if (!sha || seen.has(sha) || !why[sha]) continue;
    seen.add(sha);
    lines.push(`> The author of ${code(sha.slice(0, 12))} is not pinged: ${why[sha]}.`);
  }
  if (lines.length === 0) return '';
  return ['> [!NOTE]', lines.join('\n>\n'), '', ''].join('\n');
}
