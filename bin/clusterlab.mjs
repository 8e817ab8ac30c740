#!/usr/bin/env node
// The `clusterlab` executable. It runs the built CLI (dist/, made by `npm run build:cli`, which
// npm's prepare step runs on `npm ci`, `npm install` and `npm pack`): plain JavaScript, so neither
// tsx nor esbuild is loaded. In a checkout without dist/ (or with CLUSTERLAB_FROM_SOURCE=1) it runs
// the TypeScript sources through tsx instead, as `npm run clusterlab` does.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.mjs', import.meta.url);
const fromSource = process.env.CLUSTERLAB_FROM_SOURCE === '1' || !existsSync(built);
const { cli } = fromSource
  ? await (await import('tsx/esm/api')).tsImport('../src/cli/main.ts', import.meta.url)
  : await import(built.href);
await cli(process.argv.slice(2));
