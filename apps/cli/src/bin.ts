// The `telephony` entry point: the only place that calls process.exit. `--version` is answered
// here, before anything else is loaded; every command is imported lazily by cli.ts.
declare const __CLI_VERSION__: string;

const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${__CLI_VERSION__}\n`);
} else {
  const controller = new AbortController();
  let interrupted = false;
  const interrupt = () => {
    // A second Ctrl-C, or a command that does not stop promptly, ends the process at once.
    if (interrupted) process.exit(130);
    interrupted = true;
    controller.abort(new Error('Interrupted.'));
    setTimeout(() => process.exit(130), 3000).unref();
  };
  process.on('SIGINT', interrupt);
  // A reader that quit early (`telephony … | head`) is not a failure of ours.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(interrupted ? 130 : 0);
      throw error;
    });
  }
  const { runCli } = await import('./cli');
  const code = await runCli(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    isTTY: {
      stdout: process.stdout.isTTY === true,
      stderr: process.stderr.isTTY === true,
      stdin: process.stdin.isTTY === true,
    },
    env: process.env,
    signal: controller.signal,
    interrupt,
  });
  // Let stdout and stderr drain (a pipe may lag behind), then exit even if sockets linger.
  process.stdout.write('', () =>
    process.stderr.write('', () => process.exit(interrupted ? 130 : code)),
  );
}
