import type { Report } from '../model.js';
import { readLog, InputError, type FormatChoice } from './readLog.js';
import { expandInputs } from './inputs.js';

export { InputError, type FormatChoice } from './readLog.js';

export interface ReadResult {
  errors: InputError[];
}

/**
 * read → detect → parse, for every input; one bad input never stops the others. Each parsed report
 * is handed to `onReport` as soon as it is ready and not kept (constant memory over thousands of logs).
 */
export async function readReports(
  patterns: string[],
  format: FormatChoice,
  onReport: (report: Report) => void,
): Promise<ReadResult> {
  const { files, errors } = await expandInputs(patterns);
  for (const file of files) {
    let parsed: Report;
    try {
      parsed = readLog(file, format);
    } catch (err) {
      if (err instanceof InputError) errors.push(err);
      else errors.push(new InputError(file, `could not be read: ${(err as Error)?.message ?? String(err)}`));
      continue;
    }
    onReport(parsed);
  }
  return { errors };
}
