import { gql } from '@apollo/client';
import { client, wsClient } from '../providers/apolloClient';

export interface LiveRef {
  id: string;
  name?: string | null;
}

export interface ComplaintChange {
  cursor: string;
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
  subscription complaintChanged($after: String) {
    complaintChanged(after: $after) {
      cursor
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

/** Where the feed stands now: the subscription starts after it, so nothing falls in between. */
const LATEST_CURSOR = gql`
  query liveCursor {
    latestComplaintCursor
  }
`;

const latestCursor = async (): Promise<string | null> => {
  try {
    const { data } = await client.query<{ latestComplaintCursor: string }>({ query: LATEST_CURSOR, fetchPolicy: 'network-only' });
    return data?.latestComplaintCursor ?? null;
  } catch {
    return null;
  }
};

/**
 * The session's one `complaintChanged` subscription over the shared graphql-ws client.
 * graphql-ws re-sends the subscribe message after every reconnect with this same payload
 * object, whose `after` is kept at the cursor of the last change received: the server then
 * sends exactly what came after it, in commit order, once. That holds across a dropped
 * connection, a server restart and the server asking us to resume (close 1013). It starts
 * after `from` (where the user last looked) when given, else at the feed's position when the
 * console loads, so a drop before the first change loses nothing either; `onStart` gets the
 * cursor it starts after. Returns the function that ends it.
 */
export const startComplaintFeed = (
  onChange: (change: ComplaintChange) => void,
  { from = null, onStart }: { from?: string | null; onStart?: (cursor: string | null) => void } = {},
): (() => void) => {
  const payload = { query: COMPLAINT_CHANGED, variables: { after: null as string | null } };
  let stopped = false;
  let dispose: (() => void) | null = null;
  let retryTimer: number | undefined;

  const subscribe = () => {
    if (stopped) return;
    dispose = wsClient.subscribe<{ complaintChanged: ComplaintChange }>(payload, {
      next: ({ data }) => {
        const change = data?.complaintChanged;
        if (!change) return;
        payload.variables.after = change.cursor;
        onChange(change);
      },
      // Refused (e.g. the session expired): try again later, resuming after the last change.
      // A remembered place the server does not take (another server's cursor) is dropped.
      error: () => {
        if (stopped) return;
        if (from && payload.variables.after === from) {
          from = null;
          void latestCursor().then((cursor) => {
            payload.variables.after = cursor;
            onStart?.(cursor);
            subscribe();
          });
          return;
        }
        retryTimer = window.setTimeout(subscribe, RETRY_AFTER_ERROR_MS);
      },
      complete: () => {
        if (!stopped) retryTimer = window.setTimeout(subscribe, RETRY_AFTER_ERROR_MS);
      },
    });
  };
  void (from ? Promise.resolve(from) : latestCursor()).then((cursor) => {
    if (stopped) return;
    payload.variables.after = cursor;
    onStart?.(cursor);
    subscribe();
  });

  return () => {
    stopped = true;
    window.clearTimeout(retryTimer);
    dispose?.();
  };
};
