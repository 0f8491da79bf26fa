import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '../../auth/roles';
import { Opd } from '../opds/opd.entity';
import { ServicePost } from '../service-posts/service-post.entity';

registerEnumType(Role, { name: 'Role' });

@ObjectType({ description: 'A staff account. Citizens have no account.' })
@Entity('app_user')
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String)
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 60 })
  username: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Shown through UserResolver.phone, only to those canSeeStaffContact allows. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  phone: string | null;

  /** Shown through UserResolver.email, like phone. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;

  @Field(() => ID)
  @Index()
  @Column({ type: 'int' })
  opdId: number;

  @ManyToOne(() => Opd, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opdId' })
  opd?: Opd;

  @Field(() => ID, { nullable: true, description: 'For officers: the service post they staff.' })
  @Column({ type: 'int', nullable: true })
  servicePostId: number | null;

  @ManyToOne(() => ServicePost, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'servicePostId' })
  servicePost?: ServicePost | null;

  @Field(() => Role)
  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Channels besides the console this person chose for their notifications (NotificationPreferences); null: never chose, the superadmin's defaults apply. */
  @Column({ type: 'varchar', length: 20, array: true, nullable: true })
  notifyBy: string[] | null;

  /** A unit head asked for a daily digest of their unit's open and overdue complaints. */
  @Column({ type: 'boolean', default: false })
  dailyDigest: boolean;

  @Field(() => Boolean, { description: 'Unit staff only: may publish progress to the reporter, as the head does (COMPLAINT_PUBLISH).' })
  @Column({ type: 'boolean', default: false })
  mayPublish: boolean;

  @Column({ type: 'varchar', length: 200, select: false })
  passwordHash: string;

  /** Bumped (by a trigger) whenever what a token stands for changes: every older token stops working. */
  @Column({ type: 'int', default: 0 })
  tokenGeneration: number;

  @Column({ type: 'int', default: 0 })
  failedLogins: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
