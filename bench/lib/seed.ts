import type { Client } from 'pg';
import { Role } from '../../server/auth/roles';
import { Channel } from '../../server/modules/complaints/complaint.enums';
import { rebuildHandling } from '../../server/modules/complaints/complaint-handling';
import { rebuildTally } from '../../server/modules/reports/complaint-tally';
import { COMPLAINT_TEMPLATES, REPORTER_NAMES } from '../../server/seed/data/magelang';
import { withClient } from './db';
import { progressBar } from './util';

/**
 * Deterministic bulk data, generated inside PostgreSQL with generate_series (no per-row
 * round trips). Each complaint's columns and its timeline are derived from its number by
 * hashing, so a given (count, time span) always yields the same rows. Complaint i gets
 * event ids base+0 … base+k-1 (at most 8 per complaint), so `lastEventId` is known at
 * insert time; both id sequences are moved past the data afterwards.
 *
 * Statuses follow age: complaints of the last 30 days are spread over the whole workflow
 * (like the demo: 8 % submitted … 30 % closed, 10 % rejected); older ones are mostly
 * finished (62 % closed, 16 % rejected, 14 % responded, 5 % in progress, 3 % forwarded).
 * 75 % of first responses come within the 24 h response deadline.
 */
const GEN_SQL = `
CREATE SCHEMA IF NOT EXISTS bench;
CREATE OR REPLACE FUNCTION bench.h(g bigint, salt int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT ((hashint8(g * 1000003 + salt)::bigint + 2147483648) % 1000000)::int $$;
DROP TABLE IF EXISTS bench.params;
CREATE TABLE bench.params (
  n bigint, g_offset bigint, ev_offset bigint, start_at timestamptz, span_secs float8, recent_secs float8,
  force_status text, force_intake int, force_admin int,
  kels int[], kel_kec int[], kel_admin int[], units int[], unit_head int[], cats int[], cat_route int[], programs int[],
  titles text[], descs text[], tpl_cat int[], tpl_prog int[], names text[], channels text[]
);
CREATE OR REPLACE FUNCTION bench.gen(a bigint, b bigint)
RETURNS TABLE (id int, g bigint, status text, created timestamptz, t_ver timestamptz, t_fwd timestamptz, t_first timestamptz,
  t_resp timestamptz, t_close timestamptz, intake int, kel int, cur int, head int, admin int, cat int, prog int, tpl int,
  nev int, ev_base bigint, rated boolean, channel text)
LANGUAGE sql STABLE AS $$
  SELECT g::int, g, s.status, t.created, t.created + make_interval(hours => hh.hv), t.created + make_interval(hours => hh.hf),
         t.created + make_interval(hours => hh.h1), t.created + make_interval(hours => hh.hr), t.created + make_interval(hours => hh.hc),
         coalesce(p.force_intake, p.kel_kec[k.ki]), p.kels[k.ki], o.cur, p.unit_head[array_position(p.units, o.cur)],
         coalesce(p.force_admin, p.kel_admin[k.ki]), c.cat, c.prog, k.tpl,
         CASE s.status WHEN 'SUBMITTED' THEN 1 WHEN 'VERIFIED' THEN 2 WHEN 'REJECTED' THEN 2 WHEN 'FORWARDED' THEN 3
                       WHEN 'IN_PROGRESS' THEN 4 WHEN 'RESPONDED' THEN 5 ELSE 6 + (g % 6 = 0)::int END,
         p.ev_offset + (g - p.g_offset) * 8,
         s.status = 'CLOSED' AND g % 6 = 0,
         p.channels[1 + bench.h(g, 21) % array_length(p.channels, 1)]
    FROM bench.params p
    CROSS JOIN generate_series(a, b) AS g
    CROSS JOIN LATERAL (SELECT p.start_at + make_interval(secs => ((g - p.g_offset)::float8 / p.n) * p.span_secs + bench.h(g, 1) % 3600) AS created0) t0
    CROSS JOIN LATERAL (SELECT bench.h(g, 2) % 100 AS r, t0.created0 > p.start_at + make_interval(secs => p.span_secs - p.recent_secs) AS recent) x
    CROSS JOIN LATERAL (SELECT coalesce(p.force_status, CASE WHEN x.recent THEN
        CASE WHEN x.r < 8 THEN 'SUBMITTED' WHEN x.r < 15 THEN 'VERIFIED' WHEN x.r < 27 THEN 'FORWARDED' WHEN x.r < 45 THEN 'IN_PROGRESS'
             WHEN x.r < 60 THEN 'RESPONDED' WHEN x.r < 90 THEN 'CLOSED' ELSE 'REJECTED' END
      ELSE
        CASE WHEN x.r < 3 THEN 'FORWARDED' WHEN x.r < 8 THEN 'IN_PROGRESS' WHEN x.r < 22 THEN 'RESPONDED' WHEN x.r < 84 THEN 'CLOSED' ELSE 'REJECTED' END
      END) AS status) s
    -- Hours after submission of verify, forward, first response, answer and close (75 % of first responses within 24 h).
    CROSS JOIN LATERAL (SELECT 1 + bench.h(g, 3) % 40 AS hv) h1
    CROSS JOIN LATERAL (SELECT h1.hv + 1 + bench.h(g, 4) % 30 AS hf) h2
    CROSS JOIN LATERAL (SELECT h2.hf + CASE WHEN bench.h(g, 5) % 100 < 75 THEN 1 + bench.h(g, 6) % 20 ELSE 25 + bench.h(g, 6) % 40 END AS h1st) h3
    CROSS JOIN LATERAL (SELECT h3.h1st + 4 + bench.h(g, 7) % 68 AS hr) h4
    CROSS JOIN LATERAL (SELECT h1.hv, h2.hf, h3.h1st AS h1, h4.hr, h4.hr + 24 + bench.h(g, 8) % 176 AS hc) hh
    -- Nothing happens in the future: a story that would end after now starts earlier.
    CROSS JOIN LATERAL (SELECT least(t0.created0, p.start_at + make_interval(secs => p.span_secs) - make_interval(hours =>
        CASE s.status WHEN 'SUBMITTED' THEN 0 WHEN 'VERIFIED' THEN hh.hv WHEN 'REJECTED' THEN hh.hv WHEN 'FORWARDED' THEN hh.hf
                      WHEN 'IN_PROGRESS' THEN hh.h1 WHEN 'RESPONDED' THEN hh.hr ELSE hh.hc + 24 END)) AS created) t
    CROSS JOIN LATERAL (SELECT 1 + bench.h(g, 9) % array_length(p.titles, 1) AS tpl, 1 + bench.h(g, 10) % array_length(p.kels, 1) AS ki) k
    CROSS JOIN LATERAL (SELECT CASE WHEN bench.h(g, 13) % 100 < 95 THEN p.tpl_cat[k.tpl] END AS cat,
                               CASE WHEN bench.h(g, 14) % 100 < 60 THEN p.tpl_prog[k.tpl] END AS prog) c
    CROSS JOIN LATERAL (SELECT CASE WHEN c.cat IS NOT NULL AND bench.h(g, 11) % 100 < 92 THEN p.cat_route[array_position(p.cats, c.cat)]
                                    ELSE p.units[1 + bench.h(g, 12) % array_length(p.units, 1)] END AS cur) o
$$;
`;

