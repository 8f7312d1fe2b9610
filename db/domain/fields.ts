// Field rules for stakeholders, relationships and tags: one place, used by the contract (to refuse bad
// input) and by the renderer (inline messages as the analyst types). Messages are sentences for a user.
import { z } from 'zod';
import { CONFIDENCES, RELATIONSHIP_TYPES, SENTIMENTS, STAKEHOLDER_KINDS } from './model';

export const NAME_MAX = 300;
const TEXT_MAX = 2000;
const NOTES_MAX = 100_000;

// C0/C1 control characters other than tab and newlines never belong in a one-line field.
// biome-ignore lint/suspicious/noControlCharactersInRegex: this pattern exists to find them.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// In multi-line text only NUL and the other non-printing C0 characters are refused.
// biome-ignore lint/suspicious/noControlCharactersInRegex: this pattern exists to find them.
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const line = (label: string, max = TEXT_MAX) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max.toLocaleString('en-GB')} characters.`)
    .refine((s) => !CONTROL.test(s), `${label} contains a control character; remove it.`);

/** An optional one-line text: empty means none. */
const optionalLine = (label: string, max = TEXT_MAX) =>
  line(label, max)
    .nullable()
    .transform((s) => (s ? s : null));

const multiline = (label: string, max = NOTES_MAX) =>
  z
    .string()
    .max(max, `${label} can be at most ${max.toLocaleString('en-GB')} characters.`)
    .refine((s) => !CONTROL_MULTILINE.test(s), `${label} contains a control character; remove it.`);

export const stakeholderName = line('The name', NAME_MAX).pipe(z.string().min(1, 'Give the stakeholder a name.'));

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;
export const email = z
  .string()
  .trim()
  .max(320, 'An email address can be at most 320 characters.')
  .regex(EMAIL, 'Enter an email address like name@example.org.');

const phone = line('A phone number', 60).pipe(z.string().min(1, 'Remove the empty phone number.'));

const webUrl = (label: string) =>
  optionalLine(label, 2048).refine((s) => {
    if (s === null) return true;
    try {
      const url = new URL(s);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, `${label} must be a web address starting with https:// or http://.`);

const score = (label: string) =>
  z
    .number(`${label} must be a whole number from 1 to 5.`)
    .int(`${label} must be a whole number from 1 to 5.`)
    .min(1, `${label} must be from 1 to 5.`)
    .max(5, `${label} must be from 1 to 5.`)
    .nullable();

export const tagName = line('A tag', 60).pipe(z.string().min(1, 'Give the tag a name.'));
export const tagColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A tag colour must look like #1f77b4.');

/** Every editable field of a stakeholder; `create` requires name and kind, `update` any subset. */
export const stakeholderFields = z.object({
  name: stakeholderName,
  kind: z.enum(STAKEHOLDER_KINDS, 'Choose a kind from the list.'),
  parentId: z.number().int().positive().nullable(),
  role: optionalLine('The role'),
  country: optionalLine('The country'),
  sector: optionalLine('The sector'),
  influence: score('Influence'),
  interest: score('Interest'),
  stance: z
    .number()
    .int('Stance must be a whole number from −2 (opposed) to +2 (supportive).')
    .min(-2, 'Stance must be from −2 (opposed) to +2 (supportive).')
    .max(2, 'Stance must be from −2 (opposed) to +2 (supportive).')
    .nullable(),
  tags: z.array(tagName).max(100, 'A stakeholder can have at most 100 tags.'),
  notes: multiline('The notes'),
  emails: z.array(email).max(50, 'A stakeholder can have at most 50 email addresses.'),
  phones: z.array(phone).max(50, 'A stakeholder can have at most 50 phone numbers.'),
  website: webUrl('The website'),
  address: optionalLine('The address'),
  linkedin: webUrl('The LinkedIn address'),
});
export type StakeholderFields = z.output<typeof stakeholderFields>;

export const newStakeholder = stakeholderFields.partial().required({ name: true, kind: true }).strict();
export const stakeholderPatch = stakeholderFields.partial().strict();

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD.')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'That date does not exist.')
  .nullable();

export const relationshipFields = z.object({
  sourceId: z.number().int().positive(),
  targetId: z.number().int().positive(),
  type: z.enum(RELATIONSHIP_TYPES, 'Choose a relationship type from the list.'),
  mutual: z.boolean(),
  strength: z.number().int().min(1, 'Strength must be from 1 to 5.').max(5, 'Strength must be from 1 to 5.'),
  sentiment: z.enum(SENTIMENTS, 'Choose positive, neutral or negative.'),
  notes: multiline('The notes'),
  evidenceTitle: optionalLine('The evidence title'),
  evidenceUrl: webUrl('The evidence address'),
  evidenceDate: isoDate,
  confidence: z.enum(CONFIDENCES, 'Choose low, medium or high confidence.').nullable(),
  validFrom: isoDate,
  validTo: isoDate,
});
export type RelationshipFields = z.output<typeof relationshipFields>;

const datesInOrder = (r: { validFrom?: string | null; validTo?: string | null }) =>
  !r.validFrom || !r.validTo || r.validFrom <= r.validTo;
const DATES_MESSAGE = { message: '“Valid from” must not be after “valid to”.', path: ['validTo'] };
const notSelf = (r: { sourceId?: number; targetId?: number }) => r.sourceId === undefined || r.sourceId !== r.targetId;
const SELF_MESSAGE = { message: 'A relationship needs two different stakeholders.', path: ['targetId'] };

export const newRelationship = relationshipFields
  .partial()
  .required({ sourceId: true, targetId: true, type: true })
  .strict()
  .refine(notSelf, SELF_MESSAGE)
  .refine(datesInOrder, DATES_MESSAGE);
export const relationshipPatch = relationshipFields
  .partial()
  .strict()
  .refine(notSelf, SELF_MESSAGE)
  .refine(datesInOrder, DATES_MESSAGE);

/** Single-value fields an analyst chooses between when both records hold different values. */
export const MERGE_FIELDS = [
  'name',
  'kind',
  'parentId',
  'role',
  'country',
  'sector',
  'influence',
  'interest',
  'stance',
  'notes',
  'website',
  'address',
  'linkedin',
] as const;

/** Per merge field: keep the kept record's value, take the other's, or both (notes only). */
export const mergeChoices = z.partialRecord(z.enum(MERGE_FIELDS), z.enum(['keep', 'other', 'both']));
