import { AppError } from '../../core/errors';
import { IDENTITY_ROLES, Permission, REFUSAL_MESSAGES, ROLE_ROW_SCOPE, RowScope } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import type { OrgDirectory } from '../opds/org-directory';
import { canTransition } from './complaint-status';
import type { Complaint } from './complaint.entity';
import { ComplaintAction, ComplaintStatus, PauseKind } from './complaint.enums';

/**
 * Which side of the process may take an action: the intake (admins), the unit it is forwarded
 * to, or the unit a late complaint was escalated to.
 */
type Side = 'INTAKE' | 'UNIT' | 'EITHER' | 'ESCALATION';

interface ActionRule {
  permission: Permission;
  side: Side | ((c: Complaint) => Side);
  /** The unit the complaint is escalated to may act as well (re-route, take over, note). */
  escalation?: boolean;
  /** Whether the complaint's own state makes the action meaningful at all (the service names the field when it is not). */
  offered?: (c: Complaint) => boolean;
}

/**
 * Who may act on a complaint, beyond holding the permission: the viewer must stand on the
 * right side of it. RESPOND here is the central rule: only the head of the unit the
 * complaint is forwarded to (or of a unit above it) answers; admins forward instead.
 */
export const ACTION_RULES: Readonly<Record<Exclude<ComplaintAction, 'RATE' | 'AUTO_CLOSE' | 'MARK_OVERDUE' | 'REPLY' | 'RENEW_ACCESS_CODE'>, ActionRule>> = {
  [ComplaintAction.VERIFY]: { permission: Permission.COMPLAINT_VERIFY, side: 'INTAKE' },
  [ComplaintAction.REJECT]: { permission: Permission.COMPLAINT_VERIFY, side: 'INTAKE' },
  // Admins forward a verified complaint; after that only the unit passes it on.
  [ComplaintAction.FORWARD]: {
    permission: Permission.COMPLAINT_FORWARD,
    side: (c) => (c.status === ComplaintStatus.VERIFIED ? 'INTAKE' : 'UNIT'),
    escalation: true,
  },
  [ComplaintAction.ACCEPT]: { permission: Permission.COMPLAINT_ASSIGN, side: 'UNIT' },
  [ComplaintAction.ASSIGN]: { permission: Permission.COMPLAINT_ASSIGN, side: 'UNIT' },
  [ComplaintAction.PROGRESS]: { permission: Permission.COMPLAINT_PROGRESS, side: 'UNIT' },
  [ComplaintAction.RETURN]: { permission: Permission.COMPLAINT_RETURN, side: 'UNIT' },
  [ComplaintAction.RESPOND]: { permission: Permission.COMPLAINT_RESPOND, side: 'UNIT' },
  [ComplaintAction.CLOSE]: { permission: Permission.COMPLAINT_CLOSE, side: 'INTAKE' },
  [ComplaintAction.REOPEN]: { permission: Permission.COMPLAINT_REOPEN, side: 'INTAKE' },
  // Internal notes are how the intake admins and the unit talk about a complaint.
  [ComplaintAction.NOTE]: { permission: Permission.COMPLAINT_NOTE, side: 'EITHER', escalation: true },
  [ComplaintAction.REMIND]: { permission: Permission.COMPLAINT_REMIND, side: 'ESCALATION' },
  [ComplaintAction.PUBLISH]: { permission: Permission.COMPLAINT_PUBLISH, side: 'UNIT' },
  [ComplaintAction.DRAFT]: { permission: Permission.COMPLAINT_DRAFT, side: 'UNIT' },
  // Whoever holds the complaint asks: the intake while it verifies, the unit once forwarded.
  [ComplaintAction.ASK_REPORTER]: {
    permission: Permission.COMPLAINT_ASK,
    side: (c) => (c.status === ComplaintStatus.SUBMITTED || c.status === ComplaintStatus.VERIFIED ? 'INTAKE' : 'UNIT'),
  },
  [ComplaintAction.HOLD]: { permission: Permission.COMPLAINT_HOLD, side: 'INTAKE' },
  // A hold is lifted by the intake that set it; a question to the reporter by either side (the answer came by phone).
  [ComplaintAction.RESUME]: { permission: Permission.COMPLAINT_NOTE, side: (c) => (c.pauseKind === PauseKind.ON_HOLD ? 'INTAKE' : 'EITHER') },
  [ComplaintAction.ARCHIVE]: { permission: Permission.COMPLAINT_HOLD, side: 'INTAKE' },
  [ComplaintAction.MERGE]: { permission: Permission.COMPLAINT_VERIFY, side: 'INTAKE' },
  // Only the intake knows an anonymous reporter; it decides.
  [ComplaintAction.REVEAL_CONTACT]: {
    permission: Permission.COMPLAINT_VERIFY,
    side: 'INTAKE',
    offered: (c) => c.anonymous && c.contactRevealedToOpdId !== c.currentOpdId,
  },
  // The intake attaches what the reporter brought; the unit its field check and its answer.
  [ComplaintAction.ATTACH]: { permission: Permission.COMPLAINT_ATTACH, side: 'EITHER' },
};

