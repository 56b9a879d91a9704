/**
 * Git plumbing for `bisect-report bisect` / `verify`: resolving revisions, listing the window, and
 * private worktrees the test runs in. The user's HEAD, branch, index, work tree and worktree list
 * are never touched: every checkout happens in a worktree under a temporary directory, removed
 * again (`git worktree remove --force`, once more after its folder is deleted if that failed; never
 * `git worktree prune`, which would touch the user's own entries).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, normalize, resolve } from 'node:path';

export class GitError extends Error {
  /** Set when git was ended by a signal (a Ctrl-C reaches it too): an interrupt, not a git answer. */
  constructor(
    message: string,
    readonly signal: NodeJS.Signals | null = null,
  ) {
    super(message);
  }
}

const gitEnv = (): NodeJS.ProcessEnv => ({ ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' });

/** Runs git synchronously; returns trimmed stdout or throws GitError with git's first error line. */
export function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: gitEnv(), maxBuffer: 1 << 28 });
  if (r.error) throw new GitError(`cannot run git: ${r.error.message}`);
  if (r.signal) throw new GitError(`git ${args[0]} was ended by ${r.signal}`, r.signal);
  if (r.status !== 0) {
    const msg = (r.stderr || '').trim().split('\n').find(Boolean) ?? `git ${args[0]} failed`;
    throw new GitError(msg.replace(/^(?:fatal|error): /, ''));
  }
  return r.stdout.trim();
}

/** Async git (worktree checkouts while other tests run). */
function gitAsync(cwd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: gitEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d.slice(0, 4000)));
    child.on('error', (e) => reject(new GitError(e.message)));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new GitError(err.trim().split('\n')[0] || `git ${args[0]} failed`)),
    );
  });
}

export interface Repo {
  /** Top of the user's work tree. */
  top: string;
  /** The user's directory relative to the top ("" at the top): tests run in the same place. */
  prefix: string;
}

export function openRepo(cwd = process.cwd()): Repo {
  // One git call for both (each spawn costs milliseconds on a loaded machine); the prefix line is
  // empty at the top.
  const [top, prefix = ''] = git(cwd, ['rev-parse', '--show-toplevel', '--show-prefix']).split('\n');
  return { top, prefix };
}

/**
 * The test command as `git bisect run` would run it from the user's directory: an argument naming a
 * file or folder there that git does not track (an untracked or ignored `./test.sh`, a script beside
 * the repository) stays put across checkouts, so it becomes an absolute path to the user's copy —
 * a private worktree does not have it. A tracked one keeps its relative name, so each run uses the
 * version of the commit it tests. The command name itself counts only when it is a path (has a /).
 */
export function pinUntracked(
  repo: Repo,
  command: readonly string[],
  cwd = process.cwd(),
): { command: string[]; pinned: string[] } {
  const candidates = command.flatMap((arg, i) =>
    arg !== '' &&
    !arg.startsWith('-') &&
    !isAbsolute(arg) &&
    (i > 0 || arg.includes('/')) &&
    existsSync(resolve(cwd, arg))
      ? [i]
      : [],
  );
  if (candidates.length === 0) return { command: [...command], pinned: [] };
  // Relative to the top through git's own prefix for this directory: a symlinked path to the
  // repository (macOS's /tmp) would otherwise look outside it.
  const relOf = (arg: string) => normalize(join(repo.prefix, arg)).split('\\').join('/').replace(/\/$/, '');
  const inside = candidates.filter((i) => {
    const rel = relOf(command[i]);
    return rel !== '..' && !rel.startsWith('../');
  });
  // Paths git tracks, relative to the top (one call for all of them).
  const tracked = new Set<string>();
  if (inside.length > 0) {
    const listed = spawnSync(
      'git',
      ['ls-files', '-z', '--full-name', '--', ...inside.map((i) => relOf(command[i]))],
      { cwd: repo.top, encoding: 'utf8', env: gitEnv(), maxBuffer: 1 << 26 },
    );
    if (listed.status !== 0) return { command: [...command], pinned: [] };
    for (const f of listed.stdout.split('\0')) if (f) tracked.add(f);
  }
  // A folder counts as tracked when git tracks something in it (`.` at the top: anything at all).
  const isTracked = (rel: string) =>
    rel === '.' ? tracked.size > 0 : tracked.has(rel) || [...tracked].some((f) => f.startsWith(`${rel}/`));
  const out = [...command];
  const pinned: string[] = [];
  for (const i of candidates) {
    if (inside.includes(i) && isTracked(relOf(command[i]))) continue;
    out[i] = resolve(cwd, command[i]);
    pinned.push(command[i]);
  }
  return { command: out, pinned };
}

