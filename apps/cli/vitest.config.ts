import { defineTestConfig } from '../../vitest.shared';

// The end-to-end tests spawn the built binary (turbo builds it before `test`) and each start an
// emulator: give spawned processes room on a busy machine.
export default defineTestConfig({
  globalSetup: ['test/global-setup.ts'],
  testTimeout: 120_000,
  hookTimeout: 60_000,
});
