import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Opd } from '../opds/opd.entity';

@ObjectType({ description: 'A government programme complaints can be about (PKH, BPNT, RTLH …).' })
@Entity('program')
export class Program {
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

  @Field(() => ID, { nullable: true })
  @Column({ type: 'int', nullable: true })
  ownerOpdId: number | null;

  @ManyToOne(() => Opd, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ownerOpdId' })
  ownerOpd?: Opd | null;

  @Field(() => String)
  @Column({ type: 'text', default: '' })
  description: string;

  @Field(() => String)
  @Column({ type: 'text', default: '' })
  eligibility: string;

  @Field(() => String)
  @Column({ type: 'text', default: '' })
  benefits: string;

  @Field(() => String)
  @Column({ type: 'text', default: '' })
  contact: string;

  @Field(() => LocalDateResolver, { nullable: true })
  @Column({ type: 'date', nullable: true })
  startsOn: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
