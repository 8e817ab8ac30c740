// Types for comlink's Node adapter: the package ships node-adapter.d.ts beside node-adapter.mjs,
// which TypeScript does not pair with an .mjs import (it looks for .d.mts).
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';

  /** A worker_threads Worker or MessagePort (parentPort). */
  export interface NodeEndpoint {
    postMessage(message: any, transfer?: any[]): void;
    on(type: string, listener: (value: any) => void): unknown;
    off(type: string, listener: (value: any) => void): unknown;
    start?: () => void;
  }

  export default function nodeEndpoint(nep: NodeEndpoint): Endpoint;
}
