// The platform's order for an API request: authentication, rate-limit counting, injected
// statuses, 401, 429, permissions (403), content type (415) and JSON (400), then the operation's
// handler. Every answer carries the caller's rate-limit headers.
import { getOperation, type OperationId, operationDetails } from '@telephony-kit/models';
import { ApiError, errorReply, injectedError } from './errors';
import type { Reply } from './http';
import { mediaType } from './http';
import { type Authentication, authenticate } from './oauth';
import type { OperationContext } from './operation-handler';
import { operationHandlers } from './operation-handlers';
import { checkPermissions } from './permissions';
import { type RateLimitState, rateLimitHeaders } from './rate-limit';
import type { Route } from './router';
import { handleTokensMe } from './routes/tokens-me';
import type { RouteContext } from './state';

export type ApiRoute = Extract<
  Route,
  { kind: 'operation' | 'tokens.me' | 'not-found' | 'method-not-allowed' }
>;

export interface InjectedStatus {
  status: number;
  retryAfter?: number;
}

export async function answerApi(
  ctx: RouteContext,
  route: ApiRoute,
  injected: InjectedStatus | null,
): Promise<Reply> {
  const { state, req, url } = ctx;
  const auth = authenticate(state, req.headers.authorization);
  if (auth.ok) ctx.log.clientId = auth.token.clientId;
  const rate = url.pathname.startsWith('/api/') ? state.rateLimiter.hit(rateKey(ctx, auth)) : null;
  const rateHeaders = rateLimitHeaders(rate);
  let reply: Reply;
  try {
    reply = await answer(ctx, route, injected, auth, rate);
  } catch (error) {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError('internal.server.error', {
            messageWithParams: error instanceof Error ? error.message : String(error),
          });
    reply = errorReply(apiError, ctx.correlationId);
  }
  return { ...reply, headers: { ...rateHeaders, ...reply.headers } };
}

/** Rate limits count per token, or per client address for a request without a valid token. */
function rateKey(ctx: Pick<RouteContext, 'req'>, auth: Authentication): string {
  return auth.ok ? `token:${auth.token.accessToken}` : `anon:${ctx.req.socket.remoteAddress ?? ''}`;
}

/**
 * The `inin-ratelimit-*` headers of an /api/ request answered outside answerApi (413 for a body
 * over the limit, the last-resort 500): `count` counts the request, otherwise they are peeked.
 */
export function rateHeadersOutsidePipeline(
  state: RouteContext['state'],
  req: RouteContext['req'],
  pathname: string,
  count: boolean,
): Record<string, string> {
  if (!pathname.startsWith('/api/')) return {};
  const key = rateKey({ req }, authenticate(state, req.headers.authorization));
  return rateLimitHeaders(count ? state.rateLimiter.hit(key) : state.rateLimiter.peek(key));
}

async function answer(
  ctx: RouteContext,
  route: ApiRoute,
  injected: InjectedStatus | null,
  auth: Authentication,
  rate: RateLimitState | null,
): Promise<Reply> {
  if (route.kind === 'not-found') {
    throw new ApiError('not.found', {
      messageWithParams: 'No route matches {path}.',
      params: { path: ctx.url.pathname },
    });
  }
  if (route.kind === 'method-not-allowed') {
    throw new ApiError(
      'method.not.allowed',
      { params: { method: ctx.req.method ?? '' } },
      { Allow: route.allow.join(', ') },
    );
  }
  if (injected) {
    ctx.log.fault = 'status';
    throw injectedError(injected.status, injected.retryAfter);
  }
  const operation = route.kind === 'operation' ? getOperation(route.operationId) : undefined;
  const token = auth.ok ? auth.token : null;
  if ((operation?.requiresToken ?? true) && !auth.ok) throw new ApiError(auth.code);
  if (rate?.limited) {
    const retryAfter = String(rate.resetSeconds);
    throw new ApiError(
      'too.many.requests',
      {
        params: { retryAfter },
        limit: { key: 'token.rate.per.minute', namespace: 'platform.api', value: rate.allowed },
      },
      { 'Retry-After': retryAfter },
    );
  }
  if (route.kind === 'tokens.me') {
    if (!token) throw new ApiError('authentication.required');
    return handleTokensMe(ctx, token);
  }
  if (!operation) throw new ApiError('not.found');

  if (operation.requiresToken) {
    const denial = checkPermissions(operation.permissions, token?.permissions ?? []);
    if (denial) {
      throw new ApiError(denial.code, {
        params: { permissions: `[${denial.permissions.join(', ')}]` },
      });
    }
  }
  const { requestBody } = operationDetails[route.operationId];
  const json = requestBody ? parseBody(ctx, requestBody) : undefined;
  const handler = operationHandlers[route.operationId] as (
    ctx: OperationContext<OperationId>,
  ) => Reply | Promise<Reply>;
  return handler({ ...ctx, params: route.params as never, token, json });
}

function parseBody(ctx: RouteContext, spec: { contentType: string; required: boolean }): unknown {
  if (mediaType(ctx.req.headers['content-type']) !== spec.contentType) {
    throw new ApiError('unsupported.media.type');
  }
  if (ctx.body.length === 0) {
    if (spec.required)
      throw new ApiError('bad.request', { messageWithParams: 'A request body is required.' });
    return undefined;
  }
  try {
    return JSON.parse(ctx.body.toString('utf8'));
  } catch {
    throw new ApiError('bad.request', { messageWithParams: 'The request body is not valid JSON.' });
  }
}
