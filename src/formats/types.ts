import type { LogFormat, Report } from '../model.js';

/**
 * A parser for one log format. Parsing is streaming: the reader pushes unwrapped lines
 * (no line terminator) one at a time and asks for the report at the end. A parser keeps
 * bounded state: capped prefixes of free text, counters, one entry per tested commit.
 */
export interface LogParser {
  format: Exclude<LogFormat, 'unknown'>;
  /** Names accepted by `--format` that select this parser. */
  aliases: string[];
  /**
   * Looks at one early line and says whether it is a decisive sign of this format.
   * Detection stops at the first decisive line of any parser.
   */
  detectLine(line: string): boolean;
  /**
   * For a file no parser recognised: a hint when its first lines look like this format in a shape
   * we can't read (e.g. translated messages), or null.
   */
  unrecognizedHint?(firstLines: string[]): string | null;
  create(source: string): LineSink;
}

export interface LineSink {
  line(text: string): void;
  /** Called once after the last line; `truncated` is true when input ended abnormally. */
  end(): Report;
}
