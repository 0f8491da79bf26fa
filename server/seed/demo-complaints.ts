import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Context } from '../core/context';
import { createLoaders } from '../app/loaders';
import type { Services } from '../app/services';
import { makeViewer, type Viewer } from '../auth/viewer';
import { Role } from '../auth/roles';
import { Category } from '../modules/categories/category.entity';
import { Channel, ComplaintStatus, ProgressStage } from '../modules/complaints/complaint.enums';
import type { ComplaintService } from '../modules/complaints/complaint.service';
import { Opd } from '../modules/opds/opd.entity';
import { Program } from '../modules/programs/program.entity';
import { User } from '../modules/users/user.entity';
import { COMPLAINT_TEMPLATES, REPORTER_NAMES } from './data/magelang';

const TARGETS: [ComplaintStatus, number][] = [
  [ComplaintStatus.SUBMITTED, 8],
  [ComplaintStatus.VERIFIED, 7],
  [ComplaintStatus.FORWARDED, 12],
  [ComplaintStatus.IN_PROGRESS, 18],
  [ComplaintStatus.RESPONDED, 15],
  [ComplaintStatus.CLOSED, 30],
  [ComplaintStatus.REJECTED, 10],
];
const ORDER = [
  ComplaintStatus.SUBMITTED,
  ComplaintStatus.VERIFIED,
  ComplaintStatus.FORWARDED,
  ComplaintStatus.IN_PROGRESS,
  ComplaintStatus.RESPONDED,
  ComplaintStatus.CLOSED,
];
const HOUR = 3600_000;

/** Deterministic, so every demo shows the same story. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A few hundred complaints told through the real workflow (so every one has a true
 * timeline), spread over the last 90 days and all statuses and channels.
 */
