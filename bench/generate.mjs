// Generators for the big benchmark logs. Both are produced by real tools where it matters:
// the git log is the console output of a real `git bisect run` in a scratch repository whose
// test script prints a large build log at every step; the syzkaller log is a syzkaller-shaped
// bisection with a very large crash report appended.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Bench Author',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'Bench Committer',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  LC_ALL: 'C',
};

/** A build-log-like text of about `bytes` bytes (compiler lines, warnings, progress). */
function buildOutput(bytes) {
  const lines = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const l =
      i % 50 === 7
        ? `drivers/net/ethernet/vendor${i % 17}/core_${i}.c:${i % 900}:12: warning: unused variable 'tmp${i}' [-Wunused-variable]`
        : `  CC      drivers/subsys${i % 31}/module_${i}.o`;
    lines.push(l);
    size += l.length + 1;
  }
  return lines.join('\n') + '\n';
}

/**
 * A real `git bisect run` console log of about `totalBytes`: `commits` commits, the regression at
 * 70% of history, and a test script that prints totalBytes/steps of build output per step.
 */
export function generateGitConsoleLog(outFile, totalBytes, commits = 1024) {
  const dir = `${outFile}.repo`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const git = (...args) =>
    execFileSync('git', args, { cwd: dir, env: GIT_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  // fast-import makes a thousand commits in milliseconds.
  const bad = Math.floor(commits * 0.7);
  let stream = '';
  for (let i = 1; i <= commits; i++) {
    const content = `${i}\n`;
    const msg = `change ${i}: adjust module ${i % 97}\n`;
    stream += `commit refs/heads/main\nmark :${i}\ncommitter Bench Committer <bench@example.com> ${1704067200 + i * 60} +0000\n`;
    stream += `data ${Buffer.byteLength(msg)}\n${msg}`;
    if (i > 1) stream += `from :${i - 1}\n`;
    stream += `M 644 inline version.txt\ndata ${Buffer.byteLength(content)}\n${content}\n`;
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, env: GIT_ENV, input: stream });
  git('checkout', '-q', '-f', 'main');
  const steps = Math.ceil(Math.log2(commits)) + 1;
  const build = join(dir, '..', 'build-output.txt');
  writeFileSync(build, buildOutput(Math.max(1024, Math.floor(totalBytes / steps))));
  const script = join(dir, '..', 'test.sh');
  writeFileSync(script, `#!/bin/sh\ncat '${build}'\nv=$(cat version.txt)\n[ "$v" -lt ${bad} ]\n`, {
    mode: 0o755,
  });
  const first = git('rev-list', '--max-parents=0', 'HEAD').toString().trim();
  git('bisect', 'start', 'HEAD', first);
  const fd = openSync(outFile, 'w');
  try {
    execFileSync('git', ['bisect', 'run', script], { cwd: dir, env: GIT_ENV, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  git('bisect', 'reset');
  rmSync(dir, { recursive: true, force: true });
  rmSync(build, { force: true });
  rmSync(script, { force: true });
}

/**
 * A syzkaller-shaped cause bisection followed by a crash report of about `totalBytes`.
 * Uses a template log (a real one from ../shared when present, else the bundled example).
 */
export function generateSyzkallerLog(outFile, totalBytes, template) {
  const head = readFileSync(template, 'utf8');
  const fd = openSync(outFile, 'w');
  try {
    writeSync(fd, head.endsWith('\n') ? head : head + '\n');
    const frames = [];
    for (let i = 0; i < 2000; i++) {
      frames.push(
        ` func_${i % 311}+0x${(i * 37).toString(16)}/0x${(i * 91 + 256).toString(16)} fs/subsys${i % 23}/file_${i % 101}.c:${i % 1500}`,
      );
      if (i % 40 === 0) frames.push(`RIP: 0010:func_${i}+0x1c/0x80 kernel/sched/core.c:${i}`);
      if (i % 97 === 0)
        frames.push(`2021/02/26 01:41:${String(i % 60).padStart(2, '0')} executed programs: ${i}`);
    }
    const block = Buffer.from(frames.join('\n') + '\n');
    let written = Buffer.byteLength(head);
    while (written < totalBytes) {
      writeSync(fd, block);
      written += block.length;
    }
  } finally {
    closeSync(fd);
  }
}

export function pickSyzkallerTemplate(root) {
  const real = join(root, '..', 'shared', 'corpus', 'syzbot', 'logs', 'Log_14269b96d00000.txt');
  if (existsSync(real)) return real;
  return join(root, 'examples', 'syzkaller-cause.txt');
}
