// Shared vitest settings: every package writes a JSON report that `npm test` sums into one
// `N passed, N failed` line, and runs its `*.test-d.ts` type tests alongside the others.
import { defineConfig, type ViteUserConfig } from 'vitest/config';

export function defineTestConfig(overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      reporters: ['default', 'json'],
      outputFile: { json: '.vitest/results.json' },
      typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
      testTimeout: 30_000,
      ...overrides,
    },
  });
}