const INSERT_COMPLAINTS = `
INSERT INTO complaint (id, "trackingCode", type, channel, title, description, "categoryId", "programId", address, rt, rw, "kelurahanId",
  "reporterName", "reporterPhone", "reporterNik", anonymous, confidential, status, "progressStage", "intakeOpdId", "currentOpdId",
  "handlerOpdIds", "verifyDueAt", "responseDueAt", "dueAt", "firstResponseAt", "respondedAt", "autoCloseAt", "closedAt", answer,
  "rejectReason", rating, "accessCodeHash", version, "lastEventId", "createdAt", "updatedAt")
SELECT q.id, 'MGL-' || to_char(q.created, 'YYMM') || '-B' || lpad(q.g::text, 7, '0'),
  CASE WHEN bench.h(q.g, 20) % 100 < 80 THEN 'COMPLAINT' WHEN bench.h(q.g, 20) % 100 < 92 THEN 'ASPIRATION' ELSE 'INFORMATION_REQUEST' END,
  q.channel, p.titles[q.tpl], p.descs[q.tpl], q.cat, q.prog,
  'RT ' || lpad((1 + bench.h(q.g, 22) % 12)::text, 2, '0') || '/RW ' || lpad((1 + bench.h(q.g, 23) % 9)::text, 2, '0'),
  lpad((1 + bench.h(q.g, 22) % 12)::text, 2, '0'), lpad((1 + bench.h(q.g, 23) % 9)::text, 2, '0'), q.kel,
  p.names[1 + bench.h(q.g, 24) % array_length(p.names, 1)], '08' || lpad((bench.h(q.g, 25)::bigint * 1000 + q.g % 1000)::text, 10, '0'),
  CASE WHEN bench.h(q.g, 26) % 100 < 60 THEN '3371' || lpad((bench.h(q.g, 27)::bigint * 1000000 + q.g % 1000000)::text, 12, '0') END,
  bench.h(q.g, 28) % 100 < 12, bench.h(q.g, 29) % 100 < 6,
  q.status,
  CASE WHEN q.status IN ('IN_PROGRESS', 'RESPONDED', 'CLOSED') THEN 'VERIFICATION' END,
  q.intake,
  CASE WHEN q.status IN ('FORWARDED', 'IN_PROGRESS', 'RESPONDED', 'CLOSED') THEN q.cur END,
  CASE WHEN q.status IN ('FORWARDED', 'IN_PROGRESS', 'RESPONDED', 'CLOSED') THEN ARRAY[q.cur] ELSE '{}'::int[] END,
  q.created + interval '3 days',
  CASE WHEN q.status IN ('FORWARDED', 'IN_PROGRESS', 'RESPONDED', 'CLOSED') THEN q.t_fwd + interval '24 hours' END,
  CASE q.status WHEN 'SUBMITTED' THEN q.created + interval '3 days' WHEN 'VERIFIED' THEN q.created + interval '3 days'
                WHEN 'FORWARDED' THEN q.t_fwd + interval '24 hours' END,
  CASE WHEN q.status IN ('IN_PROGRESS', 'RESPONDED', 'CLOSED') THEN q.t_first END,
  CASE WHEN q.status IN ('RESPONDED', 'CLOSED') THEN q.t_resp END,
  CASE WHEN q.status = 'RESPONDED' THEN q.t_resp + interval '14 days' END,
  CASE q.status WHEN 'CLOSED' THEN q.t_close WHEN 'REJECTED' THEN q.t_ver END,
  CASE WHEN q.status IN ('RESPONDED', 'CLOSED') THEN 'Terima kasih atas laporannya. Petugas kami sudah menindaklanjuti dan permasalahan telah ditangani.' END,
  CASE WHEN q.status = 'REJECTED' THEN 'Laporan tidak dapat diverifikasi: alamat tidak ditemukan' END,
  CASE WHEN q.rated THEN 1 + bench.h(q.g, 30) % 5 END,
  md5(q.g::text) || md5((q.g + 7)::text),
  q.nev, q.ev_base + q.nev - 1, q.created,
  CASE q.status WHEN 'SUBMITTED' THEN q.created WHEN 'VERIFIED' THEN q.t_ver WHEN 'REJECTED' THEN q.t_ver WHEN 'FORWARDED' THEN q.t_fwd
                WHEN 'IN_PROGRESS' THEN q.t_first WHEN 'RESPONDED' THEN q.t_resp
                ELSE q.t_close + CASE WHEN q.rated THEN interval '1 day' ELSE interval '0' END END
FROM bench.gen($1, $2) q, bench.params p`;

