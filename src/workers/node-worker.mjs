// Entry of a Node worker thread (worker_threads): Node cannot start a worker on a .ts file, so this
// plain module loads the TypeScript worker through tsx (a runtime dependency, no build step) and
// serves jobs on parentPort. Calls posted before it is ready wait in the port's queue.
import { tsImport } from 'tsx/esm/api';

const { serveNodeWorker } = await tsImport('./node-entry.ts', import.meta.url);
serveNodeWorker();
