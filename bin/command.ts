// What a CLI command is. Adding a command = one module exporting a `Command`, listed in commands/index.ts.

/** Where a command writes; the entry point binds these to stdout/stderr, tests may capture them. */
export interface Io {
  /** One chunk of output for stdout (a newline is added). */
  out(text: string): void;
  /** One chunk of diagnostics for stderr (a newline is added). */
  err(text: string): void;
}

export interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  /** For string options: the placeholder shown in usage, e.g. `path`. */
  valueName?: string;
  /** A string option that may be given several times (read with `options`). */
  multiple?: boolean;
  description: string;
}

export interface ArgSpec {
  name: string;
  optional?: boolean;
  description: string;
}

export interface CommandContext {
  /** Positional arguments by name (optional ones may be undefined). */
  args: Record<string, string | undefined>;
  /** A boolean option's value (false when absent). */
  flag(name: string): boolean;
  /** A string option's value, when given (the last one, for a repeatable option). */
  option(name: string): string | undefined;
  /** Every value of a repeatable option, in order; undefined when it was not given at all. */
  options(name: string): string[] | undefined;
  io: Io;
}

export interface Command {
  name: string;
  /** One line for the command listing. */
  summary: string;
  args: readonly ArgSpec[];
  options: Readonly<Record<string, OptionSpec>>;
  /** Extra lines shown under `<command> --help`. */
  details?: readonly string[];
  /** Does the work; throws CliFailure / UsageError to stop with a message. */
  run(ctx: CommandContext): Promise<void>;
}

/** `info <file> [--json]`, built from the specs so it never drifts from what is parsed. */
export function usageLine(command: Command): string {
  const args = command.args.map((a) => (a.optional ? `[${a.name}]` : `<${a.name}>`));
  const options = Object.entries(command.options).map(
    ([name, o]) => `[--${name}${o.type === 'string' ? ` <${o.valueName ?? 'value'}>` : ''}]${o.multiple ? '…' : ''}`,
  );
  return [command.name, ...args, ...options].join(' ');
}
