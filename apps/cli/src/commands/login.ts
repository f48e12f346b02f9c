// `telephony login`: asks for (or takes) a region and OAuth client, checks the credentials against
// /oauth/token, and only then saves them as a profile (mode 0600) with the token it just got.

import { rm } from 'node:fs/promises';
import {
  AuthError,
  clientCredentials,
  createTelephonyClient,
  resolveRegion,
} from '@telephony-kit/client';
import type { CommandDefinition, Context } from '../command';
import { assertProfileName, loadConfig, type Profile, saveConfig } from '../config/profile-store';
import { readSecretFromStdin } from '../config/read-stdin';
import { profileTokenFile, secretFingerprint, writeTokenFile } from '../config/token-cache';
import { UsageError } from '../errors';
import { presented, text } from '../output';

export interface LoginResult {
  profile: string;
  region?: string;
  baseUrl?: string;
  clientId: string;
  default: boolean;
  configFile: string;
  /** When the token obtained by the check expires (ISO 8601); it is cached for the next runs. */
  tokenExpiresAt: string | null;
}

/** Asks until the answer is a region (or URL) the client accepts. */
async function askLocation(ctx: Context, fallback: string | undefined): Promise<string> {
  for (;;) {
    const answer = await ctx.prompt.text(
      'Region (us-east-1, eu-west-1, …, or an emulator URL)',
      fallback ? { default: fallback } : {},
    );
    try {
      resolveRegion(answer);
      return answer;
    } catch (error) {
      ctx.stderr.write(`${(error as Error).message}\n`);
    }
  }
}

