import { operationTable } from './generated/operation-table';

export type OperationId = keyof typeof operationTable;

/** Every operationId of the contract, in the contract's order. */
// Pure, so that a bundle that imports something else from this package drops the table.
export const operationIds = /* @__PURE__ */ Object.keys(operationTable) as OperationId[];

/** The table entry of an operation, or undefined for an id the contract does not have. */
export function getOperation(
  operationId: string,
): (typeof operationTable)[OperationId] | undefined {
  return Object.hasOwn(operationTable, operationId)
    ? operationTable[operationId as OperationId]
    : undefined;
}
