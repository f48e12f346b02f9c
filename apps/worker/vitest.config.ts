import { defineTestConfig } from '../../vitest.shared';

// The durability tests spawn worker processes and a PostgreSQL server (started once, in the global
// set-up): one file at a time keeps the 2-core machine from timing them out.
export default defineTestConfig({
  globalSetup: ['test/global-setup.ts'],
  testTimeout: 120_000,
  hookTimeout: 120_000,
  fileParallelism: false,
});
