// The one typed API client of the renderer. It picks its transport once: the Electron preload bridge
// when present, else HTTP to the browser host. It never throws: every call resolves with a `Result`.
import type { HostEvent } from '../../../db/api/bridge';
import type { MethodInput, MethodName, MethodOutput } from '../../../db/api/contract';
import type { Result } from '../../../db/api/result';
import { createHttpTransport, takeToken } from './http-transport';
import { createIpcTransport, findBridge } from './ipc-transport';
import { failure } from './result';
import type { Transport, TransportKind } from './transport';

let chosen: Transport | null = null;

function transport(): Transport {
  if (chosen) return chosen;
  const bridge = findBridge(globalThis);
  chosen = bridge
    ? createIpcTransport(bridge)
    : createHttpTransport({
        token: typeof window === 'undefined' ? null : takeToken(window),
      });
  return chosen;
}

export const api = {
  /** Calls a contract method. */
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    try {
      return (await transport().call(method, input)) as Result<MethodOutput<M>>;
    } catch {
      return failure(`Stakemap could not run “${method}”. Try again.`);
    }
  },

  /** Subscribes to host events (Electron only; the browser host has none). Returns an unsubscribe function. */
  onHostEvent(listener: (event: HostEvent) => void): () => void {
    return transport().onEvent(listener);
  },

  /** Which transport is in use; chooses it (and takes the URL token) on first use. */
  get transportKind(): TransportKind {
    return transport().kind;
  },
};

/** Reads the token and picks the transport now, so the token leaves the address bar at startup. */
export const initApi = (): TransportKind => transport().kind;

export type { Result };
