// The write's two halves and how they meet. The scan side (decode, parse, contacts, matching,
// planning: `scanForWrite`) hands batches to a write side (`WriteSide`: the SQLite writes, inside
// the import's one transaction). In one thread the scan calls the write side directly; in two
// (jobs.ts starts a scan worker beside the write worker) the batches cross a MessagePort, so parsing
// the next rows overlaps inserting the last ones. The write worker holds the transaction and takes
// messages synchronously (`receiveMessageOnPort`), sleeping on a shared counter (`Atomics.wait`)
// when none is waiting; the scan worker sleeps the same way when it is MAX_IN_FLIGHT batches ahead,
// so a fast scan never piles a large file up in memory. Order is the port's: batches are applied in
// the order they were planned, exactly as in one thread.
import { type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import { StakemapError } from '../api/result';
import type { Db } from '../sqlite/open';
import { ImportRefusal, type RefusalKind } from './errors';
import { RelationshipCollector } from './relationships';
import { type ImportOptions, type ScanCounts, type ScanHeader, type ScanHooks, scan } from './scan';
import type { ImportInput } from './source';
import { RowPlanner, RowStore, type WriteBatch } from './writer';

/** What the write side needs once the scan has read the header. */
export interface WriteBegin {
  header: ScanHeader;
  /** The first id the import gives a new stakeholder. */
  firstNewId: number;
}

/** A relationships file's records, handed over as read: [fields, line] pairs. */
export type RecordBatch = { records: [string[], number][]; bytes: number };

/** The scan's result, without the matcher (which stays on the scan side). */
export interface ScanSummary {
  header: ScanHeader;
  counts: ScanCounts;
  rejected: { line: number; reason: string }[];
  sha256: string;
  newOrganisations: number;
  peopleCreated: number;
  organisationsCreated: number;
}

/** Where the scan hands its work. */
export interface WriteTarget {
  begin(info: WriteBegin): void;
  batch(b: WriteBatch): void;
  records(r: RecordBatch): void;
}

const RECORDS_PER_BATCH = 1024;

/** The scan side of a write: the same scan as the preview, its rows planned into write batches. */
export function scanForWrite(
  db: Db,
  input: ImportInput,
  fileName: string,
  options: ImportOptions,
  hooks: ScanHooks,
  target: WriteTarget,
): ScanSummary {
  let planner: RowPlanner | null = null;
  let records: [string[], number][] = [];
  let bytes = 0;
  const result = scan(
    db,
    input,
    fileName,
    options,
    {
      begin(header, matcher) {
        target.begin({ header, firstNewId: matcher.firstNewId });
        if (header.format !== 'relationships') planner = new RowPlanner(fileName, (b) => target.batch(b));
      },
      row(row) {
        (planner as RowPlanner | null)?.row(row);
      },
      record(fields, line) {
        records.push([fields, line]);
        if (records.length >= RECORDS_PER_BATCH) {
          target.records({ records, bytes });
          records = [];
        }
      },
    },
    {
      ...hooks,
      onProgress(done, total) {
        bytes = done;
        if (planner) (planner as RowPlanner).bytes = done;
        hooks.onProgress?.(done, total);
      },
    },
  );
  const p = planner as RowPlanner | null;
  p?.finish();
  if (records.length > 0) target.records({ records, bytes });
  return {
    header: result.header,
    counts: result.counts,
    rejected: result.rejected,
    sha256: result.sha256,
    newOrganisations: result.matcher.newOrganisations.length,
    peopleCreated: p?.peopleCreated ?? 0,
    organisationsCreated: p?.organisationsCreated ?? 0,
  };
}

/** The write side: contact batches into a RowStore, relationship records into a collector. */
export class WriteSide implements WriteTarget {
  store: RowStore | null = null;
  relationships: RelationshipCollector | null = null;

  constructor(
    private readonly db: Db,
    private readonly fileName: string,
    /** After each batch: bytes of the file the scan had read, and rows accounted for so far (contacts only). */
    private readonly onBatch?: (bytes: number, rows: number | null) => void,
  ) {}

  begin({ header, firstNewId }: WriteBegin): void {
    if (header.format === 'relationships') {
      this.relationships = new RelationshipCollector(this.db);
      this.relationships.begin(header);
    } else this.store = new RowStore(this.db, this.fileName, firstNewId, header.fileBytes);
  }

  batch(b: WriteBatch): void {
    (this.store as RowStore).apply(b);
    this.onBatch?.(b.bytes, (this.store as RowStore).written);
  }

  records({ records, bytes }: RecordBatch): void {
    for (const [fields, line] of records) this.relationships?.record(fields, line);
    this.onBatch?.(bytes, null);
  }

  end(): void {
    this.store?.end();
  }

  release(): void {
    this.store?.release();
  }
}

// The control array shared by the job's two workers and the backend's thread (Int32Array over a
// SharedArrayBuffer): CANCEL is the job's cancel flag (set by the backend); POSTED and TAKEN count
// messages sent by the scan and taken by the write side; GO is set by the write side once it holds
// the write lock (the scan then reads the project: the snapshot the write sees); SCAN_GONE is set by
// the backend when the scan worker ended without saying so (crashed), so the write never waits forever.
export const CANCEL = 0;
const POSTED = 1;
const TAKEN = 2;
const GO = 3;
export const SCAN_GONE = 4;
export const CONTROL_SLOTS = 5;
/** Batches the scan may be ahead of the writes (each ~1,024 rows). */
const MAX_IN_FLIGHT = 8;
const WAIT_MS = 50;

type ScanMessage =
  | { type: 'begin'; info: WriteBegin }
  | { type: 'batch'; batch: WriteBatch }
  | { type: 'records'; records: RecordBatch }
  | { type: 'end'; summary: ScanSummary }
  | { type: 'failed'; error: { code: string; message: string; kind: string | null } };

/** Wakes whoever sleeps on the control array (after a cancel, or when the scan worker died). */
export function wakeAll(control: Int32Array): void {
  for (const slot of [POSTED, TAKEN, GO]) Atomics.notify(control, slot);
}

const cancelledError = (): ImportRefusal =>
  new ImportRefusal('CANCELLED', 'The import was cancelled. Nothing was imported; the project is as it was.');

/** The scan worker's side of the port: posts in order, and waits when too far ahead. */
export class PortTarget implements WriteTarget {
  private posted = 0;

  constructor(
    private readonly port: MessagePort,
    private readonly control: Int32Array,
  ) {}

  /** Sleeps until the write side holds the write lock (or the job is cancelled). */
  waitForGo(): void {
    while (Atomics.load(this.control, GO) === 0) {
      if (Atomics.load(this.control, CANCEL) === 1) throw cancelledError();
      Atomics.wait(this.control, GO, 0, WAIT_MS);
    }
  }

  private post(m: ScanMessage): void {
    this.port.postMessage(m);
    this.posted++;
    Atomics.store(this.control, POSTED, this.posted);
    Atomics.notify(this.control, POSTED);
    for (;;) {
      const taken = Atomics.load(this.control, TAKEN);
      if (this.posted - taken <= MAX_IN_FLIGHT) return;
      if (Atomics.load(this.control, CANCEL) === 1) throw cancelledError();
      Atomics.wait(this.control, TAKEN, taken, WAIT_MS);
    }
  }

  begin(info: WriteBegin): void {
    this.post({ type: 'begin', info });
  }
  batch(batch: WriteBatch): void {
    this.post({ type: 'batch', batch });
  }
  records(records: RecordBatch): void {
    this.post({ type: 'records', records });
  }
  end(summary: ScanSummary): void {
    this.post({ type: 'end', summary });
  }
  failed(error: { code: string; message: string; kind: string | null }): void {
    this.port.postMessage({ type: 'failed', error } satisfies ScanMessage);
    Atomics.store(this.control, POSTED, ++this.posted);
    Atomics.notify(this.control, POSTED);
  }
}

/** The write worker's side: lets the scan start, then applies its messages until it ends. */
export function receiveScan(port: MessagePort, control: Int32Array, side: WriteTarget): ScanSummary {
  Atomics.store(control, GO, 1);
  Atomics.notify(control, GO);
  let taken = 0;
  for (;;) {
    const posted = Atomics.load(control, POSTED);
    const got = receiveMessageOnPort(port);
    if (!got) {
      if (Atomics.load(control, CANCEL) === 1) throw cancelledError();
      if (Atomics.load(control, SCAN_GONE) === 1 && Atomics.load(control, POSTED) === taken) {
        throw new StakemapError('INTERNAL', 'The import stopped unexpectedly. Nothing was imported.');
      }
      Atomics.wait(control, POSTED, posted, WAIT_MS);
      continue;
    }
    Atomics.store(control, TAKEN, ++taken);
    Atomics.notify(control, TAKEN);
    const m = got.message as ScanMessage;
    if (Atomics.load(control, CANCEL) === 1) throw cancelledError();
    if (m.type === 'batch') side.batch(m.batch);
    else if (m.type === 'records') side.records(m.records);
    else if (m.type === 'begin') side.begin(m.info);
    else if (m.type === 'end') return m.summary;
    else {
      const { code, message, kind } = m.error;
      throw kind ? new ImportRefusal(kind as RefusalKind, message) : new StakemapError(code as never, message);
    }
  }
}
