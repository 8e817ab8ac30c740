// A reporter that prints one plain line at the very end of a run, for CI to read:
//   N passed, N failed[, N skipped]
// A test file that fails to load (syntax error, failing import) and an error thrown outside any
// test each count as one failure, so a broken file can never read as "0 failed".
import type { Reporter, TestModule } from 'vitest/node';

export default class CountReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else if (state === 'skipped') skipped++;
      }
      if (module.errors().length > 0) failed++;
    }
    failed += unhandledErrors.length;
    const line = `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
    // Its own line, after the default reporter's summary.
    process.stdout.write(`\n${line}\n`);
  }
}
