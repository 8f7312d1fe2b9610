// The shape of `window.stakemap`, the one object the Electron preload exposes to the renderer.
// Types only: the preload implements it, the renderer's IPC transport consumes it.
import type { Result } from './result';

export const IPC_CALL_CHANNEL = 'stakemap:call';
export const IPC_EVENT_CHANNEL = 'stakemap:event';

/** Pushed from the host when the project changes under the renderer (menu Open/New/Save As). */
export type HostEvent = { type: 'project-changed' };

export interface StakemapBridge {
  readonly version: 1;
  /** Calls a contract method; always resolves with a Result. */
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to host events; returns an unsubscribe function. */
  onEvent(listener: (event: HostEvent) => void): () => void;
}
