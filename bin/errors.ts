// The two ways a command stops early. Both carry a sentence a user understands; neither prints a stack.

/** Exit codes the CLI promises. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The operation could not be done (a refused file, a missing record…): exit 1. */
export class CliFailure extends Error {
  readonly exitCode = EXIT.failed;
}

/** The command line itself is wrong (unknown command or option, missing argument): exit 2. */
export class UsageError extends Error {
  readonly exitCode = EXIT.usage;
  /** The command whose `--help` explains the fix, when one is known. */
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}