export type StaffAction = keyof typeof ACTION_RULES;

/** Whose move it is: the unit while the complaint is forwarded or in progress there, else the intake. */
export function holderOpdId(c: Pick<Complaint, 'status' | 'currentOpdId' | 'intakeOpdId'>): number {
  return (c.status === ComplaintStatus.FORWARDED || c.status === ComplaintStatus.IN_PROGRESS) && c.currentOpdId != null ? c.currentOpdId : c.intakeOpdId;
}

/** Who acts without an account, and the only actions each may take: the reporter with the access code, and the deadline sweep. */
export type Unattended = 'CITIZEN' | 'SYSTEM';
export const UNATTENDED_ACTIONS: Readonly<Record<Unattended, readonly ComplaintAction[]>> = {
  // ATTACH: photos with the report or a reply (ComplaintService.recordAttachedByReporter).
  CITIZEN: [ComplaintAction.REOPEN, ComplaintAction.RATE, ComplaintAction.REPLY, ComplaintAction.RENEW_ACCESS_CODE, ComplaintAction.ATTACH],
  // RESUME: the time allowed for the reporter's reply passed.
  SYSTEM: [ComplaintAction.MARK_OVERDUE, ComplaintAction.AUTO_CLOSE, ComplaintAction.RESUME],
};

function isStaffAction(action: ComplaintAction): action is StaffAction {
  return action in ACTION_RULES;
}

/** The tally's rows for a row scope: A all; I by [intakeOpdId], H by handlerOpdIds, overlapping `opdIds`. */
export interface TallyScope {
  scope: 'A' | 'I' | 'H';
  opdIds: number[] | null;
}

export class ComplaintPolicy {
  constructor(private readonly org: OrgDirectory) {}

  canRead(viewer: Viewer | null, c: Complaint): boolean {
    if (!viewer || !viewer.permissions.has(Permission.COMPLAINT_READ)) return false;
    switch (ROLE_ROW_SCOPE[viewer.role]) {
      case RowScope.ALL:
        return true;
      case RowScope.INTAKE:
        return this.org.isWithin(c.intakeOpdId, viewer.opdId);
      case RowScope.RECORDED:
        return c.recordedById === viewer.userId;
      case RowScope.HANDLED:
        return c.handlerOpdIds.some((id) => this.org.isWithin(id, viewer.opdId));
    }
  }

  /**
   * SQL condition on alias `c` limiting rows to the viewer's scope; null when it sees everything.
   * `alias` may name a handling episode instead (complaint_handling keeps its complaint's
   * intake and handling Opds), for every scope but RECORDED.
   */
  scopeSql(viewer: Viewer, params: unknown[], alias = 'c'): string | null {
    switch (ROLE_ROW_SCOPE[viewer.role]) {
      case RowScope.ALL:
        return null;
      case RowScope.INTAKE:
        params.push(this.org.subtreeIds(viewer.opdId));
        return `${alias}."intakeOpdId" = ANY($${params.length}::int[])`;
      case RowScope.RECORDED:
        params.push(viewer.userId);
        return `${alias}."recordedById" = $${params.length}`;
      case RowScope.HANDLED:
        params.push(this.org.subtreeIds(viewer.opdId));
        return `${alias}."handlerOpdIds" && $${params.length}::int[]`;
    }
  }

  /** Which rows of the dashboard's tally (complaint_tally) count for the viewer; null: its scope has none (an officer's). */
  tallyScope(viewer: Viewer): TallyScope | null {
    switch (ROLE_ROW_SCOPE[viewer.role]) {
      case RowScope.ALL:
        return { scope: 'A', opdIds: null };
      case RowScope.INTAKE:
        return { scope: 'I', opdIds: this.org.subtreeIds(viewer.opdId) };
      case RowScope.HANDLED:
        return { scope: 'H', opdIds: this.org.subtreeIds(viewer.opdId) };
      case RowScope.RECORDED:
        return null;
    }
  }

  /** canSeeIdentity for an anonymous complaint as SQL on alias `c`; null when the viewer sees none. */
  identitySql(viewer: Viewer, params: unknown[]): string | null {
    if (!IDENTITY_ROLES.includes(viewer.role)) return null;
    params.push(viewer.userId, this.org.subtreeIds(viewer.opdId));
    return `(c."recordedById" = $${params.length - 1} OR c."intakeOpdId" = ANY($${params.length}::int[]))`;
  }

