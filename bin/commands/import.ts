// `import <file.csv> --into <project>`: the same preview the app shows, then (unless --dry-run) the
// import as one undoable step. Never asks: where the app would ask, it refuses naming the option.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Backend } from '../../db/api/index';
import { type FormatId, TARGET_FIELDS, type TargetField } from '../../db/domain/import-formats';
import { ENCODINGS, type Encoding } from '../../db/import/decode';
import type { JobStatus } from '../../db/import/jobs';
import type { ImportPreview } from '../../db/import/preview';
import type { ImportOptions } from '../../db/import/scan';
import type { Command, Io } from '../command';
import { CliFailure, UsageError } from '../errors';
import { call } from '../project';
import { renderPairs } from '../table';

const FORMATS: Record<string, FormatId | 'auto'> = {
  auto: 'auto',
  google: 'google',
  'google-legacy': 'google-legacy',
  outlook: 'outlook',
  'outlook-com': 'outlook-com',
  linkedin: 'linkedin',
  relationships: 'relationships',
  generic: 'generic',
};
const DELIMITERS: Record<string, ImportOptions['delimiter']> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  tab: '\t',
  '\\t': '\t',
  '|': '|',
  pipe: '|',
};
const CHUNK = 3 * 1024 * 1024;

/** A mapping file: an array aligned with the columns, or an object header → field. */
function readMapping(path: string): {
  byIndex?: Array<TargetField | null>;
  byHeader?: Record<string, TargetField | null>;
} {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`Cannot read the mapping file ${path}: ${(e as Error).message}`, 'import');
  }
  const value = (json as { mapping?: unknown })?.mapping ?? json;
  const valid = (f: unknown): f is TargetField | null =>
    f === null || (typeof f === 'string' && (TARGET_FIELDS as readonly string[]).includes(f));
  if (Array.isArray(value) && value.every(valid)) return { byIndex: value };
  if (value && typeof value === 'object' && Object.values(value).every(valid)) {
    return { byHeader: value as Record<string, TargetField | null> };
  }
  throw new UsageError(
    `The mapping file ${path} must hold a JSON array of fields (one per column) or an object {"Header": "field"}. Fields: ${TARGET_FIELDS.join(', ')} or null (kept in notes).`,
    'import',
  );
}

function printPreview(io: Io, p: ImportPreview): void {
  io.out(
    renderPairs([
      ['File', `${p.fileName} (${p.bytes} bytes, SHA-256 ${p.sha256.slice(0, 16)}…)`],
      ['Format', p.formatLabel],
      ['Encoding', `${p.encodingLabel} (${p.encodingReason})`],
      ['Delimiter', `${p.delimiterLabel}, line endings ${p.lineEnding}`],
      ['Header', `line ${p.headerLine}${p.preambleLines ? ` (after ${p.preambleLines} preamble lines)` : ''}`],
      ['Rows', String(p.counts.rows)],
      ['New', String(p.counts.created)],
      ['Matched to existing', String(p.counts.matched)],
      ['Duplicates within the file', String(p.counts.duplicates)],
      ['Rejected', String(p.counts.rejected)],
      ...(p.counts.skipped ? [['Skipped', String(p.counts.skipped)] as [string, string]] : []),
      ...(p.kind === 'contacts'
        ? [['Organisations to create', String(p.counts.organisations)] as [string, string]]
        : []),
    ]),
  );
  for (const w of p.warnings) io.out(`\nNote: ${w}`);
  if (p.rejected.length > 0) {
    io.out('\nRejected rows:');
    for (const r of p.rejected) io.out(`  line ${r.line}: ${r.reason}.`);
    if (p.counts.rejected > p.rejected.length) io.out(`  … and ${p.counts.rejected - p.rejected.length} more.`);
  }
}

