import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Complaint, ComplaintEvent } from '../complaints/complaint.entity';
import { Desk } from '../desks/desk.entity';
import { User } from '../users/user.entity';
import { NotificationChannel, NotificationStatus, NotificationTemplate } from './notification.enums';

registerEnumType(NotificationChannel, { name: 'NotificationChannel' });
registerEnumType(NotificationStatus, { name: 'NotificationStatus' });
registerEnumType(NotificationTemplate, { name: 'NotificationTemplate' });

/**
 * The outbox: one row per message to deliver, written by the statement that appends the
 * complaint event causing it (ComplaintService.appendEvents), so both commit or neither does.
 */
@ObjectType({ description: 'A message to a staff member (in the console, by e-mail, WhatsApp or SMS) or to the reporter (by e-mail, WhatsApp or SMS).' })
@Entity('notification')
@Index('IDX_notification_due', ['nextAttemptAt'], { where: `status IN ('PENDING', 'FAILED')` })
@Index('IDX_notification_recipient', ['recipientUserId', 'createdAt'])
@Index('IDX_notification_trouble', ['status', 'createdAt'], { where: `status IN ('FAILED', 'DEAD')` })
export class Notification {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => NotificationChannel)
  @Column({ type: 'varchar', length: 20 })
  channel: NotificationChannel;

  @Field(() => NotificationStatus)
  @Column({ type: 'varchar', length: 10 })
  status: NotificationStatus;

  @Field(() => NotificationTemplate)
  @Column({ type: 'varchar', length: 40 })
  template: NotificationTemplate;

  @Field(() => ID, { nullable: true, description: 'The staff member told; null for a message to the reporter.' })
  @Column({ type: 'int', nullable: true })
  recipientUserId: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipientUserId' })
  recipientUser?: User | null;

  /** The reporter's e-mail address: never in the schema (an anonymous reporter's identity is theirs and the intake's). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  recipientAddress: string | null;

  @Field(() => ID, { nullable: true, description: 'The complaint it is about; null for a desk invitation or a daily digest.' })
  @Column({ type: 'int', nullable: true })
  complaintId: number | null;

  @ManyToOne(() => Complaint, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaintId' })
  complaint?: Complaint | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The timeline entry that caused it; null for a reminder, an invitation or a digest, which no change causes.',
  })
  @Column({ type: 'int', nullable: true })
  eventId: number | null;

  @ManyToOne(() => ComplaintEvent, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'eventId' })
  event?: ComplaintEvent | null;

  @Field(() => ID, { nullable: true, description: 'The forum desk a unit is invited to.' })
  @Column({ type: 'int', nullable: true })
  deskId: number | null;

  @ManyToOne(() => Desk, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deskId' })
  desk?: Desk | null;

  /** Passed to providers that deduplicate (the e-mail's Message-ID), so a resent message is recognised as the same. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 200 })
  dedupeKey: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 300 })
  subject: string;

  /** Shown through NotificationResolver.body, with any access code still in it masked. */
  @Column({ type: 'text' })
  body: string;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the recipient marked it read (console notifications).' })
  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
