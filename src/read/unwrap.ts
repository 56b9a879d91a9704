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
