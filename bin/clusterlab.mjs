#!/usr/bin/env node
// The `clusterlab` executable: loads the TypeScript CLI through tsx (no build step) and runs it.
import { tsImport } from 'tsx/esm/api';

const { cli } = await tsImport('../src/cli/main.ts', import.meta.url);
await cli(process.argv.slice(2));
