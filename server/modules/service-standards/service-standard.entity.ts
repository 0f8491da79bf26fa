import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Opd } from '../opds/opd.entity';

/**
 * Standar pelayanan (PermenPAN-RB 15/2014) of one service of a unit: six components published to
 * the public (service delivery) and eight the unit keeps internally (manufacturing).
 */
@ObjectType({ description: 'Standar pelayanan of one service of a unit (PermenPAN-RB 15/2014).' })
@Entity('service_standard')
@Index(['opdId', 'serviceName'], { unique: true })
export class ServiceStandard {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID)
  @Column({ type: 'int' })
  opdId: number;

  @ManyToOne(() => Opd, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'opdId' })
  opd?: Opd;

  @Field(() => String, { description: 'Jenis pelayanan, e.g. "Rekomendasi Bantuan Sosial".' })
  @Column({ type: 'varchar', length: 200 })
  serviceName: string;

  // Published (service delivery).
  @Field(() => String) @Column({ type: 'text' }) requirements: string;
  @Field(() => String, { description: 'Sistem, mekanisme dan prosedur.' }) @Column({ type: 'text' }) procedure: string;
  @Field(() => String, { description: 'Jangka waktu penyelesaian.' }) @Column({ type: 'text' }) timeLimit: string;
  @Field(() => String, { description: 'Biaya/tarif.' }) @Column({ type: 'text' }) fee: string;
  @Field(() => String, { description: 'Produk pelayanan.' }) @Column({ type: 'text' }) product: string;
  @Field(() => String, { description: 'Penanganan pengaduan, saran dan masukan.' }) @Column({ type: 'text' }) complaintHandling: string;

  // Internal (manufacturing); never on a public page.
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) legalBasis: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) facilities: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) staffCompetence: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) internalSupervision: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) staffCount: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) serviceGuarantee: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) safetyGuarantee: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) performanceEvaluation: string | null;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** The six components the public sees, in the regulation's order. */
export const PUBLIC_COMPONENTS = ['requirements', 'procedure', 'timeLimit', 'fee', 'product', 'complaintHandling'] as const;
export const INTERNAL_COMPONENTS = [
  'legalBasis',
  'facilities',
  'staffCompetence',
  'internalSupervision',
  'staffCount',
  'serviceGuarantee',
  'safetyGuarantee',
  'performanceEvaluation',
] as const;
