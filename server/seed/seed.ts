import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { Role } from '../auth/roles';
import { Category } from '../modules/categories/category.entity';
import { Opd } from '../modules/opds/opd.entity';
import { Program } from '../modules/programs/program.entity';
import { ServicePost } from '../modules/service-posts/service-post.entity';
import { hashPassword } from '../modules/users/user.service';
import { User } from '../modules/users/user.entity';
import { recordExistingAsCreated, systemActor } from '../modules/audit/audit.trail';
import { applyOrg } from '../setup/org-loader';
import { EscalationRule } from '../modules/escalations/escalation-rule.entity';
import { DEMO_USERS, ESCALATION_RULES, EXTRA_HEADS, ORG, PROGRAMS, RESPONSE_TEMPLATES } from './data/magelang';
import { ResponseTemplate } from '../modules/response-templates/response-template.entity';

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
    // The organisation comes from the same file a city loads with `npm run load-org`.
    await applyOrg(tx, ORG);
    const opdIds = new Map((await tx.getRepository(Opd).find()).map((o) => [o.code, o.id]));
    const postIds = new Map((await tx.getRepository(ServicePost).find()).map((p) => [p.code, p.id]));
    const categoryIds = new Map((await tx.getRepository(Category).find()).map((c) => [c.code, c.id]));
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
    await tx.getRepository(ResponseTemplate).save(
      RESPONSE_TEMPLATES.map((t) => ({
        opdId: t.opdCode ? opdIds.get(t.opdCode)! : null,
        categoryId: t.categoryCode ? (categoryIds.get(t.categoryCode) ?? null) : null,
        title: t.title,
        body: t.body,
      })),
    );
    await tx
      .getRepository(EscalationRule)
      .save(ESCALATION_RULES.map((r) => ({ opdId: r.opdCode ? opdIds.get(r.opdCode)! : null, targetOpdId: opdIds.get(r.targetOpdCode)!, note: r.note })));
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
