import { gql } from '@apollo/client';
import { client } from '../providers/apolloClient';
import type { EnumValue } from '../enums';

export type TemplateName = EnumValue<'NotificationTemplate'>;

export interface TemplateText {
  subject: string;
  body: string;
}

export interface TemplateRow extends TemplateText {
  template: TemplateName;
  audience: EnumValue<'NotificationAudience'>;
  defaultSubject: string;
  defaultBody: string;
  customized: boolean;
  placeholders: { name: string; required: boolean; sample: string }[];
  updatedAt: string | null;
}

export interface NotificationSettings {
  defaultStaffChannels: string[];
  available: string[];
}

const FIELDS = gql`
  fragment NotificationTemplateFields on NotificationTemplateText {
    template
    audience
    subject
    body
    defaultSubject
    defaultBody
    customized
    placeholders {
      name
      required
      sample
    }
    updatedAt
  }
`;

const LIST = gql`
  ${FIELDS}
  query notificationTemplates {
    notificationTemplates {
      ...NotificationTemplateFields
    }
    notificationSettings {
      defaultStaffChannels
      available
    }
  }
`;

const PREVIEW = gql`
  query previewNotificationTemplate($template: NotificationTemplate!, $input: NotificationTemplateInput) {
    previewNotificationTemplate(template: $template, input: $input) {
      subject
      body
    }
  }
`;

const UPDATE = gql`
  ${FIELDS}
  mutation updateNotificationTemplate($template: NotificationTemplate!, $input: NotificationTemplateInput!) {
    updateNotificationTemplate(template: $template, input: $input) {
      ...NotificationTemplateFields
    }
  }
`;

const RESET = gql`
  ${FIELDS}
  mutation resetNotificationTemplate($template: NotificationTemplate!) {
    resetNotificationTemplate(template: $template) {
      ...NotificationTemplateFields
    }
  }
`;

const SET_DEFAULTS = gql`
  mutation setDefaultStaffChannels($channels: [NotificationChannel!]!) {
    setDefaultStaffChannels(channels: $channels) {
      defaultStaffChannels
      available
    }
  }
`;

export const fetchTemplates = async (): Promise<{ templates: TemplateRow[]; settings: NotificationSettings }> => {
  const { data } = await client.query<{ notificationTemplates: TemplateRow[]; notificationSettings: NotificationSettings }>({
    query: LIST,
    fetchPolicy: 'network-only',
  });
  return { templates: data.notificationTemplates, settings: data.notificationSettings };
};

export const previewTemplate = async (template: TemplateName, input: TemplateText): Promise<TemplateText> => {
  const { data } = await client.query<{ previewNotificationTemplate: TemplateText }>({
    query: PREVIEW,
    variables: { template, input },
    fetchPolicy: 'network-only',
  });
  return data.previewNotificationTemplate;
};

export const saveTemplate = async (template: TemplateName, input: TemplateText): Promise<TemplateRow> => {
  const { data } = await client.mutate<{ updateNotificationTemplate: TemplateRow }>({ mutation: UPDATE, variables: { template, input } });
  return data!.updateNotificationTemplate;
};

export const resetTemplate = async (template: TemplateName): Promise<TemplateRow> => {
  const { data } = await client.mutate<{ resetNotificationTemplate: TemplateRow }>({ mutation: RESET, variables: { template } });
  return data!.resetNotificationTemplate;
};

export const saveDefaultChannels = async (channels: string[]): Promise<NotificationSettings> => {
  const { data } = await client.mutate<{ setDefaultStaffChannels: NotificationSettings }>({ mutation: SET_DEFAULTS, variables: { channels } });
  return data!.setDefaultStaffChannels;
};
