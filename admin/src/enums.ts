import { SCHEMA_ENUMS } from './generated/schema-enums';

type SchemaEnums = typeof SCHEMA_ENUMS;
type SchemaValue<E extends keyof SchemaEnums> = SchemaEnums[E][number];

/**
 * The schema's values of `E` in the order the console lists them (the schema sorts them by
 * name). The type check fails when a value is not in schema.graphql or one is left out.
 */
const shown = <E extends keyof SchemaEnums, const L extends readonly SchemaValue<E>[]>(
  _name: E,
  values: L & (SchemaValue<E> extends L[number] ? unknown : { missing: Exclude<SchemaValue<E>, L[number]> }),
): L => values;

/**
 * The server's GraphQL enums the console shows. Labels live in the i18n files under
 * `enums.<Enum>.<VALUE>`; `scripts/check-i18n.mjs` fails when one is missing.
 */
export const ENUMS = {
  OpdKind: shown('OpdKind', ['PEMDA', 'OPD', 'BIDANG', 'UPT', 'PUSKESMAS', 'KECAMATAN', 'KELURAHAN', 'BUMD']),
  Role: shown('Role', ['SUPERADMIN', 'ADMIN', 'OFFICER', 'UNIT_HEAD', 'UNIT_STAFF', 'LEADER']),
  ComplaintType: shown('ComplaintType', ['COMPLAINT', 'ASPIRATION', 'INFORMATION_REQUEST']),
  Channel: shown('Channel', ['SERVICE_POST', 'WALK_IN', 'CALL_CENTER', 'SMS', 'WHATSAPP', 'WEB', 'SOCIAL_MEDIA', 'SP4N_LAPOR', 'EXTERNAL_APP']),
  ComplaintStatus: shown('ComplaintStatus', ['SUBMITTED', 'VERIFIED', 'FORWARDED', 'IN_PROGRESS', 'RESPONDED', 'CLOSED', 'REJECTED', 'ARCHIVED', 'MERGED']),
  ProgressStage: shown('ProgressStage', ['VERIFICATION', 'FIELD_CHECK', 'IN_WORK', 'DESK']),
  ComplaintEventType: shown('ComplaintEventType', [
    'SUBMITTED',
    'VERIFIED',
    'REJECTED',
    'FORWARDED',
    'RETURNED',
    'ACCEPTED',
    'ASSIGNED',
    'PROGRESS',
    'INTERNAL_NOTE',
    'RESPONDED',
    'CLOSED',
    'AUTO_CLOSED',
    'REOPENED',
    'RATED',
    'OVERDUE',
    'ESCALATED',
    'REMINDED',
    'ANSWER_DRAFTED',
    'INFO_REQUESTED',
    'REPORTER_REPLIED',
    'HELD',
    'RESUMED',
    'ARCHIVED',
    'MERGED',
    'DUPLICATE_ADDED',
    'CONTACT_REVEALED',
    'ACCESS_CODE_RENEWED',
    'ATTACHMENT_ADDED',
    'ATTACHMENT_REMOVED',
  ]),
  AttachmentVisibility: shown('AttachmentVisibility', ['INTERNAL', 'PUBLIC', 'IDENTITY']),
  AttachmentKind: shown('AttachmentKind', ['IMAGE', 'DOCUMENT']),
  AttachmentStatus: shown('AttachmentStatus', ['PENDING', 'UPLOADED', 'ACTIVE', 'REMOVED']),
  DuplicateReason: shown('DuplicateReason', ['SIMILAR_TEXT', 'SAME_CATEGORY', 'SAME_KELURAHAN', 'NEARBY']),
  PauseKind: shown('PauseKind', ['AWAITING_REPORTER', 'ON_HOLD']),
  HolidayKind: shown('HolidayKind', ['NATIONAL', 'CUTI_BERSAMA']),
  HolidayFileFormat: shown('HolidayFileFormat', ['CSV', 'ICAL']),
  HolidayImportAction: shown('HolidayImportAction', ['CREATE', 'UPDATE', 'SKIP']),
  SlaCalendar: shown('SlaCalendar', ['WORKING_DAYS', 'CALENDAR_HOURS']),
  SlaUnit: shown('SlaUnit', ['WORKING_HOURS', 'WORKING_DAYS', 'OFFICE_HOURS', 'CLOCK_HOURS', 'CALENDAR_DAYS']),
  DeadlineKind: shown('DeadlineKind', ['VERIFY', 'RESPONSE', 'FOLLOW_UP', 'SETTLE']),
  DeskStatus: shown('DeskStatus', ['CONVENED', 'CONCLUDED']),
  AuditKind: shown('AuditKind', [
    'USER',
    'OPD',
    'CATEGORY',
    'SLA_POLICY',
    'HOLIDAY',
    'PROGRAM',
    'SERVICE_POST',
    'API_CLIENT',
    'ESCALATION_RULE',
    'RESPONSE_TEMPLATE',
    'SERVICE_STANDARD',
    'NOTIFY_TEMPLATE',
    'NOTIFY_SETTINGS',
  ]),
  AuditAction: shown('AuditAction', ['CREATE', 'UPDATE', 'DELETE']),
  NotificationStatus: shown('NotificationStatus', ['PENDING', 'SENT', 'FAILED', 'DEAD']),
  NotificationChannel: shown('NotificationChannel', ['IN_CONSOLE', 'EMAIL', 'WHATSAPP', 'SMS', 'WEBHOOK']),
  NotificationTemplate: shown('NotificationTemplate', [
    'FORWARDED_TO_UNIT',
    'ESCALATED_TO_UNIT',
    'ASSIGNED_TO_STAFF',
    'RETURNED_TO_INTAKE',
    'ANSWERED_TO_INTAKE',
    'RATED_LOW_TO_INTAKE',
    'REOPENED_TO_UNIT',
    'REPLIED_TO_STAFF',
    'OVERDUE_TO_UNIT',
    'DESK_INVITATION_TO_UNIT',
    'DEADLINE_REMINDER_TO_UNIT',
    'DAILY_DIGEST_TO_UNIT',
    'RECEIVED_TO_REPORTER',
    'VERIFIED_TO_REPORTER',
    'FORWARDED_TO_REPORTER',
    'PROGRESS_TO_REPORTER',
    'QUESTION_TO_REPORTER',
    'ANSWERED_TO_REPORTER',
    'ANSWERED_TO_FOLLOWER',
    'CLOSED_TO_REPORTER',
    'ACCESS_CODE_TO_REPORTER',
    'WEBHOOK_EVENT',
  ]),
  NotificationAudience: shown('NotificationAudience', ['STAFF', 'REPORTER']),
  ApiScope: shown('ApiScope', ['COMPLAINTS_SUBMIT', 'COMPLAINTS_READ_OWN', 'PUBLIC_READ', 'WEBHOOKS_MANAGE']),
  ExternalSource: shown('ExternalSource', ['SP4N_LAPOR', 'OTHER']),
  ImportAction: shown('ImportAction', ['CREATE', 'UPDATE', 'UNCHANGED', 'REFUSE']),
  WebhookEvent: shown('WebhookEvent', ['RECEIVED', 'VERIFIED', 'FORWARDED', 'PROGRESS', 'ANSWERED', 'CLOSED']),
};

export type EnumName = keyof typeof ENUMS;
export type EnumValue<E extends EnumName> = (typeof ENUMS)[E][number];

/** `choices` for SelectInput / SelectField; react-admin translates the names. */
export const enumChoices = <E extends EnumName>(name: E) => ENUMS[name].map((value) => ({ id: value as EnumValue<E>, name: `enums.${name}.${value}` }));

/** The ISO weekday numbers used by service-post schedules (1 = Monday … 7 = Sunday). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const weekdayChoices = WEEKDAYS.map((d) => ({ id: d, name: `weekdays.${d}` }));
