/**
 * The few parts of the Actions runner protocol the action uses: inputs from INPUT_* variables,
 * outputs and the step summary through the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, and
 * workflow commands on stdout. Same semantics and escaping as @actions/core, without its import
 * cost: @actions/core loads an HTTP client for OIDC tokens at start-up (≈80 ms, three times
 * Node's own start), which a run of this action never needs.
 */
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';
import { neutraliseWorkflowCommands, ZWSP } from './render/escape.js';

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/**
 * As @actions/core, plus: the runner also reads a legacy `##[` command anywhere in a line, so one
 * inside a message (a log's failure line in an annotation) is defused like all log text on stdout.
 */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/##\[/g, `#${ZWSP}#[`);
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * `::command key=value,...::message`, byte for byte as @actions/core writes it (checked by
 * test/runner-contract.test.ts): the runner's names are `line` and `col`, not `startLine` and
 * `startColumn`; empty values are left out, but any properties object given adds the space.
 */
function issue(command: string, message: string, props?: [string, string | number | undefined][]): void {
  let text = `::${command}`;
  if (props && props.length > 0) {
    text +=
      ' ' +
      props
        .filter(([, v]) => v !== undefined && v !== '' && v !== 0)
        .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
        .join(',');
  }
  process.stdout.write(`${text}::${escapeData(message)}${EOL}`);
}

/** Annotation fields in the runner's names and @actions/core's order; none at all for `{}`. */
function annotation(props: AnnotationProperties = {}): [string, string | number | undefined][] {
  if (Object.keys(props).length === 0) return [];
  return [
    ['title', props.title],
    ['file', props.file],
    ['line', props.startLine],
    ['endLine', props.endLine],
    ['col', props.startColumn],
    ['endColumn', props.endColumn],
  ];
}

export function getInput(name: string, options: { required?: boolean } = {}): string {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
  if (options.required && !value) throw new Error(`Input required and not supplied: ${name}`);
  return value.trim();
}

/** Appends `name<<delimiter` blocks to GITHUB_OUTPUT (or the old ::set-output command without it). */
export function setOutput(name: string, value: string | number): void {
  const text = String(value);
  const file = process.env.GITHUB_OUTPUT;
  if (!file) {
    // @actions/core starts a new line first, in case the log's last line was left open.
    process.stdout.write(EOL);
    issue('set-output', text, [['name', name]]);
    return;
  }
  // Unique per value and checked against it, so a value can never end its own block early
  // (node:crypto's randomUUID would cost ~8 ms of start-up for the same guarantee).
  let delimiter: string;
  do {
    delimiter = `ghadelimiter_${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  } while (text.includes(delimiter) || name.includes(delimiter));
  appendFileSync(file, `${name}<<${delimiter}${EOL}${text}${EOL}${delimiter}${EOL}`, 'utf8');
}

/** Appends Markdown to the job summary; returns false when the runner gave no summary file. */
export function appendSummary(markdown: string): boolean {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return false;
  appendFileSync(file, markdown.endsWith('\n') ? markdown : markdown + EOL, 'utf8');
  return true;
}

/** Log text may reach here (dry-run previews, the summary when there is no summary file): defused. */
export const info = (message: string): void =>
  void process.stdout.write(neutraliseWorkflowCommands(message) + EOL);
export const debug = (message: string): void => issue('debug', message);
export const setSecret = (secret: string): void => issue('add-mask', secret);
export const notice = (message: string, props?: AnnotationProperties): void =>
  issue('notice', message, annotation(props));
export const warning = (message: string, props?: AnnotationProperties): void =>
  issue('warning', message, annotation(props));
export const error = (message: string, props?: AnnotationProperties): void =>
  issue('error', message, annotation(props));

export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}
