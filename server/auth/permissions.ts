import { Role } from './roles';

/**
 * Every operation names exactly one of these (see `Requires`). Which role holds which
 * permission is decided here and nowhere else; row scope and the central rule add
 * per-complaint checks in the domain policies.
 */
export enum Permission {
  /** Anyone, including citizens and external apps without an account. */
  PUBLIC = 'PUBLIC',
  /** Any signed-in user. */
  AUTHENTICATED = 'AUTHENTICATED',
  ORG_READ = 'ORG_READ',
  ORG_MANAGE = 'ORG_MANAGE',
  USER_READ = 'USER_READ',
  USER_MANAGE = 'USER_MANAGE',
  /** Staff phone numbers and e-mails, for the users in STAFF_CONTACT_SCOPE; everyone sees their own. */
  STAFF_CONTACT_READ = 'STAFF_CONTACT_READ',
  COMPLAINT_READ = 'COMPLAINT_READ',
  COMPLAINT_RECORD = 'COMPLAINT_RECORD',
  COMPLAINT_VERIFY = 'COMPLAINT_VERIFY',
  COMPLAINT_FORWARD = 'COMPLAINT_FORWARD',
  COMPLAINT_RETURN = 'COMPLAINT_RETURN',
  COMPLAINT_ASSIGN = 'COMPLAINT_ASSIGN',
  COMPLAINT_PROGRESS = 'COMPLAINT_PROGRESS',
  COMPLAINT_NOTE = 'COMPLAINT_NOTE',
  COMPLAINT_RESPOND = 'COMPLAINT_RESPOND',
  COMPLAINT_CLOSE = 'COMPLAINT_CLOSE',
  COMPLAINT_REOPEN = 'COMPLAINT_REOPEN',
  /** Remind the unit of a complaint escalated to the viewer's unit (the escalation's head may also re-route or take it over). */
  COMPLAINT_REMIND = 'COMPLAINT_REMIND',
  /** Publish progress to the reporter: a staff member's progress notes stay internal until someone with this publishes them. */
  COMPLAINT_PUBLISH = 'COMPLAINT_PUBLISH',
  /** Draft the answer for the head to approve or edit. */
  COMPLAINT_DRAFT = 'COMPLAINT_DRAFT',
  /** Ask the reporter a question ("Menunggu informasi pelapor"; the deadline pauses). */
  COMPLAINT_ASK = 'COMPLAINT_ASK',
  /** Put a complaint on hold (Tunda) or archive one that needs no action (Arsipkan). */
  COMPLAINT_HOLD = 'COMPLAINT_HOLD',
  /** Attach photos and documents to a complaint on the viewer's side of it, and delete them (with a reason). */
  COMPLAINT_ATTACH = 'COMPLAINT_ATTACH',
  /** Response templates of the viewer's unit (all units for the superadmin). */
  TEMPLATE_MANAGE = 'TEMPLATE_MANAGE',
  /** Standar pelayanan of the viewer's unit (all units for the superadmin). */
  STANDARD_MANAGE = 'STANDARD_MANAGE',
  DESK_READ = 'DESK_READ',
  DESK_MANAGE = 'DESK_MANAGE',
  REPORT_READ = 'REPORT_READ',
  /** The append-only record of administrative changes (users, organisation, settings, API clients). */
  AUDIT_READ = 'AUDIT_READ',
  /** Every notification's delivery (failed and dead ones included), and sending failed ones again. */
  NOTIFICATION_MANAGE = 'NOTIFICATION_MANAGE',
  /** The notification templates' texts (edit, preview, reset) and the default channels of staff. */
  NOTIFICATION_CONFIGURE = 'NOTIFICATION_CONFIGURE',
  /** An external app submits complaints with its key (scope `complaints:submit`). */
  APP_SUBMIT = 'APP_SUBMIT',
  /** An external app follows the complaints it submitted: public facts only (scope `complaints:read-own`). */
  APP_READ_OWN = 'APP_READ_OWN',
  /** An external app reads what the public may read, under its key's own limit (scope `public:read`). */
  APP_PUBLIC_READ = 'APP_PUBLIC_READ',
  /** An external app registers its webhook endpoints (scope `webhooks:manage`). */
  APP_WEBHOOK_MANAGE = 'APP_WEBHOOK_MANAGE',
}

