// Entry of the backend utility process (dist/electron/backend.cjs): owns the project's SQLite
// connection off the main thread and answers the main process's messages.
import { Backend } from '../../db/api/index';
import { type PortLike, serveBackend } from './serve';

const port = (process as unknown as { parentPort?: PortLike }).parentPort;
if (!port) {
  process.stderr.write('The Stakemap backend must be started by the Stakemap app, not run on its own.\n');
  process.exit(1);
}
serveBackend(port, new Backend({ testHooks: process.env.STAKEMAP_TEST_HOOKS === '1' }));
