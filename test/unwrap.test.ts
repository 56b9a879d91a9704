import { looksQuoted, unwrapLine } from '../src/read/unwrap.js';

describe('unwrapLine', () => {
  test('GitHub Actions timestamps are removed, with or without fractions and BOM', () => {
    expect(unwrapLine('2021-02-26T01:41:21.1234567Z all runs: OK', false)).toBe('all runs: OK');
    expect(unwrapLine('2021-02-26T01:41:21Z all runs: OK', false)).toBe('all runs: OK');
    expect(unwrapLine('\uFEFF2021-02-26T01:41:21.1234567Z bisecting cause', false)).toBe('bisecting cause');
    expect(unwrapLine('2021-02-26T01:41:21.1234567Z ', false)).toBe('');
    // Only the runner's prefix: dates inside the text and other date shapes stay.
    expect(unwrapLine('2021/02/26 01:41:21 executed programs: 32', false)).toBe(
      '2021/02/26 01:41:21 executed programs: 32',
    );
    expect(unwrapLine('x 2021-02-26T01:41:21Z y', false)).toBe('x 2021-02-26T01:41:21Z y');
  });

  test('ANSI colour and erase sequences are removed', () => {
    expect(unwrapLine('\x1b[36;1mtesting release v5.11\x1b[0m', false)).toBe('testing release v5.11');
    expect(unwrapLine('2021-02-26T01:41:21.1Z \x1b[32mall runs: OK\x1b[0m\x1b[K', false)).toBe(
      'all runs: OK',
    );
    expect(unwrapLine('\x1b]0;title\x07run #0: OK', false)).toBe('run #0: OK');
  });

  test('workflow group markers: endgroup lines vanish, group titles keep their text', () => {
    expect(unwrapLine('2021-02-26T01:41:21.1234567Z ##[endgroup]', false)).toBeNull();
    expect(unwrapLine('##[group]Run ./bisect.sh', false)).toBe('Run ./bisect.sh');
    expect(unwrapLine('##[error]Process completed with exit code 1.', false)).toBe(
      'Process completed with exit code 1.',
    );
    expect(unwrapLine('## heading', false)).toBe('## heading');
  });

  test('one trailing CR is removed', () => {
    expect(unwrapLine('run #3: OK\r', false)).toBe('run #3: OK');
    expect(unwrapLine('2021-02-26T01:41:21.1Z run #3: OK\r', false)).toBe('run #3: OK');
    expect(unwrapLine('\r', false)).toBe('');
  });

  test('mail quoting is removed only when the log is quoted, keeping indentation', () => {
    expect(unwrapLine('> all runs: OK', true)).toBe('all runs: OK');
    expect(unwrapLine('>', true)).toBe('');
    expect(unwrapLine('> > all runs: OK', true)).toBe('all runs: OK');
    expect(unwrapLine('>>all runs: OK', true)).toBe('all runs: OK');
    expect(unwrapLine('>     io_uring: remove the fallback worker', true)).toBe(
      '    io_uring: remove the fallback worker',
    );
    expect(unwrapLine('>  fs/io-wq.c | 12 ---', true)).toBe(' fs/io-wq.c | 12 ---');
    expect(unwrapLine('> all runs: OK', false)).toBe('> all runs: OK');
  });
});

describe('looksQuoted', () => {
  test('mostly quoted mail is quoted; a stray ">" line in a log is not', () => {
    expect(looksQuoted(['On Fri, syzbot wrote:', '> a', '> b', '>', '> c'])).toBe(true);
    expect(looksQuoted(['a', 'b', '> c', 'd', 'e'])).toBe(false);
    expect(looksQuoted(['> only', '> two'])).toBe(false);
    expect(
      looksQuoted(['2021-02-26T01:41:21.1Z > a', '2021-02-26T01:41:21.1Z > b', '2021-02-26T01:41:21.1Z > c']),
    ).toBe(true);
  });
});
