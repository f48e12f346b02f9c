// The contract facts the client reads at run time, and the operation of a request (for the
// transport, which sits beneath openapi-fetch and sees only a Request).
//
// `OPERATIONS` holds the part of @telephony-kit/models' `operationTable` that the client needs —
// method, path, token and permissions — without summaries, ids or schemas, so that a browser
// bundle stays small. test/operation-match.test.ts checks it against the table and prints the new
// text when the contract changes.
import type { OperationPermissions } from '@telephony-kit/models';
import { pathOf } from './errors';

/**
 * One line per operation: `method path token(+/-) TYPE=permission,…`, with the paths under
 * `/api/v2/telephony`.
 */
export const OPERATIONS = `get /mediaregions + ANY=telephony:plugin:all
get /phone/{phoneId}/settings + ANY=telephony:plugin:all
get /phonehome/phoneconfiguration/{hardwareId} - -
get /sipmessages/conversations/{conversationId} + ALL=telephony:pcap:view
get /sipmessages/conversations/{conversationId}/headers + ALL=telephony:pcap:view
get /siptraces + ALL=telephony:pcap:view
post /siptraces/download + ALL=telephony:pcap:add
get /siptraces/download/{downloadId} + ALL=telephony:pcap:view
post /providers/edges/sites/{siteId}/schedulereboot + ANY=internal:site:edit`;

/** What the client knows of an operation (a subset of the models' `OperationInfo`). */
export interface Operation {
  /** Lower case, as in the contract. */
  readonly method: string;
  readonly path: string;
  /** False for operations called without a token (phonehome). */
  readonly requiresToken: boolean;
  readonly permissions: OperationPermissions | null;
}

/** Every operation of `OPERATIONS`, decoded. */
export const operations = (): Operation[] =>
  OPERATIONS.split('\n').map((line) => {
    const [method, path, token, rule] = line.split(' ') as [string, string, string, string];
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
    };
  });

let compiled: [RegExp, Operation][] | undefined;

/**
 * The operation whose method and path template match: `url` is a request URL (any origin and
 * prefix) or the template itself. The patterns are compiled once, on first use.
 */
export function matchOperation(method: string, url: string): Operation | undefined {
  // Contract paths are plain (letters, digits, `/`, `-`, `{name}`): only the parameters need care.
  compiled ??= operations().map((op) => [
    new RegExp(`^${op.method} .*${op.path.replace(/\{[^{}]+\}/g, '[^/]+')}/?$`),
    op,
  ]);
  const key = `${method.toLowerCase()} ${pathOf(url)}`;
  return compiled.find(([pattern]) => pattern.test(key))?.[1];
}
