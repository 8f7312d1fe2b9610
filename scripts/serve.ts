// `npm run serve -- [--port N] [--project FILE] [--build]`: the browser host, for machines where
// Electron cannot start. The work lives in electron/host/serve-cli.ts; this file wires the process.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRenderer, parseServeArgs, startServe, stopOnSignals, USAGE } from '../electron/host/serve-cli';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = (line: string): void => void process.stdout.write(`${line}\n`);
const err = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const parsed = parseServeArgs(process.argv.slice(2));
  if (!parsed.ok) {
    err(`${parsed.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (parsed.args.help) {
    out(USAGE);
    return;
  }
  const outcome = await startServe(parsed.args, {
    // Tests point this at a stand-in build; nobody else needs to.
    rendererDir: process.env.STAKEMAP_RENDERER_DIR || join(repoRoot, 'dist', 'renderer'),
    // npm runs scripts in the package folder; INIT_CWD is where the user typed the command.
    cwd: process.env.INIT_CWD ?? process.cwd(),
    env: process.env,
    out,
    err,
    build: () => buildRenderer(repoRoot),
  });
  if (outcome.kind === 'exit') {
    process.exitCode = outcome.code;
    return;
  }
  stopOnSignals(outcome.stop, out, err);
}

main().catch((e: unknown) => {
  err(`Stakemap could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
