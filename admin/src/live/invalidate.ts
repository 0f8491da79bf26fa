import type { QueryClient } from '@tanstack/react-query';

/** react-admin resources whose records are complaints: the list and the inbox view. */
export const COMPLAINT_RESOURCES = ['complaints', 'myInbox'];

/**
 * Refetch what shows complaints: every list, and the detail of `id` (all details when no
 * id is given). Only queries on screen refetch now; the rest are marked stale.
 */
export const invalidateComplaints = (queryClient: QueryClient, ids?: string[]) =>
  queryClient.invalidateQueries({
    predicate: ({ queryKey }) => {
      const [resource, method, params] = queryKey as [unknown, unknown, { id?: unknown } | undefined];
      if (typeof resource !== 'string' || !COMPLAINT_RESOURCES.includes(resource)) return false;
      if (method !== 'getOne' || !ids) return true;
      return ids.includes(String(params?.id));
    },
  });
