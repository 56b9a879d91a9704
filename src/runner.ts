/**
 * The few parts of the Actions runner protocol the action uses: inputs from INPUT_* variables,
 * outputs and the step summary through the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, and
 * workflow commands on stdout. Same semantics and escaping as @actions/core, without its import
 * cost: @actions/core loads an HTTP client for OIDC tokens at start-up (≈80 ms, three times
 * Node's own start), which a run of this action never needs.
 */
import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function issue(
  command: string,
  message: string,
  props: Record<string, string | number | undefined> = {},
): void {
  const entries = Object.entries(props).filter(([, v]) => v !== undefined && v !== '');
  const p = entries.length
    ? ' ' + entries.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')
    : '';
  process.stdout.write(`::${command}${p}::${escapeData(message)}${EOL}`);
}

export function getInput(name: string, options: { required?: boolean } = {}): string {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
  if (options.required && value.trim() === '') throw new Error(`Input required and not supplied: ${name}`);
  return value.trim();
}

/** Appends `name<<delimiter` blocks to GITHUB_OUTPUT (or the old ::set-output command without it). */
export function setOutput(name: string, value: string | number): void {
  const text = String(value);
  const file = process.env.GITHUB_OUTPUT;
  if (!file) {
    issue('set-output', text, { name });
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

export const info = (message: string): void => void process.stdout.write(message + EOL);
export const debug = (message: string): void => issue('debug', message);
export const setSecret = (secret: string): void => issue('add-mask', secret);
export const notice = (message: string, props: AnnotationProperties = {}): void =>
  issue('notice', message, { ...props });
export const warning = (message: string, props: AnnotationProperties = {}): void =>
  issue('warning', message, { ...props });
export const error = (message: string, props: AnnotationProperties = {}): void =>
  issue('error', message, { ...props });

export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}
