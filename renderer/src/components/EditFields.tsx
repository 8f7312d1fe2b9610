// Small autosaving editors for the detail panel. Each keeps a draft only while the analyst types
// (null = show the saved value), commits on blur or Enter, reverts on Escape, and shows the message
// it is given under itself (aria-invalid + aria-describedby).
import { type KeyboardEvent, type ReactNode, useId, useState } from 'react';

export interface FieldMessages {
  error?: string | null;
  warning?: string | null;
}

/** Commit returns true when the draft can go (saved, or nothing to save). */
export type Commit<T> = (value: T) => Promise<boolean>;

function Messages({ id, error, warning }: FieldMessages & { id: string }) {
  return (
    <>
      {error && (
        <p id={`${id}-error`} className="field-error" data-testid="field-error">
          {error}
        </p>
      )}
      {!error && warning && (
        <p id={`${id}-error`} className="field-warning" data-testid="field-warning">
          {warning}
        </p>
      )}
    </>
  );
}

const describedByIds = (id: string, m: FieldMessages, hint?: string) =>
  [m.error || m.warning ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;

export function EditRow({
  label,
  htmlFor,
  children,
  wide,
}: {
  label: string;
  htmlFor?: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={`edit-row${wide ? ' edit-row-wide' : ''}`}>
      {htmlFor ? (
        <label className="edit-label" htmlFor={htmlFor}>
          {label}
        </label>
      ) : (
        <span className="edit-label">{label}</span>
      )}
      <div className="edit-control">{children}</div>
    </div>
  );
}

interface TextFieldProps extends FieldMessages {
  label: string;
  value: string | null;
  onCommit: Commit<string>;
  onRevert?: () => void;
  multiline?: boolean;
  type?: 'text' | 'url' | 'email' | 'tel';
  placeholder?: string;
  hint?: string;
  testId?: string;
  className?: string;
  /** Read by screen readers instead of the visible label (e.g. the big name field). */
  hideLabel?: boolean;
  /** A one-line value shown wrapped over several lines (long names); Enter still saves. */
  wrapLines?: boolean;
}

export function TextField({
  label,
  value,
  onCommit,
  onRevert,
  multiline,
  type = 'text',
  placeholder,
  hint,
  testId,
  className,
  hideLabel,
  wrapLines,
  error,
  warning,
}: TextFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value ?? '';

  const commit = async () => {
    if (draft === null) return;
    if (draft === (value ?? '')) {
      setDraft(null);
      return;
    }
    if (await onCommit(draft)) setDraft(null);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && (draft !== null || error)) {
      event.preventDefault();
      setDraft(null);
      onRevert?.();
    } else if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void commit();
    }
  };
  const common = {
    id,
    value: shown,
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedByIds(id, { error, warning }, hint),
    'data-testid': testId,
    // A wrapped one-line field never keeps a line break (pasted text included).
    onChange: (e: { target: { value: string } }) =>
      setDraft(wrapLines ? e.target.value.replace(/[\r\n]+/g, ' ') : e.target.value),
    onBlur: () => void commit(),
    onKeyDown,
    spellCheck: multiline ? true : undefined,
  };
  const control = wrapLines ? (
    <textarea className={`input input-wrap ${className ?? ''}`} rows={1} {...common} />
  ) : multiline ? (
    <textarea className={`textarea ${className ?? ''}`} rows={4} {...common} />
  ) : (
    <input className={`input ${className ?? ''}`} type={type} autoComplete="off" {...common} />
  );
  if (hideLabel) {
    return (
      <div className="edit-solo">
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        {control}
        <Messages id={id} error={error} warning={warning} />
      </div>
    );
  }
  return (
    <EditRow label={label} htmlFor={id}>
      {control}
      {hint && (
        <p id={`${id}-hint`} className="form-hint">
          {hint}
        </p>
      )}
      <Messages id={id} error={error} warning={warning} />
    </EditRow>
  );
}

