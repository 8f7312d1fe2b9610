// The map's live Cytoscape instance, registered by GraphCanvas, so exports draw exactly what is on
// screen (same elements, style, zoom) without reaching into the canvas component.
import type { Core } from 'cytoscape';

let current: Core | null = null;
const listeners = new Set<(cy: Core | null) => void>();

/** GraphCanvas calls this with its instance when created, and with null when destroyed. */
export function setCurrentCy(cy: Core | null): void {
  current = cy;
  for (const listener of listeners) listener(cy);
}

/**
 * The live instance. Until GraphCanvas registers itself (`setCurrentCy(cy)` where it creates `cy`), fall
 * back to the instance Cytoscape records on its container (`_cyreg`, which Cytoscape itself uses to
 * replace an old instance on the same element); destroyed instances are never returned.
 */
export function getCurrentCy(): Core | null {
  if (current && !current.destroyed()) return current;
  if (typeof document === 'undefined') return null;
  const container = document.querySelector('[data-testid="graph"]') as (Element & { _cyreg?: { cy?: Core } }) | null;
  const found = container?._cyreg?.cy;
  return found && !found.destroyed() ? found : null;
}

/** Calls `listener` on every change; returns an unsubscribe function. */
export function onCurrentCy(listener: (cy: Core | null) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
