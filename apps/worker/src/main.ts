// `telephony-worker start`: settings → logger → worker → HTTP API → wait for a signal. Resolves
// with the exit code; only the bin's entry point exits (and shutdown.ts, on a second signal).
import pino, { type Logger } from 'pino';
import { parseSettings, SettingsError, START_USAGE, type WorkerSettings } from './env';
import { startHttpServer } from './http';
import { createWorkerMetrics } from './metrics';
import { handleShutdown } from './shutdown';
import { startWorker } from './worker';

export interface StartIo {
  env?: NodeJS.ProcessEnv;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
}

async function createLogger(settings: WorkerSettings, env: NodeJS.ProcessEnv): Promise<Logger> {
  const level = env.LOG_LEVEL || 'info';
  if (settings.pretty) {
    const { default: pretty } = await import('pino-pretty');
    return pino({ level }, pretty({ destination: 1, sync: true, ignore: 'pid,hostname' }));
  }
  // JSON lines on stdout; synchronous so that the last lines before an exit are not lost.
  return pino(
    { level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: 1, sync: true }),
  );
}

/** Runs the worker until SIGTERM/SIGINT; resolves with the exit code. */
export async function start(argv: string[], io: StartIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  if (argv.includes('--help') || argv.includes('-h')) {
    stdout.write(START_USAGE);
    return 0;
  }
  let settings: WorkerSettings;
  try {
    settings = parseSettings(argv, env);
  } catch (error) {
    if (error instanceof SettingsError) {
      stderr.write(`telephony-worker start: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
  const logger = await createLogger(settings, env);
  const metrics = createWorkerMetrics();
  let worker: Awaited<ReturnType<typeof startWorker>>;
  try {
    worker = await startWorker(settings, { metrics, logger });
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    logger.fatal({ err: error }, 'the worker could not start');
    stderr.write(`telephony-worker start: ${message}\n`);
    return 1;
  }
  let http: Awaited<ReturnType<typeof startHttpServer>>;
  try {
    http = await startHttpServer({
      worker,
      host: settings.host,
      port: settings.port,
      token: settings.apiToken,
      metrics,
      logger,
    });
  } catch (error) {
    logger.fatal({ err: error }, 'the HTTP API could not start');
    stderr.write(`telephony-worker start: ${(error as Error).message}\n`);
    await worker.stop({ timeoutMs: 0 });
    return 1;
  }
  logger.info({ url: http.url }, 'HTTP API listening');

  const shutdown = handleShutdown({
    async onSignal(signal) {
      logger.info(
        { signal, timeoutMs: settings.shutdownTimeoutMs },
        'stopping: no new jobs; waiting for running jobs (send the signal again to exit at once)',
      );
      try {
        await worker.stop();
      } finally {
        await http.close();
      }
    },
    onForce(signal) {
      logger.warn({ signal }, 'second signal: exiting at once');
    },
  });
  await shutdown.done;
  shutdown.dispose();
  logger.info('bye');
  return 0;
}
