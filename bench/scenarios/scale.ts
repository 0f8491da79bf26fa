import 'reflect-metadata';
import { createDataSource } from '../../server/db/data-source';
import { EPISODES_BY_OPD_SQL } from '../../server/modules/reports/report.service';
import { databaseExists, migrateAndSeedOrg, query, recreateDatabase, withClient, type Cluster } from '../lib/db';
import { readStatements, resetStatements, timedRequests } from '../lib/load';
import { loadOrg, seedComplaints, type Org } from '../lib/seed';
import { startOurs, startPeer, tokenFor, type RunningServer } from '../lib/servers';
import { log, round } from '../lib/util';
import { OURS_LIST, PGL_LIST, type ListFilter } from './http';
import { longTimelineComplaint, runScreens, screenQueries, type ScreenResult } from './screens';

export const SCALE_DB = 'lapor_scale';
/** Bump when the generator changes: a scale database of another version is seeded anew. */
const SCALE_SEED_VERSION = 'v1';

export interface ScaleSpec {
  complaints: number;
  spanDays: number;
}

export interface ScaleResult {
  dataset: { complaints: number; events: number; seededNow: boolean; seedSeconds?: number; tableMiB: Record<string, number> };
  lists: {
    server: 'ours' | 'postgraphile';
    filter: string;
    matches: number;
    p50: number;
    p95: number;
    p99: number;
    errors: number;
    firstError?: string;
  }[];
  /** p95 over every request of every filter (ours). */
  listMixP95: Record<string, number>;
  listSql?: { perRequest: number; top: { query: string; calls: number; meanMs: number }[] };
  report: { quarter: string; runsMs: number[]; medianMs: number; rows: number; sample: Record<string, unknown>[] };
  /** The product's own compliance report (`complianceReport`) for the same quarter, over the API. */
  apiReport?: { runsMs: number[]; medianMs: number; opds: number; error?: string };
  plans: { title: string; sql: string; plan: string; ms: number }[];
  experiment?: {
    indexes: string[];
    report: { runsMs: number[]; medianMs: number };
    plans: { title: string; plan: string; ms: number }[];
    buildSeconds: number;
  };
  /** Every console screen's query as its role (bench/scenarios/screens.ts). */
  screens?: ScreenResult[];
  /** PostgreSQL execution time (median of 3) of ways to get a page and its total, without and with the proposed indexes. */
  listAlternatives?: { filter: string; variant: string; withoutMs: number; withMs?: number }[];
}

/** Other ways to read a page and its total: the evidence for a cheaper list statement. */
function listVariants(org: Org, f: ListFilter): Record<string, string> {
  const current = ourListSql(org, f);
  const where = / WHERE (.*?) ORDER BY /.exec(current)?.[1];
  const w = where ? ` WHERE ${where}` : '';
  const order = `ORDER BY c."createdAt" DESC NULLS LAST, c.id DESC`;
  return {
    'current: c.*, count(*) OVER()': current,
    'window over (id, createdAt) only, then the rows': `SELECT c.*, p.total FROM (SELECT c.id, c."createdAt", count(*) OVER() AS total FROM complaint c${w} ${order} LIMIT 50) p JOIN complaint c ON c.id = p.id ORDER BY p."createdAt" DESC NULLS LAST, p.id DESC`,
    'page only (no total)': `SELECT c.* FROM complaint c${w} ${order} LIMIT 50`,
    'exact count only': `SELECT count(*) FROM complaint c${w}`,
    'count capped at 10,001': `SELECT count(*) FROM (SELECT 1 FROM complaint c${w} LIMIT 10001) x`,
    // Single values as scalar `=` and no NULLS LAST on the NOT NULL sort column: a (filter…, createdAt) btree then
    // yields the page in order (= ANY(array) and DESC NULLS LAST both force a sort of every match); the total as an
    // index-only scalar count instead of a window over wide rows.
    'proposed: scalar =, DESC without NULLS LAST, total as scalar count': (() => {
      const eq = scalarWhere(org, f);
      return `SELECT c.*, (SELECT count(*) FROM complaint c${eq}) AS total FROM complaint c${eq} ORDER BY c."createdAt" DESC, c.id DESC LIMIT 50`;
    })(),
  };
}

