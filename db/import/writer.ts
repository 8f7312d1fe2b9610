// Writing scanned contacts: new people (with their organisations) inserted, matched stakeholders
// merged field by field without erasing anything. Prepared statements; runs inside the caller's
// transaction (recordChange), so it is all or nothing.
import type { Db } from '../sqlite/open';
import type { Contact } from './contact';
import type { Matcher, OrgSlot, Slot } from './match';
import type { ScanRow, Sink } from './scan';

/** Kind given to organisations the import creates; the analyst refines it in the register. */
export const NEW_ORGANISATION_KIND = 'company';

interface StoredRow {
  id: number;
  name: string;
  parent_id: number | null;
  role: string | null;
  country: string | null;
  sector: string | null;
  notes: string;
  emails: string;
  phones: string;
  website: string | null;
  address: string | null;
  linkedin: string | null;
}

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

export class ContactWriter implements Sink {
  private readonly insert;
  private readonly select;
  private readonly update;
  private readonly upsertTag;
  private readonly tagId;
  private readonly link;
  private readonly tagIds = new Map<string, number>();
  organisationsCreated = 0;
  peopleCreated = 0;
  written = 0;

  constructor(
    db: Db,
    private readonly matcher: Matcher,
    private readonly fileName: string,
    private readonly onRow?: (written: number) => void,
  ) {
    this.insert = db.prepare(`
      INSERT INTO stakeholders (name, kind, parent_id, role, country, sector, notes, emails, phones, website, address, linkedin)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.select = db.prepare(
      'SELECT id, name, parent_id, role, country, sector, notes, emails, phones, website, address, linkedin FROM stakeholders WHERE id = ?',
    );
    this.update = db.prepare(`
      UPDATE stakeholders SET parent_id = ?, role = ?, country = ?, sector = ?, notes = ?, emails = ?, phones = ?,
        website = ?, address = ?, linkedin = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
      WHERE id = ?`);
    this.upsertTag = db.prepare('INSERT INTO tags (name) VALUES (?) ON CONFLICT(name) DO NOTHING');
    this.tagId = db.prepare('SELECT id FROM tags WHERE name = ?').pluck();
    this.link = db.prepare('INSERT OR IGNORE INTO stakeholder_tags (stakeholder_id, tag_id) VALUES (?, ?)');
  }

  private organisationId(org: OrgSlot): number {
    if (org.existingId !== null) return org.existingId;
    if (org.createdId === null) {
      org.createdId = Number(
        this.insert.run(org.name, NEW_ORGANISATION_KIND, null, null, null, null, '', '[]', '[]', null, null, null)
          .lastInsertRowid,
      );
      this.organisationsCreated++;
    }
    return org.createdId;
  }

  private tag(id: number, name: string): void {
    let tagId = this.tagIds.get(name.toLowerCase());
    if (tagId === undefined) {
      this.upsertTag.run(name);
      tagId = this.tagId.get(name) as number;
      this.tagIds.set(name.toLowerCase(), tagId);
    }
    this.link.run(id, tagId);
  }

  row({ line, contact, decision }: ScanRow): void {
    const org = contact.organisation ? this.matcher.organisation(contact.organisation) : null;
    const parentId = org ? this.organisationId(org) : null;
    const slot: Slot = decision.slot;
    let id = slot.existingId ?? slot.createdId;
    if (id === null) {
      const isOrg = contact.kind === 'organisation';
      id = Number(
        this.insert.run(
          contact.name,
          isOrg ? NEW_ORGANISATION_KIND : 'person',
          parentId,
          contact.role,
          contact.country,
          contact.sector,
          contact.notes,
          JSON.stringify(contact.emails),
          JSON.stringify(contact.phones),
          contact.website,
          contact.address,
          contact.linkedin,
        ).lastInsertRowid,
      );
      slot.createdId = id;
      if (isOrg) this.organisationsCreated++;
      else this.peopleCreated++;
    } else {
      this.merge(id, contact, parentId, line);
    }
    for (const t of contact.tags) this.tag(id, t);
    this.written++;
    if ((this.written & 1023) === 0) this.onRow?.(this.written);
  }

  /**
   * Adds what the row knows to a stored stakeholder: empty fields filled, new emails/phones/tags
   * appended; a value that differs from a stored one is kept in the notes, never lost or overwritten.
   */
  private merge(id: number, c: Contact, parentId: number | null, line: number): void {
    const s = this.select.get(id) as StoredRow;
    const emails = JSON.parse(s.emails) as string[];
    const phones = JSON.parse(s.phones) as string[];
    const lowerEmails = new Set(emails.map((e) => e.toLowerCase()));
    for (const e of c.emails) if (!lowerEmails.has(e.toLowerCase())) emails.push(e);
    for (const p of c.phones) if (!phones.includes(p)) phones.push(p);
    const values: Record<(typeof SCALARS)[number], string | null> = {
      role: s.role,
      country: s.country,
      sector: s.sector,
      website: s.website,
      address: s.address,
      linkedin: s.linkedin,
    };
    const kept: string[] = [];
    for (const f of SCALARS) {
      const incoming = c[f];
      if (incoming === null) continue;
      const current = values[f];
      if (current === null || current.trim() === '') values[f] = incoming;
      else if (!same(current, incoming)) kept.push(`${SCALAR_LABELS[f]}: ${incoming}`);
    }
    let parent = s.parent_id;
    if (parentId !== null && parentId !== id) {
      if (parent === null) parent = parentId;
      else if (parent !== parentId && c.organisation) kept.push(`Organisation: ${c.organisation}`);
    }
    let notes = s.notes;
    const addNote = (text: string): void => {
      if (text === '' || notes.includes(text)) return;
      notes = notes === '' ? text : `${notes}\n\n${text}`;
    };
    addNote(c.notes);
    if (kept.length) addNote(`From ${this.fileName}, line ${line}:\n${kept.join('\n')}`);
    this.update.run(
      parent,
      values.role,
      values.country,
      values.sector,
      notes,
      JSON.stringify(emails),
      JSON.stringify(phones),
      values.website,
      values.address,
      values.linkedin,
      id,
    );
  }
}
