// Relationships CSV: each row names its two ends (by id, email or name) and the relationship's
// fields. An end that matches nothing, or more than one stakeholder, rejects the row with the reason;
// nothing is created or dropped silently.

import { type RelationshipColumn, relationshipColumn } from '../domain/import-formats';
import {
  CONFIDENCES,
  type Confidence,
  RELATIONSHIP_LABELS,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  SENTIMENTS,
  type Sentiment,
} from '../domain/model';
import type { Db } from '../sqlite/open';
import { badCharacters } from './contact';
import { emailKey, fold } from './normalise';
import type { ScanHeader, Sink } from './scan';

export interface RelationshipRow {
  line: number;
  action: 'new' | 'matched' | 'duplicate';
  sourceId: number;
  targetId: number;
  sourceName: string;
  targetName: string;
  type: RelationshipType;
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
}

const TYPE_BY_WORD = new Map<string, RelationshipType>();
for (const t of RELATIONSHIP_TYPES) {
  TYPE_BY_WORD.set(t, t);
  TYPE_BY_WORD.set(t.replace(/_/g, ' '), t);
  for (const part of RELATIONSHIP_LABELS[t].split('/')) TYPE_BY_WORD.set(part.trim(), t);
}
TYPE_BY_WORD.set('employs', 'member_of');

interface Ends {
  byId: Map<number, string>;
  byEmail: Map<string, number[]>;
  byName: Map<string, number[]>;
}

function loadEnds(db: Db): Ends {
  const ends: Ends = { byId: new Map(), byEmail: new Map(), byName: new Map() };
  const add = (map: Map<string, number[]>, key: string, id: number): void => {
    const list = map.get(key);
    if (!list) map.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  };
  for (const r of db.prepare('SELECT id, name, emails FROM stakeholders').all() as {
    id: number;
    name: string;
    emails: string;
  }[]) {
    ends.byId.set(r.id, r.name);
    add(ends.byName, fold(r.name), r.id);
    for (const e of JSON.parse(r.emails) as string[]) add(ends.byEmail, emailKey(e), r.id);
  }
  return ends;
}

export class RelationshipCollector implements Sink {
  private columns: Array<RelationshipColumn | null> = [];
  private readonly ends: Ends;
  private readonly existing: Set<string>;
  private readonly seen = new Set<string>();
  readonly rows: RelationshipRow[] = [];
  readonly rejected: Array<{ line: number; reason: string }> = [];
  created = 0;
  matched = 0;
  duplicates = 0;

  constructor(db: Db) {
    this.ends = loadEnds(db);
    this.existing = new Set(
      (
        db.prepare('SELECT source_id, target_id, type FROM relationships').all() as {
          source_id: number;
          target_id: number;
          type: string;
        }[]
      ).map((r) => `${r.source_id}>${r.target_id}:${r.type}`),
    );
  }

  begin(header: ScanHeader): void {
    this.columns = header.headers.map(relationshipColumn);
  }

  row(): void {}

  private end(value: string, which: string): { id: number } | { error: string } {
    const v = value.trim();
    if (v === '') return { error: `the ${which} is empty. Fill in a stakeholder's name, email or id` };
    const idMatch = /^#?(\d+)$/.exec(v);
    if (idMatch) {
      const id = Number(idMatch[1]);
      if (this.ends.byId.has(id)) return { id };
    }
    const hits = (v.includes('@') ? this.ends.byEmail.get(emailKey(v)) : undefined) ?? this.ends.byName.get(fold(v));
    if (!hits || hits.length === 0) {
      return {
        error: `the ${which} “${v}” matches no stakeholder in this project. Import or add that stakeholder first, or correct the name`,
      };
    }
    if (hits.length > 1) {
      return {
        error: `the ${which} “${v}” matches ${hits.length} stakeholders (ids ${hits.join(', ')}). Use the id (for example #${hits[0]}) or the email instead`,
      };
    }
    return { id: hits[0] as number };
  }