function scalarWhere(org: Org, f: ListFilter): string {
  const subtree = (id: number) => [...org.opdPath.entries()].filter(([, p]) => p.includes(`/${id}/`)).map(([k]) => k);
  const inList = (col: string, ids: number[]) => (ids.length === 1 ? `${col} = ${ids[0]}` : `${col} = ANY('{${ids.join(',')}}'::int[])`);
  const where: string[] = [];
  if (f.status) where.push(`c.status = '${f.status}'`);
  if (f.categoryId) where.push(`c."categoryId" = ${f.categoryId}`);
  if (f.intakeOpdId) where.push(inList('c."intakeOpdId"', subtree(f.intakeOpdId)));
  if (f.currentOpdId) where.push(inList('c."currentOpdId"', subtree(f.currentOpdId)));
  return where.length ? ` WHERE ${where.join(' AND ')}` : '';
}

async function timeSql(url: string, sql: string, runs = 3): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push((await explain(url, sql)).ms);
  return round(ms.sort((a, b) => a - b)[Math.floor(runs / 2)], 2);
}

async function ensureScaleDatabase(cluster: Cluster, spec: ScaleSpec): Promise<{ url: string; seededNow: boolean; seedSeconds?: number }> {
  const url = cluster.url(SCALE_DB);
  const want = `${SCALE_SEED_VERSION}:${spec.complaints}:${spec.spanDays}`;
  if (await databaseExists(cluster, SCALE_DB)) {
    const [{ ok }] = await query<{ ok: boolean }>(url, `SELECT to_regclass('bench.meta') IS NOT NULL AS ok`);
    const rows = ok ? await query<{ v: string }>(url, `SELECT value AS v FROM bench.meta WHERE key = 'seed'`) : [];
    if (rows[0]?.v === want) {
      // Migrations added since the data was seeded are applied (others work on the schema too).
      const db = createDataSource(url, { applicationName: 'bench-setup' });
      await db.initialize();
      try {
        const ran = await db.runMigrations({ transaction: 'each' });
        if (ran.length) {
          log(`scale database: applied ${ran.length} new migration(s)`);
          // As after seeding: the new indexes' visibility maps and statistics, before anything is timed.
          for (const t of ['complaint', 'complaint_event', 'complaint_handling', 'complaint_tally', 'complaint_tally_month'])
            await db.query(`VACUUM (ANALYZE) ${t}`);
        }
      } finally {
        await db.destroy();
      }
      log(`scale database ${SCALE_DB} already seeded (${want}); reusing it`);
      return { url, seededNow: false };
    }
  }
  log(`seeding the scale database: ${spec.complaints.toLocaleString('en')} complaints over ${spec.spanDays} days (minutes, not hours)`);
  await recreateDatabase(cluster, SCALE_DB);
  await migrateAndSeedOrg(url);
  const r = await seedComplaints(url, { count: spec.complaints, spanDays: spec.spanDays, rebuildIndexes: true, chunk: 20_000, label: 'scale seed' });
  await query(url, `CREATE TABLE IF NOT EXISTS bench.meta (key text PRIMARY KEY, value text)`);
  await query(url, `INSERT INTO bench.meta VALUES ('seed', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [want]);
  return { url, seededNow: true, seedSeconds: round(r.seconds, 1) };
}

/** The SQL our list() sends for a filter (complaint.service.ts), with the values inlined for EXPLAIN. */
function ourListSql(org: Org, f: ListFilter): string {
  const where: string[] = [];
  const subtree = (id: number) => {
    const marker = `/${id}/`;
    return [...org.opdPath.entries()].filter(([, p]) => p.includes(marker)).map(([k]) => k);
  };
  if (f.status) where.push(`c.status = ANY('{${f.status}}'::varchar[])`);
  if (f.categoryId) where.push(`c."categoryId" = ${f.categoryId}`);
  if (f.intakeOpdId) where.push(`c."intakeOpdId" = ANY('{${subtree(f.intakeOpdId).join(',')}}'::int[])`);
  if (f.currentOpdId) where.push(`c."currentOpdId" = ANY('{${subtree(f.currentOpdId).join(',')}}'::int[])`);
  return `SELECT c.*, count(*) OVER() AS "__total" FROM complaint c${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY c."createdAt" DESC NULLS LAST, c.id DESC LIMIT 50 OFFSET 0`;
}

/** The compliance report's heaviest read, as the product runs it: a quarter's handling episodes per Opd. */
export const QUARTERLY_SQL = EPISODES_BY_OPD_SQL;

/** The last full calendar quarter (UTC) before now. */
export function lastQuarter(now = new Date()): { from: Date; to: Date; label: string } {
  const q = Math.floor(now.getUTCMonth() / 3);
  const to = new Date(Date.UTC(now.getUTCFullYear(), q * 3, 1));
  const from = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 3, 1));
  return { from, to, label: `${from.getUTCFullYear()}-Q${Math.floor(from.getUTCMonth() / 3) + 1}` };
}

async function explain(url: string, sql: string, params: unknown[] = []): Promise<{ plan: string; ms: number }> {
  return withClient(url, async (c) => {
    const rows = (await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows as { 'QUERY PLAN': string }[];
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    const m = /Execution Time: ([\d.]+) ms/.exec(plan);
    return { plan, ms: m ? Number(m[1]) : NaN };
  });
}

const API_REPORT = `query($period: String) { complianceReport(period: $period) {
  opds { opdId rank taken received forwarded responded due respondedInTime medianHoursToFirstResponse p90HoursToFirstResponse overdueNow returns averageRating ikm }
  officers { userId recorded verified forwarded forwardedOnTime } } }`;

/** What a leader's console does for the quarter: the product's compliance report, request to response. */
async function timeApiReport(url: string, token: string, period: string, runs: number): Promise<NonNullable<ScaleResult['apiReport']>> {
  const runsMs: number[] = [];
  let opds = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: API_REPORT, variables: { period } }),
    });
    const body = (await res.json()) as { data?: { complianceReport?: { opds: unknown[] } }; errors?: { message: string }[] };
    if (body.errors?.length) return { runsMs, medianMs: NaN, opds: 0, error: body.errors[0].message };
    runsMs.push(round(performance.now() - t0, 1));
    opds = body.data?.complianceReport?.opds.length ?? 0;
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { runsMs, medianMs: sorted[Math.floor(sorted.length / 2)], opds };
}

async function timeReport(url: string, from: Date, to: Date, runs: number) {
  return withClient(url, async (c) => {
    const runsMs: number[] = [];
    let rows: Record<string, unknown>[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      rows = (await c.query(QUARTERLY_SQL, [from, to, new Date()])).rows;
      runsMs.push(round(performance.now() - t0, 1));
    }
    const sorted = [...runsMs].sort((a, b) => a - b);
    return { runsMs, medianMs: sorted[Math.floor(sorted.length / 2)], rows };
  });
}

/** Candidate indexes tried after the measurement (and dropped again): the evidence for a proposal. */
export const PROPOSED_INDEXES: string[] = [
  // None at present: the migrations carry what the lists and the report use (complaint_handling for the report).
];

export async function runScale(opts: {
  cluster: Cluster;
  spec: ScaleSpec;
  peer: { node: string } | null;
  requests: number;
  experiment: boolean;
  /** Requests per screen query (p50/p95). */
  screenRequests: number;
  /** Only the screens: skip the list filters side by side, the report statement and the alternatives. */
  screensOnly: boolean;
}): Promise<ScaleResult> {
  const { url, seededNow, seedSeconds } = await ensureScaleDatabase(opts.cluster, opts.spec);
  await query(url, 'CREATE SCHEMA IF NOT EXISTS bench; CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA bench');
  const org = await withClient(url, loadOrg);
  const [counts] = await query<{ c: string; e: string }>(url, `SELECT (SELECT count(*) FROM complaint) AS c, (SELECT count(*) FROM complaint_event) AS e`);
  const sizes = await query<{ t: string; mib: string }>(
    url,
    `SELECT relname AS t, round(pg_total_relation_size(oid) / 1048576.0) AS mib FROM pg_class WHERE relname IN ('complaint', 'complaint_event')`,
  );

  const filters: ListFilter[] = [
    { label: 'unit worklist: currentOpd = Disdukcapil, status IN_PROGRESS', currentOpdId: org.opdByCode.get('DISDUKCAPIL'), status: 'IN_PROGRESS' },
    { label: 'intake inbox: intakeOpd = Kec. Magelang Tengah, status SUBMITTED', intakeOpdId: org.opdByCode.get('KEC-TENGAH'), status: 'SUBMITTED' },
    { label: 'category = Bansos, status CLOSED', categoryId: org.categoryByCode.get('BANSOS'), status: 'CLOSED' },
    { label: 'status RESPONDED', status: 'RESPONDED' },
  ];
  const matches: number[] = [];
  for (const f of filters) {
    const sql = ourListSql(org, f)
      .replace(/^SELECT c\.\*, count\(\*\) OVER\(\) AS "__total"/, 'SELECT count(*) AS n')
      .replace(/ ORDER BY .*$/, '');
    matches.push(Number((await query<{ n: string }>(url, sql))[0].n));
  }

  const quarter = lastQuarter();
  const detailId = await longTimelineComplaint(url, org);
  const screens = await runScreens({
    url,
    database: SCALE_DB,
    org,
    queries: await screenQueries(url, org, detailId, quarter.label),
    requests: opts.screenRequests,
  });
  const dataset = {
    complaints: Number(counts.c),
    events: Number(counts.e),
    seededNow,
    seedSeconds,
    tableMiB: Object.fromEntries(sizes.map((s) => [s.t, Number(s.mib)])),
  };
  if (opts.screensOnly) {
    return { dataset, lists: [], listMixP95: {}, report: { quarter: quarter.label, runsMs: [], medianMs: NaN, rows: 0, sample: [] }, plans: [], screens };
  }

  const lists: ScaleResult['lists'] = [];
  const listMixP95: Record<string, number> = {};
  let listSql: ScaleResult['listSql'];
  let apiReport: ScaleResult['apiReport'];
  const servers: Array<'ours' | 'postgraphile'> = opts.peer ? ['ours', 'postgraphile'] : ['ours'];
  for (const name of servers) {
    const server: RunningServer = name === 'ours' ? await startOurs(url) : await startPeer(url, opts.peer!);
    try {
      const all: number[] = [];
      if (name === 'ours') await resetStatements(url);
      let n = 0;
      for (const [i, f] of filters.entries()) {
        const body =
          name === 'ours'
            ? {
                query: OURS_LIST,
                variables: {
                  perPage: 50,
                  filter: {
                    ...(f.status ? { status: [f.status] } : {}),
                    ...(f.categoryId ? { categoryId: String(f.categoryId) } : {}),
                    ...(f.currentOpdId ? { currentOpdId: String(f.currentOpdId) } : {}),
                    ...(f.intakeOpdId ? { intakeOpdId: String(f.intakeOpdId) } : {}),
                  },
                },
              }
            : {
                query: PGL_LIST,
                variables: {
                  first: 50,
                  condition: {
                    ...(f.status ? { status: f.status } : {}),
                    ...(f.categoryId ? { categoryId: f.categoryId } : {}),
                    ...(f.currentOpdId ? { currentOpdId: f.currentOpdId } : {}),
                    ...(f.intakeOpdId ? { intakeOpdId: f.intakeOpdId } : {}),
                  },
                },
              };
        const r = await timedRequests({
          url: server.url,
          headers: name === 'ours' ? { authorization: `Bearer ${tokenFor(org, 'superadmin')}` } : {},
          count: opts.requests,
          warmup: 10,
          concurrency: 1,
          body: () => body,
        });
        n += opts.requests + 10;
        all.push(...r.samples);
        lists.push({ server: name, filter: f.label, matches: matches[i], p50: r.p50, p95: r.p95, p99: r.p99, errors: r.errors, firstError: r.firstError });
        log(`scale list (${name}) ${f.label}: p50 ${r.p50} ms, p95 ${r.p95} ms (${matches[i].toLocaleString('en')} matches)`);
      }
      const sorted = all.sort((a, b) => a - b);
      listMixP95[name] = round(sorted[Math.ceil(0.95 * sorted.length) - 1], 2);
      if (name === 'ours') apiReport = await timeApiReport(server.url, tokenFor(org, 'superadmin'), lastQuarter().label, 5);
      if (name === 'ours') {
        const s = await readStatements(url, n);
        listSql = { perRequest: s.perRequest, top: s.top.map(({ query: q, calls, meanMs }) => ({ query: q, calls, meanMs })) };
      }
    } finally {
      await server.stop();
    }
  }

  log(`quarterly report for ${quarter.label}`);
  const rep = await timeReport(url, quarter.from, quarter.to, 5);
  const plans: ScaleResult['plans'] = [];
  for (const f of filters) {
    const sql = ourListSql(org, f);
    const e = await explain(url, sql);
    plans.push({ title: `list (ours): ${f.label}`, sql, ...e });
  }
  const pageIds = (await query<{ id: number }>(url, `SELECT id FROM complaint ORDER BY "createdAt" DESC, id DESC LIMIT 50`)).map((r) => r.id);
  const evSql = `SELECT e.* FROM complaint_event e WHERE e."complaintId" = ANY('{${pageIds.join(',')}}'::int[]) ORDER BY e.id`;
  plans.push({ title: 'events of a 50-complaint page (ours: eventsByComplaint loader)', sql: evSql, ...(await explain(url, evSql)) });
  const qSql = QUARTERLY_SQL.replace(/\$1/g, `'${quarter.from.toISOString()}'`).replace(/\$2/g, `'${quarter.to.toISOString()}'`).replace(/\$3/g, 'now()');
  plans.push({ title: `quarterly per-Opd report, ${quarter.label}`, sql: qSql.trim(), ...(await explain(url, qSql)) });

  const listAlternatives: NonNullable<ScaleResult['listAlternatives']> = [];
  for (const f of filters) {
    for (const [variant, sql] of Object.entries(listVariants(org, f))) listAlternatives.push({ filter: f.label, variant, withoutMs: await timeSql(url, sql) });
  }

  let experiment: ScaleResult['experiment'];
  if (opts.experiment && PROPOSED_INDEXES.length) {
    log('experiment: building the proposed indexes, measuring again, dropping them');
    const t0 = Date.now();
    await withClient(url, async (c) => {
      for (const ix of PROPOSED_INDEXES) await c.query(ix);
      await c.query('ANALYZE complaint; ANALYZE complaint_event');
    });
    const buildSeconds = round((Date.now() - t0) / 1000, 1);
    try {
      const r2 = await timeReport(url, quarter.from, quarter.to, 5);
      const plans2: { title: string; plan: string; ms: number }[] = [];
      for (const f of filters) plans2.push({ title: `list (ours): ${f.label}`, ...(await explain(url, ourListSql(org, f))) });
      plans2.push({ title: `quarterly per-Opd report, ${quarter.label}`, ...(await explain(url, qSql)) });
      for (const f of filters) {
        for (const [variant, sql] of Object.entries(listVariants(org, f))) {
          const row = listAlternatives.find((a) => a.filter === f.label && a.variant === variant);
          if (row) row.withMs = await timeSql(url, sql);
        }
      }
      experiment = { indexes: PROPOSED_INDEXES, report: { runsMs: r2.runsMs, medianMs: r2.medianMs }, plans: plans2, buildSeconds };
    } finally {
      await withClient(url, async (c) => {
        for (const ix of PROPOSED_INDEXES) await c.query(`DROP INDEX IF EXISTS ${/INDEX (\w+)/.exec(ix)![1]}`);
        await c.query('ANALYZE complaint; ANALYZE complaint_event');
      });
    }
  }

  return {
    dataset,
    screens,
    lists,
    listMixP95,
    listSql,
    report: { quarter: quarter.label, runsMs: rep.runsMs, medianMs: rep.medianMs, rows: rep.rows.length, sample: rep.rows.slice(0, 8) },
    apiReport,
    plans,
    experiment,
    listAlternatives,
  };
}