const READ_ALL = [Permission.AUTHENTICATED, Permission.ORG_READ, Permission.COMPLAINT_READ];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  [Role.SUPERADMIN]: [
    ...READ_ALL,
    Permission.ORG_MANAGE,
    Permission.USER_READ,
    Permission.USER_MANAGE,
    Permission.STAFF_CONTACT_READ,
    Permission.DESK_READ,
    Permission.REPORT_READ,
    Permission.AUDIT_READ,
    Permission.TEMPLATE_MANAGE,
    Permission.STANDARD_MANAGE,
    Permission.NOTIFICATION_MANAGE,
    Permission.NOTIFICATION_CONFIGURE,
  ],
  [Role.ADMIN]: [
    ...READ_ALL,
    Permission.USER_READ,
    Permission.STAFF_CONTACT_READ,
    Permission.COMPLAINT_RECORD,
    Permission.COMPLAINT_VERIFY,
    Permission.COMPLAINT_FORWARD,
    Permission.COMPLAINT_NOTE,
    Permission.COMPLAINT_CLOSE,
    Permission.COMPLAINT_REOPEN,
    Permission.COMPLAINT_ASK,
    Permission.COMPLAINT_HOLD,
    Permission.COMPLAINT_ATTACH,
    Permission.REPORT_READ,
  ],
  [Role.OFFICER]: [...READ_ALL, Permission.COMPLAINT_RECORD, Permission.COMPLAINT_ATTACH],
  [Role.UNIT_HEAD]: [
    ...READ_ALL,
    Permission.USER_READ,
    Permission.STAFF_CONTACT_READ,
    Permission.COMPLAINT_FORWARD,
    Permission.COMPLAINT_RETURN,
    Permission.COMPLAINT_ASSIGN,
    Permission.COMPLAINT_PROGRESS,
    Permission.COMPLAINT_NOTE,
    Permission.COMPLAINT_RESPOND,
    Permission.COMPLAINT_REMIND,
    Permission.COMPLAINT_PUBLISH,
    Permission.COMPLAINT_DRAFT,
    Permission.COMPLAINT_ASK,
    Permission.COMPLAINT_ATTACH,
    Permission.TEMPLATE_MANAGE,
    Permission.STANDARD_MANAGE,
    Permission.DESK_READ,
    Permission.DESK_MANAGE,
    Permission.REPORT_READ,
  ],
  [Role.UNIT_STAFF]: [
    ...READ_ALL,
    Permission.COMPLAINT_PROGRESS,
    Permission.COMPLAINT_NOTE,
    Permission.COMPLAINT_DRAFT,
    Permission.COMPLAINT_ATTACH,
    Permission.DESK_READ,
  ],
  [Role.LEADER]: [...READ_ALL, Permission.USER_READ, Permission.DESK_READ, Permission.REPORT_READ],
};

/** What an external app's key may be granted, chosen when the key is created. */
export enum ApiScope {
  COMPLAINTS_SUBMIT = 'complaints:submit',
  COMPLAINTS_READ_OWN = 'complaints:read-own',
  PUBLIC_READ = 'public:read',
  WEBHOOKS_MANAGE = 'webhooks:manage',
}

/** The key's scopes play the part a role plays for staff: each grants permissions, and nothing else does. */
export const SCOPE_PERMISSIONS: Readonly<Record<ApiScope, readonly Permission[]>> = {
  [ApiScope.COMPLAINTS_SUBMIT]: [Permission.APP_SUBMIT],
  [ApiScope.COMPLAINTS_READ_OWN]: [Permission.APP_READ_OWN],
  [ApiScope.PUBLIC_READ]: [Permission.APP_PUBLIC_READ],
  [ApiScope.WEBHOOKS_MANAGE]: [Permission.APP_WEBHOOK_MANAGE],
};

/** Permissions only keys hold: an operation needing one of them is answered for the key, not the staff session. */
export const APP_PERMISSIONS: ReadonlySet<Permission> = new Set(Object.values(SCOPE_PERMISSIONS).flat());