const INSERT_EVENTS = `
INSERT INTO complaint_event (id, "complaintId", type, "actorId", "actorRole", "fromStatus", "toStatus", "toOpdId", stage, message, public, data, "createdAt")
SELECT q.ev_base + s - 1, q.id,
  CASE WHEN q.status = 'REJECTED' AND s = 2 THEN 'REJECTED' ELSE (ARRAY['SUBMITTED','VERIFIED','FORWARDED','ACCEPTED','RESPONDED','CLOSED','RATED'])[s] END,
  (ARRAY[NULL, q.admin, q.admin, q.head, q.head, q.admin, NULL])[s],
  (ARRAY[NULL, 'ADMIN', 'ADMIN', 'UNIT_HEAD', 'UNIT_HEAD', 'ADMIN', NULL])[s],
  CASE WHEN q.status = 'REJECTED' AND s = 2 THEN 'SUBMITTED' ELSE (ARRAY[NULL,'SUBMITTED','VERIFIED','FORWARDED','IN_PROGRESS','RESPONDED','CLOSED'])[s] END,
  CASE WHEN q.status = 'REJECTED' AND s = 2 THEN 'REJECTED' ELSE (ARRAY['SUBMITTED','VERIFIED','FORWARDED','IN_PROGRESS','RESPONDED','CLOSED','CLOSED'])[s] END,
  CASE s WHEN 1 THEN q.intake WHEN 3 THEN q.cur END,
  CASE WHEN s = 4 THEN 'VERIFICATION' END,
  CASE WHEN q.status = 'REJECTED' AND s = 2 THEN 'Laporan tidak dapat diverifikasi: alamat tidak ditemukan'
       ELSE (ARRAY['Diterima melalui ' || q.channel, NULL, 'Diteruskan ke unit terkait', 'Pengaduan diterima dan sedang diverifikasi',
                   'Terima kasih atas laporannya. Petugas kami sudah menindaklanjuti dan permasalahan telah ditangani.', NULL, NULL])[s] END,
  true,
  CASE s WHEN 1 THEN '{"actor":"CITIZEN"}'::jsonb WHEN 7 THEN jsonb_build_object('rating', 1 + bench.h(q.g, 30) % 5, 'actor', 'CITIZEN') ELSE '{}'::jsonb END,
  (ARRAY[q.created, q.t_ver, q.t_fwd, q.t_first, q.t_resp, q.t_close, q.t_close + interval '1 day'])[s]
FROM bench.gen($1, $2) q CROSS JOIN LATERAL generate_series(1, q.nev) AS s`;