  record(fields: string[], line: number): void {
    const reason = this.evaluate(fields, line);
    if (reason) this.rejected.push({ line, reason });
  }

  /** Adds the row, or returns why it cannot be imported. */
  private evaluate(fields: string[], line: number): string | null {
    const bad = badCharacters(fields);
    if (bad) return bad;
    const get = (col: RelationshipColumn): string => {
      const i = this.columns.indexOf(col);
      return i === -1 ? '' : (fields[i] ?? '').normalize('NFC').trim();
    };
    const source = this.end(get('source'), 'source');
    if ('error' in source) return source.error;
    const target = this.end(get('target'), 'target');
    if ('error' in target) return target.error;
    if (source.id === target.id) return 'the source and the target are the same stakeholder';
    const typeText = get('type').toLowerCase();
    const type = TYPE_BY_WORD.get(typeText);
    if (!type) {
      return `the type “${get('type')}” is not one Stakemap knows. Use one of: ${RELATIONSHIP_TYPES.map((t) => RELATIONSHIP_LABELS[t]).join(', ')}`;
    }
    const strengthText = get('strength');
    const strength = strengthText === '' ? 3 : Number(strengthText);
    if (!Number.isInteger(strength) || strength < 1 || strength > 5) {
      return `the strength “${strengthText}” is not a whole number from 1 to 5`;
    }
    const sentimentText = get('sentiment').toLowerCase() || 'neutral';
    if (!(SENTIMENTS as readonly string[]).includes(sentimentText)) {
      return `the sentiment “${get('sentiment')}” is not positive, neutral or negative`;
    }
    const confidenceText = get('confidence').toLowerCase();
    if (confidenceText !== '' && !(CONFIDENCES as readonly string[]).includes(confidenceText)) {
      return `the confidence “${get('confidence')}” is not low, medium or high`;
    }
    const mutualText = get('mutual').toLowerCase();
    const mutual = ['1', 'true', 'yes', 'y', 'mutual'].includes(mutualText);
    const validFrom = get('validFrom') || null;
    const validTo = get('validTo') || null;
    if (validFrom && validTo && validFrom > validTo) {
      return `valid from (${validFrom}) is after valid to (${validTo})`;
    }
    const key = `${source.id}>${target.id}:${type}`;
    const action = this.seen.has(key) ? 'duplicate' : this.existing.has(key) ? 'matched' : 'new';
    this.seen.add(key);
    if (action === 'new') this.created++;
    else if (action === 'matched') this.matched++;
    else this.duplicates++;
    this.rows.push({
      line,
      action,
      sourceId: source.id,
      targetId: target.id,
      sourceName: this.ends.byId.get(source.id) as string,
      targetName: this.ends.byId.get(target.id) as string,
      type,
      mutual,
      strength,
      sentiment: sentimentText as Sentiment,
      notes: get('notes'),
      evidenceTitle: get('evidenceTitle') || null,
      evidenceUrl: get('evidenceUrl') || null,
      evidenceDate: get('evidenceDate') || null,
      confidence: (confidenceText || null) as Confidence | null,
      validFrom,
      validTo,
    });
    return null;
  }
}

/** Inserts the new relationships (matched and duplicate rows change nothing). */
export function writeRelationships(db: Db, rows: readonly RelationshipRow[]): number {
  const insert = db.prepare(`
    INSERT INTO relationships (source_id, target_id, type, mutual, strength, sentiment, notes, evidence_title,
      evidence_url, evidence_date, confidence, valid_from, valid_to)
    VALUES (@sourceId, @targetId, @type, @mutual, @strength, @sentiment, @notes, @evidenceTitle, @evidenceUrl,
      @evidenceDate, @confidence, @validFrom, @validTo)`);
  let n = 0;
  for (const r of rows) {
    if (r.action !== 'new') continue;
    const { line: _line, action: _action, sourceName: _s, targetName: _t, ...values } = r;
    insert.run({ ...values, mutual: r.mutual ? 1 : 0 });
    n++;
  }
  return n;
}
