import { ApiError } from '../errors';
import type { OperationHandler } from '../operation-handler';

export const postTelephonyProvidersEdgesSiteSchedulereboot: OperationHandler<
  'postTelephonyProvidersEdgesSiteSchedulereboot'
> = ({ state, params, token }) => {
  const site = state.lookup.sites.get(params.siteId);
  if (!site) throw new ApiError('not.found', { entityId: params.siteId });
  const now = state.clock.now();
  const pending = state.reboots.find(
    (r) => r.siteId === site.siteId && Date.parse(r.pendingUntil) > now,
  );
  if (pending) {
    throw new ApiError('conflict', {
      messageWithParams: 'A reboot of site {siteId} is already pending.',
      params: { siteId: site.siteId },
      entityId: site.siteId,
      entityName: site.name,
    });
  }
  state.reboots.push({
    siteId: site.siteId,
    siteName: site.name,
    clientId: token?.clientId ?? '',
    requestedAt: new Date(now).toISOString(),
    pendingUntil: new Date(now + state.settings.rebootPendingMs).toISOString(),
  });
  return { status: 202 };
};