export interface Org {
  opdByCode: Map<string, number>;
  userByName: Map<string, { id: number; role: Role; opdId: number; servicePostId: number | null; tokenGeneration: number }>;
  opdPath: Map<number, string>;
  categoryByCode: Map<string, number>;
  units: number[];
  unitHead: number[];
}

export async function loadOrg(c: Client): Promise<Org> {
  const opds = (await c.query(`SELECT id, code, kind, "parentId", path FROM opd ORDER BY id`)).rows as {
    id: number;
    code: string;
    kind: string;
    parentId: number | null;
    path: string;
  }[];
  const users = (await c.query(`SELECT id, username, role, "opdId", "servicePostId", "tokenGeneration" FROM app_user WHERE active ORDER BY id`)).rows as {
    id: number;
    tokenGeneration: number;
    username: string;
    role: Role;
    opdId: number;
    servicePostId: number | null;
  }[];
  const cats = (await c.query(`SELECT id, code FROM category ORDER BY id`)).rows as { id: number; code: string }[];
  const heads = new Map<number, number>();
  for (const u of users) if (u.role === Role.UNIT_HEAD && !heads.has(u.opdId)) heads.set(u.opdId, u.id);
  const units = [...heads.keys()].filter((id) => opds.find((o) => o.id === id)?.kind !== 'KECAMATAN').sort((a, b) => a - b);
  return {
    opdByCode: new Map(opds.map((o) => [o.code, o.id])),
    userByName: new Map(
      users.map((u) => [u.username, { id: u.id, role: u.role, opdId: u.opdId, servicePostId: u.servicePostId, tokenGeneration: u.tokenGeneration }]),
    ),
    opdPath: new Map(opds.map((o) => [o.id, o.path])),
    categoryByCode: new Map(cats.map((x) => [x.code, x.id])),
    units,
    unitHead: units.map((id) => heads.get(id)!),
  };
}