interface SelectFieldProps<T extends string> extends FieldMessages {
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onCommit: Commit<T>;
  testId?: string;
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onCommit,
  testId,
  error,
  warning,
}: SelectFieldProps<T>) {
  const id = useId();
  return (
    <EditRow label={label} htmlFor={id}>
      <select
        id={id}
        className="select"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByIds(id, { error, warning })}
        data-testid={testId}
        onChange={(e) => void onCommit(e.target.value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Messages id={id} error={error} warning={warning} />
    </EditRow>
  );
}

interface ListFieldProps {
  label: string;
  /** Singular noun for buttons: "email address", "phone number". */
  noun: string;
  values: string[];
  type: 'email' | 'tel';
  /** Checks one entry; returns the message or null. */
  checkItem: (value: string) => string | null;
  onCommit: Commit<string[]>;
  error?: string | null;
  testId?: string;
}

/** Several emails or phones: one input per entry, each saved on blur; add and remove rows. */
export function ListField({ label, noun, values, type, checkItem, onCommit, error, testId }: ListFieldProps) {
  const id = useId();
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [adding, setAdding] = useState(false);
  const rows = adding ? [...values, ''] : values;

  const commitRow = async (index: number) => {
    const draft = drafts[index];
    if (draft === undefined) {
      if (index >= values.length) setAdding(false);
      return;
    }
    const trimmed = draft.trim();
    const clear = () => {
      setDrafts(({ [index]: _, ...rest }) => rest);
      setErrors(({ [index]: _, ...rest }) => rest);
    };
    if (trimmed === (values[index] ?? '')) {
      clear();
      if (index >= values.length) setAdding(false);
      return;
    }
    if (trimmed !== '') {
      const message = checkItem(trimmed);
      if (message) {
        setErrors((e) => ({ ...e, [index]: message }));
        return;
      }
    }
    const next = [...values];
    if (trimmed === '') next.splice(index, 1);
    else next[index] = trimmed;
    if (await onCommit(next)) {
      clear();
      if (index >= values.length) setAdding(false);
    }
  };

  const remove = async (index: number) => {
    if (index >= values.length) {
      setAdding(false);
      setDrafts(({ [index]: _, ...rest }) => rest);
      setErrors(({ [index]: _, ...rest }) => rest);
      return;
    }
    const next = values.filter((_, i) => i !== index);
    if (await onCommit(next)) {
      setDrafts({});
      setErrors({});
    }
  };

  return (
    <EditRow label={label}>
      <ul className="list-field" aria-label={label} data-testid={testId}>
        {rows.map((v, index) => {
          const rowId = `${id}-${index}`;
          const rowError = errors[index];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries may repeat; the position is their identity here.
            <li key={index} className="list-field-row">
              <div className="list-field-line">
                <input
                  id={rowId}
                  className="input"
                  type={type}
                  autoComplete="off"
                  aria-label={`${noun[0]?.toUpperCase()}${noun.slice(1)} ${index + 1}`}
                  aria-invalid={rowError ? true : undefined}
                  aria-describedby={rowError ? `${rowId}-error` : undefined}
                  value={drafts[index] ?? v}
                  // biome-ignore lint/a11y/noAutofocus: a row just added by the analyst is where they type next.
                  autoFocus={index >= values.length}
                  onChange={(e) => setDrafts((d) => ({ ...d, [index]: e.target.value }))}
                  onBlur={() => void commitRow(index)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      void commitRow(index);
                    } else if (e.key === 'Escape' && (drafts[index] !== undefined || rowError)) {
                      e.preventDefault();
                      setDrafts(({ [index]: _, ...rest }) => rest);
                      setErrors(({ [index]: _, ...rest }) => rest);
                      if (index >= values.length) setAdding(false);
                    }
                  }}
                />
                <button
                  type="button"
                  className="icon-button row-remove"
                  aria-label={`Remove ${noun} ${v || index + 1}`}
                  title={`Remove this ${noun}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => void remove(index)}
                >
                  <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <path d="M4 4l8 8M12 4l-8 8" />
                  </svg>
                </button>
              </div>
              {rowError && (
                <p id={`${rowId}-error`} className="field-error" data-testid="field-error">
                  {rowError}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      {!adding && (
        <button type="button" className="link-button add-row" onClick={() => setAdding(true)}>
          + Add {noun}
        </button>
      )}
      {error && (
        <p className="field-error" data-testid="field-error">
          {error}
        </p>
      )}
    </EditRow>
  );
}

interface TagFieldProps {
  tags: string[];
  suggestions: string[];
  checkTag: (value: string) => string | null;
  onCommit: Commit<string[]>;
  error?: string | null;
}

/** Tags as removable chips plus one input with suggestions from the project's tags. */
export function TagField({ tags, suggestions, checkTag, onCommit, error }: TagFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const shownError = message ?? error;
  const have = new Set(tags.map((t) => t.toLocaleLowerCase()));
  const offered = suggestions.filter((t) => !have.has(t.toLocaleLowerCase()));

  const add = async () => {
    const name = draft.trim();
    if (!name) return;
    const problem = checkTag(name);
    if (problem) {
      setMessage(problem);
      return;
    }
    setMessage(null);
    if (have.has(name.toLocaleLowerCase())) {
      setDraft('');
      return;
    }
    // Reuse the existing spelling of a known tag.
    const known = suggestions.find((t) => t.toLocaleLowerCase() === name.toLocaleLowerCase()) ?? name;
    if (await onCommit([...tags, known])) setDraft('');
  };

  return (
    <EditRow label="Tags" htmlFor={id}>
      {tags.length > 0 && (
        <ul className="tags tag-chips" aria-label="Tags">
          {tags.map((t) => (
            <li key={t}>
              <span>{t}</span>
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove tag ${t}`}
                title={`Remove tag “${t}”`}
                onClick={() => void onCommit(tags.filter((x) => x !== t))}
              >
                <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                  <path d="M4 4l8 8M12 4l-8 8" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        className="input tag-input"
        list={`${id}-suggestions`}
        placeholder="Add a tag…"
        autoComplete="off"
        value={draft}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={shownError ? `${id}-error` : undefined}
        data-testid="tag-input"
        onChange={(e) => {
          setDraft(e.target.value);
          setMessage(null);
        }}
        onBlur={() => void add()}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            void add();
          } else if (e.key === 'Escape' && draft) {
            e.preventDefault();
            setDraft('');
            setMessage(null);
          }
        }}
      />
      <datalist id={`${id}-suggestions`}>
        {offered.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      {shownError && (
        <p id={`${id}-error`} className="field-error" data-testid="field-error">
          {shownError}
        </p>
      )}
    </EditRow>
  );
}
