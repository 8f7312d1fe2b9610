// Deciding each contact's fate: new, matched to an existing stakeholder, or a duplicate of an earlier
// row of the same file. Keys in order: normalised email, LinkedIn URL, name + organisation.
import type { Db } from '../sqlite/open';
import type { Contact } from './contact';
import { emailKey, fold, linkedinKey, nameOrgKey } from './normalise';

const INDIVIDUAL_KINDS = new Set(['person', 'academic']);

export const MATCH_KEYS = ['email', 'linkedin', 'name'] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

/** A stakeholder a row resolves to: existing (id known) or created by this import (id set on write). */
export interface Slot {
  /** Line of the file row that introduced it (0 for an existing stakeholder). */
  line: number;
  existingId: number | null;
  createdId: number | null;
}

export type Decision =
  | { action: 'new'; slot: Slot }
  | { action: 'matched'; slot: Slot; on: MatchKey }
  | { action: 'duplicate'; slot: Slot; on: MatchKey };

/** An organisation a contact belongs to: existing, or created once by this import. */
export interface OrgSlot {
  name: string;
  existingId: number | null;
  createdId: number | null;
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
  private readonly byEmail = new Map<string, Slot>();
  private readonly byLinkedin = new Map<string, Slot>();
  private readonly byNameOrg = new Map<string, Slot>();
  /** Stored individuals without an organisation: a row naming one still matches on the name. */
  private readonly byNameNoOrg = new Map<string, Slot>();
  private readonly orgs = new Map<string, OrgSlot>();
  /** Organisations this import will create, in first-seen order. */
  readonly newOrganisations: OrgSlot[] = [];

  constructor(
    db: Db,
    private readonly keys: readonly MatchKey[],
  ) {
    const rows = db
      .prepare(
        `SELECT s.id, s.name, s.kind, s.emails, s.linkedin, p.name AS org
         FROM stakeholders s LEFT JOIN stakeholders p ON p.id = s.parent_id ORDER BY s.id`,
      )
      .all() as ExistingRow[];
    for (const r of rows) {
      const slot: Slot = { line: 0, existingId: r.id, createdId: null };
      // Individuals are people and academics; everything else can be someone's organisation.
      if (INDIVIDUAL_KINDS.has(r.kind)) {
        for (const e of JSON.parse(r.emails) as string[]) setOnce(this.byEmail, emailKey(e), slot);
        if (r.linkedin) setOnce(this.byLinkedin, linkedinKey(r.linkedin), slot);
        setOnce(this.byNameOrg, nameOrgKey(r.name, r.org), slot);
        if (r.org === null) setOnce(this.byNameNoOrg, fold(r.name), slot);
      } else {
        setOnce(this.orgs, fold(r.name), { name: r.name, existingId: r.id, createdId: null });
      }
    }
  }

  /** The organisation slot for a name, creating a pending one on first sight. */
  organisation(name: string): OrgSlot {
    const k = fold(name);
    let slot = this.orgs.get(k);
    if (!slot) {
      slot = { name, existingId: null, createdId: null };
      this.orgs.set(k, slot);
      this.newOrganisations.push(slot);
    }
    return slot;
  }

  private readonly claimed = new Set<OrgSlot>();

  /**
   * An organisation-only row: matched by name among existing organisations; the first row naming a
   * new organisation introduces it (even when a person's row already referred to it), later ones
   * are duplicates.
   */
  decideOrganisation(contact: Contact, line: number): Decision {
    const org = this.organisation(contact.name);
    const slot = orgAsSlot(org, line);
    if (org.existingId !== null) return { action: 'matched', slot, on: 'name' };
    if (this.claimed.has(org)) return { action: 'duplicate', slot, on: 'name' };
    this.claimed.add(org);
    return { action: 'new', slot };
  }

  decide(contact: Contact, line: number): Decision {
    if (contact.kind === 'organisation') return this.decideOrganisation(contact, line);
    if (contact.organisation) this.organisation(contact.organisation);
    const emails = contact.emails.map(emailKey);
    const linkedin = contact.linkedin ? linkedinKey(contact.linkedin) : null;
    const nameOrg = nameOrgKey(contact.name, contact.organisation);
    let found: Slot | undefined;
    let on: MatchKey = 'email';
    for (const key of this.keys) {
      if (key === 'email') found = firstHit(this.byEmail, emails);
      else if (key === 'linkedin') found = linkedin ? this.byLinkedin.get(linkedin) : undefined;
      else found = this.byNameOrg.get(nameOrg) ?? this.byNameNoOrg.get(fold(contact.name));
      if (found) {
        on = key;
        break;
      }
    }
    const slot = found ?? { line, existingId: null, createdId: null };
    // Every key of this row now leads to the same stakeholder (later rows match any of them).
    if (this.keys.includes('email')) for (const e of emails) setOnce(this.byEmail, e, slot);
    if (linkedin && this.keys.includes('linkedin')) setOnce(this.byLinkedin, linkedin, slot);
    if (this.keys.includes('name')) setOnce(this.byNameOrg, nameOrg, slot);
    if (!found) return { action: 'new', slot };
    return found.line === 0 ? { action: 'matched', slot, on } : { action: 'duplicate', slot, on };
  }
}

const orgSlots = new WeakMap<OrgSlot, Slot>();
/** One Slot per OrgSlot, so an organisation row and the people in it share the created id. */
function orgAsSlot(org: OrgSlot, line = 0): Slot {
  let slot = orgSlots.get(org);
  if (!slot) {
    const s: Slot = { line, existingId: org.existingId, createdId: null };
    Object.defineProperty(s, 'createdId', {
      get: () => org.createdId,
      set: (v: number | null) => {
        org.createdId = v;
      },
      enumerable: true,
    });
    slot = s;
    orgSlots.set(org, slot);
  }
  return slot;
}

function setOnce<V>(map: Map<string, V>, key: string, value: V): void {
  if (key !== '' && !map.has(key)) map.set(key, value);
}

function firstHit(map: Map<string, Slot>, keys: string[]): Slot | undefined {
  for (const k of keys) {
    const hit = map.get(k);
    if (hit) return hit;
  }
  return undefined;
}
