// The types every contract route is written against: path parameters and success bodies come from
// @telephony-kit/models, so a handler that drifts from the contract does not compile.
import type { OperationId, operations } from '@telephony-kit/models';
import type { Headers } from './http';
import type { RouteContext, TokenRecord } from './state';

type Responses<Op extends OperationId> = operations[Op]['responses'];
type SuccessStatus<Op extends OperationId> = Extract<keyof Responses<Op>, 200 | 201 | 202 | 204>;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The success replies the contract allows for an operation, with their typed JSON bodies. */
export type OperationReply<Op extends OperationId> = {
  [S in SuccessStatus<Op>]: [JsonOf<Responses<Op>[S]>] extends [never]
    ? { status: S; headers?: Headers }
    : { status: S; headers?: Headers; json: JsonOf<Responses<Op>[S]> };
}[SuccessStatus<Op>];

type PathOf<Op extends OperationId> = NonNullable<operations[Op]['parameters']['path']>;
export type PathParams<Op extends OperationId> = [PathOf<Op>] extends [never]
  ? Record<string, never>
  : PathOf<Op>;

export interface OperationContext<Op extends OperationId> extends RouteContext {
  params: PathParams<Op>;
  /** Null only for operations that need no token (phonehome). */
  token: TokenRecord | null;
  /** The parsed JSON body of operations that take one. */
  json: unknown;
}

/** Answers a success reply or throws an ApiError. */
export type OperationHandler<Op extends OperationId> = (
  ctx: OperationContext<Op>,
) => OperationReply<Op> | Promise<OperationReply<Op>>;

export type OperationHandlers = { [Op in OperationId]: OperationHandler<Op> };
