import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { query } from '../lib/db';
import { runLoad, type LoadResult } from '../lib/load';
import type { Org } from '../lib/seed';
import { startOurs, type RunningServer } from '../lib/servers';
import { log, round, sleep } from '../lib/util';
import { transitionRequests } from './http';

export interface OutboxResult {
  /** Forward + respond pairs per second: no channel configured (the console's messages only) and every channel on. */
  without: LoadResult;
  /** Channels on and the dispatcher sending on the same two cores while the load runs. */
  with: LoadResult;
  ratio: number;
  /** Channels on, the dispatcher off: the rows written with each change and nothing else. */
  writeOnly: LoadResult;
  writeOnlyRatio: number;
  /** Outbox rows the transitions wrote during the measured run with channels on, by channel. */
  writtenWith: Record<string, number>;
  writtenWithout: Record<string, number>;
  writtenWriteOnly?: Record<string, number>;
  /** What the dispatcher sent during that run, by channel (SENT rows). */
  sentDuringRun: Record<string, number>;
  /** seconds: first to last send; wallSeconds: from asking the processes to start until the outbox was empty. */
  drain: {
    messages: number;
    seconds: number;
    wallSeconds: number;
    perSecond: number;
    processes: number;
    batchSize: number;
    lanes: number;
    providerRequests: number;
    left: number;
  };
}

export interface OutboxSpec {
  dbUrl: string;
  org: Org;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** A fresh pool of VERIFIED complaints at the intake the transition requests use. */
  pool: () => Promise<{ firstId: number; lastId: number }>;
  drainMessages: number;
  drainProcesses: number;
  batchSize: number;
  lanes: number;
  track(server: RunningServer): () => void;
  /** VACUUM, CHECKPOINT, and no autovacuum running. */
  settle(): Promise<void>;
  /** Each variant runs this many times, in ABBA order, so a drifting machine favours neither. */
  rounds: number;
  merge(results: LoadResult[]): LoadResult;
}

const byChannel = async (dbUrl: string, where: string, params: unknown[]) =>
  Object.fromEntries(
    (
      await query<{ channel: string; n: string }>(
        dbUrl,
        `SELECT channel, count(*) AS n FROM notification WHERE ${where} GROUP BY channel ORDER BY channel`,
        params,
      )
    ).map((r) => [r.channel, Number(r.n)]),
  );

/**
 * Issue #18: the price of notifications on the write path, and how fast the backlog drains.
 * The same transitions (forward, then the unit head's answer) run on a server with no channel
 * configured, and on servers with e-mail and WhatsApp on (every reporter with an e-mail address
 * and a phone, quiet hours off): once with the dispatcher off, so only the outbox rows are
 * written, and once with it sending to local providers (bench/sink-server.ts) while the load runs.
 * Then a backlog written straight into the outbox is drained to the local WhatsApp provider.
 */
