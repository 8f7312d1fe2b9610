// Deciding each contact's fate: new, matched to an existing stakeholder, or a duplicate of an earlier
// row of the same file. Keys in order: normalised email, LinkedIn URL, name + organisation.
// A decision names the stakeholder by id: an existing one's, or the id the import gives the new row
// (the next free ids, handed out in file order), so the writer needs no per-row objects and the keys
// of a million rows fit in compact indexes (keys.ts).
import type { Db } from '../sqlite/open';
import type { Contact } from './contact';
import { KeyIndex } from './keys';
import { emailKey, emailKeyClean, fold, foldClean, linkedinKey, nameOrgKey } from './normalise';

const INDIVIDUAL_KINDS = new Set(['person', 'academic']);

export const MATCH_KEYS = ['email', 'linkedin', 'name'] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

export interface Decision {
  action: 'new' | 'matched' | 'duplicate';
  /** The stakeholder the row is (new), merges into (matched) or repeats (duplicate). */
  id: number;
  /** The key that matched (null for new rows). */
  on: MatchKey | null;
  /** For a duplicate: the line of the row that introduced the stakeholder (0 when not from a row). */
  ofLine: number;
  /** The row's organisation, when it names one (for an organisation-only row: the organisation itself). */
  org: OrgSlot | null;
}

/** An organisation a contact belongs to: existing, or created once by this import. */
export interface OrgSlot {
  name: string;
  id: number;
  existing: boolean;
  /** Line of the organisation-only row that introduced it (0 until one does). */
  claimedAt: number;
  /** Set by the writer once the row is in the table. */
  written: boolean;
}

interface ExistingRow {
  id: number;
  name: string;
  kind: string;
  emails: string;
  linkedin: string | null;
  org: string | null;
}

export class Matcher {
  private readonly byEmail: KeyIndex;
  private readonly byLinkedin = new KeyIndex();
  private readonly byNameOrg: KeyIndex;
  /** Stored individuals without an organisation: a row naming one still matches on the name. */
  private readonly byNameNoOrg = new KeyIndex();
  private readonly orgs = new Map<string, OrgSlot>();
  /** Organisations this import will create, in first-seen order. */
  readonly newOrganisations: OrgSlot[] = [];
  /** The first id this import gives a new stakeholder; lower ids are existing ones. */
  readonly firstNewId: number;
  private nextId: number;
  /** Line of the row that introduced each new person (index: id − firstNewId; 0 for organisations). */
  private lines = new Int32Array(1024);
  private readonly useEmail: boolean;
  private readonly useLinkedin: boolean;
  private readonly useName: boolean;

  constructor(
    db: Db,
    private readonly keys: readonly MatchKey[],
    /** Rows the file is expected to hold (from its size): the key tables start that large. */
    expectedRows = 0,
  ) {
    const capacity = keyCapacity(expectedRows);
    this.byEmail = new KeyIndex(keys.includes('email') ? capacity : 1024);
    this.byNameOrg = new KeyIndex(keys.includes('name') ? capacity : 1024);
    this.useEmail = keys.includes('email');
    this.useLinkedin = keys.includes('linkedin');
    this.useName = keys.includes('name');
    const rows = db
      .prepare(
        `SELECT s.id, s.name, s.kind, s.emails, s.linkedin, p.name AS org
         FROM stakeholders s LEFT JOIN stakeholders p ON p.id = s.parent_id ORDER BY s.id`,
      )
      .iterate() as IterableIterator<ExistingRow>;
    let max = 0;
    for (const r of rows) {
      if (r.id > max) max = r.id;
      // Individuals are people and academics; everything else can be someone's organisation.
      if (INDIVIDUAL_KINDS.has(r.kind)) {
        for (const e of JSON.parse(r.emails) as string[]) setOnce(this.byEmail, emailKey(e), r.id);
        if (r.linkedin) setOnce(this.byLinkedin, linkedinKey(r.linkedin), r.id);
        setOnce(this.byNameOrg, nameOrgKey(r.name, r.org), r.id);
        if (r.org === null) setOnce(this.byNameNoOrg, fold(r.name), r.id);
      } else {
        const k = fold(r.name);
        if (!this.orgs.has(k))
          this.orgs.set(k, { name: r.name, id: r.id, existing: true, claimedAt: 0, written: true });
      }
    }
    this.firstNewId = max + 1;
    this.nextId = max + 1;
  }

