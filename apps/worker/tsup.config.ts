import { defineConfig } from 'tsup';

// The worker is an application: one ESM bin. The test helpers spawn `dist/bin.js`.
export default defineConfig([
  {
    entry: { bin: 'src/bin.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
    sourcemap: true,
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
