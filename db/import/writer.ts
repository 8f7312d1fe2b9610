// Writing scanned contacts: new people (with their organisations) inserted, matched stakeholders
// merged field by field without erasing anything. Two halves, so the scan and the SQLite writes can
// run in two threads (pipeline.ts): `RowPlanner` (no database) turns each scanned row into write
// batches; `RowStore` (the import's connection, inside the caller's recordChange transaction, so
// all or nothing) applies them in order. In one thread the planner hands its batches straight over.
// Speed: new rows take the ids the matcher gave them and are inserted many per statement; a row that
// repeats one still waiting to be inserted is merged into it in memory (the same merge the table
// would get), so a duplicate costs no read and no update. Anything else is merged in the table, after
// the waiting rows are in (a merge may point at a new organisation).
import type { Statement } from 'better-sqlite3';
import type { Db } from '../sqlite/open';
import type { Contact } from './contact';
import type { ScanRow } from './scan';

/** Kind given to organisations the import creates; the analyst refines it in the register. */
export const NEW_ORGANISATION_KIND = 'company';

/** Rows per INSERT statement (13 values each, well under SQLite's 32,766 variables). */
const BATCH = 128;
/** Values per stored row. */
const WIDTH = 13;
/** Rows per write batch handed from the planner to the store (one message between threads). */
export const ROWS_PER_WRITE_BATCH = 1024;

/**
 * A large import into a table no larger than itself drops the table's indexes and builds them again
 * at its end (one sort instead of a random B-tree insert per row: about a quarter of the write time
 * at 100,000 rows, more beyond). Inside the import's transaction, so a cancel, a failure or a kill
 * leaves them exactly as they were. Rows are estimated from the file's size.
 */
export const REINDEX_MIN_ROWS = 20_000;
/**
 * From this many rows (estimated) the rebuilt indexes are sorted with a helper thread (`PRAGMA
 * threads = 2`): once an index's keys outgrow the sorter's memory (the 4 MB page cache) SQLite sorts
 * runs on the helper while the table is read. Measured on 1,000,000 rows: the name index 685 → 475 ms,
 * the parent index 380 → 360 ms; on 100,000 rows (one in-memory run) the helper only costs
 * (102 → 128 ms for both), hence the threshold. The scan has ended by then, so a core is free.
 */
export const SORT_THREADS_MIN_ROWS = 200_000;
/**
 * Below this many rows (estimated) the parent index stays live instead of being rebuilt: its keys
 * are a few organisation ids, cheap to insert into while the table is small, and the inserts run in
 * the write worker while it would otherwise wait for the scan, whereas the rebuild is part of the
 * import's serial end. Beyond it the live index costs more than the rebuild (measured in session 7:
 * free at 90,000 rows, +2 s of inserts at 900,000).
 */
export const LIVE_PARENT_INDEX_MAX_ROWS = 300_000;
const BYTES_PER_ROW_ESTIMATE = 128;

/**
 * From this many rows (estimated) the per-row insert triggers on `stakeholders` are set aside for the
 * import and their work done set-based: the change log's insert trigger does nothing in a bulk step
 * but still evaluates its WHEN subquery per row (the log records the step's new rows at its end), and
 * the search trigger appends one `search_stale` row per stakeholder (done here one statement per
 * batch): about a sixth of the insert time (measured on 95,000 rows).
 * Dropped and re-created inside the import's transaction, from their stored SQL, so a cancel, a
 * failure or a kill -9 leaves them exactly as they were, and other connections (WAL snapshots) never
 * see them missing; no other connection can write while the import holds the write lock.
 */
export const SUSPEND_TRIGGERS_MIN_ROWS = 2_000;
/** The row triggers the writer may set aside; anything else keeps firing per row. */
export const SUSPENDED_TRIGGERS = ['change_stakeholders_insert', 'search_stakeholder_insert'] as const;

/**
 * The table's CHECK constraints (name not blank, kind in the list, emails/phones JSON arrays, parent
 * not itself) cost about a fifth of the insert: SQLite parses each JSON column twice per row. The rows
 * the writer writes satisfy them by construction (`assertRow` checks those that depend on data before
 * each insert; the lists are JSON.stringify of string arrays; tag names are cleaned, non-empty
 * values; a merge never sets a row's parent to itself nor touches name or kind), so a large import runs with `ignore_check_constraints` on, on its
 * own connection, from the writer's start to its `end` (or `release` on failure). Set once, not per
 * statement: the pragma acts when compiled and expires every prepared statement. `PRAGMA
 * integrity_check`, which re-evaluates CHECK constraints, is run on imported files in the tests.
 */
