import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Opd } from '../opds/opd.entity';
import { SlaPolicy } from '../sla/sla-policy.entity';

@ObjectType({ description: 'What a complaint is about; routes it to a default Opd and sets its deadlines.' })
@Entity('category')
export class Category {
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

  @Field(() => String)
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'int', nullable: true })
  defaultOpdId: number | null;

  @ManyToOne(() => Opd, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'defaultOpdId' })
  defaultOpd?: Opd | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'int', nullable: true })
  slaPolicyId: number | null;

  @ManyToOne(() => SlaPolicy, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'slaPolicyId' })
  slaPolicy?: SlaPolicy | null;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
