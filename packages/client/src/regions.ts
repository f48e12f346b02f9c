// Turns a region name, a bare domain or a URL into the API and login base URLs.
import { ValidationError } from './errors';

/** Every Genesys Cloud region and the domain its hosts live under (`api.<domain>`, `login.<domain>`). */
export interface Regions {
  readonly 'us-east-1': 'mypurecloud.com';
  readonly 'us-east-2': 'use2.us-gov-pure.cloud';
  readonly 'us-west-2': 'usw2.pure.cloud';
  readonly 'ca-central-1': 'cac1.pure.cloud';
  readonly 'sa-east-1': 'sae1.pure.cloud';
  readonly 'mx-central-1': 'mxc1.pure.cloud';
  readonly 'eu-west-1': 'mypurecloud.ie';
  readonly 'eu-west-2': 'euw2.pure.cloud';
  readonly 'eu-central-1': 'mypurecloud.de';
  readonly 'eu-central-2': 'euc2.pure.cloud';
  readonly 'me-central-1': 'mec1.pure.cloud';
  readonly 'eusc-de-east-1': 'edee1.eusc-pure.cloud';
  readonly 'ap-south-1': 'aps1.pure.cloud';
  readonly 'ap-southeast-1': 'apse1.pure.cloud';
  readonly 'ap-southeast-2': 'mypurecloud.com.au';
  readonly 'ap-northeast-1': 'mypurecloud.jp';
  readonly 'ap-northeast-2': 'apne2.pure.cloud';
  readonly 'ap-northeast-3': 'apne3.pure.cloud';
  readonly dca: 'inindca.com';
  readonly tca: 'inintca.com';
}

/**
 * The same table, as the client carries it: `name=domain` pairs, where a domain without a dot
 * stands for `<it>.pure.cloud` and a leading `.` for `mypurecloud.<rest>`. test/regions.test.ts
 * checks it against the list above.
 */
export const regions: Regions = Object.fromEntries(
  'us-east-1=.com us-east-2=use2.us-gov-pure.cloud us-west-2=usw2 ca-central-1=cac1 sa-east-1=sae1 mx-central-1=mxc1 eu-west-1=.ie eu-west-2=euw2 eu-central-1=.de eu-central-2=euc2 me-central-1=mec1 eusc-de-east-1=edee1.eusc-pure.cloud ap-south-1=aps1 ap-southeast-1=apse1 ap-southeast-2=.com.au ap-northeast-1=.jp ap-northeast-2=apne2 ap-northeast-3=apne3 dca=inindca.com tca=inintca.com'
    .split(' ')
    .map((pair) =>
      pair.replace(/=\./, '=mypurecloud.').replace(/=\w+$/, '$&.pure.cloud').split('='),
    ),
) as unknown as Regions;

export type RegionName = keyof Regions;
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
  const value = input.trim();
  const name = value.toLowerCase().replace(/_/g, '-');
  // A region name stands for its domain.
  const text = Object.hasOwn(regions, name) ? regions[name as RegionName] : value;
  const bare = !text.includes('://');
  let url: URL | undefined;
  try {
    url = new URL(bare ? `https://${text}` : text);
  } catch {}
  const host = url?.hostname ?? '';
  const loopback = isLoopbackHost(host);
  // Plain http would send tokens unencrypted: only to a loopback host (an emulator). A host without
  // a dot (`eu-west-3`, `us_gov_east`) is a misspelt region, not a server.
  if (
    !(loopback || /[.:]/.test(host)) ||
    (url?.protocol !== 'https:' && (url?.protocol !== 'http:' || !loopback))
  )
    throw new ValidationError(
      `Region "${input}" is unknown: use a region (${Object.keys(regions).join(', ')}), a domain or an https URL (http only for loopback).`,
      { field: 'region' },
    );
  const { origin } = url as URL;
  const base = origin + (url as URL).pathname.replace(/\/+$/, '');
  // A region's domain (mypurecloud.ie, https://mypurecloud.ie) or any bare domain means its api.
  // host; api.X and login.X name the pair. Anything else (an emulator, a proxy, a gateway) serves
  // /oauth/* on its own origin.
  const domain = host.replace(/^(api|login)\./, '');
  const region = (Object.keys(regions) as RegionName[]).find((key) => regions[key] === domain);
  return region || domain !== host || (bare && !loopback)
    ? {
        region,
        apiBaseUrl: base.replace(host, `api.${domain}`),
        loginBaseUrl: origin.replace(host, `login.${domain}`),
      }
    : { region, apiBaseUrl: base, loginBaseUrl: base };
}
