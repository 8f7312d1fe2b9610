// Electron: the preload exposes `window.stakemap`; calls travel over IPC to the backend process.
import type { StakemapBridge } from '../../../db/api/bridge';
import { failure, isResult, normaliseResult } from './result';
import type { Transport } from './transport';

/** The preload bridge, when this page runs inside the Electron shell. */
export const findBridge = (scope: unknown = globalThis): StakemapBridge | null => {
  const candidate = (scope as { stakemap?: unknown }).stakemap;
  if (typeof candidate !== 'object' || candidate === null) return null;
  const bridge = candidate as Partial<StakemapBridge>;
  return typeof bridge.call === 'function' && typeof bridge.onEvent === 'function' ? (bridge as StakemapBridge) : null;
};

export const createIpcTransport = (bridge: StakemapBridge): Transport => ({
  kind: 'ipc',
  async call(method, input) {
    try {
      const answer: unknown = await bridge.call(method, input ?? {});
      if (isResult(answer)) return normaliseResult(answer);
      return failure('The Stakemap window received an answer it could not read from the backend.');
    } catch {
      return failure('The Stakemap backend did not answer. Try again, or restart Stakemap.', 'HOST_UNREACHABLE');
    }
  },
  onEvent(listener) {
    try {
      return bridge.onEvent(listener);
    } catch {
      return () => {};
    }
  },
});
