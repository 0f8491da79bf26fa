import { CrudService } from '../../core/crud';
import { AppError, parseId } from '../../core/errors';
import { refId } from '../../core/refs';
import { auditTrailOf } from '../audit/audit.trail';
import { Opd } from '../opds/opd.entity';
import { EscalationRule } from './escalation-rule.entity';
import type { EscalationRuleFilter, EscalationRuleInput } from './escalation-rule.inputs';

export const escalationRuleService = new CrudService<EscalationRule, EscalationRuleInput, EscalationRuleFilter>({
  entity: EscalationRule,
  label: 'escalation rule',
  audit: auditTrailOf(EscalationRule),
  afterCommit: (ctx) => ctx.services.escalations.invalidate(),
  sortable: { id: 'e.id' },
  searchable: ['e.note'],
  applyFilter(qb, f) {
    if (f.targetOpdId) qb.andWhere('e.targetOpdId = :t', { t: parseId(f.targetOpdId, 'filter.targetOpdId') });
  },
  async toRow(input, ctx, existing) {
    const opdId = await refId(ctx, Opd, input.opdId, 'input.opdId');
    const targetOpdId = (await refId(ctx, Opd, input.targetOpdId, 'input.targetOpdId'))!;
    if (opdId === targetOpdId) throw AppError.field('input.targetOpdId', 'a unit cannot escalate to itself');
    const same: { id: number }[] = await ctx.db.query('SELECT id FROM escalation_rule WHERE "opdId" IS NOT DISTINCT FROM $1', [opdId]);
    if (same.some((r) => r.id !== existing?.id)) {
      throw AppError.field(
        'input.opdId',
        opdId == null ? 'there is already a coordinator rule; edit it instead' : 'this unit already has a rule; edit it instead',
      );
    }
    return { opdId, targetOpdId, note: input.note?.trim() || null };
  },
});
