// The project's tags with their colours and use counts, for chips, the tag filter and the tags manager.
// Reloaded whenever the register reloads (every write reloads it), so counts and colours stay current.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Stakeholder, Tag } from '../../../db/domain/model';
import { api } from '../api/client';

export type TagWithCount = Tag & { count: number };

export interface TagsState {
  tags: TagWithCount[];
  colors: ReadonlyMap<string, string>;
  error: string | null;
  /** True once the list has been read at least once. */
  loaded: boolean;
  reload: () => Promise<void>;
}

export function useTags(stakeholders: readonly Stakeholder[] | null): TagsState {
  const [tags, setTags] = useState<TagWithCount[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    const r = await api.call('tags.list', {});
    if (request !== latest.current) return;
    if (r.ok) {
      setTags(r.value);
      setLoaded(true);
      setError(null);
    } else setError(r.error.message);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the register does.
  useEffect(() => {
    void reload();
  }, [reload, stakeholders]);

  const colors = useMemo<ReadonlyMap<string, string>>(() => new Map(tags.map((t) => [t.name, t.color])), [tags]);

  return { tags, colors, error, loaded, reload };
}
