// Packed answers for the browser host. A large map's graph is 2.5 MB of JSON, most of it the same few keys
// repeated for 20,000 records; the page pays for every byte (reading, and parsing on its one thread). A
// packed answer sends each long array of same-shaped records as its keys once and one array of values per
// record, a column of a few repeated strings or booleans (a relationship's type, sentiment, direction) as
// indices into the list of its values (together about 25 % of the bytes), and lists where it did so, so
// unpacking gives back exactly the value that plain JSON would have. The client asks for it with `Accept`;
// other clients keep plain JSON.

/** The media type of a packed answer (JSON text; not plain JSON of the contract's shape). */
export const PACKED_MEDIA_TYPE = 'application/vnd.stakemap.packed';

/** Shorter arrays are left as they are: packing them saves little. */
const MIN_ROWS = 32;
/** A column with at most this many distinct values (strings, booleans, null) is sent as indices into them. */
const MAX_DICTIONARY = 64;

type Path = (string | number)[];
interface Table {
  keys: string[];
  rows: unknown[][];
  /** Column index → that column's distinct values; its cells hold indices into them. */
  dicts?: Record<string, unknown[]>;
}
export interface PackedAnswer {
  packed: 1;
  value: unknown;
  /** Where `value` holds a `Table` in place of an array of records. */
  tables: Path[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** A value JSON would drop from an object (and turn into null in an array): such records stay as they are. */
const droppedByJson = (value: unknown): boolean =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** The keys shared by every record of the array, in order; null when it is not an array of same-shaped records. */
function sharedKeys(array: unknown[]): string[] | null {
  const first = array[0];
  if (!isPlainObject(first)) return null;
  const keys = Object.keys(first);
  // An own "__proto__" key would become the prototype when assigned back: such records stay as JSON made them.
  if (keys.includes('__proto__')) return null;
  for (const row of array) {
    if (!isPlainObject(row)) return null;
    let i = 0;
    for (const key in row) {
      if (key !== keys[i] || droppedByJson(row[key])) return null;
      i++;
    }
    if (i !== keys.length) return null;
  }
  return keys;
}

/** The column's values, each to its index, when they are few strings, booleans or nulls; else null. */
function dictionaryOf(column: unknown[]): Map<unknown, number> | null {
  const index = new Map<unknown, number>();
  for (const value of column) {
    if (index.has(value)) continue;
    if (value !== null && typeof value !== 'string' && typeof value !== 'boolean') return null;
    if (index.size === MAX_DICTIONARY) return null;
    index.set(value, index.size);
  }
  return index;
}

function tableOf(records: Record<string, unknown>[], keys: string[]): Table {
  const columns = keys.map((key) => records.map((record) => record[key]));
  const dicts: Record<string, unknown[]> = {};
  for (const [c, column] of columns.entries()) {
    const index = dictionaryOf(column);
    if (!index) continue;
    dicts[c] = [...index.keys()];
    columns[c] = column.map((value) => index.get(value));
  }
  const rows = records.map((_, r) => columns.map((column) => column[r]));
  return Object.keys(dicts).length > 0 ? { keys, rows, dicts } : { keys, rows };
}

export function pack(value: unknown): PackedAnswer {
  const tables: Path[] = [];
  const walk = (node: unknown, path: Path): unknown => {
    if (Array.isArray(node)) {
      const keys = node.length >= MIN_ROWS ? sharedKeys(node) : null;
      if (keys) {
        tables.push(path);
        return tableOf(node, keys);
      }
      // Only objects and arrays can hold a table: a path is made for those alone.
      return node.map((item, i) => (typeof item === 'object' && item !== null ? walk(item, [...path, i]) : item));
    }
    if (!isPlainObject(node) || Object.hasOwn(node, '__proto__')) return node;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(node)) out[key] = walk(node[key], [...path, key]);
    return out;
  };
  return { packed: 1, value: walk(value, []), tables };
}

const isTable = (value: unknown): value is Table =>
  isPlainObject(value) &&
  Array.isArray(value.keys) &&
  value.keys.every((key) => typeof key === 'string' && key !== '__proto__') &&
  Array.isArray(value.rows) &&
  value.rows.every((row) => Array.isArray(row) && row.length === (value.keys as string[]).length) &&
  (value.dicts === undefined ||
    (isPlainObject(value.dicts) &&
      Object.entries(value.dicts).every(
        ([column, values]) => Number(column) < (value.keys as string[]).length && Array.isArray(values),
      )));

function unpackTable({ keys, rows, dicts = {} }: Table): Record<string, unknown>[] {
  // Per column: its dictionary, or undefined for values sent as they are.
  const lists = keys.map((_, c) => (Object.hasOwn(dicts, c) ? dicts[c] : undefined));
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const list = lists[i];
      const cell = row[i];
      if (list === undefined) record[keys[i] as string] = cell;
      else if (typeof cell === 'number' && Number.isInteger(cell) && cell >= 0 && cell < list.length) {
        record[keys[i] as string] = list[cell];
      } else throw new Error('A packed table is not valid.');
    }
    return record;
  });
}

/** The value a packed answer stands for; throws when the body is not a well-formed packed answer. */
export function unpack(body: unknown): unknown {
  if (!isPlainObject(body) || body.packed !== 1 || !Array.isArray(body.tables)) {
    throw new Error('Not a packed answer.');
  }
  const root: Record<string, unknown> = { value: body.value };
  for (const path of body.tables as unknown[]) {
    if (!Array.isArray(path)) throw new Error('A packed table has no path.');
    let parent: unknown = root;
    let key: string | number = 'value';
    for (const step of path) {
      if ((typeof step !== 'string' && typeof step !== 'number') || step === '__proto__')
        throw new Error('A packed table path is not valid.');
      parent = (parent as Record<string | number, unknown>)[key];
      if (typeof parent !== 'object' || parent === null) throw new Error('A packed table path leads nowhere.');
      key = step;
    }
    const container = parent as Record<string | number, unknown>;
    const table = container[key];
    if (!isTable(table)) throw new Error('A packed table is not valid.');
    container[key] = unpackTable(table);
  }
  return root.value;
}
