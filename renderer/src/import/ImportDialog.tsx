// The Import dialog: choose a CSV → the backend previews it (format, encoding, delimiter, counts,
// rejected rows, organisations to create) → adjust encoding, delimiter, mapping, match rule or skipped
// rows → confirm → progress with Cancel → summary. Nothing is written before Confirm; Cancel during
// the write rolls everything back.
import { useEffect, useId, useRef, useState } from 'react';
import { type Mapping, TARGET_FIELDS, TARGET_LABELS, type TargetField } from '../../../db/domain/import-formats';
import type { ImportOutcome } from '../../../db/import/apply';
import type { MatchKey } from '../../../db/import/match';
import type { ImportPreview } from '../../../db/import/preview';
import type { ImportOptions } from '../../../db/import/scan';
import { api } from '../api/client';
import { Dialog, DialogError } from '../components/dialogs/Dialog';
import { ImportHistory } from './ImportHistory';
import { parseLines } from './lines';
import { PreviewTables } from './PreviewTables';
import { uploadFile } from './upload';
import { useImportJob } from './useImportJob';
import './import.css';

const ENCODING_CHOICES: Array<[NonNullable<ImportOptions['encoding']>, string]> = [
  ['utf-8', 'UTF-8'],
  ['windows-1252', 'Windows-1252 (Western European)'],
  ['utf-16le', 'UTF-16 little-endian'],
  ['utf-16be', 'UTF-16 big-endian'],
];
const DELIMITER_CHOICES: Array<[NonNullable<ImportOptions['delimiter']>, string]> = [
  [',', 'Comma ( , )'],
  [';', 'Semicolon ( ; )'],
  ['\t', 'Tab'],
  ['|', 'Vertical bar ( | )'],
];
const MATCH_CHOICES: Array<[string, string, MatchKey[]]> = [
  ['all', 'Email, LinkedIn URL, name + organisation', ['email', 'linkedin', 'name']],
  ['email-linkedin', 'Email, LinkedIn URL', ['email', 'linkedin']],
  ['email', 'Email only', ['email']],
  ['none', 'Never match: add every row as new', []],
];

type Stage = 'choose' | 'reading' | 'preview' | 'writing' | 'done';

const plural = (n: number, one: string, many: string): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export interface ImportDialogProps {
  onClose: () => void;
  /** Called after an import was written, so the app reloads its data. */
  onImported: () => void;
}

