// Phone settings (with a token) and phone-home configuration (without one: phones call it).
import { normalizeHardwareId } from '../data/generate-dataset';
import { ApiError } from '../errors';
import type { OperationHandler } from '../operation-handler';

export const getTelephonyPhonePhoneIdSettings: OperationHandler<
  'getTelephonyPhonePhoneIdSettings'
> = ({ state, params }) => {
  const phone = state.lookup.phones.get(params.phoneId);
  if (!phone) throw new ApiError('not.found', { entityId: params.phoneId });
  return { status: 200, json: phone.settings };
};

export const getTelephonyPhonehomePhoneconfigurationHardwareId: OperationHandler<
  'getTelephonyPhonehomePhoneconfigurationHardwareId'
> = ({ state, params }) => {
  const wanted = normalizeHardwareId(params.hardwareId);
  const phone = wanted === null ? undefined : state.lookup.phonesByHardwareId.get(wanted);
  if (!phone) throw new ApiError('not.found', { entityId: params.hardwareId });
  return { status: 200, json: phone.configuration };
};
