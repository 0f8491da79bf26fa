import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The dashboard's counts per WIB day of submission, so `complaintStats` sums a few rows per day
 * instead of scanning a year of complaints. Written by statement triggers on `complaint` in the
 * statement that changes a complaint (migration 1796701100000-ComplaintTally): each change adds
 * delta rows (its old state −1, its new state +1), so the figures are exactly those of the
 * complaints in any snapshot; the sweep folds a day's deltas into one row per group
 * (complaint-tally.ts). `overdue` depends on the clock and is counted live.
 *
 * Dimension `onTime` counts handling episodes instead (migration 1796701500000), by the WIB day
 * the forward began and the Opd it went to, written by the same kind of triggers on
 * `complaint_handling`: total episodes, `open` those without a first response whose deadline is
 * set (due once it passes: the clock's part is counted live), `firstResponded`,
 * `respondedInTime` (not after the deadline), `responded`, and the ratings.
 */
@Entity('complaint_tally')
@Index(['scope', 'day'])
// The days with deltas not yet folded.
@Index(['day'], { where: 'NOT "compact"' })
export class ComplaintTally {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  /** WIB calendar day the complaints were submitted. */
  @Column({ type: 'date' })
  day: string;

  /** Whose view the row counts for: A all, I the intake Opd (opdIds = [intakeOpdId]), H the handling Opds (opdIds = handlerOpdIds). */
  @Column({ type: 'char', length: 1 })
  scope: string;

  @Index('IDX_complaint_tally_opds', { synchronize: false })
  @Column({ type: 'int', array: true })
  opdIds: number[];

  /** total, status, channel, opd (current), program, category; onTime (the episode's Opd). */
  @Column({ type: 'varchar', length: 10 })
  dim: string;

  /** The status or channel, or the id; null for none (and for `total`). */
  @Column({ type: 'varchar', length: 30, nullable: true })
  key: string | null;

  @Column({ type: 'int' })
  total: number;

  @Column({ type: 'int' })
  open: number;

  @Column({ type: 'int' })
  responded: number;

  @Column({ type: 'int' })
  respondedInTime: number;

  @Column({ type: 'int' })
  firstResponded: number;

  @Column({ type: 'int' })
  ratingSum: number;

  @Column({ type: 'int' })
  ratingCount: number;

  /** A folded row (one per group and day); false for the deltas a change wrote. */
  @Column({ type: 'boolean', default: false })
  compact: boolean;
}

/**
 * The folded day rows summed per WIB calendar month (month = its first day), so a year is
 * twelve rows per group: each is the sum of the compact day rows of its month, kept so by the
 * fold that makes them (complaint-tally.ts) in the same statement. Deltas stay in the day rows.
 */
@Entity('complaint_tally_month')
@Index(['scope', 'month'])
export class ComplaintTallyMonth {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'date' })
  month: string;

  @Column({ type: 'char', length: 1 })
  scope: string;

  @Index('IDX_complaint_tally_month_opds', { synchronize: false })
  @Column({ type: 'int', array: true })
  opdIds: number[];

  @Column({ type: 'varchar', length: 10 })
  dim: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  key: string | null;

  @Column({ type: 'int' })
  total: number;

  @Column({ type: 'int' })
  open: number;

  @Column({ type: 'int' })
  responded: number;

  @Column({ type: 'int' })
  respondedInTime: number;

  @Column({ type: 'int' })
  firstResponded: number;

  @Column({ type: 'int' })
  ratingSum: number;

  @Column({ type: 'int' })
  ratingCount: number;
}
