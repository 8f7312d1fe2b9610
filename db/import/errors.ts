// A file the import refuses as a whole (nothing is written). Rows it merely rejects are reported in
// the preview instead; see RejectedRow.
import { StakemapError } from '../api/result';

export type RefusalKind =
  | 'EMPTY'
  | 'HEADER_ONLY'
  | 'NOT_CSV'
  | 'UNTERMINATED_QUOTE'
  | 'FIELD_TOO_LARGE'
  | 'NO_MAPPING'
  | 'OPTION_NEEDED'
  | 'CHANGED'
  | 'CANCELLED';

export class ImportRefusal extends StakemapError {
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super('INVALID_INPUT', message);
    this.name = 'ImportRefusal';
  }
}

/** An error as a plain value that crosses a worker boundary: its code, its words, and the refusal's kind. */
export interface ErrorValue {
  code: string;
  message: string;
  kind: string | null;
}

export function errorValueOf(e: unknown): ErrorValue {
  return e instanceof StakemapError
    ? { code: e.code, message: e.message, kind: (e as { kind?: string }).kind ?? null }
    : { code: 'INTERNAL', message: (e as Error)?.message ?? String(e), kind: null };
}
