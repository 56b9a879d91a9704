import { statSync } from 'node:fs';
import { emptyReport, type Report } from '../model.js';
import { formatByName, formatChoices, formatsForChoice, type FormatChoice } from '../formats/registry.js';
import type { LogParser } from '../formats/types.js';
import { forEachLine, type ReadStats } from './lines.js';
import { looksQuoted, unwrapLine } from './unwrap.js';

/** A problem with one input that is reported as one line, never as a stack trace. */
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

function parseFile(path: string, format: FormatChoice): Report {
  const formats = formatsForChoice(format);
  if (!formats) throw new InputError(format, `unknown format (use ${formatChoices().join(', ')})`);
  // A format named on its own is used without detection; `auto` and families detect among theirs.
  const chosen = formatByName(format)?.parser;
  const candidates = formats.map((f) => f.parser);

  // Pass 1: sniff wrapping and format from early lines, buffering them for replay so the
  // usual case reads the file once. The buffer is capped; past it, pass 2 re-reads the file.
  const head: string[] = [];
  let quoted = false;
  let quoteDecided = false;
  let parser: LogParser | undefined = chosen;
  let buffered: string[] | null = [];
  const consider = (raw: string): void => {
    const line = unwrapLine(raw, quoted);
    if (line === null) return;
    if (buffered) {
      buffered.push(line);
      if (buffered.length > DETECT_BUFFER_LINES) buffered = null;
    }
    if (parser) return;
    for (const p of candidates) {
      if (p.detectLine(line)) {
        parser = p;
        return;
      }
    }
  };
  const decideQuoting = (): void => {
    quoted = looksQuoted(head);
    quoteDecided = true;
    for (const h of head) consider(h);
  };
  const stats1 = forEachLine(path, (raw) => {
    if (!quoteDecided) {
      head.push(raw);
      if (head.length < QUOTE_PROBE_LINES) return true;
      decideQuoting();
    } else {
      consider(raw);
    }
    return parser === undefined;
  });
  if (!quoteDecided) decideQuoting();

  if (stats1.bytes === 0) return unrecognized(path, 'empty file');
  if (stats1.binary) return unrecognized(path, 'binary data, not a text log');
  if (!parser) {
    const r = unrecognized(path, 'no bisection log found in this file');
    const hints = candidates.map((p) => p.unrecognizedHint?.(head) ?? null).filter((h) => h !== null);
    if (hints.length > 0) r.hints = hints;
    return r;
  }

  const sink = (parser as LogParser).create(path);
  const feed = (raw: string): void => {
    const line = unwrapLine(raw, quoted);
    if (line !== null) sink.line(line);
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
    }
  } else {
    stats = forEachLine(path, feed);
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
