// The register's free-text search: asks the backend's FTS5 index (names, organisations, tags, notes,
// emails) ~150 ms after the analyst stops typing, and again at once whenever the register reloads after
// a write, so new and edited stakeholders are found. An answer is kept only while the box still holds
// the text it was asked for, so a slow answer to an older query never replaces a newer one.
import { useEffect, useRef, useState } from 'react';
import type { Stakeholder } from '../../../db/domain/model';
import { api } from '../api/client';

export const SEARCH_DEBOUNCE_MS = 150;

export interface SearchState {
  /** Matching ids, best first; null when the search box is empty. */
  ranked: number[] | null;
  hits: ReadonlySet<number> | null;
  /** True between a keystroke and its answer. */
  pending: boolean;
  error: string | null;
}

interface Answer {
  text: string;
  ids: number[] | null;
  hits: ReadonlySet<number> | null;
  error: string | null;
}

export function useRegisterSearch(query: string, stakeholders: readonly Stakeholder[] | null): SearchState {
  const text = query.trim();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const current = useRef(text);
  current.current = text;

  const ask = useRef(async (asked: string) => {
    const r = await api.call('stakeholders.search', { query: asked });
    if (current.current !== asked) return;
    setAnswer(
      r.ok
        ? { text: asked, ids: r.value.ids, hits: new Set(r.value.ids), error: null }
        : { text: asked, ids: null, hits: null, error: r.error.message },
    );
  });

  // Typing: wait for a pause.
  useEffect(() => {
    if (!text) return;
    const timer = setTimeout(() => void ask.current(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  // A reload (after any write): search again at once for what the box holds.
  const loaded = useRef(stakeholders);
  useEffect(() => {
    if (loaded.current === stakeholders) return;
    loaded.current = stakeholders;
    if (current.current) void ask.current(current.current);
  }, [stakeholders]);

  if (!text) return { ranked: null, hits: null, pending: false, error: null };
  // Until the first answer for this text arrives, keep showing the last one (no flicker while typing).
  const pending = answer?.text !== text;
  return {
    ranked: answer?.ids ?? null,
    hits: answer?.hits ?? null,
    pending,
    error: pending ? null : (answer?.error ?? null),
  };
}
