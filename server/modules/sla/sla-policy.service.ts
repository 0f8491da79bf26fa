import { CrudService } from '../../core/crud';
import { actorOf, auditedUpdate, auditTrailOf } from '../audit/audit.trail';
import { SlaPolicy } from './sla-policy.entity';
import type { SlaPolicyFilter, SlaPolicyInput } from './sla-policy.inputs';
import { withExplicitUnits } from './working-calendar';

export const slaPolicyService = new CrudService<SlaPolicy, SlaPolicyInput, SlaPolicyFilter>({
  entity: SlaPolicy,
  label: 'SLA policy',
  audit: auditTrailOf(SlaPolicy),
  afterCommit: (ctx) => ctx.services.sla.invalidatePolicies(),
  sortable: { name: 'e.name', code: 'e.code' },
  searchable: ['e.name', 'e.code'],
  toRow: (input) => withExplicitUnits(input) as Partial<SlaPolicy>,
  async afterSave(row, tx, _existing, _input, ctx) {
    if (!row.isDefault) return;
    // Exactly one default policy: choosing a new default demotes the old one.
    const demoted: number[] = (await tx.query('SELECT id FROM sla_policy WHERE id <> $1 AND "isDefault"', [row.id])).map((r: { id: number }) => r.id);
    await auditedUpdate(tx, actorOf(ctx), SlaPolicy, demoted, () => tx.query('UPDATE sla_policy SET "isDefault" = false WHERE id = ANY($1::int[])', [demoted]));
  },
});
