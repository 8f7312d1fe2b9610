// One CSV record → the contact it describes, or the reason it cannot be imported. Pure.
import { FORMAT_RULES, type FormatId, type Mapping } from '../domain/import-formats';
import { clean, isLinkedinUrl } from './normalise';

export interface Contact {
  /** Person (or organisation, for a row naming only an organisation). */
  kind: 'person' | 'organisation';
  name: string;
  organisation: string | null;
  role: string | null;
  emails: string[];
  phones: string[];
  website: string | null;
  linkedin: string | null;
  address: string | null;
  country: string | null;
  sector: string | null;
  tags: string[];
  notes: string;
}

export type RowOutcome = { ok: true; contact: Contact } | { ok: false; reason: string };

export interface RowContext {
  format: FormatId;
  headers: readonly string[];
  mapping: Mapping;
  delimiterName: string;
  /**
   * False when the text the record came from is known to hold neither NUL nor U+FFFD (the scan
   * checks each decoded chunk once), so the per-field check can be skipped. Absent: check.
   */
  checkCharacters?: boolean;
}

const NUL = '\u0000';
const REPLACEMENT = '\uFFFD';

const pushUnique = (list: string[], value: string): void => {
  if (value !== '' && !list.includes(value)) list.push(value);
};

/** Checks a record's fields for characters that must never be stored silently. */
export function badCharacters(fields: readonly string[]): string | null {
  for (const f of fields) {
    if (f.includes(NUL)) {
      return 'it contains NUL (zero) bytes, which are not text. The file may be damaged or in another encoding: choose the encoding in the preview, or remove those bytes';
    }
    if (f.includes(REPLACEMENT)) {
      return 'it contains characters that could not be read in the chosen encoding (shown as �). Choose the file’s real encoding in the preview (for example Windows-1252 or UTF-16)';
    }
  }
  return null;
}

// Module-level rather than inside toContact: closures made per row cost a million allocations.
const splitValues = (v: string, sep: string | undefined): string[] => (sep ? v.split(sep) : [v]);
const stripPrimary = (v: string): { value: string; primary: boolean } =>
  v.startsWith('* ') ? { value: v.slice(2), primary: true } : { value: v, primary: false };

/** Per-column lookups worked out once per file rather than once per cell (lower-cased header names). */
const placeholderPlans = new WeakMap<RowContext, Array<readonly string[] | undefined>>();

function placeholdersOf(ctx: RowContext): Array<readonly string[] | undefined> {
  let plan = placeholderPlans.get(ctx);
  if (!plan) {
    const rules = FORMAT_RULES[ctx.format];
    plan = ctx.headers.map((h) => rules.placeholders?.[h.toLowerCase()]);
    placeholderPlans.set(ctx, plan);
  }
  return plan;
}

const scratchWebsites: string[] = [];
const scratchAddresses: string[] = [];
const scratchNotes: string[] = [];
const scratchExtras: string[] = [];

