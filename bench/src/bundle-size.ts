// Bundles a small browser app the way a user's bundler would (esbuild, minified, ESM, browser
// platform) and measures it gzipped at level 9.
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';

export interface BundleSize {
  minified: number;
  gzipped: number;
}

/** The bundle as text: what a browser would download. `options` adds an entry or stdin. */
export async function bundleText(options: BuildOptions): Promise<string> {
  const result = await build({
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    ...options,
  });
  const text = result.outputFiles?.[0]?.text;
  if (text === undefined) throw new Error('esbuild produced no output');
  return text;
}

export async function measureBundle(entry: string): Promise<BundleSize> {
  const code = Buffer.from(await bundleText({ entryPoints: [entry] }));
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}
