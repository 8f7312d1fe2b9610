// The shape of an area's handler table: one function per method of that area's contract table.
import type { z } from 'zod';
import type { Backend } from '../backend';
import type { MethodTable } from '../method';

export type HandlersOf<T extends MethodTable> = {
  [M in keyof T]: (
    input: z.output<T[M]['input']>,
    backend: Backend,
  ) => Exclude<T[M]['output'], undefined> | Promise<Exclude<T[M]['output'], undefined>>;
};

export { notFound, StakemapError } from '../result';