export function ImportDialog({ onClose, onImported }: ImportDialogProps) {
  const ids = useId();
  const [stage, setStage] = useState<Stage>('choose');
  const [file, setFile] = useState<File | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [uploadFraction, setUploadFraction] = useState(0);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [options, setOptions] = useState<ImportOptions>({});
  const [skipText, setSkipText] = useState('');
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const job = useImportJob();
  const cancelUpload = useRef(false);

  // The backend starts (and warms) the import's workers while the analyst chooses a file.
  useEffect(() => {
    void api.call('import.prepare', {});
  }, []);

  const runPreview = async (id: string, next: ImportOptions) => {
    setStage('reading');
    const s = await job.run('import.preview', { uploadId: id, options: next });
    if (s?.state === 'done' && s.preview) {
      setPreview(s.preview);
      setStage('preview');
    } else {
      setStage(preview ? 'preview' : 'choose');
    }
  };

  const choose = async (chosen: File | null) => {
    if (!chosen) return;
    setFile(chosen);
    setPreview(null);
    setOptions({});
    setSkipText('');
    job.setError(null);
    setStage('reading');
    cancelUpload.current = false;
    const uploaded = await uploadFile(chosen, setUploadFraction, () => cancelUpload.current);
    if (!uploaded.ok) {
      job.setError(uploaded.message);
      setStage('choose');
      return;
    }
    setUploadId(uploaded.uploadId);
    await runPreview(uploaded.uploadId, {});
  };

  const change = (patch: Partial<ImportOptions>) => {
    if (!uploadId) return;
    const next = { ...options, ...patch };
    setOptions(next);
    void runPreview(uploadId, next);
  };

  const setMapping = (index: number, field: TargetField | null) => {
    if (!preview) return;
    const mapping: Mapping = [...(options.mapping ?? preview.mapping)];
    mapping[index] = field;
    change({ mapping, format: 'generic' });
  };

  const skipLines = parseLines(skipText);

  const confirm = async () => {
    if (!uploadId || !preview || skipLines === null) return;
    // Lines typed but not yet previewed: show their effect first; the analyst confirms what they see.
    if (skipLines.join() !== (options.skipLines ?? []).join()) {
      change({ skipLines });
      return;
    }
    setStage('writing');
    const s = await job.run('import.apply', { uploadId, options, expected: preview.counts });
    if (s?.state === 'done' && s.outcome) {
      setOutcome(s.outcome);
      setStage('done');
      void api.call('import.discard', { uploadId });
      onImported();
    } else {
      if (s?.state === 'cancelled') setMessage('Import cancelled. Nothing was imported; the project is as it was.');
      setStage('preview');
    }
  };

  const close = () => {
    cancelUpload.current = true;
    if (uploadId && stage !== 'done') void api.call('import.discard', { uploadId });
    onClose();
  };

  const busy = stage === 'reading' || stage === 'writing';
  const status = job.status;
  const fraction = stage === 'reading' && !status ? uploadFraction / 2 : (status?.fraction ?? 0);

  const footer = (
    <>
      {stage === 'writing' ? (
        <button type="button" className="button" onClick={() => void job.cancel()} data-testid="import-cancel">
          Cancel import
        </button>
      ) : (
        <button type="button" className="button" onClick={close} disabled={busy}>
          {stage === 'done' ? 'Close' : 'Cancel'}
        </button>
      )}
      {stage === 'preview' && preview && (
        <button
          type="submit"
          className="button button-primary"
          disabled={
            skipLines === null || preview.counts.created + preview.counts.matched + preview.counts.duplicates === 0
          }
          data-testid="import-confirm"
        >
          Import {plural(preview.counts.created + preview.counts.matched + preview.counts.duplicates, 'row', 'rows')}
        </button>
      )}
    </>
  );

  return (
    <Dialog
      title={file ? `Import “${file.name}”` : 'Import contacts or relationships'}
      onClose={close}
      onSubmit={() => void confirm()}
      busy={stage === 'writing'}
      footer={footer}
      size="wide"
      testId="import-dialog"
    >
      <div className="import-choose">
        <label className="form-label" htmlFor={`${ids}-file`}>
          CSV file
        </label>
        <input
          id={`${ids}-file`}
          type="file"
          accept=".csv,.txt,.tsv,text/csv"
          className="import-file"
          data-testid="import-file"
          data-autofocus
          disabled={busy}
          aria-describedby={`${ids}-file-hint`}
          onChange={(e) => void choose(e.currentTarget.files?.[0] ?? null)}
        />
        <p id={`${ids}-file-hint`} className="form-hint">
          Google Contacts, Outlook and LinkedIn exports are recognised; any other CSV gets a column mapping. A
          relationships file (source, target, type…) links stakeholders already in the project. Nothing is written until
          you confirm.
        </p>
      </div>

      {(stage === 'choose' || stage === 'done') && <ImportHistory key={outcome?.historyId ?? 0} />}

      <DialogError message={job.error} />
      {message && stage === 'preview' && (
        <p className="import-note" role="status">
          {message}
        </p>
      )}

      {busy && (
        <div className="import-progress" data-testid="import-progress">
          <label htmlFor={`${ids}-progress`}>
            {stage === 'writing'
              ? status?.phase === 'writing'
                ? `Writing… ${plural(status.done, 'row', 'rows')}`
                : 'Reading the file again to write it…'
              : status
                ? 'Reading and matching rows…'
                : 'Loading the file…'}
          </label>
          <progress id={`${ids}-progress`} max={1} value={fraction}>
            {Math.round(fraction * 100)}%
          </progress>
        </div>
      )}

      {stage === 'done' && outcome && (
        <div className="import-done" role="status" data-testid="import-done">
          <p>
            <strong>Imported.</strong>{' '}
            {outcome.kind === 'relationships'
              ? `${plural(outcome.written.relationships, 'relationship', 'relationships')} added.`
              : `${plural(outcome.written.people, 'person', 'people')} and ${plural(outcome.written.organisations, 'organisation', 'organisations')} created; ${plural(outcome.counts.matched + outcome.counts.duplicates, 'row', 'rows')} merged into existing stakeholders.`}
          </p>
          <p className="form-hint">Undo reverses the whole import in one step (“Import {outcome.fileName}”).</p>
        </div>
      )}

      {preview && (stage === 'preview' || stage === 'reading') && (
        <div className="import-preview" aria-busy={stage === 'reading'}>
          <dl className="import-facts">
            <div>
              <dt>Format</dt>
              <dd data-testid="import-format">{preview.formatLabel}</dd>
            </div>
            <div>
              <dt>Header</dt>
              <dd>
                line {preview.headerLine}
                {preview.preambleLines > 0 && ` (${preview.preambleLines} note lines above it skipped)`}
              </dd>
            </div>
          </dl>

          <div className="import-options">
            <div className="form-row">
              <label className="form-label" htmlFor={`${ids}-enc`}>
                Encoding
              </label>
              <select
                id={`${ids}-enc`}
                className="select"
                value={options.encoding ?? preview.encoding}
                onChange={(e) => change({ encoding: e.currentTarget.value as ImportOptions['encoding'] })}
                aria-describedby={`${ids}-enc-hint`}
                data-testid="import-encoding"
              >
                {ENCODING_CHOICES.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </select>
              <p id={`${ids}-enc-hint`} className="form-hint">
                {options.encoding ? 'Chosen by you.' : `Detected: ${preview.encodingReason}.`}
              </p>
            </div>
            <div className="form-row">
              <label className="form-label" htmlFor={`${ids}-delim`}>
                Delimiter
              </label>
              <select
                id={`${ids}-delim`}
                className="select"
                value={options.delimiter ?? preview.delimiter}
                onChange={(e) => change({ delimiter: e.currentTarget.value as ImportOptions['delimiter'] })}
              >
                {DELIMITER_CHOICES.map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            {preview.kind === 'contacts' && (
              <div className="form-row">
                <label className="form-label" htmlFor={`${ids}-match`}>
                  Match existing stakeholders on
                </label>
                <select
                  id={`${ids}-match`}
                  className="select"
                  value={MATCH_CHOICES.find(([, , keys]) => keys.join() === preview.matchOn.join())?.[0] ?? 'all'}
                  onChange={(e) =>
                    change({ matchOn: MATCH_CHOICES.find(([v]) => v === e.currentTarget.value)?.[2] ?? undefined })
                  }
                >
                  {MATCH_CHOICES.map(([v, label]) => (
                    <option key={v} value={v}>
                      {label}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="form-row">
              <label className="form-label" htmlFor={`${ids}-skip`}>
                Leave out lines
              </label>
              <input
                id={`${ids}-skip`}
                className="input"
                value={skipText}
                placeholder="e.g. 3, 7-9"
                aria-invalid={skipLines === null}
                aria-describedby={`${ids}-skip-hint`}
                onChange={(e) => setSkipText(e.currentTarget.value)}
                onBlur={() => {
                  if (skipLines !== null && skipLines.join() !== (options.skipLines ?? []).join()) {
                    change({ skipLines });
                  }
                }}
              />
              <p id={`${ids}-skip-hint`} className={skipLines === null ? 'field-error' : 'form-hint'}>
                {skipLines === null
                  ? 'Write line numbers or ranges, such as 3, 7-9.'
                  : 'Line numbers as shown below; counted as skipped.'}
              </p>
            </div>
          </div>

          <ul className="import-counts" data-testid="import-counts" aria-label="What the import will do">
            <li data-count="rows">
              <strong>{preview.counts.rows.toLocaleString()}</strong> rows
            </li>
            <li data-count="created">
              <strong>{preview.counts.created.toLocaleString()}</strong> new
            </li>
            <li data-count="matched">
              <strong>{preview.counts.matched.toLocaleString()}</strong> matched to existing
            </li>
            <li data-count="duplicates">
              <strong>{preview.counts.duplicates.toLocaleString()}</strong> duplicates in the file
            </li>
            <li data-count="rejected" className={preview.counts.rejected ? 'import-count-bad' : undefined}>
              <strong>{preview.counts.rejected.toLocaleString()}</strong> rejected
            </li>
            {preview.counts.skipped > 0 && (
              <li data-count="skipped">
                <strong>{preview.counts.skipped.toLocaleString()}</strong> skipped
              </li>
            )}
            {preview.kind === 'contacts' && (
              <li data-count="organisations">
                <strong>{preview.counts.organisations.toLocaleString()}</strong> organisations to create
              </li>
            )}
          </ul>
          {preview.warnings.map((w) => (
            <p key={w} className="field-warning">
              {w}
            </p>
          ))}

          {preview.format === 'generic' && (
            <details className="import-mapping" open>
              <summary>Column mapping</summary>
              <p className="form-hint">
                Suggested from the header names; remembered for files with the same columns. Columns left unmapped are
                kept in the notes as “Header: value”.
              </p>
              <div className="import-mapping-grid">
                {preview.headers.map((h, i) => (
                  <div className="form-row" key={h}>
                    <label className="form-label" htmlFor={`${ids}-map-${i}`}>
                      {h}
                    </label>
                    <select
                      id={`${ids}-map-${i}`}
                      className="select"
                      value={(options.mapping ?? preview.mapping)[i] ?? ''}
                      onChange={(e) => setMapping(i, (e.currentTarget.value || null) as TargetField | null)}
                    >
                      <option value="">Keep in notes</option>
                      {TARGET_FIELDS.filter((f) => f !== 'label').map((f) => (
                        <option key={f} value={f}>
                          {TARGET_LABELS[f]}
                        </option>
                      ))}
                    </select>
                  </div>
                ))}
              </div>
            </details>
          )}

          <PreviewTables preview={preview} />
        </div>
      )}
    </Dialog>
  );
}
