// Test configuration. The custom reporter runs after the default one and prints the single
// `N passed, N failed` line that CI reads (see test/reporter.ts and .ci/run).
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ when it is missing or older than the sources (bin/clusterlab.mjs runs it).
    globalSetup: ['./test/support/build.ts'],
    // Statistical tests run many seeds of the engine; tens of seconds is normal for them.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Forks: the engine is CPU-bound, and CLI tests change nothing process-wide that threads
    // would share; one fork per core (the main process mostly waits).
    pool: 'forks',
    maxWorkers: Math.max(1, availableParallelism()),
    reporters: ['default', './test/reporter.ts'],
  },
});
