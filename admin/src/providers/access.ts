import { SCHEMA_ENUMS } from '../generated/schema-enums';

/** Every permission the server knows, from schema.graphql's `Permission` enum. */
export const PERMISSIONS = SCHEMA_ENUMS.Permission;
export type Permission = (typeof PERMISSIONS)[number];

type Actions = Readonly<Record<string, Permission>>;

const readManage = (read: Permission, manage: Permission): Actions => ({
  list: read,
  show: read,
  export: read,
  create: manage,
  edit: manage,
  clone: manage,
  delete: manage,
});

/**
 * What the console lets a user see and do, as ONE table: (resource, action) → the server
 * permission that operation requires. The server enforces the same permissions; this only
 * hides what would be refused. Never test role names in the console, only permissions.
 * Absent (resource, action) pairs are denied.
 */
export const ACCESS: Readonly<Record<string, Actions>> = {
  dashboard: { access: 'AUTHENTICATED' },

  opds: readManage('ORG_READ', 'ORG_MANAGE'),
  servicePosts: readManage('ORG_READ', 'ORG_MANAGE'),
  categories: readManage('ORG_READ', 'ORG_MANAGE'),
  slaPolicies: readManage('ORG_READ', 'ORG_MANAGE'),
  programs: readManage('ORG_READ', 'ORG_MANAGE'),
  holidays: readManage('ORG_READ', 'ORG_MANAGE'),
  // Account pages are for whoever manages accounts; other roles read users only through pickers.
  users: readManage('USER_MANAGE', 'USER_MANAGE'),

  // Complaints change only through the workflow mutations, never a generic edit/delete.
  complaints: {
    list: 'COMPLAINT_READ',
    show: 'COMPLAINT_READ',
    export: 'COMPLAINT_READ',
    create: 'COMPLAINT_RECORD',
    verify: 'COMPLAINT_VERIFY',
    reject: 'COMPLAINT_VERIFY',
    forward: 'COMPLAINT_FORWARD',
    return: 'COMPLAINT_RETURN',
    accept: 'COMPLAINT_ASSIGN',
    assign: 'COMPLAINT_ASSIGN',
    progress: 'COMPLAINT_PROGRESS',
    note: 'COMPLAINT_NOTE',
    respond: 'COMPLAINT_RESPOND',
    close: 'COMPLAINT_CLOSE',
    reopen: 'COMPLAINT_REOPEN',
    remind: 'COMPLAINT_REMIND',
    publish: 'COMPLAINT_PUBLISH',
    draft: 'COMPLAINT_DRAFT',
    ask_reporter: 'COMPLAINT_ASK',
    hold: 'COMPLAINT_HOLD',
    resume: 'COMPLAINT_NOTE',
    archive: 'COMPLAINT_HOLD',
    merge: 'COMPLAINT_VERIFY',
    reveal_contact: 'COMPLAINT_VERIFY',
  },
  // "Eskalasi": late complaints escalated to the viewer's unit, for its head to remind, re-route or take over.
  escalations: { list: 'COMPLAINT_REMIND' },
  escalationRules: readManage('ORG_READ', 'ORG_MANAGE'),
  // Unit heads keep their unit's templates (the server limits them to it); the superadmin every unit's.
  responseTemplates: readManage('COMPLAINT_READ', 'TEMPLATE_MANAGE'),
  serviceStandards: readManage('ORG_READ', 'STANDARD_MANAGE'),
  // The viewer's inbox (`myInbox`): what waits for them, as the server decides per role.
  myInbox: { list: 'COMPLAINT_READ', export: 'COMPLAINT_READ' },

  // Forum desks: read by the convening and participating units (and leaders); convened,
  // minuted and concluded by unit heads (the server also requires the convening unit).
  desks: {
    list: 'DESK_READ',
    show: 'DESK_READ',
    create: 'DESK_MANAGE',
    minutes: 'DESK_MANAGE',
    conclude: 'DESK_MANAGE',
  },
  // The compliance report page (`/reports`) and its CSV.
  reports: { list: 'REPORT_READ', export: 'REPORT_READ' },
  // The append-only trail of administrative changes: read-only, for the system administrator.
  auditEntries: { list: 'AUDIT_READ' },
  // Failed and dead deliveries, sent again by the superadmin.
  notifications: { list: 'NOTIFICATION_MANAGE', retry: 'NOTIFICATION_MANAGE' },
  // The notifications' texts (edit with a preview, reset) and the default channels of staff.
  notificationTemplates: { list: 'NOTIFICATION_CONFIGURE', edit: 'NOTIFICATION_CONFIGURE' },
  // External apps: keys with their scopes, and their webhooks' delivery logs.
  apiClients: { list: 'USER_MANAGE' },
  // Importing from an SP4N-LAPOR! file records and verifies complaints: complaint admins.
  complaintImports: { list: 'COMPLAINT_VERIFY' },
};

/** The permission an action needs, or undefined when the console never offers it. */
export const requiredPermission = (resource: string, action: string): Permission | undefined => {
  const lookup = (r: string) => {
    const row = Object.hasOwn(ACCESS, r) ? ACCESS[r] : undefined;
    return row && Object.hasOwn(row, action) ? row[action] : undefined;
  };
  // `complaints.reporterNik` (field-level checks) falls back to `complaints`.
  return lookup(resource) ?? lookup(resource.split('.')[0]);
};

export const isAllowed = (permissions: readonly string[], resource: string, action: string): boolean => {
  const needed = requiredPermission(resource, action);
  return needed !== undefined && (needed === 'PUBLIC' || permissions.includes(needed));
};
