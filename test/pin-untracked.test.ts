/**
 * Which arguments of the test command `bisect` / `verify` point at the user's copy (git does not
 * track them, so a private worktree lacks them) and which stay relative (each worktree has its
 * commit's version), in a real scratch repository, also from a subfolder and through a symlink.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRepo, pinUntracked } from '../src/cli/git/worktrees.js';
import { makeRepo, type ScratchRepo } from './helpers/gitRepo.js';

let repo: ScratchRepo;
let outside: string;

beforeAll(() => {
  repo = makeRepo('br-pin-');
  mkdirSync(join(repo.dir, 'sub'));
  repo.commit('tracked files', { 'tracked.sh': 'exit 0\n', 'sub/inner.txt': 'x\n', 'top.txt': 'y\n' });
  writeFileSync(join(repo.dir, 'check.sh'), 'exit 0\n');
  writeFileSync(join(repo.dir, 'sub', 'local.txt'), 'untracked\n');
  outside = mkdtempSync(join(tmpdir(), 'br-pin-outside-'));
  writeFileSync(join(outside, 'helper.sh'), 'exit 0\n');
});

afterAll(() => {
  rmSync(repo.dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

test('at the top: untracked and outside files are pinned; tracked files, folders and "." are not', () => {
  const r = openRepo(repo.dir);
  const rel = join('..', outside.split('/').pop()!, 'helper.sh');
  const { command, pinned } = pinUntracked(
    r,
    ['sh', './check.sh', 'tracked.sh', 'sub', '.', '-x', 'not-a-file', join(repo.dir, 'check.sh')],
    repo.dir,
  );
  expect(pinned).toEqual(['./check.sh']);
  expect(command).toEqual([
    'sh',
    join(repo.dir, 'check.sh'),
    'tracked.sh',
    'sub',
    '.',
    '-x',
    'not-a-file',
    join(repo.dir, 'check.sh'),
  ]);
  // A command name without a slash is looked up on PATH, never pinned.
  expect(pinUntracked(r, ['check.sh'], repo.dir).pinned).toEqual([]);
  // A script beside the repository (outside it) is the user's copy too.
  const beside = pinUntracked(r, ['sh', rel], repo.dir);
  expect(beside.pinned).toEqual([rel]);
});

test('from a subfolder, and through a symlink to the repository', () => {
  const sub = join(repo.dir, 'sub');
  const inSub = pinUntracked(openRepo(sub), ['cat', 'local.txt', 'inner.txt', '../top.txt', '..'], sub);
  expect(inSub.pinned).toEqual(['local.txt']);
  const link = join(outside, 'link');
  symlinkSync(repo.dir, link);
  const viaLink = pinUntracked(openRepo(link), ['sh', 'tracked.sh', './check.sh'], link);
  expect(viaLink.pinned).toEqual(['./check.sh']);
});
