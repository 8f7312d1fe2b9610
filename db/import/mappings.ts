// Column mappings remembered per header signature, so a CRM's export maps itself the second time.

import { headerSignature, type Mapping, TARGET_FIELDS, type TargetField } from '../domain/import-formats';
import type { Db } from '../sqlite/open';

const hasTable = (db: Db): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'import_mappings'").get() !== undefined;

export function rememberedMapping(db: Db, headers: readonly string[]): Mapping | null {
  if (!hasTable(db)) return null;
  const json = db
    .prepare('SELECT mapping FROM import_mappings WHERE signature = ?')
    .pluck()
    .get(headerSignature(headers)) as string | undefined;
  if (!json) return null;
  const mapping = JSON.parse(json) as unknown[];
  const valid =
    mapping.length === headers.length &&
    mapping.every((m) => m === null || (TARGET_FIELDS as readonly string[]).includes(m as string));
  return valid ? (mapping as Array<TargetField | null>) : null;
}

export function rememberMapping(db: Db, headers: readonly string[], mapping: Mapping): void {
  db.prepare(
    `INSERT INTO import_mappings (signature, mapping) VALUES (?, ?)
     ON CONFLICT(signature) DO UPDATE SET mapping = excluded.mapping, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
  ).run(headerSignature(headers), JSON.stringify(mapping));
}
