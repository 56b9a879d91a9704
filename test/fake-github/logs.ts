/** Small syzkaller-shaped bisection logs for the end-to-end tests, generated (never copied). */
import { createHash } from 'node:crypto';

export const CULPRIT = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';
export const FIX = 'fe11fe11fe11fe11fe11fe11fe11fe11fe11fe11';
export const TITLE = 'KASAN: use-after-free Read in widget_release';

export const fakeSha = (seed: string, len = 40): string =>
  createHash('sha256').update(seed).digest('hex').slice(0, len);

function testBlock(sha: string, results: string[]): string[] {
  return [
    `testing commit ${sha} gcc`,
    'compiler: gcc (GCC) 12.2.0',
    `kernel signature: ${fakeSha(sha, 64)}`,
    ...results,
  ];
}

function commitBlock(sha: string, author: string, subject: string): string[] {
  return [
    `${sha} is the first bad commit`,
    `commit ${sha}`,
    `Author: ${author}`,
    'Date:   Mon Apr 1 10:00:00 2024 +0000',
    '',
    `    ${subject}`,
    '',
    ' drivers/widget/core.c | 2 +-',
    ' 1 file changed, 1 insertion(+), 1 deletion(-)',
    '',
  ];
}

/** A small cause bisection as syzkaller prints it: original crashes, v6.1 clean, culprit found. */
export function causeLog(
  o: { culprit?: string; subject?: string; title?: string; author?: string; report?: string[] } = {},
): string {
  const { culprit = CULPRIT, subject = 'widget: free the cache early', title = TITLE } = o;
  const author = o.author ?? 'Alice Liddell <alice@example.org>';
  const [orig, release, mid] = [fakeSha('orig'), fakeSha('v6.1'), fakeSha('mid')];
  return [
    `bisecting cause commit starting from ${orig}`,
    `building syzkaller on ${fakeSha('syz')}`,
    `ensuring issue is reproducible on original commit ${orig}`,
    '',
    ...testBlock(orig, [`all runs: crashed: ${title}`]),
    'testing release v6.1',
    ...testBlock(release, ['all runs: OK']),
    `# git bisect start ${orig} ${release}`,
    'Bisecting: 1 revision left to test after this (roughly 1 step)',
    `[${mid}] widget: prepare teardown`,
    '',
    ...testBlock(mid, ['all runs: OK']),
    `# git bisect good ${mid}`,
    'Bisecting: 0 revisions left to test after this (roughly 0 steps)',
    `[${culprit}] ${subject}`,
    '',
    ...testBlock(
      culprit,
      [0, 1, 2].map((i) => `run #${i}: crashed: ${title}`),
    ),
    `# git bisect bad ${culprit}`,
    ...commitBlock(culprit, author, subject),
    `culprit signature: ${fakeSha(culprit, 64)}`,
    `parent  signature: ${fakeSha(mid, 64)}`,
    'revisions tested: 4, total time: 1h2m3s (build: 40m1s, test: 22m2s)',
    `first bad commit: ${culprit} ${subject}`,
    'recipients (to): ["alice@example.org"]',
    'recipients (cc): []',
    `crash: ${title}`,
    'BUG: KASAN: use-after-free in widget_release+0x1c/0x40',
    ...(o.report ?? []),
    '',
  ].join('\n');
}

/** A fix bisection of the same crash: HEAD is clean, FIX is the first commit without the crash. */
export function fixLog(): string {
  const [orig, head] = [fakeSha('orig'), fakeSha('head')];
  const subject = 'widget: hold the cache';
  return [
    `bisecting fixing commit since ${orig}`,
    `building syzkaller on ${fakeSha('syz')}`,
    `ensuring issue is reproducible on original commit ${orig}`,
    '',
    ...testBlock(orig, [`all runs: crashed: ${TITLE}`]),
    `testing current HEAD ${head}`,
    ...testBlock(head, ['all runs: OK']),
    `# git bisect start ${head} ${orig}`,
    'Bisecting: 0 revisions left to test after this (roughly 0 steps)',
    `[${FIX}] ${subject}`,
    '',
    ...testBlock(FIX, ['run #0: OK', 'run #1: OK', 'run #2: OK']),
    `# git bisect bad ${FIX}`,
    ...commitBlock(FIX, 'Carol <carol@example.org>', subject),
    'revisions tested: 3, total time: 1h2m3s (build: 40m1s, test: 22m2s)',
    `first good commit: ${FIX} ${subject}`,
    'recipients (to): ["carol@example.org"]',
    'recipients (cc): []',
    '',
  ].join('\n');
}
