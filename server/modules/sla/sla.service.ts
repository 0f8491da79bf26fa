import type { DataSource, EntityManager } from 'typeorm';
import { Category } from '../categories/category.entity';
import { Holiday } from '../holidays/holiday.entity';
import { SlaCalendarKind, SlaPolicy, SlaUnitKind } from './sla-policy.entity';
import { addWorkingDays, dueAt, holidayCalendar, type HolidayCalendar } from './working-calendar';

const TTL_MS = 60_000;

/**
 * Fallback when no policy row exists: SP4N-LAPOR! verify in 3 working days, Central Java's 1×24 h
 * (on working days) first response, SP4N-LAPOR!'s 5 working days of follow-up, Perpres 76/2013's 60 days.
 */
export const BUILT_IN_POLICY: PolicyLike = {
  calendar: SlaCalendarKind.WORKING_DAYS,
  verifyWithin: 3,
  verifyUnit: SlaUnitKind.WORKING_DAYS,
  respondWithin: 24,
  respondUnit: SlaUnitKind.WORKING_HOURS,
  followUpWithin: 5,
  followUpUnit: SlaUnitKind.WORKING_DAYS,
  settleWithin: 60,
  settleUnit: SlaUnitKind.CALENDAR_DAYS,
  autoCloseAfterDays: 10,
};

export type PolicyLike = Pick<
  SlaPolicy,
  | 'calendar'
  | 'verifyWithin'
  | 'verifyUnit'
  | 'respondWithin'
  | 'respondUnit'
  | 'followUpWithin'
  | 'followUpUnit'
  | 'settleWithin'
  | 'settleUnit'
  | 'autoCloseAfterDays'
>;

/** Deadlines: which policy applies and when it falls due, on the holiday calendar kept in the database. */
export class SlaService {
  private calendar: HolidayCalendar = holidayCalendar([]);
  private loadedAt = 0;

  constructor(private readonly db: DataSource) {}

  invalidate(): void {
    this.loadedAt = 0;
  }

  async holidays(): Promise<HolidayCalendar> {
    if (Date.now() - this.loadedAt > TTL_MS) {
      const rows = await this.db.getRepository(Holiday).find({ select: { date: true } });
      this.calendar = holidayCalendar(rows.map((r) => r.date));
      this.loadedAt = Date.now();
    }
    return this.calendar;
  }

  private policies: { at: number; categories: Map<number, Category>; byId: Map<number, SlaPolicy>; fallback: PolicyLike } | null = null;

  /** Categories and policies change rarely: read them once a minute, not on every transition. */
  private async reference(): Promise<NonNullable<SlaService['policies']>> {
    if (!this.policies || Date.now() - this.policies.at > TTL_MS) {
      const [categories, policies] = await Promise.all([this.db.getRepository(Category).find(), this.db.getRepository(SlaPolicy).find()]);
      this.policies = {
        at: Date.now(),
        categories: new Map(categories.map((c) => [c.id, c])),
        byId: new Map(policies.map((p) => [p.id, p])),
        fallback: policies.find((p) => p.isDefault) ?? BUILT_IN_POLICY,
      };
    }
    return this.policies;
  }

  invalidatePolicies(): void {
    this.policies = null;
  }

  async activeCategory(categoryId: number): Promise<boolean> {
    const ref = await this.reference();
    return !!ref.categories.get(categoryId)?.active;
  }

  async policyFor(_em: EntityManager, categoryId: number | null): Promise<PolicyLike> {
    const ref = await this.reference();
    const category = categoryId ? ref.categories.get(categoryId) : undefined;
    return (category?.slaPolicyId ? ref.byId.get(category.slaPolicyId) : undefined) ?? ref.fallback;
  }

  private async due(from: Date, amount: number, unit: SlaUnitKind, calendar: SlaCalendarKind): Promise<Date> {
    return dueAt(from, amount, unit, calendar, await this.holidays());
  }

  verifyDue(policy: PolicyLike, from: Date): Promise<Date> {
    return this.due(from, policy.verifyWithin, policy.verifyUnit, policy.calendar);
  }

  responseDue(policy: PolicyLike, from: Date): Promise<Date> {
    return this.due(from, policy.respondWithin, policy.respondUnit, policy.calendar);
  }

  followUpDue(policy: PolicyLike, from: Date): Promise<Date> {
    return this.due(from, policy.followUpWithin, policy.followUpUnit, policy.calendar);
  }

  settleDue(policy: PolicyLike, from: Date): Promise<Date> {
    return this.due(from, policy.settleWithin, policy.settleUnit, policy.calendar);
  }

  async autoCloseAt(policy: PolicyLike, from: Date): Promise<Date> {
    return addWorkingDays(from, policy.autoCloseAfterDays, await this.holidays());
  }
}
