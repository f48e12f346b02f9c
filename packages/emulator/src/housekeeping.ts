// Keeps a long-running emulator from growing: expired tokens, expired authorization codes and
// finished rate-limit windows are swept now and then (by the emulator's clock), and the number of
// PCAP jobs is capped.
import type { EmulatorState, PcapJob } from './state';

/** A sweep runs once every this many requests (and on reset()). */
export const SWEEP_EVERY_REQUESTS = 1_000;
/** Past this many PCAP jobs, the oldest are forgotten (their downloadId then answers 404). */
export const MAX_PCAP_JOBS = 10_000;

export function sweepExpired(state: EmulatorState): void {
  const now = state.clock.now();
  for (const [key, token] of state.tokens) if (token.expiresAt <= now) state.tokens.delete(key);
  for (const [key, code] of state.codes) if (code.expiresAt <= now) state.codes.delete(key);
  state.rateLimiter.sweep();
}

export function addJob(state: EmulatorState, job: PcapJob): void {
  state.jobs.set(job.downloadId, job);
  // A Map iterates in insertion order: the first keys are the oldest jobs.
  for (const downloadId of state.jobs.keys()) {
    if (state.jobs.size <= MAX_PCAP_JOBS) break;
    state.jobs.delete(downloadId);
  }
}
