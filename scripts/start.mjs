// `npm start`: install what is missing, build, then run the main job on the embedded default.
// Until the CLI and the emulator exist, the main job prints the contract's operation table from the
// built @telephony-kit/models package: the data the CLI's help and the emulator will read.
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

const { operationTable } = await import(join(root, 'packages/models/dist/index.js'));
const rows = Object.values(operationTable).map((op) => [
  op.method.toUpperCase(),
  op.path,
  op.permissions ? `${op.permissions.type} ${op.permissions.permissions.join(', ')}` : 'no token',
  op.visibility,
]);
const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length)));
console.log(`telephony-kit covers ${rows.length} Telephony operations:\n`);
for (const row of rows)
  console.log(
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
