import { RevokedToken } from '../auth/revoked-token.entity';
import { Complaint, ComplaintEvent, ComplaintFeedEntry } from '../modules/complaints/complaint.entity';
import { ComplaintHandling } from '../modules/complaints/complaint-handling.entity';
import { ComplaintTally, ComplaintTallyMonth } from '../modules/reports/complaint-tally.entity';
import { Desk, DeskItem } from '../modules/desks/desk.entity';
import { SurveyResponse } from '../modules/reports/survey.entity';
import { AuditEntry } from '../modules/audit/audit.entity';
import { ApiClient } from '../modules/api-clients/api-client.entity';
import { WebhookEndpoint } from '../modules/webhooks/webhook-endpoint.entity';
import { ExternalReference } from '../modules/external-refs/external-ref.entity';
import { Category } from '../modules/categories/category.entity';
import { Holiday } from '../modules/holidays/holiday.entity';
import { Opd } from '../modules/opds/opd.entity';
import { Program } from '../modules/programs/program.entity';
import { ServicePost } from '../modules/service-posts/service-post.entity';
import { SlaPolicy } from '../modules/sla/sla-policy.entity';
import { User } from '../modules/users/user.entity';
import { EscalationRule } from '../modules/escalations/escalation-rule.entity';
import { ResponseTemplate } from '../modules/response-templates/response-template.entity';
import { ServiceStandard } from '../modules/service-standards/service-standard.entity';
import { Notification } from '../modules/notifications/notification.entity';
import { NotificationSettings, NotificationTemplateOverride } from '../modules/notifications/notification-template.entity';
import { Attachment } from '../modules/attachments/attachment.entity';

export const ENTITIES = [
  Opd,
  SlaPolicy,
  Category,
  Program,
  Holiday,
  ServicePost,
  EscalationRule,
  ResponseTemplate,
  ServiceStandard,
  User,
  RevokedToken,
  Complaint,
  ComplaintEvent,
  ComplaintFeedEntry,
  ComplaintHandling,
  ComplaintTally,
  ComplaintTallyMonth,
  Desk,
  DeskItem,
  SurveyResponse,
  ApiClient,
  WebhookEndpoint,
  ExternalReference,
  AuditEntry,
  Notification,
  NotificationTemplateOverride,
  NotificationSettings,
  Attachment,
];
