import { describe, expect, it } from 'vitest';
import { renderPairs, renderTable, signed } from './table';

describe('renderTable', () => {
  it('aligns columns by code points and right-aligns numbers', () => {
    const out = renderTable(
      [
        { name: 'PM’s envoy', n: 5 },
        { name: 'Anthropic', n: 12 },
      ],
      [
        { header: 'Name', value: (r) => r.name },
        { header: 'N', value: (r) => String(r.n), align: 'right' },
      ],
    );
    expect(out.split('\n')).toEqual(['Name         N', '──────────  ──', 'PM’s envoy   5', 'Anthropic   12']);
  });

  it('neutralises control characters from user data', () => {
    const out = renderTable([{ v: 'evil\u001b[2Jname\nsecond line' }], [{ header: 'V', value: (r) => r.v }]);
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('evil [2Jname second line');
    expect(renderPairs([['A', 'x\ty']])).toBe('A  x y');
  });

  it('signs stances', () => {
    expect([signed(2), signed(0), signed(-1), signed(null)]).toEqual(['+2', '0', '-1', '–']);
  });
});
