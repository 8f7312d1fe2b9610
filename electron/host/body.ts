// Reading a request body with a hard cap: the declared Content-Length is checked first, and the
// streamed bytes are counted too (a chunked body declares nothing), so we never buffer past the cap.
import type { IncomingMessage } from 'node:http';

export type BodyOutcome = { kind: 'ok'; body: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/** True when the request declares a body larger than `max` bytes. */
export function declaresTooLarge(req: IncomingMessage, max: number): boolean {
  const declared = req.headers['content-length'];
  if (declared === undefined) return false;
  const size = Number(declared);
  return !Number.isFinite(size) || size > max;
}

export function readBody(req: IncomingMessage, max: number): Promise<BodyOutcome> {
  if (declaresTooLarge(req, max)) return Promise.resolve({ kind: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: BodyOutcome): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      resolve(outcome);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > max) {
        chunks.length = 0;
        finish({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => finish({ kind: 'ok', body: Buffer.concat(chunks, size) });
    const onAbort = (): void => finish({ kind: 'aborted' });
    const onClose = (): void => {
      if (!req.complete) finish({ kind: 'aborted' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
  });
}

/**
 * After refusing an oversized body, discard (never buffer) what the client is still sending, so it
 * can read our 413 instead of seeing a reset connection — but only up to `limit` more bytes or
 * `ms` milliseconds; past that the connection is cut.
 */
export function discardRest(req: IncomingMessage, limit: number, ms: number): void {
  if (req.complete) return;
  let discarded = 0;
  const cut = (): void => {
    req.socket.destroy();
  };
  const timer = setTimeout(cut, ms);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limit) {
      clearTimeout(timer);
      cut();
    }
  });
  req.on('error', () => clearTimeout(timer));
  req.on('end', () => clearTimeout(timer));
  req.on('close', () => clearTimeout(timer));
  req.resume();
}
