import { gql } from '@apollo/client';
import { client } from '../providers/apolloClient';

export interface CentreItem {
  id: string;
  complaintId: string | null;
  deskId: string | null;
  subject: string;
  body: string;
  readAt: string | null;
  createdAt: string;
}

const CENTRE = gql`
  query notificationCentre($perPage: Int!) {
    unreadNotificationCount
    myNotifications(perPage: $perPage) {
      items {
        id
        complaintId
        deskId
        subject
        body
        readAt
        createdAt
      }
    }
  }
`;

const MARK_READ = gql`
  mutation markNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`;

const RETRY = gql`
  mutation retryNotifications($ids: [ID!]!) {
    retryNotifications(ids: $ids) {
      id
      status
    }
  }
`;

export const fetchCentre = async (perPage = 10): Promise<{ unread: number; items: CentreItem[] }> => {
  const { data } = await client.query<{ unreadNotificationCount: number; myNotifications: { items: CentreItem[] } }>({
    query: CENTRE,
    variables: { perPage },
    fetchPolicy: 'network-only',
  });
  return { unread: data.unreadNotificationCount, items: data.myNotifications.items };
};

/** Without ids: every one of the viewer's notifications. */
export const markRead = async (ids?: string[]) => {
  await client.mutate({ mutation: MARK_READ, variables: { ids: ids ?? null } });
};

export const retryNotifications = async (ids: string[]): Promise<number> => {
  const { data } = await client.mutate<{ retryNotifications: { id: string }[] }>({ mutation: RETRY, variables: { ids } });
  return data?.retryNotifications.length ?? 0;
};

export interface ChannelPreferences {
  available: string[];
  chosen: string[];
  usesDefault: boolean;
  hasEmail: boolean;
  hasPhone: boolean;
  digestAvailable: boolean;
  dailyDigest: boolean;
}

const PREFERENCES = gql`
  query myNotificationPreferences {
    myNotificationPreferences {
      available
      chosen
      usesDefault
      hasEmail
      hasPhone
      digestAvailable
      dailyDigest
    }
  }
`;

const SET_CHANNELS = gql`
  mutation setMyNotificationChannels($channels: [NotificationChannel!]) {
    setMyNotificationChannels(channels: $channels) {
      available
      chosen
      usesDefault
      hasEmail
      hasPhone
      digestAvailable
      dailyDigest
    }
  }
`;

export const fetchPreferences = async (): Promise<ChannelPreferences> => {
  const { data } = await client.query<{ myNotificationPreferences: ChannelPreferences }>({ query: PREFERENCES, fetchPolicy: 'network-only' });
  return data.myNotificationPreferences;
};

const SET_DIGEST = gql`
  mutation setMyDailyDigest($enabled: Boolean!) {
    setMyDailyDigest(enabled: $enabled) {
      dailyDigest
    }
  }
`;

/** Null: back to the superadmin's defaults. */
export const saveChannels = async (channels: string[] | null): Promise<ChannelPreferences> => {
  const { data } = await client.mutate<{ setMyNotificationChannels: ChannelPreferences }>({ mutation: SET_CHANNELS, variables: { channels } });
  return data!.setMyNotificationChannels;
};

export const saveDailyDigest = async (enabled: boolean): Promise<void> => {
  await client.mutate({ mutation: SET_DIGEST, variables: { enabled } });
};
