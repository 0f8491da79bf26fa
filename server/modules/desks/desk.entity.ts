import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Complaint } from '../complaints/complaint.entity';
import { Opd } from '../opds/opd.entity';
import { User } from '../users/user.entity';

export enum DeskStatus {
  CONVENED = 'CONVENED',
  CONCLUDED = 'CONCLUDED',
}
registerEnumType(DeskStatus, { name: 'DeskStatus' });

@ObjectType({ description: 'A forum desk (Layanan Prima): units meet on one or more complaints and decide a solution for each.' })
@Entity('desk')
export class Desk {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => DeskStatus)
  @Column({ type: 'varchar', length: 20, default: DeskStatus.CONVENED })
  status: DeskStatus;

  @Field(() => ID)
  @Column({ type: 'int' })
  convenedById: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'convenedById' })
  convenedBy?: User;

  @Field(() => ID)
  @Index()
  @Column({ type: 'int' })
  convenerOpdId: number;

  @ManyToOne(() => Opd, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'convenerOpdId' })
  convenerOpd?: Opd;

  @Field(() => [ID])
  @Column({ type: 'int', array: true, default: () => "'{}'" })
  participantOpdIds: number[];

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  scheduledAt: Date;

  @Field(() => String)
  @Column({ type: 'varchar', length: 300 })
  place: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  minutes: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  concludedAt: Date | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@ObjectType({ description: 'A complaint on a desk’s agenda and, once concluded, the decision about it.' })
@Entity('desk_item')
@Index(['deskId', 'complaintId'], { unique: true })
export class DeskItem {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID)
  @Column({ type: 'int' })
  deskId: number;

  @ManyToOne(() => Desk, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deskId' })
  desk?: Desk;

  @Field(() => ID)
  @Index()
  @Column({ type: 'int' })
  complaintId: number;

  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaintId' })
  complaint?: Complaint;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  solution: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'int', nullable: true })
  responsibleOpdId: number | null;

  @ManyToOne(() => Opd, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'responsibleOpdId' })
  responsibleOpd?: Opd | null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;
}
