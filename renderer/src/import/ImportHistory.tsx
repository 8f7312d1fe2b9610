// Earlier imports into this project (newest first): when, which file, what it did, and whether it was
// undone, so an analyst can tell whether a file has been imported already. The file's SHA-256 is in the
// row's tooltip to compare copies of the same export.
import { useEffect, useState } from 'react';
import type { ImportHistoryEntry } from '../../../db/import/apply';
import { api } from '../api/client';

const when = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const n = (value: number): string => value.toLocaleString();

function outcome(e: ImportHistoryEntry): string {
  if (e.kind === 'relationships') return `${n(e.created)} relationships added, ${n(e.rejected)} rejected`;
  return `${n(e.created)} new, ${n(e.matched + e.duplicates)} merged, ${n(e.rejected)} rejected`;
}

/** Loads the list when mounted: give it a new `key` after an import to reload it. */
export function ImportHistory() {
  const [entries, setEntries] = useState<ImportHistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('import.history', {}).then((r) => {
      if (!live) return;
      if (r.ok) setEntries(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, []);

  if (error) return <p className="form-hint">The list of earlier imports could not be loaded: {error}</p>;
  if (!entries || entries.length === 0) return null;
  return (
    <details className="import-history" data-testid="import-history">
      <summary>Earlier imports into this project ({n(entries.length)})</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">File</th>
            <th scope="col">Rows</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} title={`SHA-256 ${e.sha256}`} className={e.undone ? 'undone' : undefined}>
              <td>{when(e.importedAt)}</td>
              <td className="import-history-file">{e.fileName}</td>
              <td>{n(e.rows)}</td>
              <td>
                {outcome(e)}
                {e.undone && <strong> · undone</strong>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