export interface SeedSpec {
  /** Complaints to add (numbered after the ones already there). */
  count: number;
  /** Time span covered, ending now (minus an hour). */
  spanDays: number;
  /** Only for the transition pools: every complaint in this status, at this intake Opd. */
  forceStatus?: string;
  forceIntakeCode?: string;
  forceAdmin?: string;
  /** Drop the secondary indexes during the load and rebuild them after (1M scale). */
  rebuildIndexes?: boolean;
  chunk?: number;
  label?: string;
}

export interface SeedResult {
  firstId: number;
  lastId: number;
  complaints: number;
  events: number;
  seconds: number;
}

/** Adds `count` generated complaints with their timelines to a migrated, org-seeded database. */
export async function seedComplaints(url: string, spec: SeedSpec): Promise<SeedResult> {
  const started = Date.now();
  return withClient(url, async (c) => {
    await c.query(GEN_SQL);
    const org = await loadOrg(c);
    const opds = (await c.query(`SELECT id, code, kind, "parentId" FROM opd ORDER BY id`)).rows as {
      id: number;
      code: string;
      kind: string;
      parentId: number | null;
    }[];
    const kels = opds.filter((o) => o.kind === 'KELURAHAN');
    const adminOf = (kecId: number) =>
      [...org.userByName.entries()].find(([, u]) => u.role === Role.ADMIN && u.opdId === kecId)?.[1].id ?? org.userByName.get('admin.tengah')!.id;
    const catRows = (await c.query(`SELECT id, code, "defaultOpdId" FROM category ORDER BY id`)).rows as {
      id: number;
      code: string;
      defaultOpdId: number | null;
    }[];
    const programs = (await c.query(`SELECT id, code FROM program ORDER BY id`)).rows as { id: number; code: string }[];
    const progByCode = new Map(programs.map((p) => [p.code, p.id]));
    const catRoute = catRows.map((x, i) => (x.defaultOpdId && org.units.includes(x.defaultOpdId) ? x.defaultOpdId : org.units[i % org.units.length]));
    const [{ maxc, maxe }] = (
      await c.query(`SELECT coalesce((SELECT max(id) FROM complaint), 0) AS maxc, coalesce((SELECT max(id) FROM complaint_event), 0) AS maxe`)
    ).rows;
    const first = Number(maxc) + 1;
    const last = first + spec.count - 1;
    const end = Date.now() - 3600_000;
    const span = spec.spanDays * 86400;
    await c.query('DELETE FROM bench.params');
    await c.query(
      `INSERT INTO bench.params VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
      [
        spec.count,
        first,
        Number(maxe) + 1,
        new Date(end - span * 1000),
        span,
        Math.min(span, 30 * 86400),
        spec.forceStatus ?? null,
        spec.forceIntakeCode ? org.opdByCode.get(spec.forceIntakeCode) : null,
        spec.forceAdmin ? org.userByName.get(spec.forceAdmin)!.id : null,
        kels.map((k) => k.id),
        kels.map((k) => k.parentId),
        kels.map((k) => adminOf(k.parentId!)),
        org.units,
        org.unitHead,
        catRows.map((x) => x.id),
        catRoute,
        programs.map((p) => p.id),
        COMPLAINT_TEMPLATES.map((t) => t.title),
        COMPLAINT_TEMPLATES.map((t) => t.description),
        COMPLAINT_TEMPLATES.map((t) => org.categoryByCode.get(t.categoryCode) ?? null),
        COMPLAINT_TEMPLATES.map((t) => (t.programCode ? (progByCode.get(t.programCode) ?? null) : null)),
        REPORTER_NAMES,
        [
          Channel.WEB,
          Channel.WEB,
          Channel.WHATSAPP,
          Channel.WHATSAPP,
          Channel.SERVICE_POST,
          Channel.SMS,
          Channel.CALL_CENTER,
          Channel.SOCIAL_MEDIA,
          Channel.SP4N_LAPOR,
          Channel.WALK_IN,
        ],
      ],
    );

    let saved: { indexname: string; indexdef: string }[] = [];
    if (spec.rebuildIndexes) {
      saved = (
        await c.query(
          `SELECT i.indexname, i.indexdef FROM pg_indexes i
          WHERE i.schemaname = 'public' AND i.tablename IN ('complaint', 'complaint_event')
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
        )
      ).rows;
      for (const ix of saved) await c.query(`DROP INDEX "${ix.indexname}"`);
    }

    // Triggers (NOTIFY, append-only guard, the search words) and FK checks are skipped for the bulk load.
    await c.query(`ALTER TABLE complaint ALTER COLUMN "searchVector" DROP NOT NULL`);
    await c.query(`SET session_replication_role = replica`);
    const chunk = spec.chunk ?? 25_000;
    const bar = progressBar(spec.label ?? 'seeding', spec.count);
    let events = 0;
    for (let a = first; a <= last; a += chunk) {
      const b = Math.min(last, a + chunk - 1);
      await c.query('BEGIN');
      await c.query(INSERT_COMPLAINTS, [a, b]);
      const ev = await c.query(INSERT_EVENTS, [a, b]);
      await c.query('COMMIT');
      events += ev.rowCount ?? 0;
      bar.update(b - first + 1, `${(b - first + 1).toLocaleString('en')} complaints, ${events.toLocaleString('en')} events,`);
    }
    bar.done(`${spec.count.toLocaleString('en')} complaints, ${events.toLocaleString('en')} events,`);
    // The words `q` searches, as the trigger (migration SearchVector) writes them.
    await c.query(
      `UPDATE complaint SET "searchVector" = to_tsvector('simple', "trackingCode" || ' ' || title || ' ' || description || ' ' ||
         CASE WHEN anonymous THEN '' ELSE coalesce("reporterName", '') END) WHERE "searchVector" IS NULL`,
    );
    await c.query(`SET session_replication_role = origin`);
    await c.query(`ALTER TABLE complaint ALTER COLUMN "searchVector" SET NOT NULL`);

    if (saved.length) {
      const ib = progressBar('rebuilding indexes', saved.length);
      let n = 0;
      for (const ix of saved) {
        await c.query(ix.indexdef);
        ib.update(++n, ix.indexname);
      }
      ib.done();
    }
    // Handling episodes as the product's own rebuild derives them from the timeline (FK checks skipped again).
    await c.query(`SET session_replication_role = replica`);
    await rebuildHandling(c);
    await c.query(`SET session_replication_role = origin`);
    // The dashboard's tally (days, months, the episodes' onTime rows), which the triggers skipped during the load.
    await rebuildTally(c);
    await c.query(`SELECT setval('complaint_id_seq', (SELECT max(id) FROM complaint))`);
    await c.query(`SELECT setval('complaint_event_id_seq', (SELECT max(id) FROM complaint_event))`);
    // Vacuumed as autovacuum would have it by then: otherwise whichever server runs first pays the
    // heap fetches of index-only scans (counts) until autovacuum sets the visibility map mid-run.
    await c.query('VACUUM (ANALYZE) complaint');
    await c.query('VACUUM (ANALYZE) complaint_event');
    await c.query('VACUUM (ANALYZE) complaint_handling');
    await c.query('VACUUM (ANALYZE) complaint_tally');
    await c.query('VACUUM (ANALYZE) complaint_tally_month');
    return { firstId: first, lastId: last, complaints: spec.count, events, seconds: (Date.now() - started) / 1000 };
  });
}
