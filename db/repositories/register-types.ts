// Shapes the register's write methods answer with; shared by the contract and the renderer.
import type { Stakeholder } from '../domain/model';

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

/** Per field of `Stakeholder`: keep the kept record's value, take the other's, or both (lists, notes). */
export type MergeChoices = Partial<Record<keyof Stakeholder, 'keep' | 'other' | 'both'>>;

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
