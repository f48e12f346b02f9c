export { operationDetails } from './generated/operation-details';
export { operationRoutes } from './generated/operation-routes';
export { operationTable } from './generated/operation-table';
export type * from './generated/schemas';
export type { components, operations, paths } from './generated/telephony';
export type {
  HttpMethod,
  OperationDetails,
  OperationInfo,
  OperationParameter,
  OperationPermissions,
  OperationResponse,
} from './operation-info';
export { getOperation, type OperationId, operationIds } from './operation-lookup';
