import { defineConfig } from 'tsup';

export default defineConfig({
  // Three entries that share one copy of the core (`splitting`, also for CommonJS), so that an
  // `ApiError` thrown by `/node` or `/compat` is `instanceof` the class exported by `.`.
  entry: { index: 'src/index.ts', node: 'src/node.ts', compat: 'src/compat/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // The operation routes (a few hundred bytes) are copied in rather than imported: loading the
  // whole models module costs about 5% of a `node -e 0` at startup (`pnpm bench`, module load).
  noExternal: ['@telephony-kit/models'],
});
