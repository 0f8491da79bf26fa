import { gql } from '@apollo/client';
import { client, wsClient } from '../providers/apolloClient';

export interface LiveRef {
  id: string;
  name?: string | null;
}

export interface ComplaintChange {
  complaint: { id: string; trackingCode: string; status: string; currentOpd?: LiveRef | null };
  event: {
    id: string;
    type: string;
    toStatus?: string | null;
    stage?: string | null;
    public: boolean;
    actorId?: string | null;
    actor?: LiveRef | null;
    fromOpd?: LiveRef | null;
    toOpd?: LiveRef | null;
  };
}

const COMPLAINT_CHANGED = /* GraphQL */ `
  subscription complaintChanged($afterEventId: ID) {
    complaintChanged(afterEventId: $afterEventId) {
      complaint {
        id
        trackingCode
        status
        currentOpd {
          id
          name
        }
      }
      event {
        id
        type
        toStatus
        stage
        public
        actorId
        actor {
          id
          name
        }
        fromOpd {
          id
          name
        }
        toOpd {
          id
          name
        }
      }
    }
  }
`;

export type LiveStatus = 'connecting' | 'live' | 'offline';

let status: LiveStatus = 'offline';
const statusListeners = new Set<() => void>();
const setStatus = (next: LiveStatus) => {
  if (next === status) return;
  status = next;
  for (const l of statusListeners) l();
};
wsClient.on('connecting', () => setStatus('connecting'));
wsClient.on('connected', () => setStatus('live'));
wsClient.on('closed', () => setStatus('offline'));

export const liveStatus = {
  get: () => status,
  subscribe(listener: () => void) {
    statusListeners.add(listener);
    return () => statusListeners.delete(listener);
  },
};

const RETRY_AFTER_ERROR_MS = 15_000;

/** The newest event the viewer can see: the subscription starts after it, so nothing falls in between. */
const LATEST_EVENT = gql`
  query liveCursor {
    complaints(perPage: 1, sortField: "updatedAt", sortOrder: DESC) {
      items {
        id
        lastEventId
      }
    }
  }
`;

const latestEventId = async (): Promise<string | null> => {
  try {
    const { data } = await client.query<{ complaints: { items: { lastEventId: string | null }[] } }>({
      query: LATEST_EVENT,
      fetchPolicy: 'network-only',
    });
    return data.complaints.items[0]?.lastEventId ?? null;
  } catch {
    return null;
  }
};

/**
 * The session's one `complaintChanged` subscription over the shared graphql-ws client.
 * graphql-ws re-sends the subscribe message after every reconnect with this same payload
 * object, whose `afterEventId` is kept at the last event received: the server then replays
 * what was missed while offline. Events already seen (by id) are dropped, so a replay
 * never shows twice. It starts after the newest event visible when the console loads, so
 * a drop before the first event loses nothing either. Returns the function that ends it.
 */
export const startComplaintFeed = (onChange: (change: ComplaintChange) => void): (() => void) => {
  const payload = { query: COMPLAINT_CHANGED, variables: { afterEventId: null as string | null } };
  let lastId = 0;
  let stopped = false;
  let dispose: (() => void) | null = null;
  let retryTimer: number | undefined;

  const subscribe = () => {
    if (stopped) return;
    dispose = wsClient.subscribe<{ complaintChanged: ComplaintChange }>(payload, {
      next: ({ data }) => {
        const change = data?.complaintChanged;
        if (!change) return;
        const id = Number(change.event.id);
        if (Number.isFinite(id)) {
          if (id <= lastId) return;
          lastId = id;
        }
        payload.variables.afterEventId = change.event.id;
        onChange(change);
      },
      // Refused (e.g. the session expired): try again later, resuming after the last event.
      error: () => {
        if (!stopped) retryTimer = window.setTimeout(subscribe, RETRY_AFTER_ERROR_MS);
      },
      complete: () => {
        if (!stopped) retryTimer = window.setTimeout(subscribe, RETRY_AFTER_ERROR_MS);
      },
    });
  };
  void latestEventId().then((cursor) => {
    if (cursor && Number.isFinite(Number(cursor))) {
      lastId = Number(cursor);
      payload.variables.afterEventId = cursor;
    }
    subscribe();
  });

  return () => {
    stopped = true;
    window.clearTimeout(retryTimer);
    dispose?.();
  };
};
