import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum HolidayKind {
  NATIONAL = 'NATIONAL',
  CUTI_BERSAMA = 'CUTI_BERSAMA',
}
registerEnumType(HolidayKind, { name: 'HolidayKind', description: 'National holiday or collective leave (cuti bersama)' });

@ObjectType({ description: 'A day that is not a working day for deadlines.' })
@Entity('holiday')
export class Holiday {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => LocalDateResolver)
  @Index({ unique: true })
  @Column({ type: 'date' })
  date: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => HolidayKind)
  @Column({ type: 'varchar', length: 20 })
  kind: HolidayKind;
}
