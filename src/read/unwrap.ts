/**
 * Logs arrive wrapped: inside a GitHub Actions job log (timestamp prefix, ##[group] lines,
 * ANSI colours), with CRLF endings, or quoted in mail ("> "). These helpers peel that off so
 * every parser sees the plain lines the tool printed.
 */

const TIMESTAMP = /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
// CSI sequences (colours, cursor moves) and OSC sequences.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const GROUP = /^##\[(?:group|endgroup|section|command|debug|warning|error|notice)\]/;
const QUOTE = /^(?:> ?)+/;

export interface Unwrapper {
  (line: string): string | null;
}

/** Strips one line's wrapping. Returns null for lines that only exist in the wrapper. */
export function unwrapLine(raw: string, quoted: boolean): string | null {
  let line = raw;
  if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
  if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
  const c0 = line.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    const m = TIMESTAMP.exec(line);
    if (m) line = line.slice(m[0].length);
  }
  if (line.indexOf('\x1b') !== -1) line = line.replace(ANSI, '');
  if (line.charCodeAt(0) === 35 && line.startsWith('##[')) {
    const g = GROUP.exec(line);
    if (g) {
      if (g[0] === '##[endgroup]') return null;
      line = line.slice(g[0].length);
    }
  }
  if (quoted && line.charCodeAt(0) === 62) line = line.replace(QUOTE, '');
  return line;
}

/**
 * Decides from the first lines whether the log is quoted mail. Quoted when most non-empty
 * lines start with ">" (after timestamps), so a single "> foo" in a build log changes nothing.
 */
export function looksQuoted(firstLines: string[]): boolean {
  let nonEmpty = 0;
  let quotedLines = 0;
  for (const raw of firstLines) {
    const line = unwrapLine(raw, false);
    if (line === null || line.trim() === '') continue;
    nonEmpty++;
    if (line.startsWith('>')) quotedLines++;
  }
  return nonEmpty >= 3 && quotedLines / nonEmpty >= 0.6;
}

const QP_HEADER = /^content-transfer-encoding:\s*quoted-printable\s*$/i;
const QP_TOKEN = /=[0-9A-F]{2}/g;
/** A joined quoted-printable line longer than this is passed on as is (bounded memory). */
const MAX_QP_LINE = 64 * 1024;

/**
 * Decides from the first lines whether the text is quoted-printable mail: its header says so, or
 * several lines end in a soft break ("=") at the encoder's width (70–76 characters), or with "=XX"
 * escapes (=3D, =20) around. Kernel configs and base64 end lines in "=" too, but not at that width
 * and without escapes, so plain logs stay plain (the corpus tests check it).
 */
export function looksQuotedPrintable(firstLines: string[], quoted: boolean): boolean {
  let softBreaks = 0;
  let wrapped = 0;
  let escapes = 0;
  for (const raw of firstLines) {
    const line = unwrapLine(raw, quoted);
    if (line === null) continue;
    if (QP_HEADER.test(line)) return true;
    if (line.endsWith('=') && !line.endsWith('==')) {
      softBreaks++;
      // Encoders break lines just short of 76 characters.
      if (line.length >= 70 && line.length <= 76) wrapped++;
    }
    escapes += line.match(QP_TOKEN)?.length ?? 0;
  }
  return wrapped >= 2 || (softBreaks >= 2 && escapes >= 2);
}

/** "=3D" → "=", "=C3=A9" → "é": runs of escapes are bytes of one UTF-8 sequence. */
export function decodeQuotedPrintable(line: string): string {
  if (line.indexOf('=') === -1) return line;
  return line.replace(/(?:=[0-9A-Fa-f]{2})+/g, (m) =>
    Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'),
  );
}

/**
 * Joins quoted-printable soft line breaks ("…=" + next line) and decodes escapes. Feed it lines
 * that `unwrapLine` already unwrapped; `push` returns a finished line or null while a line continues.
 */
export class QuotedPrintableJoiner {
  private pending = '';

  push(line: string): string | null {
    if (line.endsWith('=') && this.pending.length + line.length < MAX_QP_LINE) {
      this.pending += line.slice(0, -1);
      return null;
    }
    const whole = this.pending + line;
    this.pending = '';
    return decodeQuotedPrintable(whole);
  }

  /** The last line when the text ended inside a soft break, or null. */
  flush(): string | null {
    if (this.pending === '') return null;
    const rest = this.pending;
    this.pending = '';
    return decodeQuotedPrintable(rest);
  }
}
