import { describe, expect, it } from 'vitest';
import { parseLines } from './lines';

describe('parseLines', () => {
  it('reads numbers and ranges separated by commas or spaces', () => {
    expect(parseLines('3, 7-9 12')).toEqual([3, 7, 8, 9, 12]);
    expect(parseLines('')).toEqual([]);
  });
  it('refuses what it cannot read', () => {
    expect(parseLines('3-')).toBeNull();
    expect(parseLines('9-7')).toBeNull();
    expect(parseLines('0')).toBeNull();
    expect(parseLines('a')).toBeNull();
  });
});