export function permissionsOfScopes(scopes: readonly string[]): Permission[] {
  return [Permission.PUBLIC, ...new Set(scopes.flatMap((s) => SCOPE_PERMISSIONS[s as ApiScope] ?? []))];
}

export const SCOPE_OF_PERMISSION: Readonly<Partial<Record<Permission, ApiScope>>> = Object.fromEntries(
  Object.entries(SCOPE_PERMISSIONS).flatMap(([scope, perms]) => perms.map((p) => [p, scope])),
);

/** Refusals that must tell the caller what to do instead. */
export const REFUSAL_MESSAGES: Partial<Record<Permission, string>> = {
  [Permission.COMPLAINT_RESPOND]:
    'Only the head of the unit the complaint is forwarded to may answer it. Complaint admins do not answer: forward the complaint to the responsible unit instead.',
  [Permission.COMPLAINT_PUBLISH]: 'Your progress notes stay internal until the head of your unit publishes them; send public: false, or draft the answer.',
};

export function permissionsOf(role: Role | null | undefined): Permission[] {
  if (!role) return [Permission.PUBLIC];
  return [Permission.PUBLIC, ...ROLE_PERMISSIONS[role]];
}

/** Which complaints a role may read at all (row scope); the policy turns this into SQL and checks. */
export enum RowScope {
  ALL = 'ALL',
  /** Complaints whose intake Opd is the viewer's Opd or below it. */
  INTAKE = 'INTAKE',
  /** Complaints the viewer recorded. */
  RECORDED = 'RECORDED',
  /** Complaints ever forwarded to the viewer's Opd or below it. */
  HANDLED = 'HANDLED',
}

export const ROLE_ROW_SCOPE: Readonly<Record<Role, RowScope>> = {
  [Role.SUPERADMIN]: RowScope.ALL,
  [Role.LEADER]: RowScope.ALL,
  [Role.ADMIN]: RowScope.INTAKE,
  [Role.OFFICER]: RowScope.RECORDED,
  [Role.UNIT_HEAD]: RowScope.HANDLED,
  [Role.UNIT_STAFF]: RowScope.HANDLED,
};

/** Whose phone and e-mail a role holding STAFF_CONTACT_READ sees (besides its own). */
export enum ContactScope {
  /** Every staff member: the superadmin keeps the accounts. */
  ALL = 'ALL',
  /** Staff of the viewer's Opd or below it: admins and heads reach their own people. */
  OWN_OPD = 'OWN_OPD',
}

export const STAFF_CONTACT_SCOPE: Readonly<Partial<Record<Role, ContactScope>>> = {
  [Role.SUPERADMIN]: ContactScope.ALL,
  [Role.ADMIN]: ContactScope.OWN_OPD,
  [Role.UNIT_HEAD]: ContactScope.OWN_OPD,
};

/** Who a unit head may assign a complaint to (within the handling unit). */
export const ASSIGNABLE_ROLES: readonly Role[] = [Role.UNIT_STAFF, Role.UNIT_HEAD];

/** Roles that may see an anonymous reporter's identity (and only for their own intake). */
export const IDENTITY_ROLES: readonly Role[] = [Role.ADMIN, Role.OFFICER];

/** What waits in a role's inbox (on top of its row scope). */
export enum InboxKind {
  /** Taken in, to verify and forward; answered, to close. */
  INTAKE_WORK = 'INTAKE_WORK',
  /** Forwarded to the viewer's unit or below, not yet answered. */
  UNIT_WORK = 'UNIT_WORK',
  /** Assigned to the viewer, not yet answered. */
  ASSIGNED = 'ASSIGNED',
  /** Everything still open. */
  OPEN = 'OPEN',
}

export const ROLE_INBOX: Readonly<Record<Role, InboxKind>> = {
  [Role.SUPERADMIN]: InboxKind.OPEN,
  [Role.LEADER]: InboxKind.OPEN,
  [Role.ADMIN]: InboxKind.INTAKE_WORK,
  [Role.OFFICER]: InboxKind.OPEN,
  [Role.UNIT_HEAD]: InboxKind.UNIT_WORK,
  [Role.UNIT_STAFF]: InboxKind.ASSIGNED,
};
