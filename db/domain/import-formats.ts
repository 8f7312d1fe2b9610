// Which tool exported the file, told from its header, and how each column maps onto a stakeholder.
// Header names and quirks follow the real exports: Google Contacts (current and legacy), Outlook
// (classic desktop and Outlook.com / new Outlook), LinkedIn Connections.csv.

export const TARGET_FIELDS = [
  'name',
  'firstName',
  'middleName',
  'lastName',
  'prefix',
  'suffix',
  'organisation',
  'role',
  'department',
  'email',
  'phone',
  'website',
  'linkedin',
  'address',
  'country',
  'sector',
  'tags',
  'notes',
  'label',
  'skip',
] as const;
/** Where a column goes. `label`: a type/label column whose `* ` marks the primary value beside it. */
export type TargetField = (typeof TARGET_FIELDS)[number];
/** A column's target, or null: kept in the notes as "Header: value" so nothing is lost. */
export type Mapping = Array<TargetField | null>;

export const TARGET_LABELS: Record<TargetField, string> = {
  name: 'Full name',
  firstName: 'First name',
  middleName: 'Middle name',
  lastName: 'Last name',
  prefix: 'Name prefix (Dr., Ms.)',
  suffix: 'Name suffix',
  organisation: 'Organisation',
  role: 'Role / job title',
  department: 'Department',
  email: 'Email',
  phone: 'Phone',
  website: 'Website',
  linkedin: 'LinkedIn URL',
  address: 'Address',
  country: 'Country',
  sector: 'Sector',
  tags: 'Tags',
  notes: 'Notes',
  label: 'Type label (marks the primary value)',
  skip: 'Leave out',
};

export type FormatId =
  | 'google'
  | 'google-legacy'
  | 'outlook'
  | 'outlook-com'
  | 'linkedin'
  | 'relationships'
  | 'generic';

export const FORMAT_LABELS: Record<FormatId, string> = {
  google: 'Google Contacts CSV',
  'google-legacy': 'Google Contacts CSV (legacy)',
  outlook: 'Outlook CSV (classic desktop)',
  'outlook-com': 'Outlook.com / new Outlook CSV',
  linkedin: 'LinkedIn Connections.csv',
  relationships: 'Relationships CSV',
  generic: 'CSV with your column mapping',
};

/** How a format splits multi-value cells, and which placeholder values mean "empty". */
export interface FormatRules {
  /** Separator inside one cell holding several values (Google: " ::: "). */
  multiValue?: string;
  /** Separator in tag cells (Outlook categories: ";"). */
  tagSeparator?: string;
  /** Per header: values that mean "not set" (Outlook writes "0/0/00" for no birthday). */
  placeholders?: Record<string, readonly string[]>;
  /** Tags that are the tool's own bookkeeping, not the analyst's (Google's "myContacts"). */
  systemTags?: readonly string[];
}

const key = (h: string): string =>
  h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const has = (keys: Set<string>, ...names: string[]): boolean => names.every((n) => keys.has(key(n)));

export const OUTLOOK_PLACEHOLDERS: Record<string, readonly string[]> = {
  birthday: ['0/0/00', '00/00/00', '0/0/0000', '1/0/00'],
  anniversary: ['0/0/00', '00/00/00', '0/0/0000', '1/0/00'],
  gender: ['Unspecified'],
  priority: ['Normal'],
  sensitivity: ['Normal'],
  private: ['False'],
};

export const FORMAT_RULES: Record<FormatId, FormatRules> = {
  google: { multiValue: ' ::: ', tagSeparator: ' ::: ', systemTags: ['myContacts', 'starred'] },
  'google-legacy': { multiValue: ' ::: ', tagSeparator: ' ::: ', systemTags: ['My Contacts', 'myContacts', 'Starred'] },
  outlook: { tagSeparator: ';', placeholders: OUTLOOK_PLACEHOLDERS },
  'outlook-com': { tagSeparator: ';', placeholders: OUTLOOK_PLACEHOLDERS },
  linkedin: {},
  relationships: {},
  generic: { multiValue: ' ::: ' },
};