  /** Sizes the key tables for this many rows, once the first rows have told how large the file's rows are. */
  reserve(expectedRows: number): void {
    const capacity = keyCapacity(expectedRows);
    if (this.useEmail) this.byEmail.reserve(capacity);
    if (this.useName) this.byNameOrg.reserve(capacity);
  }

  private newId(line: number): number {
    const id = this.nextId++;
    const at = id - this.firstNewId;
    if (at >= this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[at] = line;
    return id;
  }

  isExisting(id: number): boolean {
    return id < this.firstNewId;
  }

  /** The organisation slot for a name, creating a pending one on first sight. */
  organisation(name: string, folded = fold(name)): OrgSlot {
    const k = folded;
    let slot = this.orgs.get(k);
    if (!slot) {
      slot = { name: detach(name), id: this.newId(0), existing: false, claimedAt: 0, written: false };
      this.orgs.set(detach(k), slot);
      this.newOrganisations.push(slot);
    }
    return slot;
  }

  /**
   * An organisation-only row: matched by name among existing organisations; the first row naming a
   * new organisation introduces it (even when a person's row already referred to it), later ones
   * are duplicates.
   */
  decideOrganisation(contact: Contact, line: number): Decision {
    const org = this.organisation(contact.name);
    if (org.existing) return { action: 'matched', id: org.id, on: 'name', ofLine: 0, org };
    if (org.claimedAt !== 0) return { action: 'duplicate', id: org.id, on: 'name', ofLine: org.claimedAt, org };
    org.claimedAt = line;
    return { action: 'new', id: org.id, on: null, ofLine: 0, org };
  }

  decide(contact: Contact, line: number): Decision {
    if (contact.kind === 'organisation') return this.decideOrganisation(contact, line);
    // Contact values are already clean (NFC, trimmed): fold only what cleaning leaves, once per value.
    const orgKey = contact.organisation ? foldClean(contact.organisation) : '';
    const org = contact.organisation ? this.organisation(contact.organisation, orgKey) : null;
    const emails =
      contact.emails.length === 1
        ? [emailKeyClean(contact.emails[0] as string)]
        : contact.emails.map((e) => emailKeyClean(e));
    const linkedin = contact.linkedin ? linkedinKey(contact.linkedin) : null;
    const name = foldClean(contact.name);
    const nameOrg = `${name}\u0000${orgKey}`;
    let found: number | undefined;
    let on: MatchKey | null = null;
    for (const key of this.keys) {
      if (key === 'email') {
        for (const e of emails) {
          found = this.byEmail.get(e);
          if (found !== undefined) break;
        }
      } else if (key === 'linkedin') found = linkedin ? this.byLinkedin.get(linkedin) : undefined;
      else found = this.byNameOrg.get(nameOrg) ?? (this.byNameNoOrg.size > 0 ? this.byNameNoOrg.get(name) : undefined);
      if (found !== undefined) {
        on = key;
        break;
      }
    }
    const id = found ?? this.newId(line);
    // Every key of this row now leads to the same stakeholder (later rows match any of them).
    if (this.useEmail) for (const e of emails) setOnce(this.byEmail, e, id);
    if (linkedin && this.useLinkedin) setOnce(this.byLinkedin, linkedin, id);
    if (this.useName) setOnce(this.byNameOrg, nameOrg, id);
    if (found === undefined) return { action: 'new', id, on: null, ofLine: 0, org };
    if (this.isExisting(found)) return { action: 'matched', id, on, ofLine: 0, org };
    return { action: 'duplicate', id, on, ofLine: this.lines[found - this.firstNewId] as number, org };
  }
}

/**
 * A copy of a string that does not share memory with the text it was cut from: a value kept for the
 * whole import (an organisation's name) would otherwise keep its whole 1 MiB chunk of the file alive.
 */
const detach = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

const keyCapacity = (rows: number): number => Math.min(Math.max(1024, Math.ceil(rows)), 1 << 22);

function setOnce(index: KeyIndex, key: string, value: number): void {
  if (key !== '') index.setOnce(key, value);
}
