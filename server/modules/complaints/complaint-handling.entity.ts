import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Opd } from '../opds/opd.entity';
import { User } from '../users/user.entity';
import { Complaint, ComplaintEvent } from './complaint.entity';

/**
 * One handling episode: a complaint's stay at an Opd from a forward until the next forward
 * or return. Derived from the timeline and written in the same statement as the events that
 * shape it (see complaint-handling.ts), so the compliance report reads a quarter's episodes
 * instead of walking every event of every complaint forwarded in it.
 */
@Entity('complaint_handling')
@Index(['startedAt'])
// A complaint's episodes: the open one each forward, return or response updates, the answered ones a rating updates;
// and the one an answer falls in (the latest begun before it: the compliance report's staff figures).
@Index(['complaintId', 'startedAt'])
export class ComplaintHandling {
  /** The FORWARDED event that opened it. */
  @PrimaryColumn({ type: 'int' })
  id: number;

  @ManyToOne(() => ComplaintEvent, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'id' })
  forward?: ComplaintEvent;

  @Column({ type: 'int' })
  complaintId: number;

  @ManyToOne(() => Complaint, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaintId' })
  complaint?: Complaint;

  /**
   * The complaint's intake Opd and handling Opds, kept equal to the complaint's by a trigger
   * (migration 1796701500000): the dashboard's on-time tally counts an episode for whoever may
   * see its complaint, and a trigger on this table alone sees an episode's old and new scope.
   */
  @Column({ type: 'int' })
  intakeOpdId: number;

  @Column({ type: 'int', array: true })
  handlerOpdIds: number[];

  /** Where it was sent. */
  @Column({ type: 'int' })
  opdId: number;

  @ManyToOne(() => Opd, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opdId' })
  opd?: Opd;

  /** Who sent it: the Opd it was at, or the intake Opd for a first forward. */
  @Column({ type: 'int' })
  fromOpdId: number;

  @ManyToOne(() => Opd, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fromOpdId' })
  fromOpd?: Opd;

  /** Whoever forwarded it; null for the system. */
  @Column({ type: 'int', nullable: true })
  forwardedById: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'forwardedById' })
  forwardedBy?: User | null;

  /** Forwarded by the intake (first forward, or after a return) rather than onward by a unit. */
  @Column({ type: 'boolean' })
  fromIntake: boolean;

  /** The intake's verification deadline, for forwards from the intake (officer appreciation). */
  @Column({ type: 'timestamptz', nullable: true })
  intakeDueAt: Date | null;

  // A period's episodes from the index alone, whatever the compliance report counts of them (INCLUDE), by hand in ReportIndexes.
  @Index('IDX_complaint_handling_report', { synchronize: false })
  @Column({ type: 'timestamptz' })
  startedAt: Date;

  /** The response deadline the forward set. */
  // The episodes still without a first response, by deadline (INCLUDE scope and Opd), by hand in DashboardRollups: the dashboard's on-time figure.
  @Index('IDX_complaint_handling_pending', { synchronize: false })
  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  /** First ACCEPTED, public PROGRESS or RESPONDED inside the episode. */
  @Column({ type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  /** First RESPONDED inside the episode. */
  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  /** The complaint's rating, on answered episodes (the report's average rating per Opd). */
  @Column({ type: 'smallint', nullable: true })
  rating: number | null;

  /** The next forward or return; null while the complaint is still there. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
