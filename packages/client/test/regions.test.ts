import { describe, expect, it } from 'vitest';
import { createTelephonyClient, regions, resolveRegion, ValidationError } from '../src/index';

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

  it('reads a full URL of a region’s domain without api. as that region', () => {
    for (const url of ['https://mypurecloud.ie', 'https://mypurecloud.ie/']) {
      expect(resolveRegion(url)).toEqual({
        region: 'eu-west-1',
        apiBaseUrl: 'https://api.mypurecloud.ie',
        loginBaseUrl: 'https://login.mypurecloud.ie',
      });
    }
    expect(resolveRegion('https://apne3.pure.cloud')).toMatchObject({
      region: 'ap-northeast-3',
      loginBaseUrl: 'https://login.apne3.pure.cloud',
    });
    // Custom domains keep their own origin; bare ones still mean their api. host.
    expect(resolveRegion('https://gateway.example.com/genesys')).toEqual({
      region: undefined,
      apiBaseUrl: 'https://gateway.example.com/genesys',
      loginBaseUrl: 'https://gateway.example.com/genesys',
    });
    expect(resolveRegion('example.com').loginBaseUrl).toBe('https://login.example.com');
  });

  it('refuses a host without a dot (a misspelt region), listing the regions', () => {
    for (const input of [
      'eu-west-3',
      'us_gov_east',
      'https://eu-west-3',
      'mypurecloud',
      'https://',
    ]) {
      expect(() => resolveRegion(input), input).toThrow(ValidationError);
      expect(() => resolveRegion(input), input).toThrow(
        /is unknown: use a region \(us-east-1, .*eu-west-1, .*tca\)/,
      );
    }
    expect(() => createTelephonyClient({ region: 'eu-west-3' as never })).toThrow(ValidationError);
    // Loopback hosts without a dot still work.
    expect(resolveRegion('http://localhost:8787').apiBaseUrl).toBe('http://localhost:8787');
    expect(resolveRegion('http://[::1]:8787').apiBaseUrl).toBe('http://[::1]:8787');
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
