import fs from 'node:fs';
import { PG_LOG_FILE, query, withClient } from '../lib/db';
import { readStatements, resetStatements, timedRequests } from '../lib/load';
import type { Org } from '../lib/seed';
import { startOurs, tokenFor, type RunningServer } from '../lib/servers';
import { log, sleep } from '../lib/util';

/**
 * Every query a console screen sends, as the role that sends it, against the 1M-complaint
 * database: p50/p95 of sequential requests, SQL statements per request (pg_stat_statements),
 * and the plan of each statement as PostgreSQL ran it (auto_explain with ANALYZE, in a second
 * pass so its instrumentation is not in the timings).
 */

export interface ScreenQuery {
  group: string;
  label: string;
  user: string;
  query: string;
  variables?: Record<string, unknown>;
}

export interface ScreenResult {
  group: string;
  label: string;
  user: string;
  p50: number;
  p95: number;
  errors: number;
  firstError?: string;
  /** `total` of a page, when the query returns one. */
  total?: number;
  sqlPerRequest: number;
  plans: { ms: number; plan: string }[];
}

const ROW = `id trackingCode title status channel createdAt dueAt overdue reporterName
  intakeOpd { id name } currentOpd { id name } category { id name } program { id name }`;
export const LIST = `query($filter: ComplaintFilter, $sortField: String, $sortOrder: SortOrder) {
  complaints(filter: $filter, page: 1, perPage: 25, sortField: $sortField, sortOrder: $sortOrder) { total items { ${ROW} } } }`;
export const INBOX = `query($filter: ComplaintFilter, $sortField: String, $sortOrder: SortOrder) {
  myInbox(filter: $filter, page: 1, perPage: 25, sortField: $sortField, sortOrder: $sortOrder) { total items { ${ROW} } } }`;
const MEASURES = 'key total open overdue responded respondedInTime firstResponded averageRating';
export const STATS = `query($from: DateTimeISO, $to: DateTimeISO) { complaintStats(from: $from, to: $to) {
  totals { ${MEASURES} } byStatus { ${MEASURES} } byChannel { ${MEASURES} } byOpd { ${MEASURES} opd { id code name } }
  byProgram { ${MEASURES} program { id code name } } byCategory { ${MEASURES} category { id code name } }
  onTime { total { due inTime pct } byOpd { opdId due inTime pct opd { id code name } } } } }`;
const DETAIL = `query($id: ID!) { complaint(id: $id) {
  id trackingCode title description status channel type createdAt dueAt answer version reporterName reporterPhone identityVisible
  intakeOpd { id name } currentOpd { id name } category { id name } program { id name } availableActions
  events { id type fromStatus toStatus stage message public createdAt actor { id name } toOpd { id name } } } }`;
const OPD_TREE = `{ opds(perPage: 1000, sortField: "name", sortOrder: ASC) { total items { id code name kind parentId regionCode active canReceive } } }`;
const POSTS = `{ servicePosts(perPage: 25, sortField: "name", sortOrder: ASC) { total items { id code name rw address active openNow nextOpeningAt
  kelurahan { id name } schedule { weekday opensAt closesAt } officers { id name } } } }`;
const REPORT = `query($period: String) { complianceReport(period: $period) {
  opds { opdId rank taken received forwarded responded due respondedInTime medianHoursToFirstResponse p90HoursToFirstResponse overdueNow returns averageRating ikm }
  officers { userId recorded verified forwarded forwardedOnTime } } }`;

/** Calendar month / quarter / year in WIB containing `now`, as the dashboard asks for them (admin/src/dashboard/period.ts). */
export function wibPeriods(now = new Date()): Record<'month' | 'quarter' | 'year' | 'all time', { from: string | null; to: string | null }> {
  const wib = new Date(now.getTime() + 7 * 3600_000);
  const y = wib.getUTCFullYear();
  const m = wib.getUTCMonth();
  const at = (year: number, month: number) => new Date(Date.UTC(year, month, 1) - 7 * 3600_000).toISOString();
  const q = m - (m % 3);
  return {
    month: { from: at(y, m), to: at(y, m + 1) },
    quarter: { from: at(y, q), to: at(y, q + 3) },
    year: { from: at(y, 0), to: at(y + 1, 0) },
    'all time': { from: null, to: null },
  };
}

