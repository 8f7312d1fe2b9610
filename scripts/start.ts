// `npm start`: builds the app, then runs it in Electron, or, when Electron's runtime is not installed
// (it is downloaded on first use, which offline machines cannot do), in the browser through the local
// host. Every failure ends in one sentence on stderr and a non-zero exit, never a stack trace.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePort, portMessage, startServe, stopOnSignals } from '../electron/host/serve-cli';
import { fetchElectron, installedElectron } from './electron-runtime';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Extra arguments after `npm start --`, e.g. a project file to open. npm runs scripts from the package
 * root, so paths are resolved against the folder the user was in (INIT_CWD).
 */
const passThrough = process.argv
  .slice(2)
  .map((arg) => (arg.startsWith('-') ? arg : resolve(process.env.INIT_CWD ?? process.cwd(), arg)));

/** Ends with one sentence on stderr. */
function die(sentence: string, code = 1): never {
  process.stderr.write(`${sentence}\n`);
  process.exit(code);
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function checkNode(): void {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12)) {
    die(`Stakemap needs Node.js 22.12 or newer, but this is Node.js ${process.versions.node}.`);
  }
}

function build(): void {
  // Through the npm that runs us when there is one (npm_execpath), so no shell is needed on Windows.
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, 'run', '--silent', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', '--silent', 'build'], {
        cwd: root,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
  if (result.error) die(`Could not run the build (${messageOf(result.error)}), so Stakemap cannot start.`);
  if (result.status !== 0) die('The build failed (see the messages above), so Stakemap cannot start.');
}

function runElectron(binary: string): void {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn Electron into plain Node
  const child: ChildProcess = spawn(binary, ['.', ...passThrough], { cwd: root, stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('error', (e) => die(`Electron could not be started (${messageOf(e)}).`));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function portFromEnv(): number | undefined {
  const raw = process.env.STAKEMAP_PORT;
  if (raw === undefined || raw.trim() === '') return undefined;
  const port = parsePort(raw.trim());
  if (port === null) die(`STAKEMAP_PORT: ${portMessage(raw)}`);
  return port;
}

/** The same host as `npm run serve`, on the app just built. */
async function runInBrowser(port: number | undefined): Promise<void> {
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  const err = (line: string): void => void process.stderr.write(`${line}\n`);
  const project = passThrough.find((a) => !a.startsWith('-'));
  const outcome = await startServe(
    { help: false, build: false, port, project },
    { rendererDir: join(root, 'dist', 'renderer'), cwd: root, env: {}, out, err, build: () => true },
  );
  if (outcome.kind === 'exit') process.exit(outcome.code);
  stopOnSignals(outcome.stop, out, err);
}

async function main(): Promise<void> {
  checkNode();
  const port = portFromEnv(); // checked before the build, so a typo fails fast
  build();
  // Electron's own first-run download, quiet and bounded; null when it cannot be had (offline).
  const binary = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1' ? installedElectron() : fetchElectron();
  if (binary) return runElectron(binary);
  process.stdout.write(
    "Electron's runtime is not installed (it downloads on first run and this machine could not fetch it), so Stakemap will run in your browser instead.\n",
  );
  await runInBrowser(port);
}

const lastWords = (e: unknown): never => die(`Stakemap stopped because of an unexpected error: ${messageOf(e)}`);
process.on('uncaughtException', lastWords);
process.on('unhandledRejection', lastWords);
main().catch(lastWords);
