import type { OperationHandler } from '../operation-handler';

export const getTelephonyMediaregions: OperationHandler<'getTelephonyMediaregions'> = ({
  state,
}) => ({
  status: 200,
  json: state.dataset.mediaRegions,
});
