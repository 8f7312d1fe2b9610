// `npm run serve`: argument parsing and start-up of the browser host, kept apart from
// scripts/serve.ts (which only wires the process) so it can be tested in-process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Backend, openStartupProject } from '../../db/api';
import { StakemapError } from '../../db/api/result';
import { DEFAULT_PORT, type RunningHost, startHost } from './server';

export const USAGE = `Usage: npm run serve -- [--port N] [--project FILE] [--build]

Serves Stakemap to your web browser at http://127.0.0.1 (this computer only).

  --port N        Listen on port N (default ${DEFAULT_PORT}, or a free port when ${DEFAULT_PORT} is busy; 0 = any free port).
  --project FILE  Open this project file; a missing file is created as an empty project.
                  Without it: the default project in your Stakemap data folder.
  --build         Build the app first, even when dist/renderer already exists.
  -h, --help      Show this help.`;

export interface ServeArgs {
  help: boolean;
  build: boolean;
  port?: number;
  project?: string;
}

export type ParsedServeArgs = { ok: true; args: ServeArgs } | { ok: false; message: string };

const quoted = (message: string): string => /'([^']+)'/.exec(message)?.[1] ?? '';

/** Turns node:util parseArgs errors into one plain sentence. */
function explain(e: unknown): string {
  const { code, message } = e as { code?: string; message?: string };
  const name = quoted(message ?? '').split(' ')[0] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option “${name}”.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(message ?? '')
        ? `The option “${name}” needs a value.`
        : `The option “${name}” does not take a value.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument “${quoted(message ?? '')}”: give the project file with --project FILE.`;
    default:
      return message ?? 'The arguments could not be read.';
  }
}

/** A port number 0–65535 written in digits, else null. */
export function parsePort(raw: string): number | null {
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  return port >= 0 && port <= 65535 ? port : null;
}

export const portMessage = (raw: string): string => `The port must be a whole number from 0 to 65535, not “${raw}”.`;

export function parseServeArgs(argv: string[]): ParsedServeArgs {
  let values: { port?: string; project?: string; build?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        project: { type: 'string' },
        build: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    return { ok: false, message: explain(e) };
  }
  const args: ServeArgs = { help: values.help === true, build: values.build === true };
  if (values.port !== undefined) {
    const port = parsePort(values.port);
    if (port === null) return { ok: false, message: portMessage(values.port) };
    args.port = port;
  }
  if (values.project !== undefined) {
    if (values.project.trim() === '') return { ok: false, message: 'The option “--project” needs a file name.' };
    args.project = values.project;
  }
  return { ok: true, args };
}

export interface ServeDeps {
  /** Where the built renderer lives (dist/renderer). */
  rendererDir: string;
  /** The folder `--project` is relative to (npm's INIT_CWD: where the user typed the command). */
  cwd: string;
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Builds the renderer; returns whether it succeeded. */
  build: () => boolean;
}

export type ServeOutcome =
  | { kind: 'exit'; code: number }
  | { kind: 'running'; host: RunningHost; backend: Backend; stop: () => Promise<void> };

/** Runs `npm run build:renderer` in `repoRoot` with the terminal attached. */
export function buildRenderer(repoRoot: string): boolean {
  const run = spawnSync('npm', ['run', 'build:renderer'], {
    cwd: repoRoot,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  return run.status === 0;
}

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Opens the project, builds the renderer when needed, and starts the host. Never throws. */
export async function startServe(args: ServeArgs, deps: ServeDeps): Promise<ServeOutcome> {
  const { out, err } = deps;
  const backend = new Backend({ testHooks: deps.env.STAKEMAP_TEST_HOOKS === '1' });
  const project = args.project === undefined ? undefined : resolve(deps.cwd, args.project);
  const created = project !== undefined && !existsSync(project);

  // The project first: a refused file fails fast, before any build.
  let info: Awaited<ReturnType<typeof openStartupProject>>;
  try {
    info = await openStartupProject(backend, project);
  } catch (e) {
    backend.close();
    err(e instanceof StakemapError ? e.message : `Could not open the project: ${reason(e)}`);
    return { kind: 'exit', code: 1 };
  }

  if (args.build || !existsSync(join(deps.rendererDir, 'index.html'))) {
    out(args.build ? 'Building the app…' : 'The app is not built yet; building it now (npm run build:renderer)…');
    if (!deps.build()) {
      backend.close();
      err('Building the app failed (see the messages above), so Stakemap cannot be served.');
      return { kind: 'exit', code: 1 };
    }
  }

  let host: RunningHost;
  try {
    host = await startHost({ backend, rendererDir: deps.rendererDir, port: args.port });
  } catch (e) {
    backend.close();
    err(`Stakemap could not start its local server: ${reason(e)}`);
    return { kind: 'exit', code: 1 };
  }

  if (created) out(`Created a new, empty project at ${info.path}.`);
  if (host.fellBackFrom !== null) {
    out(`Port ${host.fellBackFrom} is already in use, so Stakemap is using port ${host.port} instead.`);
  }
  out(`Stakemap is serving "${info.name}" (${info.path})`);
  out(`Open ${host.url}`);
  out('Only this computer can reach it. Press Ctrl+C to stop.');

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= host.close().finally(() => backend.close());
    return stopped;
  };
  return { kind: 'running', host, backend, stop };
}

/** Keeps a started host running until Ctrl+C or SIGTERM, then stops it cleanly (a second signal: at once). */
export function stopOnSignals(
  stop: () => Promise<void>,
  out: (line: string) => void,
  err: (line: string) => void,
): void {
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) {
      err('Stopping at once.');
      process.exit(1);
    }
    stopping = true;
    out('Stopping Stakemap…');
    stop().then(
      () => process.exit(0),
      (e: unknown) => {
        err(`Stakemap did not stop cleanly: ${reason(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
