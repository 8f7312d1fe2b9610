import { readFileSync, statSync } from 'node:fs';
import { suggestedFileName } from '../../domain/file-name';
import { importBackup, parseBackup } from '../../export/backup';
import { saveProjectCopy } from '../../export/copy';
import { DATA_FORMAT_INFO, exportData, exportDataText } from '../../export/formats';
import { writeFileAtomicWith } from '../../export/write';
import type { exportMethods } from '../contracts/export';
import { importJobs } from './import';
import { type HandlersOf, StakemapError } from './types';

/** Backups larger than this are refused before reading (a 20,000-stakeholder project is ~15 MB). */
const MAX_BACKUP_BYTES = 512 * 1024 * 1024;

export const exportHandlers: HandlersOf<typeof exportMethods> = {
  'export.data': ({ format, viewId, csvMode }, b) => {
    const out = exportDataText(b.db, format, { viewId, csvMode });
    return {
      content: out.content,
      fileName: suggestedFileName({
        project: out.projectName,
        view: out.viewName,
        suffix: DATA_FORMAT_INFO[format].suffix,
        ext: out.ext,
      }),
      mime: out.mime,
      counts: out.counts,
      warnings: out.warnings,
    };
  },
  'export.dataToFile': ({ format, viewId, viewName, csvMode, path }, b) => {
    const out = writeFileAtomicWith(path, (write) => exportData(b.db, format, { viewId, viewName, csvMode }, write));
    return { path, counts: out.counts, warnings: out.warnings };
  },
  'export.saveCopy': ({ path }, b) => saveProjectCopy(b.db, b.path, path),
  'export.importBackup': ({ path }, b) => importBackup(b.db, parseBackup(readBackupFile(path))),
  'export.restoreBackup': ({ uploadId }, b) => {
    const jobs = importJobs(b);
    const file = jobs.uploadedFile(uploadId);
    try {
      return importBackup(b.db, parseBackup(readBackupFile(file.path, file.fileName)));
    } finally {
      jobs.discard(uploadId);
    }
  },
};

/** A backup file's text; `shownAs` names it in messages (an upload's own name, not its spool path). */
function readBackupFile(path: string, shownAs = path): string {
  try {
    if (statSync(path).size > MAX_BACKUP_BYTES) {
      throw new StakemapError('INVALID_INPUT', `${shownAs} is too large to be a Stakemap backup.`);
    }
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof StakemapError) throw e;
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new StakemapError(
      missing ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      missing ? `There is no file at ${shownAs}.` : `Could not read ${shownAs}: ${(e as Error).message}`,
    );
  }
}