/** Full commit id of a revision, or GitError. */
export function resolveCommit(repo: Repo, rev: string): string {
  if (rev.startsWith('-')) throw new GitError(`not a revision: ${rev}`);
  try {
    return git(repo.top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  } catch (err) {
    if ((err as GitError).signal) throw err;
    throw new GitError(`unknown revision '${rev}'`);
  }
}

/**
 * The window oldest first: the good commit, then the first-parent chain up to the bad commit.
 * Merges count as one commit each (a merge that brings the bug in is the culprit).
 */
export function windowCommits(repo: Repo, good: string, bad: string): string[] {
  const isAncestor = spawnSync('git', ['merge-base', '--is-ancestor', good, bad], {
    cwd: repo.top,
    env: gitEnv(),
  });
  if (isAncestor.signal)
    throw new GitError(`git merge-base was ended by ${isAncestor.signal}`, isAncestor.signal);
  if (isAncestor.status !== 0)
    throw new GitError(`the good commit ${good.slice(0, 12)} is not an ancestor of the bad one`);
  const list = git(repo.top, ['rev-list', '--reverse', '--first-parent', bad, `^${good}`, '--'])
    .split('\n')
    .filter(Boolean);
  if (list.length === 0) throw new GitError('the good and the bad commit are the same');
  return [good, ...list];
}

export function firstParent(repo: Repo, commit: string): string {
  try {
    return git(repo.top, ['rev-parse', '--verify', '--quiet', `${commit}^1`]);
  } catch (err) {
    if ((err as GitError).signal) throw err;
    throw new GitError(`${commit.slice(0, 12)} has no parent: give --parent`);
  }
}

/**
 * Subjects of many commits in one git call (one process, not one per commit, and asynchronous: it
 * runs while the worktrees are made); commits git cannot show are left out.
 */
export function subjectsOf(repo: Repo, commits: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (commits.length === 0) return Promise.resolve(out);
  return new Promise((resolve) => {
    const child = spawn('git', ['log', '--no-walk=unsorted', '--stdin', '--format=%H%x09%s'], {
      cwd: repo.top,
      env: gitEnv(),
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (text += d));
    child.stdin.on('error', () => undefined);
    child.stdin.end(commits.join('\n') + '\n');
    child.on('error', () => resolve(out));
    child.on('close', () => {
      for (const line of text.split('\n')) {
        const tab = line.indexOf('\t');
        if (tab > 0) out.set(line.slice(0, tab), line.slice(tab + 1));
      }
      resolve(out);
    });
  });
}

export function subjectOf(repo: Repo, commit: string): string {
  try {
    return git(repo.top, ['show', '-s', '--format=%s', commit]);
  } catch {
    return '';
  }
}

/** Private worktrees, one per job slot, under one temporary directory. */
export class Worktrees {
  readonly root: string;
  private readonly dirs: string[] = [];
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly repo: Repo) {
    this.root = realpathSync(mkdtempSync(join(tmpdir(), 'bisect-report-')));
  }

  /**
   * `git worktree add` and `remove` read every worktree's admin files: two at once can find one
   * half made ("failed to read .git/worktrees/…/commondir"), so they run one at a time.
   */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Creates slot i's worktree at `commit` (detached; no branch is created). Without `checkout` its
   * files are left for the first run to check out (quick to create, so one at a time costs little).
   */
  async add(commit: string, checkout = true): Promise<string> {
    const dir = join(this.root, `job-${this.dirs.length + 1}`);
    this.dirs.push(dir);
    const args = ['worktree', 'add', '--detach', '--force', '--quiet'];
    if (!checkout) args.push('--no-checkout');
    await this.serial(() => gitAsync(this.repo.top, [...args, dir, commit]));
    return dir;
  }

  /** Moves a worktree to another commit, discarding changes a test made to tracked files. */
  async checkout(dir: string, commit: string): Promise<void> {
    await gitAsync(dir, ['checkout', '--detach', '--force', '--quiet', commit]);
  }

  /** Directory the test runs in: the same place relative to the top as the user's, if it exists there. */
  cwdFor(dir: string, exists: (path: string) => boolean): string {
    if (!this.repo.prefix) return dir;
    const sub = join(dir, this.repo.prefix);
    return exists(sub) ? sub : dir;
  }

  /** Removes every worktree and the temporary directory; safe to call more than once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // All at once first (quick); one that met another half removed is tried again alone.
    const remove = (dir: string) =>
      gitAsync(this.repo.top, ['worktree', 'remove', '--force', '--force', dir]);
    await this.queue;
    const first = await Promise.allSettled(this.dirs.map(remove));
    const again = this.dirs.filter((_, i) => first[i].status === 'rejected');
    let leftover = false;
    for (const dir of again) {
      if (!existsSync(dir) && !this.listed()) continue;
      await remove(dir).catch(() => (leftover = true));
    }
    rmSync(this.root, { recursive: true, force: true });
    // Every removal git reported done needs no listing to check (one git process less at the end).
    if (leftover || (again.length > 0 && this.listed())) {
      // With its folder gone git removes the entry too; `git worktree prune` would also prune the
      // user's own worktrees whose folders are missing (an unmounted disk), which are not ours to touch.
      for (const dir of this.dirs) {
        spawnSync('git', ['worktree', 'remove', '--force', '--force', dir], {
          cwd: this.repo.top,
          env: gitEnv(),
          stdio: 'ignore',
        });
      }
    }
  }

  private listed(): boolean {
    const r = spawnSync('git', ['worktree', 'list', '--porcelain'], {
      cwd: this.repo.top,
      env: gitEnv(),
      encoding: 'utf8',
    });
    return (r.stdout ?? '')
      .split('\n')
      .some((l) => l.startsWith('worktree ') && l.slice(9).startsWith(this.root));
  }
}
