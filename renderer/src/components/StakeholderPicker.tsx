// A searchable choice of one stakeholder (ARIA 1.2 combobox with a listbox popup): type to filter,
// arrows to move, Enter to choose, Escape to close. Used for parent organisation, the other side of a
// relationship and the stakeholder to merge with. Shows at most MAX_SHOWN matches, so 20k rows stay quick.
import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react';
import { KIND_LABELS, type Stakeholder } from '../../../db/domain/model';
import { KindGlyph } from './KindGlyph';
import './editing.css';

const MAX_SHOWN = 50;

export interface StakeholderPickerProps {
  /** The choosable stakeholders. */
  options: Stakeholder[];
  value: number | null;
  onChange: (id: number | null) => void;
  label: string;
  /** Visible label or only for screen readers. */
  hideLabel?: boolean;
  placeholder?: string;
  /** Offers "None" (e.g. no parent organisation). */
  allowNone?: boolean;
  noneLabel?: string;
  error?: string | null;
  describedBy?: string;
  testId?: string;
  autoFocus?: boolean;
}

const fold = (s: string) => s.toLocaleLowerCase().normalize('NFKD');

export function StakeholderPicker({
  options,
  value,
  onChange,
  label,
  hideLabel,
  placeholder,
  allowNone,
  noneLabel = 'None',
  error,
  describedBy,
  testId,
  autoFocus,
}: StakeholderPickerProps) {
  const id = useId();
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const chosen = useMemo(() => options.find((o) => o.id === value) ?? null, [options, value]);
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  const text = query ?? chosen?.name ?? '';
  const matches = useMemo(() => {
    const q = fold((query ?? '').trim());
    const found = q ? options.filter((o) => fold(o.name).includes(q)) : options;
    // Names starting with the query first, then the rest, each alphabetically.
    const starts = found.filter((o) => fold(o.name).startsWith(q));
    const rest = found.filter((o) => !fold(o.name).startsWith(q));
    return [...starts, ...rest].slice(0, MAX_SHOWN);
  }, [options, query]);
  const rows: Array<Stakeholder | null> = allowNone ? [null, ...matches] : matches;

  const pick = (row: Stakeholder | null) => {
    setQuery(null);
    setOpen(false);
    onChange(row ? row.id : null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(rows.length - 1, a + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Enter') {
      if (open && rows[active] !== undefined) {
        event.preventDefault();
        pick(rows[active] ?? null);
      }
    } else if (event.key === 'Escape') {
      if (open || query !== null) {
        // Close the list only; the dialog around it stays.
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
        setQuery(null);
      }
    }
  };

  const activeRow = open ? rows[active] : undefined;
  const optionId = (row: Stakeholder | null) => `${id}-opt-${row ? row.id : 'none'}`;
  const described = [error ? errorId : null, describedBy].filter(Boolean).join(' ') || undefined;

  return (
    <div className="picker" data-testid={testId}>
      <label htmlFor={`${id}-input`} className={hideLabel ? 'visually-hidden' : 'form-label'}>
        {label}
      </label>
      <div className="picker-box">
        <input
          ref={input}
          id={`${id}-input`}
          className="input picker-input"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeRow !== undefined ? optionId(activeRow) : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder ?? (allowNone ? noneLabel : 'Type to search…')}
          value={text}
          // biome-ignore lint/a11y/noAutofocus: the dialog that shows this picker starts here.
          autoFocus={autoFocus}
          data-autofocus={autoFocus ? '' : undefined}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(allowNone && e.target.value.trim() ? 1 : 0);
            setOpen(true);
          }}
          onFocus={(e) => e.target.select()}
          onClick={() => setOpen(true)}
          onBlur={() => {
            // A click on an option lands before blur ends (mousedown is prevented there). Leaving with
            // a whole name typed chooses it; leaving an emptied box chooses "none" where allowed.
            if (query !== null) {
              const typed = fold(query.trim());
              const exact = options.filter((o) => fold(o.name) === typed);
              if (typed === '' && allowNone && value !== null) onChange(null);
              else if (exact.length === 1 && exact[0]?.id !== value) onChange(exact[0]?.id ?? null);
            }
            setOpen(false);
            setQuery(null);
          }}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className="picker-toggle"
          tabIndex={-1}
          aria-label={`Show choices for ${label}`}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            setOpen((o) => !o);
            input.current?.focus();
          }}
        >
          <svg viewBox="0 0 12 12" aria-hidden="true" focusable="false">
            <path d="M3 4.5l3 3 3-3" />
          </svg>
        </button>
      </div>
      <div id={listId} role="listbox" className="picker-list" aria-label={label} hidden={!open}>
        {open &&
          rows.map((row, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents lint/a11y/useFocusableInteractive: the combobox input holds focus and the keys (aria-activedescendant).
            <div
              key={row ? row.id : 'none'}
              id={optionId(row)}
              role="option"
              aria-selected={index === active}
              className="picker-option"
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => pick(row)}
            >
              {row ? (
                <>
                  <KindGlyph kind={row.kind} size={13} />
                  <span className="picker-name">{row.name}</span>
                  <span className="picker-kind">{KIND_LABELS[row.kind]}</span>
                </>
              ) : (
                <span className="picker-name muted">{noneLabel}</span>
              )}
            </div>
          ))}
        {open && matches.length === 0 && (
          // biome-ignore lint/a11y/useFocusableInteractive: a disabled option, announced through the listbox.
          <div className="picker-empty" role="option" aria-selected={false} aria-disabled="true">
            No stakeholder matches “{query}”.
          </div>
        )}
      </div>
      {error && (
        <p id={errorId} className="field-error" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
