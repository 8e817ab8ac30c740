// Entry of the built worker thread (dist/node-worker.mjs, beside dist/cli.mjs, where node.ts's
// NODE_WORKER_SCRIPT points in the build): serves jobs on parentPort. From the sources, the plain
// module node-worker.mjs does the same through tsx.
import { serveNodeWorker } from './node-entry.ts';

serveNodeWorker();
