import { gql } from '@apollo/client';
import { client } from '../providers/apolloClient';
import type { EnumValue } from '../enums';

export type ApiScope = EnumValue<'ApiScope'>;

export interface ApiClientRow {
  id: string;
  name: string;
  channel: string;
  scopes: ApiScope[];
  keyPrefix: string;
  expiresAt: string | null;
  rateLimitPerMinute: number;
  previousKeyPrefix: string | null;
  previousKeyValidUntil: string | null;
  rotatedAt: string | null;
  active: boolean;
  createdAt: string;
}

const FIELDS = gql`
  fragment ApiClientFields on ApiClient {
    id
    name
    channel
    scopes
    keyPrefix
    expiresAt
    rateLimitPerMinute
    previousKeyPrefix
    previousKeyValidUntil
    rotatedAt
    active
    createdAt
  }
`;

const LIST = gql`
  query apiClients {
    apiClients {
      ...ApiClientFields
    }
  }
  ${FIELDS}
`;

const CREATE = gql`
  mutation createApiClient($name: String!, $channel: Channel!, $scopes: [ApiScope!]!, $expiresAt: DateTimeISO, $rateLimitPerMinute: Int!) {
    createApiClient(name: $name, channel: $channel, scopes: $scopes, expiresAt: $expiresAt, rateLimitPerMinute: $rateLimitPerMinute) {
      key
      client {
        ...ApiClientFields
      }
    }
  }
  ${FIELDS}
`;

const ROTATE = gql`
  mutation rotateApiClientKey($id: ID!, $graceHours: Int!) {
    rotateApiClientKey(id: $id, graceHours: $graceHours) {
      key
      client {
        ...ApiClientFields
      }
    }
  }
  ${FIELDS}
`;

const DEACTIVATE = gql`
  mutation deactivateApiClient($id: ID!) {
    deactivateApiClient(id: $id) {
      ...ApiClientFields
    }
  }
  ${FIELDS}
`;

export const fetchApiClients = async (): Promise<ApiClientRow[]> => {
  const { data } = await client.query<{ apiClients: ApiClientRow[] }>({ query: LIST, fetchPolicy: 'network-only' });
  return data.apiClients;
};

export interface NewApiClient {
  name: string;
  channel: string;
  scopes: ApiScope[];
  expiresAt: string | null;
  rateLimitPerMinute: number;
}

export const createApiClient = async (input: NewApiClient): Promise<string> => {
  const { data } = await client.mutate<{ createApiClient: { key: string } }>({ mutation: CREATE, variables: input });
  return data!.createApiClient.key;
};

export const rotateApiClientKey = async (id: string, graceHours: number): Promise<string> => {
  const { data } = await client.mutate<{ rotateApiClientKey: { key: string } }>({ mutation: ROTATE, variables: { id, graceHours } });
  return data!.rotateApiClientKey.key;
};

export const deactivateApiClient = async (id: string): Promise<void> => {
  await client.mutate({ mutation: DEACTIVATE, variables: { id } });
};

export interface WebhookRow {
  id: string;
  url: string;
  events: EnumValue<'WebhookEvent'>[];
  allComplaints: boolean;
  active: boolean;
  consecutiveFailures: number;
  disabledAt: string | null;
  disabledReason: string | null;
  createdAt: string;
}

export interface DeliveryRow {
  id: string;
  status: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
}

const WEBHOOKS = gql`
  query apiClientWebhooks($apiClientId: ID!) {
    apiClientWebhooks(apiClientId: $apiClientId) {
      id
      url
      events
      allComplaints
      active
      consecutiveFailures
      disabledAt
      disabledReason
      createdAt
    }
  }
`;

const DELIVERIES = gql`
  query webhookDeliveryLog($endpointId: ID!, $perPage: Int!) {
    webhookDeliveryLog(endpointId: $endpointId, perPage: $perPage) {
      total
      items {
        id
        status
        subject
        attempts
        lastError
        nextAttemptAt
        sentAt
        createdAt
      }
    }
  }
`;

const SET_ACTIVE = gql`
  mutation setWebhookActive($id: ID!, $active: Boolean!) {
    setWebhookActive(id: $id, active: $active) {
      id
      active
    }
  }
`;

export const fetchWebhooks = async (apiClientId: string): Promise<WebhookRow[]> => {
  const { data } = await client.query<{ apiClientWebhooks: WebhookRow[] }>({ query: WEBHOOKS, variables: { apiClientId }, fetchPolicy: 'network-only' });
  return data.apiClientWebhooks;
};

export const fetchDeliveries = async (endpointId: string, perPage = 20): Promise<{ total: number; items: DeliveryRow[] }> => {
  const { data } = await client.query<{ webhookDeliveryLog: { total: number; items: DeliveryRow[] } }>({
    query: DELIVERIES,
    variables: { endpointId, perPage },
    fetchPolicy: 'network-only',
  });
  return data.webhookDeliveryLog;
};

export const setWebhookActive = async (id: string, active: boolean): Promise<void> => {
  await client.mutate({ mutation: SET_ACTIVE, variables: { id, active } });
};
