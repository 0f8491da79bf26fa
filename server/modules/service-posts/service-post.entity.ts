import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Opd } from '../opds/opd.entity';

@ObjectType({ description: 'A weekly opening slot in WIB; weekday 1 = Monday … 7 = Sunday.' })
export class OpeningSlot {
  @Field(() => Int)
  weekday: number;

  @Field(() => String, { description: 'HH:MM (WIB)' })
  opensAt: string;

  @Field(() => String, { description: 'HH:MM (WIB)' })
  closesAt: string;
}

@ObjectType({ description: 'A Layanan Prima service post at an RW, where officers record complaints.' })
@Entity('service_post')
export class ServicePost {
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

  @Field(() => ID)
  @Index()
  @Column({ type: 'int' })
  kelurahanId: number;

  @ManyToOne(() => Opd, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'kelurahanId' })
  kelurahan?: Opd;

  @Field(() => String)
  @Column({ type: 'varchar', length: 10 })
  rw: string;

  @Field(() => String)
  @Column({ type: 'varchar', length: 300, default: '' })
  address: string;

  @Field(() => [OpeningSlot])
  @Column({ type: 'jsonb', default: () => "'[]'" })
  schedule: OpeningSlot[];

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
