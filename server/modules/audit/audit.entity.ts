import { JSONResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum AuditKind {
  USER = 'USER',
  OPD = 'OPD',
  CATEGORY = 'CATEGORY',
  SLA_POLICY = 'SLA_POLICY',
  HOLIDAY = 'HOLIDAY',
  PROGRAM = 'PROGRAM',
  SERVICE_POST = 'SERVICE_POST',
  API_CLIENT = 'API_CLIENT',
  ESCALATION_RULE = 'ESCALATION_RULE',
  RESPONSE_TEMPLATE = 'RESPONSE_TEMPLATE',
  SERVICE_STANDARD = 'SERVICE_STANDARD',
  /** A notification template's text (the superadmin's; a reset deletes it). */
  NOTIFY_TEMPLATE = 'NOTIFY_TEMPLATE',
  /** The notification settings: the default channels of staff. */
  NOTIFY_SETTINGS = 'NOTIFY_SETTINGS',
}
registerEnumType(AuditKind, { name: 'AuditKind', description: 'What kind of record an administrative change was made to' });

export enum AuditAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(AuditAction, { name: 'AuditAction' });

@ObjectType({ description: 'One field of a record before and after a change.' })
export class AuditChange {
  @Field(() => String)
  field: string;

  @Field(() => JSONResolver, { nullable: true, description: 'The value before (null on create, or when redacted).' })
  before?: unknown;

  @Field(() => JSONResolver, { nullable: true, description: 'The value after (null on delete, or when redacted).' })
  after?: unknown;

  @Field(() => Boolean, { description: 'The value is a secret (a password, an API key): only that it changed is recorded.' })
  redacted: boolean;
}

@ObjectType({ description: 'An administrative change (users, organisation, settings, API clients), append-only.' })
@Entity('admin_audit')
@Index(['kind', 'entityId', 'id'])
@Index(['actorId', 'id'])
@Index(['createdAt', 'id'])
// Someone is always answerable: a signed-in user, or a named system process (seed, command line).
@Check('"actorId" IS NOT NULL OR "actorSystem" IS NOT NULL')
export class AuditEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Date)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** No foreign key: the entry outlives the account. */
  @Field(() => ID, { nullable: true, description: 'The user who made the change; null for a system process.' })
  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @Field(() => String, { nullable: true, description: 'The username at the time of the change.' })
  @Column({ type: 'varchar', length: 60, nullable: true })
  actorUsername: string | null;

  @Field(() => String, { nullable: true, description: 'The role at the time of the change.' })
  @Column({ type: 'varchar', length: 20, nullable: true })
  actorRole: string | null;

  @Field(() => String, { nullable: true, description: 'A system process that made the change (seed, a command line).' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  actorSystem: string | null;

  @Field(() => String, { nullable: true, description: 'The request that made the change, as in the server log.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  requestId: string | null;

  @Field(() => AuditKind)
  @Column({ type: 'varchar', length: 20 })
  kind: AuditKind;

  @Field(() => ID)
  @Column({ type: 'int' })
  entityId: number;

  @Field(() => String, { description: 'The record as people know it (code and name, username …) at the time of the change.' })
  @Column({ type: 'varchar', length: 300 })
  entityLabel: string;

  @Field(() => AuditAction)
  @Column({ type: 'varchar', length: 10 })
  action: AuditAction;

  @Field(() => [AuditChange], { description: 'The fields that changed; on create the values set, on delete the values removed.' })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  changes: AuditChange[];
}
