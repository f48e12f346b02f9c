// Signals: the first SIGTERM/SIGINT stops gracefully (stop taking jobs, wait up to the timeout,
// then abort and clean up); a second one exits at once. Interrupted jobs run again and resume.

export interface ShutdownOptions {
  /** Runs once, on the first signal. */
  onSignal(signal: NodeJS.Signals): Promise<void>;
  /** Called when a second signal arrives before the graceful stop is over. */
  onForce?(signal: NodeJS.Signals): void;
  /** Default: exit at once with 128 + the signal number (SIGINT 130, SIGTERM 143). */
  exit?(code: number): void;
  signals?: NodeJS.Signals[];
}

const SIGNAL_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Installs the handlers; resolves when the graceful stop of the first signal has finished. The
 * returned `dispose` removes the handlers (for a stop that did not come from a signal).
 */
export function handleShutdown(options: ShutdownOptions): {
  done: Promise<NodeJS.Signals>;
  dispose(): void;
} {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let first: NodeJS.Signals | undefined;
  let resolveDone: (signal: NodeJS.Signals) => void = () => {};
  let rejectDone: (error: unknown) => void = () => {};
  const done = new Promise<NodeJS.Signals>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });
  const handler = (signal: NodeJS.Signals) => {
    if (first) {
      options.onForce?.(signal);
      exit(SIGNAL_CODES[signal] ?? 1);
      return;
    }
    first = signal;
    options.onSignal(signal).then(() => resolveDone(signal), rejectDone);
  };
  for (const signal of signals) process.on(signal, handler);
  return {
    done,
    dispose() {
      for (const signal of signals) process.off(signal, handler);
    },
  };
}
