// `npm start`: install what is missing, build, then run the main job on the embedded default.
// The main job is scripts/main-job.mjs: a walk-through against the emulator with the built CLI.
import { ensureInstall, turbo } from './ensure-install.mjs';

ensureInstall();
const build = turbo(['run', 'build', '--output-logs=errors-only']);
if (build.status !== 0) process.exit(build.status ?? 1);

await import('./main-job.mjs');