export function toContact(fields: readonly string[], ctx: RowContext): RowOutcome {
  const { headers, mapping } = ctx;
  const rules = FORMAT_RULES[ctx.format];
  const placeholdersByColumn = placeholdersOf(ctx);
  if (fields.length < headers.length) {
    return {
      ok: false,
      reason: `it has ${fields.length} fields but the header has ${headers.length}. A ${ctx.delimiterName} or a quote is probably missing; fix the line and import again`,
    };
  }
  if (fields.length > headers.length) {
    const extra = fields.slice(headers.length).some((f) => f.trim() !== '');
    if (extra) {
      return {
        ok: false,
        reason: `it has ${fields.length} fields but the header has ${headers.length}. A value probably contains an unquoted ${ctx.delimiterName}; put that value in double quotes and import again`,
      };
    }
  }
  if (ctx.checkCharacters !== false) {
    const bad = badCharacters(fields);
    if (bad) return { ok: false, reason: bad };
  }

  let name = '';
  const nameParts: Record<string, string> = {};
  let organisation = '';
  let role = '';
  let department = '';
  const emails: string[] = [];
  const phones: string[] = [];
  let linkedin = '';
  let country = '';
  let sector = '';
  const tags: string[] = [];
  // Working lists that do not outlive the call: reused rather than made per row (a million rows).
  const websites = scratchWebsites;
  const addresses = scratchAddresses;
  const notes = scratchNotes;
  const extras = scratchExtras;
  websites.length = 0;
  addresses.length = 0;
  notes.length = 0;
  extras.length = 0;
  let primaryNext = false;

  for (let i = 0; i < headers.length; i++) {
    const raw = fields[i] as string;
    const target = mapping[i] ?? null;
    const header = headers[i] as string;
    let v = clean(raw);
    if (v === '') continue;
    const placeholders = placeholdersByColumn[i];
    if (placeholders?.includes(v)) continue;
    switch (target) {
      case 'skip':
        break;
      case 'label':
        // Google marks the primary email/phone with "* " on the label beside it.
        primaryNext = v.startsWith('* ');
        break;
      case 'name':
        name = v;
        break;
      case 'firstName':
      case 'middleName':
      case 'lastName':
      case 'prefix':
      case 'suffix':
        nameParts[target] = nameParts[target] ? `${nameParts[target]} ${v}` : v;
        break;
      case 'organisation':
        if (organisation === '') organisation = v;
        else extras.push(`${header}: ${v}`);
        break;
      case 'role':
        role = role ? `${role}; ${v}` : v;
        break;
      case 'department':
        department = department ? `${department}; ${v}` : v;
        break;
      case 'email':
      case 'phone': {
        const list = target === 'email' ? emails : phones;
        if (!primaryNext && !v.startsWith('* ') && !(rules.multiValue && v.includes(rules.multiValue))) {
          // One plain value (the usual cell): what the general path below does for it, without its arrays.
          pushUnique(list, v);
          break;
        }
        const values = splitValues(v, rules.multiValue).map((p) => stripPrimary(clean(p)));
        let first = true;
        for (const { value, primary } of values) {
          if (value === '') continue;
          // The label's "* " marks the first value of its cell as the primary one.
          if ((primary || (primaryNext && first)) && !list.includes(value)) list.unshift(value);
          else pushUnique(list, value);
          first = false;
        }
        primaryNext = false;
        break;
      }
      case 'website':
        for (const p of splitValues(v, rules.multiValue)) {
          const value = clean(p);
          if (isLinkedinUrl(value) && linkedin === '') linkedin = value;
          else pushUnique(websites, value);
        }
        break;
      case 'linkedin':
        if (linkedin === '') linkedin = v;
        else extras.push(`${header}: ${v}`);
        break;
      case 'address':
        addresses.push(v);
        break;
      case 'country':
        if (country === '') country = v;
        else if (v !== country) extras.push(`${header}: ${v}`);
        break;
      case 'sector':
        sector = sector ? `${sector}; ${v}` : v;
        break;
      case 'tags': {
        const sep = rules.tagSeparator;
        const parts = sep ? v.split(sep) : [v];
        for (const p of parts) {
          const tag = stripPrimary(clean(p)).value;
          if (tag !== '' && !rules.systemTags?.includes(tag)) pushUnique(tags, tag);
        }
        break;
      }
      case 'notes':
        notes.push(v);
        break;
      default:
        // Unmapped columns are kept, labelled, in the notes: nothing is dropped silently.
        v = v.includes('\n') ? `\n${v}` : v;
        extras.push(`${header}: ${v}`);
    }
  }

  if (name === '') {
    name = ['prefix', 'firstName', 'middleName', 'lastName', 'suffix']
      .map((p) => nameParts[p])
      .filter(Boolean)
      .join(' ');
  } else {
    // A full name column plus parts: the parts are not lost, but the full name is the name.
    for (const p of ['prefix', 'suffix'] as const) if (nameParts[p]) extras.push(`Name ${p}: ${nameParts[p]}`);
  }
  if (websites.length > 1) extras.push(...websites.slice(1).map((w) => `Website: ${w}`));
  const notesText =
    extras.length === 0
      ? notes.length === 1
        ? (notes[0] as string)
        : notes.join('\n')
      : [...notes, ...extras].join('\n');
  let kind: Contact['kind'] = 'person';
  if (name === '') {
    if (organisation !== '') {
      kind = 'organisation';
      name = organisation;
      organisation = '';
    } else if (emails[0]) name = emails[0];
    else {
      return {
        ok: false,
        reason:
          'it has no name, email address or organisation, so there is nothing to call the stakeholder. Fill in a name or skip the row',
      };
    }
  }
  const roleText = role && department ? `${role}, ${department}` : role || department;
  return {
    ok: true,
    contact: {
      kind,
      name,
      organisation: organisation || null,
      role: roleText || null,
      emails,
      phones,
      website: websites[0] ?? null,
      linkedin: linkedin || null,
      address: addresses.length ? addresses.join(', ') : null,
      country: country || null,
      sector: sector || null,
      tags,
      notes: notesText,
    },
  };
}