export const command: CommandDefinition = {
  summary: 'Save credentials as a profile, after checking them against the login service',
  usage:
    'login [--profile <name>] [--region <region> | --base-url <url>] [--client-id <id>] [--client-secret-stdin]',
  description: [
    'Asks for what the flags leave out: the region, the OAuth client id, and the client secret at a',
    'hidden prompt (or reads the secret from stdin with --client-secret-stdin). The credentials are',
    'checked with a client-credentials login (POST /oauth/token) before anything is saved; then the',
    'profile goes to config.toml in the config directory (mode 0600) and the token to its cache.',
    'The first profile becomes the default one; --set-default makes any profile the default.',
  ].join('\n'),
  options: {
    'set-default': {
      type: 'boolean',
      description: 'Make this profile the default (automatic when there is none)',
    },
  },
  examples: [
    'telephony login                                   # asks for region, client id and secret',
    'telephony login --profile prod --region eu-west-1 --client-id 7de3af06-…',
    'printf %s "$SECRET" | telephony login --region us-east-1 --client-id "$ID" --client-secret-stdin',
    'telephony login --profile emulator --base-url http://127.0.0.1:8787 --client-id telephony-kit-demo',
  ],
  async run(ctx, { options }) {
    const { globals } = ctx;
    const name = assertProfileName(globals.profile ?? 'default');
    const config = await loadConfig({ env: ctx.env, warn: ctx.warn });
    const existing: Profile | undefined = config.profiles[name];
    const interactive = ctx.isTTY.stdin && ctx.isTTY.stderr;
    const missing = (what: string, flag: string) =>
      new UsageError(`${what} is needed and stdin is not a terminal to ask for it: pass ${flag}.`, {
        command: 'login',
      });

    // Where to log in.
    let location = globals.baseUrl ?? globals.region;
    if (location === undefined) {
      if (!interactive) throw missing('A region', '--region <region> (or --base-url <url>)');
      location = await askLocation(
        ctx,
        existing?.region ?? existing?.baseUrl ?? ctx.env.GENESYSCLOUD_REGION,
      );
    }
    const resolved = resolveRegion(location);
    // A region name, domain or api./login. host is a region; anything else is a base URL.
    const isBaseUrl =
      globals.baseUrl !== undefined || (resolved.region === undefined && location.includes('://'));

    // Who logs in.
    let clientId = globals.clientId?.trim();
    if (!clientId) {
      if (!interactive) throw missing('The OAuth client id', '--client-id <id>');
      const fallback = existing?.clientId ?? ctx.env.GENESYSCLOUD_OAUTHCLIENT_ID;
      clientId = await ctx.prompt.text('OAuth client id', fallback ? { default: fallback } : {});
    }
    let clientSecret: string;
    if (globals.clientSecretStdin) {
      if (ctx.isTTY.stdin)
        throw new UsageError(
          '--client-secret-stdin reads the secret from a pipe: printf %s "$SECRET" | telephony login …, or leave the flag out to be asked.',
          { command: 'login' },
        );
      clientSecret = await readSecretFromStdin(ctx.stdin);
    } else {
      if (!interactive)
        throw missing('The client secret', '--client-secret-stdin and pipe the secret to stdin');
      clientSecret = await ctx.prompt.secret('OAuth client secret');
    }

    // Check the credentials: nothing is saved unless the login service accepts them.
    const auth = clientCredentials({ clientId, clientSecret });
    const client = createTelephonyClient({
      ...(isBaseUrl ? { baseUrl: location } : { region: location }),
      auth,
      ...(globals.timeoutMs !== undefined ? { timeoutMs: globals.timeoutMs } : {}),
    });
    ctx.log(`checking the credentials at ${client.loginBaseUrl}/oauth/token`);
    let accessToken: string;
    const issuedAt = Date.now();
    try {
      accessToken = await auth.getToken({ signal: ctx.signal });
    } catch (error) {
      if (error instanceof AuthError) {
        // The client's message already says to check the id, secret and region; a person at a
        // terminal also needs the flag that fixes a region mismatch.
        const hint =
          error.oauthError === 'invalid_client' && !isBaseUrl
            ? ` If the OAuth client belongs to an org in another region, run \`telephony login --region <that region>\` (${client.region ?? location} was used).`
            : '';
        throw new AuthError(`Login failed, nothing was saved. ${error.message}${hint}`, {
          status: error.status,
          oauthError: error.oauthError,
          correlationId: error.correlationId,
          code: error.code,
        });
      }
      throw error;
    }

    const profile: Profile = {
      name,
      ...(isBaseUrl ? { baseUrl: resolved.apiBaseUrl } : { region: resolved.region ?? location }),
      clientId,
      clientSecret,
    };
    config.profiles[name] = profile;
    const makeDefault = options['set-default'] === true || config.default === undefined;
    if (makeDefault) config.default = name;
    const file = await saveConfig(config, { env: ctx.env });

    // The token from the check is cached, so the next command does not log in again.
    const expiresAt = auth.expiresAt();
    const tokenFile = profileTokenFile(name, ctx.env);
    let tokenExpiresAt: string | null = null;
    // A token of the profile's previous credentials must not outlive them.
    await rm(tokenFile, { force: true });
    if (expiresAt !== undefined && Number.isFinite(expiresAt)) {
      try {
        await writeTokenFile(tokenFile, {
          accessToken,
          expiresAt,
          issuedAt,
          clientId,
          loginBaseUrl: client.loginBaseUrl,
          secretHash: secretFingerprint(clientId, clientSecret),
        });
        tokenExpiresAt = new Date(expiresAt).toISOString();
      } catch (error) {
        ctx.warn(
          `the token could not be cached in ${tokenFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); the next command will log in again.`,
        );
      }
    }

    const result: LoginResult = {
      profile: name,
      ...(profile.baseUrl ? { baseUrl: profile.baseUrl } : { region: profile.region as string }),
      clientId,
      default: config.default === name,
      configFile: file,
      tokenExpiresAt,
    };
    const where = profile.baseUrl ?? `region ${profile.region}`;
    return presented(
      result,
      text(
        [
          `Logged in: profile "${name}" (client ${clientId}, ${where})${result.default ? ', the default profile' : ''}.`,
          `Saved to ${file} (mode 0600).${
            result.default
              ? ''
              : ` Use it with --profile ${name}, or \`telephony profiles use ${name}\`.`
          }`,
        ].join('\n'),
      ),
    );
  },
};
