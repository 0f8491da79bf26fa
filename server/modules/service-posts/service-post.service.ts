import { CrudService } from '../../core/crud';
import { AppError, parseId } from '../../core/errors';
import { refId } from '../../core/refs';
import { Role } from '../../auth/roles';
import { In } from 'typeorm';
import { Opd } from '../opds/opd.entity';
import { OpdKind } from '../opds/opd-kind';
import { User } from '../users/user.entity';
import { ServicePost } from './service-post.entity';
import type { ServicePostFilter, ServicePostInput } from './service-post.inputs';
import { fromWib, wibWallClock } from '../../core/wib';
import { actorOf, auditedUpdate, auditTrailOf } from '../audit/audit.trail';

/** Next opening of a weekly WIB schedule, or now when inside a slot. */
export function nextOpening(schedule: { weekday: number; opensAt: string; closesAt: string }[], now: Date): { openNow: boolean; at: Date | null } {
  const wibNow = wibWallClock(now);
  for (let d = 0; d < 8; d++) {
    const [y, m, dd] = [wibNow.getUTCFullYear(), wibNow.getUTCMonth(), wibNow.getUTCDate() + d];
    // Mon = 1 … Sun = 7, of the WIB calendar day.
    const weekday = new Date(Date.UTC(y, m, dd)).getUTCDay() || 7;
    const slots = schedule.filter((s) => s.weekday === weekday).sort((a, b) => a.opensAt.localeCompare(b.opensAt));
    for (const s of slots) {
      const at = (hhmm: string) => fromWib(y, m, dd, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
      if (now >= at(s.opensAt) && now < at(s.closesAt)) return { openNow: true, at: now };
      if (at(s.opensAt) > now) return { openNow: false, at: at(s.opensAt) };
    }
  }
  return { openNow: false, at: null };
}

export const servicePostService = new CrudService<ServicePost, ServicePostInput, ServicePostFilter>({
  entity: ServicePost,
  label: 'service post',
  audit: auditTrailOf(ServicePost),
  sortable: { name: 'e.name', code: 'e.code', rw: 'e.rw' },
  searchable: ['e.name', 'e.code', 'e.address'],
  applyFilter(qb, f) {
    if (f.kelurahanId) qb.andWhere('e.kelurahanId = :k', { k: parseId(f.kelurahanId, 'filter.kelurahanId') });
    if (f.active != null) qb.andWhere('e.active = :a', { a: f.active });
  },
  async toRow(input, ctx) {
    input.schedule.forEach((slot, i) => {
      if (slot.closesAt <= slot.opensAt) throw AppError.field(`input.schedule.${i}.closesAt`, 'must be after opensAt');
    });
    return {
      code: input.code,
      name: input.name.trim(),
      kelurahanId: (await refId(ctx, Opd, input.kelurahanId, 'input.kelurahanId', (o) => (o.kind === OpdKind.KELURAHAN ? null : 'must be a kelurahan')))!,
      rw: input.rw.padStart(2, '0'),
      address: input.address ?? '',
      schedule: input.schedule.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
      active: input.active,
    };
  },
  async afterSave(row, tx, _existing, input, ctx) {
    if (input.officerIds == null) return;
    const ids = input.officerIds.map((id, i) => parseId(id, `input.officerIds.${i}`));
    const officers = await tx.getRepository(User).findBy({ id: In(ids) });
    const wrong = officers.find((u) => u.role !== Role.OFFICER);
    if (officers.length !== ids.length || wrong) {
      throw AppError.field('input.officerIds', wrong ? `${wrong.name} is not an officer` : 'no such user');
    }
    // Staffing a post changes the officers' accounts: recorded as changes of those users.
    const current: number[] = (await tx.query('SELECT id FROM app_user WHERE "servicePostId" = $1', [row.id])).map((r: { id: number }) => r.id);
    await auditedUpdate(tx, actorOf(ctx), User, [...new Set([...current, ...ids])], async () => {
      await tx.query('UPDATE app_user SET "servicePostId" = NULL WHERE "servicePostId" = $1 AND NOT (id = ANY($2::int[]))', [row.id, ids]);
      if (ids.length) await tx.query('UPDATE app_user SET "servicePostId" = $1 WHERE id = ANY($2::int[])', [row.id, ids]);
    });
  },
});
