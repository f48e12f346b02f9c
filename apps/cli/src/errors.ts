// Turns any error into one line on stderr (what failed and what to do) and an exit code.
import { ExitCode, type ExitCodeValue } from './exit-codes';

/** A command line mistake: unknown option, missing argument, bad value. Exit 2, nothing sent. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** The command whose help the message points to. */
  readonly command: string | undefined;
  constructor(message: string, options: { command?: string } = {}) {
    super(message);
    this.command = options.command;
  }
}

/** A failure the CLI itself detects, with the exit code it deserves. */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: ExitCodeValue;
  constructor(message: string, exitCode: ExitCodeValue = ExitCode.failure) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** The reason ctx.signal carries after Ctrl-C. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor() {
    super('Interrupted.');
  }
}

/** Ends a --dry-run once the first request has been printed; not a failure. */
export class DryRunComplete extends Error {
  override name = 'DryRunComplete';
  constructor() {
    super('Dry run: the request was printed and not sent.');
  }
}

export interface DescribedError {
  exitCode: ExitCodeValue;
  /** One line, no trailing newline. */
  message: string;
}

interface ClientErrorShape {
  name: string;
  message: string;
  code?: string;
  status?: number;
  method?: string;
  path?: string;
  correlationId?: string;
  missingPermissions?: readonly string[];
  retryAfterMs?: number;
  oauthError?: string;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

function withCorrelation(message: string, error: ClientErrorShape): string {
  return error.correlationId && !message.includes(error.correlationId)
    ? `${message} (correlation id ${error.correlationId})`
    : message;
}

/**
 * What to print and which exit code to use. The client's errors already say what to do; this adds
 * what a terminal user needs (the permission to ask for, the wait a rate limit asks for, the flag
 * that helps) and maps each class to its exit code.
 */
export function describeError(error: unknown): DescribedError {
  if (error instanceof InterruptedError) {
    return { exitCode: ExitCode.interrupted, message: 'Interrupted.' };
  }
  if (error instanceof UsageError) {
    const help = error.command
      ? ` See \`telephony ${error.command} --help\`.`
      : ' See `telephony --help`.';
    return { exitCode: ExitCode.usage, message: oneLine(error.message) + help };
  }
  if (error instanceof CliError) {
    return { exitCode: error.exitCode, message: oneLine(error.message) };
  }
  const e = (error ?? {}) as ClientErrorShape;
  switch (e.name) {
    case 'ValidationError':
      return { exitCode: ExitCode.usage, message: oneLine(e.message) };
    case 'AuthError': {
      let message = oneLine(e.message);
      if (e.oauthError === 'invalid_client' && !/region/i.test(message)) {
        message += ' Check the client id and secret, and that --region matches the org.';
      }
      return { exitCode: ExitCode.auth, message: withCorrelation(message, e) };
    }
    case 'RateLimitError': {
      const wait = e.retryAfterMs ? ` The API asks to wait ${formatMs(e.retryAfterMs)}.` : '';
      return {
        exitCode: ExitCode.failure,
        message: withCorrelation(
          `${oneLine(e.message)}${wait && !e.message.includes('wait') ? wait : ''}`,
          e,
        ),
      };
    }
    case 'ApiError': {
      if (e.status === 401) {
        return { exitCode: ExitCode.auth, message: withCorrelation(oneLine(e.message), e) };
      }
      if (e.status === 404) {
        return { exitCode: ExitCode.notFound, message: withCorrelation(oneLine(e.message), e) };
      }
      let message = oneLine(e.message);
      if (e.status === 403 && e.missingPermissions?.length) {
        const named = e.missingPermissions.every((p) => message.includes(p));
        if (!named) message += ` Missing permission: ${e.missingPermissions.join(', ')}.`;
      }
      return { exitCode: ExitCode.failure, message: withCorrelation(message, e) };
    }
    case 'TimeoutError':
    case 'NetworkError':
      return { exitCode: ExitCode.failure, message: oneLine(e.message) };
    default: {
      const text = e.message ? oneLine(String(e.message)) : String(error);
      return {
        exitCode: ExitCode.failure,
        message: `${text} (unexpected error; run again with --verbose for details)`,
      };
    }
  }
}

/** 1500 → "1.5 s", 180000 → "3 min". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Number((ms / 1000).toFixed(1))} s`;
  return `${Number((ms / 60_000).toFixed(1))} min`;
}