async function runJob(backend: Backend, method: 'import.preview' | 'import.apply', input: object): Promise<JobStatus> {
  const started = await call(backend, method, input as never);
  const ended = await call(backend, 'import.wait', { jobId: started.jobId });
  if (ended.state !== 'done') throw new CliFailure(ended.error?.message ?? 'The import did not finish.');
  return ended;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import contacts (or relationships) from a CSV file into a project, creating the project if needed.',
  args: [{ name: 'file', description: 'the CSV file (Google, Outlook, LinkedIn, relationships or any CSV)' }],
  options: {
    into: { type: 'string', valueName: 'project', description: 'the .stakemap project (created when missing)' },
    format: {
      type: 'string',
      valueName: 'auto|google|outlook|linkedin|relationships|generic|mapping.json',
      description: 'the export format (default: recognised from the header), or a JSON column mapping',
    },
    encoding: { type: 'string', valueName: ENCODINGS.join('|'), description: 'the text encoding (default: detected)' },
    delimiter: {
      type: 'string',
      valueName: 'comma|semicolon|tab|pipe',
      description: 'the delimiter (default: detected)',
    },
    'dry-run': { type: 'boolean', description: 'show what would be imported; change nothing' },
    json: { type: 'boolean', description: 'print the preview (and the outcome) as JSON' },
  },
  details: [
    'Prints the preview: format, encoding, delimiter, counts of new / matched / duplicate / rejected rows',
    '(each rejected row with its line and reason). The import is one undoable step.',
  ],
  async run({ args, option, flag, io }) {
    const file = resolve(args.file as string);
    const into = option('into');
    if (!into) throw new UsageError('Name the project to import into with --into <project.stakemap>.', 'import');
    if (!existsSync(file) || !statSync(file).isFile())
      throw new CliFailure(`Cannot read “${args.file}”: no such file.`);
    const options: ImportOptions = {};
    const formatArg = option('format');
    let mappingFile: ReturnType<typeof readMapping> | null = null;
    if (formatArg) {
      if (FORMATS[formatArg]) options.format = FORMATS[formatArg];
      else if (formatArg.toLowerCase().endsWith('.json')) mappingFile = readMapping(formatArg);
      else
        throw new UsageError(
          `Unknown --format “${formatArg}”. Use ${Object.keys(FORMATS).join(', ')} or a mapping .json file.`,
          'import',
        );
    }
    const encoding = option('encoding');
    if (encoding) {
      if (!(ENCODINGS as readonly string[]).includes(encoding.toLowerCase())) {
        throw new UsageError(`Unknown --encoding “${encoding}”. Use one of ${ENCODINGS.join(', ')}.`, 'import');
      }
      options.encoding = encoding.toLowerCase() as Encoding;
    }
    const delimiter = option('delimiter');
    if (delimiter) {
      const d = DELIMITERS[delimiter.toLowerCase()];
      if (!d) throw new UsageError(`Unknown --delimiter “${delimiter}”. Use comma, semicolon, tab or pipe.`, 'import');
      options.delimiter = d;
    }

    const bytes = readFileSync(file);
    const projectPath = resolve(into);
    const backend = new Backend();
    try {
      if (existsSync(projectPath)) await call(backend, 'project.open', { path: projectPath });
      else await call(backend, 'project.create', { path: projectPath });
      let uploadId: string | undefined;
      for (let at = 0; ; at += CHUNK) {
        const last = at + CHUNK >= bytes.length;
        ({ uploadId } = await call(backend, 'import.upload', {
          uploadId,
          fileName: basename(file),
          chunk: bytes.subarray(at, at + CHUNK),
          last,
        }));
        if (last) break;
      }
      let preview = (await runJob(backend, 'import.preview', { uploadId, options })).preview as ImportPreview;
      if (mappingFile) {
        const mapping = mappingFile.byIndex ?? preview.headers.map((h) => mappingFile?.byHeader?.[h] ?? null);
        if (mapping.length !== preview.headers.length) {
          throw new CliFailure(
            `The mapping file lists ${mapping.length} columns but the file has ${preview.headers.length} (${preview.headers.join(', ')}).`,
          );
        }
        options.mapping = mapping;
        options.format = 'generic';
        preview = (await runJob(backend, 'import.preview', { uploadId, options })).preview as ImportPreview;
      } else if (preview.format === 'generic' && !options.format) {
        // The app would show the mapping editor here; the CLI asks for the choice to be passed.
        const suggested = Object.fromEntries(preview.headers.map((h, i) => [h, preview.mapping[i] ?? null]));
        throw new CliFailure(
          `“${basename(file)}” is not a Google, Outlook or LinkedIn export, so its columns need a mapping. ` +
            'Pass --format generic to accept the suggested mapping below, or --format mapping.json with your own ' +
            `(a JSON object of header → field; fields: ${TARGET_FIELDS.join(', ')}, null keeps the column in the notes).\n` +
            `Suggested mapping:\n${JSON.stringify(suggested, null, 2)}`,
        );
      }
      const dryRun = flag('dry-run');
      let outcome: JobStatus['outcome'] = null;
      if (!dryRun)
        outcome = (await runJob(backend, 'import.apply', { uploadId, options, expected: preview.counts })).outcome;
      if (flag('json')) {
        io.out(JSON.stringify({ preview, outcome, dryRun }, null, 2));
        return;
      }
      printPreview(io, preview);
      if (dryRun) io.out('\nDry run: nothing was imported.');
      else if (outcome) {
        const w = outcome.written;
        io.out(
          `\nImported into ${basename(projectPath)}: ${
            outcome.kind === 'relationships'
              ? `${w.relationships} relationships`
              : `${w.people} people and ${w.organisations} organisations created, ${outcome.counts.matched + outcome.counts.duplicates} rows merged into existing stakeholders`
          }. One undoable step: “Import ${outcome.fileName}”.`,
        );
      }
    } finally {
      backend.close();
    }
  },
};
