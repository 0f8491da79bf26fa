import { Check, Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { NotificationTemplate } from './notification.enums';

/**
 * The superadmin's text of a notification template, replacing the built-in one
 * (notification-templates.ts) until reset, which deletes the row. Read by every statement
 * that writes notifications, in its transaction, so a message written after an edit commits
 * carries the edited text in every server process.
 */
@Entity('notification_template_override')
export class NotificationTemplateOverride {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 40, unique: true })
  template: NotificationTemplate;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Settings of the notifications that the superadmin keeps in the database: one row, id 1. */
@Entity('notification_settings')
@Check('"id" = 1')
export class NotificationSettings {
  @PrimaryColumn({ type: 'int', default: 1 })
  id: number;

  /** The channels besides the console of staff who never chose their own (app_user.notifyBy NULL). */
  @Column({ type: 'varchar', length: 20, array: true, default: () => "'{}'" })
  defaultStaffChannels: string[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
