import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OpdKind } from './opd-kind';

registerEnumType(OpdKind, { name: 'OpdKind', description: 'Kind of organisational unit' });

@ObjectType({ description: 'An organisational unit of the city government (OPD, division, kecamatan, kelurahan, puskesmas …).' })
@Entity('opd')
export class Opd {
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

  @Field(() => OpdKind)
  @Column({ type: 'varchar', length: 20 })
  kind: OpdKind;

  @Field(() => ID, { nullable: true })
  @Index()
  @Column({ type: 'int', nullable: true })
  parentId: number | null;

  @ManyToOne(() => Opd, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parentId' })
  parent?: Opd | null;

  /** Ancestor ids including its own, as `/1/4/9/`, so a subtree is one prefix match. */
  @Index()
  @Column({ type: 'varchar', length: 400, default: '/' })
  path: string;

  @Field(() => String, { nullable: true, description: 'Kemendagri region code (kecamatan / kelurahan), e.g. 33.71.03' })
  @Index({ unique: true, where: '"regionCode" IS NOT NULL' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  regionCode: string | null;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

export function idsInPath(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}
