// What a benchmark scenario is. Adding one = an entry in scenarios.ts built with `defineScenario`.

export interface BenchContext {
  size: number;
  /** A fresh, unused path in this size's temp folder (removed after the run). */
  tempPath(name: string): string;
  /**
   * A private copy of a synthetic project of `size` stakeholders (~3 relationships each, one view of
   * everyone). Generated once per size and copied, so scenarios may change their copy freely.
   */
  project(size?: number): Promise<{ path: string; stakeholders: number; relationships: number }>;
}

export interface Scenario<S = unknown> {
  /** `area.what`, e.g. `graph.load`; `--only <prefix>` matches on it. */
  scenario: string;
  sizes: readonly number[];
  /** Timed runs for a size when `--runs` is not given (default 5), e.g. fewer for a slow large size. */
  defaultRuns?: (size: number) => number;
  /** Once per size, untimed: build the state the runs use. */
  setup?: (ctx: BenchContext) => Promise<S> | S;
  /** Timed. Throw when the result is wrong, so a broken result is never reported as fast. */
  run: (state: S, ctx: BenchContext) => Promise<void> | void;
  /** Untimed, after each run (the warm-up too): undo what a run left behind. */
  afterRun?: (state: S, ctx: BenchContext) => Promise<void> | void;
  /** Once per size, untimed, even when a run failed. */
  teardown?: (state: S, ctx: BenchContext) => Promise<void> | void;
}

/** Keeps a scenario's state type checked inside its definition, and lets the table hold them all. */
export const defineScenario = <S>(scenario: Scenario<S>): Scenario<unknown> => scenario as Scenario<unknown>;

/** Throws unless `actual === expected`: the guard each scenario's run uses on its result. */
export function expectEqual(what: string, actual: unknown, expected: unknown): void {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}
