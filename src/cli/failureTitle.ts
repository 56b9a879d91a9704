/**
 * The failure title of one run of the test (`bisect-report run`, `bisect`, `verify`): the first
 * line of its stdout or stderr that matches the title pattern (docs/run-command.md).
 */

/** The default title pattern: the lines common test output opens a failure with. */
export const DEFAULT_TITLE = /^(?:FAIL(?:ED)?:|Error:|panic:|AssertionError)/;
const MAX_TITLE = 200;
/** Bytes of an unfinished line kept per stream (a line longer than this is judged by its tail). */
const MAX_CARRY = 65536;

export class FailureTitle {
  private title: string | null = null;
  private readonly carry = { out: '', err: '' };

  constructor(private readonly pattern: RegExp) {}

  /** Reads a chunk of one stream's output. */
  feed(stream: 'out' | 'err', chunk: string): void {
    if (this.title !== null) return;
    let text = this.carry[stream] + chunk;
    let nl: number;
    while (this.title === null && (nl = text.indexOf('\n')) !== -1) {
      const line = text.slice(0, nl).replace(/\r$/, '');
      text = text.slice(nl + 1);
      if (this.pattern.test(line)) this.title = line.trim().slice(0, MAX_TITLE);
    }
    this.carry[stream] = text.length > MAX_CARRY ? text.slice(-MAX_CARRY) : text;
  }

  /** The title, once the run has ended (a last line without a newline counts too), or null. */
  end(): string | null {
    for (const stream of ['out', 'err'] as const) {
      const rest = this.carry[stream];
      if (this.title === null && rest !== '' && this.pattern.test(rest))
        this.title = rest.trim().slice(0, MAX_TITLE);
    }
    return this.title;
  }
}
