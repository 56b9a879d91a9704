import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Scratch git repositories for tests: real git, deterministic authors and dates (so object ids are
 * stable), no user/system config, English messages.
 */
export interface ScratchRepo {
  dir: string;
  env: NodeJS.ProcessEnv;
  /** Runs git, throws on failure, returns trimmed stdout. */
  git(...args: string[]): string;
  /** Runs a shell command in the repo; stdout and stderr go to one stream, in order. */
  sh(command: string): { status: number; output: string };
  /** Writes files and commits them; returns the new commit id. */
  commit(message: string, files: Record<string, string>): string;
  script(name: string, body: string): void;
}

export function makeRepo(prefix = 'br-git-'): ScratchRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let clock = 0;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    LC_ALL: 'C',
    LANG: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.com',
  };
  const run = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    spawnSync('git', args, { cwd: dir, env: { ...env, ...extraEnv }, encoding: 'utf8' });
  const repo: ScratchRepo = {
    dir,
    env,
    git(...args) {
      const r = run(args);
      if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout.trim();
    },
    sh(command) {
      const r = spawnSync('sh', ['-c', `${command} 2>&1`], { cwd: dir, env, encoding: 'utf8' });
      return { status: r.status ?? -1, output: r.stdout };
    },
    commit(message, files) {
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      repo.git('add', '-A');
      const date = `${1700000000 + 3600 * ++clock} +0000`;
      const r = run(['commit', '-q', '-m', message], { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
      if (r.status !== 0) throw new Error(`git commit failed: ${r.stderr}`);
      return repo.git('rev-parse', 'HEAD');
    },
    script(name, body) {
      writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(dir, name), 0o755);
    },
  };
  repo.git('init', '-q', '-b', 'main');
  return repo;
}

/**
 * A linear history: commit 0 is the initial import (tagged v1.0), commits 1..n change app.txt;
 * commit `culprit` writes BUG into state.txt, which stays there. `untestable` commits carry a
 * `broken` marker file for exactly that commit. Returns the commit ids, oldest first.
 */
export function linearHistory(
  repo: ScratchRepo,
  n: number,
  culprit: number,
  untestable: number[] = [],
): string[] {
  const shas: string[] = [];
  shas.push(repo.commit('Initial import', { 'app.txt': 'v0\n', 'state.txt': 'ok\n' }));
  repo.git('tag', 'v1.0');
  for (let i = 1; i <= n; i++) {
    const files: Record<string, string> = { 'app.txt': `v${i}\n` };
    if (i === culprit) files['state.txt'] = 'BUG\n';
    if (untestable.includes(i)) files['broken'] = 'yes\n';
    if (untestable.includes(i - 1) && !untestable.includes(i)) repo.git('rm', '-q', 'broken');
    shas.push(repo.commit(i === culprit ? 'parser: switch to the fast path' : `feature: option ${i}`, files));
  }
  return shas;
}

/** The `git bisect log` of the repo as (term, sha) pairs of its `git bisect <term> <sha>` lines. */
export function loggedVerdicts(log: string): { term: string; sha: string }[] {
  const out: { term: string; sha: string }[] = [];
  for (const line of log.split('\n')) {
    const m = /^git bisect (\S+) ([0-9a-f]{40,64})$/.exec(line);
    if (m) out.push({ term: m[1], sha: m[2] });
  }
  return out;
}

/**
 * Everything a user could notice of their repository: HEAD, branch, index, work tree (untracked and
 * ignored files too), refs, worktrees and stash — equal before and after a command that must not
 * touch them.
 */
export function userVisibleState(repo: ScratchRepo): Record<string, string> {
  return {
    head: repo.git('rev-parse', 'HEAD'),
    branch: repo.git('symbolic-ref', '-q', 'HEAD'),
    index: repo.git('ls-files', '--stage'),
    status: repo.git('status', '--porcelain=v1', '--untracked-files=all', '--ignored'),
    diff: repo.git('diff'),
    refs: repo.git('for-each-ref', '--format=%(refname) %(objectname)'),
    worktrees: repo.git('worktree', 'list', '--porcelain'),
    stash: repo.git('stash', 'list'),
  };
}
