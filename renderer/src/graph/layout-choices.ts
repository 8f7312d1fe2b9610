// The layouts an analyst can choose, by name and in words: light enough for the toolbar to import without
// the layout code itself (d3-force, fcose, dagre), which runs in a worker (layouts.ts, layout.worker.ts).
import type { LayoutName } from '../../../db/domain/model';

/** A layout that places nodes ('preset' is the analyst's own positions and computes nothing). */
export type ComputedLayout = Exclude<LayoutName, 'preset'>;

export interface LayoutChoice {
  name: LayoutName;
  label: string;
  hint: string;
}

export const LAYOUT_CHOICES: LayoutChoice[] = [
  { name: 'fcose', label: 'Force-directed', hint: 'Connected stakeholders pulled together, clusters apart' },
  { name: 'concentric', label: 'Concentric by influence', hint: 'Most influential in the centre' },
  { name: 'hierarchical', label: 'Hierarchy', hint: '“Reports to” and “member of” as a tree, top down' },
  { name: 'circle', label: 'Circle', hint: 'One ring, grouped by kind' },
  { name: 'grid', label: 'Grid', hint: 'Rows and columns, grouped by kind' },
  { name: 'preset', label: 'Saved positions', hint: 'Where you placed them' },
];

export const layoutLabel = (name: LayoutName): string => LAYOUT_CHOICES.find((c) => c.name === name)?.label ?? name;
