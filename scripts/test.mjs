// `npm test`: install what is missing, run every check through turbo, then print one plain
// `N passed, N failed, N skipped` line summed over every package's vitest report.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureInstall, turbo, workspaceDirs } from './ensure-install.mjs';

const TASKS = ['lint', 'typecheck', 'check-generated', 'test', '//#lint:root', '//#lint:contract'];

const reportFiles = () => workspaceDirs().map((dir) => join(dir, '.vitest', 'results.json'));

ensureInstall();
// Reports left from an earlier run must not be counted: turbo restores them on a cache hit.
for (const file of reportFiles()) rmSync(file, { force: true });

const run = turbo([
  'run',
  ...TASKS,
  '--continue',
  '--output-logs=new-only',
  ...process.argv.slice(2),
]);

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of reportFiles()) {
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
const status = run.status ?? 1;
if (status !== 0 && failed === 0) failed = 1; // a check outside vitest failed: never report all green
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(status);
