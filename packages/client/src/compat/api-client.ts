// The official SDK's ApiClient, on top of createTelephonyClient: one shared `ApiClient.instance`
// (on purpose, to be a drop-in), environments by region name, domain or URL, and its login methods.
import type { BrowserEnvOptions } from '../auth/browser-env';
import { clientCredentials } from '../auth/client-credentials';
import { implicitGrant } from '../auth/implicit';
import { pkce } from '../auth/pkce';
import { staticToken } from '../auth/static-token';
import {
  createTelephonyClient,
  type TelephonyClient,
  type TelephonyClientOptions,
} from '../create-client';
import { ValidationError } from '../errors';
import { regions, resolveRegion } from '../regions';
import type { AuthStrategy } from '../types';

/** The official SDK's region → domain map (`PureCloudRegionHosts.eu_west_1` is `mypurecloud.ie`). */
export const PureCloudRegionHosts: Record<string, string> = Object.fromEntries(
  Object.entries(regions).map(([name, domain]) => [name.replace(/-/g, '_'), domain]),
);

/** What the official SDK's login methods resolve with. */
export interface AuthData {
  accessToken: string;
  /** Epoch ms. */
  tokenExpiryTime: number;
  tokenExpiryTimeString: string;
  state?: string;
}

/** An official-SDK-style response when setReturnExtendedResponses(true) is on. */
export interface ExtendedResponse<T> {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: T;
  correlationId: string | undefined;
}

export interface Gateway {
  protocol?: string;
  host: string;
  port?: number | string;
  /** A path prefix the gateway serves the API under. */
  path?: string;
}

/** Options of the underlying client that the official SDK has no setter for. */
export type ApiClientConfiguration = Omit<TelephonyClientOptions, 'region' | 'baseUrl' | 'auth'> & {
  /** storage/location/history/crypto for the browser login methods (tests, iframes). */
  browser?: BrowserEnvOptions;
};

function toAuthData(accessToken: string, expiresAt: number, state?: string): AuthData {
  const time = Number.isFinite(expiresAt) ? expiresAt : Date.now() + 86_400_000;
  return {
    accessToken,
    tokenExpiryTime: time,
    tokenExpiryTimeString: new Date(time).toUTCString(),
    ...(state === undefined ? {} : { state }),
  };
}

export class ApiClient {
  static #instance: ApiClient | undefined;

  /** The shared instance that `new TelephonyApi()` uses. */
  static get instance(): ApiClient {
    ApiClient.#instance ??= new ApiClient();
    return ApiClient.#instance;
  }

  #target = 'mypurecloud.com';
  #auth: AuthStrategy | undefined;
  #extended = false;
  #configuration: ApiClientConfiguration = {};
  #client: TelephonyClient | undefined;

  /** The API origin, such as `https://api.mypurecloud.com`. */
  get basePath(): string {
    return resolveRegion(this.#target).apiBaseUrl;
  }

  /** The domain or URL last set with setEnvironment / setGateway. */
  get environment(): string {
    return this.#target;
  }

  /**
   * `mypurecloud.ie`, `api.mypurecloud.ie`, `https://api.mypurecloud.ie`, a region name
   * (`eu-west-1` or `eu_west_1`), or an emulator URL such as `http://127.0.0.1:8787`.
   */
  setEnvironment(environment: string): void {
    resolveRegion(environment); // throws a ValidationError that says what is accepted
    this.#target = environment;
    this.#reset();
  }

  /** Like the official SDK: send everything to a gateway (`{ protocol, host, port, path }`). */
  setGateway(gateway: Gateway): void {
    if (!gateway?.host)
      throw new ValidationError('setGateway needs at least { host }.', { field: 'host' });
    const protocol = (gateway.protocol ?? 'https').replace(/:?$/, '');
    const port = gateway.port === undefined || gateway.port === '' ? '' : `:${gateway.port}`;
    const path = gateway.path ? `/${gateway.path.replace(/^\/+|\/+$/g, '')}` : '';
    this.setEnvironment(`${protocol}://${gateway.host}${port}${path}`);
  }

  setAccessToken(token: string): void {
    this.#auth = staticToken(token);
    this.#reset();
  }

  /** Resolve with `{ status, statusText, headers, body, correlationId }` instead of the body. */
  setReturnExtendedResponses(extended: boolean): void {
    this.#extended = extended === true;
  }

  get returnExtendedResponses(): boolean {
    return this.#extended;
  }

  /** Options the official SDK has no setter for: fetch, retry, rateLimit, timeoutMs, logger, … */
  configure(configuration: ApiClientConfiguration): void {
    this.#configuration = { ...this.#configuration, ...configuration };
    this.#reset();
  }

  /** Client credentials; the token is then renewed automatically before it expires. */
  async loginClientCredentialsGrant(clientId: string, clientSecret: string): Promise<AuthData> {
    const strategy = clientCredentials({ clientId, clientSecret });
    this.#auth = strategy;
    this.#reset();
    void this.client; // attaches the strategy to this environment's login host
    const accessToken = await strategy.getToken();
    return toAuthData(accessToken, strategy.expiresAt() ?? Number.POSITIVE_INFINITY);
  }

  /**
   * Browser: resolves with the token when the page is the redirect back from the login page,
   * otherwise sends the browser to the login page (and never resolves).
   */
  async loginImplicitGrant(
    clientId: string,
    redirectUri: string,
    opts: { state?: string } = {},
  ): Promise<AuthData> {
    const strategy = implicitGrant({ clientId, redirectUri, ...this.#configuration.browser });
    return this.#redirectLogin(strategy, opts);
  }

  /** Browser: authorization code with PKCE; resolves on the redirect page, else redirects. */
  async loginPKCEGrant(
    clientId: string,
    redirectUri: string,
    opts: { state?: string } = {},
  ): Promise<AuthData> {
    const strategy = pkce({ clientId, redirectUri, ...this.#configuration.browser });
    return this.#redirectLogin(strategy, opts);
  }

  /** The typed client behind this ApiClient (built on first use, rebuilt after each setter). */
  get client(): TelephonyClient {
    this.#client ??= createTelephonyClient({
      ...this.#configuration,
      baseUrl: this.basePath,
      ...(this.#auth ? { auth: this.#auth } : {}),
    });
    return this.#client;
  }

  /** Runs one call: its data, or the extended response; rejects with an ApiError. */
  async callApi<R extends { response: Response; data?: unknown; error?: unknown }>(
    call: (client: TelephonyClient) => Promise<R>,
  ): Promise<unknown> {
    const client = this.client;
    const result = await call(client);
    const data = await client.unwrap(result);
    if (!this.#extended) return data;
    const headers: Record<string, string> = {};
    result.response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return {
      status: result.response.status,
      statusText: result.response.statusText,
      headers,
      body: data,
      correlationId: result.response.headers.get('inin-correlation-id') ?? undefined,
    } satisfies ExtendedResponse<unknown>;
  }

  async #redirectLogin(
    strategy: ReturnType<typeof pkce> | ReturnType<typeof implicitGrant>,
    opts: { state?: string },
  ): Promise<AuthData> {
    this.#auth = strategy;
    this.#reset();
    void this.client; // attaches the strategy to this environment's login host
    const result = await strategy.handleRedirect();
    if (result) return toAuthData(result.accessToken, result.expiresAt, result.state);
    await strategy.login(opts.state === undefined ? {} : { state: opts.state });
    return new Promise<AuthData>(() => {}); // the browser is navigating to the login page
  }

  #reset(): void {
    this.#client = undefined;
  }
}
