// Where a command's region and credentials come from. Highest first: flags, the environment
// (the names the official CLI and Terraform provider read), then the profile (--profile, else
// $TELEPHONY_PROFILE, else the default one). `source` says which, never what the secrets are.
import {
  AuthError,
  type AuthStrategy,
  resolveRegion,
  staticToken,
  ValidationError,
} from '@telephony-kit/client';
import { loadConfig, type Profile, type Warn } from './profile-store';
import { cachedClientCredentials, credentialsTokenFile, profileTokenFile } from './token-cache';

export interface SettingsFlags {
  profile?: string;
  region?: string;
  baseUrl?: string;
  clientId?: string;
  /** Read from stdin by --client-secret-stdin: never a flag value. */
  clientSecret?: string;
}

export interface ResolvedSettings {
  /** The profile used, if any. */
  profile?: string;
  /** Exactly one of region and baseUrl is set. */
  region?: string;
  baseUrl?: string;
  /**
   * staticToken(GENESYSCLOUD_ACCESS_TOKEN), or clientCredentials wrapped so that tokens are cached
   * on disk (0600). When no credentials were found, a strategy whose getToken throws an AuthError
   * saying how to log in (operations that need no token still work).
   */
  auth?: AuthStrategy;
  /** For --verbose, e.g. `profile "prod" + env GENESYSCLOUD_REGION` (no secrets). */
  source: string;
}

export interface ResolveOptions {
  /** Warnings (a config file others can read, a token cache that cannot be written). */
  warn?: Warn;
  /** The clock of the token cache. */
  now?: () => number;
}

const ENV = {
  region: 'GENESYSCLOUD_REGION',
  clientId: 'GENESYSCLOUD_OAUTHCLIENT_ID',
  clientSecret: 'GENESYSCLOUD_OAUTHCLIENT_SECRET',
  accessToken: 'GENESYSCLOUD_ACCESS_TOKEN',
} as const;

const LOGIN_HINT =
  'run `telephony login`, or set GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET (or GENESYSCLOUD_ACCESS_TOKEN)';

const defaultWarn: Warn = (message) => process.stderr.write(`telephony: warning: ${message}\n`);

const value = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

/** A strategy for "no credentials": the error comes only when a token is actually needed. */
function missingCredentials(why: string): AuthStrategy {
  return {
    kind: 'none',
    getToken: () =>
      Promise.reject(
        new AuthError(`No credentials: ${why}. To fix it, ${LOGIN_HINT}.`, {
          code: 'authentication.required',
        }),
      ),
    invalidate: () => false,
  };
}

