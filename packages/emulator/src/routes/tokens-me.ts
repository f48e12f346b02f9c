// GET /api/v2/tokens/me: what the platform tells a token about itself (not part of the Telephony
// contract; clients use it to check a token).
import type { Reply } from '../http';
import type { RouteContext, TokenRecord } from '../state';

export const EMULATOR_ORGANIZATION = {
  id: '00000000-0000-4000-8000-00000000e401',
  name: 'telephony-kit emulator',
  selfUri: '/api/v2/organizations/00000000-0000-4000-8000-00000000e401',
};

export function handleTokensMe(ctx: RouteContext, token: TokenRecord): Reply {
  const client = ctx.state.clients.get(token.clientId);
  return {
    status: 200,
    json: {
      organization: EMULATOR_ORGANIZATION,
      homeOrganization: EMULATOR_ORGANIZATION,
      authorizedScope: [],
      OAuthClient: {
        id: token.clientId,
        name: client?.name ?? token.clientId,
        organization: EMULATOR_ORGANIZATION,
      },
      expiresAt: new Date(token.expiresAt).toISOString(),
    },
  };
}
