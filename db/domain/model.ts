// The domain vocabulary: one place for the kinds, types and ranges that the schema,
// the contract, the renderer's styling and the CLI all share. Pure: no I/O here.

/** A project is one SQLite file with this extension. */
export const PROJECT_EXTENSION = '.stakemap';

/** The map a new project starts with. */
export const DEFAULT_VIEW_NAME = 'Influence map';

export const STAKEHOLDER_KINDS = [
  'ministry',
  'regulator',
  'legislature',
  'company',
  'academic',
  'institute',
  'consortium',
  'trade_body',
  'media',
  'person',
  'other',
] as const;
export type StakeholderKind = (typeof STAKEHOLDER_KINDS)[number];

/** Words an analyst reads; the stored values stay short and stable. */
export const KIND_LABELS: Record<StakeholderKind, string> = {
  ministry: 'Ministry / department',
  regulator: 'Regulator',
  legislature: 'Legislature',
  company: 'Lab / company',
  academic: 'Academic',
  institute: 'University / research institute',
  consortium: 'Consortium',
  trade_body: 'Trade body / NGO / think tank',
  media: 'Media',
  person: 'Person',
  other: 'Other',
};

export const RELATIONSHIP_TYPES = [
  'funds',
  'regulates',
  'advises',
  'lobbies',
  'partners_with',
  'competes_with',
  'member_of',
  'reports_to',
  'supports',
  'opposes',
  'informs',
  'other',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export const RELATIONSHIP_LABELS: Record<RelationshipType, string> = {
  funds: 'funds',
  regulates: 'regulates',
  advises: 'advises',
  lobbies: 'lobbies',
  partners_with: 'partners with',
  competes_with: 'competes with',
  member_of: 'member of / employs',
  reports_to: 'reports to',
  supports: 'supports',
  opposes: 'opposes',
  informs: 'informs',
  other: 'other',
};

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

export const LAYOUTS = ['fcose', 'concentric', 'circle', 'grid', 'hierarchical', 'preset'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export interface Stakeholder {
  id: number;
  name: string;
  kind: StakeholderKind;
  parentId: number | null;
  role: string | null;
  country: string | null;
  sector: string | null;
  /** Power, 1–5. */
  influence: number | null;
  /** Interest, 1–5. */
  interest: number | null;
  /** −2 opposed … +2 supportive. */
  stance: number | null;
  tags: string[];
  notes: string;
  emails: string[];
  phones: string[];
  website: string | null;
  address: string | null;
  linkedin: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A stakeholder with nothing filled in but its name and kind: what seeds, generators and tests start from. */
export function blankStakeholder(
  name: string,
  kind: StakeholderKind = 'person',
): Omit<Stakeholder, 'id' | 'createdAt' | 'updatedAt'> {
  return {
    name,
    kind,
    parentId: null,
    role: null,
    country: null,
    sector: null,
    influence: null,
    interest: null,
    stance: null,
    tags: [],
    notes: '',
    emails: [],
    phones: [],
    website: null,
    address: null,
    linkedin: null,
  };
}

export interface Relationship {
  id: number;
  sourceId: number;
  targetId: number;
  type: RelationshipType;
  /** false: directed source → target; true: both ways. */
  mutual: boolean;
  strength: number;
  sentiment: Sentiment;
  notes: string;
  evidenceTitle: string | null;
  evidenceUrl: string | null;
  evidenceDate: string | null;
  confidence: Confidence | null;
  validFrom: string | null;
  validTo: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Tag {
  id: number;
  name: string;
  color: string;
}

export interface View {
  id: number;
  name: string;
  layout: LayoutName;
  style: Record<string, unknown>;
  filters: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** A lean node for drawing; the full record comes from `stakeholders.get`. */
export interface GraphNode {
  id: number;
  name: string;
  kind: StakeholderKind;
  influence: number | null;
  stance: number | null;
  x: number | null;
  y: number | null;
  pinned: boolean;
}

export interface GraphEdge {
  id: number;
  source: number;
  target: number;
  type: RelationshipType;
  mutual: boolean;
  strength: number;
  sentiment: Sentiment;
  confidence: Confidence | null;
}

export interface ViewGraph {
  view: View;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface ProjectInfo {
  name: string;
  path: string;
  fileName: string;
  schemaVersion: number;
  createdAt: string;
  counts: { stakeholders: number; relationships: number; views: number; tags: number };
}