/** What the screens ask, each as the role that sees that screen. */
export async function screenQueries(url: string, org: Org, detailId: number, quarter: string): Promise<ScreenQuery[]> {
  const id = (code: string) => String(org.opdByCode.get(code));
  const cat = String(org.categoryByCode.get('BANSOS'));
  const [prog] = await query<{ id: number }>(url, `SELECT id FROM program ORDER BY id LIMIT 1`);
  const [assignee] = await query<{ id: number }>(url, `SELECT "assigneeId" AS id FROM complaint WHERE "assigneeId" IS NOT NULL LIMIT 1`);
  // A tracking code from the middle of the data, a name from the seed's list, a word from the middle of a description.
  const [mid] = await query<{ code: string; name: string }>(
    url,
    `SELECT "trackingCode" AS code, "reporterName" AS name FROM complaint WHERE NOT anonymous AND "intakeOpdId" = ANY($1::int[]) ORDER BY id OFFSET 100000 LIMIT 1`,
    [[...org.opdPath.entries()].filter(([, p]) => p.includes(`/${org.opdByCode.get('KEC-TENGAH')}/`)).map(([k]) => k)],
  );
  const month = new Date(Date.now() - 30 * 86400_000).toISOString();
  const q: ScreenQuery[] = [];
  const add = (group: string, label: string, user: string, doc: string, variables: Record<string, unknown> = {}) =>
    q.push({ group, label, user, query: doc, variables });

  add('inbox', 'inbox of a kecamatan admin (Magelang Tengah)', 'admin.tengah', INBOX);
  add('inbox', 'inbox of a unit head (Dinas Sosial)', 'kepala.dinsos', INBOX);
  add('inbox', 'inbox of a unit head (Disdukcapil)', 'kepala.disdukcapil', INBOX);
  add('inbox', 'inbox of the mayor (everything open)', 'walikota', INBOX);
  add('inbox', 'inbox of a kecamatan admin, overdue only', 'admin.tengah', INBOX, { filter: { overdue: true } });

  add('list', 'all complaints, the mayor (newest first)', 'walikota', LIST);
  add('list', 'all complaints, a kecamatan admin', 'admin.tengah', LIST);
  add('list', 'all complaints, a unit head', 'kepala.dinsos', LIST);
  const filters: [string, Record<string, unknown>][] = [
    ['status IN_PROGRESS', { status: ['IN_PROGRESS'] }],
    ['status SUBMITTED + VERIFIED', { status: ['SUBMITTED', 'VERIFIED'] }],
    ['overdue', { overdue: true }],
    ['not overdue', { overdue: false }],
    ['progress stage FIELD_CHECK', { progressStage: 'FIELD_CHECK' }],
    ['channel WHATSAPP', { channel: 'WHATSAPP' }],
    ['type INFORMATION_REQUEST', { type: 'INFORMATION_REQUEST' }],
    ['category Bansos', { categoryId: cat }],
    ['programme', { programId: String(prog.id) }],
    ['intake Opd Kec. Magelang Utara (subtree)', { intakeOpdId: id('KEC-UTARA') }],
    ['current Opd Disperkim', { currentOpdId: id('DISPERKIM') }],
    ['assignee', { assigneeId: String(assignee?.id ?? org.userByName.get('staf.dinsos')!.id) }],
    ['created in the last 30 days', { createdFrom: month }],
    ['category Bansos, status CLOSED, last 30 days', { categoryId: cat, status: ['CLOSED'], createdFrom: month }],
  ];
  for (const [label, filter] of filters) add('filter', `mayor, ${label}`, 'walikota', LIST, { filter });
  add('filter', 'unit head, status IN_PROGRESS', 'kepala.dinsos', LIST, { filter: { status: ['IN_PROGRESS'] } });
  add('filter', 'kecamatan admin, status SUBMITTED', 'admin.tengah', LIST, { filter: { status: ['SUBMITTED'] } });
  const sorts: [string, 'ASC' | 'DESC'][] = [
    ['createdAt', 'ASC'],
    ['updatedAt', 'DESC'],
    ['trackingCode', 'ASC'],
    ['status', 'ASC'],
    ['title', 'ASC'],
    ['dueAt', 'ASC'],
    ['responseDueAt', 'ASC'],
    ['verifyDueAt', 'ASC'],
    ['rating', 'DESC'],
  ];
  for (const [field, order] of sorts) add('sort', `mayor, by ${field} ${order}`, 'walikota', LIST, { sortField: field, sortOrder: order });
  for (const [field, order] of [['updatedAt', 'DESC'] as const, ['dueAt', 'ASC'] as const])
    add('sort', `unit head, by ${field} ${order}`, 'kepala.dinsos', LIST, { sortField: field, sortOrder: order });

  const word = 'mengajukan';
  const searches: [string, string][] = [
    [`a word from the middle of a description ("${word}")`, word],
    [`a tracking code (${mid.code})`, mid.code],
    [`a tracking-code prefix (${mid.code.slice(0, 8)})`, mid.code.slice(0, 8)],
    [`a reporter's name ("${mid.name}")`, mid.name],
    ['a word matching nothing ("zzqxv")', 'zzqxv'],
  ];
  for (const user of ['walikota', 'admin.tengah', 'kepala.dinsos']) {
    for (const [label, text] of searches) add('search', `${user}: ${label}`, user, LIST, { filter: { q: text } });
  }

  for (const user of ['walikota', 'admin.tengah', 'kepala.dinsos']) {
    for (const [period, range] of Object.entries(wibPeriods())) add('stats', `complaintStats, ${user}, ${period}`, user, STATS, range);
  }

  add('other', 'complaint detail with a long timeline', 'walikota', DETAIL, { id: String(detailId) });
  add('other', 'complaint detail with a long timeline, intake admin', 'admin.tengah', DETAIL, { id: String(detailId) });
  add('other', 'Opd tree', 'superadmin', OPD_TREE);
  add('other', 'service posts', 'superadmin', POSTS);
  add('other', `compliance report ${quarter}`, 'walikota', REPORT, { period: quarter });
  return q;
}

