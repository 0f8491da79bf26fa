import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../core/context';
import { createCrudResolver } from '../../core/crud';
import { PageOf } from '../../core/paging';
import { Permission } from '../../auth/permissions';
import { Opd } from '../opds/opd.entity';
import { EscalationRule } from './escalation-rule.entity';
import { EscalationRuleFilter, EscalationRuleInput } from './escalation-rule.inputs';
import { escalationRuleService } from './escalation-rule.service';

@Resolver(() => EscalationRule)
export class EscalationRuleResolver extends createCrudResolver({
  type: EscalationRule,
  page: PageOf(EscalationRule, 'EscalationRulePage'),
  input: EscalationRuleInput,
  filter: EscalationRuleFilter,
  single: 'escalationRule',
  plural: 'escalationRules',
  typeName: 'EscalationRule',
  read: Permission.ORG_READ,
  manage: Permission.ORG_MANAGE,
  service: escalationRuleService,
}) {
  @FieldResolver(() => Opd, { nullable: true })
  opd(@Root() r: EscalationRule, @Ctx() ctx: Context) {
    return r.opdId ? ctx.loaders.opd.load(r.opdId) : null;
  }

  @FieldResolver(() => Opd)
  targetOpd(@Root() r: EscalationRule, @Ctx() ctx: Context) {
    return ctx.loaders.opd.load(r.targetOpdId);
  }
}
