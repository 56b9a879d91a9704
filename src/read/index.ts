import type { Report } from '../model.js';
import { analyse } from '../analyse/index.js';
import { readLog, InputError, type FormatChoice } from './readLog.js';
import { expandInputs } from './inputs.js';

export { InputError, type FormatChoice } from './readLog.js';

export interface Collected {
  reports: Report[];
  errors: InputError[];
}

/**
 * read → detect → parse → analyse, for every input; one bad input never stops the others.
 * With `onReport`, each report is handed over as soon as it is ready and not kept (constant
 * memory over thousands of logs); `reports` is then empty. `history` gives exact window positions
 * (git rev-list) when the commits are in a local checkout.
 */
export async function collectReports(
  patterns: string[],
  format: FormatChoice = 'auto',
  onReport?: (report: Report) => void,
  history?: (report: Report) => string[] | null,
): Promise<Collected> {
  const { files, errors } = await expandInputs(patterns);
  const reports: Report[] = [];
  for (const file of files) {
    try {
      const parsed = readLog(file, format);
      const report = analyse(parsed, { revList: history?.(parsed) ?? null });
      if (onReport) onReport(report);
      else reports.push(report);
    } catch (err) {
      if (err instanceof InputError) errors.push(err);
      else errors.push(new InputError(file, `could not be read: ${(err as Error)?.message ?? String(err)}`));
    }
  }
  return { reports, errors };
}
