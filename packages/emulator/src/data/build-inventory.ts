// The fixed cast of the data set: sites with their Edges, carriers, phones and media regions.
// Addresses are documentation ranges (carriers) and private 10.x networks (Edges, phones).
import type { DomainEntityRef, MediaRegions, PhoneAddressData } from '@telephony-kit/models';
import type { Phone, Site } from './generate-dataset';
import type { SipTransport } from './homer-record';
import type { Random } from './random';

export interface EdgeNode {
  ref: DomainEntityRef;
  ip: string;
  alias: string;
  userAgent: string;
}

export interface CarrierNode {
  name: string;
  alias: string;
  ip: string;
  domain: string;
  transport: SipTransport;
  userAgent: string;
}

export interface PhoneNode {
  phone: Phone;
  kind: 'hardware' | 'softphone';
  ip: string;
  /** The phone's SIP port: 5060 for UDP phones, the ephemeral port of its TLS connection. */
  port: number;
  transport: SipTransport;
  lineUser: string;
  displayName: string;
  userAgent: string;
  alias: string;
  primaryEdge: EdgeNode;
  rtpPortBase: number;
}

export interface SiteNode {
  site: Site;
  code: string;
  edges: EdgeNode[];
  phones: PhoneNode[];
  carrier: CarrierNode;
  /** The organization's own numbers at this site (E.164). */
  dids: string[];
  /** Makes a fictional E.164 number of a caller or callee near this site. */
  externalNumber(random: Random): string;
}

export interface Inventory {
  sites: SiteNode[];
  carriers: CarrierNode[];
  phones: PhoneNode[];
  mediaRegions: MediaRegions;
}

const CARRIERS: readonly CarrierNode[] = [
  {
    name: 'Carrier A',
    alias: 'carrier-a-sbc',
    ip: '203.0.113.10',
    domain: 'sip.carrier-a.example.net',
    transport: 'UDP',
    userAgent: 'Ribbon SBC SWe Core V09.02.02',
  },
  {
    name: 'Carrier B',
    alias: 'carrier-b-sbc',
    ip: '198.51.100.20',
    domain: 'trunk.carrier-b.example.com',
    transport: 'TLS',
    userAgent: 'Oracle ESBC SCZ9.1.0 Patch 2',
  },
  {
    name: 'Carrier C',
    alias: 'carrier-c-sbc',
    ip: '192.0.2.30',
    domain: 'sbc.carrier-c.example.org',
    transport: 'UDP',
    userAgent: 'Metaswitch Perimeta 4.9.20',
  },
];

const pad = (value: number, width: number) => String(value).padStart(width, '0');

const SITES = [
  {
    name: 'Indianapolis HQ',
    code: 'ind',
    carrier: 0,
    did: (i: number) => `+13175550${pad(100 + i, 3)}`,
    external: (r: Random) => `+1${r.pick(['317', '463', '765'])}5550${pad(r.int(100, 199), 3)}`,
  },
  {
    name: 'Raleigh Contact Center',
    code: 'rdu',
    carrier: 1,
    did: (i: number) => `+19195550${pad(100 + i, 3)}`,
    external: (r: Random) => `+1${r.pick(['919', '984', '252'])}5550${pad(r.int(100, 199), 3)}`,
  },
  {
    name: 'London Office',
    code: 'lon',
    carrier: 2,
    did: (i: number) => `+4420794600${pad(i, 2)}`,
    external: (r: Random) =>
      r.chance(0.5) ? `+44207946${pad(r.int(100, 999), 4)}` : `+447700900${pad(r.int(0, 999), 3)}`,
  },
  {
    name: 'Sydney Office',
    code: 'syd',
    carrier: 0,
    did: (i: number) => `+61270100${pad(100 + i, 3)}`,
    external: (r: Random) => `+6125550${pad(r.int(0, 4999), 4)}`,
  },
] as const;

const HARDWARE_MODELS = [
  {
    model: 'VVX 411',
    oui: '64167f',
    ua: 'PolycomVVX-VVX_411-UA/6.4.6.2017',
    firmware: '6.4.6.2017',
    rtp: 2222,
  },
  {
    model: 'VVX 501',
    oui: '64167f',
    ua: 'PolycomVVX-VVX_501-UA/6.4.6.2017',
    firmware: '6.4.6.2017',
    rtp: 2222,
  },
  {
    model: 'Yealink T54W',
    oui: '805ec0',
    ua: 'Yealink SIP-T54W 96.86.0.70',
    firmware: '96.86.0.70',
    rtp: 11780,
  },
  {
    model: 'Yealink T46U',
    oui: '249ad8',
    ua: 'Yealink SIP-T46U 108.86.0.75',
    firmware: '108.86.0.75',
    rtp: 11780,
  },
] as const;

const SOFTPHONE_UA = 'Genesys Cloud WebRTC Phone/2.9.3';
const AGENT_NAMES = [
  'Avery Brooks',
  'Noor Haddad',
  'Mateo Rossi',
  'Hana Kimura',
  'Sam Okoye',
  'Léa Dubois',
];

function edgeRef(id: string, name: string): DomainEntityRef {
  return { id, name, selfUri: `/api/v2/telephony/providers/edges/${id}` };
}

