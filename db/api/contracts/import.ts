// Contact and relationship CSV import. Files arrive as bytes (base64 chunks) with their name, never
// as a path, so the renderer can import what the analyst chose without naming files on disk.
// Reading and writing run as jobs: start one, poll `import.progress`, `import.cancel` at will.
import { z } from 'zod';
import { TARGET_FIELDS } from '../../domain/import-formats';
import type { ImportHistoryEntry } from '../../import/apply';
import { isBase64 } from '../../import/base64';
import { ENCODINGS } from '../../import/decode';
import type { JobStatus } from '../../import/jobs';
import { MATCH_KEYS } from '../../import/match';
import { method } from '../method';

/** Base64 of at most 4 MiB of file per call (keeps every request under the hosts' body limits). */
export const MAX_CHUNK_BASE64 = Math.ceil((4 * 1024 * 1024) / 3) * 4;

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
        chunk: z
          .string()
          .max(MAX_CHUNK_BASE64, 'Send the file in chunks of at most 4 MiB.')
          .refine(isBase64, 'The file chunk must be base64.'),
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
  'import.discard': method<{ discarded: true }>()('app', z.object({ uploadId: token }).strict()),
  'import.history': method<ImportHistoryEntry[]>()('app', z.object({}).strict()),
} as const;
