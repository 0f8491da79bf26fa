import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { client, wsClient } from '../providers/apolloClient';
import { toHttpError } from '../providers/graphqlErrors';
import type { Range } from './period';
import { COMPLAINT_CHANGED, COMPLAINT_STATS, type ComplaintStats } from './stats';

const QUERY_KEY = 'dashboardStats';
/** Many changes in a burst (a desk decision, the deadline sweep) cause one refetch. */
const LIVE_DEBOUNCE_MS = 1500;

/**
 * complaintStats for the viewer's scope (the server applies it) and a period. Runs on
 * react-admin's query client, so the app bar's refresh button reloads it too; refetched
 * when any complaint the viewer may see changes (complaintChanged subscription).
 */
export const useComplaintStats = (range: Range, enabled: boolean) => {
  const queryClient = useQueryClient();
  const from = range.from?.toISOString() ?? null;
  const to = range.to?.toISOString() ?? null;

  const query = useQuery({
    queryKey: [QUERY_KEY, from, to],
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    queryFn: async () => {
      try {
        const { data } = await client.query<{ complaintStats: ComplaintStats }>({
          query: COMPLAINT_STATS,
          variables: { from, to },
          fetchPolicy: 'no-cache',
        });
        return data.complaintStats;
      } catch (error) {
        throw toHttpError(error);
      }
    },
  });

  useEffect(() => {
    if (!enabled) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refetchSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => queryClient.invalidateQueries({ queryKey: [QUERY_KEY] }), LIVE_DEBOUNCE_MS);
    };
    const subscription = client.subscribe({ query: COMPLAINT_CHANGED }).subscribe({
      next: refetchSoon,
      // A dropped connection is retried by the ws client.
      error: () => undefined,
    });
    // Only a count is shown, so no cursor is needed: after a reconnect, count again.
    const offReconnect = wsClient.on('connected', (_socket, _payload, wasRetry) => {
      if (wasRetry) refetchSoon();
    });
    return () => {
      clearTimeout(timer);
      offReconnect();
      subscription.unsubscribe();
    };
  }, [enabled, queryClient]);

  return query;
};
