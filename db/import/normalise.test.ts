import { describe, expect, it } from 'vitest';
import { clean } from './normalise';

describe('clean', () => {
  it('normalises to NFC and trims, whatever the characters', () => {
    expect(clean('  Zoe\u0308 ')).toBe('Zoë');
    expect(clean('Łukasz Z\u0307ak')).toBe('Łukasz Żak');
    expect(clean(' Zoë Müller\t')).toBe('Zoë Müller');
  });

  it('skips NFC only where it changes nothing: every Latin-1 character and pair is already NFC', () => {
    // Composition needs a combining mark (U+0300 and up), so Latin-1 text is NFC: checked exhaustively.
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        const s = String.fromCharCode(a, b);
        if (s.normalize('NFC') !== s) throw new Error(`U+${a.toString(16)} U+${b.toString(16)} is not NFC`);
      }
    }
    expect(clean('A\u0300')).toBe('À');
  });
});
