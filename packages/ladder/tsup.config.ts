import { defineConfig } from 'tsup';

// Browser-safe: neutral platform, no Node built-ins, nothing bundled in or imported at runtime.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: false,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
});