/** Recognises the exporting tool from the header row alone. */
export function recognise(header: readonly string[]): FormatId {
  const keys = new Set(header.map(key));
  if (isRelationshipsHeader(header)) return 'relationships';
  if (has(keys, 'First Name', 'Last Name', 'Connected On') && (has(keys, 'Position') || has(keys, 'Company'))) {
    return 'linkedin';
  }
  if (
    has(keys, 'Given Name', 'Family Name') &&
    (keys.has(key('E-mail 1 - Value')) || keys.has(key('Group Membership')))
  ) {
    return 'google-legacy';
  }
  if (
    has(keys, 'First Name', 'Last Name') &&
    [...keys].some((k) => /^(e mail|phone|organization) 1 (label|value|name)$/.test(k))
  ) {
    return 'google';
  }
  if (has(keys, 'First Name', 'Last Name', 'E-mail Address')) {
    // The desktop export starts with Title and carries Outlook's own bookkeeping columns.
    if (header[0] === 'Title' || has(keys, 'Sensitivity', 'Priority') || has(keys, 'E-mail Type')) return 'outlook';
    return 'outlook-com';
  }
  return 'generic';
}

const GOOGLE_CURRENT: Record<string, TargetField> = {
  'first name': 'firstName',
  'middle name': 'middleName',
  'last name': 'lastName',
  'name prefix': 'prefix',
  'name suffix': 'suffix',
  'organization name': 'organisation',
  'organization title': 'role',
  'organization department': 'department',
  notes: 'notes',
  labels: 'tags',
};

const GOOGLE_LEGACY: Record<string, TargetField> = {
  name: 'name',
  'given name': 'firstName',
  'additional name': 'middleName',
  'family name': 'lastName',
  'name prefix': 'prefix',
  'name suffix': 'suffix',
  notes: 'notes',
  'group membership': 'tags',
  'organization 1 name': 'organisation',
  'organization 1 title': 'role',
  'organization 1 department': 'department',
};

/** Numbered groups ("E-mail 2 - Value", "Phone 1 - Label") shared by both Google layouts. */
function googleNumbered(k: string): TargetField | null | undefined {
  const m = /^(e mail|phone|website|address|relation|event|im|custom field|organization) \d+ (.+)$/.exec(k);
  if (!m) return undefined;
  const [, group, part] = m;
  if (part === 'label' || part === 'type') return group === 'e mail' || group === 'phone' ? 'label' : null;
  if (group === 'e mail' && part === 'value') return 'email';
  if (group === 'phone' && part === 'value') return 'phone';
  if (group === 'website' && part === 'value') return 'website';
  if (group === 'address' && part === 'formatted') return 'address';
  // Address parts repeat what "Formatted" holds; keep them out of the notes.
  if (group === 'address') return part === 'country' ? 'country' : 'skip';
  return null;
}

const OUTLOOK: Record<string, TargetField> = {
  title: 'prefix',
  'first name': 'firstName',
  'middle name': 'middleName',
  'last name': 'lastName',
  suffix: 'suffix',
  company: 'organisation',
  department: 'department',
  'job title': 'role',
  'e mail address': 'email',
  'e mail 2 address': 'email',
  'e mail 3 address': 'email',
  'e mail type': 'skip',
  'e mail 2 type': 'skip',
  'e mail 3 type': 'skip',
  'e mail display name': 'skip',
  'e mail 2 display name': 'skip',
  'e mail 3 display name': 'skip',
  'web page': 'website',
  'personal web page': 'website',
  categories: 'tags',
  notes: 'notes',
  // Derived from the name by Outlook itself.
  initials: 'skip',
};

function outlookColumn(k: string): TargetField | null | undefined {
  const direct = OUTLOOK[k];
  if (direct) return direct;
  if (/(^| )(phone|fax|pager|telex|isdn|callback)( \d)?$/.test(k) || k === 'tty tdd phone') return 'phone';
  if (/^business (street( \d)?|city|state|postal code|country region)$/.test(k)) return 'address';
  return undefined;
}

const LINKEDIN: Record<string, TargetField> = {
  'first name': 'firstName',
  'last name': 'lastName',
  url: 'linkedin',
  'email address': 'email',
  company: 'organisation',
  position: 'role',
};

