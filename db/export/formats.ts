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
  content: string;
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

export function exportData(db: Db, format: DataFormat, options: DataExportOptions = {}): DataExport {
  const info = DATA_FORMAT_INFO[format];
  const now = options.now ?? new Date();
  if (format === 'backup-json') {
    const content = backupText(db, now);
    const name = db.prepare("SELECT value FROM project_meta WHERE key = 'name'").pluck().get() as string | undefined;
    const count = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    return {
      content,
      format,
      mime: info.mime,
      ext: info.ext,
      projectName: name ?? 'Stakemap project',
      viewName: null,
      counts: { stakeholders: count('stakeholders'), relationships: count('relationships') },
      warnings: [],
    };
  }
  const data = loadExportData(db, { viewId: options.viewId, viewName: options.viewName });
  let content: string;
  let warnings: string[] = [];
  switch (format) {
    case 'stakeholders-csv':
      content = stakeholdersCsv(data, options.csvMode);
      break;
    case 'relationships-csv':
      content = relationshipsCsv(data, options.csvMode);
      break;
    case 'graphml':
      ({ content, warnings } = toGraphml(data));
      break;
    case 'gexf':
      ({ content, warnings } = toGexf(data, now));
      break;
    case 'cytoscape-json':
      content = cytoscapeJsonText(data);
      break;
  }
  return {
    content,
    format,
    mime: info.mime,
    ext: info.ext,
    projectName: data.projectName,
    viewName: data.view.name,
    counts: { stakeholders: data.stakeholders.length, relationships: data.relationships.length },
    warnings,
  };
}
