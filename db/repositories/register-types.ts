// Shapes the register's write methods answer with; shared by the contract and the renderer.
import type { z } from 'zod';
import type { mergeChoices } from '../domain/fields';

/** A saved record and anything the analyst should know about it (e.g. a duplicate name). */
export interface Saved<T> {
  record: T;
  warnings: string[];
}

export interface DeleteImpact {
  stakeholders: { id: number; name: string }[];
  /** Relationships that go with them. */
  relationships: number;
  /** Stakeholders whose parent organisation is among them (they stay, without a parent). */
  members: number;
}

/** Per merge field: keep the kept record's value, take the other's, or both (notes). */
export type MergeChoices = z.output<typeof mergeChoices>;

export interface SearchResult {
  /** Matching stakeholder ids, best match first. */
  ids: number[];
}

export interface ProjectFile {
  path: string;
  name: string;
  modified: string;
  size: number;
  current: boolean;
}

export interface ProjectFiles {
  dataDir: string;
  files: ProjectFile[];
  recent: ProjectFile[];
}
