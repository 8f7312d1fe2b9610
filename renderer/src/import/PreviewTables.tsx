// The preview's tables: the first rows as they will be stored (with what happens to each), the
// rejected rows with line and reason, and the organisations the import will create.
import type { ReactNode } from 'react';
import type { ImportPreview } from '../../../db/import/preview';

const ACTION_LABELS = { new: 'New', matched: 'Merge', duplicate: 'Duplicate' } as const;
const MATCH_LABELS = { email: 'email', linkedin: 'LinkedIn URL', name: 'name + organisation' } as const;

const clip = (text: string, max = 80): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The first rows of either kind of file, in a region the keyboard can scroll. */
function SampleTable({ heading, columns, children }: { heading: string; columns: string[]; children: ReactNode }) {
  return (
    <section aria-labelledby="import-sample-heading">
      <h3 id="import-sample-heading" className="import-subhead">
        {heading}
      </h3>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so the keyboard can scroll it (axe scrollable-region-focusable). */}
      <section className="import-table-wrap" tabIndex={0} aria-labelledby="import-sample-heading">
        <table className="import-table" data-testid="import-sample">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </section>
    </section>
  );
}

export function PreviewTables({ preview }: { preview: ImportPreview }) {
  return (
    <>
      {preview.kind === 'contacts' ? (
        <SampleTable
          heading="First rows as they will be stored"
          columns={['Line', 'What happens', 'Name', 'Organisation', 'Role', 'Emails', 'Phones', 'Notes']}
        >
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
        </SampleTable>
      ) : (
        <SampleTable
          heading="First relationships as they will be stored"
          columns={['Line', 'What happens', 'Source', 'Type', 'Target', 'Strength', 'Sentiment']}
        >
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
        </SampleTable>
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
