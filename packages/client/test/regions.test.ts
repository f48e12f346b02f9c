import { describe, expect, it } from 'vitest';
import { regions, resolveRegion, ValidationError } from '../src/index';

describe('resolveRegion', () => {
  it('decodes the compact region table to every region and its domain', () => {
    expect(regions).toEqual({
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
    } satisfies typeof regions);
  });

  it.each(Object.entries(regions))(
    'knows %s (%s) by name, underscore alias and domain',
    (name, domain) => {
      const expected = {
        apiBaseUrl: `https://api.${domain}`,
        loginBaseUrl: `https://login.${domain}`,
      };
      expect(resolveRegion(name)).toMatchObject({ region: name, ...expected });
      expect(resolveRegion(name.replace(/-/g, '_'))).toMatchObject({ region: name, ...expected });
      expect(resolveRegion(domain)).toMatchObject({ region: name, ...expected });
    },
  );

  it('builds eu_west_1 correctly (the official SDK does not)', () => {
    expect(resolveRegion('eu_west_1')).toEqual({
      region: 'eu-west-1',
      apiBaseUrl: 'https://api.mypurecloud.ie',
      loginBaseUrl: 'https://login.mypurecloud.ie',
    });
  });

  it('accepts full URLs and api./login. hosts, and derives the login host', () => {
    expect(resolveRegion('https://api.mypurecloud.de/')).toMatchObject({
      region: 'eu-central-1',
      apiBaseUrl: 'https://api.mypurecloud.de',
      loginBaseUrl: 'https://login.mypurecloud.de',
    });
    expect(resolveRegion('api.usw2.pure.cloud').loginBaseUrl).toBe('https://login.usw2.pure.cloud');
    expect(resolveRegion('https://login.mypurecloud.jp').apiBaseUrl).toBe(
      'https://api.mypurecloud.jp',
    );
  });

  it('uses one origin for loopback hosts (the emulator serves /oauth/* on its port)', () => {
    expect(resolveRegion('http://127.0.0.1:8787')).toEqual({
      region: undefined,
      apiBaseUrl: 'http://127.0.0.1:8787',
      loginBaseUrl: 'http://127.0.0.1:8787',
    });
    expect(resolveRegion('http://localhost:9000/').apiBaseUrl).toBe('http://localhost:9000');
  });

  it('refuses plain http for anything but loopback, with what to do', () => {
    expect(() => resolveRegion('http://api.mypurecloud.com')).toThrow(ValidationError);
    expect(() => resolveRegion('http://api.mypurecloud.com')).toThrow(/an https URL/);
    expect(() => resolveRegion('http://10.0.0.5:8080')).toThrow(/http only for loopback/);
    expect(() => resolveRegion('ftp://api.mypurecloud.com')).toThrow(/an https URL/);
    expect(() => resolveRegion('')).toThrow(/"" is unknown/);
    expect(() => resolveRegion('not a region')).toThrow(/use a region \(us-east-1, us-east-2/);
  });
});
