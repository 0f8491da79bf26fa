import type { DataSource } from 'typeorm';
import { Role } from '../../auth/roles';
import type { Opd } from '../opds/opd.entity';
import type { OrgDirectory } from '../opds/org-directory';
import { EscalationRule } from './escalation-rule.entity';

const TTL_MS = 60_000;

interface Snapshot {
  at: number;
  byOpd: Map<number, number>;
  coordinator: number | null;
  /** Opds with an active head: a person an escalation reaches. */
  headed: Set<number>;
}

/**
 * Who an overdue complaint escalates to (PRODUCT "Deadlines"): the unit's own rule if it has
 * one; else the head of its parent; else, for units directly under the city (whose parent has
 * no head), the coordinator. Never the unit itself, and only a unit with an active head.
 */
export class EscalationDirectory {
  private snapshot: Snapshot | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly org: OrgDirectory,
  ) {}

  invalidate(): void {
    this.snapshot = null;
  }

  private async load(): Promise<Snapshot> {
    if (!this.snapshot || Date.now() - this.snapshot.at > TTL_MS) {
      const [rules, heads] = await Promise.all([
        this.db.getRepository(EscalationRule).find(),
        this.db.query(`SELECT DISTINCT "opdId" FROM app_user WHERE role = $1 AND active`, [Role.UNIT_HEAD]) as Promise<{ opdId: number }[]>,
      ]);
      this.snapshot = {
        at: Date.now(),
        byOpd: new Map(rules.filter((r) => r.opdId != null).map((r) => [r.opdId!, r.targetOpdId])),
        coordinator: rules.find((r) => r.opdId == null)?.targetOpdId ?? null,
        headed: new Set(heads.map((h) => h.opdId)),
      };
    }
    return this.snapshot;
  }

  async targetFor(opdId: number): Promise<Opd | null> {
    await this.org.ready();
    const s = await this.load();
    const reachable = (id: number | null | undefined) => (id != null && id !== opdId && s.headed.has(id) ? (this.org.get(id) ?? null) : null);
    return reachable(s.byOpd.get(opdId)) ?? reachable(this.org.parentOf(opdId)?.id) ?? reachable(s.coordinator);
  }
}
