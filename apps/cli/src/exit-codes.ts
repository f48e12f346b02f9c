// The exit codes of `telephony`, documented in the README. Only bin.ts passes them to process.exit.
export const ExitCode = {
  /** It worked. */
  ok: 0,
  /** The API answered with an error, or the network failed (timeouts, rate limits, 5xx, 403). */
  failure: 1,
  /** Bad command line or input: nothing was sent. */
  usage: 2,
  /** No credentials, or the credentials or token were refused (401, invalid_client). */
  auth: 3,
  /** What was asked for does not exist (404). */
  notFound: 4,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
