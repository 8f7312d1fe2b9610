// Numbered migrations on PRAGMA user_version. Additive only: a released migration is never edited;
// change the schema by appending a new one.

const now = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

import { SEARCH_ROW, SEARCH_TRIGGERS } from './search-index';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE project_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE stakeholders (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  kind TEXT NOT NULL CHECK (kind IN ('ministry','regulator','legislature','company','academic','institute',
    'consortium','trade_body','media','person','other')),
  parent_id INTEGER REFERENCES stakeholders(id) ON DELETE SET NULL,
  role TEXT,
  country TEXT,
  sector TEXT,
  influence INTEGER CHECK (influence BETWEEN 1 AND 5),
  interest INTEGER CHECK (interest BETWEEN 1 AND 5),
  stance INTEGER CHECK (stance BETWEEN -2 AND 2),
  notes TEXT NOT NULL DEFAULT '',
  emails TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(emails) AND json_type(emails) = 'array'),
  phones TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(phones) AND json_type(phones) = 'array'),
  website TEXT,
  address TEXT,
  linkedin TEXT,
  created_at TEXT NOT NULL DEFAULT ${now},
  updated_at TEXT NOT NULL DEFAULT ${now},
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX stakeholders_parent ON stakeholders(parent_id);
CREATE INDEX stakeholders_name ON stakeholders(name COLLATE NOCASE);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  color TEXT NOT NULL DEFAULT '#64748b',
  created_at TEXT NOT NULL DEFAULT ${now},
  updated_at TEXT NOT NULL DEFAULT ${now}
);

CREATE TABLE stakeholder_tags (
  stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (stakeholder_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX stakeholder_tags_tag ON stakeholder_tags(tag_id);

CREATE TABLE relationships (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('funds','regulates','advises','lobbies','partners_with','competes_with',
    'member_of','reports_to','supports','opposes','informs','other')),
  mutual INTEGER NOT NULL DEFAULT 0 CHECK (mutual IN (0, 1)),
  strength INTEGER NOT NULL DEFAULT 3 CHECK (strength BETWEEN 1 AND 5),
  sentiment TEXT NOT NULL DEFAULT 'neutral' CHECK (sentiment IN ('positive','neutral','negative')),
  notes TEXT NOT NULL DEFAULT '',
  evidence_title TEXT,
  evidence_url TEXT,
  evidence_date TEXT,
  confidence TEXT CHECK (confidence IN ('low','medium','high')),
  valid_from TEXT,
  valid_to TEXT,
  created_at TEXT NOT NULL DEFAULT ${now},
  updated_at TEXT NOT NULL DEFAULT ${now},
  CHECK (source_id <> target_id),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);
CREATE INDEX relationships_source ON relationships(source_id);
CREATE INDEX relationships_target ON relationships(target_id);

CREATE TABLE views (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  sort_order INTEGER NOT NULL DEFAULT 0,
  layout TEXT NOT NULL DEFAULT 'fcose' CHECK (layout IN ('fcose','concentric','circle','grid','hierarchical','preset')),
  style TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(style)),
  filters TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(filters)),
  created_at TEXT NOT NULL DEFAULT ${now},
  updated_at TEXT NOT NULL DEFAULT ${now}
);

CREATE TABLE view_members (
  view_id INTEGER NOT NULL REFERENCES views(id) ON DELETE CASCADE,
  stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id) ON DELETE CASCADE,
  x REAL,
  y REAL,
  pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  PRIMARY KEY (view_id, stakeholder_id)
) WITHOUT ROWID;
CREATE INDEX view_members_stakeholder ON view_members(stakeholder_id);
`,
  },
  {
    version: 2,
    name: 'change log and full-text search',
    // The change log: one row per undoable step, one row per row change in it. Triggers that fill it
    // are generated from the live column lists (db/changes/triggers.ts), so they follow later migrations.
    // The search index is contentless (ids only): the text lives in the tables it is built from.
    // A bulk step (an import) logs its new rows set-based at its end instead of one trigger run each.
    sql: `
CREATE TABLE change_steps (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  bulk INTEGER NOT NULL DEFAULT 0 CHECK (bulk IN (0, 1)),
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','done','undone')),
  created_at TEXT NOT NULL DEFAULT ${now}
);
CREATE INDEX change_steps_state ON change_steps(state);

