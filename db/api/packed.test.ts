import { describe, expect, it } from 'vitest';
import { pack, unpack } from './packed';

const records = (n: number, extra: (i: number) => Record<string, unknown> = () => ({})) =>
  Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    name: `Person ${i} “quoted”, \u{1F600}`,
    x: i * 1.5,
    pinned: i % 2 === 0,
    note: null,
    ...extra(i),
  }));

/** What the client would get from plain JSON. */
const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value));
/** What the client gets from a packed answer, through its JSON text. */
const viaPacked = (value: unknown) => unpack(JSON.parse(JSON.stringify(pack(value))));

describe('packed answers', () => {
  it('send long arrays of same-shaped records as keys and rows, and unpack to the same value as JSON', () => {
    const answer = {
      ok: true,
      value: {
        view: { id: 1, name: 'Map' },
        nodes: records(100),
        edges: records(40, (i) => ({ source: i, target: i + 1 })),
      },
    };
    const packed = pack(answer);
    expect(packed.tables).toEqual([
      ['value', 'nodes'],
      ['value', 'edges'],
    ]);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(answer).length * 0.6);
    expect(viaPacked(answer)).toEqual(viaJson(answer));
    // Keys keep their order, as JSON.parse would have them.
    expect(Object.keys((viaPacked(answer) as typeof answer).value.edges[3] as object)).toEqual([
      'id',
      'name',
      'x',
      'pinned',
      'note',
      'source',
      'target',
    ]);
  });

  it('send columns of a few repeated strings, booleans and nulls as indices into their values', () => {
    const types = ['supports', 'opposes', 'funds'];
    const edges = records(300, (i) => ({ type: types[i % 3], confidence: i % 4 === 0 ? null : 'high' }));
    const packed = pack(edges);
    const table = packed.value as { keys: string[]; rows: unknown[][]; dicts: Record<string, unknown[]> };
    // name (all different) and x (numbers) stay as they are; pinned, note, type and confidence are coded.
    expect(Object.keys(table.dicts).map((c) => table.keys[Number(c)])).toEqual([
      'pinned',
      'note',
      'type',
      'confidence',
    ]);
    expect(table.dicts[String(table.keys.indexOf('type'))]).toEqual(types);
    expect(table.rows[4]).toEqual([5, edges[4]?.name, 6, 0, 0, 1, 0]); // i = 4: pinned, no note, opposes, no confidence
    expect(viaPacked(edges)).toEqual(viaJson(edges));
    // Too many distinct values: sent as they are.
    const many = records(100, (i) => ({ type: `type ${i}` }));
    const manyTable = pack(many).value as { keys: string[]; dicts?: Record<string, unknown[]> };
    expect(Object.keys(manyTable.dicts ?? {}).map((c) => manyTable.keys[Number(c)])).not.toContain('type');
    expect(viaPacked(many)).toEqual(viaJson(many));
  });

  it('packs a top-level array and arrays inside arrays', () => {
    expect(pack(records(50)).tables).toEqual([[]]);
    const nested = { pages: [{ rows: records(40) }, { rows: records(3) }] };
    expect(pack(nested).tables).toEqual([['pages', 0, 'rows']]);
    expect(viaPacked(nested)).toEqual(viaJson(nested));
    expect(viaPacked(records(50))).toEqual(viaJson(records(50)));
  });

  it('leaves short arrays, mixed shapes and values JSON would drop as plain JSON', () => {
    const mixed = records(60).map((r, i) => (i === 30 ? { ...r, extra: 1 } : r));
    const reordered = records(60).map((r, i) =>
      i === 7 ? { name: r.name, id: r.id, x: r.x, pinned: r.pinned, note: r.note } : r,
    );
    const withUndefined = records(60).map((r, i) => (i === 59 ? { ...r, note: undefined } : r));
    const withClass = [...records(59), new Date(0)];
    const withProto = Array.from({ length: 40 }, () => JSON.parse('{"__proto__": 1, "a": 2}'));
    for (const value of [records(5), mixed, reordered, withUndefined, withClass, withProto, [1, 2, 3], 'text', null]) {
      expect(pack(value).tables).toEqual([]);
      expect(viaPacked(value)).toEqual(viaJson(value));
    }
  });

  it('refuses a body that is not a well-formed packed answer', () => {
    const table = { keys: ['a'], rows: [[1]] };
    for (const body of [
      null,
      { ok: true, value: 1 },
      { packed: 1, value: {}, tables: [['missing', 'table']] },
      { packed: 1, value: { t: { keys: ['a'], rows: [[1, 2]] } }, tables: [['t']] },
      { packed: 1, value: { t: { keys: ['__proto__'], rows: [[{}]] } }, tables: [['t']] },
      { packed: 1, value: { t: table }, tables: [['__proto__', 't']] },
      { packed: 1, value: { t: table }, tables: ['t'] },
      // A dictionary cell that is no index into its list, or a list for a column the table does not have.
      { packed: 1, value: { t: { keys: ['a'], rows: [[2]], dicts: { 0: ['x', 'y'] } } }, tables: [['t']] },
      { packed: 1, value: { t: { keys: ['a'], rows: [['x']], dicts: { 0: ['x'] } } }, tables: [['t']] },
      { packed: 1, value: { t: { keys: ['a'], rows: [[0]], dicts: { 1: ['x'] } } }, tables: [['t']] },
    ]) {
      expect(() => unpack(body)).toThrow();
    }
    expect(unpack({ packed: 1, value: { t: table }, tables: [['t']] })).toEqual({ t: [{ a: 1 }] });
  });
});