const IMPORT_KINDS = new Set(['person', NEW_ORGANISATION_KIND]);

function assertRow(id: number, r: RowImage): void {
  if (r.name.trim() === '' || r.parent_id === id || !IMPORT_KINDS.has(r.kind)) {
    throw new Error(`Import row ${id} would break a stakeholders constraint (${r.kind} “${r.name}”).`);
  }
}

/** A stakeholder row as the writer builds or merges it (emails and phones parsed). */
interface RowImage {
  name: string;
  kind: string;
  parent_id: number | null;
  role: string | null;
  country: string | null;
  sector: string | null;
  notes: string;
  emails: string[];
  phones: string[];
  website: string | null;
  address: string | null;
  linkedin: string | null;
}

type StoredRow = Omit<RowImage, 'emails' | 'phones' | 'kind'> & { emails: string; phones: string };

const COLUMNS = 'id, name, kind, parent_id, role, country, sector, notes, emails, phones, website, address, linkedin';
const ROW_VALUES = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

const SCALARS = ['role', 'country', 'sector', 'website', 'address', 'linkedin'] as const;
const SCALAR_LABELS: Record<(typeof SCALARS)[number], string> = {
  role: 'Role',
  country: 'Country',
  sector: 'Sector',
  website: 'Website',
  address: 'Address',
  linkedin: 'LinkedIn',
};

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

const emptyOrganisation = (name: string): RowImage => ({
  name,
  kind: NEW_ORGANISATION_KIND,
  parent_id: null,
  role: null,
  country: null,
  sector: null,
  notes: '',
  emails: [],
  phones: [],
  website: null,
  address: null,
  linkedin: null,
});

const imageOf = (c: Contact, kind: string, parentId: number | null): RowImage => ({
  name: c.name,
  kind,
  parent_id: parentId,
  role: c.role,
  country: c.country,
  sector: c.sector,
  notes: c.notes,
  emails: c.emails,
  phones: c.phones,
  website: c.website,
  address: c.address,
  linkedin: c.linkedin,
});

/** True inside a bulk change step (recordChange with `bulk`), whose new rows the log records at its end. */
function bulkStepOpen(db: Db): boolean {
  try {
    return db.prepare("SELECT 1 FROM change_steps WHERE state = 'open' AND bulk = 1").get() !== undefined;
  } catch {
    return false; // no change log in this file
  }
}

/** A merge of a row into a stakeholder already in the table, once the batch's first `at` rows are in. */
export interface StoredMerge {
  at: number;
  id: number;
  contact: Contact;
  parentId: number | null;
  line: number;
}

/** One hand-over from the planner to the store: applied in order, all of it in the import's transaction. */
export interface WriteBatch {
  /** New rows, WIDTH values each (COLUMNS order), in id order; each already checked by `assertRow`. */
  values: unknown[];
  /** Merges into stored rows, in file order, each after the first `at` rows of `values`. */
  merges: StoredMerge[];
  /** Tag links, [stakeholder id, tag name, …], made once the batch's rows are in. */
  links: (number | string)[];
  /** Scanned rows this batch accounts for (progress). */
  rows: number;
  /** Bytes of the file read when it was handed over (progress). */
  bytes: number;
}

const emptyBatch = (): WriteBatch => ({ values: [], merges: [], links: [], rows: 0, bytes: 0 });

/**
 * Adds what a row knows to a stakeholder: empty fields filled, new emails/phones appended; a value
 * that differs from a stored one is kept in the notes, never lost or overwritten. The same merge for
 * a row still waiting in memory and for one read from the table.
 */
