// Exports: data files for other tools (CSV, GraphML, GEXF, Cytoscape.js JSON, a full JSON backup) and
// project copies. The renderer gets the file's content and a suggested name and saves it itself
// (download or native dialog); only host callers (menus, CLI) name paths.
import { z } from 'zod';
import { DATA_FORMATS } from '../../domain/export-formats';
import type { ImportSummary } from '../../export/backup';
import { filePath, id, method } from '../method';

export interface DataExportFile {
  /** The file's text (UTF-8). */
  content: string;
  /** `<project>-<view>-<date>.<ext>`, safe on every platform. */
  fileName: string;
  mime: string;
  counts: { stakeholders: number; relationships: number };
  /** Things the user should know, e.g. characters XML cannot hold were removed. */
  warnings: string[];
}

export interface WrittenFile {
  path: string;
  counts: { stakeholders: number; relationships: number };
  warnings: string[];
}

const dataRequest = {
  format: z.enum(DATA_FORMATS),
  /** The view to export; the first view when absent. Ignored by the whole-project backup. */
  viewId: id.optional(),
  /** CSV only: `raw` leaves formula-like text unescaped (for programs, not spreadsheets). */
  csvMode: z.enum(['safe', 'raw']).default('safe'),
};

export const exportMethods = {
  'export.data': method<DataExportFile>()('app', z.object(dataRequest).strict()),
  'export.dataToFile': method<WrittenFile>()(
    'host',
    z.object({ ...dataRequest, viewName: z.string().trim().min(1).max(500).optional(), path: filePath }).strict(),
  ),
  /** A consistent copy of the open project in another file; the open project stays open. */
  'export.saveCopy': method<{ path: string }>()('host', z.object({ path: filePath }).strict()),
  /** Reads a JSON backup into the open project, which must be empty. */
  'export.importBackup': method<ImportSummary>()('host', z.object({ path: filePath }).strict()),
  /** The same from a file the app uploaded (`import.upload`): the browser host names no paths. */
  'export.restoreBackup': method<ImportSummary>()(
    'app',
    z.object({ uploadId: z.string().uuid('Not an upload token.') }).strict(),
  ),
} as const;
