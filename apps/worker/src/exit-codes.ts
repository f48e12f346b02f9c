// The exit codes of `telephony-worker`, the same as the `telephony` CLI's.
export const exitCodes = {
  ok: 0,
  /** The worker API failed, or could not be reached. */
  failure: 1,
  /** A wrong command, option or value; nothing was sent. */
  usage: 2,
  /** The worker API refused the token (401/403). */
  auth: 3,
  /** The job or rollout does not exist. */
  notFound: 4,
  /** SIGINT (Ctrl-C). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** An error the command line reports in one line (plus details) and exits with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A usage or validation error: exit 2, with a pointer to the command's help. */
export function usageError(message: string, details: readonly string[] = []): CliError {
  return new CliError(message, exitCodes.usage, details);
}