export async function runOutbox(spec: OutboxSpec): Promise<OutboxResult> {
  const sinks = await startSinks();
  const channelsOn = {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sinks.smtp),
    SMTP_FROM: '"LAPOR Bench" <lapor@bench.test>',
    WHATSAPP_API_URL: `http://127.0.0.1:${sinks.http}/v21.0`,
    WHATSAPP_PHONE_NUMBER_ID: '1098765',
    WHATSAPP_TOKEN: 'bench-token',
    NOTIFY_QUIET_HOURS: 'off',
    NOTIFY_INTERVAL_MS: '50',
    NOTIFY_BATCH_SIZE: String(spec.batchSize),
    NOTIFY_CONCURRENCY: String(spec.lanes),
  };
  // What a run with the dispatcher off left unsent is not the next run's work.
  const settleOutbox = () =>
    query(spec.dbUrl, `UPDATE notification SET status = 'SENT', "sentAt" = now(), "nextAttemptAt" = NULL WHERE status IN ('PENDING', 'FAILED')`);
  const measure = async (label: string, env: Record<string, string>, contacts: boolean) => {
    const pool = await spec.pool();
    await settleOutbox();
    // Each pool's seeding leaves dead rows and dirty pages behind: cleared before each run, so no run pays for the one before.
    await spec.settle();
    if (contacts) {
      await query(
        spec.dbUrl,
        `UPDATE complaint SET "reporterEmail" = 'pelapor' || id || '@contoh.id', "reporterPhone" = '0812' || lpad(id::text, 8, '0'), "notifyReporter" = true
          WHERE id BETWEEN $1 AND $2`,
        [pool.firstId, pool.lastId],
      );
    }
    const server = await startOurs(spec.dbUrl, env);
    const untrack = spec.track(server);
    try {
      log(`outbox: transitions ${label}: ${spec.warmupSeconds}s warm-up + ${spec.seconds}s`);
      const [{ max }] = await query<{ max: string | null }>(spec.dbUrl, 'SELECT max(id) AS max FROM notification');
      const result = await runLoad({
        server,
        scenario: 'transition',
        dbUrl: spec.dbUrl,
        requests: transitionRequests('ours', spec.org, { first: pool.firstId, last: pool.lastId }),
        connections: spec.connections,
        seconds: spec.seconds,
        warmupSeconds: spec.warmupSeconds,
      });
      const written = await byChannel(spec.dbUrl, `id > $1 AND "complaintId" BETWEEN $2 AND $3`, [max ?? 0, pool.firstId, pool.lastId]);
      const sent = await byChannel(spec.dbUrl, `id > $1 AND "complaintId" BETWEEN $2 AND $3 AND status = 'SENT' AND channel <> 'IN_CONSOLE'`, [
        max ?? 0,
        pool.firstId,
        pool.lastId,
      ]);
      log(`outbox: ${label}: ${result.throughput} pairs/s, p99 ${result.latencyMs.p99} ms; written ${JSON.stringify(written)}, sent ${JSON.stringify(sent)}`);
      return { result, written, sent };
    } finally {
      untrack();
      await server.stop();
    }
  };

  try {
    type Variant = 'without' | 'written' | 'on';
    const variants: Record<Variant, () => ReturnType<typeof measure>> = {
      without: () => measure('without channels', {}, false),
      // The same rows written, nothing sent during the run (the dispatcher off): the write path's own price.
      written: () => measure('with e-mail and WhatsApp on, dispatcher off', { ...channelsOn, NOTIFY_INTERVAL_MS: '0' }, true),
      on: () => measure('with e-mail and WhatsApp on, dispatcher sending', channelsOn, true),
    };
    const runs: Record<Variant, Awaited<ReturnType<typeof measure>>[]> = { without: [], written: [], on: [] };
    for (let round = 0; round < spec.rounds; round++) {
      const order: Variant[] = round % 2 === 0 ? ['without', 'written', 'on'] : ['on', 'written', 'without'];
      for (const which of order) runs[which].push(await variants[which]());
    }
    const sum = (rs: Awaited<ReturnType<typeof measure>>[], key: 'written' | 'sent') => {
      const total: Record<string, number> = {};
      for (const r of rs) for (const [k, v] of Object.entries(r[key])) total[k] = (total[k] ?? 0) + v;
      return total;
    };
    const merged = (v: Variant) => ({ result: spec.merge(runs[v].map((r) => r.result)), written: sum(runs[v], 'written'), sent: sum(runs[v], 'sent') });
    const without = merged('without');
    const written = merged('written');
    const on = merged('on');
    await settleOutbox();

    // The backlog: WhatsApp messages written straight into the outbox, due now, for the dispatchers of N processes.
    const [{ id: complaintId }] = await query<{ id: number }>(spec.dbUrl, 'SELECT min(id) AS id FROM complaint');
    await query(
      spec.dbUrl,
      `INSERT INTO notification (channel, status, template, "recipientAddress", "complaintId", "eventId", "dedupeKey", subject, body, attempts, "nextAttemptAt", "createdAt", "updatedAt")
       SELECT 'WHATSAPP', 'PENDING', 'PROGRESS_TO_REPORTER', '0812' || lpad(g::text, 8, '0'), $1, (SELECT "lastEventId" FROM complaint WHERE id = $1), 'bench-drain-' || g || '-' || $3,
              '[MGL-BENCH] Perkembangan pengaduan Anda', 'Yth. Bapak/Ibu,' || chr(10) || 'Perkembangan pengaduan Anda: petugas sudah meninjau lokasi.', 0, now(), now(), now()
         FROM generate_series(1, $2::int) g`,
      [complaintId, spec.drainMessages, Date.now()],
    );
    const before = (await sinks.count()).http;
    const started = Date.now();
    const servers = await Promise.all(
      Array.from({ length: spec.drainProcesses }, () => startOurs(spec.dbUrl, { ...channelsOn, SMTP_HOST: '', SMTP_PORT: '', SMTP_FROM: '' })),
    );
    const untrack = servers.map((s) => spec.track(s));
    let left = spec.drainMessages;
    let wall = 0;
    try {
      const deadline = Date.now() + 600_000;
      while (Date.now() < deadline) {
        const [{ n }] = await query<{ n: string }>(spec.dbUrl, `SELECT count(*) AS n FROM notification WHERE status IN ('PENDING', 'FAILED')`);
        left = Number(n);
        if (left === 0) break;
        await sleep(50);
      }
      wall = (Date.now() - started) / 1000;
    } finally {
      untrack.forEach((u) => u());
      await Promise.all(servers.map((s) => s.stop()));
    }
    const [{ first, last }] = await query<{ first: Date; last: Date }>(
      spec.dbUrl,
      `SELECT min("sentAt") AS first, max("sentAt") AS last FROM notification WHERE "dedupeKey" LIKE 'bench-drain-%'`,
    );
    const sentSpan = (new Date(last).getTime() - new Date(first).getTime()) / 1000;
    log(
      `outbox: drained ${spec.drainMessages - left} messages with ${spec.drainProcesses} process(es): first to last send ${round(sentSpan, 2)} s (${round(wall, 1)} s with start-up)`,
    );
    return {
      without: without.result,
      with: on.result,
      ratio: round(on.result.throughput / without.result.throughput, 3),
      writeOnly: written.result,
      writeOnlyRatio: round(written.result.throughput / without.result.throughput, 3),
      writtenWith: on.written,
      writtenWriteOnly: written.written,
      writtenWithout: without.written,
      sentDuringRun: on.sent,
      drain: {
        messages: spec.drainMessages - left,
        seconds: round(sentSpan, 2),
        wallSeconds: round(wall, 1),
        perSecond: round((spec.drainMessages - left) / sentSpan, 0),
        processes: spec.drainProcesses,
        batchSize: spec.batchSize,
        lanes: spec.lanes,
        providerRequests: (await sinks.count()).http - before,
        left,
      },
    };
  } finally {
    sinks.stop();
  }
}

/** bench/sink-server.ts in a child process: its ports, what it has counted, and a way to stop it. */
async function startSinks(): Promise<{ http: number; smtp: number; count(): Promise<{ http: number; smtp: number }>; stop(): void }> {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'sink-server.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const first = await lines[Symbol.asyncIterator]().next();
  if (first.done) throw new Error('the bench sinks did not start');
  const ports = JSON.parse(first.value as string) as { http: number; smtp: number };
  return {
    ...ports,
    count: async () => (await (await fetch(`http://127.0.0.1:${ports.http}/count`)).json()) as { http: number; smtp: number },
    stop: () => void child.kill('SIGTERM'),
  };
}