export async function seedDemoComplaints(services: Services, db: DataSource, count = 240): Promise<number> {
  const { complaints: base, log } = services;
  const rand = prng(20261123);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const opds = new Map((await db.getRepository(Opd).find()).map((o) => [o.code, o]));
  const users = await db.getRepository(User).find();
  const categories = new Map((await db.getRepository(Category).find()).map((c) => [c.code, c]));
  const programs = new Map((await db.getRepository(Program).find()).map((p) => [p.code, p]));
  const asViewer = (u: User): Viewer =>
    makeViewer({
      userId: u.id,
      username: u.username,
      role: u.role,
      opdId: u.opdId,
      opdPath: opds.get([...opds.values()].find((o) => o.id === u.opdId)!.code)!.path,
      servicePostId: u.servicePostId,
    });
  const byUsername = new Map(users.map((u) => [u.username, u]));
  const adminOf = (kecamatanId: number) => users.find((u) => u.role === Role.ADMIN && u.opdId === kecamatanId);
  const headOf = (opdId: number) => users.find((u) => u.role === Role.UNIT_HEAD && u.opdId === opdId);
  const staffOf = (opdId: number) => users.find((u) => u.role === Role.UNIT_STAFF && u.opdId === opdId);
  const officer = byUsername.get('petugas.rw')!;
  await services.org.ready();

  let clock = Date.now() - 90 * 24 * HOUR;
  const svc: ComplaintService = base.withClock(() => new Date(clock));
  const ctxFor = (viewer: Viewer | null): Context => ({
    viewer,
    db,
    loaders: createLoaders(db),
    requestId: 'seed',
    source: 'seed',
    log,
    services,
  });
  const statuses = TARGETS.flatMap(([s, w]) => Array<ComplaintStatus>(w).fill(s));
  let made = 0;

  for (let i = 0; i < count; i++) {
    const tpl = COMPLAINT_TEMPLATES[i % COMPLAINT_TEMPLATES.length];
    const kelurahan = opds.get(tpl.kelurahanCode)!;
    const kecamatan = opds.get([...opds.values()].find((o) => o.id === kelurahan.parentId)!.code)!;
    const category = categories.get(tpl.categoryCode);
    const target = pick(statuses);
    // Start somewhere in the last 90 days, during office hours in WIB.
    // Unfinished stories are recent: a real inbox holds days, not months, of backlog.
    const day = ORDER.indexOf(target) >= 0 && ORDER.indexOf(target) <= 3 ? 80 + Math.floor(rand() * 9) : Math.floor(rand() * 88);
    clock = Date.now() - (90 - day) * 24 * HOUR;
    clock = clock - (clock % (24 * HOUR)) + (1 + Math.floor(rand() * 8)) * HOUR;
    const later = (min: number, max: number) => {
      clock += (min + rand() * (max - min)) * HOUR;
      return clock < Date.now();
    };

    const atPost = tpl.channel === Channel.SERVICE_POST;
    const recorder = atPost ? officer : kecamatan.code === 'KEC-TENGAH' && rand() < 0.5 ? byUsername.get('admin.tengah')! : null;
    const name = pick(REPORTER_NAMES);
    const result = await svc.submit(
      ctxFor(recorder ? asViewer(recorder) : null),
      {
        type: tpl.type,
        channel: atPost
          ? Channel.SERVICE_POST
          : recorder
            ? pick([Channel.WALK_IN, Channel.CALL_CENTER, Channel.WHATSAPP])
            : tpl.channel === Channel.WALK_IN
              ? Channel.WEB
              : tpl.channel,
        title: tpl.title,
        description: tpl.description,
        categoryId: category ? String(category.id) : null,
        programId: tpl.programCode && programs.get(tpl.programCode) ? String(programs.get(tpl.programCode)!.id) : null,
        address: tpl.address,
        rt: tpl.rt ?? null,
        rw: tpl.rw ?? null,
        kelurahanId: String(kelurahan.id),
        reporterName: name,
        reporterPhone: `08${String(1000000000 + Math.floor(rand() * 8999999999)).slice(0, 10)}`,
        reporterNik: rand() < 0.6 ? `3371${String(Math.floor(rand() * 1e12)).padStart(12, '0')}` : null,
        anonymous: rand() < 0.12,
        confidential: rand() < 0.06,
      } as never,
      `seed-${i}-${crypto.createHash('md5').update(tpl.title).digest('hex').slice(0, 8)}`,
    );
    made += 1;
    let c = result.complaint;
    const admin = adminOf(c.intakeOpdId) ?? adminOf(kecamatan.id) ?? byUsername.get('admin.tengah')!;
    const adminCtx = ctxFor(asViewer(admin));
    const goal = ORDER.indexOf(target);
    try {
      if (target === ComplaintStatus.REJECTED) {
        if (later(2, 30))
          await svc.reject(
            adminCtx,
            String(c.id),
            null,
            pick(['Laporan tidak dapat diverifikasi: alamat tidak ditemukan', 'Bukan kewenangan Pemerintah Kota Magelang', 'Laporan ganda']),
          );
        continue;
      }
      if (goal < 1 || !later(1, 40)) continue;
      c = await svc.verify(adminCtx, String(c.id), null, null);
      if (goal < 2 || !later(1, 30)) continue;
      const target1 = category?.defaultOpdId ?? opds.get('DINSOS')!.id;
      const misrouted = rand() < 0.08;
      const firstStop = misrouted ? opds.get('DISDUKCAPIL')!.id : target1;
      c = await svc.forward(adminCtx, String(c.id), null, String(firstStop), null);
      if (misrouted && later(2, 20)) {
        c = await svc.returnToIntake(ctxFor(asViewer(headOf(firstStop)!)), String(c.id), null, 'Bukan kewenangan kami; mohon diteruskan ke OPD terkait');
        if (!later(1, 10)) continue;
        c = await svc.forward(adminCtx, String(c.id), null, String(target1), null);
      }
      const head = headOf(target1);
      if (!head) continue;
      const headCtx = ctxFor(asViewer(head));
      // Most units answer within the day; some are late, which the reports show.
      if (goal < 3 || !later(rand() < 0.75 ? 1 : 20, rand() < 0.75 ? 20 : 60)) continue;
      c = await svc.accept(headCtx, String(c.id), null);
      const staff = staffOf(target1);
      if (staff && rand() < 0.5) c = await svc.assign(headCtx, String(c.id), null, String(staff.id));
      if (later(4, 48))
        c = await svc.addProgress(
          headCtx,
          String(c.id),
          null,
          pick([ProgressStage.FIELD_CHECK, ProgressStage.IN_WORK]),
          pick([
            'Petugas sudah melakukan cek lapangan ke lokasi.',
            'Sedang dikoordinasikan dengan pihak kelurahan.',
            'Data pelapor sedang dicocokkan dengan DTKS.',
          ]),
          true,
        );
      if (goal < 4 || !later(4, 72)) continue;
      c = await svc.respond(
        headCtx,
        String(c.id),
        null,
        pick([
          'Terima kasih atas laporannya. Petugas kami sudah menindaklanjuti dan permasalahan telah ditangani.',
          'Berdasarkan hasil verifikasi lapangan, pelapor memenuhi syarat dan telah diusulkan sebagai penerima bantuan.',
          'Perbaikan telah dijadwalkan dan akan dikerjakan dalam dua minggu ke depan. Mohon kesabarannya.',
        ]),
      );
      if (goal < 5 || !later(24, 200)) continue;
      c = await svc.close(adminCtx, String(c.id), null, null);
      if (rand() < 0.6)
        await svc.rate(adminCtx, result.trackingCode, result.accessCode, rand() < 0.8 ? 3 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 2), null);
    } catch (err) {
      log.warn({ err, trackingCode: c.trackingCode }, 'demo complaint story stopped early');
    }
  }
  log.info({ complaints: made }, 'demo complaints seeded');
  return made;
}
