import { toSipSearch } from '../date-range';
import type { OperationHandler } from '../operation-handler';

export const getTelephonySiptraces: OperationHandler<'getTelephonySiptraces'> = ({
  state,
  url,
}) => {
  const q = url.searchParams;
  const search = toSipSearch({
    dateStart: q.get('dateStart'),
    dateEnd: q.get('dateEnd'),
    callId: q.get('callId'),
    toUser: q.get('toUser'),
    fromUser: q.get('fromUser'),
    conversationId: q.get('conversationId'),
  });
  const data = state.index.search(search);
  // A Homer 5 search envelope; `sid` is stable for the same search on the same emulator.
  return {
    status: 200,
    json: {
      status: 200,
      sid: state.searchSid(url.search),
      auth: 'true',
      message: data.length === 0 ? 'no data found' : 'ok',
      data,
      count: data.length,
    },
  };
};
