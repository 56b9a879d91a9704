import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { digest, failureKey } from '../src/github/marker.js';
import { emptyReport } from '../src/model.js';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

test('issue keys and digests are SHA-256 of the UTF-8 text, as node:crypto computes it', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
      expect(digest(text)).toBe(sha256Hex(text).slice(0, 16));
    }),
  );
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }), (title) => {
      const key = failureKey({ ...emptyReport('x.log', 'syzkaller'), crash: { title } }, '');
      const normalized = title.replace(/\s+/g, ' ').trim();
      if (normalized === '') expect(key).toBeNull();
      else expect(key?.hash).toBe(sha256Hex(`title:${normalized}`).slice(0, 32));
    }),
  );
  // A fixed vector, independent of both implementations' agreement.
  expect(digest('abc')).toBe('ba7816bf8f01cfea');
});