/** A complaint of the intake Kec. Magelang Tengah with a long timeline (progress notes), added once. */
export async function longTimelineComplaint(url: string, org: Org, notes = 300): Promise<number> {
  return withClient(url, async (c) => {
    const [have] = (await c.query(`SELECT value FROM bench.meta WHERE key = 'long-timeline'`)).rows as { value: string }[];
    if (have) return Number(have.value);
    const kec = org.opdByCode.get('KEC-TENGAH');
    const [row] = (
      await c.query(
        `SELECT c.id, c."currentOpdId" AS opd FROM complaint c JOIN opd k ON k.id = c."intakeOpdId"
          WHERE c.status = 'IN_PROGRESS' AND k.path LIKE '%/' || $1 || '/%' ORDER BY c.id LIMIT 1`,
        [kec],
      )
    ).rows as { id: number; opd: number }[];
    const head = org.unitHead[org.units.indexOf(row.opd)] ?? null;
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO complaint_event ("complaintId", type, "actorId", "actorRole", stage, message, public, data, "createdAt")
       SELECT $1, 'PROGRESS', $2, 'UNIT_HEAD', 'IN_WORK', 'Catatan perkembangan ke-' || i || ': petugas meninjau lokasi dan berkoordinasi dengan RT/RW.',
              i % 2 = 0, '{}'::jsonb, now() - make_interval(hours => $3 - i)
         FROM generate_series(1, $3::int) i`,
      [row.id, head, notes],
    );
    await c.query(`UPDATE complaint SET "lastEventId" = (SELECT max(id) FROM complaint_event WHERE "complaintId" = $1) WHERE id = $1`, [row.id]);
    await c.query(`INSERT INTO bench.meta VALUES ('long-timeline', $1)`, [String(row.id)]);
    await c.query('COMMIT');
    return row.id;
  });
}

/** Plans auto_explain wrote since `from` (bytes), of statements our server sent (not the bench's own). */
function plansSince(from: number): { ms: number; plan: string }[] {
  if (!fs.existsSync(PG_LOG_FILE)) return [];
  const fd = fs.openSync(PG_LOG_FILE, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(0, size - from));
    fs.readSync(fd, buf, 0, buf.length, from);
    const out: { ms: number; plan: string }[] = [];
    // pino's JSON lines, each with a chunk of PostgreSQL's stderr.
    const text = buf
      .toString('utf8')
      .split('\n')
      .map((line) => {
        try {
          return (JSON.parse(line) as { pg?: string }).pg ?? '';
        } catch {
          return '';
        }
      })
      .join('\n');
    const re = /LOG: {2}duration: ([\d.]+) ms {2}plan:\n((?:\t.*\n?)*)/g;
    for (const m of text.matchAll(re)) {
      const plan = m[2].replace(/^\t/gm, '').trimEnd();
      if (/Query Text: (SELECT pg_notify|LISTEN|SELECT 1\b|SELECT pg_try_advisory|SELECT bench\.)/.test(plan)) continue;
      out.push({ ms: Number(m[1]), plan });
    }
    return out;
  } finally {
    fs.closeSync(fd);
  }
}

function logSize(): number {
  return fs.existsSync(PG_LOG_FILE) ? fs.statSync(PG_LOG_FILE).size : 0;
}

export async function runScreens(opts: { url: string; database: string; org: Org; queries: ScreenQuery[]; requests: number }): Promise<ScreenResult[]> {
  const { url, org, queries } = opts;
  const results: ScreenResult[] = [];
  const only = process.env.BENCH_SCREENS ? new RegExp(process.env.BENCH_SCREENS, 'i') : null;
  const chosen = only ? queries.filter((s) => only.test(`${s.group} ${s.label}`)) : queries;
  let server: RunningServer = await startOurs(url);
  try {
    for (const s of chosen) {
      const headers = { authorization: `Bearer ${tokenFor(org, s.user)}` };
      await resetStatements(url);
      const r = await timedRequests({
        url: server.url,
        headers,
        count: opts.requests,
        warmup: 5,
        concurrency: 1,
        body: () => ({ query: s.query, variables: s.variables }),
      });
      const st = await readStatements(url, opts.requests + 5);
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: s.query, variables: s.variables }),
      });
      const body = (await res.json()) as { data?: Record<string, { total?: number } | null> };
      const first = body.data ? Object.values(body.data)[0] : null;
      results.push({
        group: s.group,
        label: s.label,
        user: s.user,
        p50: r.p50,
        p95: r.p95,
        errors: r.errors,
        firstError: r.firstError,
        total: typeof first?.total === 'number' ? first.total : undefined,
        sqlPerRequest: st.perRequest,
        plans: [],
      });
      log(
        `screen ${s.group} / ${s.label} (${s.user}): p50 ${r.p50} ms, p95 ${r.p95} ms, SQL/req ${st.perRequest}${r.errors ? `, ${r.errors} errors: ${r.firstError}` : ''}`,
      );
    }
  } finally {
    await server.stop();
  }

  // The plans: auto_explain in every new session of the database, a fresh server, each query once more.
  const settings = [
    `session_preload_libraries = 'auto_explain'`,
    `auto_explain.log_min_duration = 0`,
    `auto_explain.log_analyze = on`,
    `auto_explain.log_buffers = on`,
    `auto_explain.log_timing = on`,
  ];
  for (const s of settings) await query(url, `ALTER DATABASE ${opts.database} SET ${s}`);
  server = await startOurs(url);
  try {
    for (const [i, s] of chosen.entries()) {
      const headers = { authorization: `Bearer ${tokenFor(org, s.user)}` };
      const before = logSize();
      await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: s.query, variables: s.variables }),
      }).then((r) => r.text());
      await sleep(300);
      results[i].plans = plansSince(before);
    }
  } finally {
    await server.stop();
    for (const s of [
      'session_preload_libraries',
      'auto_explain.log_min_duration',
      'auto_explain.log_analyze',
      'auto_explain.log_buffers',
      'auto_explain.log_timing',
    ])
      await query(url, `ALTER DATABASE ${opts.database} RESET ${s}`);
  }
  return results;
}
