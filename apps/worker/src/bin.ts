// The `telephony-worker` entry point, and the only place that exits the process.
import { runCli } from './cli';

const controller = new AbortController();
let interrupted = false;
// `start` installs its own handlers (first signal: graceful stop; second: exit at once).
if (process.argv[2] !== 'start') {
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    controller.abort(new Error('Interrupted'));
  });
}

const code = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
  signal: controller.signal,
});
// Let stdout drain (a pipe to `jq` or a file) before exiting.
process.stdout.write('', () => process.exit(interrupted && code === 0 ? 130 : code));
