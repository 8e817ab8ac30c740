// Entry of a Node worker thread (worker_threads) when running from the sources: Node cannot start a
// worker on a .ts file, so this plain module loads the TypeScript worker through tsx and serves
// jobs on parentPort. The build replaces it by dist/node-worker.mjs (no tsx). Calls posted before
// it is ready wait in the port's queue.
import { tsImport } from 'tsx/esm/api';

const { serveNodeWorker } = await tsImport('./node-entry.ts', import.meta.url);
serveNodeWorker();
