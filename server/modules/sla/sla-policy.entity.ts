import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum SlaCalendarKind {
  WORKING_DAYS = 'WORKING_DAYS',
  CALENDAR_HOURS = 'CALENDAR_HOURS',
}
export enum SlaUnitKind {
  CLOCK_HOURS = 'CLOCK_HOURS',
  WORKING_HOURS = 'WORKING_HOURS',
  OFFICE_HOURS = 'OFFICE_HOURS',
  WORKING_DAYS = 'WORKING_DAYS',
  CALENDAR_DAYS = 'CALENDAR_DAYS',
  HOURS = 'HOURS',
  DAYS = 'DAYS',
}
registerEnumType(SlaCalendarKind, { name: 'SlaCalendar', description: 'Only gives meaning to the older units HOURS and DAYS.' });
registerEnumType(SlaUnitKind, {
  name: 'SlaUnit',
  description: 'How a limit counts. Every unit uses the holiday calendar (weekends, national holidays, cuti bersama) except CLOCK_HOURS and CALENDAR_DAYS.',
  valuesConfig: {
    CLOCK_HOURS: { description: 'Elapsed hours, nights and holidays included.' },
    WORKING_HOURS: { description: 'Hours on working days only ("1×24 jam": Friday 10:00 + 24 is Monday 10:00).' },
    OFFICE_HOURS: { description: 'Office hours only, 08:00–16:00 WIB on working days.' },
    WORKING_DAYS: { description: 'Until the end (23:59 WIB) of the n-th working day after the start.' },
    CALENDAR_DAYS: { description: 'n × 24 elapsed hours.' },
    HOURS: { deprecationReason: 'Means CLOCK_HOURS; saved as such.' },
    DAYS: { deprecationReason: 'Means WORKING_DAYS (CALENDAR_DAYS on the CALENDAR_HOURS calendar); saved as such.' },
  },
});

/** The limits of a policy, each `<limit>Within` with its `<limit>Unit`. */
export const SLA_LIMITS = ['verify', 'respond', 'followUp', 'settle'] as const;

/** What an SLA policy is made of (the audit trail and `load-org` compare these). */
export const SLA_POLICY_SETTINGS = [
  'code',
  'name',
  'calendar',
  ...SLA_LIMITS.flatMap((l) => [`${l}Within`, `${l}Unit`] as const),
  'autoCloseAfterDays',
  'isDefault',
] as const;

@ObjectType({
  description:
    'Deadlines of a category: verify (intake), first response (unit), follow-up after the first response, and the overall settlement limit. Each limit states its own unit.',
})
@Entity('sla_policy')
export class SlaPolicy {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String)
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => SlaCalendarKind, { deprecationReason: 'Units are explicit now (SlaUnit); only the older HOURS/DAYS read it.' })
  @Column({ type: 'varchar', length: 20, default: SlaCalendarKind.WORKING_DAYS })
  calendar: SlaCalendarKind;

  @Field(() => Int)
  @Column({ type: 'int' })
  verifyWithin: number;

  @Field(() => SlaUnitKind)
  @Column({ type: 'varchar', length: 20 })
  verifyUnit: SlaUnitKind;

  @Field(() => Int)
  @Column({ type: 'int' })
  respondWithin: number;

  @Field(() => SlaUnitKind)
  @Column({ type: 'varchar', length: 20 })
  respondUnit: SlaUnitKind;

  @Field(() => Int, { description: 'After the first response the unit follows up (answers) within this ("tindak lanjut", SP4N-LAPOR!: 5 working days).' })
  @Column({ type: 'int', default: 5 })
  followUpWithin: number;

  @Field(() => SlaUnitKind)
  @Column({ type: 'varchar', length: 20, default: SlaUnitKind.WORKING_DAYS })
  followUpUnit: SlaUnitKind;

  @Field(() => Int, { description: 'The overall limit from receipt (or reopening) to the answer (Perpres 76/2013: 60 days).' })
  @Column({ type: 'int', default: 60 })
  settleWithin: number;

  @Field(() => SlaUnitKind)
  @Column({ type: 'varchar', length: 20, default: SlaUnitKind.CALENDAR_DAYS })
  settleUnit: SlaUnitKind;

  @Field(() => Int, { description: 'Working days after the answer before the complaint closes by itself.' })
  @Column({ type: 'int', default: 10 })
  autoCloseAfterDays: number;

  @Field(() => Boolean, { description: 'Used for categories without their own policy.' })
  @Column({ type: 'boolean', default: false })
  isDefault: boolean;
}
