import { CrudService } from '../../core/crud';
import { SlaPolicy } from './sla-policy.entity';
import type { SlaPolicyFilter, SlaPolicyInput } from './sla-policy.inputs';

export const slaPolicyService = new CrudService<SlaPolicy, SlaPolicyInput, SlaPolicyFilter>({
  entity: SlaPolicy,
  label: 'SLA policy',
  afterCommit: (ctx) => ctx.services.sla.invalidatePolicies(),
  sortable: { name: 'e.name', code: 'e.code' },
  searchable: ['e.name', 'e.code'],
  toRow: (input) => ({ ...input }),
  async afterSave(row, tx) {
    // Exactly one default policy: choosing a new default demotes the old one.
    if (row.isDefault) await tx.query('UPDATE sla_policy SET "isDefault" = false WHERE id <> $1 AND "isDefault"', [row.id]);
  },
});
