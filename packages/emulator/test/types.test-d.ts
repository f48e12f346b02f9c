import { describe, expectTypeOf, it } from 'vitest';
import { createEmulator, type Emulator } from '../src/index';
import type { OperationHandler, OperationReply } from '../src/operation-handler';

describe('handler types follow the contract', () => {
  it('types success replies from @telephony-kit/models', () => {
    expectTypeOf<OperationReply<'postTelephonyProvidersEdgesSiteSchedulereboot'>>().toEqualTypeOf<{
      status: 202;
      headers?: Record<string, string>;
    }>();
    // @ts-expect-error a MediaRegions body has no `regions`
    const bad: OperationReply<'getTelephonyMediaregions'> = { status: 200, json: { regions: [] } };
    // @ts-expect-error 201 is not a status of the operation
    const wrongStatus: OperationReply<'getTelephonyMediaregions'> = { status: 201, json: {} };
    const handler: OperationHandler<'getTelephonyPhonePhoneIdSettings'> = ({ params }) => {
      // @ts-expect-error phone settings take a phoneId, not a siteId
      const id: string = params.siteId;
      return { status: 200, json: { primary: [{ registrar: id }] } };
    };
    void [bad, wrongStatus, handler];
  });

  it('types the public API', () => {
    expectTypeOf(createEmulator).returns.resolves.toEqualTypeOf<Emulator>();
    // @ts-expect-error rateLimit takes requestsPerMinute
    void createEmulator({ rateLimit: { perMinute: 10 } });
    // @ts-expect-error unknown fault status
    void createEmulator({ faults: [{ sequence: [{ status: 418 }] }] });
  });
});