  /** Anonymous reporters are known only to the intake Opd's admins and officers. */
  canSeeIdentity(viewer: Viewer | null, c: Complaint): boolean {
    if (!this.canRead(viewer, c)) return false;
    if (!c.anonymous) return true;
    return IDENTITY_ROLES.includes(viewer!.role) && (c.recordedById === viewer!.userId || this.org.isWithin(c.intakeOpdId, viewer!.opdId));
  }

  /**
   * An anonymous reporter's phone and address: those who see the identity, and the unit the
   * intake opened them to (REVEAL_CONTACT) while it can read the complaint. Never the name, NIK or e-mail.
   */
  canSeeContact(viewer: Viewer | null, c: Complaint): boolean {
    if (this.canSeeIdentity(viewer, c)) return true;
    return !!viewer && c.contactRevealedToOpdId != null && this.canRead(viewer, c) && this.org.isWithin(viewer.opdId, c.contactRevealedToOpdId);
  }

  private onSide(viewer: Viewer, c: Complaint, side: Side): boolean {
    if (side === 'ESCALATION') return this.org.isWithin(c.escalatedToOpdId, viewer.opdId);
    const intake = this.org.isWithin(c.intakeOpdId, viewer.opdId);
    const unit = this.org.isWithin(c.currentOpdId, viewer.opdId);
    return side === 'INTAKE' ? intake : side === 'UNIT' ? unit : intake || unit;
  }

  /**
   * Role and row scope only: may the viewer act on this complaint at all? The service checks
   * this first, then the caller's version and the status machine, then `assert` (the side,
   * including the central rule), so a stale or impossible request is reported as such.
   */
  assertMayAct(viewer: Viewer | null, action: StaffAction, c: Complaint): void {
    if (!viewer) throw AppError.unauthenticated();
    const rule = ACTION_RULES[action];
    if (!viewer.permissions.has(rule.permission)) {
      throw AppError.forbidden(REFUSAL_MESSAGES[rule.permission] ?? `Your role may not ${action.toLowerCase()} complaints.`);
    }
    if (!this.canRead(viewer, c)) throw AppError.forbidden('This complaint is outside your scope.');
  }

  /** Why the viewer may not take this action on this complaint, or null when it may. */
  refusal(viewer: Viewer | null, action: StaffAction, c: Complaint): string | null {
    const rule = ACTION_RULES[action];
    if (!viewer || !viewer.permissions.has(rule.permission)) {
      return REFUSAL_MESSAGES[rule.permission] ?? `Your role may not ${action.toLowerCase()} complaints.`;
    }
    const side = typeof rule.side === 'function' ? rule.side(c) : rule.side;
    if (!this.onSide(viewer, c, side) && !(rule.escalation && this.onSide(viewer, c, 'ESCALATION'))) {
      return (
        REFUSAL_MESSAGES[rule.permission] ??
        (side === 'INTAKE'
          ? 'Only the admins of the Opd that took in this complaint may do this.'
          : side === 'ESCALATION'
            ? 'Only the head of the unit this complaint was escalated to may do this.'
            : 'Only the unit this complaint is forwarded to may do this.')
      );
    }
    return null;
  }

  /**
   * Throws FORBIDDEN when the action is not the viewer's, also for complaints outside its
   * scope (a changing call is refused, never silently ignored; the message reveals nothing).
   */
  assert(viewer: Viewer | null, action: StaffAction, c: Complaint): void {
    if (!viewer) throw AppError.unauthenticated();
    const why = this.refusal(viewer, action, c);
    if (why) throw AppError.forbidden(why);
    if (!this.canRead(viewer, c)) throw AppError.forbidden('This complaint is outside your scope.');
  }

  /**
   * The last word before any change is written, whoever the caller: staff must pass `assert`
   * for every action; without an account only the actions of UNATTENDED_ACTIONS are possible.
   */
  assertActor(viewer: Viewer | null, label: Unattended | undefined, action: ComplaintAction, c: Complaint): void {
    if (viewer) {
      if (!isStaffAction(action)) throw AppError.forbidden(`Staff do not ${action.toLowerCase()} complaints; the system or the reporter does.`);
      this.assert(viewer, action, c);
    } else if (!label || !UNATTENDED_ACTIONS[label].includes(action)) {
      throw AppError.unauthenticated();
    }
  }

  /** What the console may offer: allowed for this viewer AND by the status machine. */
  availableActions(viewer: Viewer | null, c: Complaint): StaffAction[] {
    return (Object.keys(ACTION_RULES) as StaffAction[]).filter((a) => {
      if (this.refusal(viewer, a, c) || ACTION_RULES[a].offered?.(c) === false) return false;
      // Responding to a FORWARDED complaint accepts it first (two legal steps).
      if (a === ComplaintAction.RESPOND && c.status === ComplaintStatus.FORWARDED) return true;
      return canTransition(c.status, a);
    });
  }
}
