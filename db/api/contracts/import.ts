// Contact and relationship CSV import. Files arrive as bytes (raw chunks, `Uint8Array`) with their
// name, never as a path, so the renderer can import what the analyst chose without naming files on
// disk. Raw bytes, not base64 text: IPC's structured clone carries them as they are, the browser host
// takes them as an `application/octet-stream` body, and the backend is left no large strings that
// linger until V8's next collection (base64 chunks held ~60 MB of a 1M-row import's peak).
// Reading and writing run as jobs: start one, poll `import.progress`, `import.cancel` at will.
import { z } from 'zod';
import { TARGET_FIELDS } from '../../domain/import-formats';
import type { ImportHistoryEntry } from '../../import/apply';
import { ENCODINGS } from '../../import/decode';
import type { JobStatus } from '../../import/jobs';
import { MATCH_KEYS } from '../../import/match';
import { method } from '../method';

/** At most 4 MiB of file per call (keeps every request under the hosts' body limits). */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * A chunk of the file: a `Uint8Array` (a Node `Buffer` is one) of at most 4 MiB. Checked by its
 * type tag rather than `instanceof`, so bytes made in another realm (a test environment) pass too.
 */
const fileChunk = z
  .custom<Uint8Array>(
    (v) => ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Uint8Array]',
    'The file chunk must be bytes (a Uint8Array), not text.',
  )
  .refine((v) => v.byteLength <= MAX_CHUNK_BYTES, 'Send the file in chunks of at most 4 MiB.');

const FORMAT_IDS = [
  'google',
  'google-legacy',
  'outlook',
  'outlook-com',
  'linkedin',
  'relationships',
  'generic',
] as const;

const token = z.string().uuid('Not an import token.');

export const importOptions = z
  .object({
    encoding: z.enum(ENCODINGS).optional(),
    delimiter: z.enum([',', ';', '\t', '|']).optional(),
    format: z.enum([...FORMAT_IDS, 'auto']).optional(),
    mapping: z.array(z.enum(TARGET_FIELDS).nullable()).max(2000).optional(),
    matchOn: z.array(z.enum(MATCH_KEYS)).max(3).optional(),
    skipLines: z.array(z.number().int().positive()).max(100_000).optional(),
  })
  .strict();

const expectedCounts = z
  .object({
    created: z.number().int().nonnegative(),
    matched: z.number().int().nonnegative(),
    duplicates: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
  })
  .strip();

export const importMethods = {
  'import.upload': method<{ uploadId: string; bytes: number }>()(
    'app',
    z
      .object({
        uploadId: token.optional(),
        fileName: z.string().trim().min(1, 'Give the file name.').max(255),
        chunk: fileChunk,
        last: z.boolean(),
      })
      .strict(),
  ),
  'import.preview': method<JobStatus>()('app', z.object({ uploadId: token, options: importOptions }).strict()),
  'import.apply': method<JobStatus>()(
    'app',
    z.object({ uploadId: token, options: importOptions, expected: expectedCounts.optional() }).strict(),
  ),
  'import.progress': method<JobStatus>()('app', z.object({ jobId: token }).strict()),
  'import.cancel': method<JobStatus>()('app', z.object({ jobId: token }).strict()),
  /** Blocks until the job ends: for the CLI and scripts (the app polls instead). */
  'import.wait': method<JobStatus>()('host', z.object({ jobId: token }).strict()),
  /** The app is about to import (its dialog opened): start the workers now, while a file is chosen. */
  'import.prepare': method<{ prepared: true }>()('app', z.object({}).strict()),
  'import.discard': method<{ discarded: true }>()('app', z.object({ uploadId: token }).strict()),
  'import.history': method<ImportHistoryEntry[]>()('app', z.object({}).strict()),
} as const;
