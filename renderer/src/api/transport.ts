import type { HostEvent } from '../../../db/api/bridge';
import type { Result } from '../../../db/api/result';

export type TransportKind = 'ipc' | 'http';

/** One way of reaching the backend. Implementations never throw: every outcome is a `Result`. */
export interface Transport {
  readonly kind: TransportKind;
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to host events; returns an unsubscribe function. */
  onEvent(listener: (event: HostEvent) => void): () => void;
}
