import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ApiClient } from '../api-clients/api-client.entity';
import { WebhookEvent } from './webhook.enums';

registerEnumType(WebhookEvent, { name: 'WebhookEvent', description: 'received, verified, forwarded, progress, answered, closed' });

@ObjectType({ description: "An external app's HTTPS endpoint, told of complaints' public changes with a signed POST." })
@Entity('webhook_endpoint')
export class WebhookEndpoint {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => ID)
  @Index()
  @Column({ type: 'int' })
  apiClientId: number;

  @ManyToOne(() => ApiClient, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'apiClientId' })
  apiClient?: ApiClient;

  @Field(() => String)
  @Column({ type: 'varchar', length: 500 })
  url: string;

  @Field(() => [WebhookEvent])
  @Column({ type: 'varchar', length: 20, array: true })
  events: WebhookEvent[];

  @Field(() => Boolean, { description: "Every non-confidential complaint (needs the app's public:read scope); otherwise only those the app submitted." })
  @Column({ type: 'boolean', default: false })
  allComplaints: boolean;

  /** The HMAC key: kept as is, since signing needs it; never in the schema after registration. */
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  @Field(() => Boolean)
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Int, { description: 'Failed deliveries in a row; the endpoint is disabled when it reaches the limit.' })
  @Column({ type: 'int', default: 0 })
  consecutiveFailures: number;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason: string | null;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