CREATE TABLE change_rows (
  id INTEGER PRIMARY KEY,
  step_id INTEGER NOT NULL REFERENCES change_steps(id) ON DELETE CASCADE,
  tbl TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  key TEXT NOT NULL,
  before TEXT,
  after TEXT,
  bulk INTEGER NOT NULL DEFAULT 0 CHECK (bulk IN (0, 1))
);
CREATE INDEX change_rows_step ON change_rows(step_id);

CREATE VIRTUAL TABLE stakeholder_search USING fts5(
  name, organisation, tags, notes, emails, other,
  content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);
${SEARCH_TRIGGERS}
INSERT INTO stakeholder_search (rowid, name, organisation, tags, notes, emails, other)
  SELECT ${SEARCH_ROW} FROM stakeholders s LEFT JOIN stakeholders p ON p.id = s.parent_id;
`,
  },
  {
    version: 3,
    name: 'import history',
    // What was imported, when, from which file (name + SHA-256) with which counts; step_id ties the
    // entry to its change-log step, so the history can say whether the import was undone. The
    // remembered column mappings are keyed by the header's signature. Both are records about the
    // project's data, not the data itself, so the change log does not track them.
    sql: `
CREATE TABLE import_history (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  kind TEXT NOT NULL CHECK (kind IN ('contacts','relationships')),
  format TEXT NOT NULL,
  encoding TEXT NOT NULL,
  rows_total INTEGER NOT NULL,
  created INTEGER NOT NULL,
  matched INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  organisations_created INTEGER NOT NULL,
  step_id INTEGER,
  imported_at TEXT NOT NULL DEFAULT ${now}
);

CREATE TABLE import_mappings (
  signature TEXT PRIMARY KEY,
  mapping TEXT NOT NULL CHECK (json_valid(mapping) AND json_type(mapping) = 'array'),
  updated_at TEXT NOT NULL DEFAULT ${now}
) WITHOUT ROWID;
`,
  },
  {
    version: 4,
    name: 'network metric runs',
    // Each computation of a view's network metrics is a run of its own (never overwritten): when, with
    // which filters, the whole-network figures, and one row of values per stakeholder. Derived data,
    // not the analyst's records, so the change log does not track it. No foreign keys to views or
    // stakeholders: undoing a view's deletion brings its runs back with it, and a run still reads
    // after a stakeholder in it was deleted (the values of ids no longer in the register are skipped).
    sql: `
CREATE TABLE metric_runs (
  id INTEGER PRIMARY KEY,
  view_id INTEGER NOT NULL,
  view_name TEXT NOT NULL,
  computed_at TEXT NOT NULL DEFAULT ${now},
  filters TEXT NOT NULL CHECK (json_valid(filters) AND json_type(filters) = 'object'),
  filter_summary TEXT NOT NULL,
  network TEXT NOT NULL CHECK (json_valid(network) AND json_type(network) = 'object'),
  duration_ms INTEGER NOT NULL
);
CREATE INDEX metric_runs_view ON metric_runs(view_id, id);

CREATE TABLE metric_values (
  run_id INTEGER NOT NULL REFERENCES metric_runs(id) ON DELETE CASCADE,
  stakeholder_id INTEGER NOT NULL,
  degree INTEGER NOT NULL,
  in_degree INTEGER NOT NULL,
  out_degree INTEGER NOT NULL,
  weighted_degree REAL NOT NULL,
  betweenness REAL NOT NULL,
  betweenness_weighted REAL NOT NULL,
  closeness REAL NOT NULL,
  closeness_weighted REAL NOT NULL,
  pagerank REAL NOT NULL,
  pagerank_weighted REAL NOT NULL,
  eigenvector REAL NOT NULL,
  community INTEGER NOT NULL,
  bridging INTEGER NOT NULL,
  PRIMARY KEY (run_id, stakeholder_id)
) WITHOUT ROWID;
`,
  },
  {
    version: 5,
    name: 'graph signature of a metric run',
    // A fingerprint of the graph a run analysed (db/domain/graph-signature.ts), so the app can tell that
    // the map changed since even when the counts did not. Null for runs computed before it existed.
    sql: `ALTER TABLE metric_runs ADD COLUMN graph_signature TEXT;`,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