export async function resolveSettings(
  flags: SettingsFlags,
  env: NodeJS.ProcessEnv,
  { warn = defaultWarn, now }: ResolveOptions = {},
): Promise<ResolvedSettings> {
  const sources: string[] = [];
  const flagRegion = value(flags.region);
  const flagBaseUrl = value(flags.baseUrl);
  const flagClientId = value(flags.clientId);
  const flagSecret = flags.clientSecret === undefined ? undefined : flags.clientSecret.trim();
  const envRegion = value(env[ENV.region]);
  const envClientId = value(env[ENV.clientId]);
  const envSecret = value(env[ENV.clientSecret]);
  const envToken = value(env[ENV.accessToken]);

  if (flagRegion && flagBaseUrl)
    throw new ValidationError('Pass one of --region and --base-url, not both.', {
      field: 'region',
    });
  if (flagSecret === '')
    throw new ValidationError(
      '--client-secret-stdin read an empty secret: pipe the client secret to stdin.',
      { field: 'clientSecret' },
    );

  // The profile is read only when it is named, or when flags and env leave something open.
  const explicit = value(flags.profile) ?? value(env.TELEPHONY_PROFILE);
  const explicitFrom = value(flags.profile) ? '--profile' : 'TELEPHONY_PROFILE';
  const locationGiven = !!(flagRegion || flagBaseUrl || envRegion);
  const useToken = !!envToken && !flagClientId && flagSecret === undefined;
  const authGiven = useToken || !!((flagClientId ?? envClientId) && (flagSecret ?? envSecret));
  let profile: Profile | undefined;
  if (explicit || !locationGiven || !authGiven) {
    const config = await loadConfig({ env, warn });
    const name = explicit ?? config.default;
    if (name !== undefined) {
      profile = config.profiles[name];
      if (!profile) {
        const known = Object.keys(config.profiles);
        throw new ValidationError(
          `Profile "${name}" (from ${explicit ? explicitFrom : 'the default'}) does not exist${
            known.length ? ` (profiles: ${known.join(', ')})` : ''
          }: run \`telephony login --profile ${name}\` to create it, or \`telephony profiles list\`.`,
          { field: 'profile' },
        );
      }
    }
  }
  if (profile) sources.push(`profile "${profile.name}"`);

  // The location: the highest layer that names one, as a whole.
  let region: string | undefined;
  let baseUrl: string | undefined;
  let locationFrom: string;
  if (flagBaseUrl) [baseUrl, locationFrom] = [flagBaseUrl, '--base-url'];
  else if (flagRegion) [region, locationFrom] = [flagRegion, '--region'];
  else if (envRegion) [region, locationFrom] = [envRegion, `env ${ENV.region}`];
  else if (profile) {
    [region, baseUrl] = [profile.region, profile.baseUrl];
    locationFrom = `profile "${profile.name}"`;
  } else
    throw new ValidationError(
      `No region: pass --region (or --base-url for an emulator), set ${ENV.region}, or run \`telephony login\` to save a profile.`,
      { field: 'region' },
    );
  if (!locationFrom.startsWith('profile')) sources.push(locationFrom);
  let loginBaseUrl: string;
  try {
    loginBaseUrl = resolveRegion((baseUrl ?? region) as string).loginBaseUrl;
  } catch (error) {
    throw new ValidationError(`${(error as Error).message} (from ${locationFrom})`, {
      field: 'region',
    });
  }

  // The credentials: flags, then an access token, then client credentials from env, then profile.
  let auth: AuthStrategy;
  const clientId = useToken ? undefined : (flagClientId ?? envClientId ?? profile?.clientId);
  if (useToken && envToken) {
    auth = staticToken(envToken);
    sources.push(`env ${ENV.accessToken}`);
  } else if (clientId) {
    const idFrom = flagClientId ? '--client-id' : envClientId ? `env ${ENV.clientId}` : 'profile';
    let secret = flagSecret ?? envSecret;
    let secretFrom = flagSecret !== undefined ? '--client-secret-stdin' : `env ${ENV.clientSecret}`;
    // A profile's secret belongs to the profile's client id only.
    if (secret === undefined && profile && profile.clientId === clientId) {
      secret = profile.clientSecret;
      secretFrom = 'profile';
    }
    if (secret === undefined)
      throw new ValidationError(
        `No client secret for client id ${clientId} (from ${idFrom}): pipe it to --client-secret-stdin or set ${ENV.clientSecret}.`,
        { field: 'clientSecret' },
      );
    for (const from of [idFrom, secretFrom]) {
      if (from !== 'profile' && !sources.includes(from)) sources.push(from);
    }
    const fromProfile =
      !!profile &&
      idFrom === 'profile' &&
      secretFrom === 'profile' &&
      locationFrom.startsWith('profile');
    auth = cachedClientCredentials({
      clientId,
      clientSecret: secret,
      loginBaseUrl,
      file: fromProfile
        ? profileTokenFile((profile as Profile).name, env)
        : credentialsTokenFile(loginBaseUrl, clientId, env),
      warn,
      ...(now ? { now } : {}),
    });
  } else if (flagSecret !== undefined || envSecret) {
    throw new ValidationError(
      `A client secret was given (${flagSecret !== undefined ? '--client-secret-stdin' : `env ${ENV.clientSecret}`}) but no client id: pass --client-id or set ${ENV.clientId}.`,
      { field: 'clientId' },
    );
  } else {
    auth = missingCredentials('no profile, flag or environment variable gives any');
  }

  return {
    ...(profile ? { profile: profile.name } : {}),
    ...(baseUrl === undefined ? { region: region as string } : { baseUrl }),
    auth,
    source: sources.join(' + '),
  };
}
