import { defineTestConfig } from '../vitest.shared';

export default defineTestConfig({ testTimeout: 120_000 });
