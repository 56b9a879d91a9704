import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Lines longer than this are cut (the rest of the line is skipped) so memory stays bounded. */
export const MAX_LINE_CHARS = 64 * 1024;
const CHUNK_BYTES = 64 * 1024; // decoded chunks stay small enough for V8's young generation: RSS stays flat

export interface ReadStats {
  bytes: number;
  lines: number;
  /** Lines that were cut at MAX_LINE_CHARS. */
  longLines: number;
  /** The first bytes looked binary (NUL bytes). */
  binary: boolean;
  /** The last line had no terminating newline. */
  unterminated: boolean;
  /** onLine asked to stop before the end of the file. */
  stopped: boolean;
}

/**
 * Streams a file line by line with a fixed-size buffer: memory does not grow with the file or
 * with line length. Invalid UTF-8 becomes U+FFFD. `onLine` may return false to stop early.
 */
export function forEachLine(path: string, onLine: (line: string) => boolean | void): ReadStats {
  const stats: ReadStats = {
    bytes: 0,
    lines: 0,
    longLines: 0,
    binary: false,
    unterminated: false,
    stopped: false,
  };
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    let carry = '';
    let skipping = false; // inside an over-long line, past the cut
    let first = true;
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      stats.bytes += n;
      if (first) {
        first = false;
        stats.binary = looksBinary(buf.subarray(0, Math.min(n, 8192)));
        if (stats.binary) {
          stats.stopped = true; // not a text log: nothing to parse
          return stats;
        }
      }
      const text = decoder.write(buf.subarray(0, n));
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl === -1) break;
        let line: string;
        if (skipping) {
          line = carry;
          skipping = false;
        } else if (carry.length > 0) {
          line = carry + text.slice(start, Math.min(nl, start + MAX_LINE_CHARS));
          if (line.length > MAX_LINE_CHARS) {
            line = line.slice(0, MAX_LINE_CHARS);
            stats.longLines++;
          }
        } else if (nl - start > MAX_LINE_CHARS) {
          line = text.slice(start, start + MAX_LINE_CHARS);
          stats.longLines++;
        } else {
          line = text.slice(start, nl);
        }
        carry = '';
        start = nl + 1;
        stats.lines++;
        if (onLine(line) === false) {
          stats.stopped = true;
          return stats;
        }
      }
      if (!skipping) {
        carry += text.slice(start, start + Math.max(0, MAX_LINE_CHARS - carry.length + 1));
        if (carry.length > MAX_LINE_CHARS) {
          carry = carry.slice(0, MAX_LINE_CHARS);
          skipping = true;
          stats.longLines++;
        }
      }
    }
    carry += skipping ? '' : decoder.end();
    if (carry.length > 0) {
      stats.unterminated = true;
      stats.lines++;
      onLine(carry.slice(0, MAX_LINE_CHARS));
    }
    return stats;
  } finally {
    closeSync(fd);
  }
}

/**
 * Text logs have few NUL bytes and few control characters (tabs, CR, ESC for colours are fine).
 * A stray NUL or two is normal: kernel crash reports quote the console byte for byte.
 */
function looksBinary(probe: Uint8Array): boolean {
  let control = 0;
  let nul = 0;
  for (let i = 0; i < probe.length; i++) {
    const b = probe[i];
    if (b === 0) nul++;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 27 && b !== 12) control++;
  }
  return nul * 64 > probe.length || control * 10 > probe.length;
}
