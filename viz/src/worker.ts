// The Web Worker entry of the viz app: serves runJob (the engine, unchanged) to the page's pool
// through comlink. Loaded as a module worker: new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }).
import type { Endpoint } from 'comlink';
import { exposeJobRunner } from '../../src/workers/worker.ts';

exposeJobRunner(self as unknown as Endpoint);
