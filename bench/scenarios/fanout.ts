import WebSocket from 'ws';
import { openClient, type PgClient } from '../lib/db';
import type { RunningServer } from '../lib/servers';
import { log, percentile, round, rssOf, sleep } from '../lib/util';

/** What the console's dashboard subscribes to (admin/src/dashboard/stats.ts), plus the complaint's status. */
const SUBSCRIPTION = 'subscription { complaintChanged { cursor event { id type } complaint { id status } } }';
/** Writers committing at the same moment in each round: their commit order is not their id order. */
const WRITERS = Math.max(1, Number(process.env.BENCH_FANOUT_WRITERS ?? 2));

export interface FanoutLevel {
  subscribers: number;
  connected: number;
  commits: number;
  /** Per commit: from the commit being acknowledged to the last subscriber's message, ms. */
  lastSubscriberMs: { p50: number; p99: number; max: number };
  /** Every delivery of every commit, ms. */
  deliveryMs: { p50: number; p99: number };
  missed: number;
  /** Concurrent writers per round (each round: one commit from each). */
  writers: number;
  /** Changes a subscriber received twice, and received after a later one (by cursor). */
  duplicates: number;
  outOfOrder: number;
  serverRssMiB: number;
  rssPerConnectionKiB: number;
  /** Distinct accounts the subscribers are spread over. */
  accounts: number;
  connectSeconds: number;
}

interface Client {
  ws: WebSocket;
  seen: Set<string>;
  lastPosition: number;
}

const positionOf = (cursor: string) => Number(Buffer.from(cursor, 'base64url').toString().slice(3));

/**
 * graphql-ws (graphql-transport-ws protocol) subscribers in this process, spoken to with
 * `ws` directly so the client side stays cheap: a message is timed on arrival and only its
 * event id and cursor are read. Each round, WRITERS connections insert an INTERNAL_NOTE event
 * over SQL at the same moment; each commit is timed when PostgreSQL acknowledges it, and the
 * triggers do the rest. Every subscriber must get every change once, in cursor order.
 */
