import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Channel } from '../complaints/complaint.enums';

@ObjectType({ description: 'An external app (SP4N-LAPOR!, a city app, the call centre) submitting through the API with a key.' })
@Entity('api_client')
export class ApiClient {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => String)
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => Channel, { description: 'Complaints this app submits arrive on this channel.' })
  @Column({ type: 'varchar', length: 20, default: Channel.EXTERNAL_APP })
  channel: Channel;

  @Field(() => String, { description: 'The public part of the key, to recognise it.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  keyPrefix: string;

  @Column({ type: 'varchar', length: 64 })
  keyHash: string;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
