// The register's free-text search: asks the backend's FTS5 index (names, organisations, tags, notes,
// emails) ~150 ms after the analyst stops typing, and again whenever the register reloads after a
// write, so new and edited stakeholders are found. Answers to older queries are dropped.
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

const IDLE: SearchState = { ranked: null, hits: null, pending: false, error: null };

export function useRegisterSearch(query: string, stakeholders: readonly Stakeholder[] | null): SearchState {
  const [state, setState] = useState<SearchState>(IDLE);
  const latest = useRef(0);
  const text = query.trim();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a reload of the register re-runs the search on purpose.
  useEffect(() => {
    const request = ++latest.current;
    if (!text) {
      setState(IDLE);
      return;
    }
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(async () => {
      const r = await api.call('stakeholders.search', { query: text });
      if (request !== latest.current) return;
      if (r.ok) setState({ ranked: r.value.ids, hits: new Set(r.value.ids), pending: false, error: null });
      else setState((s) => ({ ...s, pending: false, error: r.error.message }));
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, stakeholders]);

  return state;
}
