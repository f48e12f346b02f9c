// Access tokens cached on disk between runs: `<configDir>/tokens/<profile-or-hash>.json`, mode
// 0600, written atomically. The strategy wraps the client's clientCredentials: getToken reads the
// cache first, invalidate (after a 401) drops it, so the client still re-authenticates exactly once.
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type AuthContext,
  type AuthStrategy,
  type ClientCredentialsAuth,
  clientCredentials,
} from '@telephony-kit/client';
import { tokensDir } from './paths';
import { writeFileAtomic } from './write-file-atomic';

export interface CachedToken {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  /** Epoch ms. */
  issuedAt: number;
  /** Whose token it is: a token is reused only for the same client and login host. */
  clientId: string;
  loginBaseUrl: string;
  /**
   * A fingerprint of the secret the token was issued for (see {@link secretFingerprint}): a changed
   * or mistyped secret is checked against the login service instead of being masked by the cache.
   */
  secretHash: string;
}

/** sha256 of the client id and secret: identifies the credentials, never reveals the secret. */
export function secretFingerprint(clientId: string, clientSecret: string): string {
  return createHash('sha256')
    .update(`telephony-kit token cache\n${clientId}\n${clientSecret}`)
    .digest('hex');
}

export interface CachedClientCredentialsOptions {
  clientId: string;
  clientSecret: string;
  /** `https://login.<domain>` or the emulator's origin: part of the token's identity. */
  loginBaseUrl: string;
  /** The cache file. */
  file: string;
  /** The clock; defaults to the client's, then Date.now. */
  now?: () => number;
  /** Refresh this long before expiry (at most 10% of the lifetime). Default 60 s. */
  refreshMarginMs?: number;
  /** Told when the cache cannot be written (the command goes on). */
  warn?: (message: string) => void;
  /** The strategy that fetches tokens; defaults to clientCredentials({ clientId, clientSecret }). */
  inner?: ClientCredentialsAuth;
}

export interface CachedClientCredentialsAuth extends AuthStrategy {
  readonly kind: 'client-credentials';
  readonly file: string;
  /** The token in use (from memory or disk) and its expiry, if any. */
  peek(): CachedToken | undefined;
}

/** The cache file of a profile. */
export function profileTokenFile(profile: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(tokensDir(env), `${profile}.json`);
}

/**
 * The cache file of credentials that come from flags or the environment: named by a hash of the
 * login host and client id (never the secret). Profile names cannot start with "_".
 */
export function credentialsTokenFile(
  loginBaseUrl: string,
  clientId: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const hash = createHash('sha256').update(`${loginBaseUrl}\n${clientId}`).digest('hex');
  return join(tokensDir(env), `_${hash.slice(0, 24)}.json`);
}

const isFresh = (token: CachedToken, now: number, marginMs: number) =>
  now < token.expiresAt - Math.min(marginMs, (token.expiresAt - token.issuedAt) * 0.1);

/** Reads a cache file; anything missing, unreadable or malformed is no token. */
export async function readTokenFile(file: string): Promise<CachedToken | undefined> {
  let data: Partial<CachedToken>;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
  const { accessToken, expiresAt, issuedAt, clientId, loginBaseUrl, secretHash } = data ?? {};
  if (
    typeof accessToken !== 'string' ||
    !accessToken ||
    typeof expiresAt !== 'number' ||
    !Number.isFinite(expiresAt) ||
    typeof issuedAt !== 'number' ||
    typeof clientId !== 'string' ||
    typeof loginBaseUrl !== 'string' ||
    typeof secretHash !== 'string'
  )
    return undefined;
  return { accessToken, expiresAt, issuedAt, clientId, loginBaseUrl, secretHash };
}

/** Writes a cache file atomically, mode 0600 in a 0700 directory. */
export async function writeTokenFile(file: string, token: CachedToken): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(token)}\n`, { mode: 0o600, dirMode: 0o700 });
}

/** The cached token's expiry when it is still usable at `now`, for `profiles list`. */
export async function cachedTokenExpiry(
  file: string,
  now: number = Date.now(),
): Promise<number | undefined> {
  const token = await readTokenFile(file);
  return token && token.expiresAt > now ? token.expiresAt : undefined;
}

export function cachedClientCredentials(
  options: CachedClientCredentialsOptions,
): CachedClientCredentialsAuth {
  const { clientId, loginBaseUrl, file, warn } = options;
  const marginMs = options.refreshMarginMs ?? 60_000;
  const secretHash = secretFingerprint(clientId, options.clientSecret);
  const inner =
    options.inner ??
    clientCredentials({
      clientId,
      clientSecret: options.clientSecret,
      ...(options.refreshMarginMs === undefined ? {} : { refreshMarginMs: marginMs }),
    });
  let clientNow: (() => number) | undefined;
  const now = () => (options.now ?? clientNow ?? Date.now)();
  let current: CachedToken | undefined;
  let pending: Promise<string> | undefined;

  const usable = (token: CachedToken | undefined): token is CachedToken =>
    !!token &&
    token.clientId === clientId &&
    token.loginBaseUrl === loginBaseUrl &&
    token.secretHash === secretHash &&
    isFresh(token, now(), marginMs);

  async function load(signal: AbortSignal | undefined): Promise<string> {
    const stored = await readTokenFile(file);
    if (usable(stored)) {
      current = stored;
      return stored.accessToken;
    }
    const issuedAt = now();
    const accessToken = await inner.getToken({ signal });
    const expiresAt = inner.expiresAt();
    current = {
      accessToken,
      expiresAt: expiresAt ?? Infinity,
      issuedAt,
      clientId,
      loginBaseUrl,
      secretHash,
    };
    // A token without a stated lifetime is kept in memory only.
    if (expiresAt !== undefined && Number.isFinite(expiresAt)) {
      try {
        await writeTokenFile(file, current);
      } catch (error) {
        warn?.(
          `The access token could not be cached in ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); each run will log in again.`,
        );
      }
    }
    return accessToken;
  }

  return {
    kind: 'client-credentials',
    file,
    attach(context: AuthContext) {
      clientNow = context.now;
      inner.attach?.(context);
    },
    async getToken(opts) {
      opts?.signal?.throwIfAborted();
      if (usable(current)) return current.accessToken;
      if (!pending) {
        pending = load(opts?.signal).finally(() => {
          pending = undefined;
        });
        pending.catch(() => {});
      }
      return pending;
    },
    async invalidate(token) {
      if (current?.accessToken === token) current = undefined;
      const stored = await readTokenFile(file);
      if (stored?.accessToken === token) await rm(file, { force: true }).catch(() => {});
      return (await inner.invalidate?.(token)) ?? true;
    },
    peek: () => current,
  };
}
