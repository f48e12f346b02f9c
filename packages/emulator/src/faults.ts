// Faults on demand: scripted sequences and seeded random rates of error statuses, dropped
// connections, truncated bodies, added latency, and PCAP jobs that never finish or fail.
import { createRandom } from './data/random';

export type FaultStatus = 429 | 500 | 502 | 503 | 504;

/** One scripted answer: pass through (`'ok'`), an error status, a drop, a truncation, or a delay. */
export type FaultStep =
  | 'ok'
  | { status: FaultStatus; retryAfter?: number }
  | { drop: true }
  | { truncate: true }
  | { latencyMs: number };

export interface FaultRule {
  /**
   * Limits the rule to one operation: an operationId of the contract, or `oauth.token`,
   * `oauth.authorize`, `tokens.me`, `storage.pcap`. Without it the rule applies to the nine
   * operations of the contract.
   */
  operationId?: string;
  /** Milliseconds added before every matching request is answered. */
  latencyMs?: number;
  /**
   * Answers for the next matching requests, one each; afterwards requests pass. When several
   * rules match a request, each adds its `latencyMs`, and the first one (in order) whose sequence
   * still has a step, or whose `rate` draws a failure, answers it: only that step is used up, the
   * other rules keep theirs for the next requests.
   */
  sequence?: FaultStep[];
  /** Probability in [0, 1] that a matching request fails (drawn from the seeded PRNG). */
  rate?: number;
  /** What a `rate` failure answers: this status (default 503), or `drop` / `truncate`. */
  status?: FaultStatus;
  /** The Retry-After (whole seconds) of a `rate` failure; without it none is sent. */
  retryAfter?: number;
  drop?: boolean;
  truncate?: boolean;
  /** PCAP jobs polled while the rule is active never become ready, or fail with 500. */
  pcap?: 'never-ready' | 'fail';
}

export type FaultAction =
  | { kind: 'ok' }
  | { kind: 'status'; status: FaultStatus; retryAfter?: number }
  | { kind: 'drop' }
  | { kind: 'truncate' };

export interface FaultDecision {
  latencyMs: number;
  action: FaultAction;
}

export interface Faults {
  decide(operationId: string, contractOperation: boolean): FaultDecision;
  pcapFate(operationId: string): 'never-ready' | 'fail' | null;
  list(): FaultRule[];
  replace(rules: FaultRule[]): void;
  reset(): void;
}

const STATUSES = new Set<number>([429, 500, 502, 503, 504]);

export function createFaults(initial: FaultRule[], seed: number): Faults {
  let rules: FaultRule[] = [];
  let random = createRandom(seed ^ 0x5eed);

  const applies = (rule: FaultRule, operationId: string, contractOperation: boolean) =>
    rule.operationId === undefined ? contractOperation : rule.operationId === operationId;

  const replace = (next: FaultRule[]) => {
    rules = next.map((rule) => validateFaultRule(rule));
  };
  replace(initial);

  return {
    decide(operationId, contractOperation) {
      let latencyMs = 0;
      let step: FaultStep | undefined;
      for (const rule of rules) {
        if (!applies(rule, operationId, contractOperation)) continue;
        latencyMs += rule.latencyMs ?? 0;
        // One step per request: once a rule has answered, later rules keep their steps.
        if (step !== undefined) continue;
        if (rule.sequence && rule.sequence.length > 0) step = rule.sequence.shift();
        else if (rule.rate !== undefined && rule.rate > 0 && random.next() < rule.rate) {
          step = rule.drop
            ? { drop: true }
            : rule.truncate
              ? { truncate: true }
              : {
                  status: rule.status ?? 503,
                  ...(rule.retryAfter !== undefined && { retryAfter: rule.retryAfter }),
                };
        }
      }
      let action: FaultAction = { kind: 'ok' };
      if (step === undefined || step === 'ok') return { latencyMs, action };
      if ('latencyMs' in step) latencyMs += step.latencyMs;
      else if ('drop' in step) action = { kind: 'drop' };
      else if ('truncate' in step) action = { kind: 'truncate' };
      else {
        action = {
          kind: 'status',
          status: step.status,
          ...(step.retryAfter !== undefined && { retryAfter: step.retryAfter }),
        };
      }
      return { latencyMs, action };
    },
    pcapFate(operationId) {
      for (const rule of rules) {
        if (rule.pcap && applies(rule, operationId, true)) return rule.pcap;
      }
      return null;
    },
    list: () => structuredClone(rules),
    replace,
    reset() {
      random = createRandom(seed ^ 0x5eed);
      replace(initial);
    },
  };
}

function checkRetryAfter(value: unknown): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
    throw new TypeError(
      `retryAfter must be a whole number of seconds >= 0 (got ${JSON.stringify(value)})`,
    );
  }
}

/** Checks a rule from an option or the control endpoint; throws a TypeError that says what is wrong. */
export function validateFaultRule(input: unknown): FaultRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('a fault rule must be an object');
  }
  const rule = structuredClone(input) as FaultRule;
  if (rule.operationId !== undefined && typeof rule.operationId !== 'string') {
    throw new TypeError('operationId must be a string');
  }
  if (rule.latencyMs !== undefined && !(rule.latencyMs >= 0)) {
    throw new TypeError('latencyMs must be a number >= 0');
  }
  if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1)) {
    throw new TypeError('rate must be a number between 0 and 1');
  }
  if (rule.status !== undefined && !STATUSES.has(rule.status)) {
    throw new TypeError('status must be one of 429, 500, 502, 503, 504');
  }
  checkRetryAfter(rule.retryAfter);
  if (rule.pcap !== undefined && rule.pcap !== 'never-ready' && rule.pcap !== 'fail') {
    throw new TypeError("pcap must be 'never-ready' or 'fail'");
  }
  if (rule.sequence !== undefined) {
    if (!Array.isArray(rule.sequence)) throw new TypeError('sequence must be an array');
    for (const step of rule.sequence) {
      const ok =
        step === 'ok' ||
        (typeof step === 'object' &&
          step !== null &&
          (('status' in step && STATUSES.has(step.status)) ||
            ('drop' in step && step.drop === true) ||
            ('truncate' in step && step.truncate === true) ||
            ('latencyMs' in step && step.latencyMs >= 0)));
      if (!ok) {
        throw new TypeError(
          `bad sequence step ${JSON.stringify(step)}: use 'ok', {status}, {drop: true}, {truncate: true} or {latencyMs}`,
        );
      }
      if (typeof step === 'object' && 'status' in step) checkRetryAfter(step.retryAfter);
    }
  }
  return rule;
}