export function buildInventory(random: Random): Inventory {
  const sites: SiteNode[] = [];
  const phones: PhoneNode[] = [];
  let phoneIndex = 0;
  SITES.forEach((spec, s) => {
    const siteId = random.uuid();
    const edgeBuild = random.int(10_000, 19_999);
    const edges: EdgeNode[] = [1, 2].map((n) => {
      const name = `${spec.code.toUpperCase()}-EDGE-0${n}`;
      return {
        ref: edgeRef(random.uuid(), name),
        ip: `10.${10 + s}.1.${10 + n}`,
        alias: name.toLowerCase(),
        userAgent: `Genesys Edge/1.0.0.${edgeBuild}`,
      };
    });
    const site: Site = { siteId, name: spec.name, edges: edges.map((edge) => edge.ref) };
    const node: SiteNode = {
      site,
      code: spec.code,
      edges,
      phones: [],
      carrier: CARRIERS[spec.carrier] as CarrierNode,
      dids: Array.from({ length: 20 }, (_, i) => spec.did(i)),
      externalNumber: spec.external,
    };
    for (let k = 0; k < 3; k++) {
      const phone = buildPhone(random, node, k, phoneIndex++, s);
      node.phones.push(phone);
      phones.push(phone);
    }
    sites.push(node);
  });
  return {
    sites,
    carriers: [...CARRIERS],
    phones,
    mediaRegions: {
      awsHomeRegion: 'us-east-1',
      awsCoreRegions: [
        'us-east-1',
        'us-west-2',
        'eu-west-1',
        'eu-central-1',
        'ap-southeast-2',
        'ap-northeast-1',
      ],
      awsSatelliteRegions: ['us-east-2', 'ca-central-1', 'eu-west-2', 'ap-south-1', 'sa-east-1'],
    },
  };
}

function buildPhone(
  random: Random,
  site: SiteNode,
  k: number,
  index: number,
  s: number,
): PhoneNode {
  const softphone = k === 2;
  const primaryEdge = site.edges[k % 2] as EdgeNode;
  const secondaryEdge = site.edges[(k + 1) % 2] as EdgeNode;
  const phoneId = random.uuid();
  const hardware = HARDWARE_MODELS[
    index % HARDWARE_MODELS.length
  ] as (typeof HARDWARE_MODELS)[number];
  const hardwareId = softphone
    ? `webrtc-${phoneId.slice(0, 8)}.softphone.example.com`
    : `${hardware.oui}${random.hex(6)}`;
  const transport: SipTransport = softphone ? 'TLS' : 'UDP';
  const sipPort = transport === 'TLS' ? 5061 : 5060;
  const ip = softphone ? `10.${10 + s}.30.${20 + index}` : `10.${10 + s}.20.${20 + index}`;
  const lineUser = String(2001 + index);
  const model = softphone ? 'WebRTC Softphone' : hardware.model;
  const name = `${model} - ${site.site.name} ${lineUser}`;
  const displayName = AGENT_NAMES[index % AGENT_NAMES.length] as string;
  const registration = (edge: EdgeNode) => ({
    edge: edge.ref,
    registrar: edge.ip,
    port: sipPort,
    transportProtocol: transport,
  });
  const settings: PhoneAddressData = {
    primary: [registration(primaryEdge)],
    secondary: [registration(secondaryEdge)],
  };
  const firmware = softphone
    ? { version: '2.9.3', url: null }
    : {
        version: hardware.firmware,
        url: `https://firmware.example.com/${hardware.model.replace(/\s+/g, '-').toLowerCase()}/${hardware.firmware}.ld`,
      };
  const configuration: Record<string, unknown> = {
    hardwareId,
    phoneId,
    phoneName: name,
    model,
    siteId: site.site.siteId,
    provisioningUrl: `https://phonehome.example.com/provisioning/${hardwareId}`,
    sipServers: [primaryEdge, secondaryEdge].map((edge, i) => ({
      priority: i + 1,
      edgeId: edge.ref.id,
      address: edge.ip,
      port: sipPort,
      transport,
    })),
    ntp: ['0.pool.ntp.org', '1.pool.ntp.org'],
    timezone: [
      'America/Indiana/Indianapolis',
      'America/New_York',
      'Europe/London',
      'Australia/Sydney',
    ][s],
    firmware,
    lines: [
      {
        lineNumber: 1,
        label: lineUser,
        displayName,
        user: lineUser,
        authUser: lineUser,
        registrar: primaryEdge.ip,
        port: sipPort,
        transport,
        registrationExpires: 3600,
      },
    ],
  };
  return {
    phone: { phoneId, name, hardwareId, siteId: site.site.siteId, settings, configuration },
    kind: softphone ? 'softphone' : 'hardware',
    ip,
    port: softphone ? random.int(49_152, 65_000) : 5060,
    transport,
    lineUser,
    displayName,
    userAgent: softphone ? SOFTPHONE_UA : hardware.ua,
    alias: `phone-${lineUser}`,
    primaryEdge,
    rtpPortBase: softphone ? 40_000 : hardware.rtp,
  };
}