/** Synonyms for any other CSV: normalised header → field. */
const GENERIC: Array<[RegExp, TargetField]> = [
  [/^(full )?name$|^(contact|display|person) name$|^contact$/, 'name'],
  [/^(first|given|fore) ?name$|^first$|^forename$/, 'firstName'],
  [/^middle( name)?$/, 'middleName'],
  [/^(last|family|sur) ?name$|^surname$|^last$/, 'lastName'],
  [/^(e ?mail|mail)( address)?( \d+)?$|^email \d+ value$|^e mail \d+ value$/, 'email'],
  [/^(phone|mobile|tel|telephone|cell|work phone|home phone|mobile phone)( number)?( \d+)?$/, 'phone'],
  [/^(company|organi[sz]ation|org|employer|affiliation|institution|organi[sz]ation name)$/, 'organisation'],
  [/^(job )?title$|^position$|^role$|^job$|^job title$/, 'role'],
  [/^department$|^dept$/, 'department'],
  [/^linked ?in( url| profile)?$|^profile( url)?$/, 'linkedin'],
  [/^(web ?site|url|homepage|web page|web)$/, 'website'],
  [/^(address|street|postal address|mailing address)$/, 'address'],
  [/^(country|jurisdiction|country region)$/, 'country'],
  [/^(sector|industry)$/, 'sector'],
  [/^(tags?|labels?|groups?|categories|category)$/, 'tags'],
  [/^(notes?|comments?|description|remarks)$/, 'notes'],
];

export function genericField(header: string): TargetField | null {
  // "Email (2)": a duplicate header maps like the first of its name.
  const k = key(header.replace(/ \(\d+\)$/, ''));
  for (const [re, field] of GENERIC) if (re.test(k)) return field;
  return null;
}

/** The mapping a format implies (columns it does not know stay null → notes). */
export function suggestMapping(format: FormatId, header: readonly string[]): Mapping {
  return header.map((h) => {
    const k = key(h);
    switch (format) {
      case 'google': {
        const numbered = GOOGLE_CURRENT[k] ?? googleNumbered(k);
        return numbered ?? null;
      }
      case 'google-legacy': {
        const numbered = GOOGLE_LEGACY[k] ?? googleNumbered(k);
        return numbered ?? null;
      }
      case 'outlook':
      case 'outlook-com':
        return outlookColumn(k) ?? null;
      case 'linkedin':
        return LINKEDIN[k] ?? null;
      default:
        return genericField(h);
    }
  });
}

/** Identifies a header for remembering its mapping: the normalised names in order. */
export function headerSignature(header: readonly string[]): string {
  return header.map(key).join('|');
}

/** The columns of a relationships file. */
export const RELATIONSHIP_COLUMNS = [
  'source',
  'target',
  'type',
  'strength',
  'sentiment',
  'mutual',
  'notes',
  'evidenceTitle',
  'evidenceUrl',
  'evidenceDate',
  'confidence',
  'validFrom',
  'validTo',
] as const;
export type RelationshipColumn = (typeof RELATIONSHIP_COLUMNS)[number];

const RELATIONSHIP_HEADERS: Array<[RegExp, RelationshipColumn]> = [
  [/^(source|from|source name|source id|from name)$/, 'source'],
  [/^(target|to|target name|target id|to name)$/, 'target'],
  [/^(type|relationship|relationship type|relation)$/, 'type'],
  [/^(strength|weight)$/, 'strength'],
  [/^sentiment$/, 'sentiment'],
  [/^(mutual|bidirectional|both ways)$/, 'mutual'],
  [/^(notes?|comments?)$/, 'notes'],
  [/^(evidence|evidence title|source title)$/, 'evidenceTitle'],
  [/^(evidence url|url|link)$/, 'evidenceUrl'],
  [/^(evidence date|date)$/, 'evidenceDate'],
  [/^confidence$/, 'confidence'],
  [/^(valid from|from date|start)$/, 'validFrom'],
  [/^(valid to|to date|end)$/, 'validTo'],
];

export function relationshipColumn(header: string): RelationshipColumn | null {
  const k = key(header);
  for (const [re, col] of RELATIONSHIP_HEADERS) if (re.test(k)) return col;
  return null;
}

export function isRelationshipsHeader(header: readonly string[]): boolean {
  const cols = new Set(header.map(relationshipColumn));
  return cols.has('source') && cols.has('target') && cols.has('type');
}

/** Distinct names for duplicate headers ("Email", "Email (2)"): one never overwrites the other. */
export function distinctHeaders(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h, i) => {
    const base = h.trim() === '' ? `Column ${i + 1}` : h.trim();
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** Finds the header row: the first record, unless a known preamble (LinkedIn's "Notes:") precedes it. */
export function isPreamble(fields: readonly string[], index: number): boolean {
  if (index > 5) return false;
  const first = (fields[0] ?? '').trim();
  if (index === 0) return /^notes:?$/i.test(first) && fields.every((f, i) => i === 0 || f.trim() === '');
  return fields.filter((f) => f.trim() !== '').length <= 1 && !/^first name$/i.test(first);
}
