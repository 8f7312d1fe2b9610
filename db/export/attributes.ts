// The attributes every graph export (GraphML, GEXF) carries, in one table so the formats cannot drift.
import { KIND_LABELS, RELATIONSHIP_LABELS, type Relationship, type Stakeholder } from '../domain/model';

export type AttrType = 'string' | 'int' | 'double' | 'boolean';

export interface Attr<T> {
  /** Key/attribute id and title: a stable snake_case name. */
  name: string;
  type: AttrType;
  value: (item: T, names: Map<number, string>) => string | number | boolean | null;
}

const joined = (values: readonly string[]): string | null => (values.length ? values.join('; ') : null);

export const NODE_ATTRS: Attr<Stakeholder>[] = [
  { name: 'kind', type: 'string', value: (s) => s.kind },
  { name: 'kind_label', type: 'string', value: (s) => KIND_LABELS[s.kind] ?? s.kind },
  { name: 'parent_id', type: 'int', value: (s) => s.parentId },
  { name: 'parent', type: 'string', value: (s, n) => (s.parentId === null ? null : (n.get(s.parentId) ?? null)) },
  { name: 'role', type: 'string', value: (s) => s.role },
  { name: 'country', type: 'string', value: (s) => s.country },
  { name: 'sector', type: 'string', value: (s) => s.sector },
  { name: 'influence', type: 'int', value: (s) => s.influence },
  { name: 'interest', type: 'int', value: (s) => s.interest },
  { name: 'stance', type: 'int', value: (s) => s.stance },
  { name: 'tags', type: 'string', value: (s) => joined(s.tags) },
  { name: 'emails', type: 'string', value: (s) => joined(s.emails) },
  { name: 'phones', type: 'string', value: (s) => joined(s.phones) },
  { name: 'website', type: 'string', value: (s) => s.website },
  { name: 'address', type: 'string', value: (s) => s.address },
  { name: 'linkedin', type: 'string', value: (s) => s.linkedin },
  { name: 'notes', type: 'string', value: (s) => s.notes || null },
  { name: 'created_at', type: 'string', value: (s) => s.createdAt },
  { name: 'updated_at', type: 'string', value: (s) => s.updatedAt },
];

export const EDGE_ATTRS: Attr<Relationship>[] = [
  { name: 'type', type: 'string', value: (r) => r.type },
  { name: 'type_label', type: 'string', value: (r) => RELATIONSHIP_LABELS[r.type] ?? r.type },
  { name: 'mutual', type: 'boolean', value: (r) => r.mutual },
  { name: 'strength', type: 'int', value: (r) => r.strength },
  { name: 'sentiment', type: 'string', value: (r) => r.sentiment },
  { name: 'confidence', type: 'string', value: (r) => r.confidence },
  { name: 'evidence_title', type: 'string', value: (r) => r.evidenceTitle },
  { name: 'evidence_url', type: 'string', value: (r) => r.evidenceUrl },
  { name: 'evidence_date', type: 'string', value: (r) => r.evidenceDate },
  { name: 'valid_from', type: 'string', value: (r) => r.validFrom },
  { name: 'valid_to', type: 'string', value: (r) => r.validTo },
  { name: 'notes', type: 'string', value: (r) => r.notes || null },
  { name: 'created_at', type: 'string', value: (r) => r.createdAt },
  { name: 'updated_at', type: 'string', value: (r) => r.updatedAt },
];

export const valueText = (v: string | number | boolean): string => (typeof v === 'boolean' ? String(v) : String(v));
