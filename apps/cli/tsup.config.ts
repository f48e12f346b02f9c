import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8')) as { version: string };

// One ESM entry; every command is reached through a dynamic import(), so code splitting puts each
// in its own chunk and `telephony --version` loads none of them.
export default defineConfig({
  entry: { bin: 'src/bin.ts' },
  format: ['esm'],
  splitting: true,
  dts: false,
  clean: false,
  sourcemap: true,
  platform: 'node',
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
  define: { __CLI_VERSION__: JSON.stringify(version) },
});
