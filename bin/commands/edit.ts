// `add`, `update` and `delete`: scripted edits of stakeholders and relationships. Each is one
// undoable step in the project, exactly as if made in the app (the same contract methods).
import type { Backend, MethodInput } from '../../db/api/index';
import type { Stakeholder } from '../../db/domain/model';
import type { Command, CommandContext, OptionSpec } from '../command';
import { CliFailure, UsageError } from '../errors';
import { call, withProject } from '../project';

const text = (description: string, valueName = 'text'): OptionSpec => ({ type: 'string', valueName, description });
const list = (description: string, valueName: string): OptionSpec => ({
  type: 'string',
  valueName,
  multiple: true,
  description,
});

const STAKEHOLDER_OPTIONS: Record<string, OptionSpec> = {
  name: text('the name'),
  kind: text(
    'ministry, regulator, legislature, company, academic, institute, consortium, trade_body, media, person or other',
    'kind',
  ),
  parent: text('the parent organisation: its id or exact name ("" for none)', 'stakeholder'),
  role: text('role or title'),
  country: text('country or jurisdiction'),
  sector: text('sector'),
  influence: text('influence (power), 1–5 ("" for none)', 'n'),
  interest: text('interest, 1–5 ("" for none)', 'n'),
  stance: text('stance, −2 (opposed) … +2 (supportive) ("" for none)', 'n'),
  tag: list('a tag; repeat for several (replaces the tags on update)', 'tag'),
  email: list('an email address; repeat for several (replaces them on update)', 'email'),
  phone: list('a phone number; repeat for several (replaces them on update)', 'phone'),
  website: text('website (https://…)', 'url'),
  address: text('postal address'),
  linkedin: text('LinkedIn profile (https://…)', 'url'),
  notes: text('notes'),
};

const RELATIONSHIP_OPTIONS: Record<string, OptionSpec> = {
  relationship: { type: 'boolean', description: 'work on a relationship instead of a stakeholder' },
  from: text('relationship source: a stakeholder id or exact name', 'stakeholder'),
  to: text('relationship target: a stakeholder id or exact name', 'stakeholder'),
  type: text(
    'funds, regulates, advises, lobbies, partners_with, competes_with, member_of, reports_to, supports, opposes, informs or other',
    'type',
  ),
  mutual: { type: 'boolean', description: 'the relationship goes both ways' },
  directed: { type: 'boolean', description: 'the relationship goes from source to target only (update)' },
  strength: text('strength, 1–5', 'n'),
  sentiment: text('positive, neutral or negative', 'sentiment'),
  'evidence-title': text('evidence: source title'),
  'evidence-url': text('evidence: source address (https://…)', 'url'),
  'evidence-date': text('evidence: date (YYYY-MM-DD)', 'date'),
  confidence: text('evidence confidence: low, medium or high', 'level'),
  'valid-from': text('valid from (YYYY-MM-DD, "" for none)', 'date'),
  'valid-to': text('valid to (YYYY-MM-DD, "" for none)', 'date'),
};

const JSON_OPTION: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print the result as JSON' },
};

