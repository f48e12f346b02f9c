// Where a strategy finds its login host and fetch: its own options first, then the client it is
// attached to.
import { ValidationError } from '../errors';
import { type RegionName, resolveRegion } from '../regions';
import type { AuthContext, FetchLike, Logger } from '../types';

export interface StrategyHostOptions {
  /** The region (or domain) to log in to; defaults to the client's. */
  region?: string;
  /** The login origin (`https://login.mypurecloud.ie`, or an emulator's URL); defaults to the client's. */
  loginBaseUrl?: string;
  /** Defaults to the client's raw fetch, then globalThis.fetch. */
  fetch?: FetchLike;
}

export interface StrategyContext {
  attach(context: AuthContext): void;
  readonly loginBaseUrl: string;
  readonly region: RegionName | undefined;
  readonly fetch: FetchLike;
  readonly logger: Logger | undefined;
  readonly timeoutMs: number;
  now(): number;
}

export function createStrategyContext(kind: string, options: StrategyHostOptions): StrategyContext {
  const target = options.loginBaseUrl ?? options.region;
  const own = target === undefined ? undefined : resolveRegion(target);
  let attached: AuthContext | undefined;
  return {
    attach(context) {
      if (!own && attached && attached.loginBaseUrl !== context.loginBaseUrl) {
        throw new ValidationError(
          `This ${kind} strategy logs in at ${attached.loginBaseUrl}: create one per region.`,
          { field: 'auth' },
        );
      }
      attached = context;
    },
    get loginBaseUrl() {
      const base = own?.loginBaseUrl ?? attached?.loginBaseUrl;
      if (base === undefined) {
        throw new ValidationError(
          `The ${kind} strategy has no login host: pass it to createTelephonyClient, or give it a region.`,
          { field: 'auth' },
        );
      }
      return base;
    },
    get region() {
      return own ? own.region : attached?.region;
    },
    get fetch() {
      return options.fetch ?? attached?.fetch ?? ((request: Request) => globalThis.fetch(request));
    },
    get logger() {
      return attached?.logger;
    },
    get timeoutMs() {
      return attached?.timeoutMs ?? 30_000;
    },
    now: () => (attached ? attached.now() : Date.now()),
  };
}
