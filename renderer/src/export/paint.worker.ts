// The app's band painter worker (bands.ts starts it through Vite's worker bundling).
import { serveBands } from './bandWorker';

serveBands(self as unknown as Parameters<typeof serveBands>[0]);
