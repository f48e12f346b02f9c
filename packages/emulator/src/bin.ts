// telephony-emulator: starts the emulator, prints its URL and the demo credentials on stdout, and
// stops cleanly on SIGINT/SIGTERM.
import { createEmulator } from './create-emulator';
import { parseEmulatorArgs, USAGE } from './parse-args';

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseEmulatorArgs>;
  try {
    parsed = parseEmulatorArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`telephony-emulator: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return 0;
  }

  const emulator = await createEmulator(parsed.options);
  const { demo, viewer } = emulator.credentials;
  process.stdout.write(
    [
      `Telephony API emulator listening on ${emulator.url}`,
      `  API and login base URL: ${emulator.url}`,
      `  all permissions:  client id ${demo.clientId}  secret ${demo.clientSecret}`,
      `  view only:        client id ${viewer.clientId}  secret ${viewer.clientSecret}`,
      `  control endpoint: ${parsed.options.control ? `${emulator.url}/__emulator` : 'off (start with --control)'}`,
      '',
    ].join('\n'),
  );

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stderr.write(`telephony-emulator: ${signal}, stopping\n`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await emulator.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `telephony-emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
