import { defineConfig } from 'vitest/config';

/**
 * Three projects, run together by `npm test` or one at a time by `npm run test:unit`,
 * `test:integration`, `test:browser` (docs/architecture.md, "Tests").
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits on a condition; its default 1 s is shorter than a browser or a server
    // takes to answer on a loaded 2-core machine, which made such waits flaky.
    expect: { poll: { timeout: 15_000 } },
    // Integration tests start real servers on port 0; two workers fit this 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // Pure functions and in-memory documents, no servers: the files share one module
          // graph per worker instead of importing yjs, zod and the schema again for each file,
          // which was most of the project's time. Each file still runs its own hooks.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // Each file starts its own servers on port 0 with its own data directory, so the files
          // can share one module graph per worker: importing the server, yjs and the exporters
          // once instead of once per file was most of this project's time.
          isolate: false,
          setupFiles: ['tests/helpers/cleanup-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/e2e/**/*.test.ts'],
          isolate: false,
          setupFiles: ['tests/helpers/cleanup-setup.ts'],
          // Only the browser tests load the built client.
          globalSetup: ['tests/helpers/global-setup.ts'],
        },
      },
    ],
  },
});
