// Errors are values across every boundary (IPC, HTTP, CLI): never a thrown stack trace.

export type ErrorCode =
  | 'UNKNOWN_METHOD'
  | 'INVALID_INPUT'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'NO_PROJECT'
  | 'FILE_NOT_FOUND'
  | 'FILE_EMPTY'
  | 'FILE_NOT_SQLITE'
  | 'FILE_NOT_STAKEMAP'
  | 'FILE_CORRUPT'
  | 'FILE_TOO_NEW'
  | 'FILE_UNREADABLE'
  /** A file could not be written (read-only folder, full disk); nothing partial was left behind. */
  | 'FILE_UNWRITABLE'
  | 'CONFLICT'
  /** The renderer could not reach its host, or could not read the answer. */
  | 'HOST_UNREACHABLE'
  | 'INTERNAL';

export interface ApiIssue {
  /** Dotted path of the offending input field, '' for the whole input. */
  path: string;
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  /** One or two sentences a user understands. */
  message: string;
  issues: ApiIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, issues: ApiIssue[] = []): { ok: false; error: ApiError } => ({
  ok: false,
  error: { code, message, issues },
});

/** An error a handler throws on purpose; dispatch turns it into a `Result`. */
export class StakemapError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'StakemapError';
  }
}

/** Throws the error every handler gives for a record that is not (or no longer) there. */
export const notFound = (what: string, id: number): never => {
  throw new StakemapError('NOT_FOUND', `No ${what} with id ${id} exists in this project. It may have been deleted.`);
};
