// Turns a region name, a bare domain or a URL into the API and login base URLs.
import { ValidationError } from './errors';

/** Every Genesys Cloud region and the domain its hosts live under (`api.<domain>`, `login.<domain>`). */
export const regions = {
  'us-east-1': 'mypurecloud.com',
  'us-east-2': 'use2.us-gov-pure.cloud',
  'us-west-2': 'usw2.pure.cloud',
  'ca-central-1': 'cac1.pure.cloud',
  'sa-east-1': 'sae1.pure.cloud',
  'mx-central-1': 'mxc1.pure.cloud',
  'eu-west-1': 'mypurecloud.ie',
  'eu-west-2': 'euw2.pure.cloud',
  'eu-central-1': 'mypurecloud.de',
  'eu-central-2': 'euc2.pure.cloud',
  'me-central-1': 'mec1.pure.cloud',
  'eusc-de-east-1': 'edee1.eusc-pure.cloud',
  'ap-south-1': 'aps1.pure.cloud',
  'ap-southeast-1': 'apse1.pure.cloud',
  'ap-southeast-2': 'mypurecloud.com.au',
  'ap-northeast-1': 'mypurecloud.jp',
  'ap-northeast-2': 'apne2.pure.cloud',
  'ap-northeast-3': 'apne3.pure.cloud',
  dca: 'inindca.com',
  tca: 'inintca.com',
} as const;

export type RegionName = keyof typeof regions;
type Underscored<S extends string> = S extends `${infer A}-${infer B}`
  ? `${A}_${Underscored<B>}`
  : S;
/** A region name, also with underscores as the official SDK spells them (`eu_west_1`). */
export type RegionAlias = RegionName | Underscored<RegionName>;

export interface ResolvedRegion {
  /** The region name when the input named a known region or domain. */
  readonly region: RegionName | undefined;
  /** `https://api.<domain>` (or the given origin, without a trailing slash). */
  readonly apiBaseUrl: string;
  /** `https://login.<domain>`; the same origin as the API for loopback and non-`api.` hosts. */
  readonly loginBaseUrl: string;
}

/** True for `localhost`, `127.x.x.x` and `[::1]`: the only hosts that may be reached over http. */
export function isLoopbackHost(hostname: string): boolean {
  return /^(localhost|127(\.\d{1,3}){3}|\[::1\]|::1)$/i.test(hostname);
}

/**
 * Resolves `us-east-1`, `us_east_1`, `mypurecloud.ie`, `api.mypurecloud.ie`,
 * `https://api.mypurecloud.ie` or `http://127.0.0.1:8787` to base URLs.
 */
export function resolveRegion(input: string): ResolvedRegion {
  const invalid = (problem: string, cause?: unknown) =>
    new ValidationError(`"${input}"${problem}`, { field: 'region', cause });
  const value = input.trim();
  const name = value.toLowerCase().replace(/_/g, '-');
  // A region name stands for its domain.
  const text = Object.hasOwn(regions, name) ? regions[name as RegionName] : value;
  if (!text)
    throw invalid(
      ': the region is empty; pass a region such as "us-east-1", a domain such as "mypurecloud.ie", or a URL.',
    );
  const bare = !/^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: URL;
  try {
    url = new URL(bare ? `https://${text}` : text);
  } catch (cause) {
    throw invalid(
      ` is neither a known region (${Object.keys(regions).join(', ')}) nor a URL.`,
      cause,
    );
  }
  const { protocol, hostname: host, port } = url;
  const loopback = isLoopbackHost(host);
  if (!/^https?:$/.test(protocol)) throw invalid(` uses ${protocol} but only https is supported.`);
  if (protocol === 'http:' && !loopback)
    throw invalid(
      ' uses plain http, which would send tokens unencrypted: use https, or http only for a loopback host such as http://127.0.0.1:8787.',
    );
  const path = url.pathname.replace(/\/+$/, '');
  // A bare domain (mypurecloud.ie) means its api. host; api.X and login.X name the pair.
  const domain = /^(api|login)\./.test(host)
    ? host.replace(/^\w+\./, '')
    : bare && host.includes('.') && !loopback
      ? host
      : undefined;
  const region = (Object.keys(regions) as RegionName[]).find((key) => regions[key] === domain);
  if (!domain || loopback) {
    // An emulator, a proxy or a gateway: it serves /oauth/* on its own origin.
    const origin = `${url.origin}${path}`;
    return { region, apiBaseUrl: origin, loginBaseUrl: origin };
  }
  const at = `${protocol}//`;
  const suffix = `${domain}${port && `:${port}`}`;
  return { region, apiBaseUrl: `${at}api.${suffix}${path}`, loginBaseUrl: `${at}login.${suffix}` };
}
