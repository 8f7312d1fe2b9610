// Writing scanned contacts: new people (with their organisations) inserted, matched stakeholders
// merged field by field without erasing anything. Runs inside the caller's transaction
// (recordChange), so it is all or nothing.
// Speed: new rows take the ids the matcher gave them and are inserted many per statement; a row that
// repeats one still waiting to be inserted is merged into it in memory (the same merge the table
// would get), so a duplicate costs no read and no update. Anything else is merged in the table, after
// the waiting rows are in (a merge may point at a new organisation).
import type { Statement } from 'better-sqlite3';
import type { Db } from '../sqlite/open';
import type { Contact } from './contact';
import type { Matcher } from './match';
import type { ScanRow, Sink } from './scan';

/** Kind given to organisations the import creates; the analyst refines it in the register. */
export const NEW_ORGANISATION_KIND = 'company';

/** Rows per INSERT statement (13 values each, well under SQLite's 32,766 variables). */
const BATCH = 128;

/**
 * A large import into a table no larger than itself drops the table's indexes and builds them again
 * at its end (one sort instead of a random B-tree insert per row: about a quarter of the write time
 * at 100,000 rows, more beyond). Inside the import's transaction, so a cancel, a failure or a kill
 * leaves them exactly as they were. Rows are estimated from the file's size.
 */
export const REINDEX_MIN_ROWS = 20_000;
const BYTES_PER_ROW_ESTIMATE = 128;

/**
 * From this many rows (estimated) the per-row insert triggers on `stakeholders` are set aside for the
 * import and their work done once, set-based, at its end: the change log's insert trigger does nothing
 * in a bulk step but still evaluates its WHEN subquery per row, and the search trigger appends one
 * `search_stale` row per stakeholder: about a sixth of the insert time (measured on 95,000 rows).
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

export class ContactWriter implements Sink {
  private readonly insertMany: Statement;
  private readonly insertOne: Statement;
  private readonly select: Statement;
  private readonly update: Statement;
  private readonly upsertTag: Statement;
  private readonly tagId: Statement;
  private readonly link: Statement;
  private readonly tagIds = new Map<string, number>();
  /** New rows waiting for the next batch insert, in id order. */
  private readonly pending = new Map<number, RowImage>();
  /** Tag links waiting for their stakeholders: [stakeholder id, tag id, …]. */
  private links: number[] = [];
  private readonly values: unknown[] = [];
  /** Indexes dropped for a large import, rebuilt by `end`. */
  private dropped: { name: string; sql: string }[] = [];
  /** Row triggers set aside for a large import, re-created by `end`. */
  private suspended: { name: string; sql: string }[] = [];
  private readonly firstNewId: number;
  /** True while CHECK constraints are off for this import (see IMPORT_KINDS). */
  private checksOff = false;
  organisationsCreated = 0;
  peopleCreated = 0;
  written = 0;

  constructor(
    private readonly db: Db,
    matcher: Matcher,
    private readonly fileName: string,
    private readonly onRow?: (written: number) => void,
    fileBytes = 0,
  ) {
    const expectedRows = fileBytes / BYTES_PER_ROW_ESTIMATE;
    this.firstNewId = matcher.firstNewId;
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
    if (expectedRows >= REINDEX_MIN_ROWS && expectedRows >= matcher.firstNewId - 1) {
      this.dropped = db
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'stakeholders' AND sql IS NOT NULL",
        )
        .all() as { name: string; sql: string }[];
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
  }

  private queue(id: number, image: RowImage): void {
    this.pending.set(id, image);
    if (this.pending.size >= BATCH) this.flush();
  }

  /** Inserts the waiting rows (BATCH per statement), then their tag links. */
  flush(): void {
    const v = this.values;
    for (const [id, r] of this.pending) {
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
      if (v.length === BATCH * 13) {
        this.insertMany.run(v);
        v.length = 0;
      }
    }
    for (let at = 0; at < v.length; at += 13) this.insertOne.run(v.slice(at, at + 13));
    v.length = 0;
    this.pending.clear();
    const links = this.links;
    for (let i = 0; i < links.length; i += 2) this.link.run(links[i], links[i + 1]);
    this.links = [];
  }

  /** Turns CHECK constraints back on; idempotent, and called whether the import succeeded or not. */
  release(): void {
    if (!this.checksOff) return;
    this.checksOff = false;
    this.db.pragma('ignore_check_constraints = OFF');
  }

  /** Writes what is still waiting and rebuilds dropped indexes; call once after the last row. */
  end(): void {
    this.flush();
    if (this.suspended.some((t) => t.name === 'search_stakeholder_insert')) {
      // What the search trigger would have done for each new row, in one statement.
      this.db.prepare('INSERT INTO search_stale (id) SELECT id FROM stakeholders WHERE id >= ?').run(this.firstNewId);
    }
    // The change log's trigger has nothing to make up: a bulk step logs its new rows at its end (log.ts).
    for (const { sql } of this.suspended) this.db.exec(sql);
    this.suspended = [];
    for (const { sql } of this.dropped) this.db.exec(sql);
    this.dropped = [];
    this.release();
  }

  private tag(id: number, name: string): void {
    let tagId = this.tagIds.get(name.toLowerCase());
    if (tagId === undefined) {
      this.upsertTag.run(name);
      tagId = this.tagId.get(name) as number;
      // A copy, not a slice of the file's text (which would keep its whole chunk in memory).
      this.tagIds.set(JSON.parse(JSON.stringify(name.toLowerCase())) as string, tagId);
    }
    this.links.push(id, tagId);
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
    for (const t of contact.tags) this.tag(id, t);
    this.written++;
    if ((this.written & 1023) === 0) this.onRow?.(this.written);
  }

  /** Merges into a waiting row in memory, or into the stored row (after inserting what waits). */
  private merge(id: number, c: Contact, parentId: number | null, line: number): void {
    const waiting = this.pending.get(id);
    if (waiting) {
      this.mergeInto(waiting, id, c, parentId, line);
      return;
    }
    this.flush();
    const s = this.select.get(id) as StoredRow;
    const row: RowImage = {
      ...s,
      kind: '',
      emails: JSON.parse(s.emails) as string[],
      phones: JSON.parse(s.phones) as string[],
    };
    this.mergeInto(row, id, c, parentId, line);
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

  /**
   * Adds what the row knows to a stakeholder: empty fields filled, new emails/phones/tags appended;
   * a value that differs from a stored one is kept in the notes, never lost or overwritten.
   */
  private mergeInto(s: RowImage, id: number, c: Contact, parentId: number | null, line: number): void {
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
    if (kept.length) addNote(`From ${this.fileName}, line ${line}:\n${kept.join('\n')}`);
    s.notes = notes;
  }
}
