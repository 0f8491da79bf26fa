import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum SlaCalendarKind {
  WORKING_DAYS = 'WORKING_DAYS',
  CALENDAR_HOURS = 'CALENDAR_HOURS',
}
export enum SlaUnitKind {
  HOURS = 'HOURS',
  DAYS = 'DAYS',
}
registerEnumType(SlaCalendarKind, { name: 'SlaCalendar' });
registerEnumType(SlaUnitKind, { name: 'SlaUnit' });

@ObjectType({
  description:
    'Deadlines for verifying and answering complaints of a category. HOURS are clock hours ("1×24 jam"); DAYS are working days on the WORKING_DAYS calendar, else calendar days.',
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

  @Field(() => SlaCalendarKind)
  @Column({ type: 'varchar', length: 20, default: SlaCalendarKind.WORKING_DAYS })
  calendar: SlaCalendarKind;

  @Field(() => Int)
  @Column({ type: 'int' })
  verifyWithin: number;

  @Field(() => SlaUnitKind)
  @Column({ type: 'varchar', length: 10 })
  verifyUnit: SlaUnitKind;

  @Field(() => Int)
  @Column({ type: 'int' })
  respondWithin: number;

  @Field(() => SlaUnitKind)
  @Column({ type: 'varchar', length: 10 })
  respondUnit: SlaUnitKind;

  @Field(() => Int, { description: 'Working days after the answer before the complaint closes by itself.' })
  @Column({ type: 'int', default: 10 })
  autoCloseAfterDays: number;

  @Field(() => Boolean, { description: 'Used for categories without their own policy.' })
  @Column({ type: 'boolean', default: false })
  isDefault: boolean;
}
