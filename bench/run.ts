/**
 * `npm run bench`: our GraphQL server side by side with PostGraphile 5 on the same tables.
 * See bench/README.md (the latest report, with how to run it) and issue #7.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { migrateAndSeedOrg, query, recreateDatabase, startCluster, withClient, type Cluster } from './lib/db';
import { readStatements, resetStatements, runLoad, type LoadResult, type RequestDef } from './lib/load';
import { toMarkdown, type BenchReport, type PageSizeCount } from './lib/report';
import { loadOrg, seedComplaints, type Org } from './lib/seed';
import { buildFingerprint, ensurePeer, snapshotBuild, startOurs, startPeer, tokenFor, type RunningServer } from './lib/servers';
import { BENCH_DIR, env, log, machine, ROOT, sleep } from './lib/util';
import { runFanout } from './scenarios/fanout';
import { detailRequests, listRequests, OURS_LIST, PGL_LIST, submitRequests, transitionRequests, type ListFilter } from './scenarios/http';
import { runScale } from './scenarios/scale';
import { runOutbox } from './scenarios/outbox';
import { runUploads, uploadDir } from './scenarios/uploads';

const BENCH_DB = 'lapor_bench';

const cfg = {
  duration: env('BENCH_DURATION', 10),
  warmup: env('BENCH_WARMUP', 5),
  connections: env('BENCH_CONNECTIONS', 8),
  complaints: env('BENCH_COMPLAINTS', 10_000),
  spanDays: env('BENCH_SPAN_DAYS', 90),
  peer: process.env.BENCH_PEER !== '0',
  scale: process.env.BENCH_SCALE === '1',
  scaleComplaints: env('BENCH_SCALE_COMPLAINTS', 1_000_000),
  scaleDays: env('BENCH_SCALE_DAYS', 3 * 365),
  scaleRequests: env('BENCH_SCALE_REQUESTS', 100),
  scaleExperiment: process.env.BENCH_SCALE_EXPERIMENT !== '0',
  screenRequests: env('BENCH_SCREEN_REQUESTS', 15),
  screensOnly: process.env.BENCH_SCREENS_ONLY === '1',
  fanoutLevels: (process.env.BENCH_FANOUT ?? '1000,5000,10000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0),
  fanoutCommits: env('BENCH_FANOUT_COMMITS', 20),
  fanoutAccounts: env('BENCH_FANOUT_ACCOUNTS', 200),
  rounds: Math.max(1, env('BENCH_ROUNDS', 1)),
  scenarios: (process.env.BENCH_SCENARIOS ?? 'list50,list50-filtered,detail,submit,transition,pagesizes,fanout,uploads,outbox').split(',').map((s) => s.trim()),
  uploadSeconds: env('BENCH_UPLOAD_SECONDS', 15),
  uploadConnections: env('BENCH_UPLOAD_CONNECTIONS', 4),
  outboxMessages: env('BENCH_OUTBOX_MESSAGES', 20_000),
  outboxProcesses: Math.max(1, env('BENCH_OUTBOX_PROCESSES', 1)),
  outboxBatch: env('BENCH_OUTBOX_BATCH', 50),
  outboxLanes: env('BENCH_OUTBOX_LANES', 2),
};
const transitionPool = env('BENCH_TRANSITION_POOL', Math.max(5000, Math.ceil((cfg.duration + cfg.warmup) * 1200)));

/**
 * Subscribers are spread over many accounts, as in a city's offices: the server shares a
 * change's execution only between subscribers of one account, so one account would flatter it.
 * The accounts are leaders (they see every complaint), so every subscriber receives every change.
 */
/**
 * The write scenarios leave dead rows and dirty pages behind: vacuumed and checkpointed now,
 * and autovacuum given time to finish, so the fan-out's tail latency is not theirs.
 */
async function settle(dbUrl: string): Promise<void> {
  const t0 = Date.now();
  await query(dbUrl, 'VACUUM (ANALYZE)');
  await query(dbUrl, 'CHECKPOINT');
  while (Date.now() - t0 < 60_000) {
    const [{ n }] = await query<{ n: string }>(dbUrl, `SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`);
    if (Number(n) === 0) break;
    await sleep(500);
  }
  log(`database settled in ${((Date.now() - t0) / 1000).toFixed(1)}s (VACUUM, CHECKPOINT, no autovacuum running)`);
}

