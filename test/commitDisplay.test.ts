import { CommitDisplayReader, type DisplayedCommit } from '../src/formats/git-common/commitDisplay.js';

const SHA = 'b2'.repeat(20);
const limits = { maxLines: 100, maxFiles: 3, capSubject: (s: string) => s.slice(0, 10) };

function read(lines: string[]): { commit: DisplayedCommit; taken: number } {
  const commit: DisplayedCommit = {
    sha: SHA,
    subject: null,
    author: null,
    date: null,
    files: [],
    merge: false,
  };
  const reader = new CommitDisplayReader(commit, limits);
  let taken = 0;
  for (const line of lines) {
    if (!reader.take(line)) break;
    taken++;
  }
  return { commit, taken };
}

test('reads header, capped subject and the diffstat, and stops at the first foreign line', () => {
  const { commit, taken } = read([
    `commit ${SHA}`,
    'Merge: 1234567 89abcde',
    'Author: Ann Dev <ann@example.com>',
    'Date:   Wed Nov 15 12:13:20 2023 +0000',
    '',
    '    feature: two and more',
    '    body line',
    '',
    ' src/a.c | 2 +-',
    ' 1 file changed, 1 insertion(+), 1 deletion(-)',
    'bisect found first bad commit',
  ]);
  expect(taken).toBe(10);
  expect(commit).toEqual({
    sha: SHA,
    subject: 'feature: t',
    author: { name: 'Ann Dev', email: 'ann@example.com' },
    date: 'Wed Nov 15 12:13:20 2023 +0000',
    files: [{ path: 'src/a.c' }],
    merge: true,
  });
});

test('a create-mode line completes the path the diffstat shortened, instead of listing it twice', () => {
  const { commit } = read([
    `commit ${SHA}`,
    '',
    '    docs',
    '',
    ' .../bindings/net/mux.yaml | 76 +++++',
    ' README                    |  1 +',
    ' 2 files changed, 77 insertions(+)',
    ' create mode 100644 Documentation/devicetree/bindings/net/mux.yaml',
    ' create mode 100644 README',
  ]);
  expect(commit.files).toEqual([
    { path: 'Documentation/devicetree/bindings/net/mux.yaml' },
    { path: 'README' },
  ]);
});

test('a display that does not start with the culprit is not read; files and lines are capped', () => {
  expect(read(['commit ' + 'c3'.repeat(20)]).taken).toBe(0);
  const files = read([`commit ${SHA}`, ...['a', 'b', 'c', 'd'].map((f) => ` ${f} | 1 +`)]).commit.files;
  expect(files.map((f) => f.path)).toEqual(['a', 'b', 'c']);
  expect(read([`commit ${SHA}`, ...Array<string>(200).fill('    x')]).taken).toBe(100);
});
