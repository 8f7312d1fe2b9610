// The preview's tables: the first rows as they will be stored (with what happens to each), the
// rejected rows with line and reason, and the organisations the import will create.
import type { ImportPreview } from '../../../db/import/preview';

const ACTION_LABELS = { new: 'New', matched: 'Merge', duplicate: 'Duplicate' } as const;
const MATCH_LABELS = { email: 'email', linkedin: 'LinkedIn URL', name: 'name + organisation' } as const;

const clip = (text: string, max = 80): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function PreviewTables({ preview }: { preview: ImportPreview }) {
  return (
    <>
      {preview.kind === 'contacts' ? (
        <section aria-labelledby="import-sample-heading">
          <h3 id="import-sample-heading" className="import-subhead">
            First rows as they will be stored
          </h3>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so the keyboard can scroll it (axe scrollable-region-focusable). */}
          <section className="import-table-wrap" tabIndex={0} aria-labelledby="import-sample-heading">
            <table className="import-table" data-testid="import-sample">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">What happens</th>
                  <th scope="col">Name</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Role</th>
                  <th scope="col">Emails</th>
                  <th scope="col">Phones</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {preview.sample.length === 0 && (
                  <tr>
                    <td colSpan={8} className="import-empty">
                      No rows to show: every row is rejected or left out.
                    </td>
                  </tr>
                )}
                {preview.sample.map((r) => (
                  <tr key={r.line}>
                    <td className="import-num">{r.line}</td>
                    <td>
                      <span className={`import-action import-action-${r.action}`}>{ACTION_LABELS[r.action]}</span>
                      {r.action === 'duplicate' && r.duplicateOfLine && ` of line ${r.duplicateOfLine}`}
                      {r.matchedOn && <span className="import-by"> by {MATCH_LABELS[r.matchedOn]}</span>}
                    </td>
                    <td>
                      {r.name}
                      {r.kind === 'organisation' && <span className="import-by"> (organisation)</span>}
                    </td>
                    <td>{r.organisation ?? ''}</td>
                    <td>{r.role ?? ''}</td>
                    <td>{r.emails.join(', ')}</td>
                    <td>{r.phones.join(', ')}</td>
                    <td title={r.notes}>{clip(r.notes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </section>
      ) : (
        <section aria-labelledby="import-sample-heading">
          <h3 id="import-sample-heading" className="import-subhead">
            First relationships as they will be stored
          </h3>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so the keyboard can scroll it (axe scrollable-region-focusable). */}
          <section className="import-table-wrap" tabIndex={0} aria-labelledby="import-sample-heading">
            <table className="import-table" data-testid="import-sample">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">What happens</th>
                  <th scope="col">Source</th>
                  <th scope="col">Type</th>
                  <th scope="col">Target</th>
                  <th scope="col">Strength</th>
                  <th scope="col">Sentiment</th>
                </tr>
              </thead>
              <tbody>
                {preview.relationshipSample.map((r) => (
                  <tr key={r.line}>
                    <td className="import-num">{r.line}</td>
                    <td>{r.action === 'new' ? 'New' : r.action === 'matched' ? 'Already there' : 'Duplicate'}</td>
                    <td>{r.sourceName}</td>
                    <td>{r.type.replace('_', ' ')}</td>
                    <td>{r.targetName}</td>
                    <td className="import-num">{r.strength}</td>
                    <td>{r.sentiment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </section>
      )}

      {preview.rejected.length > 0 && (
        <section aria-labelledby="import-rejected-heading">
          <h3 id="import-rejected-heading" className="import-subhead">
            Rejected rows (not imported)
          </h3>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so the keyboard can scroll it (axe scrollable-region-focusable). */}
          <section className="import-rejected-wrap" tabIndex={0} aria-labelledby="import-rejected-heading">
            <ul className="import-rejected" data-testid="import-rejected">
              {preview.rejected.map((r) => (
                <li key={`${r.line}-${r.reason}`}>
                  <strong>Line {r.line}:</strong> {r.reason}.
                </li>
              ))}
            </ul>
          </section>
          {preview.counts.rejected > preview.rejected.length && (
            <p className="form-hint">
              … and {(preview.counts.rejected - preview.rejected.length).toLocaleString()} more.
            </p>
          )}
        </section>
      )}

      {preview.organisations.length > 0 && (
        <section aria-labelledby="import-orgs-heading">
          <h3 id="import-orgs-heading" className="import-subhead">
            Organisations to create
          </h3>
          <p className="import-orgs">
            {preview.organisations.join(' · ')}
            {preview.counts.organisations > preview.organisations.length &&
              ` … and ${(preview.counts.organisations - preview.organisations.length).toLocaleString()} more`}
          </p>
        </section>
      )}
    </>
  );
}
