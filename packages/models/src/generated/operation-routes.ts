// Generated from openapi/telephony.yaml by packages/models/scripts/generate.mjs.
// Do not edit: change the contract and run `pnpm generate`.

/**
 * `operationTable` in one line per operation, for code that must stay small (browser bundles):
 * `method path token(+ or -) TYPE=permission,…` (or `-`), paths under `/api/v2/telephony`.
 */
export const operationRoutes = "get /mediaregions + ANY=telephony:plugin:all\nget /phone/{phoneId}/settings + ANY=telephony:plugin:all\nget /phonehome/phoneconfiguration/{hardwareId} - -\nget /sipmessages/conversations/{conversationId} + ALL=telephony:pcap:view\nget /sipmessages/conversations/{conversationId}/headers + ALL=telephony:pcap:view\nget /siptraces + ALL=telephony:pcap:view\npost /siptraces/download + ALL=telephony:pcap:add\nget /siptraces/download/{downloadId} + ALL=telephony:pcap:view\npost /providers/edges/sites/{siteId}/schedulereboot + ANY=internal:site:edit";
