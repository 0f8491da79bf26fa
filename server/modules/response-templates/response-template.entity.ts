import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Category } from '../categories/category.entity';
import { Opd } from '../opds/opd.entity';

/**
 * A polite, consistent answer a unit starts from. Placeholders in the body ({kode}, {judul},
 * {pelapor}, {unit}, {tanggal}) are filled for one complaint by `fillTemplate`.
 */
@ObjectType({ description: 'Templat jawaban: a unit’s (or the city’s) model answer, optionally for one category.' })
@Entity('response_template')
@Index(['opdId', 'categoryId'])
export class ResponseTemplate {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID, { nullable: true, description: 'The unit it belongs to (and its bidang); null: every unit of the city.' })
  @Column({ type: 'int', nullable: true })
  opdId: number | null;

  @ManyToOne(() => Opd, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opdId' })
  opd?: Opd | null;

  @Field(() => ID, { nullable: true, description: 'Only for complaints of this category; null: any category.' })
  @Column({ type: 'int', nullable: true })
  categoryId: number | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'categoryId' })
  category?: Category | null;

  @Field(() => String)
  @Column({ type: 'varchar', length: 120 })
  title: string;

  @Field(() => String, { description: 'May use {kode}, {judul}, {pelapor}, {unit} and {tanggal}.' })
  @Column({ type: 'text' })
  body: string;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
