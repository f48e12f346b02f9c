// `npm start`: install what is missing, build, then run the main job on the embedded default.
// The main job is scripts/main-job.mjs: a walk-through against the emulator with the built client.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureInstall, root, turboEnv } from './ensure-install.mjs';

ensureInstall();
const build = spawnSync(
  join(root, 'node_modules', '.bin', 'turbo'),
  ['run', 'build', '--output-logs=errors-only'],
  {
    cwd: root,
    stdio: 'inherit',
    env: turboEnv(),
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

await import('./main-job.mjs');
