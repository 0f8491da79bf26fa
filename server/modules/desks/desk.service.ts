import type { DataSource, EntityManager } from 'typeorm';
import type { Context } from '../../core/context';
import { AppError, ErrorCode, parseId } from '../../core/errors';
import { checkPaging, type ListArgs, type Page } from '../../core/paging';
import { ROLE_ROW_SCOPE, RowScope } from '../../auth/permissions';
import type { Viewer } from '../../auth/viewer';
import { Complaint } from '../complaints/complaint.entity';
import { ComplaintStatus } from '../complaints/complaint.enums';
import type { ComplaintService } from '../complaints/complaint.service';
import { optionalText, text } from '../complaints/complaint.service';
import { Opd } from '../opds/opd.entity';
import { receivingOpd } from '../opds/opd.service';
import type { OrgDirectory } from '../opds/org-directory';
import type { SlaService } from '../sla/sla.service';
import { addWorkingDays, toWibDate } from '../sla/working-calendar';
import { Desk, DeskItem, DeskStatus } from './desk.entity';
import { endOfWibDay, wibDate, wibText } from '../../core/wib';
import { writeStaffNotices, type StaffNotice } from '../notifications/notification-rules';
import { readOverrides } from '../notifications/notification-template.service';
import { render } from '../notifications/notification-templates';
import { NotificationChannel, NotificationTemplate } from '../notifications/notification.enums';

/**
 * How far ahead a desk may set the responsible unit's due date, in working days (WIB calendar
 * with holidays and cuti bersama). A decision replaces the category's response deadline, so an
 * unbounded date would let a desk put a complaint out of reach of the overdue sweep. The
 * console's help text (desk.conclude.dueDateHelp) names the same number.
 */
export const DESK_DUE_WITHIN_WORKING_DAYS = 30;

export interface ConveneInput {
  title: string;
  complaintIds: string[];
  participantOpdIds: string[];
  scheduledAt: Date;
  place: string;
}

export interface DecisionInput {
  complaintId: string;
  solution: string;
  publicMessage?: string | null;
  responsibleOpdId: string;
  dueDate?: string | null;
}

/** A refusal names the complaint on the agenda it is about. */
async function onAgenda<T>(c: Complaint, act: () => Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (err) {
    if (err instanceof AppError && (err.code === ErrorCode.FORBIDDEN || err.code === ErrorCode.INVALID_TRANSITION)) {
      throw new AppError(err.code, `Complaint ${c.trackingCode}: ${err.message}`, { ...err.extensions });
    }
    throw err;
  }
}

/**
 * Forum desks. Every step lands on each complaint's timeline through ComplaintService's named
 * actions (takeToDesk, noteDeskMinutes, forwardByDesk), so desks obey the same policy and status
 * machine, and the answer still comes from the responsible unit's head: a desk decides and
 * forwards, it never responds.
 */
export class DeskService {
  constructor(
    private readonly db: DataSource,
    private readonly org: OrgDirectory,
    private readonly complaints: ComplaintService,
    private readonly sla: SlaService,
    /** The channels besides the console this server has configured (invitations go by each head's choice of them). */
    private readonly staffChannels: readonly NotificationChannel[] = [],
  ) {}

  canSee(viewer: Viewer, desk: Desk): boolean {
    if (ROLE_ROW_SCOPE[viewer.role] === RowScope.ALL) return true;
    return [desk.convenerOpdId, ...desk.participantOpdIds].some((id) => this.org.isWithin(id, viewer.opdId));
  }

  async get(viewer: Viewer, id: string | number): Promise<Desk> {
    await this.org.ready();
    const desk = await this.db.getRepository(Desk).findOneBy({ id: parseId(id) });
    if (!desk || !this.canSee(viewer, desk)) throw AppError.notFound('Desk', id);
    return desk;
  }

