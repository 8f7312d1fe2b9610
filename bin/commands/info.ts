import type { Command } from '../command';
import { withProject } from '../project';
import { renderPairs } from '../table';

export const info: Command = {
  name: 'info',
  summary: "Show a project's name, file, format version, creation date and counts.",
  args: [{ name: 'file', description: 'the .stakemap project file' }],
  options: { json: { type: 'boolean', description: 'print the project information as JSON' } },
  async run({ args, flag, io }) {
    const project = await withProject(args.file as string, (_, opened) => opened);
    if (flag('json')) {
      io.out(JSON.stringify(project, null, 2));
      return;
    }
    io.out(
      renderPairs([
        ['Name', project.name],
        ['File', project.path],
        ['Format version', String(project.schemaVersion)],
        ['Created', project.createdAt],
        ['Stakeholders', String(project.counts.stakeholders)],
        ['Relationships', String(project.counts.relationships)],
        ['Views', String(project.counts.views)],
        ['Tags', String(project.counts.tags)],
      ]),
    );
  },
};
