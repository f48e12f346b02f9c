// Matches a request to a route: the login service, the storage, the control endpoint, or an
// operation of the generated table (or says which methods the path has).
import { type OperationId, operationTable } from '@telephony-kit/models';

export type RouteMatch =
  | { kind: 'operation'; operationId: OperationId; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

interface CompiledRoute {
  operationId: OperationId;
  method: string;
  pattern: RegExp;
  names: string[];
}

const routes: CompiledRoute[] = (Object.keys(operationTable) as OperationId[]).map(
  (operationId) => {
    const { method, path } = operationTable[operationId];
    const names: string[] = [];
    const source = path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const name = /^\{([^}]+)\}$/.exec(part)?.[1];
        if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+)';
      })
      .join('');
    return {
      operationId,
      method: method.toUpperCase(),
      pattern: new RegExp(`^${source}/?$`),
      names,
    };
  },
);

export function matchOperation(method: string, pathname: string): RouteMatch {
  const allow: string[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) {
      allow.push(route.method);
      continue;
    }
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1] as string);
    });
    return { kind: 'operation', operationId: route.operationId, params };
  }
  return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
}

export type PseudoOperationId =
  | 'oauth.token'
  | 'oauth.authorize'
  | 'tokens.me'
  | 'storage.pcap'
  | 'control';

export type Route = RouteMatch | { [K in PseudoOperationId]: { kind: K } }[PseudoOperationId];

export function resolveRoute(method: string, pathname: string, control: boolean): Route {
  const only = (allowed: string, kind: PseudoOperationId): Route =>
    method === allowed || (allowed === 'GET' && method === 'HEAD')
      ? { kind }
      : { kind: 'method-not-allowed', allow: [allowed] };
  if (pathname === '/oauth/token') return only('POST', 'oauth.token');
  if (pathname === '/oauth/authorize') return only('GET', 'oauth.authorize');
  if (pathname === '/api/v2/tokens/me') return only('GET', 'tokens.me');
  if (pathname.startsWith('/__storage/')) return { kind: 'storage.pcap' };
  if (control && (pathname === '/__emulator' || pathname.startsWith('/__emulator/'))) {
    return { kind: 'control' };
  }
  try {
    return matchOperation(method, pathname);
  } catch {
    return { kind: 'not-found' }; // a malformed %-escape in a path parameter
  }
}

/** The id a route is logged and fault-scoped under: an operationId, a pseudo id, or null. */
export function routeId(route: Route): string | null {
  if (route.kind === 'operation') return route.operationId;
  if (route.kind === 'not-found' || route.kind === 'method-not-allowed') return null;
  return route.kind;
}
