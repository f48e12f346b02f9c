import { defineTestConfig } from '../../vitest.shared';

// Packing and installing tarballs takes a while on a 2-core machine.
export default defineTestConfig({ testTimeout: 180_000, hookTimeout: 300_000 });
