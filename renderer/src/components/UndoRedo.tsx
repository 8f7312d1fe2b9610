// Undo and redo for every edit, from the backend's change log (one step per edit, whatever made it):
// header buttons named after the step, Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z (or Ctrl+Y) anywhere except
// inside a text field, where the browser's own text undo applies.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChangeState } from '../../../db/changes/log';
import { api } from '../api/client';
import './editing.css';

interface UndoRedoProps {
  /** The change log's state as of the last load (useProjectData reads it with every load). */
  changes: ChangeState | null;
  /** Reloads the project's data after an undo or redo. */
  reload: () => void;
}

const isTextField = (el: Element | null): boolean => {
  if (!el) return false;
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(el.type);
  }
  return el instanceof HTMLElement && el.isContentEditable;
};

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

export function UndoRedo({ changes, reload }: UndoRedoProps) {
  // The answer of our own undo/redo shows at once; the next load's state replaces it.
  const [answered, setState] = useState<ChangeState | null>(null);
  const [message, setMessage] = useState('');
  const busy = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new load (new object) supersedes our own answer.
  useEffect(() => {
    setState(null);
  }, [changes]);
  const state = answered ?? changes;

  const run = useCallback(
    async (which: 'undo' | 'redo') => {
      if (busy.current) return;
      const label = which === 'undo' ? state?.undoLabel : state?.redoLabel;
      if (!label) {
        setMessage(which === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
        return;
      }
      busy.current = true;
      const r = await api.call(which === 'undo' ? 'changes.undo' : 'changes.redo', {});
      busy.current = false;
      if (r.ok) {
        setState(r.value);
        setMessage(`${which === 'undo' ? 'Undone' : 'Redone'}: ${label}`);
      } else setMessage(r.error.message);
      reload();
    },
    [state, reload],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const redo = (key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey && !isMac);
      const undo = key === 'z' && !event.shiftKey;
      if (!undo && !redo) return;
      if (isTextField(document.activeElement)) return;
      // An open dialog owns the keyboard; its edit is not yet made.
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      void run(redo ? 'redo' : 'undo');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  const undoTitle = state?.undoLabel ? `Undo ${state.undoLabel}` : 'Undo (nothing to undo)';
  const redoTitle = state?.redoLabel ? `Redo ${state.redoLabel}` : 'Redo (nothing to redo)';
  return (
    <div className="undo-redo" data-testid="undo-redo">
      <button
        type="button"
        className="header-button"
        disabled={!state?.canUndo}
        aria-keyshortcuts={isMac ? 'Meta+Z' : 'Control+Z'}
        title={`${undoTitle} (${MOD}Z)`}
        aria-label={undoTitle}
        onClick={() => void run('undo')}
        data-testid="undo-button"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M5.5 3.5L2.5 6.5l3 3M2.5 6.5H10a3.5 3.5 0 0 1 0 7H7" />
        </svg>
        <span className="header-button-label">{state?.undoLabel ? undoTitle : 'Undo'}</span>
      </button>
      <button
        type="button"
        className="header-button"
        disabled={!state?.canRedo}
        aria-keyshortcuts={isMac ? 'Meta+Shift+Z' : 'Control+Shift+Z Control+Y'}
        title={`${redoTitle} (${isMac ? '⇧⌘Z' : 'Ctrl+Shift+Z'})`}
        aria-label={redoTitle}
        onClick={() => void run('redo')}
        data-testid="redo-button"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M10.5 3.5l3 3-3 3M13.5 6.5H6a3.5 3.5 0 0 0 0 7h3" />
        </svg>
        <span className="header-button-label">{state?.redoLabel ? redoTitle : 'Redo'}</span>
      </button>
      <span className="visually-hidden" role="status" data-testid="undo-status">
        {message}
      </span>
    </div>
  );
}
