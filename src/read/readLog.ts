import { statSync } from 'node:fs';
import { emptyReport, type Report } from '../model.js';
import { formatByName, formatChoices, formatsForChoice, type FormatChoice } from '../formats/registry.js';
import type { LogFormatDefinition } from '../formats/types.js';
import { forEachLine, type ReadStats } from './lines.js';
import { looksQuoted, looksQuotedPrintable, QuotedPrintableJoiner, unwrapLine } from './unwrap.js';

/** A problem with one input that is reported as one line, never as a stack trace. */
/** Reasons of an unrecognised report whose file holds no text at all: the CLI and the action count them as input errors. */
export const NOT_TEXT_REASONS = { empty: 'empty file', binary: 'binary data, not a text log' } as const;

/** An empty or binary file: as much an input error as a missing one (README, Inputs). */
export function isNotText(report: Report): boolean {
  return (
    report.status === 'unrecognized' &&
    (report.reason === NOT_TEXT_REASONS.empty || report.reason === NOT_TEXT_REASONS.binary)
  );
}

export class InputError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'InputError';
  }
}

export type { FormatChoice } from '../formats/registry.js';

/** How many early lines are kept while detecting, so the usual case reads the file once. */
const DETECT_BUFFER_LINES = 20000;
const QUOTE_PROBE_LINES = 40;
/** Lines a refining format (LogParser.refines) may take to show its own decisive line. */
const REFINE_LOOKAHEAD = 3;

function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return e?.message ?? String(err);
  }
}

/**
 * Reads one log file and parses it with the right parser, streaming.
 * Throws InputError (one line) when the path can't be read; everything else becomes a Report.
 */
export function readLog(path: string, format: FormatChoice = 'auto'): Report {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(path, 'is a directory, not a log file');
    // stat follows symlinks; opening a FIFO (or a device) would block until a writer appears: never open it.
    if (st.isFIFO()) throw new InputError(path, 'is a named pipe (FIFO), not a log file: skipped');
    if (!st.isFile()) throw new InputError(path, 'is not a regular file (device or socket): skipped');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, describeFsError(err));
  }
  try {
    return parseFile(path, format);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code) throw new InputError(path, describeFsError(err));
    throw err;
  }
}

interface Sniffed {
  format: LogFormatDefinition | undefined;
  quoted: boolean;
  /** The quoted-printable joiner, in the state pass 1 left it (pass 2 continues with it), or null. */
  quotedPrintable: QuotedPrintableJoiner | null;
  /** Unwrapped early lines for replay, or null when they outgrew the buffer. */
  buffered: string[] | null;
  head: string[];
  stats: ReadStats;
}

/**
 * Pass 1: sniff wrapping and format from early lines, buffering them for replay so the usual case
 * reads the file once. Stops at the first decisive line, or a refining format's a few lines later
 * (LogParser.refines). The buffer is capped; past it, pass 2 re-reads the file.
 */
