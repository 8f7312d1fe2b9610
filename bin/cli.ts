// Parses the command line, runs one command from the table, and turns every outcome into an exit code.
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { type Command, type Io, usageLine } from './command';
import { COMMANDS, findCommand } from './commands/index';
import { CliFailure, EXIT, UsageError } from './errors';

export const PROGRAM = 'stakemap';

const HELP_OPTION = { type: 'boolean', short: 'h' } as const;

function columns(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const w = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(w)}   ${right}`);
}

export function overview(): string {
  return [
    'Stakemap — offline stakeholder and influence mapping, from the command line.',
    '',
    `Usage: ${PROGRAM} <command> [options]`,
    '       (in the repository: npm run cli -- <command> [options])',
    '',
    'Commands:',
    ...columns(COMMANDS.map((c) => [usageLine(c), c.summary])),
    '',
    'Options:',
    ...columns([['-h, --help', "show this help; after a command's name, that command's help"]]),
    '',
    'Exit codes: 0 done, 1 the operation failed (for example a file that is not a project), 2 the command line was wrong.',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  const options: Array<[string, string]> = Object.entries(command.options).map(([name, o]) => [
    `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` <${o.valueName ?? 'value'}>` : ''}`,
    o.description,
  ]);
  options.push(['-h, --help', 'show this help']);
  return [
    `Usage: ${PROGRAM} ${usageLine(command)}`,
    '',
    command.summary,
    ...(command.details?.length ? ['', ...command.details] : []),
    ...(command.args.length
      ? ['', 'Arguments:', ...columns(command.args.map((a) => [`<${a.name}>`, a.description]))]
      : []),
    '',
    'Options:',
    ...columns(options),
  ].join('\n');
}

/** parseArgs' messages run on ("To specify a positional argument…"); keep the first sentence. */
const firstSentence = (message: string): string => {
  const end = message.indexOf('. ');
  return end === -1 ? message : message.slice(0, end + 1);
};

function parse(command: Command, argv: string[]) {
  const options: ParseArgsOptionsConfig = { help: HELP_OPTION };
  for (const [name, o] of Object.entries(command.options)) {
    options[name] = { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) };
  }
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('ERR_PARSE_ARGS')) throw new UsageError(firstSentence((e as Error).message), command.name);
    throw e;
  }
}

async function runCommand(command: Command, argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(command, argv);
  if (values.help === true) {
    io.out(commandHelp(command));
    return EXIT.ok;
  }
  const required = command.args.filter((a) => !a.optional);
  if (positionals.length < required.length) {
    const missing = required.slice(positionals.length).map((a) => `<${a.name}>`);
    throw new UsageError(`“${command.name}” needs ${missing.join(' ')}: ${usageLine(command)}`, command.name);
  }
  if (positionals.length > command.args.length) {
    throw new UsageError(`Unexpected argument “${positionals[command.args.length]}”.`, command.name);
  }
  const args: Record<string, string | undefined> = {};
  command.args.forEach((a, i) => {
    args[a.name] = positionals[i];
  });
  await command.run({
    args,
    flag: (name) => values[name] === true,
    option: (name) => {
      const v = values[name];
      return typeof v === 'string' ? v : Array.isArray(v) ? (v.at(-1) as string | undefined) : undefined;
    },
    options: (name) => {
      const v = values[name];
      return Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : undefined;
    },
    io,
  });
  return EXIT.ok;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined) {
      io.err(`No command given.\n\n${overview()}`);
      return EXIT.usage;
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' ? rest[0] : undefined;
      const command = topic === undefined ? undefined : findCommand(topic);
      if (topic !== undefined && !command) throw new UsageError(`Unknown command “${topic}”.`);
      io.out(command ? commandHelp(command) : overview());
      return EXIT.ok;
    }
    if (first.startsWith('-')) throw new UsageError(`Unknown option “${first}”; give a command first.`);
    const command = findCommand(first);
    if (!command) {
      throw new UsageError(`Unknown command “${first}”. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`);
    }
    return await runCommand(command, rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nRun “${PROGRAM} ${e.command ? `${e.command} ` : ''}--help” for usage.`);
      return e.exitCode;
    }
    if (e instanceof CliFailure) {
      io.err(e.message);
      return e.exitCode;
    }
    const error = e as Error;
    io.err(`Something went wrong: ${error?.message ?? String(e)}`);
    if (process.env.STAKEMAP_DEBUG === '1' && error?.stack) io.err(error.stack);
    return EXIT.failed;
  }
}
