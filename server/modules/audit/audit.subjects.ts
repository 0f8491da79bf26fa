import { ApiClient } from '../api-clients/api-client.entity';
import { Category } from '../categories/category.entity';
import { Holiday } from '../holidays/holiday.entity';
import { EscalationRule } from '../escalations/escalation-rule.entity';
import { Opd } from '../opds/opd.entity';
import { Program } from '../programs/program.entity';
import { ResponseTemplate } from '../response-templates/response-template.entity';
import { INTERNAL_COMPONENTS, PUBLIC_COMPONENTS, ServiceStandard } from '../service-standards/service-standard.entity';
import { ServicePost } from '../service-posts/service-post.entity';
import { SLA_POLICY_SETTINGS, SlaPolicy } from '../sla/sla-policy.entity';
import { NotificationSettings, NotificationTemplateOverride } from '../notifications/notification-template.entity';
import { User } from '../users/user.entity';
import { AuditKind } from './audit.entity';

type Row = Record<string, unknown>;

/**
 * How the changes of one kind of record are written down. Every column is in exactly one
 * of `recorded` (values kept), `secret` (only "changed" kept, under a name of its own) or
 * `ignored` (bookkeeping, not an administrative change); a column in none of them is kept
 * as "changed" without values, and tests/integration/audit lists it until it is placed.
 */
export interface AuditSubject {
  kind: AuditKind;
  entity: Function;
  /** Singular noun for messages. */
  noun: string;
  label(row: Row): string;
  recorded: readonly string[];
  secret: Readonly<Record<string, string>>;
  ignored: readonly string[];
  /** Rows of other kinds the database changes when one of these is deleted (ON DELETE SET NULL). */
  dependents?: readonly { entity: Function; column: string }[];
}

const codeName = (r: Row) => `${r.code} — ${r.name}`;

export const AUDIT_SUBJECTS: readonly AuditSubject[] = [
  {
    kind: AuditKind.USER,
    entity: User,
    noun: 'user',
    label: (r) => `${r.name} (${r.username})`,
    recorded: ['username', 'name', 'phone', 'email', 'opdId', 'servicePostId', 'role', 'active', 'mayPublish'],
    secret: { passwordHash: 'password' },
    // notifyBy, dailyDigest: each person's own choice of notifications, not an administrator's change to an account.
    ignored: ['id', 'tokenGeneration', 'failedLogins', 'lockedUntil', 'lastLoginAt', 'createdAt', 'updatedAt', 'notifyBy', 'dailyDigest'],
  },
  {
    kind: AuditKind.OPD,
    entity: Opd,
    noun: 'Opd',
    label: codeName,
    recorded: ['code', 'name', 'kind', 'parentId', 'regionCode', 'active'],
    secret: {},
    // `path` follows `parentId`.
    ignored: ['id', 'path', 'createdAt', 'updatedAt'],
  },
  {
    kind: AuditKind.CATEGORY,
    entity: Category,
    noun: 'category',
    label: codeName,
    recorded: ['code', 'name', 'description', 'defaultOpdId', 'slaPolicyId', 'active'],
    secret: {},
    ignored: ['id'],
  },
  {
    kind: AuditKind.SLA_POLICY,
    entity: SlaPolicy,
    noun: 'SLA policy',
    label: codeName,
    recorded: [...SLA_POLICY_SETTINGS],
    secret: {},
    ignored: ['id'],
  },
  {
    kind: AuditKind.ESCALATION_RULE,
    entity: EscalationRule,
    noun: 'escalation rule',
    label: (r) => (r.opdId == null ? `coordinator → #${r.targetOpdId}` : `#${r.opdId} → #${r.targetOpdId}`),
    recorded: ['opdId', 'targetOpdId', 'note'],
    secret: {},
    ignored: ['id'],
  },
  {
    kind: AuditKind.RESPONSE_TEMPLATE,
    entity: ResponseTemplate,
    noun: 'response template',
    label: (r) => String(r.title),
    recorded: ['opdId', 'categoryId', 'title', 'body', 'active'],
    secret: {},
    ignored: ['id', 'createdAt'],
  },
  {
    kind: AuditKind.SERVICE_STANDARD,
    entity: ServiceStandard,
    noun: 'service standard',
    label: (r) => String(r.serviceName),
    recorded: ['opdId', 'serviceName', ...PUBLIC_COMPONENTS, ...INTERNAL_COMPONENTS, 'active'],
    secret: {},
    ignored: ['id', 'createdAt'],
  },
  {
    kind: AuditKind.HOLIDAY,
    entity: Holiday,
    noun: 'holiday',
    label: (r) => `${r.date} — ${r.name}`,
    recorded: ['date', 'name', 'kind'],
    secret: {},
    ignored: ['id'],
  },
  {
    kind: AuditKind.PROGRAM,
    entity: Program,
    noun: 'programme',
    label: codeName,
    recorded: ['code', 'name', 'ownerOpdId', 'description', 'eligibility', 'benefits', 'contact', 'startsOn', 'endsOn', 'active'],
    secret: {},
    ignored: ['id'],
  },
  {
    kind: AuditKind.SERVICE_POST,
    entity: ServicePost,
    noun: 'service post',
    label: codeName,
    recorded: ['code', 'name', 'kelurahanId', 'rw', 'address', 'schedule', 'active'],
    secret: {},
    ignored: ['id'],
    dependents: [{ entity: User, column: 'servicePostId' }],
  },
  {
    kind: AuditKind.API_CLIENT,
    entity: ApiClient,
    noun: 'API client',
    label: (r) => `${r.name} (${r.keyPrefix})`,
    recorded: [
      'name',
      'channel',
      'scopes',
      'keyPrefix',
      'expiresAt',
      'rateLimitPerMinute',
      'previousKeyPrefix',
      'previousKeyValidUntil',
      'rotatedAt',
      'active',
    ],
    secret: { keyHash: 'key', previousKeyHash: 'previousKey' },
    ignored: ['id', 'createdAt'],
  },
  {
    kind: AuditKind.NOTIFY_TEMPLATE,
    entity: NotificationTemplateOverride,
    noun: 'notification template',
    label: (r) => String(r.template),
    recorded: ['template', 'subject', 'body'],
    secret: {},
    ignored: ['id', 'updatedAt'],
  },
  {
    kind: AuditKind.NOTIFY_SETTINGS,
    entity: NotificationSettings,
    noun: 'notification settings',
    label: () => 'notification settings',
    recorded: ['defaultStaffChannels'],
    secret: {},
    ignored: ['id', 'updatedAt'],
  },
];

/** The audit rules of an entity; every entity changed through the shared CRUD must have some. */
export function auditSubjectOf(entity: unknown): AuditSubject {
  const subject = AUDIT_SUBJECTS.find((s) => s.entity === entity);
  if (!subject) throw new Error(`${(entity as Function)?.name ?? String(entity)} has no audit rules: add it to server/modules/audit/audit.subjects.ts`);
  return subject;
}