function mergeContact(s: RowImage, id: number, c: Contact, parentId: number | null, line: number, file: string): void {
  // Copies: a waiting row may share its lists with the contact it was made from.
  const emails = [...s.emails];
  const phones = [...s.phones];
  const lowerEmails = new Set(emails.map((e) => e.toLowerCase()));
  for (const e of c.emails) if (!lowerEmails.has(e.toLowerCase())) emails.push(e);
  for (const p of c.phones) if (!phones.includes(p)) phones.push(p);
  s.emails = emails;
  s.phones = phones;
  const kept: string[] = [];
  for (const f of SCALARS) {
    const incoming = c[f];
    if (incoming === null) continue;
    const current = s[f];
    if (current === null || current.trim() === '') s[f] = incoming;
    else if (!same(current, incoming)) kept.push(`${SCALAR_LABELS[f]}: ${incoming}`);
  }
  if (parentId !== null && parentId !== id) {
    if (s.parent_id === null) s.parent_id = parentId;
    else if (s.parent_id !== parentId && c.organisation) kept.push(`Organisation: ${c.organisation}`);
  }
  let notes = s.notes;
  const addNote = (text: string): void => {
    if (text === '' || notes.includes(text)) return;
    notes = notes === '' ? text : `${notes}\n\n${text}`;
  };
  addNote(c.notes);
  if (kept.length) addNote(`From ${file}, line ${line}:\n${kept.join('\n')}`);
  s.notes = notes;
}

/**
 * The scan side: decides, per scanned row, what is inserted (new people, new organisations) and what
 * is merged, and hands the store batches of that. Needs no database, so it runs in the scan's thread.
 */
export class RowPlanner {
  /**
   * New rows not yet in a batch, in id order (a repeat of one is merged here, in memory): two parallel
   * arrays, not a Map. A repeat is nearly always of a row just before it (looked up from the end), and
   * a Map emptied with clear() every 128 rows made the scan promote ~60 MB per 100,000 rows from its
   * young generation to the old one (measured with --trace-gc-nvp: 87 → 28 MB promoted, scavenges
   * 50 → 40, GC pauses roughly halved).
   */
  private readonly pendingIds: number[] = [];
  private readonly pendingImages: RowImage[] = [];
  /** Tag links of rows seen since the last hand-over of pending rows. */
  private links: (number | string)[] = [];
  private batch = emptyBatch();
  organisationsCreated = 0;
  peopleCreated = 0;
  /** Bytes read so far (set by the scan; carried by each batch for progress). */
  bytes = 0;

  constructor(
    private readonly fileName: string,
    private readonly emit: (batch: WriteBatch) => void,
    private readonly rowsPerBatch = ROWS_PER_WRITE_BATCH,
  ) {}

  private queue(id: number, image: RowImage): void {
    this.pendingIds.push(id);
    this.pendingImages.push(image);
    if (this.pendingIds.length >= BATCH) this.settle();
  }

  /** Moves the waiting rows (and the tag links seen so far, which may point at them) into the batch. */
  private settle(): void {
    const v = this.batch.values;
    const ids = this.pendingIds;
    const images = this.pendingImages;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] as number;
      const r = images[k] as RowImage;
      assertRow(id, r);
      v.push(
        id,
        r.name,
        r.kind,
        r.parent_id,
        r.role,
        r.country,
        r.sector,
        r.notes,
        JSON.stringify(r.emails),
        JSON.stringify(r.phones),
        r.website,
        r.address,
        r.linkedin,
      );
    }
    ids.length = 0;
    images.length = 0;
    if (this.links.length > 0) {
      for (const x of this.links) this.batch.links.push(x);
      this.links = [];
    }
    if (this.batch.rows >= this.rowsPerBatch) this.handOver();
  }

  private handOver(): void {
    const b = this.batch;
    if (b.values.length === 0 && b.merges.length === 0 && b.links.length === 0 && b.rows === 0) return;
    b.bytes = this.bytes;
    this.batch = emptyBatch();
    this.emit(b);
  }

  row({ line, contact, decision }: ScanRow): void {
    const { id, org } = decision;
    if (contact.kind === 'organisation' && org) {
      if (!org.written) {
        this.queue(id, imageOf(contact, NEW_ORGANISATION_KIND, null));
        org.written = true;
        this.organisationsCreated++;
      } else this.merge(id, contact, null, line);
    } else {
      let parentId: number | null = null;
      if (org) {
        if (!org.written) {
          this.queue(org.id, emptyOrganisation(org.name));
          org.written = true;
          this.organisationsCreated++;
        }
        parentId = org.id;
      }
      if (decision.action === 'new') {
        this.queue(id, imageOf(contact, 'person', parentId));
        this.peopleCreated++;
      } else this.merge(id, contact, parentId, line);
    }
    for (const t of contact.tags) this.links.push(id, t);
    this.batch.rows++;
  }

  /** Merges into a waiting row in memory, or asks the store to merge into the stored row. */
  private merge(id: number, c: Contact, parentId: number | null, line: number): void {
    const waiting = this.waiting(id);
    if (waiting) {
      mergeContact(waiting, id, c, parentId, line, this.fileName);
      return;
    }
    // Whatever waits goes in first (the merge may point at a new organisation).
    this.settle();
    this.batch.merges.push({ at: this.batch.values.length / WIDTH, id, contact: c, parentId, line });
  }

  /** The waiting (not yet settled) row with this id, if any. */
  private waiting(id: number): RowImage | undefined {
    const ids = this.pendingIds;
    for (let k = ids.length - 1; k >= 0; k--) if (ids[k] === id) return this.pendingImages[k];
    return undefined;
  }

  /** Hands over everything still waiting; call once after the last row. */
  finish(): void {
    this.settle();
    this.handOver();
  }
}

