// The full record of the selected stakeholder, fetched with `stakeholders.get` whenever the selection
// (or the project) changes.
import { useEffect, useState } from 'react';
import type { Stakeholder } from '../../../db/domain/model';
import { api } from '../api/client';
import type { ShownError } from './errors';

export function useStakeholder(
  id: number | null,
  generation: number,
  onError: (error: ShownError) => void,
): { stakeholder: Stakeholder | null; loading: boolean } {
  const [state, setState] = useState<{ stakeholder: Stakeholder | null; loading: boolean }>({
    stakeholder: null,
    loading: false,
  });

  useEffect(() => {
    if (id === null || generation === 0) {
      setState({ stakeholder: null, loading: false });
      return;
    }
    let current = true;
    setState((s) => ({ stakeholder: s.stakeholder?.id === id ? s.stakeholder : null, loading: true }));
    void api.call('stakeholders.get', { id }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setState({ stakeholder: result.value, loading: false });
      } else {
        setState({ stakeholder: null, loading: false });
        onError({ title: 'Could not load this stakeholder’s details.', message: result.error.message });
      }
    });
    return () => {
      current = false;
    };
  }, [id, generation, onError]);

  return state;
}
