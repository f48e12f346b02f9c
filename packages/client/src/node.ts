// `@telephony-kit/client/node`: what needs Node built-ins.

export type { ExportPcapToFileResult } from './pcap/node/export-pcap-to-file';
export { exportPcapToFile } from './pcap/node/export-pcap-to-file';
