import type { Report } from './model.js';
import { analyse } from './analyse/index.js';
import type { WindowOptions } from './analyse/window.js';
import { InputError, readReports, type FormatChoice } from './read/index.js';

export interface Collected {
  reports: Report[];
  errors: InputError[];
}

/**
 * The pipeline up to the judged reports: read and parse every input (src/read), then analyse each
 * (src/analyse). With `onReport`, each report is handed over as soon as it is ready and not kept;
 * `reports` is then empty. `history` gives exact window positions and parents (git rev-list) when
 * the commits are in a local checkout; `verdicts` fills in from there the verdicts a log does not show.
 */
export async function collectReports(
  patterns: string[],
  format: FormatChoice = 'auto',
  onReport?: (report: Report) => void,
  history?: (report: Report) => WindowOptions | null,
  verdicts?: (report: Report) => Report,
): Promise<Collected> {
  const reports: Report[] = [];
  const failed: InputError[] = [];
  const { errors } = await readReports(patterns, format, (parsed) => {
    try {
      const read = verdicts?.(parsed) ?? parsed;
      const report = analyse(read, history?.(read) ?? {});
      if (onReport) onReport(report);
      else reports.push(report);
    } catch (err) {
      // One bad input never stops the others.
      failed.push(
        new InputError(parsed.source, `could not be read: ${(err as Error)?.message ?? String(err)}`),
      );
    }
  });
  return { reports, errors: [...errors, ...failed] };
}