async function fanoutAccounts(dbUrl: string, org: Org, n: number): Promise<string[]> {
  const template = org.userByName.get('walikota');
  if (!template) throw new Error('no leader account to copy');
  const rows = await withClient(
    dbUrl,
    async (c) =>
      (
        await c.query(
          `INSERT INTO app_user (username, name, "opdId", role, "passwordHash")
       SELECT 'bench-leader-' || i, 'Bench leader ' || i, $1, $2, 'x' FROM generate_series(1, $3::int) i
       ON CONFLICT (username) DO UPDATE SET active = true RETURNING id, username`,
          [template.opdId, template.role, n],
        )
      ).rows as { id: number; username: string }[],
  );
  for (const r of rows) org.userByName.set(r.username, { ...template, id: r.id });
  return rows.map((r) => tokenFor(org, r.username));
}

const running = new Set<RunningServer>();
let cluster: Cluster | null = null;

/**
 * Our own SQL counter (EXPOSE_SQL_COUNT) tracks each request's statements with
 * AsyncLocalStorage, which costs every promise of the process: load runs as in production,
 * without it (pg_stat_statements counts for both servers), unless BENCH_SQL_COUNT=1.
 */
const COUNTED = { EXPOSE_SQL_COUNT: 'true' };
const UNDER_LOAD = process.env.BENCH_SQL_COUNT === '1' ? COUNTED : {};

async function withServer<T>(
  which: 'ours' | 'postgraphile',
  dbUrl: string,
  peer: { node: string } | null,
  fn: (s: RunningServer) => Promise<T>,
  env: Record<string, string> = UNDER_LOAD,
): Promise<T> {
  const server = which === 'ours' ? await startOurs(dbUrl, env) : await startPeer(dbUrl, peer!);
  running.add(server);
  try {
    return await fn(server);
  } finally {
    await server.stop();
    running.delete(server);
  }
}

/** One request first: a scenario whose query fails on a server is reported as such, not measured. */
async function probe(server: RunningServer, req: RequestDef): Promise<string> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(req.headers ?? {}) },
    body: JSON.stringify(req.body({})),
  });
  const text = await res.text();
  if (!res.ok || text.includes('"errors":')) throw new Error(`probe failed on ${server.name}: ${text.slice(0, 500)}`);
  return text;
}

/** Several rounds of one scenario on one server: means of the rates and percentiles, sums of the counts. */
function mergeRounds(rs: LoadResult[]): LoadResult {
  if (rs.length === 1) return rs[0];
  const mean = (f: (r: LoadResult) => number) => rs.reduce((a, r) => a + f(r), 0) / rs.length;
  const last = rs[rs.length - 1];
  return {
    ...last,
    seconds: rs.reduce((a, r) => a + r.seconds, 0),
    ok: rs.reduce((a, r) => a + r.ok, 0),
    throughput: Math.round(mean((r) => r.throughput) * 10) / 10,
    latencyMs: {
      p50: mean((r) => r.latencyMs.p50),
      p90: mean((r) => r.latencyMs.p90),
      p99: mean((r) => r.latencyMs.p99),
      mean: mean((r) => r.latencyMs.mean),
      max: Math.max(...rs.map((r) => r.latencyMs.max)),
    },
    gqlErrors: rs.reduce((a, r) => a + r.gqlErrors, 0),
    transportErrors: rs.reduce((a, r) => a + r.transportErrors, 0),
    non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
    firstError: rs.find((r) => r.firstError)?.firstError,
    sqlApp: last.sqlApp == null ? undefined : mean((r) => r.sqlApp ?? 0),
    sql: { ...last.sql, perRequest: mean((r) => r.sql.perRequest), perRequestAll: mean((r) => r.sql.perRequestAll) },
    cpuMsPerUnit: { server: mean((r) => r.cpuMsPerUnit.server), postgres: mean((r) => r.cpuMsPerUnit.postgres) },
    rounds: rs.map((r) => r.throughput),
  };
}

