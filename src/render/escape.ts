/**
 * The one escaping layer for untrusted text (everything that comes from a log: crash titles, commit
 * subjects, author names, paths, crash reports, reasons that quote them).
 *
 * Every renderer turns log text into Markdown only through these functions:
 *   - inline(text)     prose in a paragraph, heading, table cell or alert
 *   - code(text)       an identifier or title in a code span (safe for any backtick content)
 *   - codeBlock(text)  multi-line text in a fence longer than any backtick run inside
 *   - plain(text)      text for places without Markdown (CLI, annotations, issue titles)
 *
 * Guarantees (property-tested by parsing the output with a GFM parser):
 *   - no live @mention or @org/team mention, #123 / owner/repo#123 / GH-123 reference;
 *   - no HTML (tags, comments, entities), no link, image, autolink, footnote or link definition;
 *   - no `<!--` anywhere in the raw Markdown, so a log can never forge an HTML comment marker;
 *   - no control characters, bidi overrides or zero-width characters from the input;
 *   - a table cell stays one cell (pipes escaped, newlines folded).
 */

/** Invisible separator we insert to break mentions, references and URL autolinks. */
export const ZWSP = '\u200B';

/**
 * Text for stdout on a runner, in every mode (action log, dry-run preview, CLI text, Markdown, JSON).
 * The runner reads a line as a workflow command when it starts with `::` after leading whitespace
 * (any Unicode space, incl. U+0085) or contains the legacy `##[` anywhere; lines end at CR or LF.
 * A zero-width space between the two characters defuses both and leaves the text readable.
 */
export function neutraliseWorkflowCommands(text: string): string {
  return text
    .replace(/(^|[\r\n])((?:[^\S\r\n]|\u0085)*):(?=:)/g, `$1$2:${ZWSP}`)
    .replace(/##\[/g, `#${ZWSP}#[`);
}

/** C0/C1 controls (except tab and newline), bidi controls, zero-width and other invisible format characters. */
// Combining invisibles (U+034F, variation selectors) are listed on purpose: they are removed, not rendered.
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]|[\u{E0000}-\u{E007F}]/gu;
/** Unpaired UTF-16 surrogates (invalid text), matched without the u flag. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Removes control and invisible characters, repairs broken UTF-16 and normalises line breaks.
 * Keeps tab and newline; everything else about the text is left as it was.
 */
export function sanitize(text: string): string {
  if (typeof text !== 'string') text = String(text ?? '');
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(INVISIBLE, '');
}

/** Shortens to at most `max` characters (by code point), with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cps = Array.from(text);
  if (cps.length <= max) return text;
  return cps.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** One line of clean text: sanitised, whitespace runs folded to single spaces, trimmed, clipped. */
export function plain(text: string | null | undefined, max = 1000): string {
  return clip(
    sanitize(text ?? '')
      .replace(/\s+/g, ' ')
      .trim(),
    max,
  );
}

/** Breaks everything GitHub would turn into a notification, a cross-reference or an autolink. */
function breakReferences(text: string): string {
  return (
    text
      // @user, @org/team, emails: nothing may directly follow an @.
      .replace(/@/g, '@' + ZWSP)
      // #123, owner/repo#123 (and headings/anchors, harmless to break).
      .replace(/#/g, '#' + ZWSP)
      // GH-123 references.
      .replace(/(gh)-(?=\d)/gi, '$1-' + ZWSP)
      // URL and www. autolinks (http://, https://, ftp://, any scheme://).
      .replace(/:\/\//g, ':' + ZWSP + '//')
      .replace(/(www)\./gi, '$1' + ZWSP + '.')
  );
}

/** The ASCII punctuation that can start Markdown syntax inline (CommonMark allows escaping any of it). */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]<>|~$&!#:+-]/g;

/**
 * Prose-safe Markdown for untrusted text on one line (paragraphs, headings, table cells, alerts).
 * The reader sees the original characters; nothing in it is interpreted as Markdown or HTML.
 */
export function inline(text: string | null | undefined, max = 300): string {
  return escapeProse(plain(text, max));
}

/** Escapes already-clean one-line text (the separators break references; escaping leaves them alone). */
function escapeProse(clean: string): string {
  return breakReferences(clean).replace(MARKDOWN_PUNCTUATION, (c) => '\\' + c);
}

/** Breaks HTML comment openers inside code so a raw-text search for a marker can never match log text. */
function breakComments(text: string): string {
  return text.replace(/<!--/g, '<' + ZWSP + '!--').replace(/--!?>/g, (m) => m.slice(0, -1) + ZWSP + '>');
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    if (c === ch) {
      run++;
      if (run > best) best = run;
    } else run = 0;
  }
  return best;
}

export interface CodeOptions {
  /** The span sits in a GFM table cell: pipes must be escaped even inside code. */
  table?: boolean;
  max?: number;
}

/**
 * A code span holding any text, on one line. Chooses a backtick fence longer than any run inside and
 * pads with spaces when the content starts or ends with a backtick or space (CommonMark strips one).
 */
export function code(text: string | null | undefined, opts: CodeOptions = {}): string {
  let body = breakComments(plain(text, opts.max ?? 300));
  if (body === '') return '`' + ZWSP + '`';
  // In a table a pipe ends the cell even inside code unless escaped; a backslash before it would
  // escape the escape, so a separator keeps them apart.
  if (opts.table) body = body.replace(/(\\*)\|/g, (_m, bs: string) => (bs ? bs + ZWSP : '') + '\\|');
  const fence = '`'.repeat(longestRun(body, '`') + 1);
  const pad = /^[` ]|[` ]$/.test(body) ? ' ' : '';
  return fence + pad + body + pad + fence;
}

/** A fenced code block for multi-line untrusted text; the fence is longer than any backtick run inside. */
export function codeBlock(text: string | null | undefined, lang = ''): string {
  const body = breakComments(sanitize(text ?? '')).replace(/\n+$/, '');
  const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
  const info = /^[a-z0-9-]*$/i.test(lang) ? lang : '';
  return `${fence}${info}\n${body}\n${fence}`;
}

/** True for something that can be put in a URL or shell command as a commit id. */
export function isSha(text: string | null | undefined): text is string {
  return typeof text === 'string' && /^[0-9a-f]{7,64}$/i.test(text);
}

/** True for a GitHub login (the shape GitHub allows). */
export function isLogin(text: string | null | undefined): text is string {
  return typeof text === 'string' && /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(text);
}

/** Text for HTML attribute or element content in our own trusted HTML (e.g. <summary>). */
export function htmlText(text: string | null | undefined, max = 200): string {
  return breakReferences(
    plain(text, max)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;'),
  );
}

/**
 * Light formatting for messages our own analysis writes, which may quote log text between backticks:
 * `quoted` parts become code spans, the rest is escaped prose. Safe for any input.
 */
export function richText(text: string | null | undefined, max = 600): string {
  const flat = plain(text, max);
  const parts = flat.split('`');
  // An odd number of parts means the backticks pair up.
  if (parts.length < 3 || parts.length % 2 === 0) return inline(flat, max);
  return parts.map((p, i) => (i % 2 === 1 ? (p === '' ? '' : code(p)) : escapeProse(p))).join('');
}

/** Text for a GFM table cell: richText plus escaped pipes inside code spans. */
export function cell(text: string | null | undefined, max = 300): string {
  const flat = plain(text, max);
  const parts = flat.split('`');
  if (parts.length < 3 || parts.length % 2 === 0) return inline(flat, max);
  return parts
    .map((p, i) => (i % 2 === 1 ? (p === '' ? '' : code(p, { table: true })) : escapeProse(p)))
    .join('');
}
