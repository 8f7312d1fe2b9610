// Inline validation with the backend's own field rules (db/domain/fields.ts), so the analyst sees the
// same sentence before sending that the contract would answer with after.
import type { ZodType } from 'zod';
import type { ApiError } from '../../../db/api/result';
import { type StakeholderFields, stakeholderFields } from '../../../db/domain/fields';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

export function check<T>(schema: ZodType<T>, raw: unknown): Checked<T> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, message: r.error.issues[0]?.message ?? 'This value is not valid.' };
}

export type StakeholderField = keyof StakeholderFields;

export const checkStakeholderField = <K extends StakeholderField>(field: K, raw: unknown) =>
  check(stakeholderFields.shape[field] as unknown as ZodType<StakeholderFields[K]>, raw);

/** The message of a server error that belongs to `field` (issue path `patch.<field>…` or `fields.<field>…`). */
export function issueFor(error: ApiError, field: string): string | null {
  const hit = error.issues.find((i) => {
    const parts = i.path.split('.');
    return parts[1] === field || parts[0] === field;
  });
  return hit?.message ?? null;
}

/** Issues keyed by their field name, for forms that show several at once. */
export function issuesByField(error: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of error.issues) {
    const parts = i.path.split('.');
    const field = parts[0] === 'fields' || parts[0] === 'patch' ? parts[1] : parts[0];
    if (field && !out[field]) out[field] = i.message;
  }
  return out;
}

export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
