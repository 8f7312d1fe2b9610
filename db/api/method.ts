// Building blocks of the contract: how a method is declared, and the input pieces many methods share.
import { z } from 'zod';

/**
 * Who may call a method:
 * - `app`: the renderer, through IPC or HTTP;
 * - `host`: only the host process itself (menus, CLI), because the input is a file path;
 * - `test`: only when STAKEMAP_TEST_HOOKS=1 was set when the backend started.
 */
export type Scope = 'app' | 'host' | 'test';

export interface MethodSpec<I extends z.ZodType, O> {
  scope: Scope;
  input: I;
  /** Phantom: carries the output type. */
  output?: O;
}

export const method =
  <O>() =>
  <I extends z.ZodType>(scope: Scope, input: I): MethodSpec<I, O> => ({ scope, input });

/** A table of methods, as each area module declares it. */
// biome-ignore lint/suspicious/noExplicitAny: any input schema and output type may appear in a table.
export type MethodTable = Record<string, MethodSpec<any, any>>;

export const id = z.number().int().positive();
export const filePath = z.string().trim().min(1, 'Give a file path.').max(4096);
export const none = z.object({}).strict();
