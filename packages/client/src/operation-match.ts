// The contract facts the client reads at run time, and the operation of a request (for the
// transport, which sits beneath openapi-fetch and sees only a Request). They come from the models'
// generated `operationRoutes`: the operation table in one line per operation, so that a browser
// bundle carries method, path, token and permissions but no summaries, ids or schemas.
import { type OperationPermissions, operationRoutes } from '@telephony-kit/models';
import { pathOf } from './errors';

/** What the client knows of an operation (a subset of the models' `OperationInfo`). */
export interface Operation {
  /** Lower case, as in the contract. */
  readonly method: string;
  readonly path: string;
  /** False for operations called without a token (phonehome). */
  readonly requiresToken: boolean;
  readonly permissions: OperationPermissions | null;
}

/** Every operation of the contract, decoded from `operationRoutes`. */
export const operations = (): Operation[] =>
  operationRoutes.split('\n').map((line) => {
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
