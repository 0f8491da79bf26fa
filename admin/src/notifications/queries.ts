import { gql } from '@apollo/client';
import { client } from '../providers/apolloClient';

export interface CentreItem {
  id: string;
  complaintId: string;
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
  hasEmail: boolean;
  hasPhone: boolean;
}

const PREFERENCES = gql`
  query myNotificationPreferences {
    myNotificationPreferences {
      available
      chosen
      hasEmail
      hasPhone
    }
  }
`;

const SET_CHANNELS = gql`
  mutation setMyNotificationChannels($channels: [NotificationChannel!]!) {
    setMyNotificationChannels(channels: $channels) {
      available
      chosen
      hasEmail
      hasPhone
    }
  }
`;

export const fetchPreferences = async (): Promise<ChannelPreferences> => {
  const { data } = await client.query<{ myNotificationPreferences: ChannelPreferences }>({ query: PREFERENCES, fetchPolicy: 'network-only' });
  return data.myNotificationPreferences;
};

export const saveChannels = async (channels: string[]): Promise<ChannelPreferences> => {
  const { data } = await client.mutate<{ setMyNotificationChannels: ChannelPreferences }>({ mutation: SET_CHANNELS, variables: { channels } });
  return data!.setMyNotificationChannels;
};
