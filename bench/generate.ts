// A synthetic project of N stakeholders for the benchmarks: deterministic (seeded), varied, and
// written through the repositories in one transaction.
import type { RelationshipType, StakeholderKind } from '../db/domain/model';
import { CONFIDENCES, RELATIONSHIP_TYPES, SENTIMENTS, STAKEHOLDER_KINDS } from '../db/domain/model';
import { setMeta } from '../db/repositories/project';
import { insertRelationships, type NewRelationship } from '../db/repositories/relationships';
import { insertStakeholders, type NewStakeholder } from '../db/repositories/stakeholders';
import { insertView } from '../db/repositories/views';
import { type Db, openProjectFile } from '../db/sqlite/open';

/** mulberry32: a tiny, fast, seedable PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  stakeholders: number;
  /** Relationships per stakeholder on average (default 3). */
  relationshipsPer?: number;
  seed?: number;
}

export interface Generated {
  stakeholders: number;
  relationships: number;
  viewId: number;
}

const FIRST = ['Amara', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam'];
const LAST = ['Okafor', 'Patel', 'Schmidt', 'Nakamura', 'García', 'Nowak', 'Haddad', 'O’Brien', 'Lindqvist', 'Mensah'];
const TOPICS = [
  'Digital',
  'Energy',
  'Health',
  'Trade',
  'Science',
  'Security',
  'Climate',
  'Finance',
  'Transport',
  'Data',
];
const ORG_FORMS: Record<Exclude<StakeholderKind, 'person'>, readonly string[]> = {
  ministry: ['Ministry of {t}', 'Department for {t}'],
  regulator: ['{t} Authority', 'Office for {t} Regulation'],
  legislature: ['{t} Select Committee', 'Parliamentary Group on {t}'],
  company: ['{t} Labs', '{t}Corp', '{t} Systems Ltd'],
  academic: ['Centre for {t} Studies'],
  institute: ['Institute of {t}', 'University of {c} {t} Lab'],
  consortium: ['{t} Consortium', '{t} Alliance'],
  trade_body: ['{t} Forum', '{t} Industry Association'],
  media: ['{t} Weekly', 'The {t} Review'],
  other: ['{t} Working Group'],
};
const COUNTRIES = ['UK', 'US', 'DE', 'FR', 'JP', 'IN', 'BR', 'NG', 'KE', 'CA', 'AU', 'International', null];
const SECTORS = ['Government', 'Industry', 'Academia', 'Civil society', 'Media', null];
const TAGS = ['ai', 'export-controls', 'funding', 'compute', 'safety', 'skills', 'allies', 'eu', 'standards', 'press'];
const ROLES = ['Director', 'Chief Scientist', 'Policy Lead', 'Minister', 'Head of Public Affairs', 'Professor'];

/** Fills an open, empty project with a synthetic network, in one transaction. */
export function fillProject(db: Db, options: GenerateOptions): Generated {
  const n = Math.max(0, Math.floor(options.stakeholders));
  const per = options.relationshipsPer ?? 3;
  const random = mulberry32(options.seed ?? 42);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const maybe = <T>(p: number, value: () => T): T | null => (random() < p ? value() : null);

  return db.transaction((): Generated => {
    setMeta(db, 'name', `Synthetic network (${n} stakeholders)`);
    setMeta(db, 'created_at', new Date().toISOString());

    // Organisations first (about 70 %), then people, some of whom belong to an organisation.
    const orgCount = n === 0 ? 0 : Math.max(1, Math.round(n * 0.7));
    const orgKinds = STAKEHOLDER_KINDS.filter((k): k is Exclude<StakeholderKind, 'person'> => k !== 'person');
    const common = (): Omit<NewStakeholder, 'name' | 'kind' | 'parentId' | 'role'> => ({
      country: pick(COUNTRIES),
      sector: pick(SECTORS),
      influence: maybe(0.9, () => int(1, 5)),
      interest: maybe(0.9, () => int(1, 5)),
      stance: maybe(0.85, () => int(-2, 2)),
      tags: [...new Set(Array.from({ length: int(0, 3) }, () => pick(TAGS)))],
      notes: random() < 0.5 ? '' : `Synthetic note ${int(1, 99999)} on ${pick(TOPICS).toLowerCase()} policy.`,
      emails: [],
      phones: [],
      website: null,
      address: null,
      linkedin: null,
    });
    const orgs: NewStakeholder[] = Array.from({ length: orgCount }, (_, i) => {
      const kind = pick(orgKinds);
      const name = pick(ORG_FORMS[kind])
        .replace('{t}', pick(TOPICS))
        .replace('{c}', pick(['Leeds', 'Lagos', 'Kyoto', 'Toronto', 'Bonn']));
      return {
        ...common(),
        name: `${name} ${i + 1}`,
        kind,
        parentId: null,
        role: null,
        website: maybe(0.5, () => `https://example.org/org-${i + 1}`),
      };
    });
    const orgIds = insertStakeholders(db, orgs);
    const people: NewStakeholder[] = Array.from({ length: n - orgCount }, (_, i) => {
      const first = pick(FIRST);
      const last = pick(LAST);
      return {
        ...common(),
        name: `${random() < 0.3 ? 'Dr. ' : ''}${first} ${last} ${i + 1}`,
        kind: 'person',
        parentId: maybe(0.7, () => pick(orgIds)),
        role: maybe(0.8, () => pick(ROLES)),
        emails: [`${first}.${i + 1}@example.org`.toLowerCase()],
        phones: maybe(0.3, () => [`+44 20 7946 ${String(int(0, 9999)).padStart(4, '0')}`]) ?? [],
      };
    });
    const ids = [...orgIds, ...insertStakeholders(db, people)];

    // Random distinct ordered pairs, never a self-loop; capped at what n nodes can hold.
    const target = Math.min(Math.round(n * per), n * (n - 1));
    const seen = new Set<number>();
    const relationships: NewRelationship[] = [];
    while (relationships.length < target) {
      const a = int(0, n - 1);
      const b = int(0, n - 1);
      if (a === b || seen.has(a * n + b)) continue;
      seen.add(a * n + b);
      const type: RelationshipType = pick(RELATIONSHIP_TYPES);
      relationships.push({
        sourceId: ids[a] as number,
        targetId: ids[b] as number,
        type,
        mutual: type === 'partners_with' || type === 'competes_with',
        strength: int(1, 5),
        sentiment: pick(SENTIMENTS),
        notes: '',
        evidenceTitle: maybe(0.3, () => `Synthetic source ${int(1, 9999)}`),
        evidenceUrl: null,
        evidenceDate: maybe(0.3, () => `2026-${String(int(1, 12)).padStart(2, '0')}-15`),
        confidence: maybe(0.8, () => pick(CONFIDENCES)),
        validFrom: null,
        validTo: null,
      });
    }
    insertRelationships(db, relationships);

    // One view holding everyone, at random positions on a canvas that grows with n.
    const side = Math.max(1000, Math.sqrt(n) * 120);
    const viewId = insertView(db, {
      name: 'All stakeholders',
      layout: 'preset',
      members: ids.map((stakeholderId) => ({
        stakeholderId,
        x: Math.round(random() * side),
        y: Math.round(random() * side),
      })),
    });
    return { stakeholders: ids.length, relationships: relationships.length, viewId };
  })();
}

/** Creates a new project file at `path` holding a synthetic network, and closes it. */
export async function generateProject(path: string, options: GenerateOptions): Promise<Generated> {
  const { db } = await openProjectFile(path, { create: true });
  try {
    return fillProject(db, options);
  } finally {
    db.close();
  }
}
