// Messages between the main process and the backend utility process (structured-cloned by postMessage).
import type { Caller } from '../../db/api/dispatch';
import type { Result } from '../../db/api/result';
import type { ProjectInfo } from '../../db/domain/model';

/** First message: open this project (null: the default project in the data folder). */
export interface InitRequest {
  type: 'init';
  path: string | null;
}

/** One contract call. */
export interface CallRequest {
  id: number;
  method: string;
  input: unknown;
  caller: Caller;
}

/** Close the project cleanly (checkpointing the WAL) and exit. */
export interface ShutdownRequest {
  type: 'shutdown';
}

export type BackendRequest = InitRequest | CallRequest | ShutdownRequest;

/** The answer to `init`: the startup project, or why it could not be opened. */
export interface ReadyReply {
  type: 'ready';
  result: Result<ProjectInfo>;
}

export interface CallReply {
  id: number;
  result: Result<unknown>;
}

export type BackendReply = ReadyReply | CallReply;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const isResult = (v: unknown): v is Result<unknown> =>
  isRecord(v) && (v.ok === true || (v.ok === false && isRecord(v.error) && typeof v.error.message === 'string'));

export const isInitRequest = (m: unknown): m is InitRequest =>
  isRecord(m) && m.type === 'init' && (m.path === null || typeof m.path === 'string');

export const isShutdownRequest = (m: unknown): m is ShutdownRequest => isRecord(m) && m.type === 'shutdown';

export const isCallRequest = (m: unknown): m is CallRequest =>
  isRecord(m) &&
  typeof m.id === 'number' &&
  typeof m.method === 'string' &&
  (m.caller === 'app' || m.caller === 'host');

export const isReadyReply = (m: unknown): m is ReadyReply => isRecord(m) && m.type === 'ready' && isResult(m.result);

export const isCallReply = (m: unknown): m is CallReply =>
  isRecord(m) && typeof m.id === 'number' && isResult(m.result);
