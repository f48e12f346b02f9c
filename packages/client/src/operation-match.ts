// The contract facts the client reads at run time, and the operation of a request (for the
// transport, which sits beneath openapi-fetch and sees only a Request).
//
// `OPERATIONS` holds the part of @telephony-kit/models' `operationTable` that the client needs —
// method, path, token, permissions and the 2xx schemas — without summaries or ids, so that a
// browser bundle stays small. test/operation-match.test.ts checks it against the table and prints
// the new text when the contract changes.
import type { OperationPermissions, OperationResponse } from '@telephony-kit/models';
import { pathOf } from './errors';

/**
 * One line per operation: `method path token(+/-) TYPE=permission,… status=schema,…`, with the
 * paths under `/api/v2/telephony`.
 */
export const OPERATIONS = `get /mediaregions + ANY=telephony:plugin:all 200=MediaRegions
get /phone/{phoneId}/settings + ANY=telephony:plugin:all 200=PhoneAddressData
get /phonehome/phoneconfiguration/{hardwareId} - - 200=object
get /sipmessages/conversations/{conversationId} + ALL=telephony:pcap:view 200=Callmessage
get /sipmessages/conversations/{conversationId}/headers + ALL=telephony:pcap:view 200=Callheader
get /siptraces + ALL=telephony:pcap:view 200=SipSearchResult
post /siptraces/download + ALL=telephony:pcap:add 200=SipDownloadResponse
get /siptraces/download/{downloadId} + ALL=telephony:pcap:view 200=SignedUrlResponse,202=
post /providers/edges/sites/{siteId}/schedulereboot + ANY=internal:site:edit 202=`;

/** What the client knows of an operation (a subset of the models' `OperationInfo`). */
export interface Operation {
  /** Lower case, as in the contract. */
  readonly method: string;
  readonly path: string;
  /** False for operations called without a token (phonehome). */
  readonly requiresToken: boolean;
  readonly permissions: OperationPermissions | null;
  /** The 2xx responses; a null schema means no body. */
  readonly success: readonly OperationResponse[];
}

let table: Operation[] | undefined;

/** Every operation of `OPERATIONS`, decoded. */
export function operations(): Operation[] {
  table ??= OPERATIONS.split('\n').map((line) => {
    const [method, path, token, rule, success] = line.split(' ') as [
      string,
      string,
      string,
      string,
      string,
    ];
    return {
      method,
      path: `/api/v2/telephony${path}`,
      requiresToken: token === '+',
      permissions:
        rule === '-'
          ? null
          : {
              type: rule.slice(0, 3) as OperationPermissions['type'],
              permissions: rule.slice(4).split(','),
            },
      success: success.split(',').map((response) => {
        const [status, schema] = response.split('=');
        return { status: Number(status), schema: schema || null };
      }),
    };
  });
  return table;
}

/**
 * The operation whose method and path template match: `url` is a request URL (any origin and
 * prefix) or the template itself, as openapi-fetch middleware sees it.
 */
export function matchOperation(method: string, url: string): Operation | undefined {
  const key = `${method.toLowerCase()} ${pathOf(url)}`;
  // Contract paths are plain (letters, digits, `/`, `-`, `{name}`): only the parameters need care.
  return operations().find(({ method, path }) =>
    new RegExp(`^${method} .*${path.replace(/\{[^{}]+\}/g, '[^/]+')}/?$`).test(key),
  );
}
