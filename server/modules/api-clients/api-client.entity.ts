import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ApiScope } from '../../auth/permissions';
import { Channel } from '../complaints/complaint.enums';

registerEnumType(ApiScope, {
  name: 'ApiScope',
  description: 'What an API key may do: complaints:submit, complaints:read-own, public:read, webhooks:manage.',
});

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

  @Field(() => [ApiScope], { description: 'Chosen when the key is created; the key may do nothing else.' })
  @Column({ type: 'varchar', length: 40, array: true, default: () => `'{complaints:submit,public:read}'` })
  scopes: ApiScope[];

  @Field(() => String, { description: 'The public part of the key, to recognise it.' })
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  keyPrefix: string;

  @Column({ type: 'varchar', length: 64 })
  keyHash: string;

  @Field(() => Date, { nullable: true, description: 'The key is refused from this moment on (none: it does not expire).' })
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Field(() => Int, { description: 'Requests this key may make per minute, whatever it calls.' })
  @Column({ type: 'int', default: 600 })
  rateLimitPerMinute: number;

  @Field(() => String, { nullable: true, description: 'After a rotation: the previous key, still accepted until previousKeyValidUntil.' })
  @Index({ unique: true, where: '"previousKeyPrefix" IS NOT NULL' })
  @Column({ type: 'varchar', length: 16, nullable: true })
  previousKeyPrefix: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  previousKeyHash: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  previousKeyValidUntil: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
