// Errors made on the renderer's side of the wire (host unreachable, unreadable answer), shaped like the
// backend's own so the UI handles every failure one way.
import type { ApiError, ErrorCode, Result } from '../../../db/api/result';

export type Failure = { ok: false; error: ApiError };

export const failure = (message: string, code: ErrorCode = 'INTERNAL'): Failure => ({
  ok: false,
  error: { code, message, issues: [] },
});

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** True when `value` has the shape of a `Result` (a success with `value`, or a failure with a worded error). */
export const isResult = (value: unknown): value is Result<unknown> => {
  if (!isObject(value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !isObject(value.error)) return false;
  return typeof value.error.message === 'string' && typeof value.error.code === 'string';
};

/** Fills in what a loosely-shaped error may lack, so the UI can always show `error.message`. */
export const normaliseResult = (value: Result<unknown>): Result<unknown> => {
  if (value.ok) return value;
  const issues = Array.isArray(value.error.issues) ? value.error.issues : [];
  return { ok: false, error: { ...value.error, issues } };
};
