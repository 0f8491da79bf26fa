import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Opd } from '../opds/opd.entity';

/**
 * Where an overdue complaint of a unit escalates, when that is not the head of its parent
 * (escalation-directory.ts). The rule without a unit names the coordinator: the complaint-management
 * unit (or Inspektorat) that takes escalations of units directly under the city.
 */
@ObjectType({ description: 'Where overdue complaints of a unit escalate; without a unit: the coordinator for units directly under the city.' })
@Entity('escalation_rule')
@Index(['opdId'], { unique: true, where: '"opdId" IS NOT NULL' })
@Index(['targetOpdId'])
export class EscalationRule {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID, { nullable: true, description: 'The unit whose overdue complaints this rule sends on; null: the coordinator rule.' })
  @Column({ type: 'int', nullable: true })
  opdId: number | null;

  @ManyToOne(() => Opd, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opdId' })
  opd?: Opd | null;

  @Field(() => ID, { description: 'Whose head receives them.' })
  @Column({ type: 'int' })
  targetOpdId: number;

  @ManyToOne(() => Opd, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'targetOpdId' })
  targetOpd?: Opd;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;
}
