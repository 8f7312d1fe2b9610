// One entry point for every data export: a format name in, the file's text, its type and any warnings out.
// The app, the CLI and the bench all call this, so each format is produced one way only.

import type { DataFormat } from '../domain/export-formats';
import type { Db } from '../sqlite/open';
import { backupText } from './backup';
import { type CsvMode, relationshipsCsv, stakeholdersCsv } from './csv';
import { cytoscapeJsonText } from './cytoscape-json';
import { loadExportData } from './data';
import { toGexf } from './gexf';
import { toGraphml } from './graphml';

export { DATA_FORMATS, type DataFormat } from '../domain/export-formats';

export interface DataFormatInfo {
  /** File name extension, without the dot. */
  ext: string;
  mime: string;
  /** What the file name says after the view, e.g. `stakeholders`. */
  suffix: string | null;
  /** True when the whole project is exported, not one view. */
  wholeProject: boolean;
}

export const DATA_FORMAT_INFO: Record<DataFormat, DataFormatInfo> = {
  'stakeholders-csv': { ext: 'csv', mime: 'text/csv;charset=utf-8', suffix: 'stakeholders', wholeProject: false },
  'relationships-csv': { ext: 'csv', mime: 'text/csv;charset=utf-8', suffix: 'relationships', wholeProject: false },
  graphml: { ext: 'graphml', mime: 'application/graphml+xml', suffix: null, wholeProject: false },
  gexf: { ext: 'gexf', mime: 'application/gexf+xml', suffix: null, wholeProject: false },
  'cytoscape-json': { ext: 'cyjs', mime: 'application/json', suffix: null, wholeProject: false },
  'backup-json': { ext: 'json', mime: 'application/json', suffix: 'backup', wholeProject: true },
};

export interface DataExportOptions {
  viewId?: number;
  viewName?: string;
  /** CSV only: 'raw' leaves formula-like text unescaped, for other programs. */
  csvMode?: CsvMode;
  now?: Date;
}

export interface DataExport {
  format: DataFormat;
  mime: string;
  ext: string;
  projectName: string;
  /** The view exported (null for the whole-project backup). */
  viewName: string | null;
  /** Rows or elements written, for the user's confirmation. */
  counts: { stakeholders: number; relationships: number };
  warnings: string[];
}

/**
 * Produces one export, handing its text to `emit` in order (large graph exports in parts of about 64 K
 * characters, so they can be written as they are made); returns what was written.
 */
export function exportData(
  db: Db,
  format: DataFormat,
  options: DataExportOptions,
  emit: (part: string) => void,
): DataExport {
  const info = DATA_FORMAT_INFO[format];
  const now = options.now ?? new Date();
  const about = { format, mime: info.mime, ext: info.ext };
  if (format === 'backup-json') {
    emit(backupText(db, now));
    const name = db.prepare("SELECT value FROM project_meta WHERE key = 'name'").pluck().get() as string | undefined;
    const count = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    return {
      ...about,
      projectName: name ?? 'Stakemap project',
      viewName: null,
      counts: { stakeholders: count('stakeholders'), relationships: count('relationships') },
      warnings: [],
    };
  }
  const data = loadExportData(db, { viewId: options.viewId, viewName: options.viewName });
  const written = (counts: DataExport['counts'], warnings: string[] = []): DataExport => ({
    ...about,
    projectName: data.projectName,
    viewName: data.view.name,
    counts,
    warnings,
  });
  switch (format) {
    case 'stakeholders-csv': {
      const csv = stakeholdersCsv(data, options.csvMode);
      emit(csv.text);
      return written({ stakeholders: csv.rows, relationships: 0 });
    }
    case 'relationships-csv': {
      const csv = relationshipsCsv(data, options.csvMode);
      emit(csv.text);
      return written({ stakeholders: 0, relationships: csv.rows });
    }
    case 'graphml': {
      const xml = toGraphml(data, emit);
      return written(xml.counts, xml.warnings);
    }
    case 'gexf': {
      const xml = toGexf(data, emit, now);
      return written(xml.counts, xml.warnings);
    }
    case 'cytoscape-json': {
      const json = cytoscapeJsonText(data);
      emit(json.text);
      return written({ stakeholders: json.nodes, relationships: json.edges });
    }
  }
}

/** An export as one string: what the app downloads, and what tests read back. */
export function exportDataText(
  db: Db,
  format: DataFormat,
  options: DataExportOptions = {},
): DataExport & { content: string } {
  const parts: string[] = [];
  const out = exportData(db, format, options, (part) => parts.push(part));
  return { ...out, content: parts.join('') };
}
