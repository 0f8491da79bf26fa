import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { Role } from '../auth/roles';
import { Category } from '../modules/categories/category.entity';
import { Holiday, HolidayKind } from '../modules/holidays/holiday.entity';
import { Opd } from '../modules/opds/opd.entity';
import { Program } from '../modules/programs/program.entity';
import { ServicePost } from '../modules/service-posts/service-post.entity';
import { SlaCalendarKind, SlaPolicy, SlaUnitKind } from '../modules/sla/sla-policy.entity';
import { hashPassword } from '../modules/users/user.service';
import { User } from '../modules/users/user.entity';
import { recordExistingAsCreated, systemActor } from '../modules/audit/audit.trail';
import { CATEGORIES, DEMO_USERS, EXTRA_HEADS, HOLIDAYS_2026, OPDS, PROGRAMS, SERVICE_POSTS, SLA_POLICIES } from './data/magelang';

export const DEMO_PASSWORD = 'demo12345';

/** Admins for the other two kecamatan, so public complaints there get verified in the demo. */
const EXTRA_ADMINS = [
  { username: 'admin.selatan', name: 'Admin Pengaduan Kecamatan Magelang Selatan', role: Role.ADMIN, opdCode: 'KEC-SELATAN' },
  { username: 'admin.utara', name: 'Admin Pengaduan Kecamatan Magelang Utara', role: Role.ADMIN, opdCode: 'KEC-UTARA' },
  { username: 'admin.kominsta', name: 'Admin Pengaduan Kota (LAPOR!)', role: Role.ADMIN, opdCode: 'DISKOMINSTA' },
] as { username: string; name: string; role: Role; opdCode: string; phone?: string; email?: string; servicePostCode?: string }[];

export interface SeedOptions {
  demoAccounts: boolean;
}

/** Seeds Kota Magelang's demo organisation once: a database that already has Opds is left alone. */
export async function seedDemo(db: DataSource, log: Logger, options: SeedOptions): Promise<boolean> {
  if ((await db.getRepository(Opd).count()) > 0) return false;
  log.info('seeding demo data for Kota Magelang');
  const passwordHash = options.demoAccounts ? await hashPassword(DEMO_PASSWORD) : null;
  await db.transaction(async (tx) => {
    await seedReference(tx);
    const opdIds = await seedOpds(tx);
    const postIds = new Map<string, number>();
    for (const p of SERVICE_POSTS) {
      const row = await tx.getRepository(ServicePost).save({
        code: p.code,
        name: p.name,
        kelurahanId: opdIds.get(p.kelurahanCode)!,
        rw: p.rw,
        address: p.address,
        schedule: p.schedule,
      });
      postIds.set(p.code, row.id);
    }
    const slaIds = new Map((await tx.getRepository(SlaPolicy).find()).map((s) => [s.code, s.id]));
    await tx.getRepository(Category).save(
      CATEGORIES.map((c) => ({
        code: c.code,
        name: c.name,
        description: c.description,
        defaultOpdId: opdIds.get(c.defaultOpdCode) ?? null,
        slaPolicyId: slaIds.get(c.slaCode) ?? null,
      })),
    );
    await tx.getRepository(Program).save(
      PROGRAMS.map((p) => ({
        code: p.code,
        name: p.name,
        ownerOpdId: opdIds.get(p.ownerOpdCode) ?? null,
        description: p.description,
        eligibility: p.eligibility,
        benefits: p.benefits,
        contact: p.contact,
        startsOn: p.startsOn,
        endsOn: p.endsOn,
      })),
    );
    if (passwordHash) {
      await tx.getRepository(User).save(
        [...DEMO_USERS, ...EXTRA_ADMINS, ...EXTRA_HEADS].map((u) => ({
          username: u.username,
          name: u.name,
          role: u.role,
          opdId: opdIds.get(u.opdCode)!,
          phone: u.phone ?? null,
          email: u.email ?? null,
          servicePostId: u.servicePostCode ? postIds.get(u.servicePostCode)! : null,
          passwordHash,
        })),
      );
    }
    await recordExistingAsCreated(tx, systemActor('seed (demo data)'));
  });
  return true;
}

/** Holidays and SLA policies: reference data every installation starts from. */
async function seedReference(tx: EntityManager): Promise<void> {
  await tx.getRepository(Holiday).upsert(
    HOLIDAYS_2026.map((h) => ({ date: h.date, name: h.name, kind: h.kind as HolidayKind })),
    ['date'],
  );
  await tx.getRepository(SlaPolicy).upsert(
    SLA_POLICIES.map((s) => ({
      code: s.code,
      name: s.name,
      calendar: s.calendar as SlaCalendarKind,
      verifyWithin: s.verifyWithin,
      verifyUnit: s.verifyUnit as SlaUnitKind,
      respondWithin: s.respondWithin,
      respondUnit: s.respondUnit as SlaUnitKind,
      autoCloseAfterDays: s.autoCloseAfterDays,
      isDefault: s.isDefault,
    })),
    ['code'],
  );
}

async function seedOpds(tx: EntityManager): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const paths = new Map<string, string>();
  for (const o of OPDS) {
    const parentId = o.parentCode ? ids.get(o.parentCode)! : null;
    const row = await tx.getRepository(Opd).save({
      code: o.code,
      name: o.name,
      kind: o.kind,
      parentId,
      regionCode: o.regionCode ?? null,
    });
    const path = `${o.parentCode ? paths.get(o.parentCode)! : '/'}${row.id}/`;
    await tx.getRepository(Opd).update(row.id, { path });
    ids.set(o.code, row.id);
    paths.set(o.code, path);
  }
  return ids;
}
