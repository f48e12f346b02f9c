// Permission checks from the generated operation table (`x-inin-requires-permissions`): ALL needs
// every listed permission, ANY needs one. A granted `domain:entity:action` may use `*` segments.
import type { OperationPermissions } from '@telephony-kit/models';
import { operationTable } from '@telephony-kit/models';

export type PermissionDenial =
  | { code: 'missing.permissions'; permissions: string[] }
  | { code: 'missing.any.permissions'; permissions: string[] };

export function grants(granted: readonly string[], required: string): boolean {
  const want = required.split(':');
  return granted.some((permission) => {
    const have = permission.split(':');
    return have.length === want.length && have.every((part, i) => part === '*' || part === want[i]);
  });
}

/** Null when `granted` satisfies `required`, otherwise what is missing. */
export function checkPermissions(
  required: OperationPermissions | null,
  granted: readonly string[],
): PermissionDenial | null {
  if (!required || required.permissions.length === 0) return null;
  if (required.type === 'ANY') {
    return required.permissions.some((p) => grants(granted, p))
      ? null
      : { code: 'missing.any.permissions', permissions: [...required.permissions] };
  }
  const missing = required.permissions.filter((p) => !grants(granted, p));
  return missing.length === 0 ? null : { code: 'missing.permissions', permissions: missing };
}

/** Every permission some operation of the contract requires: what the all-permissions client holds. */
export function allContractPermissions(): string[] {
  const all = new Set<string>();
  for (const operation of Object.values(operationTable)) {
    for (const permission of operation.permissions?.permissions ?? []) all.add(permission);
  }
  return [...all].sort();
}