function sniff(
  path: string,
  candidates: readonly LogFormatDefinition[],
  chosen: LogFormatDefinition | undefined,
): Sniffed {
  const head: string[] = [];
  let quoted = false;
  let quoteDecided = false;
  let format: LogFormatDefinition | undefined = chosen;
  let buffered: string[] | null = [];
  let tentative: { format: LogFormatDefinition; linesLeft: number } | null = null;
  let qp: QuotedPrintableJoiner | null = null;
  const refiners = (name: string) => candidates.filter((f) => f.parser.refines?.includes(name));
  const take = (line: string): void => {
    if (buffered) {
      buffered.push(line);
      if (buffered.length > DETECT_BUFFER_LINES) buffered = null;
    }
    if (format) return;
    if (tentative) {
      const t = tentative;
      format = refiners(t.format.name).find((f) => f.parser.detectLine(line));
      if (!format && --t.linesLeft <= 0) format = t.format;
      if (format) tentative = null;
      return;
    }
    for (const f of candidates) {
      if (f.parser.detectLine(line)) {
        if (refiners(f.name).length > 0) tentative = { format: f, linesLeft: REFINE_LOOKAHEAD };
        else format = f;
        return;
      }
    }
  };
  const consider = (raw: string): void => {
    let line = unwrapLine(raw, quoted);
    if (line === null) return;
    if (qp) {
      line = qp.push(line);
      if (line === null) return;
    }
    take(line);
  };
  const decideQuoting = (): void => {
    quoted = looksQuoted(head);
    if (looksQuotedPrintable(head, quoted)) qp = new QuotedPrintableJoiner();
    quoteDecided = true;
    for (const h of head) consider(h);
  };
  const stats = forEachLine(path, (raw) => {
    if (!quoteDecided) {
      head.push(raw);
      if (head.length < QUOTE_PROBE_LINES) return true;
      decideQuoting();
    } else {
      consider(raw);
    }
    return format === undefined;
  });
  if (!quoteDecided) decideQuoting();
  const joiner = qp as QuotedPrintableJoiner | null;
  if (!stats.stopped) {
    const last = joiner?.flush() ?? null;
    if (last !== null) take(last);
  }
  const pending = tentative as { format: LogFormatDefinition } | null;
  if (!format && pending) format = pending.format;
  return { format, quoted, quotedPrintable: joiner, buffered, head, stats };
}

/** The format auto-detection picks for a file (null when none), without parsing the whole file. */
export function detectFormat(path: string): string | null {
  return sniff(path, formatsForChoice('auto') ?? [], undefined).format?.name ?? null;
}

function parseFile(path: string, choice: FormatChoice): Report {
  const formats = formatsForChoice(choice);
  if (!formats) throw new InputError(choice, `unknown format (use ${formatChoices().join(', ')})`);
  // A format named on its own is used without detection; `auto` and families detect among theirs.
  const chosen = formatByName(choice);
  const { format, quoted, quotedPrintable, buffered, head, stats: stats1 } = sniff(path, formats, chosen);

  if (stats1.bytes === 0) return unrecognized(path, NOT_TEXT_REASONS.empty);
  if (stats1.binary) return unrecognized(path, NOT_TEXT_REASONS.binary);
  if (!format) {
    const r = unrecognized(path, 'no bisection log found in this file');
    const hints = formats.map((f) => f.parser.unrecognizedHint?.(head) ?? null).filter((h) => h !== null);
    if (hints.length > 0) r.hints = hints;
    return r;
  }

  const sink = format.parser.create(path);
  // Pass 2 continues where pass 1 stopped, with the joiner as pass 1 left it; without replay (the
  // buffer overflowed) it reads from the start with a fresh one.
  const qp2 = quotedPrintable && !buffered ? new QuotedPrintableJoiner() : quotedPrintable;
  const feed = (raw: string): void => {
    let line = unwrapLine(raw, quoted);
    if (line !== null && qp2) line = qp2.push(line);
    if (line !== null) sink.line(line);
  };
  const flush = (): void => {
    const last = qp2?.flush() ?? null;
    if (last !== null) sink.line(last);
  };
  let stats: ReadStats = stats1;
  if (buffered) {
    for (const l of buffered) sink.line(l);
    if (stats1.stopped) {
      const skip = stats1.lines;
      let seen = 0;
      stats = forEachLine(path, (raw) => {
        if (seen++ >= skip) feed(raw);
      });
      flush();
    }
  } else {
    stats = forEachLine(path, feed);
    flush();
  }
  const report = sink.end();
  report.source = path;
  if (stats.longLines > 0) {
    report.hints = [...(report.hints ?? []), `${stats.longLines} over-long line(s) were cut at 64 KiB`];
  }
  return report;
}

function unrecognized(path: string, reason: string): Report {
  return { ...emptyReport(path), reason };
}