export async function runFanout(opts: {
  server: RunningServer;
  dbUrl: string;
  /** Subscribers connect round-robin with these tokens, one per account. */
  tokens: string[];
  levels: number[];
  commits: number;
  complaintId: number;
}): Promise<FanoutLevel[]> {
  const wsUrl = opts.server.url.replace(/^http/, 'ws');
  const clients: Client[] = [];
  // Arrival times by event id: a message is timed before anything else is done with it.
  const arrivals = new Map<string, number[]>();
  let current = new Set<string>();
  let target = 0;
  let onAll: (() => void) | null = null;
  let duplicates = 0;
  let outOfOrder = 0;

  const onMessage = (client: Client, data: WebSocket.RawData) => {
    const at = performance.now();
    const s = data.toString();
    const m = /"cursor":"([^"]+)","event":\{"id":"(\d+)"/.exec(s);
    if (!m) return;
    const [, cursor, id] = m;
    if (client.seen.has(id)) duplicates++;
    client.seen.add(id);
    const position = positionOf(cursor);
    if (position <= client.lastPosition) outOfOrder++;
    client.lastPosition = position;
    let list = arrivals.get(id);
    if (!list) arrivals.set(id, (list = []));
    list.push(at);
    if (current.has(id) && list.length >= target && [...current].every((c) => (arrivals.get(c)?.length ?? 0) >= target)) onAll?.();
  };

  let made = 0;
  const connectOne = () =>
    new Promise<Client>((resolve, reject) => {
      const token = opts.tokens[made++ % opts.tokens.length];
      const ws = new WebSocket(wsUrl, 'graphql-transport-ws', { perMessageDeflate: false });
      const timer = setTimeout(() => reject(new Error('connect timeout')), 30_000);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
      ws.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      const first = (data: WebSocket.RawData) => {
        const s = data.toString();
        if (s.includes('connection_ack')) {
          clearTimeout(timer);
          ws.off('message', first);
          const client: Client = { ws, seen: new Set(), lastPosition: 0 };
          ws.on('message', (d) => onMessage(client, d));
          ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
          resolve(client);
        }
      };
      ws.on('message', first);
    });

  const results: FanoutLevel[] = [];
  await sleep(1000);
  const rss0 = rssOf(opts.server.pid);
  const writers = await Promise.all(Array.from({ length: WRITERS }, () => openClient(opts.dbUrl)));
  try {
    const commit = async (db: PgClient): Promise<{ at: number; id: string }> => {
      const r = await db.query(
        `INSERT INTO complaint_event ("complaintId", type, public, message, data) VALUES ($1, 'INTERNAL_NOTE', false, 'bench fan-out', '{}') RETURNING id`,
        [opts.complaintId],
      );
      return { at: performance.now(), id: String(r.rows[0].id) };
    };
    /** Concurrent changes; resolves with each one's arrival times (relative to its commit) once all have them or the time is up. */
    const round1 = async (expect: number, timeoutMs: number, count = WRITERS) => {
      target = expect;
      current = new Set();
      const done = new Promise<void>((resolve) => {
        onAll = resolve;
        setTimeout(resolve, timeoutMs);
      });
      const commits = await Promise.all(writers.slice(0, count).map(commit));
      current = new Set(commits.map((c) => c.id));
      if (commits.every((c) => (arrivals.get(c.id)?.length ?? 0) >= expect)) onAll?.();
      await done;
      onAll = null;
      current = new Set();
      const got = commits.map((c) => (arrivals.get(c.id) ?? []).map((t) => t - c.at));
      arrivals.clear();
      return got;
    };

    for (const level of opts.levels) {
      const t0 = Date.now();
      while (clients.length < level) {
        const batch = Math.min(250, level - clients.length);
        const made = await Promise.allSettled(Array.from({ length: batch }, connectOne));
        for (const m of made) if (m.status === 'fulfilled') clients.push(m.value);
        if (made.every((m) => m.status === 'rejected')) throw new Error(`no subscriber could connect: ${(made[0] as PromiseRejectedResult).reason}`);
      }
      const connectSeconds = (Date.now() - t0) / 1000;
      // Subscriptions start asynchronously after `subscribe`: warm up until every one receives.
      let warm = 0;
      for (let i = 0; i < 10; i++) {
        warm = (await round1(clients.length, 10_000, 1))[0].length;
        if (warm >= clients.length) break;
      }
      log(
        `fan-out: ${clients.length} subscribers (${Math.min(opts.tokens.length, clients.length)} accounts) connected in ${connectSeconds.toFixed(1)}s; ${warm} received the warm-up change`,
      );
      await sleep(1000);
      const rss = rssOf(opts.server.pid);
      const lasts: number[] = [];
      const all: number[] = [];
      let missed = 0;
      duplicates = 0;
      outOfOrder = 0;
      for (let i = 0; i < opts.commits; i += WRITERS) {
        for (const lat of await round1(clients.length, 10_000 + clients.length)) {
          missed += clients.length - lat.length;
          if (lat.length) lasts.push(Math.max(...lat));
          all.push(...lat);
        }
        await sleep(100);
      }
      results.push({
        subscribers: level,
        connected: clients.length,
        commits: opts.commits,
        lastSubscriberMs: { p50: round(percentile(lasts, 50), 1), p99: round(percentile(lasts, 99), 1), max: round(Math.max(...lasts), 1) },
        deliveryMs: { p50: round(percentile(all, 50), 1), p99: round(percentile(all, 99), 1) },
        missed,
        writers: WRITERS,
        duplicates,
        outOfOrder,
        serverRssMiB: round(rss / 2 ** 20, 1),
        rssPerConnectionKiB: round((rss - rss0) / clients.length / 1024, 1),
        connectSeconds: round(connectSeconds, 1),
        accounts: Math.min(opts.tokens.length, clients.length),
      });
      const r = results.at(-1)!;
      log(
        `fan-out ${level} (${WRITERS} writers): last subscriber p50 ${r.lastSubscriberMs.p50} ms, p99 ${r.lastSubscriberMs.p99} ms; missed ${r.missed}, duplicates ${r.duplicates}, out of order ${r.outOfOrder}; ${r.rssPerConnectionKiB} KiB RSS per connection`,
      );
    }
  } finally {
    await Promise.all(writers.map((w) => w.end()));
  }
  for (const c of clients) c.ws.terminate();
  await sleep(500);
  return results;
}
