import WebSocket from 'ws';
import { withClient } from '../lib/db';
import type { RunningServer } from '../lib/servers';
import { log, percentile, round, rssOf, sleep } from '../lib/util';

/** What the console's dashboard subscribes to (admin/src/dashboard/stats.ts), plus the complaint's status. */
const SUBSCRIPTION = 'subscription { complaintChanged { event { id type } complaint { id status } } }';

export interface FanoutLevel {
  subscribers: number;
  connected: number;
  commits: number;
  /** Per commit: from the commit being acknowledged to the last subscriber's message, ms. */
  lastSubscriberMs: { p50: number; p99: number; max: number };
  /** Every delivery of every commit, ms. */
  deliveryMs: { p50: number; p99: number };
  missed: number;
  serverRssMiB: number;
  rssPerConnectionKiB: number;
  /** Distinct accounts the subscribers are spread over. */
  accounts: number;
  connectSeconds: number;
}

interface Client {
  ws: WebSocket;
}

/**
 * graphql-ws (graphql-transport-ws protocol) subscribers in this process, spoken to with
 * `ws` directly so the client side stays cheap: a message is timed on arrival and only its
 * event id is read. The change is an INTERNAL_NOTE event inserted over SQL; the commit is
 * timed when PostgreSQL acknowledges it, and the trigger's NOTIFY does the rest.
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
  let current = '';
  let target = 0;
  let onAll: (() => void) | null = null;

  const onMessage = (data: WebSocket.RawData) => {
    const at = performance.now();
    const s = data.toString();
    const m = /"event":\{"id":"(\d+)"/.exec(s);
    if (!m) return;
    let list = arrivals.get(m[1]);
    if (!list) arrivals.set(m[1], (list = []));
    list.push(at);
    if (m[1] === current && list.length >= target) onAll?.();
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
          ws.on('message', onMessage);
          ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
          resolve({ ws });
        }
      };
      ws.on('message', first);
    });

  const results: FanoutLevel[] = [];
  await sleep(1000);
  const rss0 = rssOf(opts.server.pid);
  await withClient(opts.dbUrl, async (db) => {
    const commit = async (): Promise<{ at: number; id: string }> => {
      const r = await db.query(
        `INSERT INTO complaint_event ("complaintId", type, public, message, data) VALUES ($1, 'INTERNAL_NOTE', false, 'bench fan-out', '{}') RETURNING id`,
        [opts.complaintId],
      );
      return { at: performance.now(), id: String(r.rows[0].id) };
    };
    /** One change; resolves with the arrival times (relative to the commit) once all have it or the time is up. */
    const round1 = async (expect: number, timeoutMs: number) => {
      target = expect;
      current = '';
      const done = new Promise<void>((resolve) => {
        onAll = resolve;
        setTimeout(resolve, timeoutMs);
      });
      const c = await commit();
      current = c.id;
      if ((arrivals.get(c.id)?.length ?? 0) >= expect) onAll?.();
      await done;
      onAll = null;
      current = '';
      const got = arrivals.get(c.id) ?? [];
      arrivals.clear();
      return got.map((t) => t - c.at);
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
        warm = (await round1(clients.length, 10_000)).length;
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
      for (let i = 0; i < opts.commits; i++) {
        const lat = await round1(clients.length, 10_000 + clients.length);
        missed += clients.length - lat.length;
        if (lat.length) lasts.push(Math.max(...lat));
        all.push(...lat);
        await sleep(100);
      }
      results.push({
        subscribers: level,
        connected: clients.length,
        commits: opts.commits,
        lastSubscriberMs: { p50: round(percentile(lasts, 50), 1), p99: round(percentile(lasts, 99), 1), max: round(Math.max(...lasts), 1) },
        deliveryMs: { p50: round(percentile(all, 50), 1), p99: round(percentile(all, 99), 1) },
        missed,
        serverRssMiB: round(rss / 2 ** 20, 1),
        rssPerConnectionKiB: round((rss - rss0) / clients.length / 1024, 1),
        connectSeconds: round(connectSeconds, 1),
        accounts: Math.min(opts.tokens.length, clients.length),
      });
      log(
        `fan-out ${level}: last subscriber p50 ${results.at(-1)!.lastSubscriberMs.p50} ms, p99 ${results.at(-1)!.lastSubscriberMs.p99} ms; ${results.at(-1)!.rssPerConnectionKiB} KiB RSS per connection`,
      );
    }
  });
  for (const c of clients) c.ws.terminate();
  await sleep(500);
  return results;
}