/**
 * The database side: applies the planner's batches on the import's connection, inside its
 * transaction, and for a large import sets aside (and at its `end` restores) the indexes, row
 * triggers and CHECK constraints described above.
 */
export class RowStore {
  private readonly insertMany: Statement;
  private readonly insertOne: Statement;
  private readonly select: Statement;
  private readonly update: Statement;
  private readonly upsertTag: Statement;
  private readonly tagId: Statement;
  private readonly link: Statement;
  /** Marks a batch's new rows for the search index (while its trigger is set aside), or null. */
  private readonly markStale: Statement | null;
  private readonly tagIds = new Map<string, number>();
  /** Indexes dropped for a large import, rebuilt by `end`. */
  private dropped: { name: string; sql: string }[] = [];
  /** Whether the index rebuild sorts with a helper thread (SORT_THREADS_MIN_ROWS). */
  private readonly sortThreads: boolean;
  /** Row triggers set aside for a large import, re-created by `end`. */
  private suspended: { name: string; sql: string }[] = [];
  /** True while CHECK constraints are off for this import (see IMPORT_KINDS). */
  private checksOff = false;
  /** Scanned rows accounted for so far. */
  written = 0;

  constructor(
    private readonly db: Db,
    private readonly fileName: string,
    /** The first id the import gives a new stakeholder (the matcher's). */
    firstNewId: number,
    fileBytes = 0,
  ) {
    const expectedRows = fileBytes / BYTES_PER_ROW_ESTIMATE;
    this.sortThreads = expectedRows >= SORT_THREADS_MIN_ROWS;
    if (expectedRows >= SUSPEND_TRIGGERS_MIN_ROWS && bulkStepOpen(db)) {
      const trigger = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
      for (const name of SUSPENDED_TRIGGERS) {
        const t = trigger.get(name) as { name: string; sql: string } | undefined;
        if (t) this.suspended.push(t);
      }
      for (const { name } of this.suspended) db.exec(`DROP TRIGGER "${name}"`);
      if (db.pragma('ignore_check_constraints', { simple: true }) === 0) {
        db.pragma('ignore_check_constraints = ON');
        this.checksOff = true;
      }
    }
    if (expectedRows >= REINDEX_MIN_ROWS && expectedRows >= firstNewId - 1) {
      this.dropped = db
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'stakeholders' AND sql IS NOT NULL",
        )
        .all() as { name: string; sql: string }[];
      if (expectedRows < LIVE_PARENT_INDEX_MAX_ROWS)
        this.dropped = this.dropped.filter((i) => i.name !== 'stakeholders_parent');
      for (const { name } of this.dropped) db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
    }
    this.insertMany = db.prepare(
      `INSERT INTO stakeholders (${COLUMNS}) VALUES ${Array.from({ length: BATCH }, () => ROW_VALUES).join(', ')}`,
    );
    this.insertOne = db.prepare(`INSERT INTO stakeholders (${COLUMNS}) VALUES ${ROW_VALUES}`);
    this.select = db.prepare(
      'SELECT name, parent_id, role, country, sector, notes, emails, phones, website, address, linkedin FROM stakeholders WHERE id = ?',
    );
    this.update = db.prepare(`
      UPDATE stakeholders SET parent_id = ?, role = ?, country = ?, sector = ?, notes = ?, emails = ?, phones = ?,
        website = ?, address = ?, linkedin = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
      WHERE id = ?`);
    this.upsertTag = db.prepare('INSERT INTO tags (name) VALUES (?) ON CONFLICT(name) DO NOTHING');
    this.tagId = db.prepare('SELECT id FROM tags WHERE name = ?').pluck();
    this.link = db.prepare('INSERT OR IGNORE INTO stakeholder_tags (stakeholder_id, tag_id) VALUES (?, ?)');
    // What the search trigger would have done for each new row, a batch at a time (in two threads this
    // runs while the scan reads on, instead of re-reading every new row at the end).
    this.markStale = this.suspended.some((t) => t.name === 'search_stakeholder_insert')
      ? db.prepare('INSERT INTO search_stale (id) SELECT value FROM json_each(?)')
      : null;
  }

  /** Applies one batch: its rows (BATCH per statement), its merges where they fall, then its tag links. */
  apply(b: WriteBatch): void {
    const v = b.values;
    let at = 0;
    const insertUpTo = (row: number): void => {
      const end = row * WIDTH;
      for (; at + BATCH * WIDTH <= end; at += BATCH * WIDTH) this.insertMany.run(v.slice(at, at + BATCH * WIDTH));
      for (; at < end; at += WIDTH) this.insertOne.run(v.slice(at, at + WIDTH));
    };
    for (const m of b.merges) {
      insertUpTo(m.at);
      this.mergeStored(m);
    }
    insertUpTo(v.length / WIDTH);
    if (this.markStale && v.length > 0) {
      const ids: number[] = [];
      for (let i = 0; i < v.length; i += WIDTH) ids.push(v[i] as number);
      this.markStale.run(JSON.stringify(ids));
    }
    const links = b.links;
    for (let i = 0; i < links.length; i += 2) this.link.run(links[i], this.tag(links[i + 1] as string));
    this.written += b.rows;
  }

  private tag(name: string): number {
    const key = name.toLowerCase();
    let id = this.tagIds.get(key);
    if (id === undefined) {
      this.upsertTag.run(name);
      id = this.tagId.get(name) as number;
      // A copy, not a slice of the file's text (which would keep its whole chunk in memory).
      this.tagIds.set(JSON.parse(JSON.stringify(key)) as string, id);
    }
    return id;
  }

  private mergeStored({ id, contact, parentId, line }: StoredMerge): void {
    const s = this.select.get(id) as StoredRow;
    const row: RowImage = {
      ...s,
      kind: '',
      emails: JSON.parse(s.emails) as string[],
      phones: JSON.parse(s.phones) as string[],
    };
    mergeContact(row, id, contact, parentId, line, this.fileName);
    this.update.run(
      row.parent_id,
      row.role,
      row.country,
      row.sector,
      row.notes,
      JSON.stringify(row.emails),
      JSON.stringify(row.phones),
      row.website,
      row.address,
      row.linkedin,
      id,
    );
  }

  /** Turns CHECK constraints back on; idempotent, and called whether the import succeeded or not. */
  release(): void {
    if (!this.checksOff) return;
    this.checksOff = false;
    this.db.pragma('ignore_check_constraints = OFF');
  }

  /** Restores what a large import set aside; call once after the last batch. */
  end(): void {
    // The search trigger's work is done (each batch marked its rows); the change log's has nothing to
    // make up: a bulk step logs its new rows at its end (log.ts).
    for (const { sql } of this.suspended) this.db.exec(sql);
    this.suspended = [];
    if (this.dropped.length > 0) {
      const threads = this.sortThreads ? (this.db.pragma('threads', { simple: true }) as number) : null;
      if (threads !== null) this.db.pragma('threads = 2');
      try {
        for (const { sql } of this.dropped) this.db.exec(sql);
      } finally {
        if (threads !== null) this.db.pragma(`threads = ${threads}`);
      }
    }
    this.dropped = [];
    this.release();
  }
}
