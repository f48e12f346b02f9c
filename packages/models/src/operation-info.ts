// The shape of one entry of the generated operation table (src/generated/operation-table.ts).

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options';

export interface OperationParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly type: string;
  readonly format?: string;
  /** True when the parameter is an array, sent as repeated `name=` pairs. */
  readonly array: boolean;
  readonly enum?: readonly string[];
  readonly description: string;
}

export interface OperationPermissions {
  /** ANY: one of the permissions suffices. ALL: every one is needed. */
  readonly type: 'ANY' | 'ALL';
  readonly permissions: readonly string[];
}

export interface OperationResponse {
  readonly status: number;
  /** The name of the schema of the JSON body, `object` for a free-form one, null for no body. */
  readonly schema: string | null;
}

/** An entry of `operationTable`: what a client or server needs to route and authorize a call. */
export interface OperationInfo {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  /** Null when the operation needs no permission. */
  readonly permissions: OperationPermissions | null;
  /** `internal` operations are used by the platform itself and are not in its public docs. */
  readonly visibility: 'public' | 'internal';
  /** False for operations called without a token (phonehome). */
  readonly requiresToken: boolean;
  /** The 2xx responses. */
  readonly success: readonly OperationResponse[];
}

/** An entry of `operationDetails`: what help texts, docs and request validation read. */
export interface OperationDetails {
  readonly description: string;
  readonly parameters: readonly OperationParameter[];
  readonly requestBody: {
    readonly schema: string;
    readonly contentType: string;
    readonly required: boolean;
  } | null;
  /** Every response the contract lists, errors included. */
  readonly responses: readonly OperationResponse[];
}
