import { Resolver } from 'type-graphql';
import { createCrudResolver } from '../../core/crud';
import { PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { SlaPolicy } from './sla-policy.entity';
import { SlaPolicyFilter, SlaPolicyInput } from './sla-policy.inputs';
import { slaPolicyService } from './sla-policy.service';

@Resolver(() => SlaPolicy)
export class SlaPolicyResolver extends createCrudResolver({
  type: SlaPolicy,
  page: PageOf(SlaPolicy, 'SlaPolicyPage'),
  input: SlaPolicyInput,
  filter: SlaPolicyFilter,
  single: 'slaPolicy',
  plural: 'slaPolicies',
  typeName: 'SlaPolicy',
  read: Permission.ORG_READ,
  manage: Permission.ORG_MANAGE,
  service: slaPolicyService,
}) {}
