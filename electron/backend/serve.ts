// The backend's message loop, apart from the utility-process entry so it runs (and is tested) under Node.
import { type Backend, dispatch, openStartupProject } from '../../db/api/index';
import { fail, ok, type Result, StakemapError } from '../../db/api/result';
import type { ProjectInfo } from '../../db/domain/model';
import { releaseBytes } from '../shared/release-bytes';
import { type BackendReply, isCallRequest, isInitRequest, isShutdownRequest } from './protocol';

/** The part of Electron's `process.parentPort` the loop uses. */
export interface PortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function openStartup(backend: Backend, path: string | null): Promise<Result<ProjectInfo>> {
  try {
    return ok(await openStartupProject(backend, path ?? undefined));
  } catch (e) {
    if (e instanceof StakemapError) return fail(e.code, e.message, e.issues);
    return fail('FILE_UNREADABLE', `Stakemap could not open its project: ${messageOf(e)}`);
  }
}

/**
 * Answers requests one at a time, in arrival order: the backend owns the one write connection, and
 * better-sqlite3 is synchronous, so running them side by side would gain nothing and risk interleaving
 * a project switch with a read.
 */
export function serveBackend(port: PortLike, backend: Backend, exit: () => void = () => process.exit(0)): void {
  let queue: Promise<void> = Promise.resolve();
  const send = (reply: BackendReply): void => {
    try {
      port.postMessage(reply);
    } catch (e) {
      if ('id' in reply) {
        port.postMessage({
          id: reply.id,
          result: fail('INTERNAL', `The answer could not be sent back: ${messageOf(e)}`),
        });
      }
    }
  };
  port.on('message', ({ data }) => {
    queue = queue
      .then(async () => {
        if (isInitRequest(data)) {
          send({ type: 'ready', result: await openStartup(backend, data.path) });
        } else if (isCallRequest(data)) {
          send({ id: data.id, result: await dispatch(backend, data.method, data.input, data.caller) });
          // An upload's chunk is this message's own copy: free it now, not at V8's next collection,
          // which an idle backend thread may not reach before the import's peak.
          releaseBytes(data.input);
        } else if (isShutdownRequest(data)) {
          try {
            backend.close();
          } finally {
            exit();
          }
        }
        // Anything else is not from our main process: ignored.
      })
      .catch(() => {
        // Only a failure to post even the error reply gets here: the channel to the main process is broken,
        // so there is no one left to tell.
      });
  });
}
