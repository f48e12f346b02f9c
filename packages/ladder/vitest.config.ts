import { defineTestConfig } from '../../vitest.shared';

export default defineTestConfig({ globalSetup: ['test/global-setup.ts'] });
