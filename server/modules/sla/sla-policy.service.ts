import { CrudService } from '../../core/crud';
import { actorOf, auditedUpdate, auditTrailOf } from '../audit/audit.trail';
import { SlaPolicy, SlaUnitKind } from './sla-policy.entity';
import type { SlaPolicyFilter, SlaPolicyInput } from './sla-policy.inputs';
import { explicitUnit } from './working-calendar';

export const slaPolicyService = new CrudService<SlaPolicy, SlaPolicyInput, SlaPolicyFilter>({
  entity: SlaPolicy,
  label: 'SLA policy',
  audit: auditTrailOf(SlaPolicy),
  afterCommit: (ctx) => ctx.services.sla.invalidatePolicies(),
  sortable: { name: 'e.name', code: 'e.code' },
  searchable: ['e.name', 'e.code'],
  // The older units are saved as what they meant, so a row never needs its calendar to be read.
  toRow: (input) => ({
    ...input,
    verifyUnit: explicitUnit(input.verifyUnit, input.calendar) as SlaUnitKind,
    respondUnit: explicitUnit(input.respondUnit, input.calendar) as SlaUnitKind,
    followUpUnit: explicitUnit(input.followUpUnit, input.calendar) as SlaUnitKind,
    settleUnit: explicitUnit(input.settleUnit, input.calendar) as SlaUnitKind,
  }),
  async afterSave(row, tx, _existing, _input, ctx) {
    if (!row.isDefault) return;
    // Exactly one default policy: choosing a new default demotes the old one.
    const demoted: number[] = (await tx.query('SELECT id FROM sla_policy WHERE id <> $1 AND "isDefault"', [row.id])).map((r: { id: number }) => r.id);
    await auditedUpdate(tx, actorOf(ctx), SlaPolicy, demoted, () => tx.query('UPDATE sla_policy SET "isDefault" = false WHERE id = ANY($1::int[])', [demoted]));
  },
});
