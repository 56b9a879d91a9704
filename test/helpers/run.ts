import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { DIST_ACTION, DIST_CLI, ROOT } from './paths.js';

export interface ProcResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion with the given environment (process.execPath is Node 24 under npm scripts). */
export function runProcess(
  cmd: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {},
): Promise<ProcResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}

export function runCli(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<ProcResult> {
  return runProcess(process.execPath, [DIST_CLI, ...args], opts);
}

/** Environment a GitHub runner gives an action, minus anything from this process that could leak in. */
export function actionEnv(
  inputs: Record<string, string>,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  return { ...env, GITHUB_ACTIONS: 'true', CI: 'true', ...extra };
}

export function runAction(env: NodeJS.ProcessEnv, cwd?: string): Promise<ProcResult> {
  return runProcess(process.execPath, [DIST_ACTION], { env, cwd });
}

/** Reads a GITHUB_OUTPUT file the way the runner does (`name<<DELIM`, lines, `DELIM`); none → {}. */
export function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    out[m[1]] = value.join('\n');
  }
  return out;
}
