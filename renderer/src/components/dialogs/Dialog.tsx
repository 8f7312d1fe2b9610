// The one modal wrapper every dialog uses: a native <dialog> opened with showModal(), so the browser
// gives the focus trap, Escape and the inert background; focus goes back where it was on close.
import { type FormEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import './dialogs.css';

export interface DialogProps {
  title: string;
  /** Escape, the close button and Cancel all end here; `busy` dialogs ignore Escape. */
  onClose: () => void;
  children: ReactNode;
  /** Buttons at the bottom (primary last). */
  footer?: ReactNode;
  /** When given, the body is a form and Enter submits it. */
  onSubmit?: () => void;
  busy?: boolean;
  /** Wider dialogs (merge) ask for it. */
  size?: 'normal' | 'wide';
  testId?: string;
  /** The id of the text that describes the dialog (read on open). */
  describedBy?: string;
}

export function Dialog({ title, onClose, children, footer, onSubmit, busy, size, testId, describedBy }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first control (the close button); a dialog may name a better start.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // Escape: React owns whether the dialog shows, so turn the native close into our onClose.
    const onCancel = (event: Event) => {
      event.preventDefault();
      if (!busyRef.current) closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onSubmit?.();
  };

  const body = (
    <>
      <header className="dialog-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <button
          type="button"
          className="dialog-close"
          aria-label="Close"
          title="Close (Esc)"
          onClick={onClose}
          disabled={busy}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M4 4l8 8M12 4l-8 8" />
          </svg>
        </button>
      </header>
      <div className="dialog-body">{children}</div>
      {footer && <footer className="dialog-footer">{footer}</footer>}
    </>
  );

  return (
    <dialog
      ref={ref}
      className={`dialog${size === 'wide' ? ' dialog-wide' : ''}`}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      data-testid={testId}
    >
      {onSubmit ? (
        <form className="dialog-form" onSubmit={submit} noValidate>
          {body}
        </form>
      ) : (
        body
      )}
    </dialog>
  );
}

/** The usual footer: Cancel, then the button that submits the dialog's form (so Enter does the same). */
export function DialogActions({
  submit,
  onCancel,
  busy,
  disabled = false,
  danger = false,
  focusCancel = false,
}: {
  submit: ReactNode;
  onCancel: () => void;
  busy: boolean;
  /** Submitting is not possible yet (nothing chosen, still loading). */
  disabled?: boolean;
  danger?: boolean;
  /** Destructive confirmations start on Cancel, so a stray Enter does not delete. */
  focusCancel?: boolean;
}) {
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={onCancel}
        disabled={busy}
        data-autofocus={focusCancel ? '' : undefined}
      >
        Cancel
      </button>
      <button
        type="submit"
        className={`button ${danger ? 'button-danger' : 'button-primary'}`}
        disabled={busy || disabled}
      >
        {submit}
      </button>
    </>
  );
}

/** A message inside a dialog when something went wrong: read out at once. */
export function DialogError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="dialog-error" role="alert">
      {message}
    </p>
  );
}
