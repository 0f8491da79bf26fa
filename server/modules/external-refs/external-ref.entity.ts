import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Complaint } from '../complaints/complaint.entity';

/** Systems whose tracking IDs a complaint keeps. */
export enum ExternalSource {
  SP4N_LAPOR = 'SP4N_LAPOR',
  /** Another city or partner system. */
  OTHER = 'OTHER',
}
registerEnumType(ExternalSource, { name: 'ExternalSource', description: 'SP4N-LAPOR! or another system the complaint also lives in' });

@ObjectType({ description: "The complaint's tracking ID in another system (e.g. its SP4N-LAPOR! ID)." })
@Entity('complaint_external_ref')
@Index(['source', 'externalId'], { unique: true })
export class ExternalReference {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID)
  @Index()
  @Column({ type: 'int' })
  complaintId: number;

  @ManyToOne(() => Complaint, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaintId' })
  complaint?: Complaint;

  @Field(() => ExternalSource)
  @Column({ type: 'varchar', length: 20 })
  source: ExternalSource;

  @Field(() => String)
  @Column({ type: 'varchar', length: 100 })
  externalId: string;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
