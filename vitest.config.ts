import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Starting java on a busy 2-core machine can take a while.
    hookTimeout: 60_000,
    globalSetup: ['test/support/globalDynamoDbLocal.ts'],
    // Node 20 lacks Promise.withResolvers, which aws-local-stepfunctions calls.
    setupFiles: ['lib/local/promiseWithResolvers.ts'],
    pool: 'forks',
    // In CI a JSON summary is written too, so .ci/run can print one plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'out/vitest-results.json' },
  },
});
