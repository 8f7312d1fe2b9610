import { KIND_LABELS, RELATIONSHIP_LABELS, type Relationship, type Stakeholder } from '../../db/domain/model';
import type { Command, Io } from '../command';
import { call, withProject } from '../project';
import { orDash, renderTable, signed } from '../table';

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
const byText = (a: string, b: string): number => a.localeCompare(b, undefined, { sensitivity: 'base' });

function printStakeholders(io: Io, stakeholders: Stakeholder[], json: boolean): void {
  if (json) {
    io.out(JSON.stringify(stakeholders, null, 2));
    return;
  }
  if (stakeholders.length === 0) {
    io.out('This project has no stakeholders yet.');
    return;
  }
  io.out(
    renderTable(stakeholders, [
      { header: 'Name', value: (s) => s.name },
      { header: 'Kind', value: (s) => KIND_LABELS[s.kind] ?? s.kind },
      { header: 'Country', value: (s) => orDash(s.country) },
      { header: 'Influence', value: (s) => orDash(s.influence), align: 'right' },
      { header: 'Interest', value: (s) => orDash(s.interest), align: 'right' },
      { header: 'Stance', value: (s) => signed(s.stance), align: 'right' },
    ]),
  );
  io.out(`\n${count(stakeholders.length, 'stakeholder', 'stakeholders')}`);
}

/** A relationship with the names of both ends, as `list --relationships --json` prints it. */
export type NamedRelationship = Relationship & { sourceName: string; targetName: string };

function printRelationships(io: Io, relationships: Relationship[], stakeholders: Stakeholder[], json: boolean): void {
  const names = new Map(stakeholders.map((s) => [s.id, s.name]));
  const named: NamedRelationship[] = relationships.map((r) => ({
    ...r,
    sourceName: names.get(r.sourceId) ?? `#${r.sourceId}`,
    targetName: names.get(r.targetId) ?? `#${r.targetId}`,
  }));
  if (json) {
    io.out(JSON.stringify(named, null, 2));
    return;
  }
  if (named.length === 0) {
    io.out('This project has no relationships yet.');
    return;
  }
  const rows = [...named].sort(
    (a, b) => byText(a.sourceName, b.sourceName) || byText(a.targetName, b.targetName) || a.id - b.id,
  );
  io.out(
    renderTable(rows, [
      { header: 'Source', value: (r) => r.sourceName },
      { header: 'Relationship', value: (r) => `${RELATIONSHIP_LABELS[r.type] ?? r.type} ${r.mutual ? '↔' : '→'}` },
      { header: 'Target', value: (r) => r.targetName },
      { header: 'Strength', value: (r) => String(r.strength), align: 'right' },
      { header: 'Sentiment', value: (r) => r.sentiment },
      { header: 'Confidence', value: (r) => orDash(r.confidence) },
    ]),
  );
  io.out(`\n${count(named.length, 'relationship', 'relationships')}`);
}

export const list: Command = {
  name: 'list',
  summary: 'List the stakeholders in a project (or its relationships).',
  args: [{ name: 'file', description: 'the .stakemap project file' }],
  options: {
    json: { type: 'boolean', description: 'print every field of every record as a JSON array' },
    relationships: { type: 'boolean', description: 'list relationships (with source and target names) instead' },
  },
  async run({ args, flag, io }) {
    await withProject(args.file as string, async (backend) => {
      const stakeholders = await call(backend, 'stakeholders.list', {});
      if (flag('relationships')) {
        printRelationships(io, await call(backend, 'relationships.list', {}), stakeholders, flag('json'));
      } else {
        printStakeholders(io, stakeholders, flag('json'));
      }
    });
  },
};
