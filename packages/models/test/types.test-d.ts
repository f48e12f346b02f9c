import { describe, expectTypeOf, it } from 'vitest';
import type {
  Callheader,
  ErrorBody,
  HomerRecord,
  MediaRegions,
  OperationId,
  operations,
  paths,
  SIPSearchPublicRequest,
} from '../src/index';
import { operationTable } from '../src/index';

describe('generated types', () => {
  it('types every HomerRecord field as an optional string', () => {
    expectTypeOf<HomerRecord['microTs']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<HomerRecord['msg']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<HomerRecord>().toHaveProperty('callidAleg');
  });

  it('requires dateStart and dateEnd on a SIP search request', () => {
    expectTypeOf<SIPSearchPublicRequest['dateStart']>().toEqualTypeOf<string>();
    expectTypeOf<SIPSearchPublicRequest['dateEnd']>().toEqualTypeOf<string>();
    // @ts-expect-error dateEnd is required
    const missing: SIPSearchPublicRequest = { dateStart: '2026-11-26T10:00:00Z' };
    void missing;
  });

  it('types query parameters, headers and errors', () => {
    type TraceQuery = paths['/api/v2/telephony/siptraces']['get']['parameters']['query'];
    expectTypeOf<TraceQuery['dateStart']>().toEqualTypeOf<string>();
    expectTypeOf<TraceQuery['callId']>().toEqualTypeOf<string | undefined>();
    type HeaderQuery = NonNullable<
      operations['getTelephonySipmessagesConversationHeaders']['parameters']['query']
    >;
    expectTypeOf<HeaderQuery['keys']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<Callheader['headers']>().toEqualTypeOf<Record<string, string[]> | undefined>();
    expectTypeOf<ErrorBody['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<MediaRegions['awsCoreRegions']>().toEqualTypeOf<string[] | undefined>();
  });

  it('keys the operation table by operationId', () => {
    expectTypeOf<OperationId>().toEqualTypeOf<keyof operations>();
    expectTypeOf(operationTable.getTelephonySiptraces.method).toEqualTypeOf<'get'>();
    // @ts-expect-error not an operation of the contract
    void operationTable.getTelephonyEdges;
  });
});