  async list(viewer: Viewer, status: DeskStatus | null, args: ListArgs): Promise<Page<Desk>> {
    await this.org.ready();
    const { offset, limit } = checkPaging(args);
    const qb = this.db.getRepository(Desk).createQueryBuilder('d');
    if (ROLE_ROW_SCOPE[viewer.role] !== RowScope.ALL) {
      const ids = this.org.subtreeIds(viewer.opdId);
      qb.where('(d.convenerOpdId = ANY(:ids) OR d.participantOpdIds && :ids::int[])', { ids });
    }
    if (status) qb.andWhere('d.status = :status', { status });
    const [items, total] = await qb
      .orderBy('d.scheduledAt', args.sortOrder ?? 'DESC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
    return { items, total };
  }

  async convene(ctx: Context, input: ConveneInput): Promise<Desk> {
    const viewer = ctx.viewer!;
    await this.org.ready();
    const title = text(input.title, 'input.title', 3, 200);
    const place = text(input.place, 'input.place', 2, 300);
    if (!input.complaintIds.length) throw AppError.field('input.complaintIds', 'put at least one complaint on the agenda');
    if (input.complaintIds.length > 50) throw AppError.field('input.complaintIds', 'at most 50 complaints per desk');
    const complaintIds = [...new Set(input.complaintIds.map((id, i) => parseId(id, `input.complaintIds.${i}`)))];
    const participantOpdIds = [...new Set(input.participantOpdIds.map((id, i) => parseId(id, `input.participantOpdIds.${i}`)))];
    participantOpdIds.forEach((id, i) => {
      if (!this.org.get(id)?.active) throw AppError.field(`input.participantOpdIds.${i}`, 'no such active Opd');
    });
    const complaints = await this.db.getRepository(Complaint).findBy(complaintIds.map((id) => ({ id })));
    complaintIds.forEach((id, i) => {
      const c = complaints.find((x) => x.id === id);
      if (!c) throw AppError.field(`input.complaintIds.${i}`, 'no such complaint');
      if (!this.complaints.policy.canRead(viewer, c)) throw AppError.forbidden('A complaint on the agenda is outside your scope.');
      if (c.status !== ComplaintStatus.FORWARDED && c.status !== ComplaintStatus.IN_PROGRESS) {
        throw AppError.field(`input.complaintIds.${i}`, `${c.trackingCode} is ${c.status}; only complaints being handled go to a desk`);
      }
    });
    return this.db.transaction(async (tx) => {
      const desk = await tx.getRepository(Desk).save({
        title,
        place,
        scheduledAt: input.scheduledAt,
        participantOpdIds,
        convenedById: viewer.userId,
        convenerOpdId: viewer.opdId,
        status: DeskStatus.CONVENED,
      });
      await tx.getRepository(DeskItem).save(complaints.map((c) => ({ deskId: desk.id, complaintId: c.id })));
      for (const c of complaints) await onAgenda(c, () => this.complaints.takeToDesk(viewer, c, desk, tx));
      const agenda = complaintIds.map((id) => complaints.find((c) => c.id === id)!);
      await this.invite(tx, desk, agenda, viewer);
      return desk;
    });
  }

  /**
   * The invited units' heads hear of the desk with it, in its transaction: in the console and by
   * the channels each chose. The agenda names complaints by code and title only.
   */
  private async invite(tx: EntityManager, desk: Desk, agenda: Complaint[], viewer: Viewer): Promise<void> {
    const overrides = await readOverrides(tx);
    const values = {
      forum: desk.title,
      unit: this.org.get(desk.convenerOpdId)?.name ?? null,
      waktu: wibText(desk.scheduledAt),
      tempat: desk.place,
      jumlah: String(agenda.length),
      daftar: agenda.map((c) => `- ${c.trackingCode} "${c.title}"`).join('\n'),
    };
    const text = render(NotificationTemplate.DESK_INVITATION_TO_UNIT, values, overrides);
    const notices: StaffNotice[] = desk.participantOpdIds.map((opdId) => ({
      template: NotificationTemplate.DESK_INVITATION_TO_UNIT,
      audience: { kind: 'UNIT_HEADS', opdId },
      key: `desk:${desk.id}:${opdId}`,
      deskId: desk.id,
      ...text,
    }));
    await writeStaffNotices(tx, notices, this.complaints.clock(), this.staffChannels, viewer.userId);
  }

  private async ownDesk(viewer: Viewer, id: string): Promise<Desk> {
    const desk = await this.get(viewer, id);
    if (!this.org.isWithin(desk.convenerOpdId, viewer.opdId)) throw AppError.forbidden('Only the unit that convened this desk may change it.');
    if (desk.status === DeskStatus.CONCLUDED) throw AppError.conflict('This desk is already concluded.');
    return desk;
  }

  async recordMinutes(ctx: Context, id: string, minutes: string): Promise<Desk> {
    const viewer = ctx.viewer!;
    const desk = await this.ownDesk(viewer, id);
    const body = text(minutes, 'minutes', 3, 20000);
    const items = await this.db.getRepository(DeskItem).findBy({ deskId: desk.id });
    return this.db.transaction(async (tx) => {
      await tx.getRepository(Desk).update(desk.id, { minutes: body });
      for (const item of items) {
        const c = await tx.getRepository(Complaint).findOneByOrFail({ id: item.complaintId });
        await onAgenda(c, () => this.complaints.noteDeskMinutes(viewer, c, desk, body, tx));
      }
      return { ...desk, minutes: body };
    });
  }

  async conclude(ctx: Context, id: string, decisions: DecisionInput[]): Promise<Desk> {
    const viewer = ctx.viewer!;
    const desk = await this.ownDesk(viewer, id);
    const items = await this.db.getRepository(DeskItem).findBy({ deskId: desk.id });
    const byComplaint = new Map<number, { d: DecisionInput; i: number }>();
    decisions.forEach((d, i) => byComplaint.set(parseId(d.complaintId, `decisions.${i}.complaintId`), { d, i }));
    for (const item of items) {
      if (!byComplaint.has(item.complaintId)) throw AppError.field('decisions', `decide every complaint on the agenda (missing complaint ${item.complaintId})`);
    }
    for (const [complaintId, { i }] of byComplaint) {
      if (!items.some((it) => it.complaintId === complaintId)) throw AppError.field(`decisions.${i}.complaintId`, 'not on this desk’s agenda');
    }
    const targets = new Map<number, Opd>();
    const now = this.complaints.clock();
    const latestDue = addWorkingDays(now, DESK_DUE_WITHIN_WORKING_DAYS, await this.sla.holidays());
    for (const [, { d, i }] of byComplaint) {
      const opdId = parseId(d.responsibleOpdId, `decisions.${i}.responsibleOpdId`);
      const opd = await receivingOpd(this.db.manager, opdId, `decisions.${i}.responsibleOpdId`);
      if (d.dueDate) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(d.dueDate)) throw AppError.field(`decisions.${i}.dueDate`, 'must be YYYY-MM-DD');
        if (d.dueDate < wibDate(now)) throw AppError.field(`decisions.${i}.dueDate`, 'must not be in the past');
        if (endOfWibDay(d.dueDate) > latestDue) {
          throw AppError.field(`decisions.${i}.dueDate`, `must be at most ${DESK_DUE_WITHIN_WORKING_DAYS} working days ahead (by ${toWibDate(latestDue)})`);
        }
      }
      text(d.solution, `decisions.${i}.solution`, 5, 5000);
      optionalText(d.publicMessage, `decisions.${i}.publicMessage`, 3, 2000);
      targets.set(opdId, opd);
    }
    return this.db.transaction(async (tx) => {
      for (const item of items) {
        const { d, i } = byComplaint.get(item.complaintId)!;
        const opd = targets.get(Number(d.responsibleOpdId))!;
        const c = await tx.getRepository(Complaint).findOneByOrFail({ id: item.complaintId });
        const solution = d.solution.trim();
        await onAgenda(c, () =>
          this.complaints.forwardByDesk(
            viewer,
            c,
            opd,
            {
              deskId: desk.id,
              deskTitle: desk.title,
              solution,
              publicMessage: d.publicMessage?.trim() || null,
              responseDueAt: d.dueDate ? endOfWibDay(d.dueDate) : null,
              dueDate: d.dueDate ?? null,
              field: `decisions.${i}.responsibleOpdId`,
            },
            tx,
          ),
        );
        await tx.getRepository(DeskItem).update(item.id, { solution, responsibleOpdId: opd.id, dueDate: d.dueDate ?? null });
      }
      await tx.getRepository(Desk).update(desk.id, { status: DeskStatus.CONCLUDED, concludedAt: now });
      return { ...desk, status: DeskStatus.CONCLUDED, concludedAt: now };
    });
  }
}