/** A number option: "" means none (null); anything else must be a whole number. */
function numberOption(ctx: CommandContext, name: string): number | null | undefined {
  const raw = ctx.option(name);
  if (raw === undefined) return undefined;
  if (raw.trim() === '') return null;
  if (!/^[+\-−]?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, not “${raw}”.`);
  return Number(raw.trim().replace('−', '-'));
}

/** A stakeholder by id or exact (case-insensitive) name; an ambiguous name lists the ids. */
function findStakeholder(all: Stakeholder[], ref: string, what: string): Stakeholder {
  const trimmed = ref.trim();
  if (/^\d+$/.test(trimmed)) {
    const byId = all.find((s) => s.id === Number(trimmed));
    if (byId) return byId;
  }
  const matches = all.filter((s) => s.name.localeCompare(trimmed, undefined, { sensitivity: 'accent' }) === 0);
  if (matches.length === 1) return matches[0] as Stakeholder;
  if (matches.length === 0) throw new CliFailure(`No stakeholder called or numbered “${trimmed}” (${what}).`);
  throw new CliFailure(
    `${matches.length} stakeholders are called “${trimmed}” (${what}); give an id instead: ${matches.map((s) => s.id).join(', ')}.`,
  );
}

type StakeholderPatch = MethodInput<'stakeholders.update'>['patch'];
type RelationshipPatch = MethodInput<'relationships.update'>['patch'];

function stakeholderFields(ctx: CommandContext, all: Stakeholder[]): StakeholderPatch {
  const fields: Record<string, unknown> = {};
  for (const key of ['name', 'kind', 'role', 'country', 'sector', 'website', 'address', 'linkedin', 'notes']) {
    const v = ctx.option(key);
    if (v !== undefined) fields[key] = key === 'name' || key === 'kind' || key === 'notes' ? v : v || null;
  }
  for (const key of ['influence', 'interest', 'stance']) {
    const v = numberOption(ctx, key);
    if (v !== undefined) fields[key] = v;
  }
  const parent = ctx.option('parent');
  if (parent !== undefined) fields.parentId = parent.trim() === '' ? null : findStakeholder(all, parent, '--parent').id;
  for (const [option, key] of [
    ['tag', 'tags'],
    ['email', 'emails'],
    ['phone', 'phones'],
  ] as const) {
    const v = ctx.options(option);
    if (v !== undefined) fields[key] = v.filter((x) => x.trim() !== '');
  }
  return fields as StakeholderPatch;
}

function relationshipFields(ctx: CommandContext, all: Stakeholder[]): RelationshipPatch {
  const fields: Record<string, unknown> = {};
  const from = ctx.option('from');
  const to = ctx.option('to');
  if (from !== undefined) fields.sourceId = findStakeholder(all, from, '--from').id;
  if (to !== undefined) fields.targetId = findStakeholder(all, to, '--to').id;
  for (const [option, key] of [
    ['type', 'type'],
    ['sentiment', 'sentiment'],
    ['notes', 'notes'],
  ] as const) {
    const v = ctx.option(option);
    if (v !== undefined) fields[key] = v;
  }
  for (const [option, key] of [
    ['evidence-title', 'evidenceTitle'],
    ['evidence-url', 'evidenceUrl'],
    ['evidence-date', 'evidenceDate'],
    ['confidence', 'confidence'],
    ['valid-from', 'validFrom'],
    ['valid-to', 'validTo'],
  ] as const) {
    const v = ctx.option(option);
    if (v !== undefined) fields[key] = v.trim() === '' ? null : v;
  }
  const strength = numberOption(ctx, 'strength');
  if (strength !== undefined && strength !== null) fields.strength = strength;
  if (ctx.flag('mutual') && ctx.flag('directed')) throw new UsageError('Give --mutual or --directed, not both.');
  if (ctx.flag('mutual')) fields.mutual = true;
  if (ctx.flag('directed')) fields.mutual = false;
  return fields as RelationshipPatch;
}

const printWarnings = (ctx: CommandContext, warnings: string[]) => {
  for (const w of warnings) ctx.io.err(`Note: ${w}`);
};

async function loadStakeholders(backend: Backend): Promise<Stakeholder[]> {
  return call(backend, 'stakeholders.list', {});
}

export const add: Command = {
  name: 'add',
  summary: 'Add a stakeholder (or, with --relationship, a relationship) to a project.',
  args: [{ name: 'file', description: 'the .stakemap project file' }],
  options: { ...STAKEHOLDER_OPTIONS, ...RELATIONSHIP_OPTIONS, ...JSON_OPTION },
  details: [
    'A stakeholder needs --name and --kind; a relationship needs --relationship --from --to --type.',
    'Example: stakemap add project.stakemap --name Ofcom --kind regulator --country UK --influence 4 --tag "Online safety"',
    'Example: stakemap add project.stakemap --relationship --from Ofcom --to "HM Treasury" --type advises --strength 2',
  ],
  async run(ctx) {
    await withProject(ctx.args.file as string, async (backend) => {
      const all = await loadStakeholders(backend);
      if (ctx.flag('relationship')) {
        const fields = relationshipFields(ctx, all);
        for (const need of ['from', 'to', 'type'] as const) {
          if (ctx.option(need) === undefined) throw new UsageError(`A relationship needs --${need}.`, 'add');
        }
        const r = await call(backend, 'relationships.create', {
          fields: fields as MethodInput<'relationships.create'>['fields'],
        });
        ctx.io.out(ctx.flag('json') ? JSON.stringify(r, null, 2) : `Added relationship ${r.id}.`);
        return;
      }
      if (ctx.option('name') === undefined || ctx.option('kind') === undefined) {
        throw new UsageError('A stakeholder needs --name and --kind (or pass --relationship).', 'add');
      }
      const fields = stakeholderFields(ctx, all) as MethodInput<'stakeholders.create'>['fields'];
      const saved = await call(backend, 'stakeholders.create', { fields });
      printWarnings(ctx, saved.warnings);
      ctx.io.out(
        ctx.flag('json') ? JSON.stringify(saved, null, 2) : `Added “${saved.record.name}” (id ${saved.record.id}).`,
      );
    });
  },
};

export const update: Command = {
  name: 'update',
  summary: 'Change fields of a stakeholder (or, with --relationship, of a relationship).',
  args: [
    { name: 'file', description: 'the .stakemap project file' },
    { name: 'target', description: 'the stakeholder (id or exact name), or the relationship id with --relationship' },
  ],
  options: { ...STAKEHOLDER_OPTIONS, ...RELATIONSHIP_OPTIONS, ...JSON_OPTION },
  details: [
    'Only the options given change; "" clears an optional field.',
    'Example: stakemap update project.stakemap TechUK --stance 1 --tag Industry --tag Lobbying',
  ],
  async run(ctx) {
    await withProject(ctx.args.file as string, async (backend) => {
      const all = await loadStakeholders(backend);
      const target = ctx.args.target as string;
      if (ctx.flag('relationship')) {
        if (!/^\d+$/.test(target.trim()))
          throw new UsageError('With --relationship, give the relationship id.', 'update');
        const patch = relationshipFields(ctx, all);
        if (Object.keys(patch).length === 0)
          throw new UsageError('Nothing to change: give at least one field option.', 'update');
        const r = await call(backend, 'relationships.update', { id: Number(target), patch });
        ctx.io.out(ctx.flag('json') ? JSON.stringify(r, null, 2) : `Updated relationship ${r.id}.`);
        return;
      }
      const stakeholder = findStakeholder(all, target, 'the stakeholder to update');
      const patch = stakeholderFields(ctx, all);
      if (Object.keys(patch).length === 0)
        throw new UsageError('Nothing to change: give at least one field option.', 'update');
      const saved = await call(backend, 'stakeholders.update', { id: stakeholder.id, patch });
      printWarnings(ctx, saved.warnings);
      ctx.io.out(
        ctx.flag('json') ? JSON.stringify(saved, null, 2) : `Updated “${saved.record.name}” (id ${saved.record.id}).`,
      );
    });
  },
};

export const remove: Command = {
  name: 'delete',
  summary: 'Delete a stakeholder with its relationships (or, with --relationship, one relationship).',
  args: [
    { name: 'file', description: 'the .stakemap project file' },
    { name: 'target', description: 'the stakeholder (id or exact name), or the relationship id with --relationship' },
  ],
  options: { relationship: RELATIONSHIP_OPTIONS.relationship as OptionSpec, ...JSON_OPTION },
  details: ['The app can undo it (Edit → Undo), like any edit.'],
  async run(ctx) {
    await withProject(ctx.args.file as string, async (backend) => {
      const target = ctx.args.target as string;
      if (ctx.flag('relationship')) {
        if (!/^\d+$/.test(target.trim()))
          throw new UsageError('With --relationship, give the relationship id.', 'delete');
        const result = await call(backend, 'relationships.delete', { ids: [Number(target)] });
        ctx.io.out(ctx.flag('json') ? JSON.stringify(result) : `Deleted relationship ${target}.`);
        return;
      }
      const stakeholder = findStakeholder(await loadStakeholders(backend), target, 'the stakeholder to delete');
      const impact = await call(backend, 'stakeholders.delete', { ids: [stakeholder.id] });
      const extra = impact.relationships === 1 ? ' and 1 relationship' : ` and ${impact.relationships} relationships`;
      ctx.io.out(ctx.flag('json') ? JSON.stringify(impact, null, 2) : `Deleted “${stakeholder.name}”${extra}.`);
    });
  },
};
