// The shape of `window.stakemap`, the one object the Electron preload exposes to the renderer.
// Types only: the preload implements it, the renderer's IPC transport consumes it.
import type { Result } from './result';

export const IPC_CALL_CHANNEL = 'stakemap:call';
export const IPC_EVENT_CHANNEL = 'stakemap:event';
export const IPC_SAVE_FILE_CHANNEL = 'stakemap:save-file';

/** An export the renderer made, for the main process to save where the user picks (native dialog). */
export interface SaveFileRequest {
  /** Suggested name only (`<project>-<view>-<date>.<ext>`); the user picks the folder and may rename. */
  suggestedName: string;
  mime: string;
  data: string | Uint8Array;
}

/** `saved: false` when the user cancelled the dialog. */
export interface SaveFileAnswer {
  saved: boolean;
  path: string | null;
}

/** Pushed from the host when the project changes under the renderer (menu Open/New/Save As). */
export type HostEvent = { type: 'project-changed' };

export interface StakemapBridge {
  readonly version: 1;
  /** Calls a contract method; always resolves with a Result. */
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to host events; returns an unsubscribe function. */
  onEvent(listener: (event: HostEvent) => void): () => void;
  /** Shows the native save dialog and writes the file there (temp file + rename). */
  saveFile?(request: SaveFileRequest): Promise<Result<SaveFileAnswer>>;
}