function versionOf(dir: string): string | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

async function main() {
  const startedAt = new Date();
  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    machine: machine(),
    versions: { node: process.version, autocannon: versionOf(path.join(ROOT, 'node_modules', 'autocannon')) ?? '?' },
    settings: { durationSeconds: cfg.duration, warmupSeconds: cfg.warmup, connections: cfg.connections, rounds: cfg.rounds, transitionPool },
    postgres: { version: '', settings: {} },
    dataset: { complaints: 0, events: 0, seedSeconds: 0 },
    scenarios: [],
    pageSizes: [],
    fanout: null,
    scale: null,
    uploads: null,
    notes: [],
  };
  log(`machine: ${report.machine.cpus} CPUs, ${report.machine.memoryGiB} GiB, Node ${process.version}, load ${report.machine.loadavg.join(' ')}`);

  snapshotBuild();
  report.versions.build = buildFingerprint();
  log(`code under test: build ${report.versions.build} (snapshot of dist/server in bench/.data/build)`);
  let peer: { node: string; version: string } | null = null;
  if (cfg.peer) {
    peer = ensurePeer();
    report.versions.peerNode = peer.version;
    report.versions.postgraphile = versionOf(path.join(BENCH_DIR, '.peer', 'node_modules', 'postgraphile')) ?? '?';
    log(`PostGraphile ${report.versions.postgraphile} on Node ${peer.version}`);
  }

  cluster = await startCluster();
  report.postgres = { version: cluster.version, settings: cluster.settings };
  log(`PostgreSQL ${cluster.version} on port ${cluster.port}`);

  const dbUrl = await recreateDatabase(cluster, BENCH_DB);
  await migrateAndSeedOrg(dbUrl);
  const seeded = await seedComplaints(dbUrl, {
    count: cfg.complaints,
    spanDays: cfg.spanDays,
    label: `seeding ${cfg.complaints.toLocaleString('en')} complaints`,
  });
  report.dataset = { complaints: seeded.complaints, events: seeded.events, seedSeconds: seeded.seconds };
  const org: Org = await withClient(dbUrl, loadOrg);
  const runTag = startedAt
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14);
  const servers: Array<'ours' | 'postgraphile'> = peer ? ['ours', 'postgraphile'] : ['ours'];

  const filtered: ListFilter = { label: 'status CLOSED, category Bansos', status: 'CLOSED', categoryId: org.categoryByCode.get('BANSOS') };
  const [{ n: filteredMatches }] = await query<{ n: string }>(dbUrl, `SELECT count(*) AS n FROM complaint WHERE status = 'CLOSED' AND "categoryId" = $1`, [
    filtered.categoryId,
  ]);

  type Scenario = { name: string; description: string; requests: (s: 'ours' | 'postgraphile') => Promise<RequestDef[]> | RequestDef[]; note?: string };
  const scenarios: Scenario[] = [
    {
      name: 'list50',
      description: `50 newest complaints with current Opd, category, programme and the last 3 events, plus the total (${cfg.complaints.toLocaleString('en')} complaints).`,
      requests: (s) => listRequests(s, org, 50, null),
    },
    {
      name: 'list50-filtered',
      description: `the same, filtered by status CLOSED and category Bansos (${Number(filteredMatches).toLocaleString('en')} matches).`,
      requests: (s) => listRequests(s, org, 50, filtered),
    },
    {
      name: 'detail',
      description: 'one complaint with its Opds, category, programme and whole timeline (each event with actor and Opd), cycling over all seeded complaints.',
      requests: (s) => detailRequests(s, org, seeded.firstId, seeded.lastId),
    },
    {
      name: 'submit',
      description:
        'submitComplaint as a complaint admin (staff: no public rate limit), a new idempotency key each time; PostGraphile: a plpgsql mutation writing the same rows.',
      requests: (s) => submitRequests(s, org, `${runTag}-${Date.now().toString(36)}`),
    },
    {
      name: 'transition',
      description:
        'forward (intake admin → Dinas Sosial) then respond (its unit head; accepts first: 2 events), per pair, each pair on a fresh VERIFIED complaint; every event insert NOTIFYs. Throughput in pairs per second, latency per request; PostGraphile: plpgsql mutations with the same writes and checks.',
      requests: async (s) => {
        const pool = await seedComplaints(dbUrl, {
          count: transitionPool,
          spanDays: 2,
          forceStatus: 'VERIFIED',
          forceIntakeCode: 'KEC-TENGAH',
          forceAdmin: 'admin.tengah',
          label: `transition pool for ${s}`,
        });
        return transitionRequests(s, org, { first: pool.firstId, last: pool.lastId });
      },
    },
  ];

  const countPageSizes = async () => {
    if (cfg.scenarios.includes('pagesizes')) {
      const sizes = [10, 50, 200, 1000];
      const rows: PageSizeCount[] = sizes.map((perPage) => ({ perPage, oursApp: null, oursPgss: NaN, pglPgss: null }));
      for (const which of servers) {
        try {
          await withServer(
            which,
            dbUrl,
            peer,
            async (server) => {
              for (const row of rows) {
                const body =
                  which === 'ours'
                    ? { query: OURS_LIST, variables: { filter: null, perPage: row.perPage } }
                    : { query: PGL_LIST, variables: { condition: null, first: row.perPage } };
                const headers: Record<string, string> = which === 'ours' ? { authorization: `Bearer ${tokenFor(org, 'superadmin')}` } : {};
                await probe(server, { headers, body: () => body });
                await resetStatements(dbUrl);
                let app = 0;
                const n = 5;
                for (let i = 0; i < n; i++) {
                  const text = await probe(server, { headers, body: () => body });
                  const m = /"sqlStatements":(\d+)/.exec(text);
                  if (m) app += Number(m[1]);
                }
                const s = await readStatements(dbUrl, n);
                if (which === 'ours') {
                  row.oursApp = app / n;
                  row.oursPgss = s.perRequest;
                } else row.pglPgss = s.perRequest;
              }
            },
            COUNTED,
          );
        } catch (err) {
          report.notes.push(`Page-size count on ${which} failed: ${(err as Error).message}`);
        }
      }
      report.pageSizes = rows;
    }
  };

  for (const sc of scenarios) {
    // The page-size count runs on the read-only data, before the write scenarios add complaints.
    if (sc.name === 'submit') await countPageSizes();
    if (!cfg.scenarios.includes(sc.name)) continue;
    const entry: BenchReport['scenarios'][number] = { name: sc.name, description: sc.description };
    report.scenarios.push(entry);
    const results: Record<string, LoadResult[]> = { ours: [], postgraphile: [] };
    for (let round = 0; round < cfg.rounds; round++) {
      // ABBA: the second round runs the servers in the other order, so a drifting machine favours neither.
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      for (const which of order) {
        try {
          const requests = await sc.requests(which);
          await withServer(which, dbUrl, peer, async (server) => {
            // The probe of a write scenario would use up a pool item: probe reads only.
            if (!['submit', 'transition'].includes(sc.name)) await probe(server, requests[0]);
            log(`${sc.name} on ${which}${cfg.rounds > 1 ? ` (round ${round + 1})` : ''}: ${cfg.warmup}s warm-up + ${cfg.duration}s`);
            const r: LoadResult = await runLoad({
              server,
              scenario: sc.name,
              dbUrl,
              requests,
              connections: cfg.connections,
              seconds: cfg.duration,
              warmupSeconds: cfg.warmup,
            });
            results[which].push(r);
            log(
              `${sc.name} on ${which}: ${r.throughput}/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, SQL/req ${r.sql.perRequest}` +
                `${r.sqlApp != null ? ` (own count ${r.sqlApp})` : ''}, CPU ms/unit server ${r.cpuMsPerUnit.server} + PG ${r.cpuMsPerUnit.postgres}, errors ${r.gqlErrors + r.transportErrors}`,
            );
          });
        } catch (err) {
          entry.failed = `${which}: ${(err as Error).message}`;
          log(`${sc.name} on ${which} failed: ${(err as Error).message}`);
        }
      }
    }
    for (const which of servers) if (results[which].length) entry[which] = mergeRounds(results[which]);
  }
  if (!report.pageSizes.length) await countPageSizes();

  if (cfg.scenarios.includes('fanout') && cfg.fanoutLevels.length) {
    try {
      await settle(dbUrl);
      await withServer('ours', dbUrl, null, async (server) => {
        const tokens = await fanoutAccounts(dbUrl, org, cfg.fanoutAccounts);
        report.fanout = await runFanout({ server, dbUrl, tokens, levels: cfg.fanoutLevels, commits: cfg.fanoutCommits, complaintId: seeded.firstId });
      });
    } catch (err) {
      report.fanoutError = (err as Error).message;
      log(`fan-out failed: ${report.fanoutError}`);
    }
  }

  if (cfg.scenarios.includes('uploads')) {
    // Photos of about 1 MB to complaints of the admin's own intake; the server counts its statements for the list that follows.
    const dir = uploadDir(BENCH_DIR);
    try {
      const pool = await seedComplaints(dbUrl, {
        count: 40,
        spanDays: 2,
        forceStatus: 'VERIFIED',
        forceIntakeCode: 'KEC-TENGAH',
        forceAdmin: 'admin.tengah',
        label: 'complaints for the uploads',
      });
      const ids = Array.from({ length: pool.lastId - pool.firstId + 1 }, (_, i) => pool.firstId + i);
      await withServer(
        'ours',
        dbUrl,
        null,
        async (server) => {
          log(`uploads on ours: ${cfg.uploadConnections} uploaders, ${cfg.uploadSeconds}s`);
          report.uploads = await runUploads({
            server,
            token: tokenFor(org, 'admin.tengah'),
            complaintIds: ids,
            connections: cfg.uploadConnections,
            seconds: cfg.uploadSeconds,
          });
          const u = report.uploads;
          log(
            `uploads: ${u.uploadsPerSecond}/s (${u.mbPerSecond} MB/s of ${Math.round(u.photoBytes / 1024)} KB photos), PUT p50 ${u.putMs.p50} ms p99 ${u.putMs.p99} ms, ` +
              `CPU ${u.serverCpuMsPerUpload} ms/upload, errors ${u.errors}; list with attachmentCount: ${u.listStatements} statement(s)`,
          );
        },
        { ...COUNTED, ATTACHMENTS_DIR: dir, ATTACHMENT_MAX_FILES: '100000', ATTACHMENT_MAX_COMPLAINT_MB: '100000' },
      );
    } catch (err) {
      report.uploadsError = (err as Error).message;
      log(`uploads failed: ${report.uploadsError}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  if (cfg.scenarios.includes('outbox')) {
    try {
      report.outbox = await runOutbox({
        dbUrl,
        org,
        connections: cfg.connections,
        seconds: cfg.duration,
        warmupSeconds: cfg.warmup,
        pool: () =>
          seedComplaints(dbUrl, {
            count: transitionPool,
            spanDays: 2,
            forceStatus: 'VERIFIED',
            forceIntakeCode: 'KEC-TENGAH',
            forceAdmin: 'admin.tengah',
            label: 'transition pool for the outbox',
          }),
        drainMessages: cfg.outboxMessages,
        drainProcesses: cfg.outboxProcesses,
        batchSize: cfg.outboxBatch,
        lanes: cfg.outboxLanes,
        rounds: Math.max(2, cfg.rounds),
        settle: () => settle(dbUrl),
        merge: mergeRounds,
        track: (server) => {
          running.add(server);
          return () => void running.delete(server);
        },
      });
    } catch (err) {
      report.outboxError = (err as Error).message;
      log(`outbox failed: ${(err as Error).stack}`);
    }
  }

  if (cfg.scale) {
    try {
      report.scale = await runScale({
        cluster,
        spec: { complaints: cfg.scaleComplaints, spanDays: cfg.scaleDays },
        peer,
        requests: cfg.scaleRequests,
        experiment: cfg.scaleExperiment,
        screenRequests: cfg.screenRequests,
        screensOnly: cfg.screensOnly,
      });
    } catch (err) {
      report.scaleError = (err as Error).message;
      log(`scale failed: ${(err as Error).stack}`);
    }
  }

  report.notes.push(
    'Both servers are child processes started for each scenario (ours: `node server/main.js` from a snapshot of dist/ taken at the start, APP_MODE=demo without seeding, NODE_ENV=production, the deadline sweeper off, its own SQL counter off under load as in production and on for the page-size count; PostGraphile: amber preset over schema `public` (+ `bench_pgl` for the write functions), NODE_ENV=production, no GraphiQL/explain). Pools of 10 connections each.',
    'Ours is called as staff with a signed token (superadmin for reads: row scope ALL, like PostGraphile without RLS; the intake admin and the unit head for writes); PostGraphile gets no token (no RLS, no pgSettings).',
    "Equivalent queries: the same columns, relations and ordering (createdAt DESC, id DESC); the last 3 events are `events(last: 3)` on ours and `complaintEventsByComplaintId(first: 3, orderBy: ROW_ID_DESC)` on PostGraphile; the total is `total` / `totalCount`. Filters use PostGraphile's `condition` (equality on indexed columns) and our `filter`.",
    "How ours reads (server/modules/complaints/complaint.preload.ts, server/app/compiled.ts): a list or a single complaint is ONE named prepared statement built from the request's selection — the page, its total, and only the columns and relations the selection shows (the last N events as a LATERAL) — primed into the request's DataLoaders; queries run compiled by graphql-jit from their second use. Writes are transactions: a transition reads the complaint, then inserts its events (whose trigger NOTIFYs), moves the handling episode and updates the complaint row in one statement; a submission takes the sequence, inserts the complaint, then its event and episode; each of these is a named prepared statement.",
    'Writes on PostGraphile are plpgsql functions exposed as mutations (the idiomatic PostGraphile way): the same rows (complaint version +1, lastEventId, events with their NOTIFY trigger) and the same status / Opd / unit-head / central-rule checks, but in one round trip and with fixed-interval deadlines instead of our working-day calendar.',
    'SQL statements per request: ours from its own counter (`extensions.sqlStatements`, which leaves out START TRANSACTION/COMMIT; page-size table, and under load with BENCH_SQL_COUNT=1) and, for both servers alike, from pg_stat_statements (preloaded in the embedded cluster): calls of every statement in the database during the measured run ÷ responses, transaction control (BEGIN/COMMIT/SET) shown separately as "tx".',
    "Throughput counts responses without GraphQL errors ÷ the measured seconds; latency percentiles are autocannon's. The load generator runs in the harness process on the same 2 cores as the server under test and PostgreSQL.",
    'CPU ms per unit: user + system CPU of the server process, and of PostgreSQL (the postmaster and all its children), during the measured run ÷ requests (÷ pairs for `transition`), from /proc. It depends much less than req/s on what else the shared machine is doing (it still varies by some 10–30 % between rounds), so it is the steadier measure of cost.',
    `PostgreSQL settings: ${Object.entries(report.postgres.settings)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}; everything else default.`,
  );
  report.finishedAt = new Date().toISOString();

  const dir = path.join(BENCH_DIR, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
  // The console's figures on a slow link come from a browser test (tests/e2e/network.test.ts), not this run: carried over.
  const consoleNetwork = path.join(BENCH_DIR, 'console-network.md');
  const md = toMarkdown(report) + (fs.existsSync(consoleNetwork) ? `\n${fs.readFileSync(consoleNetwork, 'utf8')}` : '');
  fs.writeFileSync(path.join(dir, `${stamp}.json`), JSON.stringify(report, null, 2));
  fs.writeFileSync(path.join(dir, `${stamp}.md`), md);
  fs.writeFileSync(path.join(BENCH_DIR, 'README.md'), md);
  log(`report: bench/results/${stamp}.md (copied to bench/README.md)`);
}

async function cleanup() {
  for (const s of running) await s.stop().catch(() => undefined);
  running.clear();
  await cluster?.stop().catch(() => undefined);
  cluster = null;
}

process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .then(cleanup)
  .then(() => process.exit(0))
  .catch(async (err) => {
    console.error(err);
    await cleanup();
    process.exit(1);
  });
