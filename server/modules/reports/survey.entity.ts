import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Opd } from '../opds/opd.entity';

/**
 * One answer sheet of the public satisfaction survey (SKM, PermenPAN-RB 14/2017):
 * nine elements, each answered 1–4.
 */
@ObjectType()
@Entity('survey_response')
@Index(['opdId', 'submittedAt'])
export class SurveyResponse {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID)
  @Column({ type: 'int' })
  opdId: number;

  @ManyToOne(() => Opd, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opdId' })
  opd?: Opd;

  @Field(() => [Int], { description: 'U1–U9 in the order of PermenPAN-RB 14/2017, each 1–4.' })
  @Column({ type: 'smallint', array: true })
  answers: number[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  submittedAt: Date;
}
